"""Starting the window: the application object, fonts, the last-resort error dialog."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..resources import resource
from ..safety.crashlog import write_crash_log
from .first_paint import after_first_paint
from .last_file import DATA_FILE_NAME
from .main_window import MainWindow
from .qt_texts import VietnameseQtTexts


def show_unexpected_error(exc: BaseException) -> None:
    """An uncaught exception: a dialog with the details to copy, a log file; no quitting."""
    from .message_box import MessageBox  # not at start-up: see common.py

    log = write_crash_log(exc)
    details = "".join(traceback.format_exception(exc))
    box = MessageBox(MessageBox.Icon.Critical, "Lỗi không mong đợi",
                      "Chương trình gặp một lỗi không mong đợi. Dữ liệu đã lưu không bị ảnh "
                      f"hưởng; thao tác vừa rồi có thể chưa hoàn tất.\n\nChi tiết đã được ghi "
                      f"vào «{log}». Hãy gửi tệp này cho cán bộ kỹ thuật.")
    copy = box.addButton("Sao chép chi tiết", MessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", MessageBox.ButtonRole.AcceptRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    show_unexpected_error(exc.with_traceback(tb))


# How long a thread may keep Python's lock while another waits for it. With Python's
# 5 ms a worker writing a province's workbook kept the window from its events for up to
# 1.3 s, the GUI thread waiting that long at each of its many takings of the lock; at
# 1 ms its longest pause was 35 ms, and the export took no longer (bench_pauses).
GIL_SWITCH_INTERVAL_S = 0.001


def make_app(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    # Calendars, month names and decimal commas in Vietnamese (Qt's locale data is
    # complete; its widgets' own words come from qt_texts).
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if not app.property("vietnamese_qt_texts"):  # (findChild on a Python type is slow)
        app.installTranslator(VietnameseQtTexts(app))  # the app keeps it alive
        app.setProperty("vietnamese_qt_texts", True)
    app.setOrganizationName("TanHoiDesktop")
    app.setApplicationName("TanHoiDesktop")
    app.setApplicationDisplayName("Theo dõi bình đẳng giới")
    app.setWindowIcon(QIcon(str(resource("icons", "tanhoi-256.png"))))
    return app  # the report's fonts are registered when a report is first made


# For bench/bench_bundle.py: a frozen start-up says when it painted its window ("1"), or
# the visible table with the file's rows ("data"), then quits. The time is printed, so
# that closing (a backup of the file) is not counted as starting.
QUIT_SWITCH = "TANHOI_QUIT_AFTER_FIRST_PAINT"


class _QuitAtNextPaint(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            if sys.stdout is not None:  # (a windowed program on Windows has none)
                print(f"painted {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run(db: str | None = None, demo: bool = False) -> int:
    app = make_app()
    sys.excepthook = _excepthook
    window = MainWindow(QSettings())
    quit_at = os.environ.get(QUIT_SWITCH)
    if quit_at and quit_at != "data":
        window.installEventFilter(_QuitAtNextPaint(window))

    def open_data_file() -> None:
        if window.store is not None or not window.isVisible():
            return  # the user opened a file from the menu first, or closed the window
        try:
            if demo:
                window.open_demo()
            else:
                window.open_start_file(Path(db) if db else None)
        finally:  # refused (and said why), or an unexpected error (its dialog follows)
            if getattr(window, "province_windows", None):  # a province file was given
                window.hide()
            elif window.store is None and window.stack.currentWidget() is window.opening:
                window.show_no_file()
                if db is not None:
                    app.exit(2)
        if quit_at == "data" and window.store is not None:
            # at the next paint of the visible table (or of the window)
            table = window.current_table()
            shown = table.view.viewport() if table is not None else window
            shown.installEventFilter(_QuitAtNextPaint(shown))

    # The window first (menus and "Đang mở tệp …"), the file just after: an official sees
    # the program at once, and a slow opening (a large file, a damaged one's questions)
    # happens in a window that is already there.
    last = (window.recent.paths() or [DATA_FILE_NAME])[0]  # what open_start_file opens
    window.show_opening(Path(db or last).name, demo=demo)
    if quit_at != "1":  # (the start-up's benchmark: the first paint only)
        after_first_paint(window, open_data_file, fallback_ms=3000)
    window.show()
    return app.exec()
