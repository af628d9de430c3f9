"""Rows of list and tree views tall enough for Vietnamese: the marks stacked above a
letter (ầ, Ễ) and the dot below (ặ, ỵ) reach past the font's ascent and descent, and a
row only as tall as the font's height cuts them off («Trần» read «Trấn»). Table views
have rows of their own height (list_view.py); the QTreeWidget and QListWidget of the
dialogs get this delegate."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

ABOVE = "ẦẪỄỖỮẴẰỠẨ"  # capitals with two marks stacked above: the tallest letters
BELOW = "ặỵậệộợựẠỴ"  # the dot below


def row_height_for(metrics: QFontMetrics) -> int:
    """The height a row of text centred in it needs so that no mark is cut."""
    over_top = max(0, -metrics.tightBoundingRect(ABOVE).top() - metrics.ascent())
    over_bottom = max(0, metrics.tightBoundingRect(BELOW).bottom() - metrics.descent())
    # centred: what one side needs, the other gets too; one pixel of air on each side
    return metrics.height() + 2 * max(over_top, over_bottom) + 2


class MarksFitRows(QStyledItemDelegate):
    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), row_height_for(option.fontMetrics)))
        return size


def marks_fit(view: QAbstractItemView) -> QAbstractItemView:
    view.setItemDelegate(MarksFitRows(view))
    return view
