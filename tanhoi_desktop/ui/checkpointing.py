"""The main data file holds every committed edit within seconds.

In WAL mode a session's edits sit in the -wal until SQLite moves them (after 1,000
pages): a copy of the main file made in Explorer, or a OneDrive upload of it alone,
misses them, and OneDrive can put back an older -wal. So, once the program has been idle
for a moment after a write (every save of a form is one), the -wal is checkpointed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from ..store import Store
    from .signals import StoreSignals

IDLE_MS = 2000  # quiet time after the last write before the checkpoint
RETRIES = 5  # a reader (the figures in the background) can hold pages for a moment


class Checkpointer(QObject):
    def __init__(self, store: Store, signals: StoreSignals, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._left = RETRIES
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self._checkpoint)
        signals.changed.connect(self._written)

    def _written(self, _change) -> None:
        self._left = RETRIES
        self.timer.start()  # (re)started: a run of edits is checkpointed once, after it

    def _checkpoint(self) -> None:
        if self.store.checkpoint() or self._left <= 0:
            return
        self._left -= 1
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
