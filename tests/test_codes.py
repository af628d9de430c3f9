"""Codes that look alike are the same code: after NFC a code is letters and digits of one
script and - _ . / ; anything else is a listed problem naming the character (U+XXXX),
in a form, a workbook and on the command line."""

import subprocess
import sys

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store
from tanhoi_desktop.store.schema import SCHEMA_VERSION

from .hostile_workbooks import rows_xml, sheet_xml, write_xlsx

LOOK_ALIKES = {"PKT\u034f": "U+034F", "PKT\u3164": "U+3164", "PKT\ufe0f": "U+FE0F",
               "PKT\u2800": "U+2800", "P\u041aT": "U+041A", "\uff30KT": "U+FF30",
               "P KT": "khoảng trắng", "PK<T>": "U+003C"}


@pytest.mark.parametrize(("code", "named"), LOOK_ALIKES.items())
def test_a_look_alike_code_is_refused_naming_the_character(code, named):
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.UNITS, {"code": code, "name": "Phòng Kinh tế"})
    assert named in err.value.problems["code"]
    with pytest.raises(domain.Invalid) as err:  # and where a code refers to one
        domain.validate(domain.CADRES, {"code": "c1", "full_name": "A", "gender": "Nữ",
                                        "unit_code": code})
    assert named in err.value.problems["unit_code"]
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.ACTIVITIES, {"partner_codes": f"KT; {code}"},
                        present={"partner_codes"})
    assert named in err.value.problems["partner_codes"]


@pytest.mark.parametrize(("code", "stored"), [
    ("PKT", "PKT"), ("ĐTN", "ĐTN"), ("KT-01", "KT-01"), ("VP/2026", "VP/2026"),
    ("КТ", "КТ"), ("101", "101"),
    # typed in small letters: the same code, stored in capitals
    ("c_1.a", "C_1.A"), ("vhxh", "VHXH"), ("đtn", "ĐTN"), ("кт", "КТ")])
def test_letters_and_digits_of_one_script_and_four_marks_are_codes(code, stored):
    assert domain.validate(domain.UNITS, {"code": code, "name": "A"})["code"] == stored


def test_a_decomposed_vietnamese_code_is_the_composed_one():
    decomposed = "D\u0110TN".replace("\u0110", "\u0110") + "e\u0302"  # ê as e + ^
    # in capitals, composed again: Ê is one character, as the keyboard types it
    assert domain.validate(domain.UNITS, {"code": decomposed, "name": "A"})["code"] == \
        "DĐTNÊ"


def test_five_look_alike_units_in_a_workbook_are_five_listed_problems(tmp_path):
    rows = [["Mã đơn vị", "Tên đơn vị"], ["PKT", "Phòng Kinh tế"]]
    rows += [[code, "Phòng Kinh tế"] for code in list(LOOK_ALIKES)[:5]]
    plan = exchange.read_workbook(write_xlsx(tmp_path / "u.xlsx", {
        "Đơn vị": sheet_xml(rows_xml(rows))}), None)
    assert [p.split(":")[0] for p in plan.problems] == [
        f"Đơn vị, dòng {n}, Mã đơn vị" for n in range(3, 8)]
    for problem, named in zip(plan.problems, list(LOOK_ALIKES.values())[:5], strict=True):
        assert named in problem


def test_a_form_shows_the_character(qtbot, store):
    from tanhoi_desktop.ui.record_dialog import RecordDialog

    dialog = RecordDialog(store, "units", None)
    qtbot.addWidget(dialog)
    dialog.editors["code"].setText("P\u041aT")
    dialog.editors["name"].setText("Phòng Kinh tế")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "U+041A" in dialog.errors["code"].text()
    assert store.records.count("units") == 0


def test_the_command_line_refuses_a_look_alike_unit(tmp_path):
    db = tmp_path / "xa.sqlite"
    with Store.open(db, create=True) as s:
        s.records.save("units", {"code": "PKT", "name": "Phòng Kinh tế"})
    book = write_xlsx(tmp_path / "u.xlsx", {"Đơn vị": sheet_xml(rows_xml([
        ["Mã đơn vị", "Tên đơn vị"], ["VP", "Văn phòng"]]))})
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "import", "--db", str(db),
                          "--unit", "P\u041aT", str(book)], capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    assert out.returncode == 2
    assert "U+041A" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    with Store.open(db) as s:
        assert s.records.count("units") == 1


