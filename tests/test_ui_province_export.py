"""Báo cáo → Xuất biểu số liệu gửi tỉnh… on the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.province import form
from tanhoi_desktop.ui.common import file_dialog
from tanhoi_desktop.ui.province_export_dialog import ProvinceDateDialog


def seed(store):
    store.records.save("units", {"code": "VP", "name": "Văn phòng"})
    store.records.save("cadres", {"code": "c1", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ",
                                  "unit_code": "VP", "birth": "1990-05-01"})


def _action(window, text):
    return next(a for m in window.menuBar().actions() for a in m.menu().actions()
                if a.text() == text)


def test_without_code_the_window_says_how_and_writes_nothing(open_window, monkeypatch,
                                                             tmp_path):
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    monkeypatch.setattr(ProvinceDateDialog, "exec", lambda self: (_ for _ in ()).throw(
        AssertionError("asked for a date")))
    window = open_window(seed=seed)
    _action(window, "Xuất biểu số liệu gửi tỉnh…").trigger()
    assert any("Mã xã" in text and "Cài đặt" in text for text in said)
    assert list(tmp_path.glob("*.xlsx")) == []


def test_the_date_is_asked_then_the_workbook_written(open_window, monkeypatch, tmp_path,
                                                     qtbot):
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    out = tmp_path / "gui.xlsx"
    window = open_window(seed=seed)
    window.store.settings.save({"commune_code": "30856"})

    def answer(dialog):
        assert dialog.date.text()  # today, ready to be changed
        dialog.date.setText("15/11/2026")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(ProvinceDateDialog, "exec", answer)
    monkeypatch.setattr(file_dialog(), "getSaveFileName",
                        lambda *a: (str(out), ""))
    _action(window, "Xuất biểu số liệu gửi tỉnh…").trigger()
    assert out.exists() and "15/11/2026" in said[-1]
    from python_calamine import CalamineWorkbook

    cover = dict(r[:2] for r in CalamineWorkbook.from_path(str(out))
                 .get_sheet_by_name(form.COVER).to_python())
    assert cover[form.AS_OF] == "15/11/2026" and cover[form.COMMUNE_CODE] == "30856"


def test_a_bad_date_is_said_under_the_field(qtbot):
    import datetime as dt

    dialog = ProvinceDateDialog(dt.date(2026, 11, 15))
    qtbot.addWidget(dialog)
    dialog.date.setText("31/02/2026")
    dialog._accept()
    assert not dialog.result() and "không tồn tại" in dialog.error.text()
