"""QMessageBox kept inside its screen. Imported where a box opens, not at start-up.

A message box sizes itself to its text and cannot be made smaller: an import's summary
with eighty warnings would open 1,200 pixels tall on a 768-pixel screen. A long text is
therefore shown by its first lines, the whole of it under «Xem chi tiết…» (a scrolling
field); and the box is moved inside the screen when shown (screen_fit.FitsScreen)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from .screen_fit import FitsScreen

MAX_LINES = 20


def shortened(text: str, max_lines: int = MAX_LINES) -> str | None:
    """The text to show when `text` is too long for a box (None when it is not)."""
    lines = text.split("\n")
    if len(lines) <= max_lines:
        return None
    kept = max_lines - 2
    return "\n".join([*lines[:kept], "",
                      f"… và {len(lines) - kept} dòng nữa: bấm «Xem chi tiết…» để xem hết."])


class MessageBox(FitsScreen, QMessageBox):
    def __init__(self, icon: QMessageBox.Icon, title: str, text: str, *args, **kwargs):
        short = shortened(text)
        super().__init__(icon, title, short or text, *args, **kwargs)
        if short is not None:
            self.setDetailedText(text)
