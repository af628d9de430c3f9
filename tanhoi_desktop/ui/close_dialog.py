"""Chốt số liệu năm: close a year (freeze its figures as reported), list the closed years
with what was reported beside what today's data give for the same date, and reopen a
year only on an explicit confirmation (kept in the audit trail)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import indicators
from ..figures.service import FiguresService
from ..store import Store, StoreError
from .common import ask, full_text_tooltips, tell
from .date_field import DateField
from .item_rows import marks_fit
from .screen_fit import FitsScreen
from .undo import history

HEADERS = ["Chỉ tiêu", "Đã báo cáo", "Tính lại theo dữ liệu hôm nay", "Chênh lệch"]
CHANGED = QColor("#fff0c2")  # a late correction of history: the row stands out
YEAR_ROLE = Qt.ItemDataRole.UserRole


def _share(counts: tuple[int, int]) -> str:
    n, den = counts
    return f"{domain.format_percent(n / den if den else None)} ({n}/{den})"


def _difference(reported: tuple[int, int], now: tuple[int, int]) -> str:
    if not reported[1] or not now[1]:
        return "có thay đổi"
    return domain.format_points(Fraction(*now) - Fraction(*reported))


def _when(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return stamp or ""


class CloseYearDialog(FitsScreen, QDialog):
    def __init__(self, store: Store, as_of: dt.date | None = None,
                 parent: QWidget | None = None, today: dt.date | None = None, *,
                 service: FiguresService | None = None):
        super().__init__(parent)
        self.store = store
        # the window's: the figures it already has are not computed again
        self.service = service if service is not None else FiguresService(store, self)
        self.today = today or dt.date.today()
        self.setWindowTitle("Chốt số liệu năm")
        day = as_of or self.today
        self.as_of = as_of  # the window's date: the report's, so the close's by default

        intro = QLabel(
            "Chốt số liệu năm lưu lại số liệu đã báo cáo lên cấp trên (ngày chốt, các chỉ "
            "tiêu, số bản ghi, người chốt). Năm đã chốt không thay đổi; khi dữ liệu được sửa "
            "về sau, số liệu tính lại được hiện bên cạnh để giải thích chênh lệch.")
        intro.setWordWrap(True)
        self.year = QSpinBox()
        self.year.setObjectName("close_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(day.year)
        self.date = DateField()
        self.date.setObjectName("close_date")
        self.date.setText(self._proposed(day.year).strftime("%d/%m/%Y"))
        self.year.valueChanged.connect(self._year_changed)
        self.close_button = QPushButton("Chốt số liệu năm…")
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.close_year)
        row = QHBoxLayout()
        row.addWidget(QLabel("Năm:"))
        row.addWidget(self.year)
        row.addWidget(QLabel("Số liệu tính đến ngày:"))
        row.addWidget(self.date)
        row.addWidget(self.close_button)
        row.addStretch()
        self.error = QLabel()
        self.error.setObjectName("close_error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()

        self.tree = QTreeWidget()
        self.tree.setObjectName("closed_years")
        marks_fit(self.tree)
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(HEADERS)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.empty = QLabel("Chưa chốt số liệu năm nào.")
        self.empty.setStyleSheet("color: #555;")
        self.reopen_button = QPushButton("Mở lại năm đã chọn…")
        self.reopen_button.setObjectName("reopen_button")
        self.reopen_button.clicked.connect(self.reopen_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        # no year closed yet, the list hidden: the rest stays together at the top, not
        # spread over the dialog's height
        layout.addStretch()
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.closed: list[indicators.ClosedYear] = []
        self.reload()

    # -- the list -----------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self._fill()
        except StoreError as exc:  # a bad setting, an unreadable file: one sentence
            self._say(exc.message)

    def _fill(self) -> None:
        self.tree.clear()
        self.closed = indicators.closed_years(self.store)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self.changed_years: set[int] = set()
        for closed in reversed(self.closed):  # the latest year first
            now = self.service.figures_now(closed.as_of)
            corrections = indicators.corrections(closed, now)
            if corrections:
                self.changed_years.add(closed.year)
            group = QTreeWidgetItem([f"Năm {closed.year}: số liệu đến ngày "
                                     f"{closed.as_of:%d/%m/%Y}"])
            group.setData(0, YEAR_ROLE, closed.year)
            group.setFont(0, bold)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            by = f", người chốt: {closed.closed_by}" if closed.closed_by else ""
            self._line(group, closed.year, f"Chốt lúc {_when(closed.closed_at)}{by}")
            if corrections:
                line = self._line(group, closed.year,
                                  "Dữ liệu đã được sửa sau khi chốt: dòng tô màu có số liệu "
                                  "tính lại khác số đã báo cáo.")
                line.setBackground(0, QBrush(CHANGED))
            for key in indicators.ALL_KEYS:
                if key not in closed.indicators:
                    continue  # a year closed before this figure existed
                reported, today = closed.indicators[key], now[key].counts
                item = QTreeWidgetItem(group, [
                    indicators.SHORT[key], _share(reported), _share(today),
                    _difference(reported, today) if key in corrections else "",
                ])
                item.setData(0, YEAR_ROLE, closed.year)
                if key in corrections:
                    for col in range(len(HEADERS)):
                        item.setBackground(col, QBrush(CHANGED))
                        item.setFont(col, bold)
            if closed.waived:
                self._line(group, closed.year, "Đơn vị không tính ở CT1 điều chỉnh: " + "; ".join(
                    f"{w.name} (tỷ lệ nữ {domain.format_percent(float(w.share))}, "
                    f"{w.women}/{w.staff} người)" for w in closed.waived))
            if closed.counts:
                words = ", ".join(f"{n} {domain.ENTITY[k].label if k in domain.ENTITY else k}"
                                  for k, n in closed.counts.items())
                self._line(group, closed.year, f"Số bản ghi khi chốt: {words}")
        self.tree.expandAll()
        full_text_tooltips(self.tree)
        for col in range(1, len(HEADERS)):
            self.tree.resizeColumnToContents(col)
        self.tree.setColumnWidth(0, 260)
        self.empty.setVisible(not self.closed)
        self.tree.setVisible(bool(self.closed))
        self._selection_changed()

    @staticmethod
    def _line(group: QTreeWidgetItem, year: int, text: str) -> QTreeWidgetItem:
        """A line of words under a year, across all columns."""
        item = QTreeWidgetItem(group, [text])
        item.setData(0, YEAR_ROLE, year)
        item.setFirstColumnSpanned(True)
        return item

    def selected_year(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, YEAR_ROLE)

    def _selection_changed(self, *_args) -> None:
        self.reopen_button.setEnabled(self.selected_year() is not None)

    def _proposed(self, year: int) -> dt.date:
        """The window's date when it is in that year (the day the report was made on),
        else 31/12 of the year, or today while the year is still running."""
        if self.as_of is not None and self.as_of.year == year:
            return self.as_of
        return indicators.default_close_date(year, self.today)

    def _year_changed(self, year: int) -> None:
        self.date.setText(self._proposed(year).strftime("%d/%m/%Y"))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- closing and reopening ----------------------------------------------------------

    def close_year(self) -> None:
        year = self.year.value()
        try:
            day = self.date.date()
        except ValueError as exc:
            self._say(f"Ngày chốt: {exc}.")
            return
        if day is None:
            self._say("Hãy nhập ngày chốt số liệu.")
            return
        if day.year != year:
            self._say(f"Ngày chốt {day:%d/%m/%Y} không thuộc năm {year}.")
            return
        if any(c.year == year for c in self.closed):
            self._say(f"Năm {year} đã được chốt số liệu. Muốn chốt lại, hãy chọn năm đó "
                      "trong danh sách và bấm «Mở lại năm đã chọn…» trước.")
            return
        try:
            figures = self.service.figures_now(day)
        except StoreError as exc:
            self._say(exc.message)
            return
        summary = "; ".join(f"{indicators.SHORT[k]} {domain.format_percent(figures[k].value)}"
                            for k in indicators.ALL_KEYS)
        if not ask(self, "Chốt số liệu năm",
                   f"Chốt số liệu năm {year} tính đến ngày {day:%d/%m/%Y}: {summary}? "
                   "Sau khi chốt, số liệu năm này không thay đổi nữa. Việc chốt không "
                   "hoàn tác được bằng Sửa → Hoàn tác (muốn bỏ chốt thì mở lại năm đó), và "
                   "các thay đổi trước đó cũng không hoàn tác được nữa.",
                   yes="Chốt số liệu", no="Hủy"):
            return
        try:
            indicators.close_year(self.store, year, day)
        except (StoreError, ValueError) as exc:
            self._say(getattr(exc, "message", str(exc)))
            return
        self._forget_steps()
        self._say("")
        self.reload()

    def reopen_selected(self) -> None:
        year = self.selected_year()
        if year is None:
            return
        if not ask(self, "Mở lại năm đã chốt",
                   f"Mở lại năm {year}? Số liệu đã chốt của năm này sẽ được bỏ chốt (vẫn lưu "
                   "trong nhật ký thay đổi) và có thể chốt lại theo dữ liệu hiện nay. Các "
                   "thay đổi trước đó không hoàn tác được nữa (Sửa → Hoàn tác).",
                   yes="Mở lại", no="Hủy"):
            return
        try:
            indicators.reopen_year(self.store, year)
        except StoreError as exc:
            tell(self, "Không mở lại được", exc.message)
            return
        self._forget_steps()
        self.reload()

    def _forget_steps(self) -> None:
        """A year closed or reopened: the steps before it are not undone over it (an undo
        would change data the closed figures were taken from without a word)."""

        stack = history(self)
        if stack is not None:
            stack.clear()
