"""RecordTable: a searchable, filterable, sortable table over one of the store's browse
views with add / edit / delete through the record form; every tab is made of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import ENTITY
from ...store import Change, Store, StoreError, delete_refused
from ..common import ask, tell
from ..list_view import record_view
from ..search_field import SearchField
from ..table_model import ID_ROLE, ROW_ROLE, BrowseModel, Column
from .page import TabPage

# Which tables a view reads, so that a change elsewhere does not reload it.
READS = {"units": {"units", "cadres", "posts"}, "cadres": {"cadres", "units", "planning"},
         "planning": {"planning", "cadres", "units"},
         "courses": {"courses", "enrolments", "cadres"},
         "enrolments": {"enrolments", "cadres", "courses", "units"},
         "posts": {"posts", "cadres", "units"},
         "activities": {"activities", "activity_units", "units"},
         "training_plan": {"training_plan", "units", "courses", "enrolments", "cadres"},
         "pool_reviews": {"pool_reviews"}, "unit_targets": {"unit_targets", "units"}}


class RecordTable(TabPage, QWidget):
    """A table of one browse view with Thêm / Sửa / Xóa; the base of every tab."""

    selection_changed = Signal(object)  # the selected row dict, or None

    def __init__(self, store: Store, entity: str, view: str, columns: list[Column],
                 parent: QWidget | None = None, searchable: bool = True,
                 preset: dict[str, Any] | None = None, model_class: type = BrowseModel):
        super().__init__(parent)
        self.store = store
        self.entity = entity
        self.preset = preset or {}
        self.model = model_class(store, view, columns, self)
        self.model.failed.connect(self._rows_failed)
        self._stale: set[int] | None = None  # the next refresh's hint (on_change)
        self.as_of = dt.date.today()
        self.model.as_of = self.as_of.isoformat()

        self.search = SearchField("Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)…",
                                  "Tìm theo tên hoặc mã…")
        self.search.setObjectName(f"search_{view}")
        self.search.textChanged.connect(self._search_changed)
        self.search.setVisible(searchable)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(8)

        self.add_button = QPushButton("Thêm…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        self.view = record_view(f"table_{view}", self.model, [c.width for c in columns])
        # an empty table says why it is empty and what to do, in the middle of the grid
        self.empty_note = QLabel(self.view.viewport())
        self.empty_note.setObjectName(f"empty_{view}")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setStyleSheet("color: #555; font-size: 10pt;")
        self.empty_note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_note.hide()
        note_layout = QVBoxLayout(self.view.viewport())
        note_layout.setContentsMargins(48, 24, 48, 24)
        note_layout.addWidget(self.empty_note)
        self.searchable = searchable
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self.edit_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                  self.delete_current, context=Qt.ShortcutContext.WidgetShortcut)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addLayout(self.filter_bar)
        buttons = self.button_bar = QHBoxLayout()  # tabs may add their own buttons
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------

    def _rows_failed(self, message: str) -> None:
        """Rows that could not be read while painted: said where the count is, and in a
        box once the painting is over (never a dialog inside a paint)."""

        self.count_label.setText(message)
        QTimer.singleShot(0, self, lambda: tell(self, "Không đọc được dữ liệu", message))

    def refresh(self) -> None:
        selected = self.current_id()
        stale, self._stale = self._stale, None
        self.model.reload(stale)
        if self.model.error:
            self.count_label.setText(self.model.error)
        else:
            shown = f"{self.model.total} {ENTITY[self.entity].label}"
            self.count_label.setText(shown)
        self._say_if_empty()
        if selected is not None:
            self.select_id(selected)
        self._update_buttons()
        self.selection_changed.emit(self.current_row())

    def _say_if_empty(self) -> None:
        """The main tables only: a detail table's tab says whose records it lists."""
        empty = self.searchable and not self.model.error and self.model.total == 0
        self.empty_note.setVisible(empty)
        if not empty:
            return
        noun = ENTITY[self.entity].label
        # a year chosen (Hoạt động always has one) is not a search: nothing that year
        year = self.model.filters.get("year")
        if self.model.search.strip() or set(self.model.filters) - {"year"}:
            self.empty_note.setText(f"Không có {noun} nào khớp với nội dung tìm kiếm và bộ "
                                    "lọc đang chọn.")
            return
        none = f"Chưa có {noun} nào" + (f" trong năm {year}." if year else ".")
        if self.store.read_only:
            self.empty_note.setText(none)
        else:
            self.empty_note.setText(f"{none} Bấm «Thêm…» để nhập, hoặc nhập từ tệp Excel "
                                    "(Tệp → Nhập từ Excel…).")

    def on_change(self, change: Change) -> None:
        """Search again; the kept rows of other records stay when only this view's own
        records changed (their ids are the change's refresh hint)."""
        view = self.model.view
        if change.tables & READS[view]:
            if change.tables == {view} and view in change.ids:
                self._stale = change.ids[view]
            self.refresh()

    def set_as_of(self, day: dt.date) -> None:
        self.as_of = day
        self.model.as_of = day.isoformat()
        self.date_moved()

    def date_moved(self) -> None:
        """The date moved: the same records in the same order unless the search reads the
        date; then only the rows, fetched again when painted (50,000 cadres: no search)."""
        if self.model.loaded and not self.model.error and not self.model.reads_date():
            self.model.mark_stale()
            self.selection_changed.emit(self.current_row())
            return
        self.refresh()

    def set_filter(self, name: str, value: Any) -> None:
        if value in (None, False, ""):
            self.model.filters.pop(name, None)
        else:
            self.model.filters[name] = value
        self.refresh()

    def _search_changed(self, text: str) -> None:
        self.model.search = text
        self.refresh()

    # -- selection ----------------------------------------------------------------------

    def current_row(self) -> dict[str, Any] | None:
        index = self.view.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)  # by id: no paging through the table
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def _current_changed(self, *_args) -> None:
        self._update_buttons()
        self.selection_changed.emit(self.current_row())

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.add_button.setEnabled(not self.store.read_only)
        if self.store.read_only:
            self.delete_button.setEnabled(False)

    # -- actions ------------------------------------------------------------------------

    def add(self, preset: dict[str, Any] | None = None) -> int | None:
        from ..record_dialog import RecordDialog  # on first use: a faster start-up

        dialog = RecordDialog(self.store, self.entity, None, {**self.preset, **(preset or {})},
                              self)
        if dialog.exec() and dialog.saved_id is not None:  # (the form remembered it)
            self.select_id(dialog.saved_id)
            return dialog.saved_id
        return None

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        from ..record_dialog import RecordDialog  # on first use

        RecordDialog(self.store, self.entity, record_id, None, self).exec()

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.store.read_only:
            return
        entity = ENTITY[self.entity]
        record = self.store.records.get(self.entity, record_id) or {}
        deps = self.store.records.dependents(self.entity, record_id)
        if (refused := delete_refused(entity, record, deps)) is not None:
            tell(self, "Không xóa được", refused)
            return
        text = f"Xóa {entity.label} «{entity.name_of(record)}»?"
        if deps:
            listing = ", ".join(f"{n} {label}" for label, n in deps.items())
            text += f"\n\nCùng bị xóa: {listing}."
        text += "\n\nThao tác được ghi vào nhật ký thay đổi."
        if not ask(self, "Xác nhận xóa", text, yes="Xóa", no="Hủy"):
            return
        from ..undo import remember_delete, stored, taken_by_delete  # on first use

        before = stored(self.store, self.entity, record_id)
        taken = taken_by_delete(self.store, self.entity, before or {})
        try:
            self.store.records.delete(self.entity, record_id)
        except StoreError as exc:
            tell(self, "Không xóa được", exc.message)
            return
        if before is not None:
            remember_delete(self, self.store, self.entity, record_id, before, taken)
