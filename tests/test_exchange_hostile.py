"""Workbooks received from elsewhere that are broken or built to harm: each is refused
within seconds, with a Vietnamese sentence naming the sheet, memory staying small; and
what a sender's program legitimately writes (1904 dates, formulas) reads right."""

import json
import subprocess
import sys
import zipfile

import pytest

from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.exchange import reader as workbook_reader
from tanhoi_desktop.exchange import workbook as exchange
from tests import hostile_workbooks as hw
from tests.conftest import REPO

UNITS = hw.SHEET


def refusal(path) -> str:
    plan = exchange.read_workbook(path, None)
    assert plan.batches == {} and len(plan.problems) == 1, plan.problems
    return plan.problems[0]


def units_sheet(*rows: str, head: str = "") -> str:
    """The units sheet: header, one good row, then the given row XML."""
    return hw.sheet_xml(hw.rows_xml([hw.UNITS_HEADER, ["KT", "Phòng Kinh tế"]]) + "".join(rows),
                        head)


@pytest.mark.parametrize("build, says", [
    (hw.row_bomb, "dài đến dòng 300.000.000, quá giới hạn 200.000 dòng"),
    (hw.column_bomb, "có dữ liệu đến cột XFD (cột thứ 16.384), quá giới hạn 256 cột"),
    (hw.area_bomb, "(99.999 dòng × 256 cột), quá giới hạn 4.000.000 ô"),
    (lambda p: hw.unreferenced_cells_bomb(p, cells=300, rows=10), "quá giới hạn 256 cột"),
    (lambda p: hw.styled_rows_bomb(p, rows=250_000), "quá giới hạn 200.000 dòng"),
    (lambda p: hw.cell_count_bomb(p, cells=4_100_000), "có hơn 4.000.000 ô"),
    (hw.billion_laughs, "khai báo thực thể (DOCTYPE/ENTITY)"),
    (hw.external_entity, "khai báo thực thể (DOCTYPE/ENTITY)"),
    (hw.malformed, "bị hỏng"),
])
def test_a_bomb_or_a_broken_sheet_is_refused_naming_the_sheet(tmp_path, build, says):
    message = refusal(build(tmp_path / "x.xlsx"))
    assert message.startswith(f"Trang «{UNITS}» ") and says in message, message


def test_one_huge_cell_or_a_run_of_spaces_is_refused(tmp_path):
    limit = "dài quá 32.767 ký tự (giới hạn của Excel)"
    shared = refusal(hw.big_cell_bomb(tmp_path / "a.xlsx", size=400_000))
    assert "phần chứa chữ dùng chung" in shared and limit in shared
    inline = refusal(hw.big_cell_bomb(tmp_path / "b.xlsx", size=400_000, shared=False))
    assert inline.startswith(f"Trang «{UNITS}»") and limit in inline
    spaces = refusal(hw.whitespace_bomb(tmp_path / "c.xlsx", size=2 * 1024**2))
    assert spaces.startswith(f"Trang «{UNITS}»") and limit in spaces


def test_the_size_of_a_part_is_counted_not_taken_from_the_zip_header(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_reader, "MAX_PART_BYTES", 2 * 1024**2)
    honest = refusal(hw.part_size_bomb(tmp_path / "a.xlsx", size=3 * 1024**2))
    lying = hw.part_size_bomb(tmp_path / "b.xlsx", size=3 * 1024**2, declared=1024)
    with zipfile.ZipFile(lying) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 1024
    assert refusal(lying) == honest
    assert honest.startswith(f"Trang «{UNITS}» khi giải nén lớn hơn 2 MB")


def test_millions_of_shared_strings_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_reader, "MAX_SHARED_STRINGS", 1000)
    assert "có hơn 1.000 đoạn chữ" in refusal(hw.shared_count_bomb(tmp_path / "x.xlsx",
                                                                   strings=200_000))


def test_styled_empty_cells_far_right_are_not_data(tmp_path):
    """A styled cell at XFD on every row holds nothing: the rows import."""
    path = hw.styled_rows_bomb(tmp_path / "x.xlsx", rows=5000)
    plan = exchange.read_workbook(path, None)
    assert plan.problems == [] and [r["code"] for r in plan.batches["units"]] == ["KT"]


_MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
from tests import hostile_workbooks as hw
from tanhoi_desktop.exchange import workbook as exchange
tmp = Path(sys.argv[1])
builds = [hw.row_bomb, hw.column_bomb, hw.area_bomb, hw.unreferenced_cells_bomb,
          lambda p: hw.big_cell_bomb(p, size=64 * 1024**2)]
paths = [build(tmp / f"{i}.xlsx") for i, build in enumerate(builds)]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
problems = [exchange.read_workbook(p, None).problems for p in paths]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"before": before, "peak": peak, "problems": problems}))
"""


def test_refusing_bombs_keeps_memory_small(tmp_path):
    """In a process limited to 1 GB of address space (each of these bombs wants far
    more once read: the process would end), peak memory stays small."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(tmp_path)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert all(len(p) == 1 and ("quá giới hạn" in p[0] or "dài quá" in p[0])
               for p in result["problems"]), result["problems"]
    assert result["peak"] < 300, result


def test_a_cli_import_of_a_bomb_is_refused_with_exit_1(tmp_path):
    path = hw.row_bomb(tmp_path / "x.xlsx")
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "import", "--db",
                          str(tmp_path / "d.sqlite"), str(path)], cwd=REPO,
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert f"Trang «{UNITS}» dài đến dòng 300.000.000" in out.stderr
    assert "Traceback" not in out.stderr and not (tmp_path / "d.sqlite").exists()


