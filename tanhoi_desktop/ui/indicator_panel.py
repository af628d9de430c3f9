"""The indicator panel: CT1 (with CT1 national beside it), CT1 điều chỉnh (naming the
units it leaves out), CT2, CT3 as of a chosen date, each against its target and this
year's milestone; recomputed after every change the store announces. Clicking a figure
asks for the records behind it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import domain, indicators
from ..store import Store, StoreError
from .common import STATUS_COLOURS

KEYS = ("CT1", "CT1_adj", "CT2", "CT3")
UNITS_OF = {"CT1": "đơn vị", "CT1_adj": "đơn vị", "CT2": "người", "CT3": "người"}


class IndicatorCard(QPushButton):
    """One figure; the whole card is a button that opens its drill-down."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Bấm để xem danh sách bản ghi phía sau số liệu này")
        self.title = QLabel(f"<b>{indicators.SHORT[key]}</b> · {indicators.LABELS[key]}")
        self.title.setWordWrap(True)
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.status = QLabel()
        status_font = QFont(self.status.font())
        status_font.setBold(True)
        self.status.setFont(status_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(self.value)
        row.addStretch()
        row.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        # CT1: CT1 national beside it; CT1_adj: the units it leaves out
        self.extra = QLabel()
        self.extra.setObjectName(f"extra_{key}")
        self.extra.setWordWrap(True)
        self.extra.setStyleSheet("color: #444;")
        self.extra.hide()
        layout.addWidget(self.extra)
        for label in (self.title, self.value, self.detail, self.status, self.extra):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(110)

    def sizeHint(self):
        return self.layout().sizeHint()

    def show_indicator(self, ind: indicators.Indicator, year: int, extra: str = "") -> None:
        self.value.setText(domain.format_percent(ind.value))
        target = domain.format_percent(float(ind.target), 0)
        detail = f"{ind.numerator}/{ind.denominator} {UNITS_OF[self.key]} · mục tiêu {target}"
        if ind.milestone is not None and ind.met is False:
            detail += f" · mốc năm {year} {domain.format_percent(float(ind.milestone))}"
        self.detail.setText(detail)
        self.extra.setText(extra)
        self.extra.setVisible(bool(extra))
        colour = STATUS_COLOURS.get(ind.status)
        self.status.setText(ind.status)
        self.status.setStyleSheet(f"color: {colour.name()};" if colour else "")
        self.setAccessibleName(f"{indicators.SHORT[self.key]}: {self.value.text()}, "
                               f"{ind.status}")


class IndicatorPanel(QWidget):
    drill = Signal(str)  # indicator key
    date_changed = Signal(object)  # datetime.date

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.figures: indicators.Figures | None = None

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("as_of")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.dateChanged.connect(self._date_changed)
        date_row = QHBoxLayout()
        date_label = QLabel("Số liệu tính đến ngày:")
        date_label.setBuddy(self.date_edit)
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_edit)
        date_row.addStretch()

        self.cards = {key: IndicatorCard(key) for key in KEYS}
        self.window_note = QLabel()
        self.window_note.setWordWrap(True)
        small = QFont(self.window_note.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.window_note.setFont(small)
        self.window_note.setStyleSheet("color: #555;")
        # the year of d already closed: what was reported, and whether the data moved since
        self.closed_note = QLabel()
        self.closed_note.setObjectName("closed_note")
        self.closed_note.setWordWrap(True)
        self.closed_note.setStyleSheet("color: #a15c00;")
        self.closed_note.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(date_row)
        for key, card in self.cards.items():
            card.clicked.connect(lambda _checked=False, k=key: self.drill.emit(k))
            layout.addWidget(card)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.window_note)
        layout.addWidget(self.error)
        layout.addStretch()
        self.setMinimumWidth(300)
        self.recompute()

    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def set_as_of(self, day: dt.date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def _date_changed(self) -> None:
        self.recompute()
        self.date_changed.emit(self.as_of())

    def recompute(self) -> None:
        """Called after every change the store announces, and when the date moves."""
        try:
            figures = indicators.compute(self.store, self.as_of())
        except StoreError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.error.hide()
        self.figures = figures
        year = figures.as_of.year
        self._show_closed(figures)
        for key, card in self.cards.items():
            card.show_indicator(figures[key], year, self._extra(figures, key))
        since = figures.training_since.strftime("%d/%m/%Y")
        base_day = figures.plan.baseline_date.strftime("%d/%m/%Y")
        self.window_note.setText(
            f"Mục tiêu năm {figures.target_year}; mốc từng năm tính từ số liệu ngày {base_day} "
            "(hoặc số liệu gốc nhập ở Cài đặt). CT3 tính các lớp «Hoàn thành» kết thúc từ "
            f"{since} đến ngày chốt số liệu. CT1 điều chỉnh chỉ bỏ ra các đơn vị ngành đặc thù "
            "có tỷ lệ nữ dưới 30 % và chưa có nữ lãnh đạo chủ chốt; việc đạt chỉ tiêu 1 xét "
            "theo CT1 điều chỉnh.")

    def _show_closed(self, figures: indicators.Figures) -> None:
        closed = next((c for c in indicators.closed_years(self.store)
                       if c.year == figures.as_of.year), None)
        text = ""
        if closed is not None:
            text = f"Năm {closed.year} đã chốt số liệu đến ngày {closed.as_of:%d/%m/%Y}."
            if closed.as_of == figures.as_of:
                moved = indicators.corrections(closed, figures)
                if moved:
                    names = ", ".join(indicators.SHORT[k] for k in moved)
                    text += (f" Số liệu tính lại khác số đã báo cáo ở {names} (xem Công cụ → "
                             "Chốt số liệu năm).")
        self.closed_note.setText(text)
        self.closed_note.setVisible(bool(text))

    @staticmethod
    def _extra(figures: indicators.Figures, key: str) -> str:
        if key == "CT1":
            national = figures[indicators.NATIONAL]
            if not national.denominator:
                return ("CT1 quốc gia (HĐND, UBND xã): — (chưa đánh dấu đơn vị nào là HĐND "
                        "hoặc UBND)")
            return (f"CT1 quốc gia (HĐND, UBND xã): {domain.format_percent(national.value)} "
                    f"· {national.numerator}/{national.denominator} đơn vị")
        if key == "CT1_adj":
            if not figures.waived:
                return "Không bỏ ra đơn vị nào (bằng CT1)."
            names = "; ".join(f"{w.name} ({domain.format_percent(float(w.share))} nữ)"
                              for w in figures.waived)
            return f"Không tính: {names}"
        return ""
