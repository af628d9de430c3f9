"""The automatic backup made when a file is opened, on a worker with a connection of its
own: at a province's size the copy and its check take seconds, and on the GUI thread they
froze the window just after it opened. Nothing is shown while it works (it is not the
user's doing); a failure is said once it ends. Closing the file waits for it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

if TYPE_CHECKING:
    from ..store import Store


class BackgroundBackup(QObject):
    failed = Signal(object)  # the StoreError or OSError, on the GUI thread

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._ended = threading.Event()

    def start(self) -> BackgroundBackup:
        QThreadPool.globalInstance().start(self._run)
        return self

    def wait(self) -> None:
        """Until the copy has ended (before its file is closed, or the window)."""
        self._ended.wait()

    @property
    def running(self) -> bool:
        return not self._ended.is_set()

    def _run(self) -> None:
        from ..safety import backups  # platformdirs: after the window is up
        from ..store import StoreError  # data layer: after the first paint

        try:
            reader = self._store.reader()  # made here: a connection stays in its thread
            try:
                backups.backup_on_open(reader)
            finally:
                reader.close()
        except (StoreError, OSError) as exc:
            self.failed.emit(exc)
        except Exception as exc:  # a bug: logged and said as one, never a traceback
            from ..store.errors import own_error  # only on a bug

            self.failed.emit(own_error(exc))
        finally:
            self._ended.set()
