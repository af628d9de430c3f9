"""Codes that look alike are the same code: after NFC a code is letters and digits of one
script and - _ . / ; anything else is a listed problem naming the character (U+XXXX),
in a form, a workbook and on the command line."""

import subprocess
import sys

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store

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


@pytest.mark.parametrize("code", ["PKT", "ĐTN", "KT-01", "VP/2026", "c_1.a", "КТ", "101"])
def test_letters_and_digits_of_one_script_and_four_marks_are_codes(code):
    assert domain.validate(domain.UNITS, {"code": code, "name": "A"})["code"] == code


def test_a_decomposed_vietnamese_code_is_the_composed_one():
    decomposed = "D\u0110TN".replace("\u0110", "\u0110") + "e\u0302"  # ê as e + ^
    assert domain.validate(domain.UNITS, {"code": decomposed, "name": "A"})["code"] == \
        "DĐTNê"


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
