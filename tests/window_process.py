"""A real window in a process of its own, for tests of two programs on one file.

    python -m tests.window_process DATA_FILE [WORKBOOK]

opens (creating) DATA_FILE in the main window, imports WORKBOOK the way the menu does,
lets the panel's figures be computed, prints «ready» and then obeys one command per
line on standard input, answering one line each:

    edit    add a unit and delete it again through the window's store
    quit    close the file as the window does, and end
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app, window, seconds: float = 0.5) -> None:
    """Let the background figures finish, then the events they post."""
    end = time.monotonic() + 20
    while window.panel.computing and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _ended(operation) -> bool:
    """Wait for a long operation (it runs on a worker) to end: its outcome."""
    from PySide6.QtCore import QEventLoop

    if operation is None:
        return False
    if operation.ok is None:
        loop = QEventLoop()
        operation.finished.connect(loop.quit)
        loop.exec()
    return bool(operation.ok)


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui import exchange_actions
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow

    exchange_actions.inform = lambda *args, **kwargs: None  # no modal box to click
    db = Path(argv[0])
    app = make_app()
    window = MainWindow(QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat))
    window.show()
    if not window.open_store(db, create=True):
        print("refused", flush=True)
        return 2
    if len(argv) > 1 and not _ended(window.import_path(Path(argv[1]))):
        print("import refused", flush=True)
        return 2
    _settle(app, window)
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "edit":
            try:
                store = window.store
                unit = store.records.save("units", {"code": "XOA-THU", "name": "Đơn vị thử"})
                store.records.delete("units", unit)
                print("edited", flush=True)
            except Exception as exc:  # the test reads what went wrong
                print(f"failed {type(exc).__name__}: {exc}", flush=True)
            _settle(app, window)
        elif command == "quit":
            window.close_store()
            print("closed", flush=True)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