# -- codes in any case: «vhxh» is VHXH ---------------------------------------------------

def test_a_code_in_small_letters_is_stored_in_capitals_and_unique_regardless_of_case(store):
    from tanhoi_desktop.domain import Invalid

    unit = store.records.save("units", {"code": "vhxh", "name": "Phòng Văn hóa - Xã hội"})
    assert store.records.get("units", unit)["code"] == "VHXH"
    with pytest.raises(Invalid) as err:  # the same code, however it is written
        store.records.save("units", {"code": "Vhxh", "name": "Phòng khác"})
    assert err.value.problems["code"] == \
        "Mã «VHXH» đã có (đơn vị «Phòng Văn hóa - Xã hội» đang dùng)"
    with pytest.raises(Invalid) as err:  # and no other kind of record takes it
        store.records.save("courses", {"code": "vhXH", "name": "Lớp", "kind": "Tin học"})
    assert "mã «VHXH» đã được dùng cho đơn vị" in err.value.problems["code"]
    with pytest.raises(Invalid) as err:  # said with the form's other problems too
        store.records.save("courses", {"code": "vhxh", "name": "", "kind": "Tin học"})
    assert "mã «VHXH» đã được dùng cho đơn vị" in err.value.problems["code"]
    assert "name" in err.value.problems
    # references typed in any case find the record
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
    store.records.save("cadres", {"code": "cb1", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                  "unit_code": "vhxh"})
    store.records.save("posts", {"cadre_code": "Cb1", "unit_code": "vHxH", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng"})
    store.records.save("activities", {"code": "hd1", "title": "Hội nghị",
                                      "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "from_date": "2026-03-08",
                                      "unit_code": "kt", "partner_codes": "vhxh; Kt"})
    assert [(c["code"], c["unit_code"]) for c in store.records.iter_records("cadres")] == [
        ("CB1", "VHXH")]
    assert [(p["cadre_code"], p["unit_code"]) for p in store.records.iter_records("posts")] == [
        ("CB1", "VHXH")]
    activity = next(store.records.iter_records("activities"))
    assert (activity["code"], activity["unit_code"], activity["partner_codes"]) == (
        "HD1", "KT", ("KT", "VHXH"))
    assert store.records.count("units") == 2 and store.records.count("courses") == 0


def test_a_workbook_s_codes_in_any_case_are_one_code(tmp_path, store):
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
    units = [["Mã đơn vị", "Tên đơn vị"], ["vhxh", "Phòng Văn hóa - Xã hội"]]
    cadres = [["Mã cán bộ", "Họ và tên", "Giới tính", "Mã đơn vị"],
              ["cb7", "Trần Thị Bảy", "Nữ", "Vhxh"], ["CB8", "Lê Văn Tám", "Nam", "kt"]]
    first = write_xlsx(tmp_path / "a.xlsx", {"Đơn vị": sheet_xml(rows_xml(units)),
                                             "Cán bộ": sheet_xml(rows_xml(cadres))})
    plan = exchange.read_workbook(first, store)
    assert plan.problems == []
    exchange.apply(plan, store)
    assert sorted((c["code"], c["unit_code"]) for c in store.records.iter_records("cadres")) == [
        ("CB7", "VHXH"), ("CB8", "KT")]
    # the same rows written in capitals: matched, nothing added or changed
    again = write_xlsx(tmp_path / "b.xlsx", {"Đơn vị": sheet_xml(rows_xml(
        [units[0], ["VHXH", "Phòng Văn hóa - Xã hội"]])), "Cán bộ": sheet_xml(rows_xml(
            [cadres[0], ["CB7", "Trần Thị Bảy", "Nữ", "VHXH"]]))})
    counts = exchange.apply(exchange.read_workbook(again, store), store)
    assert (counts["units"].added, counts["units"].updated) == (0, 0)
    assert (counts["cadres"].added, counts["cadres"].updated) == (0, 0)
    # two rows whose codes differ only by case are one code twice: a listed problem
    twice = write_xlsx(tmp_path / "c.xlsx", {"Đơn vị": sheet_xml(rows_xml(
        [units[0], ["tyt", "Trạm Y tế"], ["TYT", "Trạm Y tế xã"]]))})
    plan = exchange.read_workbook(twice, store)
    assert plan.problems == ["Đơn vị, dòng 3, Mã đơn vị: mã trùng với dòng 2"]


def test_the_command_line_takes_a_unit_code_in_small_letters(tmp_path):
    from tanhoi_desktop.__main__ import main

    db = tmp_path / "xa.sqlite"
    with Store.open(db, create=True) as s:
        s.records.save("units", {"code": "PKT", "name": "Phòng Kinh tế"})
    book = write_xlsx(tmp_path / "u.xlsx", {"Đơn vị": sheet_xml(rows_xml([
        ["Mã đơn vị", "Tên đơn vị"], ["VP", "Văn phòng"]]))})
    assert main(["import", "--db", str(db), "--unit", "pkt", "--year", "2026",
                 str(book)]) == 0
    with Store.open(db) as s:
        assert [r["unit_code"] for r in s.submissions.of_year(2026)] == ["PKT"]


def _older_file(path):
    """A file as the versions before this one wrote it: codes as they were typed, two
    units differing only by case, a course's code a unit's in small letters."""
    import sqlite3

    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
        s.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
        s.records.save("cadres", {"code": "CB1", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                  "unit_code": "KT"})
        s.records.save("courses", {"code": "L1", "name": "Tin học", "kind": "Tin học"})
        s.records.save("courses", {"code": "L2", "name": "Văn hóa", "kind": "Khác"})
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE units SET code = 'vhxh' WHERE code = 'KT'")  # «vhxh» and VHXH
        conn.execute("UPDATE cadres SET code = 'cb1'")
        conn.execute("UPDATE courses SET code = 'l1' WHERE code = 'L1'")
        conn.execute("UPDATE courses SET code = 'vhxh' WHERE code = 'L2'")  # a unit's: VHXH
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # before this step
    conn.close()
    return path


def test_an_older_file_s_codes_are_put_in_capitals_once_and_said(tmp_path):
    path = _older_file(tmp_path / "xa.sqlite")
    with Store.open(path) as s:
        codes = {r["name"]: r["code"] for r in s.records.iter_records("units")}
        notices = s.notices
        cadre = next(s.records.iter_records("cadres"))
        courses = {r["name"]: r["code"] for r in s.records.iter_records("courses")}
        edits = [(e["table_name"], e["before"], e["after"]) for e in s.audit.entries()
                 if e["action"] == "edit"]
        _entries, broken = s.audit.check()
    # the later one of the two that differed only by case gets a free code, and is named
    assert codes == {"Phòng Văn hóa - Xã hội": "VHXH", "Phòng Kinh tế": "VHXH-2"}
    assert (cadre["code"], cadre["unit_code"]) == ("CB1", "VHXH-2")  # still its unit
    assert courses == {"Tin học": "L1", "Văn hóa": "VHXH"}  # of its own kind: kept
    assert broken is None  # the edits are chained into the audit trail
    assert sorted(edits, key=str) == sorted([
        ("units", {"code": "vhxh"}, {"code": "VHXH-2"}),
        ("cadres", {"code": "cb1"}, {"code": "CB1"}),
        ("courses", {"code": "l1"}, {"code": "L1"}),
        ("courses", {"code": "vhxh"}, {"code": "VHXH"})], key=str)
    assert notices == [
        "Mã nay được ghi bằng chữ in hoa: 3 mã viết chữ thường trong tệp đã được đổi (ví "
        "dụ «cb1» thành «CB1»); Nhật ký ghi lại từng mã.",
        "Mã «vhxh» của đơn vị «Phòng Kinh tế» trùng với mã «VHXH» khi không phân biệt chữ "
        "hoa, chữ thường, nên đã được đổi thành «VHXH-2». Hãy xem lại và sửa mã nếu cần "
        "(Nhật ký ghi lại việc đổi).",
        "Mã «VHXH» nay là mã của cả đơn vị «Phòng Văn hóa - Xã hội» và lớp học «Văn hóa» "
        "(trước đây chỉ khác nhau chữ hoa, chữ thường). Mỗi mã chỉ nên dùng cho một loại "
        "bản ghi: hãy đổi một mã."]
    with Store.open(path) as s:  # once: the next opening has nothing to say
        assert s.notices == [] and s.browse.page("units", search="vhxh-2")[0]["code"] == "VHXH-2"


def test_the_window_says_what_the_upgrade_renamed(open_window, tmp_path, qtbot):
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui.main_window import MainWindow

    path = _older_file(tmp_path / "cu.sqlite")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(path)
    assert "đổi thành «VHXH-2»" in win.banner_bar.label.text()
    win.close_store()
