"""The province window on real widgets: workbooks added by file and by folder with
progress on a worker, the tables of communes and figures, the drill-down to a commune
and its units, an older export asked about; Tệp → Tạo tệp tổng hợp tỉnh."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.province.store import ProvinceStore
from tanhoi_desktop.ui import province_window
from tanhoi_desktop.ui.common import file_dialog
from tanhoi_desktop.ui.province_window import CommuneDialog, ProvinceWindow

from .province_communes import D, commune_file, commune_list, set_unit, workbook_of

T0 = dt.datetime(2026, 11, 14, 9, 0, 0)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xa-ui")
    sent = folder / "gui"
    sent.mkdir()
    a = commune_file(folder, "30856", "Tân Hội")
    b = commune_file(folder, "30857", "Mỹ Hòa Hưng", ("TTHCC",))
    out = {"a": workbook_of(a, sent / "tan-hoi.xlsx", now=T0),
           "b": workbook_of(b, sent / "my-hoa-hung.xlsx", now=T0 + dt.timedelta(days=2))}
    with __import__("tanhoi_desktop.store", fromlist=["Store"]).Store.open(b) as store:
        set_unit(store, "TTHCC", in_scope_ct1=True)
    out["b_old"] = workbook_of(b, folder / "my-hoa-hung-cu.xlsx", now=T0)
    (sent / "ghi-chu.txt").write_text("không phải biểu")
    out["folder"] = sent
    out["list"] = commune_list(folder / "ds.xlsx")
    return out


@pytest.fixture
def window(qtbot, tmp_path, books, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    store = ProvinceStore.create(tmp_path / "tinh.sqlite")
    from tanhoi_desktop.province.intake import read_communes

    store.set_communes(read_communes(books["list"]), "ds.xlsx")
    win = ProvinceWindow(store)
    qtbot.addWidget(win)
    win.said = said
    return win


def _wait(qtbot, win):
    qtbot.waitUntil(lambda: win.worker is None, timeout=20000)


def _column(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_no_date_no_intake(window, books):
    window.add_paths([books["a"]])
    assert window.worker is None and "ngày số liệu" in window.said[-1]


def test_a_folder_added_with_progress_fills_the_tables(window, books, qtbot):
    window.as_of.setText("15/11/2026")
    window.deadline.setText("14/11/2026")
    window.save_dates()
    assert window.store.settings()["as_of"] == D.isoformat()
    from tanhoi_desktop.province import intake

    window.add_paths(intake.workbooks_in(books["folder"]))
    assert window.worker is not None  # read on a worker thread
    _wait(qtbot, window)
    assert "2 biểu mới" in window.said[-1]
    status = dict(zip(_column(window.communes, 0), _column(window.communes, 2), strict=True))
    assert status["30856"] == "đúng hạn" and status["30857"] == "muộn"
    assert status["30860"] == "chưa gửi"
    window.state.setCurrentIndex(window.state.findData("chưa gửi"))
    assert window.communes.rowCount() == 3
    assert "2 gửi muộn" not in window.summary.text() and "1 gửi muộn" in window.summary.text()
    # the province figures, a row per figure; a row selected lists the communes
    pf = window.figures
    assert _column(window.province, 1)[0] == str(pf["CT1"].numerator)
    window.province.selectRow(0)
    assert window.drill.rowCount() == 5
    drilled = dict(zip(_column(window.drill, 0), _column(window.drill, 2), strict=True))
    sent = {c.code: c.figures["CT1"].numerator for c in pf.received}
    assert {k: int(v) for k, v in drilled.items() if v} == sent
    dialog = CommuneDialog(window.store, next(c for c in pf.communes if c.code == "30857"),
                           window)
    qtbot.addWidget(dialog)
    assert dialog.units.rowCount() == 14
    assert "TTHCC" in _column(dialog.units, 0)
    assert window.trajectory.rowCount() == 1
    assert window.audit.rowCount() >= 3


def test_an_older_export_asks_and_a_refusal_names_the_file(window, books, qtbot,
                                                           monkeypatch):
    window.as_of.setText("15/11/2026")
    window.save_dates()
    window.add_paths([books["b"]])
    _wait(qtbot, window)
    asked = []
    monkeypatch.setattr(province_window, "ask", lambda *a, **k: asked.append(a[2]) or False)
    window.add_paths([books["b_old"], books["folder"] / "ghi-chu.txt"])
    _wait(qtbot, window)
    assert asked and "cũ hơn" in asked[0]
    assert "my-hoa-hung-cu.xlsx" in window.said[-1] and "ghi-chu.txt" in window.said[-1]
    monkeypatch.setattr(province_window, "ask", lambda *a, **k: True)
    window.add_paths([books["b_old"]])
    _wait(qtbot, window)
    assert "1 biểu thay biểu cũ" in window.said[-1]


def test_a_bad_date_is_said_and_not_saved(window):
    window.as_of.setText("31/02/2026")
    window.save_dates()
    assert window.error.isVisible() or "không tồn tại" in window.error.text()
    assert window.store.settings()["as_of"] == ""


def test_menu_creates_a_province_file_and_opens_its_window(open_window, tmp_path,
                                                           monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    main = open_window()
    target = tmp_path / "tong-hop.sqlite"
    monkeypatch.setattr(file_dialog(), "getSaveFileName",
                        lambda *a: (str(target), ""))
    action = next(a for m in main.menuBar().actions() for a in m.menu().actions()
                  if a.text() == "Tạo tệp tổng hợp tỉnh…")
    action.trigger()
    assert target.exists(), said
    opened = main.province_windows[-1]
    assert opened.isVisible() and opened.store.path == target
    opened.close()
    # opening it as a data file opens the province window again
    assert main.open_store(target)
    assert main.province_windows[-1] is not opened
    main.province_windows[-1].close()


def test_settings_of_the_report_are_checked_and_audited(window, qtbot):
    from tanhoi_desktop.ui.province_settings_dialog import ProvinceSettingsDialog

    dialog = ProvinceSettingsDialog(window.store, window)
    qtbot.addWidget(dialog)
    # percentages with a decimal comma, as everywhere, and read back as they were
    assert dialog.fields["target_ct1"].text() == "75,0 %"
    assert dialog.fields["target_ct3"].text() == "90,0 %"
    dialog.fields["signer_name"].setText("Nguyễn Văn An")
    dialog.fields["target_ct2"].setText("150")
    dialog.save()
    assert not dialog.result() and "Mục tiêu CT2" in dialog.error.text()
    assert window.store.settings()["signer_name"] == ""
    dialog.fields["target_ct2"].setText("55 %")
    dialog.save()
    s = window.store.settings()
    assert dialog.result() and s["signer_name"] == "Nguyễn Văn An" and s["target_ct2"] == "0.55"
    assert s["target_ct1"] == "0.75" and s["target_ct3"] == "0.9"  # untouched: the same
    again = ProvinceSettingsDialog(window.store, window)
    qtbot.addWidget(again)
    assert again.fields["target_ct2"].text() == "55,0 %"
    assert window.store.audit_entries()[0]["action"] == "Cài đặt"


def test_closing_with_a_date_being_typed_saves_it_and_says_no_error(window, qtbot, tmp_path):
    path = window.store.path
    window.show()
    qtbot.waitExposed(window)
    window.as_of.setFocus()
    qtbot.keyClicks(window.as_of, "15/11/2026")  # typed, the field not left
    window.close()
    assert window.said == []  # no «Không lưu được» as the fields let go of the file
    with ProvinceStore.open(path) as store:
        assert store.settings()["as_of"] == "2026-11-15"
