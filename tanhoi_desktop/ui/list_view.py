"""The table view every record list shares (the tabs, Kinh phí, who has reported): whole
rows selected one at a time, alternating rows 24 px high without row numbers, columns
the user can widen, the last one filling the width.

Headers are never cut: no column is narrower than its header (a selected row no longer
makes the headers bold, which cut them); the first rows that come in set each column's
width from its content within bounds, unless the user's widths were restored; the
header's menu «Đặt lại độ rộng cột» fits them again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

READ_ONLY = QAbstractItemView.EditTrigger.NoEditTriggers
# a column fitted to its content is kept within these (a long name shows in its tooltip)
FIT_MIN, FIT_MAX = 48, 240
# room beside a header's words: the sort arrow and the section's margins
HEADER_PADDING = 30
# the rows a column is fitted to: the first page a model fetches (table_model.PAGE), as
# when only that page was loaded; Qt's default, 1,000 rows, asks a province's table for
# five pages and 100,000 cells (a third of a second on the GUI thread)
FIT_ROWS = 200


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
    header.setHighlightSections(False)  # bold headers of a selected row were cut
    header.setResizeContentsPrecision(FIT_ROWS)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, max(width, header_width(view, column)))
    header.sectionResized.connect(lambda column, _old, new: _keep_header_whole(view, column,
                                                                                new))
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _header_menu(view, pos))
    # right-click (or Ctrl+C) copies the selected row, its cells apart by tabs, to paste
    # into Excel or a document; a tab with a menu of its own replaces this one
    copy = QAction("Sao chép dòng", view)
    copy.setObjectName("copy_row")
    copy.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Copy))
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    copy.triggered.connect(lambda: copy_rows(view))
    view.addAction(copy)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.setProperty("fitted", False)
    model.modelReset.connect(lambda: _fit_once(view))
    model.rowsInserted.connect(lambda *_a: _fit_once(view))
    return view


def copy_rows(view: QTableView) -> None:
    """The selected rows as the table shows them, one line each, cells apart by tabs."""
    model = view.model()
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    lines = ["\t".join(str(model.index(row, column).data() or "")
                       for column in range(model.columnCount())) for row in rows]
    if lines:
        QGuiApplication.clipboard().setText("\n".join(lines))


def header_width(view: QTableView, column: int) -> int:
    """The width in which the column's header shows whole, in the header's own font."""
    text = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    metrics = view.horizontalHeader().fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) \
        + HEADER_PADDING


def fit_columns(view: QTableView) -> None:
    """Each column as wide as its header and the rows loaded, within FIT_MIN..FIT_MAX (the
    last one fills what is left)."""
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        content = view.sizeHintForColumn(column) + 8 if view.model().rowCount() else 0
        wanted = min(max(content, FIT_MIN), FIT_MAX)
        view.setColumnWidth(column, max(wanted, header_width(view, column)))
    view.setProperty("fitted", True)


def _fit_once(view: QTableView) -> None:
    """The first rows fit the columns, unless the user's widths were restored."""
    if view.property("fitted") or view.property("widths_restored") or \
            not view.model().rowCount():
        return
    fit_columns(view)


def _keep_header_whole(view: QTableView, column: int, width: int) -> None:
    header = view.horizontalHeader()
    if column == header.count() - 1 and header.stretchLastSection():
        return  # the last one takes what is left
    needed = header_width(view, column)
    if 0 < width < needed:
        header.resizeSection(column, needed)


def _header_menu(view: QTableView, pos) -> None:
    menu = QMenu(view)
    reset = menu.addAction("Đặt lại độ rộng cột")
    reset.triggered.connect(lambda: fit_columns(view))
    menu.popup(view.horizontalHeader().mapToGlobal(pos))
