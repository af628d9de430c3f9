"""A read-only table model over one of store's browse views, fetched page by page.

A province file has 50,000 cadres: the view shows the first page and fetches more as
the user scrolls (canFetchMore/fetchMore); sorting and searching run in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from .. import domain, vntext
from ..store import Store, StoreError

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    show: Callable[[Any], str] | None = None  # value -> text
    sortable: bool = True
    width: int = 120
    right: bool = False  # amounts and counts shown through `show` still line up right


def yes_no(value: Any) -> str:
    return domain.YES if value else ""


def date_text(value: Any) -> str:
    return domain.format_date(value) if value else ""


def money_text(value: Any) -> str:
    return domain.format_dong(value)


class BrowseModel(QAbstractTableModel):
    def __init__(self, store: Store, view: str, columns: list[Column], parent=None):
        super().__init__(parent)
        self.store = store
        self.view = view
        self.columns = columns
        self.search = ""
        self.filters: dict[str, Any] = {}
        self.sort_key: str | None = columns[0].key
        self.descending = False
        self.as_of = ""
        self.total = 0
        self.rows: list[dict[str, Any]] = []
        self.error: str | None = None
        # Nothing is read until the window asks (refresh): the view's sorting set-up and
        # its remembered header state would each read the whole first page again.
        self.loaded = False

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        self.loaded = True
        self.beginResetModel()
        try:
            self.total = self._count()
            self.rows = self._page(0)
            self.error = None
        except StoreError as exc:
            self.total, self.rows, self.error = 0, [], exc.message
        self.endResetModel()

    def _count(self) -> int:
        """How many rows match; a model that shows totals reads them in the same pass."""
        return self.store.browse_count(self.view, search=vntext.fold(self.search),
                                       filters=self.filters, as_of=self.as_of)

    def _page(self, offset: int) -> list[dict[str, Any]]:
        return self.store.browse(self.view, search=vntext.fold(self.search),
                                 filters=self.filters, sort=self.sort_key,
                                 descending=self.descending, offset=offset, limit=PAGE,
                                 as_of=self.as_of)

    def canFetchMore(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()):  # noqa: B008
        if parent.isValid():
            return
        try:
            more = self._page(len(self.rows))
        except StoreError as exc:
            self.error = exc.message
            return
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        value = row.get(column.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.show is not None:
                return column.show(value) if not isinstance(value, dict) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            plain_number = isinstance(value, int | float) and not isinstance(value, bool) \
                and column.show is None
            if column.right or plain_number:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == ID_ROLE:
            return row["id"]
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        col = self.columns[column]
        if not col.sortable:
            return
        self.sort_key = col.key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:
            self.reload()

    def row_of_id(self, record_id: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row["id"] == record_id:
                return i
        return None
