"""The command line as spec/cli.md says: exit codes, JSON, refusals, no Qt, no traceback."""

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from tanhoi_desktop.__main__ import main
from tanhoi_desktop.store import SCHEMA_VERSION, Store


@pytest.fixture(autouse=True, params=["utf-8", "cp1252"])
def io_encoding(request, monkeypatch):
    """Every command also runs as on a Windows PC whose output is redirected: Python then
    writes in the ANSI code page (cp1252 here), which has no Vietnamese letters; the
    program writes UTF-8 whatever it is given."""
    monkeypatch.setenv("PYTHONIOENCODING", request.param)
    return request.param


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)


@pytest.fixture
def commune(tmp_path):
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        for code in "ABCD":
            s.records.save("units", {"code": code, "name": f"Phòng {code}",
                                     "special_sector": code == "D"})
        s.records.save("units", {"code": "E", "name": "Hội LHPN", "kind": "MTTQ, tổ chức CT-XH"})
        s.records.save("cadres", {"code": "CB1", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ",
                                  "unit_code": "A"})
        s.records.save("posts", {"cadre_code": "CB1", "unit_code": "A", "title": "Phó Trưởng phòng",
                                 "level": "Cấp phó", "from_date": "2025-01-01"})
        s.records.save("planning", {"cadre_code": "CB1", "title": "Trưởng phòng"})
        s.records.save("cadres", {"code": "CB2", "full_name": "Trần Văn Dũng", "gender": "Nam",
                                  "unit_code": "D"})  # D: 0 % women, flagged: waived
        s.records.save("units", {"code": "UB", "name": "UBND xã", "role": "UBND",
                                 "in_scope_ct1": False})
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_json_follows_the_contract(commune):
    out = run("report", "--db", commune, "--as-of", "2026-11-15", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["as_of"] == "2026-11-15" and data["training_since"] == "2021-01-01"
    ct1 = data["indicators"]["CT1"]
    # baseline 1/4 on 31/12/2025; m(2026) = 1/4 + (3/4 - 1/4) / 5 = 0.35
    assert ct1 | {"milestone": 0.35, "status": "Chậm tiến độ", "baseline": 0.25} == ct1
    assert {k: ct1[k] for k in ("numerator", "denominator", "value", "target", "met")} == \
        {"numerator": 1, "denominator": 4, "value": 0.25, "target": 0.75, "met": False}
    adj = data["indicators"]["CT1_adj"]
    assert (adj["denominator"], adj["waived"]) == (3, ["D"])
    assert data["indicators"]["CT1_national"] == {"numerator": 0, "denominator": 1,
                                                  "value": 0.0}
    ct3 = data["indicators"]["CT3"]
    assert (ct3["numerator"], ct3["denominator"], ct3["value"], ct3["met"]) == (0, 1, 0.0, False)
    assert [u["code"] for u in data["units"]] == ["A", "B", "C", "D", "E", "UB"]
    assert data["units"][5]["role"] == "UBND"
    a = data["units"][0]
    assert a["staff"] == 1 and a["female_share"] == 1.0 and a["has_female_key_leader"]
    assert data["units"][1]["female_share"] is None
    # before the post began, nobody leads A
    earlier = json.loads(run("report", "--db", commune, "--as-of", "2024-12-31",
                             "--json").stdout)
    assert earlier["indicators"]["CT1"]["numerator"] == 0


def test_report_same_file_same_date_same_figures(commune):
    first = run("report", "--db", commune, "--as-of", "2026-11-15", "--json").stdout
    assert first == run("report", "--db", commune, "--as-of", "2026-11-15", "--json").stdout


def test_data_commands_do_not_import_qt(commune):
    code = ("import sys; from tanhoi_desktop.__main__ import main; "
            f"rc = main(['report', '--db', {str(commune)!r}, '--json']); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
            "sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def _refusal(args, path, expected_words):
    before = _digest(path) if path.exists() and path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir())
    out = run(*args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert expected_words in out.stderr
    if before is not None:
        assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings


@pytest.mark.parametrize("command", ["report", "export", "print", "import"])
def test_foreign_sqlite_file_is_refused_for_every_command(tmp_path, command):
    path = tmp_path / "khac.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x(y)")
    conn.commit()
    conn.close()
    extra = {"report": ["--json"], "export": [tmp_path / "o.xlsx"],
             "print": [tmp_path / "o.pdf"], "import": [tmp_path / "none.xlsx"]}[command]
    _refusal([command, "--db", path, *extra], path, "chương trình khác")


def test_empty_file_newer_schema_and_missing_file_are_refused(tmp_path, commune):
    empty = tmp_path / "rong.sqlite"
    empty.write_bytes(b"")
    _refusal(["report", "--db", empty, "--json"], empty, "không phải tệp dữ liệu")
    conn = sqlite3.connect(commune)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _refusal(["report", "--db", commune, "--json"], commune, "phiên bản mới hơn")
    missing = tmp_path / "khong-co.sqlite"
    _refusal(["report", "--db", missing, "--json"], missing, "Không tìm thấy")
    assert not missing.exists()
    _refusal(["export", "--db", missing, tmp_path / "o.xlsx"], missing, "Không tìm thấy")
    assert not (tmp_path / "o.xlsx").exists()


def test_bad_arguments_exit_2_in_vietnamese(commune):
    out = run("report", "--db", commune, "--as-of", "31/11/2026", "--json")
    assert out.returncode == 2 and "không phải ngày hợp lệ" in out.stderr
    assert "Traceback" not in out.stderr


def test_import_of_a_non_workbook_is_refused_and_creates_nothing(tmp_path):
    bogus = tmp_path / "so-lieu.xlsx"
    bogus.write_text("Mã đơn vị;Tên đơn vị\nA;B\n", encoding="utf-8")
    db = tmp_path / "moi.sqlite"
    out = run("import", "--db", db, bogus)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert not db.exists()


def test_commands_never_open_a_network_connection(commune, tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network connection attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["report", "--db", str(commune), "--json"]) == 0
    out = tmp_path / "ra.xlsx"
    assert main(["export", "--db", str(commune), str(out)]) == 0
    assert main(["import", "--db", str(tmp_path / "moi.sqlite"), str(out)]) == 0


def test_damaged_file_is_refused_by_the_quick_commands_untouched(tmp_path, commune):
    data = bytearray(commune.read_bytes())
    truncated = tmp_path / "cut.sqlite"
    truncated.write_bytes(bytes(data[: len(data) // 2]))
    _refusal(["report", "--db", truncated, "--json"], truncated, "bị hỏng")
    wrecked = tmp_path / "wrecked.sqlite"
    data[4096:] = b"\x13" * (len(data) - 4096)  # every page but the first overwritten
    wrecked.write_bytes(bytes(data))
    _refusal(["report", "--db", wrecked, "--json"], wrecked, "")
