"""QMessageBox kept inside its screen. Imported where a box opens, not at start-up.

A message box sizes itself to its text and cannot be made smaller: an import's summary
with eighty warnings would open 1,200 pixels tall on a 768-pixel screen, and so would one
line of 6,000 characters. A long text is therefore shown by its first rows, the whole of
it under «Xem chi tiết…» (a scrolling field); and the box is moved inside the screen when
shown (screen_fit.FitsScreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .screen_fit import FitsScreen

MAX_ROWS = 20  # rows of text a box shows, a wrapped line counting for each of its rows
ROW_CHARS = 80  # about what a row of a box holds (it is at most ~500 px wide)


def _rows(line: str) -> int:
    return max(1, -(-len(line) // ROW_CHARS))


def shortened(text: str, max_rows: int = MAX_ROWS) -> str | None:
    """The text to show when `text` is too long for a box (None when it is not)."""
    lines = text.split("\n")
    if sum(_rows(line) for line in lines) <= max_rows:
        return None
    room, kept = max_rows - 2, []
    for line in lines:
        rows = _rows(line)
        if rows > room:
            if room > 0:  # the part of a long line that fits, cut at a word
                part = line[:room * ROW_CHARS].rsplit(" ", 1)[0]
                kept.append(part + " …")
            break
        kept.append(line)
        room -= rows
    full = len(kept) - (1 if kept and kept[-1].endswith(" …") else 0)
    return "\n".join([*kept, "", f"… và {len(lines) - full} dòng nữa: bấm «Xem chi tiết…» "
                                 "để xem hết."])


class MessageBox(FitsScreen, QMessageBox):
    def __init__(self, icon: QMessageBox.Icon, title: str, text: str, *args, **kwargs):
        short = shortened(text)
        super().__init__(icon, title, short or text, *args, **kwargs)
        # names, codes and file names come from data: shown as typed, never as markup
        self.setTextFormat(Qt.TextFormat.PlainText)
        if short is not None:
            self.setDetailedText(text)
