"""«Tình hình gửi báo cáo năm YYYY»: every unit that must report, sent (when, which
file), late or not yet; printable as a list with the NĐ 30 header. A paper report can be
recorded by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import submissions
from ..report import sections
from ..store import Store, StoreError
from .common import AMBER, GREEN, RED, ask, inform, tell
from .list_view import record_view
from .screen_fit import FitsScreen
from .sheet_output import add_output_buttons, export_sheet_pdf, preview_sheet
from .undo import SubmissionStep, add_undo_keys, history

_COLOURS = {submissions.SENT: GREEN, submissions.LATE: AMBER, submissions.MISSING: RED}


class SubmissionsModel(QAbstractTableModel):
    """The units of a YearStatus, read lazily by the view (a province has thousands)."""

    HEADERS = ("Cơ quan, đơn vị", "Mã", "Tình trạng", "Ngày nhận", "Tệp nhận lần cuối",
               "Số lần gửi")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status: submissions.YearStatus | None = None
        self.rows: list[tuple] = []
        self.states: list[str] = []

    def set_status(self, status: submissions.YearStatus) -> None:
        self.beginResetModel()
        self.status, self.rows, self.states = status, status.rows, status.states
        self.endResetModel()

    @property
    def units(self) -> list[submissions.UnitStatus]:
        return self.status.units if self.status is not None else []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def _text(self, row: int, column: int) -> Any:
        _id, code, name, first, _last, last_file, n = self.rows[row]
        if column == 0:
            return name
        if column == 1:
            return code
        if column == 2:
            return self.states[row]
        if column == 3:
            return domain.format_date(first[:10]) if first else ""
        if column == 4:
            return last_file or ""
        return str(n) if n else ""

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return _COLOURS[self.states[row]]
        if role == Qt.ItemDataRole.UserRole:  # sort key: dates as ISO, counts as numbers
            if column == 3:
                return self.rows[row][3] or ""
            if column == 5:
                return self.rows[row][6]
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:  # as every list's dates
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SubmissionsDialog(FitsScreen, QDialog):
    def __init__(self, store: Store, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Tình hình gửi báo cáo của các đơn vị")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or dt.date.today().year)
        self.state = QComboBox()
        self.state.addItem("Mọi đơn vị", None)
        for state in (submissions.SENT, submissions.LATE, submissions.MISSING):
            self.state.addItem(state, state)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = SubmissionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(2)  # the state; no state name contains another
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = record_view("table_submissions", self.proxy, (260, 70, 90, 90, 220, 70))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the store's name order

        buttons = QDialogButtonBox()
        self.record_button = buttons.addButton("Ghi nhận đã nhận báo cáo…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button, self.pdf_button = add_output_buttons(buttons, self.preview,
                                                                  self.export_pdf)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.record_button.clicked.connect(self.record_selected)
        close.clicked.connect(self.reject)
        self.record_button.setEnabled(not store.read_only)

        top = QHBoxLayout()
        top.addWidget(QLabel("Năm báo cáo:"))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(QLabel("Hiện:"))
        top.addWidget(self.state)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)
        self.year.valueChanged.connect(self.reload)
        self.state.currentIndexChanged.connect(self._filter)
        self.reload()

        add_undo_keys(self)  # a report recorded here is taken back here too
        store.subscribe(self._changed)
        self.finished.connect(lambda _r: store.unsubscribe(self._changed))

    def _changed(self, change) -> None:
        if "submissions" in change.tables:
            self.reload()

    def reload(self) -> None:
        try:
            self.status = submissions.year_status(self.store, self.year.value())
        except StoreError as exc:
            tell(self, "Không đọc được", exc.message)
            return
        self.model.set_status(self.status)

        self.summary.setText(sections.submissions_line(self.status))

    def _filter(self) -> None:
        self.proxy.setFilterFixedString(self.state.currentData() or "")

    def selected(self) -> submissions.UnitStatus | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.units[self.proxy.mapToSource(index).row()]

    def record_selected(self) -> None:
        """A report received on paper (or by mail) for the selected unit, today."""
        unit = self.selected()
        if unit is None:
            inform(self, "Ghi nhận báo cáo", "Hãy chọn một đơn vị trong danh sách.")
            return
        year = self.year.value()
        if not ask(self, "Ghi nhận báo cáo",
                   f"Ghi nhận đã nhận báo cáo năm {year} của «{unit.name}» hôm nay "
                   f"({dt.date.today():%d/%m/%Y})?", yes="Ghi nhận", no="Hủy"):
            return
        received = dt.datetime.now().isoformat(timespec="seconds")
        try:
            recorded = self.store.submissions.record(unit.code, year, received)
        except StoreError as exc:
            tell(self, "Không ghi được", exc.message)
            return

        if (stack := history(self)) is not None:  # one step of Sửa → Hoàn tác
            stack.push(SubmissionStep(self.store, self.window(), recorded, unit.code, year,
                                      received))
        self.reload()

    def sheet(self):
        return sections.submissions_sheet(self.store, self.year.value())

    def preview(self) -> None:
        preview_sheet(self, self.sheet(), "Xem trước danh sách")

    def export_pdf(self) -> None:
        export_sheet_pdf(self, self.store, self.sheet, "Xuất danh sách ra PDF",
                         f"tinh-hinh-gui-bao-cao-{self.year.value()}.pdf")
