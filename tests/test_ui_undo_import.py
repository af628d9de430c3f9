"""Tệp → Nhập từ Excel is one step of Sửa → Hoàn tác / Làm lại, pressed as Ctrl+Z / Ctrl+Y
on the real window: the data file and the panel's figures go back to what they were
before the import and forward again; an edit made after the import is undone first; a
change another program made to an imported record makes the undo refuse, losing nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store
from tanhoi_desktop.ui import operations
from tanhoi_desktop.ui.record_dialog import RecordDialog

from .waiting import figures_settled, operation_done, operations_settled

D = dt.date(2026, 11, 15)


def seed(store: Store) -> None:
    store.records.save("units",
                       {"code": "VP", "name": "Văn phòng", "kind": "Cơ quan QLNN, chính quyền"})
    store.records.save("cadres", {"code": "CB001", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "VP"})


def later(store: Store) -> None:
    """The office's workbook: Mai renamed and made head of VP, a second unit and cadre."""
    seed(store)
    mai = store.browse.page("cadres")[0]
    store.records.save("cadres", {**{k: v for k, v in mai.items() if k != "id"},
                                  "full_name": "Lê Thị Mai Anh"}, mai["id"])
    store.records.save("posts", {"cadre_code": "CB001", "unit_code": "VP",
                                 "title": "Chánh Văn phòng",
                                 "level": "Cấp trưởng", "from_date": "2026-01-01"})
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế",
                                 "kind": "Cơ quan QLNN, chính quyền"})
    store.records.save("cadres", {"code": "CB002", "full_name": "Trần Văn Nam", "gender": "Nam",
                                  "unit_code": "KT"})


@pytest.fixture
def workbook(tmp_path):
    with Store.open(tmp_path / "office.sqlite", create=True) as source:
        later(source)
        exchange.export_workbook(source, tmp_path / "office.xlsx")
    return tmp_path / "office.xlsx"


