"""A read-only table model over one of store's browse views: rows by id.

As Anki's browser table (aqt/browser/table/model.py): a search returns the ids of the
matching records in order, one int each, and the rows are fetched by id when a view
paints them, a block at a time, and kept. A province file has 50,000 cadres: every row
is there to scroll to at once, and selecting a record (the one just added, say) is
finding its id, not paging through the table. A change marks the kept rows it touched
stale; they are fetched again when painted. Sorting and searching run in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from .. import domain, vntext
from ..store import Store, StoreError
from .common import as_tooltip

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# the roles that read a row (others, asked for every cell painted, fetch nothing)
_ROW_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
              Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE}


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


def count_text(value: Any) -> str:
    """A count or a year: blank when not given. (A column with a `show` is aligned as it
    says, not as a number: a year stays on the left.)"""
    return "" if value is None else str(value)


class BrowseModel(QAbstractTableModel):
    failed = Signal(str)  # rows that could not be read while painting: the sentence

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
        self.ids: list[int] = []  # the matching records, in the order shown
        self._cache: dict[int, dict[str, Any]] = {}  # id -> row, fetched when painted
        self.error: str | None = None
        self._searched: tuple | None = None  # what the last search was
        # Nothing is read until the window asks (refresh): the view's sorting set-up and
        # its remembered header state would each read the ids again.
        self.loaded = False

    # -- loading ------------------------------------------------------------------------

    def reload(self, stale: set[int] | None = None) -> None:
        """Search again. `stale`: the ids whose kept rows are out of date (the others
        are kept); None: every kept row is."""
        self.loaded = True
        self._searched = self._search_now()
        self.beginResetModel()
        try:
            self.ids = self.store.browse.ids(
                self.view, search=vntext.fold(self.search), filters=self.filters,
                sort=self.sort_key, descending=self.descending, as_of=self.as_of)
            self.total = self._count()
            self.error = None
        except StoreError as exc:
            self.ids, self.total, self.error = [], 0, exc.message
        if stale is None:
            self._cache = {}
        else:
            for record_id in stale:
                self._cache.pop(record_id, None)
        self.endResetModel()

    def _count(self) -> int:
        """How many rows match; a model that shows totals reads them here."""
        return len(self.ids)

    def mark_stale(self, ids: set[int] | None = None) -> None:
        """Kept rows out of date (None: all): fetched again, and redrawn, when painted."""
        if ids is None:
            self._cache = {}
        else:
            for record_id in ids:
                self._cache.pop(record_id, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.ids) - 1, len(self.columns) - 1))

    def reads_date(self) -> bool:
        """Whether the search (the rows matched or their order) depends on the date, or
        was changed since it last ran (a filter set along with the date)."""
        return self._searched != self._search_now() or self.store.browse.reads_date(
            self.view, filters=self.filters, sort=self.sort_key)

    def _search_now(self) -> tuple:
        return self.search, sorted(self.filters.items(), key=str), self.sort_key, \
            self.descending

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The rows of `ids`, by id (a subclass adds what it computes for each)."""
        return {r["id"]: r for r in self.store.browse.rows(self.view, ids,
                                                             as_of=self.as_of)}

    def row_at(self, row: int) -> dict[str, Any]:
        """The row shown at `row`: fetched with the block around it when not kept."""
        record_id = self.ids[row]
        got = self._cache.get(record_id)
        if got is not None:
            return got
        if not self.store.is_open:  # painted while its window closes the file
            return {"id": record_id}
        start = row - row % PAGE
        block = [i for i in self.ids[start:start + PAGE] if i not in self._cache]
        try:
            self._cache.update(self._fetch(block))
        except StoreError as exc:
            if exc.message != self.error:  # said once, not at every paint
                self.error = exc.message
                self.failed.emit(exc.message)
        # a record deleted meanwhile (by another program): an empty row until the search
        # runs again
        return self._cache.get(record_id) or {"id": record_id}

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Every row, in order: fetched now (for small tables and the tests)."""
        return [self.row_at(i) for i in range(len(self.ids))]

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in _ROW_ROLES:
            return None
        row = self.row_at(index.row())
        column = self.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.ToolTipRole:  # as typed, never markup
            return as_tooltip(self.data(index, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.DisplayRole:
            if column.show is not None:
                return column.show(value) if not isinstance(value, dict) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            plain_number = isinstance(value, int | float) and not isinstance(value, bool) \
                and column.show is None
            if column.right or plain_number:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.show is date_text:  # every list's dates centred, dd/mm/yyyy
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
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
        try:  # a scan in C: 1 ms for 50,000 ids, less than building an index of them
            return self.ids.index(record_id)
        except ValueError:
            return None
