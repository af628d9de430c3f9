"""Sửa → Hoàn tác / Làm lại (Ctrl+Z / Ctrl+Y): adding, editing and deleting a record are
undone and redone; each undo is a change like any other (in the audit trail, and the panel
recomputes); a deleted cadre comes back with the post that went with it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tanhoi_desktop.ui.record_dialog import RecordDialog

from .waiting import figures_settled

D = dt.date(2026, 11, 15)


def seed(store):
    store.records.save("units",
                       {"code": "VP", "name": "Văn phòng", "kind": "Cơ quan QLNN, chính quyền"})
    store.records.save("cadres", {"code": "CB001", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "VP"})
    store.records.save("posts", {"cadre_code": "CB001", "unit_code": "VP",
                                 "title": "Chánh Văn phòng",
                                 "level": "Cấp trưởng", "from_date": "2026-01-01"})


@pytest.fixture
def window(open_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    win = open_window(seed=seed, as_of=D)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)  # (shortcuts reach an active window only)
    return win


def _key(window, key):
    """Sửa → Hoàn tác (Ctrl+Z) or Làm lại (Ctrl+Y), as the menu item runs it."""
    action = window.act_undo if key == Qt.Key.Key_Z else window.act_redo
    assert action.shortcut() == QKeySequence(Qt.KeyboardModifier.ControlModifier | key)
    assert action.isEnabled()
    action.trigger()
    QApplication.processEvents()


def _edit_with(monkeypatch, change):
    def exec_(self):
        change(self)
        self.save()
        return 1
    monkeypatch.setattr(RecordDialog, "exec", exec_)


def _names(store):
    return [r["full_name"] for r in store.browse.page("cadres")]


def test_an_edit_is_undone_and_redone_audited_and_the_panel_follows(window, qtbot,
                                                                     monkeypatch):
    store = window.store
    tab = window.show_tab("cadres")
    cadres = tab.current_table()
    cadres.select_id(store.browse.page("cadres")[0]["id"])
    assert window.panel.figures["CT1"].numerator == 1  # a woman leads VP

    def to_man(form):
        form.editors["full_name"].selectAll()
        qtbot.keyClicks(form.editors["full_name"], "Le Van Manh")
        gender = form.editors["gender"]
        gender.setCurrentIndex(gender.findData("Nam"))
    _edit_with(monkeypatch, to_man)
    cadres.edit_current()
    figures_settled(qtbot, window.panel)
    assert _names(store) == ["Le Van Manh"] and window.panel.figures["CT1"].numerator == 0
    assert window.act_undo.isEnabled()
    assert window.act_undo.text() == "Hoàn tác: sửa cán bộ «Le Van Manh»"
    _key(window, Qt.Key.Key_Z)
    figures_settled(qtbot, window.panel)
    assert _names(store) == ["Lê Thị Mai"] and window.panel.figures["CT1"].numerator == 1
    actions = [e["action"] for e in store.audit.entries(table="cadres")]
    assert actions.count("edit") == 2  # the undo is in the audit trail
    assert window.act_redo.isEnabled() and not window.act_undo.isEnabled()
    _key(window, Qt.Key.Key_Y)
    figures_settled(qtbot, window.panel)
    assert _names(store) == ["Le Van Manh"] and window.panel.figures["CT1"].numerator == 0


def test_an_add_is_undone(window, qtbot, monkeypatch):
    store = window.store
    cadres = window.show_tab("cadres").current_table()

    def fill(form):
        qtbot.keyClicks(form.editors["full_name"], "Tran Thi Hoa")
        gender = form.editors["gender"]
        gender.setCurrentIndex(gender.findData("Nữ"))
        unit = form.editors["unit_code"]
        unit.setCurrentIndex(unit.findData("VP"))
    _edit_with(monkeypatch, fill)
    cadres.add()
    assert sorted(_names(store)) == ["Lê Thị Mai", "Tran Thi Hoa"]
    _key(window, Qt.Key.Key_Z)
    assert _names(store) == ["Lê Thị Mai"]
    _key(window, Qt.Key.Key_Y)
    assert sorted(_names(store)) == ["Lê Thị Mai", "Tran Thi Hoa"]


def test_a_delete_is_undone_with_what_went_with_it(window, qtbot, monkeypatch):
    store = window.store
    monkeypatch.setattr("tanhoi_desktop.ui.tabs.record_table.ask", lambda *a, **k: True)
    cadres = window.show_tab("cadres").current_table()
    cadres.select_id(store.browse.page("cadres")[0]["id"])
    cadres.delete_current()
    figures_settled(qtbot, window.panel)
    assert _names(store) == [] and store.browse.page("posts") == []
    assert window.panel.figures["CT1"].numerator == 0
    _key(window, Qt.Key.Key_Z)
    figures_settled(qtbot, window.panel)
    assert _names(store) == ["Lê Thị Mai"]
    assert [p["title"] for p in store.browse.page("posts")] == ["Chánh Văn phòng"]
    assert window.panel.figures["CT1"].numerator == 1


def test_another_file_starts_a_new_history(window, tmp_path, monkeypatch):
    monkeypatch.setattr("tanhoi_desktop.ui.tabs.record_table.ask", lambda *a, **k: True)
    cadres = window.show_tab("cadres").current_table()
    cadres.select_id(window.store.browse.page("cadres")[0]["id"])
    cadres.delete_current()
    assert window.act_undo.isEnabled()
    assert window.open_store(tmp_path / "khac.sqlite", create=True)
    assert not window.act_undo.isEnabled() and window.act_undo.text() == "Hoàn tác"
