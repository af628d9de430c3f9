"""Every place where an official changes records is one step of Sửa → Hoàn tác / Làm lại
(Ctrl+Z / Ctrl+Y pressed on the real window): the Kinh phí tab's amounts typed in the
table, its lines added and deleted; the planning duties' dialogs (with their own keys);
the Hoạt động tab and the training plan; a form opened from the panel; the settings.
An undo that would write over another program's change refuses; closing a year clears
the steps (its menu says so)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tanhoi_desktop.store import Store
from tanhoi_desktop.ui.record_dialog import RecordDialog

from .waiting import figures_settled

D = dt.date(2026, 11, 15)


def seed(store: Store) -> None:
    store.records.save("units",
                       {"code": "VP", "name": "Văn phòng", "kind": "Cơ quan QLNN, chính quyền"})
    store.records.save("cadres", {"code": "CB001", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "VP"})
    store.records.save("posts", {"cadre_code": "CB001", "unit_code": "VP",
                                 "title": "Chánh Văn phòng",
                                 "level": "Cấp trưởng", "from_date": "2026-01-01"})


@pytest.fixture
def told(monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr("tanhoi_desktop.ui.common.tell",
                        lambda parent, title, text: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    return said


@pytest.fixture
def window(open_window, told):
    win = open_window(seed=seed, as_of=D)
    win.show()
    return win


def press(qtbot, target, key) -> None:
    """Ctrl+Z or Ctrl+Y on `target` (the window, or a dialog), as the user presses it."""
    target.activateWindow()
    assert QTest.qWaitForWindowActive(target)  # (shortcuts reach an active window only)
    qtbot.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def in_the_file(window, sql: str) -> list[tuple]:
    conn = sqlite3.connect(window.store.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def filled_by(monkeypatch, qtbot, fill) -> None:
    """The next form opened is filled by `fill(form)` and saved."""
    def exec_(form):
        fill(form)
        form.save()
        return form.result()
    monkeypatch.setattr(RecordDialog, "exec", exec_)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_budget_amounts_typed_in_the_table_lines_and_deletes_are_undone(window, qtbot,
                                                                        monkeypatch):
    amounts = "SELECT estimate, spent FROM budget"
    tab = window.show_tab("budget")
    filled_by(monkeypatch, qtbot, lambda form: (
        choose(form.editors["unit_code"], "VP"),
        choose(form.editors["funding"], "Ngân sách nhà nước"),
        qtbot.keyClicks(form.editors["estimate"], "2000000")))
    tab.add()
    assert in_the_file(window, amounts) == [(2_000_000, None)]
    # the estimate typed over in the table's cell
    view = tab.view
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    view.setCurrentIndex(tab.model.index(0, 2))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert view.state() == view.State.EditingState and editor.parent() is view.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, "5000000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # (the delegate commits on a queued call)
    assert in_the_file(window, amounts) == [(5_000_000, None)]
    assert window.act_undo.text() == "Hoàn tác: sửa dòng kinh phí"
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, amounts) == [(2_000_000, None)]
    assert tab.model.rows[0]["estimate"] == 2_000_000  # the table follows
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, amounts) == []
    press(qtbot, window, Qt.Key.Key_Y)
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window, amounts) == [(5_000_000, None)]
    monkeypatch.setattr("tanhoi_desktop.ui.tabs.budget.ask", lambda *a, **k: True)
    view.setCurrentIndex(tab.model.index(0, 0))
    tab.delete_current()
    assert in_the_file(window, amounts) == []
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, amounts) == [(5_000_000, None)]
    undos = in_the_file(window, "SELECT action FROM audit_log WHERE table_name = 'budget'")
    assert [a for (a,) in undos] == ["add", "edit", "edit", "delete", "add", "edit",
                                     "delete", "add"]


@pytest.mark.parametrize("tab_key, table_of, entity, fill, count", [
    ("activities", lambda tab: tab.current_table(), "activities", lambda form, qtbot: (
        choose(form.editors["kind"], "Hội nghị, tập huấn"),
        choose(form.editors["task_group"], "III.1"),
        qtbot.keyClicks(form.editors["title"], "Hoi nghi 2282"),
        qtbot.keyClicks(form.editors["from_date"], "05/03/2026"),
        choose(form.editors["unit_code"], "VP")), "SELECT title FROM activities"),
    ("training", lambda tab: tab.plan, "training_plan", lambda form, qtbot: (
        choose(form.editors["kind"], form.editors["kind"].itemData(1)),
        qtbot.keyClicks(form.editors["planned"], "4")), "SELECT planned FROM training_plan"),
])
def test_a_record_added_in_the_activities_or_training_plan_is_undone(
        window, qtbot, monkeypatch, told, tab_key, table_of, entity, fill, count):
    table = table_of(window.show_tab(tab_key))
    filled_by(monkeypatch, qtbot, lambda form: fill(form, qtbot))
    table.add()
    assert len(in_the_file(window, count)) == 1
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, count) == []
    press(qtbot, window, Qt.Key.Key_Y)
    assert told == []
    assert len(in_the_file(window, count)) == 1


def test_a_pool_review_added_in_its_dialog_is_undone_with_the_dialogs_keys(window, qtbot,
                                                                          monkeypatch):
    from tanhoi_desktop.ui.duties_dialogs import PoolReviewDialog

    dialog = PoolReviewDialog(window.store, D, window)
    qtbot.addWidget(dialog)
    dialog.show()
    filled_by(monkeypatch, qtbot, lambda form: qtbot.keyClicks(form.editors["review_date"],
                                                               "20/10/2026"))
    dialog.table.add()
    assert in_the_file(window, "SELECT year, review_date FROM pool_reviews") == [
        (2026, "2026-10-20")]
    assert dialog.summary.text().startswith("Đã rà soát quy hoạch năm 2026")
    press(qtbot, dialog, Qt.Key.Key_Z)
    assert in_the_file(window, "SELECT year FROM pool_reviews") == []
    assert dialog.summary.text().startswith("Chưa ghi nhận rà soát quy hoạch năm 2026")
    press(qtbot, dialog, Qt.Key.Key_Y)
    assert in_the_file(window, "SELECT year FROM pool_reviews") == [(2026,)]


def test_a_form_opened_from_the_panel_is_undone_and_the_panel_follows(window, qtbot,
                                                                      monkeypatch):
    figures_settled(qtbot, window.panel)
    assert window.panel.figures["CT1"].numerator == 1
    mai = window.store.browse.page("cadres")[0]
    filled_by(monkeypatch, qtbot, lambda form: choose(form.editors["gender"], "Nam"))
    window.open_record("cadres", mai["id"])  # as the drill-down list opens it
    figures_settled(qtbot, window.panel)
    assert window.panel.figures["CT1"].numerator == 0
    press(qtbot, window, Qt.Key.Key_Z)
    figures_settled(qtbot, window.panel)
    assert in_the_file(window, "SELECT gender FROM cadres") == [("Nữ",)]
    assert window.panel.figures["CT1"].numerator == 1


def test_settings_are_undone(window, qtbot, monkeypatch):
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    setting = "SELECT value FROM settings WHERE key = 'commune_name'"
    was = window.store.settings.read()["commune_name"]
    dialog = SettingsDialog(window.store, window)
    qtbot.addWidget(dialog)
    editor = dialog.commune
    editor.selectAll()
    qtbot.keyClicks(editor, "Tan Hoi Moi")
    dialog.save()
    assert in_the_file(window, setting) == [("Tan Hoi Moi",)]
    assert "xã Tan Hoi Moi" in window.windowTitle()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.store.settings.read()["commune_name"] == was != "Tan Hoi Moi"
    assert in_the_file(window, setting) in ([], [(was,)])
    assert "Tan Hoi Moi" not in window.windowTitle()
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window, setting) == [("Tan Hoi Moi",)]


def test_an_undo_never_writes_over_another_programs_change(window, qtbot, monkeypatch,
                                                           told):
    mai = window.store.browse.page("cadres")[0]
    filled_by(monkeypatch, qtbot, lambda form: (form.editors["full_name"].selectAll(),
                                                qtbot.keyClicks(form.editors["full_name"],
                                                                "Le Thi Mai")))
    window.open_record("cadres", mai["id"])
    other = Store.open(window.store.path)
    try:
        now = other.records.get("cadres", mai["id"])
        other.records.save("cadres", {**{k: v for k, v in now.items() if k != "id"},
                                      "full_name": "Lê Thị Mai Hương"}, mai["id"])
    finally:
        other.close()
    press(qtbot, window, Qt.Key.Key_Z)
    assert told[-1][0] == "Không hoàn tác được"
    assert told[-1][1].startswith("Cán bộ «Lê Thị Mai Hương» đã được sửa ở nơi khác. ")
    assert in_the_file(window, "SELECT full_name FROM cadres") == [("Lê Thị Mai Hương",)]
    assert not window.act_undo.isEnabled()


def test_closing_a_year_clears_the_steps_and_its_menu_says_so(window, qtbot, monkeypatch):
    from tanhoi_desktop.ui import close_dialog
    from tanhoi_desktop.ui.close_dialog import CloseYearDialog

    mai = window.store.browse.page("cadres")[0]
    filled_by(monkeypatch, qtbot, lambda form: choose(form.editors["gender"], "Nam"))
    window.open_record("cadres", mai["id"])
    assert window.act_undo.isEnabled()
    monkeypatch.setattr(close_dialog, "ask", lambda *a, **k: True)
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.year.setValue(2025)
    dialog.close_year()
    assert in_the_file(window, "SELECT year FROM snapshots") == [(2025,)]
    assert not window.act_undo.isEnabled() and window.act_undo.text() == "Hoàn tác"
    tips = {a.text(): a.toolTip() for m in window.menuBar().findChildren(type(
        window.recent_menu)) for a in m.actions()}
    assert "không hoàn tác được" in tips["Chốt số liệu năm…"].lower()
    assert "không hoàn tác được" in tips["Khôi phục từ bản sao lưu…"].lower()


def test_reopening_a_year_clears_the_steps_and_its_question_says_so(window, qtbot,
                                                                    monkeypatch):
    """Reopening forgets the undo steps as closing does: its question says so too (it
    said only that the year would be reopened)."""
    from tanhoi_desktop.ui import close_dialog
    from tanhoi_desktop.ui.close_dialog import CloseYearDialog

    asked = []
    monkeypatch.setattr(close_dialog, "ask",
                        lambda _parent, title, text, **_kw: asked.append(text) or True)
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.year.setValue(2025)
    dialog.close_year()
    mai = window.store.browse.page("cadres")[0]
    filled_by(monkeypatch, qtbot, lambda form: choose(form.editors["gender"], "Nam"))
    window.open_record("cadres", mai["id"])
    assert window.act_undo.isEnabled()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.reopen_selected()
    assert in_the_file(window, "SELECT year FROM snapshots") == []
    assert not window.act_undo.isEnabled()
    assert "không hoàn tác được" in asked[-1] and asked[-1].startswith("Mở lại năm 2025?")


def test_a_paper_report_recorded_is_taken_back_with_the_dialogs_keys(window, qtbot,
                                                                    monkeypatch):
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog

    dialog = SubmissionsDialog(window.store, 2026, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    monkeypatch.setattr("tanhoi_desktop.ui.submissions_dialog.ask", lambda *a, **k: True)
    dialog.record_selected()
    recorded = "SELECT year FROM submissions"
    assert in_the_file(window, recorded) == [(2026,)]
    press(qtbot, dialog, Qt.Key.Key_Z)
    assert in_the_file(window, recorded) == []
    assert dialog.model.units[0].state == "Chưa gửi"  # the dialog follows
    press(qtbot, dialog, Qt.Key.Key_Y)
    assert in_the_file(window, recorded) == [(2026,)]
    trail = in_the_file(window, "SELECT action FROM audit_log WHERE table_name = "
                                "'submissions' ORDER BY id")
    assert [a for (a,) in trail] == ["submission", "delete", "submission"]


def test_a_reports_written_text_is_undone(window, qtbot):
    from tanhoi_desktop.ui import report_preview

    dialog = report_preview.ReportDialog(window.store, D, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.texts["assessment"], "Da hoan thanh")
    assert dialog.save_texts()
    written = "SELECT text FROM report_texts WHERE report = '2026'"
    assert in_the_file(window, written) == [("Da hoan thanh",)]
    assert window.act_undo.text() == "Hoàn tác: sửa nội dung báo cáo 2026"
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, written) == []
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window, written) == [("Da hoan thanh",)]


def test_steps_find_a_record_brought_back_by_an_undo(window, qtbot, monkeypatch):
    """A record deleted (or added) and brought back keeps its id, so the steps before and
    after it still find it: edit, delete, undo both, redo both."""
    names = "SELECT full_name FROM cadres ORDER BY code"
    store = window.store
    mai = store.browse.page("cadres")[0]
    # a later record: SQLite would give a record added again the next id, not hers
    store.records.save("cadres", {"code": "CB009", "full_name": "Phạm Văn Bình", "gender": "Nam",
                                  "unit_code": "VP"})
    store.records.save("posts", {"cadre_code": "CB009", "unit_code": "VP", "title": "Phó Chánh",
                                 "level": "Cấp phó", "from_date": "2026-02-01"})
    cadres = window.show_tab("cadres").current_table()
    cadres.select_id(mai["id"])
    filled_by(monkeypatch, qtbot, lambda form: (form.editors["full_name"].selectAll(),
                                                qtbot.keyClicks(form.editors["full_name"],
                                                                "Le Thi Mai Anh")))
    cadres.edit_current()
    monkeypatch.setattr("tanhoi_desktop.ui.tabs.record_table.ask", lambda *a, **k: True)
    cadres.select_id(mai["id"])
    cadres.delete_current()
    posts = "SELECT id, title FROM posts ORDER BY id"
    assert in_the_file(window, names) == [("Phạm Văn Bình",)]
    assert in_the_file(window, posts) == [(2, "Phó Chánh")]
    press(qtbot, window, Qt.Key.Key_Z)
    press(qtbot, window, Qt.Key.Key_Z)
    assert in_the_file(window, names) == [("Lê Thị Mai",), ("Phạm Văn Bình",)]
    assert in_the_file(window, posts) == [(1, "Chánh Văn phòng"), (2, "Phó Chánh")]
    assert (mai["id"],) in in_the_file(window, "SELECT id FROM cadres")
    press(qtbot, window, Qt.Key.Key_Y)
    press(qtbot, window, Qt.Key.Key_Y)
    assert in_the_file(window, names) == [("Phạm Văn Bình",)]
    # an add, then an edit of it: undone and redone
    filled_by(monkeypatch, qtbot, lambda form: (
        qtbot.keyClicks(form.editors["full_name"], "Tran Thi Hoa"),
        choose(form.editors["gender"], "Nữ"), choose(form.editors["unit_code"], "VP")))
    hoa = cadres.add()
    filled_by(monkeypatch, qtbot, lambda form: (form.editors["full_name"].selectAll(),
                                                qtbot.keyClicks(form.editors["full_name"],
                                                                "Tran Thi Hoa Binh")))
    cadres.select_id(hoa)
    cadres.edit_current()
    for key in (Qt.Key.Key_Z, Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_Y):
        press(qtbot, window, key)
    assert (hoa, "Tran Thi Hoa Binh") in in_the_file(window, "SELECT id, full_name FROM cadres")


def test_ctrl_z_in_the_search_field_undoes_the_data_when_nothing_is_typed_there(
        window, qtbot, monkeypatch):
    """The window puts the keyboard in the search field: Ctrl+Z there undoes the last
    change to the data, unless there is typing in the field to undo first."""
    mai = window.store.browse.page("cadres")[0]
    filled_by(monkeypatch, qtbot, lambda form: choose(form.editors["gender"], "Nam"))
    window.open_record("cadres", mai["id"])
    search = window.show_tab("cadres").current_table().search
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    search.setFocus()
    qtbot.keyClicks(search, "mai")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "" and in_the_file(window, "SELECT gender FROM cadres") == [("Nam",)]
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_the_file(window, "SELECT gender FROM cadres") == [("Nữ",)]
    qtbot.keyClick(search, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert in_the_file(window, "SELECT gender FROM cadres") == [("Nam",)]
    assert search.text() == ""  # the window's step was the last undone, not the typing
    qtbot.keyClicks(search, "le")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "le" and in_the_file(window, "SELECT gender FROM cadres") == [
        ("Nam",)]
    # the panel's date field likewise, where nothing was typed
    date = window.panel.date_edit
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_the_file(window, "SELECT gender FROM cadres") == [("Nữ",)]
