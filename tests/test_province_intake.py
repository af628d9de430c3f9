"""The province file (spec/province.md): intake of communes' workbooks made by the
commune program itself, the province figures, and the `province` commands."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
import json
import subprocess
import sys
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from tanhoi_desktop.__main__ import main
from tanhoi_desktop.province import export, figures, form
from tanhoi_desktop.province.store import REPLACED, ProvinceStore
from tanhoi_desktop.store import Store

from .province_communes import COMMUNES, D, commune_file, commune_list, workbook_of

T0 = dt.datetime(2026, 11, 14, 9, 0, 0)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Several communes' workbooks, made by the commune program: three communes with
    different figures (30856, 30857, 30858), a later export of 30857 after a change, a
    commune with no code, one workbook edited to contradict itself, one for another
    date; 30859 is on the list, and 30860 too, and never send."""
    folder = tmp_path_factory.mktemp("xa")
    a = commune_file(folder, "30856", "Tân Hội")
    b = commune_file(folder, "30857", "Mỹ Hòa Hưng", ("TTHCC",))
    c = commune_file(folder, "30858", "Long Điền", ("TTHCC", "VHXH", "VP"))
    nocode = commune_file(folder, None, "Vĩnh Trạch")
    out = {
        "a": workbook_of(a, folder / "tan-hoi.xlsx", now=T0),
        "b": workbook_of(b, folder / "my-hoa-hung.xlsx", now=T0),
        "c": workbook_of(c, folder / "long-dien.xlsx", now=T0 + dt.timedelta(days=3)),
        "other_date": workbook_of(c, folder / "long-dien-ngay-khac.xlsx",
                                  as_of=dt.date(2026, 6, 30), now=T0),
    }
    with Store.open(b) as store:  # a correction: the unit is counted again
        from .province_communes import set_unit
        set_unit(store, "TTHCC", in_scope_ct1=True)
    out["b_newer"] = workbook_of(b, folder / "my-hoa-hung-sua.xlsx",
                                 now=T0 + dt.timedelta(hours=5))
    with pytest.raises(export.NoCommuneCode):  # the program makes none: edit one by hand
        workbook_of(nocode, folder / "khong-ma.xlsx")
    book = load_workbook(out["a"])
    book[form.COVER]["B2"].value = None  # «Mã xã» emptied
    book.save(folder / "khong-ma.xlsx")
    out["nocode"] = folder / "khong-ma.xlsx"
    book = load_workbook(out["c"])
    book[form.FIGURES]["B2"].value = book[form.FIGURES]["B2"].value + 1  # CT1 one more
    book.save(folder / "tu-mau-thuan.xlsx")
    out["contradicts"] = folder / "tu-mau-thuan.xlsx"
    out["list"] = commune_list(folder / "danh-sach.xlsx")
    out["data"] = {"a": a, "b": b, "c": c}
    return out


@pytest.fixture
def province(tmp_path, files):
    path = tmp_path / "tinh.sqlite"
    assert main(["province", "communes", "--db", str(path), str(files["list"])]) == 0
    return path


def _add(province, *paths, extra=()):
    return main(["province", "add", "--db", str(province), "--as-of", D.isoformat(),
                 *extra, *map(str, paths)])


