"""The table view every record list shares (the tabs, Kinh phí, who has reported): whole
rows selected one at a time, alternating rows 24 px high without row numbers, columns
the user can widen, the last one filling the width."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

READ_ONLY = QAbstractItemView.EditTrigger.NoEditTriggers


def record_view(name: str, model: QAbstractItemModel, widths: Iterable[int],
                edit_triggers=READ_ONLY, wrap: bool = False) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(edit_triggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view
