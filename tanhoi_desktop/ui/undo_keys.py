"""Ctrl+Z / Ctrl+Y in a line edit of the window (a table's search, the panel's date): the
typing in it first, then the window's Sửa → Hoàn tác / Làm lại. A QLineEdit takes the two
keys even with nothing of its own to undo, and the window's step would never be reached
from where the window puts the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence

_CTRL_Y = QKeySequence("Ctrl+Y")


class PassesUndo:
    """Put before QLineEdit in a line edit's bases."""

    # the last Ctrl+Z here undid typing here (a redo here only then: after the window's
    # undo, Ctrl+Y is the window's)
    _undone_here = False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or \
                QKeySequence(event.keyCombination()) == _CTRL_Y
            if undo:
                self._undone_here = self.isUndoAvailable()  # type: ignore[attr-defined]
            if (undo and not self._undone_here) or (redo and not (
                    self._undone_here and self.isRedoAvailable())):  # type: ignore[attr-defined]
                event.ignore()  # the window's shortcut then runs
                return False
        return super().event(event)  # type: ignore[misc]
