"""The command line's year commands and words (spec/cli.md): `close` and `reopen` with
their exit codes, dates as YYYY-MM-DD or dd/mm/yyyy, and `--help` and argparse's own
messages in Vietnamese."""

import json
import re

import pytest

from tanhoi_desktop.__main__ import build_parser
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.store import Store

from .test_cli import _digest, run


@pytest.fixture
def commune(tmp_path):
    """Four units in CT1's scope, A led by a woman since 2025, D waived (spec example)."""
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        for code in "ABCD":
            s.records.save("units", {"code": code, "name": f"Phòng {code}",
                                     "special_sector": code == "D"})
        s.records.save("cadres", {"code": "CB1", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ",
                                  "unit_code": "A"})
        s.records.save("posts", {"cadre_code": "CB1", "unit_code": "A", "title": "Phó Trưởng phòng",
                                 "level": "Cấp phó", "from_date": "2025-01-01"})
        s.records.save("cadres", {"code": "CB2", "full_name": "Trần Văn Dũng", "gender": "Nam",
                                  "unit_code": "D"})
    return path

# argparse's English words, which must never reach the user
ENGLISH = re.compile(r"usage|options|positional|show this help|arguments|required|"
                     r"invalid|error|expected|unrecognized|choose from", re.IGNORECASE)


def _audit_actions(path):
    with Store.open(path) as store:
        return [r["action"] for r in store._rows("SELECT action FROM audit_log ORDER BY id")]


def test_close_freezes_the_year_and_refuses_a_second_close(commune):
    out = run("close", "--db", commune, "--year", 2026, "--as-of", "14/11/2026")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Đã chốt số liệu năm 2026, tính đến ngày 14/11/2026: CT1 ")
    with Store.open(commune) as store:
        closed = indicators.closed_years(store)
    assert [(c.year, c.as_of.isoformat()) for c in closed] == [(2026, "2026-11-14")]
    assert closed[0].indicators["CT1"] == (1, 4)
    assert [w.code for w in closed[0].waived] == ["D"]
    before = _digest(commune)
    again = run("close", "--db", commune, "--year", 2026, "--as-of", "2026-12-31")
    assert again.returncode == 2
    assert again.stderr.strip() == ("Năm 2026 đã được chốt số liệu; muốn chốt lại phải mở lại "
                                    "năm đó trước.")
    assert _digest(commune) == before
    report = json.loads(run("report", "--db", commune, "--as-of", "2026-12-01",
                            "--json").stdout)
    assert report["closed"]["as_of"] == "2026-11-14"


def test_reopen_is_an_entry_of_the_audit_trail(commune):
    assert run("close", "--db", commune, "--year", "2026", "--as-of", "2026-11-14"
               ).returncode == 0
    out = run("reopen", "--db", commune, "--year", "2026")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Đã mở lại năm 2026: số liệu của năm không còn chốt."
    with Store.open(commune) as store:
        assert indicators.closed_years(store) == []
    assert _audit_actions(commune)[-2:] == ["snapshot", "reopen"]
    # a year that is not closed: one sentence, exit 2, nothing changed
    before = _digest(commune)
    again = run("reopen", "--db", commune, "--year", "2026")
    assert again.returncode == 2 and again.stderr.strip() == "Năm 2026 chưa được chốt số liệu."
    assert _digest(commune) == before


def test_close_refuses_a_date_outside_the_year_and_a_missing_file(commune, tmp_path):
    before = _digest(commune)
    out = run("close", "--db", commune, "--year", "2026", "--as-of", "02/01/2027")
    assert out.returncode == 2
    assert "Ngày chốt 02/01/2027 không thuộc năm 2026" in out.stderr
    assert _digest(commune) == before
    missing = tmp_path / "khong-co.sqlite"
    out = run("close", "--db", missing, "--year", "2026", "--as-of", "31/12/2026")
    assert out.returncode == 2 and "Không tìm thấy" in out.stderr
    assert not missing.exists()
    out = run("reopen", "--db", missing, "--year", "2026")
    assert out.returncode == 2 and "Không tìm thấy" in out.stderr


