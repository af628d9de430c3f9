"""The data-safety dialogs on real widgets: audit trail and restore from backup."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.safety import backups
from tanhoi_desktop.ui.audit_dialog import AuditDialog
from tanhoi_desktop.ui.restore_dialog import RestoreDialog

from .waiting import operation_done


def test_audit_dialog_lists_and_filters(qtbot, store, qtmodeltester):
    store.settings.save({"entered_by": "Trần Thị Thu"})
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
    store.records.save("units", {"code": "VP", "name": "Văn phòng"})
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 3
    qtbot.keyClicks(dialog.record_filter, "KT")
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 3).data() == "Thêm"
    assert dialog.model.index(0, 1).data() == "Trần Thị Thu"
    dialog.record_filter.clear()
    later = dialog.since.date() + dt.timedelta(days=40)  # after today: nothing
    dialog.since.selectAll()
    qtbot.keyClicks(dialog.since, later.strftime("%d/%m/%Y"))
    qtbot.keyClick(dialog.since, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 0


def test_restore_dialog_shows_figures_and_confirms(qtbot, store, monkeypatch):
    store.records.save("units", {"code": "A", "name": "A"})
    store.records.save("cadres", {"code": "c", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "A"})
    store.records.save("posts", {"cadre_code": "c", "unit_code": "A", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng"})
    path = backups.make_backup(store, "thu-cong", now=dt.datetime(2026, 11, 20, 8, 30))
    dialog = RestoreDialog(store.path)
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert item.text(0) == "20/11/2026 08:30:00" and item.text(1) == "Sao lưu thủ công"
    # whose data and how much, then the figures
    assert [item.text(c) for c in (2, 3, 4, 5)] == ["Tân Hội", "1", "1", "100,0 %"]
    assert not dialog.restore_button.isEnabled()
    dialog.list.setCurrentItem(item)
    assert dialog.restore_button.isEnabled()
    # the user says no: nothing chosen
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.clickedButton())
    dialog.accept()
    assert dialog.chosen() is None

    def click_restore(box):
        next(b for b in box.buttons() if b.text() == "Khôi phục").click()

    monkeypatch.setattr(QMessageBox, "exec", lambda self: click_restore(self))
    dialog.accept()
    assert dialog.chosen() == path


def test_about_dialog_names_file_schema_and_backups(qtbot, store):
    from tanhoi_desktop.store import SCHEMA_VERSION
    from tanhoi_desktop.ui.about_dialog import AboutDialog

    dialog = AboutDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.fields["data_file"] == str(store.path)
    assert dialog.fields["schema"] == str(SCHEMA_VERSION)
    assert dialog.fields["backups"].endswith("backups")
    assert dialog.fields["version"].count(".") == 2


def test_unexpected_error_dialog_copies_details_and_logs(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tanhoi_desktop.ui import app

    logged = []
    monkeypatch.setattr(app, "write_crash_log",
                        lambda exc: logged.append(exc) or tmp_path / "crash.log")

    def press_copy(box):
        assert box.windowTitle() == "Lỗi không mong đợi" and "crash.log" in box.text()
        next(b for b in box.buttons() if b.text() == "Sao chép chi tiết").click()

    monkeypatch.setattr(QMessageBox, "exec", press_copy)
    try:
        raise ValueError("hỏng")
    except ValueError as exc:
        app.show_unexpected_error(exc)
    assert isinstance(logged[0], ValueError)
    assert "ValueError: hỏng" in QApplication.clipboard().text()


def _run_window(qtbot, monkeypatch, tmp_path, db: Path, until, first=None
                ) -> tuple[int, dict]:
    """ui.app.run(db) with its event loop replaced by one that runs until `until(window)`
    (after `first(window)`, when given); what the window showed at its first paint is
    kept in the returned dict."""
    import sys

    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from tanhoi_desktop.ui import app
    from tanhoi_desktop.ui.main_window import MainWindow

    seen, exits = {}, []

    class AtFirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "store" not in seen:
                seen["store"] = obj.store
                seen["showing"] = obj.stack.currentWidget().text()
            return False

    def event_loop(self):
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        seen["window"] = window
        window.installEventFilter(AtFirstPaint(window))
        if first is not None:
            first(window)
        qtbot.waitUntil(lambda: until(window, exits), timeout=10000)
        return exits[0] if exits else 0

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() sets its own
    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    ini = str(tmp_path / "s.ini")
    monkeypatch.setattr("tanhoi_desktop.ui.app.QSettings",
                        lambda: QSettings(ini, QSettings.Format.IniFormat))
    code = app.run(db=str(db))
    return code, seen


def test_window_entry_point_paints_first_then_opens_the_given_file(qtbot, monkeypatch,
                                                                   tmp_path):
    from tanhoi_desktop.store import Store

    path = tmp_path / "x.sqlite"
    Store.open(path, create=True).close()
    code, seen = _run_window(qtbot, monkeypatch, tmp_path, path,
                             lambda window, _exits: window.store is not None)
    window = seen["window"]
    # the window was on the screen before the file was opened, saying which file comes
    assert seen["store"] is None and seen["showing"] == "Đang mở tệp dữ liệu «x.sqlite»…"
    assert code == 0
    assert window.store.path == path and "x.sqlite" in window.windowTitle()
    assert window.stack.currentWidget() is not window.opening
    window.close()


def test_window_entry_point_refusing_its_file_says_why_and_exits_2(qtbot, monkeypatch,
                                                                  tmp_path):
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "x.sqlite"
    path.write_bytes(b"not a data file" * 100)
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    code, seen = _run_window(qtbot, monkeypatch, tmp_path, path,
                             lambda _window, exits: bool(exits))
    window = seen["window"]
    assert code == 2 and window.store is None
    assert told == [f"Tệp «{path}» không phải tệp dữ liệu của chương trình."]
    assert path.read_bytes() == b"not a data file" * 100  # untouched
    assert window.opening.text().startswith("Chưa mở tệp dữ liệu nào.")
    window.close()


def test_an_unexpected_error_while_opening_leaves_no_window_saying_it_is_opening(
        qtbot, monkeypatch, tmp_path):
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui import app
    from tanhoi_desktop.ui.main_window import MainWindow

    path = tmp_path / "x.sqlite"
    Store.open(path, create=True).close()
    shown = []
    monkeypatch.setattr(app, "show_unexpected_error", shown.append)

    def broken(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(MainWindow, "open_store", broken)
    code, seen = _run_window(qtbot, monkeypatch, tmp_path, path,
                             lambda _window, exits: bool(exits) and bool(shown))
    window = seen["window"]
    assert code == 2 and isinstance(shown[0], OSError)  # the error's own dialog, then 2
    assert window.opening.text().startswith("Chưa mở tệp dữ liệu nào.")
    window.close()


def test_a_window_closed_before_its_file_opens_opens_nothing(qtbot, monkeypatch, tmp_path):
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui import app
    from tanhoi_desktop.ui.first_paint import after_first_paint

    path = tmp_path / "x.sqlite"
    Store.open(path, create=True).close()
    ran = []
    monkeypatch.setattr(app, "after_first_paint", lambda widget, work, fallback_ms: (
        after_first_paint(widget, lambda: ran.append(work()), fallback_ms=50)))
    code, seen = _run_window(qtbot, monkeypatch, tmp_path, path,
                             lambda _window, _exits: bool(ran), first=lambda w: w.hide())
    assert code == 0 and seen["window"].store is None  # nothing opened, nothing locked
    assert not Path(str(path) + ".lock").exists()


def test_importing_with_no_file_open_says_so(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui import exchange_actions
    from tanhoi_desktop.ui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(exchange_actions, "tell", lambda _p, title, text: told.append(text))
    window.import_workbook()
    assert told == ["Chưa mở tệp dữ liệu nào: hãy mở hoặc tạo tệp dữ liệu (menu Tệp) trước "
                    "khi nhập."]


def test_window_refuses_every_output_onto_the_open_data_file(qtbot, tmp_path, monkeypatch):
    import hashlib

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from tanhoi_desktop.ui.main_window import MainWindow

    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    data = tmp_path / "data.sqlite"
    assert win.open_store(data, create=True)
    win.store.records.save("units", {"code": "A", "name": "A"})
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(data), ""))
    win.save_copy()
    operation_done(qtbot, win.export_workbook())
    assert len(told) == 2 and all("Không ghi vào" in t for t in told), told
    assert hashlib.sha256(data.read_bytes()).hexdigest() == digest
    copy = tmp_path / "ban-sao.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    win.save_copy()
    assert "Đã lưu bản sao" in told[-1]
    from tanhoi_desktop.store import Store

    with Store.open(copy, read_only=True) as c:
        assert c.records.count("units") == 1
        # a copy lives its own life: its own identity, the original's noted
        assert c.file_id() != win.store.file_id()
        assert c.settings.read()["copied_from"] == win.store.file_id()
    win.close_store()


def test_a_workbook_imported_in_this_session_is_never_overwritten(qtbot, tmp_path,
                                                                  monkeypatch):
    import hashlib
    import shutil

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from tanhoi_desktop.resources import demo_workbook
    from tanhoi_desktop.ui.main_window import MainWindow

    received = tmp_path / "bao-cao-don-vi.xlsx"
    shutil.copyfile(demo_workbook(), received)
    digest = hashlib.sha256(received.read_bytes()).hexdigest()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "data.sqlite", create=True)
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    assert operation_done(qtbot, win.import_path(received))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(received), ""))
    operation_done(qtbot, win.export_workbook())
    assert "Không ghi vào" in told[-1]
    assert hashlib.sha256(received.read_bytes()).hexdigest() == digest
    win.close_store()
