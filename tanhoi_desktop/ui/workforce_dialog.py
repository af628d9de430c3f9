"""Báo cáo → Thực trạng đội ngũ theo giới tính: the tables of report/sections.py (the
cadres, the pool and the key leaders on a date; the year's appointments) on screen,
and printed with the NĐ 30 header."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import workforce
from ..report import sections
from ..report.content import Table
from ..store import Store, StoreError
from .common import tell
from .date_field import DateField
from .list_view import fit_columns, record_view
from .screen_fit import FitsScreen
from .sheet_output import add_output_buttons, export_sheet_pdf, preview_sheet


class TableModel(QAbstractTableModel):
    """A printed table (report/content.Table) on screen, its group rows in bold."""

    def __init__(self, table: Table, parent: QWidget | None = None,
                 dates: frozenset[int] = frozenset()):
        super().__init__(parent)
        self.dates = dates  # the columns of dates: centred, as in every list
        self.table = table
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.table.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.FontRole and index.row() in self.table.bold_rows:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.table.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.dates:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _view(model: TableModel, first_width: int = 330) -> QTableView:
    """The program's read-only list view (list_view), columns as wide as their headers."""
    widths = [first_width, *(max(90, 8 * len(h) + 16) for h in model.table.headers[1:])]
    return record_view("workforce_table", model, widths)


def appointments_list(a: workforce.Appointments) -> Table:
    rows = [[domain.format_date(x.from_date), x.full_name, x.gender, x.title, x.unit_name,
             "Có" if x.from_pool else "Không"] for x in a.items]
    return Table("Danh sách bổ nhiệm", ["Từ ngày", "Họ và tên", "Giới tính", "Chức vụ",
                                        "Đơn vị", "Từ nguồn quy hoạch"],
                 rows, [12, 22, 8, 20, 24, 12], set(), empty="Không có.")


class WorkforceDialog(FitsScreen, QDialog):
    def __init__(self, store: Store, as_of: dt.date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Thực trạng đội ngũ theo giới tính")
        self.as_of = DateField(as_of or dt.date.today(), required=True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.tabs = QTabWidget()
        buttons = QDialogButtonBox()
        self.preview_button, self.pdf_button = add_output_buttons(buttons, self.preview,
                                                                  self.export_pdf)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Tính đến ngày:"))
        top.addWidget(self.as_of)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 680)
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        self.reload()

    def day(self) -> dt.date:
        return self.as_of.date()

    def reload(self) -> None:
        try:
            self.workforce = workforce.compute(self.store, self.day())
        except StoreError as exc:
            tell(self, "Không đọc được", exc.message)
            return
        current = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        w = self.workforce
        self.note.setText(sections.workforce_sections(w, appendix=False)[0].paragraphs[0])
        labels = {"cadres": "Đội ngũ", "pool": "Quy hoạch", "leaders": "Lãnh đạo chủ chốt"}
        for p in w.populations:
            share = domain.format_percent(p.total.share)
            self.tabs.addTab(_view(TableModel(sections.population_table(p, p.title), self)),
                             f"{labels[p.key]} ({p.total.women}/{p.total.total} nữ, {share})")
        page = QWidget()
        box = QVBoxLayout(page)
        summary = _view(TableModel(sections.appointments_table(w.appointments, ""), self), 160)
        summary.setMaximumHeight(110)
        box.addWidget(summary)
        listing = _view(TableModel(appointments_list(w.appointments), self,
                                   dates=frozenset({0})), 90)
        fit_columns(listing)  # names, posts and units are longer than their headers
        box.addWidget(listing, 1)
        self.tabs.addTab(page, f"Bổ nhiệm năm {w.appointments.year}")
        self.tabs.setCurrentIndex(max(current, 0))

    def sheet(self):
        return sections.workforce_sheet(self.store, self.day())

    def preview(self) -> None:
        preview_sheet(self, self.sheet(), "Xem trước bảng tổng hợp")

    def export_pdf(self) -> None:
        export_sheet_pdf(self, self.store, self.sheet, "Xuất bảng tổng hợp ra PDF",
                         f"thuc-trang-doi-ngu-{self.day():%Y%m%d}.pdf")