@pytest.fixture
def told(monkeypatch):
    """What the window told the user in message boxes (none is shown)."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr("tanhoi_desktop.ui.common.tell",
                        lambda parent, title, text: said.append((title, text)))
    monkeypatch.setattr("tanhoi_desktop.ui.exchange_actions.inform", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    return said


@pytest.fixture
def window(open_window, qtbot, workbook, told, monkeypatch):
    from tanhoi_desktop.ui.sender_dialog import SenderDialog

    monkeypatch.setattr(SenderDialog, "exec", lambda self: 1)  # «Không ghi nhận»
    win = open_window(seed=seed, as_of=D)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)  # (shortcuts reach an active window only)
    assert operation_done(qtbot, win.import_path(workbook))
    figures_settled(qtbot, win.panel)
    return win


def press(qtbot, window, key) -> None:
    """Ctrl+Z or Ctrl+Y on the window, as the user presses it (None: only wait for what
    the last one started)."""
    if key is not None:
        window.activateWindow()  # (the offscreen platform lets it go after a change)
        assert QTest.qWaitForWindowActive(window)
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    operations_settled(qtbot)  # (an import is undone on a worker)
    QApplication.processEvents()
    figures_settled(qtbot, window.panel)


def in_the_file(window) -> tuple[list, list, int]:
    """The data file as another reader sees it: cadres, posts, undo rows of the trail."""
    conn = sqlite3.connect(window.store.path)
    try:
        cadres = [r[0] for r in conn.execute("SELECT full_name FROM cadres ORDER BY code")]
        posts = [r[0] for r in conn.execute("SELECT title FROM posts")]
        undos = conn.execute("SELECT COUNT(*) FROM audit_log WHERE action IN "
                             "('undo_import', 'redo_import')").fetchone()[0]
    finally:
        conn.close()
    return cadres, posts, undos


def leaders(window) -> int:
    return window.panel.figures["CT1"].numerator


def test_ctrl_z_undoes_the_whole_import_and_ctrl_y_does_it_again(window, qtbot):
    assert in_the_file(window) == (["Lê Thị Mai Anh", "Trần Văn Nam"], ["Chánh Văn phòng"], 0)
    assert leaders(window) == 1
    cadres = window.show_tab("cadres").current_table()
    assert cadres.model.rowCount() == 2
    assert window.act_undo.text() == "Hoàn tác: nhập «office.xlsx» (thêm 3, sửa 1)"
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert operations.busy()  # on a worker, with its progress dialog: the window answers
    press(qtbot, window, None)
    assert in_the_file(window) == (["Lê Thị Mai"], [], 1)
    assert leaders(window) == 0
    assert cadres.model.rowCount() == 1  # the tables read the file again
    assert not window.act_undo.isEnabled()
    assert window.act_redo.text() == "Làm lại: nhập «office.xlsx» (thêm 3, sửa 1)"
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window) == (["Lê Thị Mai Anh", "Trần Văn Nam"], ["Chánh Văn phòng"], 2)
    assert leaders(window) == 1
    assert cadres.model.rowCount() == 2


def test_an_edit_after_the_import_is_undone_first_then_the_import(window, qtbot,
                                                                   monkeypatch):
    store = window.store
    cadres = window.show_tab("cadres").current_table()
    nam = next(c for c in store.browse.page("cadres") if c["code"] == "CB002")
    cadres.select_id(nam["id"])

    def rename(form):
        form.editors["full_name"].selectAll()
        qtbot.keyClicks(form.editors["full_name"], "Tran Van Nam Bo")  # (ASCII: QTest)
        form.save()
        return 1
    monkeypatch.setattr(RecordDialog, "exec", rename)
    cadres.edit_current()
    assert in_the_file(window)[0] == ["Lê Thị Mai Anh", "Tran Van Nam Bo"]
    press(qtbot, window, Qt.Key.Key_Z)  # the edit
    assert in_the_file(window)[0] == ["Lê Thị Mai Anh", "Trần Văn Nam"]
    press(qtbot, window, Qt.Key.Key_Z)  # the import
    assert in_the_file(window) == (["Lê Thị Mai"], [], 1)
    assert leaders(window) == 0
    press(qtbot, window, Qt.Key.Key_Y)
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window) == (["Lê Thị Mai Anh", "Tran Van Nam Bo"],
                                   ["Chánh Văn phòng"], 2)
    assert leaders(window) == 1


def test_another_programs_change_to_an_imported_record_makes_the_undo_refuse(window, qtbot,
                                                                            told):
    other = Store.open(window.store.path)
    try:
        nam = next(c for c in other.browse.page("cadres") if c["code"] == "CB002")
        other.records.save("cadres", {**{k: v for k, v in nam.items() if k != "id"},
                                      "full_name": "Trần Văn Bắc"}, nam["id"])
    finally:
        other.close()
    # the window notices (PRAGMA data_version) and shows the file as it is now
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == window.CHANGED_ELSEWHERE,
                    timeout=5000)
    press(qtbot, window, Qt.Key.Key_Z)
    title, text = told[-1]
    assert title == "Không hoàn tác được"
    assert "cán bộ «Trần Văn Bắc» (mã CB002)" in text and "chưa có gì được ghi" in text
    assert in_the_file(window) == (["Lê Thị Mai Anh", "Trần Văn Bắc"], ["Chánh Văn phòng"], 0)
    assert leaders(window) == 1
    assert not window.act_undo.isEnabled()  # the step is gone: nothing older to undo


def test_an_undo_waits_for_an_operation_at_work(window, qtbot, workbook):
    """Ctrl+Z while another import is being checked on its worker does nothing (it would
    fail on the worker's lock and lose the step): it says so, and works afterwards."""
    again = window.import_path(workbook)  # (the same file: nothing to change)
    assert again.running
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Đang có một việc chạy dở")
    assert in_the_file(window)[2] == 0
    assert operation_done(qtbot, again)
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window) == (["Lê Thị Mai"], [], 1)
