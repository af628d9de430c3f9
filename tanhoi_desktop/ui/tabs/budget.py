"""Kinh phí: the budget of one year per unit and funding source, with what the year's
activities and courses spent rolled up into it (rules in store/plan.py). Estimate and
typed spending are edited in the table; a line is added with its own form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import domain, vntext
from ...domain import Invalid
from ...store import Change, Store, StoreError
from ...store.plan import totals_by_source
from ..common import RED, ProblemLine, as_tooltip, ask, tell
from ..list_view import record_view
from ..record_dialog import RecordDialog
from ..search_field import SearchField
from ..undo import remember, remember_delete, stored
from .activities import year_choices
from .page import TabPage

NO_UNIT = "(Lớp học chưa có học viên)"
TOTAL = "Tổng cộng"
# (key, header, editable)
COLUMNS = [
    ("unit_name", "Đơn vị", False), ("funding", "Nguồn kinh phí", False),
    ("estimate", "Dự toán", True), ("spent_entered", "Thực hiện (nhập)", True),
    ("spent_activities", "Từ hoạt động", False), ("spent_courses", "Từ lớp học", False),
    ("spent", "Tổng thực hiện", False), ("left", "Còn lại", False),
]
_FIELD = {"estimate": "estimate", "spent_entered": "spent"}
READS = {"budget", "activities", "courses", "enrolments", "cadres", "units"}


class BudgetModel(QAbstractTableModel):
    """The year's budget rows and a total row; editing an amount saves it at once."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.year = dt.date.today().year
        self.search = ""
        self.rows: list[dict[str, Any]] = []
        self.year_rows: list[dict[str, Any]] = []
        self.total: dict[str, Any] = {}
        self.error: str | None = None
        self.on_problem = lambda message: None  # set by the tab: where a refusal is shown
        # set by the tab: an amount typed, as one step of Sửa → Hoàn tác (ui/undo)
        self.remember = lambda record_id, before: None

    def reload(self) -> None:
        self.beginResetModel()
        try:
            rows = self.store.plan.budget_table(self.year)
            self.error = None
        except StoreError as exc:
            rows, self.error = [], exc.message
        self.year_rows = rows  # every row of the year, whatever the search
        words = vntext.fold(self.search).split()
        if words:
            rows = [r for r in rows if all(
                w in vntext.fold(f"{r['unit_name'] or NO_UNIT} {r['unit_code'] or ''}")
                for w in words)]
        for row in rows:
            row["left"] = None if row["estimate"] is None else row["estimate"] - row["spent"]
        self.rows = rows
        sums = {key: sum(r[key] or 0 for r in rows) for key, _h, _e in COLUMNS[2:7]}
        self.total = {"unit_name": TOTAL, "funding": "", **sums,
                      "left": sums["estimate"] - sums["spent"]}
        self.endResetModel()

    def row_at(self, index: int) -> dict[str, Any] | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows) + (1 if self.rows else 0)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _row(self, index) -> dict[str, Any]:
        return self.rows[index.row()] if index.row() < len(self.rows) else self.total

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index)
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.ToolTipRole:  # as typed, never markup
            return as_tooltip(str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "unit_name":
                return value or NO_UNIT
            if index.column() >= 2:
                return domain.format_dong(value)
            return value or ""
        if role == Qt.ItemDataRole.EditRole:
            return domain.format_dong(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row is self.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and key == "left" and value is not None \
                and value < 0:
            return RED
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][2] and index.row() < len(self.rows) \
                and self.rows[index.row()]["unit_id"] is not None and not self.store.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False

        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        before = stored(self.store, "budget", row["budget_id"]) \
            if row["budget_id"] is not None else None
        try:
            saved = self.store.plan.set_budget_amount(self.year, row["unit_code"], row["funding"],
                                                      _FIELD[key], value)
        except Invalid as exc:
            message = next(iter(exc.problems.values()))
            self.on_problem(f"{COLUMNS[index.column()][1]} của «{row['unit_name']}», "
                            f"{row['funding']}: {message}; chưa lưu.")
            return False
        except StoreError as exc:
            self.on_problem(exc.message)
            return False
        self.on_problem("")
        self.remember(saved, before)
        return True  # the store's announcement reloads the table

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None


class BudgetTab(TabPage, QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.model = BudgetModel(store, self)
        self.year = QComboBox()
        self.year.setObjectName("budget_year")
        self.year.currentIndexChanged.connect(self._year_changed)
        self.search = SearchField("Tìm theo tên hoặc mã đơn vị (gõ có dấu hoặc không dấu)…",
                                  "Tìm theo tên hoặc mã đơn vị…")
        self.search.setObjectName("search_budget")
        self.search.textChanged.connect(self._search_changed)
        self.view = record_view(
            "table_budget", self.model, (150, 118, 98, 112, 98, 98, 104, 90),
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed, wrap=True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.problem = ProblemLine("budget_problem")  # a refusal, or the rows unread
        self.years_problem = ProblemLine("budget_years_problem")
        self.model.on_problem = self._show_problem
        self.model.remember = self._remember
        self.by_source = QLabel()
        self.by_source.setObjectName("budget_by_source")
        self.by_source.setWordWrap(True)
        self.by_source.setTextFormat(Qt.TextFormat.RichText)  # our words and sums: bold parts
        hint = QLabel("Số tiền tính bằng đồng. Dự toán và Thực hiện (nhập) sửa ngay trong bảng: "
                      "nhấp đúp vào ô, gõ số đồng (1.250.000 hoặc 1250000). «Thực hiện (nhập)» "
                      "là phần chi ngoài các hoạt động và lớp học đã ghi; chi phí của hoạt động "
                      "và lớp học được cộng vào tự động.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.add_button = QPushButton("Thêm dòng kinh phí…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm:"))
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.by_source)
        layout.addWidget(self.problem)
        layout.addWidget(self.years_problem)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.fill_years(dt.date.today().year)
        self._update_buttons()

    # -- what the window asks of a tab --------------------------------------------------

    def tables(self) -> list:
        return []

    def current_table(self):
        return self  # add / edit_current / delete_current / search, as a RecordTable has

    def save_state(self, settings) -> None:
        settings.setValue("columns/table_budget", self.view.horizontalHeader().saveState())

    def restore_state(self, settings) -> None:
        state = settings.value("columns/table_budget")
        if isinstance(state, QByteArray):
            self.view.horizontalHeader().restoreState(state)

    def set_as_of(self, day: dt.date) -> None:
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.tables & (READS | {"settings"}):
            if self.view.state() == QAbstractItemView.State.EditingState:
                # an amount typed in a cell was just saved: read again once its editor has
                # closed (a reset under an open editor makes the view commit it twice)

                QTimer.singleShot(0, self._read_again)
                return
            self._read_again()

    def _read_again(self) -> None:
        self.fill_years()
        self.refresh()

    # -- data ---------------------------------------------------------------------------

    def fill_years(self, default: int | None = None) -> None:
        current = self.year.currentData() if default is None else default
        self.year.blockSignals(True)
        self.year.clear()
        years, problem = year_choices(self.store, current or dt.date.today().year)
        for year in years:
            self.year.addItem(str(year), year)
        self.years_problem.say(problem)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.model.year = self.year.currentData()

    def refresh(self) -> None:
        self.model.reload()
        self.by_source.setText(self._by_source_text())
        if self.model.error:
            self._show_problem(self.model.error)
        self._update_buttons()

    def _by_source_text(self) -> str:
        """The year's totals per funding source (Mục IV of the plan), as the reports."""
        if self.model.error:
            return ""
        totals = totals_by_source(self.model.year_rows)  # the rows the table just read
        parts = [f"{source}: dự toán {domain.format_dong(t['estimate'])}, thực hiện "
                 f"{domain.format_dong(t['spent'])}"
                 for source in domain.FUNDING_SOURCES
                 if (t := totals.get(source)) and (t["estimate"] or t["spent"])]
        total = totals[TOTAL]
        return (f"<b>Theo nguồn kinh phí năm {self.model.year}</b> (Mục IV của Kế hoạch, "
                f"đồng) — {'; '.join(parts) or 'chưa có'}. <b>Tổng cộng: dự toán "
                f"{domain.format_dong(total['estimate'])}, thực hiện "
                f"{domain.format_dong(total['spent'])}.</b>")

    def _year_changed(self) -> None:
        self.model.year = self.year.currentData()
        self._show_problem("")
        self.refresh()

    def _search_changed(self, text: str) -> None:
        self.model.search = text
        self.refresh()

    def _show_problem(self, message: str) -> None:
        self.problem.say(message)

    def _remember(self, record_id: int, before: dict[str, Any] | None) -> None:
        remember(self, self.store, "budget", record_id, before)

    def current_row(self) -> dict[str, Any] | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        has_line = row is not None and row["budget_id"] is not None
        writable = not self.store.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(has_line and writable)
        self.delete_button.setEnabled(has_line and writable)

    # -- actions ------------------------------------------------------------------------

    def add(self, preset: dict[str, Any] | None = None) -> int | None:
        row = self.current_row()
        values = {"year": self.model.year}
        if row is not None and row["unit_code"] and row["budget_id"] is None:
            values.update(unit_code=row["unit_code"], funding=row["funding"])
        dialog = RecordDialog(self.store, "budget", None, {**values, **(preset or {})}, self)
        if dialog.exec() and dialog.saved_id is not None:
            return dialog.saved_id
        return None

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None or row["budget_id"] is None:
            return

        RecordDialog(self.store, "budget", row["budget_id"], None, self).exec()

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or row["budget_id"] is None or self.store.read_only:
            return
        text = (f"Xóa dòng kinh phí năm {self.model.year} của «{row['unit_name']}», nguồn "
                f"«{row['funding']}»?\n\nChi phí của hoạt động và lớp học vẫn được cộng như "
                "trước. Thao tác được ghi vào nhật ký thay đổi.")
        if not ask(self, "Xác nhận xóa", text, yes="Xóa", no="Hủy"):
            return

        before = stored(self.store, "budget", row["budget_id"])
        try:
            self.store.records.delete("budget", row["budget_id"])
        except StoreError as exc:
            tell(self, "Không xóa được", exc.message)
            return
        if before is not None:
            remember_delete(self, self.store, "budget", row["budget_id"], before)
