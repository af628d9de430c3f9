"""The search line above a table. Its hint is long («Tìm theo tên hoặc mã (gõ có dấu
hoặc không dấu)…») and the filters beside it leave it narrow on some tabs at 1366 px:
there it shows a short hint instead of a cut one, and the whole hint is its tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

from .undo_keys import PassesUndo


class SearchField(PassesUndo, QLineEdit):
    def __init__(self, hint: str, short_hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint, self.short_hint = hint, short_hint
        self.setClearButtonEnabled(True)
        self.setToolTip(hint.rstrip("…"))
        self.setPlaceholderText(hint)

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