@pytest.mark.parametrize("day", ["15/11/2026", "2026-11-15", "15-11-2026"])
def test_dates_as_in_the_workbook(commune, day):
    out = run("report", "--db", commune, "--as-of", day, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["as_of"] == "2026-11-15"


@pytest.mark.parametrize("day", ["05/03/2026", "2026-03-05", "5/3/2026"])
def test_the_plan_date_is_set_as_every_date_on_the_command_line(commune, day):
    out = run("settings", "--db", commune, "--set", "plan_number=125/KH-UBND",
              f"plan_date={day}")
    assert out.returncode == 0, out.stderr
    assert "plan_date = 2026-03-05" in out.stdout
    assert run("settings", "--db", commune, "--set", "plan_date=").returncode == 0
    with Store.open(commune) as store:
        assert store.settings.read()["plan_date"] == ""


@pytest.mark.parametrize("day", ["31/11/2026", "11/15/2026", "hôm nay", "15/11/26"])
def test_a_bad_date_is_refused_in_vietnamese(commune, day):
    out = run("report", "--db", commune, "--as-of", day, "--json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"«{day}» không phải ngày hợp lệ (dạng dd/mm/yyyy hoặc YYYY-MM-DD)" in out.stderr


@pytest.mark.parametrize("command", [[], ["import"], ["export"], ["report"], ["print"],
                                     ["close"], ["reopen"], ["settings"], ["province"],
                                     ["province", "communes"], ["province", "add"],
                                     ["province", "report"], ["province", "print"],
                                     ["check"]])
def test_help_is_all_vietnamese(command):
    out = run(*command, "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("Cách dùng: tanhoi-desktop")
    assert "tùy chọn:" in out.stdout and "hiện hướng dẫn này rồi thoát" in out.stdout
    assert not ENGLISH.search(out.stdout), ENGLISH.search(out.stdout)


@pytest.mark.parametrize("args", [["close", "--db", "x.sqlite"], ["report", "--db"],
                                  ["bogus"], ["report", "--db", "x", "--json", "--nope"],
                                  ["close", "--db", "x", "--year", "1999", "--as-of", "x"]])
def test_argparse_messages_are_vietnamese(args):
    out = run(*args)
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert lines[0].startswith("Cách dùng: tanhoi-desktop")
    assert lines[1].startswith("Lỗi tham số: ")
    assert not ENGLISH.search(out.stderr), out.stderr


def test_the_words_are_vietnamese_only_inside_the_programs_parser(capsys):
    import argparse

    build_parser().format_help()
    other = argparse.ArgumentParser(prog="khac")
    assert "usage: khac" in other.format_usage()


def test_report_json_carries_the_closed_figures_beside_todays(commune):
    assert "closed" not in json.loads(run("report", "--db", commune, "--as-of", "2026-12-01",
                                          "--json").stdout)
    assert run("close", "--db", commune, "--year", "2026", "--as-of", "14/11/2026"
               ).returncode == 0
    with Store.open(commune) as store:  # a late correction: B had a female deputy
        store.records.save("cadres", {"code": "CB3", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                      "unit_code": "B"})
        store.records.save("posts", {"cadre_code": "CB3", "unit_code": "B",
                                     "title": "Phó Trưởng phòng",
                                     "level": "Cấp phó", "from_date": "2026-01-01"})
    data = json.loads(run("report", "--db", commune, "--as-of", "2026-12-01",
                          "--json").stdout)
    closed = data["closed"]
    assert (closed["year"], closed["as_of"]) == (2026, "2026-11-14")
    assert closed["indicators"]["CT1"] == {"numerator": 1, "denominator": 4, "value": 0.25}
    assert closed["indicators"]["CT1_adj"] == {"numerator": 1, "denominator": 3,
                                               "value": 1 / 3, "waived": ["D"]}
    assert set(closed["indicators"]) >= {"CT1", "CT1_adj", "CT2", "CT3"}
    assert data["indicators"]["CT1"]["numerator"] == 2  # today's data for d
    other_year = json.loads(run("report", "--db", commune, "--as-of", "2027-01-05",
                                "--json").stdout)
    assert "closed" not in other_year
