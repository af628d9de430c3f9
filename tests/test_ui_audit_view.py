"""The Nhật ký as an official reads it: an import is one line saying what it added and
changed (its records when asked for, or when a kind of record or a record is looked for),
and on the demo, the demo's making is one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from tanhoi_desktop.ui.audit_dialog import AuditDialog
from tanhoi_desktop.ui.main_window import MainWindow


def _actions(dialog):
    model = dialog.model
    return [model.data(model.index(row, 3)) for row in range(model.rowCount())]


def _after(dialog, row):
    return dialog.model.data(dialog.model.index(row, 7))


@pytest.fixture
def demo_window(qtbot, tmp_path):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.open_demo()
    assert win.demo and win.store is not None
    yield win
    win.close_store()


def test_the_demo_s_making_is_one_line_of_the_nhat_ky(demo_window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(AuditDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    demo_window.open_audit()  # Công cụ → Nhật ký thay đổi
    dialog = shown[0]
    qtbot.addWidget(dialog)
    dialog.show()  # as exec shows it
    qtbot.waitExposed(dialog)
    actions = _actions(dialog)
    # its making, then the demo's story told after it: 2026 closed, a late correction
    assert actions[-1] == "Tạo dữ liệu mẫu" and "Thêm" not in actions
    assert actions.count("Chốt số liệu năm") == 1 and len(actions) <= 5
    made = _after(dialog, len(actions) - 1)
    assert made.startswith("Đơn vị: thêm 14; Cán bộ: thêm ")
    assert "Báo cáo của đơn vị: thêm 11" in made
    # every record, when asked for (a click on the box's square)
    box = dialog.each_imported
    square = QPoint(6, box.height() // 2)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square)
    assert _actions(dialog).count("Thêm") > 250 and "Tạo dữ liệu mẫu" not in _actions(dialog)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=square)
    # a record looked for: its own entries, the import's among them
    qtbot.keyClicks(dialog.record_filter, "VHXH")
    assert "Thêm" in _actions(dialog)


def test_an_import_is_one_line_saying_what_it_did(store, qtbot):
    store.records.import_records(
        {"units": [{"code": "A", "name": "Phòng A"}, {"code": "B", "name": "Phòng B"}]},
        {"units": {"code", "name"}})
    store.records.save("units", {"code": "C", "name": "Phòng C"})
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    assert _actions(dialog) == ["Thêm", "Nhập từ Excel"]
    assert _after(dialog, 1) == "Đơn vị: thêm 2, sửa 0, không đổi 0"  # not «units: …»
    dialog.table_filter.setCurrentIndex(dialog.table_filter.findData("units"))
    assert _actions(dialog) == ["Thêm", "Thêm", "Thêm"]  # a kind looked for: each one


def test_the_demo_can_be_exported_for_the_province(demo_window, tmp_path):
    from tanhoi_desktop.province import export

    settings = demo_window.store.settings.read()
    assert (settings["commune_name"], settings["commune_code"]) == ("Tân Hội", "30856")
    export.write(demo_window.store, demo_window.panel.as_of(), tmp_path / "tinh.xlsx")
    assert (tmp_path / "tinh.xlsx").stat().st_size > 0
