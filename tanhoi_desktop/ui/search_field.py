"""The search line above a table. Its hint is long («Tìm theo tên hoặc mã (gõ có dấu
hoặc không dấu)…») and the filters beside it leave it narrow on some tabs at 1366 px:
there it shows a short hint instead of a cut one, and the whole hint is its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

_CTRL_Y = QKeySequence("Ctrl+Y")


class SearchField(QLineEdit):
    def __init__(self, hint: str, short_hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint, self.short_hint = hint, short_hint
        self.setClearButtonEnabled(True)
        self.setToolTip(hint.rstrip("…"))
        self.setPlaceholderText(hint)
        self._undone_here = False  # the last Ctrl+Z undid typing here, not the window's step

    def event(self, event: QEvent) -> bool:
        # The window puts the keyboard here: Ctrl+Z / Ctrl+Y with nothing typed here to undo
        # or redo are the window's Sửa → Hoàn tác / Làm lại (a line edit takes them all)
        # (a redo here only after an undo here: after the window's, Ctrl+Y is the window's)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or \
                QKeySequence(event.keyCombination()) == _CTRL_Y
            if undo:
                self._undone_here = self.isUndoAvailable()
            if (undo and not self._undone_here) or (
                    redo and not (self.isRedoAvailable() and self._undone_here)):
                event.ignore()
                return False
        return super().event(event)

    def room(self) -> int:
        """The width the placeholder has: the text area, less the clear button's place."""
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        area = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        # the clear button takes a square at the right end, kept even while it is hidden
        return area.width() - margins.left() - margins.right() - area.height() - 4

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fits = self.fontMetrics().horizontalAdvance(self.hint) <= self.room()
        self.setPlaceholderText(self.hint if fits else self.short_hint)
