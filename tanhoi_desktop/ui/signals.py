"""The store's change announcement as a Qt signal: the one place views learn of edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the data layer is imported when a file is opened
    from ..store import Change, Store


class StoreSignals(QObject):
    changed = Signal(object)  # a store.Change

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        store.subscribe(self._announce)

    def _announce(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self.store.unsubscribe(self._announce)