def test_garbage_in_a_date_cell_is_a_listed_problem(tmp_path):
    sheet = hw.sheet_xml(hw.rows_xml([["Mã đơn vị", "Tên đơn vị", "Từ ngày"]]) +
                         '<row r="2">' + hw.inline("A2", "KT") + hw.inline("B2", "Phòng") +
                         '<c r="C2" t="d"><v>không phải ngày</v></c></row>')
    plan = exchange.read_workbook(hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: sheet}), None)
    assert plan.problems == [f"{UNITS}, dòng 2, Từ ngày: «không phải ngày» không phải ngày "
                             "hợp lệ (dùng dạng dd/mm/yyyy)"]


@pytest.mark.parametrize("name", ["Phòng&#7;Kinh tế", "Phòng_x0007_Kinh tế",
                                  "Phòng&#x1;Kinh tế"])
def test_control_characters_raw_or_escaped_are_refused_alike(tmp_path, name):
    row = f'<row r="3"><c r="A3" t="inlineStr"><is><t>VP</t></is></c>' \
          f'<c r="B3" t="inlineStr"><is><t>{name}</t></is></c></row>'
    plan = exchange.read_workbook(hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: units_sheet(row)}),
                                  None)
    assert plan.problems == [f"{UNITS}, dòng 3, Tên đơn vị: có ký tự điều khiển không hợp lệ"]


def test_an_escaped_underscore_stays_text(tmp_path):
    row = '<row r="3">' + hw.inline("A3", "VP") + hw.inline("B3", "Văn_x005F_x0007_phòng") + \
        "</row>"
    plan = exchange.read_workbook(hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: units_sheet(row)}),
                                  None)
    assert plan.problems == []
    assert plan.batches["units"][1]["name"] == "Văn_x0007_phòng"


_DATE_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet ' + hw.NS + '>'
                '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" '
                'applyNumberFormat="1"/></cellXfs></styleSheet>')


@pytest.mark.parametrize("date1904, expected", [(False, "2023-03-15"), (True, "2027-03-16")])
def test_date_serials_follow_the_workbooks_date_system(tmp_path, date1904, expected):
    sheet = hw.sheet_xml(hw.rows_xml([["Mã đơn vị", "Tên đơn vị", "Từ ngày"]]) +
                         '<row r="2">' + hw.inline("A2", "KT") + hw.inline("B2", "Phòng") +
                         '<c r="C2" s="1"><v>45000</v></c></row>')
    path = hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: sheet}, date1904=date1904,
                         extra={"xl/styles.xml": _DATE_STYLES.encode()})
    plan = exchange.read_workbook(path, None)
    assert plan.problems == [] and plan.batches["units"][0]["from_date"] == expected


def test_formula_cells_give_their_cached_values(tmp_path):
    row = ('<row r="3">' + hw.inline("A3", "VP") +
           '<c r="B3" t="str"><f>"Văn phòng "&amp;"UBND"</f><v>Văn phòng UBND</v></c>'
           '<c r="C3"><f>2020+5</f><v>2025</v></c></row>')
    sheet = hw.sheet_xml(hw.rows_xml([["Mã đơn vị", "Tên đơn vị", "Ghi chú"],
                                      ["KT", "Phòng Kinh tế"]]) + row)
    plan = exchange.read_workbook(hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: sheet}), None)
    assert plan.problems == []
    assert (plan.batches["units"][1]["name"], plan.batches["units"][1]["note"]) == \
        ("Văn phòng UBND", "2025")


def test_an_encrypted_or_renamed_file_keeps_its_clear_sentence(tmp_path):
    encrypted = tmp_path / "mat-khau.xlsx"  # what Excel writes for a password-protected file
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) +
                          "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    old = tmp_path / "cu.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    docx = tmp_path / "van-ban.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    for path, says in ((encrypted, "được đặt mật khẩu"), (old, "tệp Excel cũ (.xls)"),
                       (docx, "không phải tệp Excel (.xlsx) hợp lệ")):
        with pytest.raises(exchange.WorkbookError) as err:
            exchange.read_workbook(path, None)
        assert f"«{path.name}»" in err.value.message and says in err.value.message


def test_two_parts_with_one_name_are_refused(tmp_path):
    path = hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: units_sheet()})
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", hw.sheet_xml(""))
    assert "hai phần bên trong trùng tên" in refusal(path)


# --- invisible characters -----------------------------------------------------------

INVISIBLE = ["\u200b", "\ufeff", "\u200e", "\u200f", "\u202e", "\u2060", "\u00ad"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_leave_codes_and_names_in_forms(store, mark):
    store.records.save("units", {"code": f"K{mark}T", "name": f"Phòng{mark} Kinh tế{mark}"})
    unit = next(store.records.iter_records("units"))
    assert (unit["code"], unit["name"]) == ("KT", "Phòng Kinh tế")
    with pytest.raises(Invalid) as err:
        store.records.save("units", {"code": mark, "name": "Phòng"})
    assert err.value.problems == {"code": "«Mã đơn vị» không được để trống"}


def test_invisible_characters_leave_codes_in_an_import(store, tmp_path):
    rows = "".join(f'<row r="{r}">' + hw.inline(f"A{r}", code) + hw.inline(f"B{r}", "Phòng") +
                   "</row>" for r, code in ((3, "\ufeffKT"), (4, "\u200bVP"), (5, "\u200b")))
    path = hw.write_xlsx(tmp_path / "x.xlsx", {UNITS: units_sheet(rows)})
    plan = exchange.read_workbook(path, store)
    assert plan.problems == [f"{UNITS}, dòng 3, Mã đơn vị: mã trùng với dòng 2",
                             f"{UNITS}, dòng 5, Mã đơn vị: «Mã đơn vị» không được để trống"]
