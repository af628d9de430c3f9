"""A unit's workbook whose cover names its unit and year is never recorded as another
unit's or another year's report: flags (or the window's choice) that disagree with the
cover are refused with one sentence; without a cover the flags apply."""

import subprocess
import sys

import pytest

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def commune(tmp_path):
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "PKT", "name": "Phòng Kinh tế"})
        s.records.save("units", {"code": "VP", "name": "Văn phòng"})
        s.records.save("cadres", {"code": "k1", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                  "unit_code": "PKT"})
        exchange.export_workbook(s, tmp_path / "pkt-2026.xlsx", unit_code="PKT", year=2026)
        exchange.export_workbook(s, tmp_path / "ca-xa.xlsx")  # the cover names no unit
    return path


def _submissions(path):
    with Store.open(path) as s:
        return [(r["unit_code"], year) for year in (2025,
                                                    2026) for r in s.submissions.of_year(year)]


@pytest.mark.parametrize("flags", [["--unit", "VP", "--year", "2025"], ["--unit", "VP"],
                                   ["--year", "2025"], ["--unit", "PKT", "--year", "2025"]])
def test_flags_that_disagree_with_the_cover_are_refused(commune, tmp_path, flags):
    out = _cli("import", "--db", commune, *flags, tmp_path / "pkt-2026.xlsx")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Trang bìa của tệp «pkt-2026.xlsx» ghi đơn vị «PKT», " \
        "năm 2026, khác với " + " ".join(flags) in lines[0]
    assert _submissions(commune) == []


def test_flags_that_agree_with_the_cover_record_it(commune, tmp_path):
    out = _cli("import", "--db", commune, "--unit", "PKT", "--year", "2026",
               tmp_path / "pkt-2026.xlsx")
    assert out.returncode == 0, out.stderr
    assert _submissions(commune) == [("PKT", 2026)]


def test_without_a_unit_on_the_cover_the_flags_apply(commune, tmp_path):
    out = _cli("import", "--db", commune, "--unit", "VP", "--year", "2025",
               tmp_path / "ca-xa.xlsx")
    assert out.returncode == 0, out.stderr
    assert _submissions(commune) == [("VP", 2025)]


def test_the_window_refuses_a_choice_that_disagrees_with_the_cover(qtbot, tmp_path,
                                                                   monkeypatch):
    """The cover names a unit this file does not have: the window asks whose report it
    is; choosing another unit or year than the cover's is refused, nothing written."""
    from openpyxl import Workbook
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QLabel

    from tanhoi_desktop.ui import exchange_actions
    from tanhoi_desktop.ui.main_window import MainWindow
    from tanhoi_desktop.ui.sender_dialog import SenderDialog

    from .waiting import operation_done

    book = Workbook()
    book.active.title = exchange.COVER_SHEET
    book.active.append([exchange.COVER_UNIT, "PKT"])
    book.active.append([exchange.COVER_YEAR, 2026])
    cadres = book.create_sheet("Cán bộ")
    cadres.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Mã đơn vị"])
    cadres.append(["k1", "Lê Thị Hoa", "Nữ", "VP"])
    book.save(tmp_path / "pkt.xlsx")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "xa.sqlite", create=True)
    try:
        win.store.records.save("units", {"code": "VP", "name": "Văn phòng"})
        seen = {}

        def choose() -> None:
            dialog = next((w for w in win.findChildren(SenderDialog) if w.isVisible()), None)
            if dialog is None:
                return  # not up yet
            timer.stop()
            seen["intro"] = dialog.findChild(QLabel).text()
            seen["year"] = dialog.year.value()
            dialog.unit.setCurrentIndex(dialog.unit.findData("VP"))
            dialog.accept()

        told = []
        monkeypatch.setattr(exchange_actions, "tell", lambda _w, _t, text: told.append(text))
        monkeypatch.setattr(exchange_actions, "inform", lambda _w, _t, text: told.append(text))
        timer = QTimer(win)
        timer.timeout.connect(choose)
        timer.start(50)
        assert not operation_done(qtbot, win.import_path(tmp_path / "pkt.xlsx"))
        assert "Trang bìa của tệp «pkt.xlsx» ghi đơn vị mã «PKT»" in seen["intro"]
        assert seen["year"] == 2026  # the cover's year, not this year's
        assert len(told) == 1 and "ghi đơn vị «PKT», năm 2026, khác với đơn vị «VP», " \
            "năm 2026 đã chọn" in told[0]
        assert win.store.records.count("submissions") == 0
        assert win.store.records.count("cadres") == 0
    finally:
        win.close_store()
