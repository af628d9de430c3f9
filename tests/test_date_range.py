"""Dates before 1900 or after 2100 are typos (spec/exchange-workbook.md, Values): refused
in forms, settings, workbooks and arguments; a file that already holds one still opens,
reports and prints, and says which record to fix."""

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.__main__ import main
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store

from .hostile_workbooks import rows_xml, sheet_xml, write_xlsx


@pytest.mark.parametrize("typed", ["01/06/0202", "31/12/1899", "01/01/2101", "0001-01-01",
                                   "9999-12-31", dt.date(202, 6, 1), dt.datetime(9999, 1, 1)])
def test_a_date_outside_1900_2100_is_refused(typed):
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.UNITS, {"code": "A", "name": "A", "from_date": typed})
    assert "01/01/1900 đến 31/12/2100" in err.value.problems["from_date"]


@pytest.mark.parametrize("typed", ["01/01/1900", "31/12/2100", dt.date(1900, 1, 1)])
def test_the_range_ends_are_taken(typed):
    assert domain.validate(domain.UNITS, {"code": "A", "name": "A", "from_date": typed})


@pytest.mark.parametrize("typed", ["0202", 202, "01/06/0202", 1800.0])
def test_a_birth_outside_the_range_is_refused(typed):
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.CADRES, {"code": "c", "full_name": "A", "gender": "Nữ",
                                        "unit_code": "A", "birth": typed})
    assert "birth" in err.value.problems


def test_a_setting_outside_the_range_is_refused_when_saved(store):
    for key in ("plan_start", "training_since"):
        with pytest.raises(domain.Invalid) as err:
            store.settings.save({key: "0001-01-01"})
        assert key in err.value.problems
    assert store.settings.read()["plan_start"] == "2026-01-01"


def test_a_workbook_row_with_a_typo_year_is_a_listed_problem(tmp_path):
    book = write_xlsx(tmp_path / "u.xlsx", {"Đơn vị": sheet_xml(rows_xml([
        ["Mã đơn vị", "Tên đơn vị", "Từ ngày"], ["A", "Phòng A", "01/06/0202"],
        ["B", "Phòng B", "01/06/2020"]]))})
    plan = exchange.read_workbook(book, None)
    assert plan.problems == ["Đơn vị, dòng 2, Từ ngày: ngày «01/06/0202» nằm ngoài khoảng "
                             "01/01/1900 đến 31/12/2100 (có lẽ gõ nhầm năm)"]


def test_the_command_line_refuses_an_as_of_out_of_range(tmp_path, capsys):
    db = tmp_path / "xa.sqlite"
    Store.open(db, create=True).close()
    try:  # an argument error is exit code 2, returned (or raised by argparse)
        code = main(["report", "--db", str(db), "--as-of", "0001-01-01"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "31/12/2100" in capsys.readouterr().err


def _file_with_old_typos(path):
    """A file as an older version could write it: typo'd years in every date column."""
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng A"})
        s.records.save("cadres", {"code": "CB1", "full_name": "Nguyễn Thị Hoa", "gender": "Nữ",
                                  "unit_code": "A"})
        s.records.save("posts", {"cadre_code": "CB1", "unit_code": "A", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng", "from_date": "2020-01-01"})
        s.records.save("planning", {"cadre_code": "CB1", "title": "Chủ tịch"})
        s.records.save("courses", {"code": "K", "name": "Lớp", "kind": "Tin học",
                                   "from_date": "2024-01-01", "cost": 10})
        s.records.save("enrolments", {"course_code": "K", "cadre_code": "CB1"})
        s.records.save("activities", {"code": "H", "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "title": "Hội nghị",
                                      "from_date": "01/03/2026", "unit_code": "A"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cadres SET birth = '0202-06-01', from_date = '0001-01-01'")
    conn.execute("UPDATE posts SET to_date = '9999-12-31'")
    conn.execute("UPDATE planning SET from_date = '0001-01-01', to_date = '9999-12-31'")
    conn.execute("UPDATE courses SET from_date = '0001-01-01', to_date = '9999-12-31'")
    conn.execute("UPDATE activities SET to_date = '9999-12-31'")
    conn.execute("UPDATE units SET from_date = '0001-01-01', to_date = '9999-12-31'")
    conn.commit()
    conn.close()
    return path


def test_a_file_holding_such_dates_says_which_records_to_fix(tmp_path):
    with Store.open(_file_with_old_typos(tmp_path / "xa.sqlite")) as s:
        found = s.records.dates_out_of_range()
    assert "Cán bộ «Nguyễn Thị Hoa» (mã CB1): Ngày sinh 01/06/0202" in found
    assert "Đơn vị «Phòng A» (mã A): Đến ngày 31/12/9999" in found
    assert any(line.startswith("Lãnh đạo (Mã cán bộ CB1, Mã đơn vị A, Chức vụ Trưởng phòng")
               for line in found)
    assert len(found) == 10


@pytest.mark.parametrize("args", [["report", "--json"], ["export", "ra.xlsx"],
                                  ["print", "in.pdf"], ["print", "--period", "gd.pdf"]])
def test_a_file_holding_such_dates_still_reports_and_prints(tmp_path, args):
    db = _file_with_old_typos(tmp_path / "xa.sqlite")
    command, rest = args[0], [str(tmp_path / a) if "." in a else a for a in args[1:]]
    # (a process of its own: printing makes the Qt application of the process)
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", command, "--db", str(db),
                          *rest], capture_output=True, text=True, encoding="utf-8",
                         timeout=120)
    assert out.returncode == 0, out.stderr


def test_the_export_of_such_a_file_names_the_records_when_imported_again(tmp_path):
    db = _file_with_old_typos(tmp_path / "xa.sqlite")
    assert main(["export", "--db", str(db), str(tmp_path / "ra.xlsx")]) == 0
    plan = exchange.read_workbook(tmp_path / "ra.xlsx", None)
    assert "Cán bộ, dòng 2, Ngày sinh: ngày «01/06/0202» nằm ngoài khoảng 01/01/1900 đến " \
           "31/12/2100 (có lẽ gõ nhầm năm)" in plan.problems
    assert len(plan.problems) == 10


def test_the_window_opens_such_a_file_and_names_the_records(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui.main_window import MainWindow

    from .waiting import figures_settled

    db = _file_with_old_typos(tmp_path / "xa.sqlite")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(db)
    try:
        figures_settled(qtbot, win.panel)
        text = win.banner_bar.label.text()
        assert win.banner_bar.isVisibleTo(win)
        assert "Cán bộ «Nguyễn Thị Hoa» (mã CB1): Ngày sinh 01/06/0202" in text
        assert "và 7 chỗ khác" in text
    finally:
        win.close_store()



def test_a_date_field_takes_only_1900_to_2100(qtbot):
    from tanhoi_desktop.ui.date_field import DateField

    optional, required = DateField(), DateField(dt.date(2026, 11, 15), required=True)
    for field in (optional, required):
        qtbot.addWidget(field)
        field.setText("01/06/0202")
    with pytest.raises(ValueError, match="31/12/2100"):
        optional.date()
    assert required.date() == dt.date(2026, 11, 15)  # its last good date