def _json(province, capsys):
    capsys.readouterr()
    assert main(["province", "report", "--db", str(province), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_bad_workbook_is_refused_with_one_line_and_the_others_added(
        province, files, capsys):
    code = _add(province, files["a"], files["nocode"], files["contradicts"],
                files["other_date"], files["b"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert "khong-ma.xlsx" in lines[0] and "Mã xã" in lines[0]
    assert "tu-mau-thuan.xlsx" in lines[1] and "tự mâu thuẫn" in lines[1]
    assert "long-dien-ngay-khac.xlsx" in lines[2] and "30/06/2026" in lines[2]
    assert "tan-hoi.xlsx" in out and "my-hoa-hung.xlsx" in out
    report = _json(province, capsys)
    status = {c["code"]: c["status"] for c in report["communes"]}
    assert status == {"30856": "đúng hạn", "30857": "đúng hạn", "30858": "chưa gửi",
                      "30859": "chưa gửi", "30860": "chưa gửi"}
    with ProvinceStore.open(province) as store:
        refused = [a for a in store.audit_entries() if a["action"] == "Từ chối biểu"]
    assert {a["file_name"] for a in refused} == {"khong-ma.xlsx", "tu-mau-thuan.xlsx",
                                                 "long-dien-ngay-khac.xlsx"}


def test_a_commune_not_on_the_list_is_refused(tmp_path, files, capsys):
    path = tmp_path / "tinh.sqlite"
    short = commune_list(tmp_path / "ds.xlsx", {"30857": "Mỹ Hòa Hưng"})
    assert main(["province", "communes", "--db", str(path), str(short)]) == 0
    assert _add(path, files["a"], files["b"]) == 1
    out, err = capsys.readouterr()
    assert "tan-hoi.xlsx" in err and "30856" in err and "danh sách" in err
    assert "my-hoa-hung.xlsx" in out


def test_same_file_twice_changes_nothing(province, files, capsys):
    assert _add(province, files["a"]) == 0
    first = _json(province, capsys)
    with ProvinceStore.open(province) as store:
        trail = store.audit_entries()
    size = sorted(p.name for p in (province.parent / "tinh-tep-nhan").iterdir())
    assert _add(province, files["a"]) == 0
    assert "không thay đổi" in capsys.readouterr().out
    assert _json(province, capsys) == first
    with ProvinceStore.open(province) as store:
        assert store.audit_entries() == trail
    assert sorted(p.name for p in (province.parent / "tinh-tep-nhan").iterdir()) == size


def test_intake_keeps_a_copy_under_its_sha256_and_never_writes_the_original(
        province, files, monkeypatch):
    original = files["a"]
    before = (original.read_bytes(), original.stat().st_mtime_ns)
    modes = []
    real_open = builtins.open

    def watching(file, mode="r", *args, **kwargs):
        if str(file) == str(original):
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching)
    monkeypatch.setattr(io, "open", watching)
    assert _add(province, original) == 0
    monkeypatch.undo()
    assert modes and all(m == "rb" for m in modes)
    assert (original.read_bytes(), original.stat().st_mtime_ns) == before
    digest = hashlib.sha256(before[0]).hexdigest()
    kept = province.parent / "tinh-tep-nhan" / f"{digest}.xlsx"
    assert kept.read_bytes() == before[0]
    with ProvinceStore.open(province) as store:
        assert store.report_for("30856", D.isoformat()).sha256 == digest


def test_a_newer_export_replaces_logged_with_figures_before_and_after(province, files,
                                                                       capsys):
    assert _add(province, files["b"]) == 0
    old = _json(province, capsys)["indicators"]["CT1"]
    assert _add(province, files["b_newer"]) == 0
    out = capsys.readouterr().out
    assert "my-hoa-hung-sua.xlsx" in out and "thay" in out
    new = _json(province, capsys)["indicators"]["CT1"]
    assert new["denominator"] == old["denominator"] + 1
    with ProvinceStore.open(province) as store:
        entry = next(a for a in store.audit_entries() if a["action"] == REPLACED)
    before, after = json.loads(entry["before"]), json.loads(entry["after"])
    assert before["CT1"] == f"{old['numerator']}/{old['denominator']}"
    assert after["CT1"] == f"{new['numerator']}/{new['denominator']}"
    assert before["ngày xuất"] != after["ngày xuất"]


def test_an_older_export_is_refused_unless_confirmed(province, files, capsys):
    assert _add(province, files["b_newer"]) == 0
    newer = _json(province, capsys)
    assert _add(province, files["b"]) == 1
    err = capsys.readouterr().err
    assert "my-hoa-hung.xlsx" in err and "cũ hơn" in err
    assert _json(province, capsys) == newer
    assert _add(province, files["b"], extra=["--accept-older"]) == 0
    older = _json(province, capsys)
    assert older["indicators"]["CT1"] != newer["indicators"]["CT1"]
    with ProvinceStore.open(province) as store:
        assert any(a["action"].startswith("Nhận biểu cũ hơn") for a in store.audit_entries())


def test_province_figures_sum_numerators_and_denominators(province, files, capsys):
    # (b_newer: the data file of 30857 as it is now)
    assert _add(province, files["a"], files["b_newer"], files["c"]) == 0
    report = _json(province, capsys)
    sent = []
    for key in ("a", "b", "c"):
        assert main(["report", "--db", str(files["data"][key]), "--as-of", D.isoformat(),
                     "--json"]) == 0
        sent.append(json.loads(capsys.readouterr().out)["indicators"])
    for key in ("CT1", "CT1_adj", "CT1_national", "CT2", "CT3"):
        n = sum(s[key]["numerator"] for s in sent)
        d = sum(s[key]["denominator"] for s in sent)
        got = report["indicators"][key]
        assert (got["numerator"], got["denominator"]) == (n, d)
        assert got["value"] == n / d
    mean = sum(Fraction(s["CT1"]["numerator"], s["CT1"]["denominator"]) for s in sent) / 3
    assert Fraction(report["indicators"]["CT1"]["numerator"],
                    report["indicators"]["CT1"]["denominator"]) != mean
    # each commune's figures as it sent them
    by_code = {c["code"]: c for c in report["communes"]}
    assert by_code["30857"]["indicators"]["CT1"]["numerator"] == sent[1]["CT1"]["numerator"]
    assert by_code["30857"]["indicators"]["CT1"]["status"] == sent[1]["CT1"]["status"]
    assert by_code["30860"]["indicators"] is None
    assert report["indicators"]["CT1_adj"]["waived"] == ["30856/PKT", "30857/PKT",
                                                         "30858/PKT"]
    assert report["indicators"]["CT1"]["status"] in ("Đạt", "Chưa có mốc")


def test_late_against_the_deadline_and_the_trajectory_across_years(province, files, capsys,
                                                                   tmp_path):
    with ProvinceStore.open(province) as store:
        store.save_settings({"deadline": "2026-11-15"})
    assert _add(province, files["a"], files["c"]) == 0  # c was exported on 17/11
    status = {c["code"]: c["status"] for c in _json(province, capsys)["communes"]}
    assert status["30856"] == "đúng hạn" and status["30858"] == "muộn"
    # the next year: the province's date moves on, 30856 sends again
    next_year = workbook_of(files["data"]["a"], tmp_path / "tan-hoi-2027.xlsx",
                            as_of=dt.date(2027, 11, 15))
    assert main(["province", "add", "--db", str(province), "--as-of", "2027-11-15",
                 str(next_year)]) == 0
    with ProvinceStore.open(province) as store:
        points = figures.trajectory(store)
        now = figures.compute(store, dt.date(2027, 11, 15))
    assert [(p.year, p.communes) for p in points] == [(2026, 2), (2027, 1)]
    # the baseline is the province on its first date, the milestone runs from it
    assert now["CT1"].milestone is not None


def test_communes_list_problems_exit_1_and_missing_file_exit_2(tmp_path, capsys):
    bad = commune_list(tmp_path / "ds.xlsx", {"3085": "Tân Hội", "30857": ""})
    path = tmp_path / "tinh.sqlite"
    assert main(["province", "communes", "--db", str(path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "dòng 2" in err and "dòng 3" in err and not path.exists()
    assert main(["province", "add", "--db", str(path), "--as-of", "2026-11-15",
                 str(bad)]) == 2
    assert main(["province", "report", "--db", str(path), "--json"]) == 2
    assert not path.exists()


def test_a_commune_file_is_not_a_province_file(files, capsys):
    assert main(["province", "report", "--db", str(files["data"]["a"]), "--json"]) == 2
    assert "tổng hợp tỉnh" in capsys.readouterr().err


def test_printed_report_of_the_so_noi_vu(province, files, tmp_path, capsys):
    assert _add(province, files["a"], files["b"]) == 0
    pdf = tmp_path / "bao-cao-tinh.pdf"
    # in a process of its own: the PDF needs a Qt application, the window tests another
    done = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "province", "print",
                           "--db", str(province), str(pdf)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "SỞ NỘI VỤ", "Số: …/BC-SNV",
                  "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Bộ Nội vụ (b/c)", "PHỤ LỤC",
                  "Long Điền (30858)", "Chưa gửi"):
        assert words in text, words
    assert "An Giang, ngày" in text
    xlsx = tmp_path / "bao-cao-tinh.xlsx"
    assert main(["province", "print", "--db", str(province), str(xlsx)]) == 0
    cells = {c.value for row in load_workbook(xlsx).active.iter_rows() for c in row}
    assert "SỞ NỘI VỤ" in cells and "Số: …/BC-SNV" in cells
    assert any(isinstance(v, str) and "Mỹ Hòa Hưng (30857)" in v for v in cells)
    assert set(COMMUNES) == {c["code"] for c in _json(province, capsys)["communes"]}


def test_a_province_file_is_named_as_such_by_the_commune_commands(province, capsys):
    assert main(["report", "--db", str(province), "--json"]) == 2
    assert "tệp tổng hợp tỉnh" in capsys.readouterr().err


def test_numbers_that_would_never_end_are_refused_with_one_line(province, files, capsys,
                                                               tmp_path):
    """A received workbook edited by hand: a count of thousands of digits, a share of
    1e300: each a line naming the file, never an unexpected error."""
    bad = []
    for name, cell, value in (("dai.xlsx", "B2", "9" * 5000), ("ty-le.xlsx", "D2", 1e300)):
        book = load_workbook(files["a"])
        book[form.FIGURES][cell].value = value
        book.save(tmp_path / name)
        bad.append(tmp_path / name)
    capsys.readouterr()
    assert _add(province, *bad) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and "dai.xlsx" in lines[0] and "ty-le.xlsx" in lines[1]
    assert "không phải số nguyên không âm" in lines[0] and "không phải tỷ lệ" in lines[1]


def test_a_file_that_is_no_workbook_is_named_by_its_own_name(province, tmp_path, capsys):
    bad = tmp_path / "hong.xlsx"
    bad.write_text("không phải Excel")
    assert _add(province, bad) == 1
    err = capsys.readouterr().err
    assert err.startswith("«hong.xlsx»:") and ".tmp" not in err and err.count("\n") == 1
    assert [p.name for p in (province.parent / "tinh-tep-nhan").iterdir()] == []


@pytest.mark.parametrize("cell, change, words", [
    ("C3", 1, "CT1_adj"),  # CT1_adj's denominator one more than CT1 less the waived units
    ("B4", -1, "CT1_national"),  # the HĐND/UBND rows say otherwise
    ("B6", 99, "lớn hơn mẫu số"),  # CT3: a numerator above its denominator
])
def test_every_kind_of_self_contradiction_is_refused(files, tmp_path, cell, change, words):
    from tanhoi_desktop.province import intake

    book = load_workbook(files["a"])
    sheet = book[form.FIGURES]
    sheet[cell].value = sheet[cell].value + change
    path = tmp_path / "sua-tay.xlsx"
    book.save(path)
    with pytest.raises(intake.Refused, match=words) as caught:
        intake.parse(path, path.name)
    assert str(caught.value).startswith("«sua-tay.xlsx»: biểu tự mâu thuẫn")


def test_a_unit_marked_left_out_without_the_figure_following_is_refused(files, tmp_path):
    from tanhoi_desktop.province import intake

    book = load_workbook(files["a"])
    units = book[form.UNITS]
    row = next(r for r in units.iter_rows(min_row=2) if r[3].value == "Có"
               and r[9].value == "Không")
    row[9].value = "Có"  # «Không tính (điều chỉnh)» on one more unit, CT1_adj unchanged
    path = tmp_path / "sua-tay.xlsx"
    book.save(path)
    with pytest.raises(intake.Refused, match="CT1_adj"):
        intake.parse(path, path.name)
