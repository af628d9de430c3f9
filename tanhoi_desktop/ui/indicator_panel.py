"""The indicator panel: CT1 (with CT1 national beside it), CT1 điều chỉnh (naming the
units it leaves out), CT2, CT3 as of a chosen date, each against its target and this
year's milestone; asked again of the figures service after every change the store
announces. Clicking a figure asks for the records behind it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import indicators
from ..figures.duties import share_text
from ..figures.service import DAY, DayFigures, FiguresService
from ..store import Store, StoreError
from . import screen_fit
from .common import AMBER, GREEN, GREY, RED
from .date_field import DateField

KEYS = indicators.KEYS  # the four figures with a target, in the order shown
STATUS_COLOURS = {indicators.MET: GREEN, indicators.ON_TRACK: AMBER, indicators.BEHIND: RED,
                  indicators.NO_MILESTONE: GREY, indicators.NO_DATA: GREY,
                  indicators.NOT_MET: RED}
UNITS_OF = {"CT1": "đơn vị", "CT1_adj": "đơn vị", "CT2": "người", "CT3": "người"}


def unbroken(text: str) -> str:
    """A number and its «%» on one line in a wrapped label (not «30» / «% nữ»)."""
    return text.replace(" %", "\u00a0%")


def kept_together(text: str) -> str:
    """A short phrase that a wrapped label never breaks («mốc năm 2026 73,0 %»)."""
    return text.replace(" ", "\u00a0")


class IndicatorCard(QPushButton):
    """One figure; the whole card is a button that opens its drill-down."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Bấm để xem danh sách bản ghi phía sau số liệu này")
        self.title = QLabel(f"<b>{indicators.SHORT[key]}</b> · "
                            f"{unbroken(indicators.LABELS[key])}")
        self.title.setTextFormat(Qt.TextFormat.RichText)  # our own words only
        self.title.setWordWrap(True)
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        # wraps between its parts in a narrow window (was cut off: «mốc năm 202»)
        self.detail.setWordWrap(True)
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
        target = domain.format_percent(float(ind.target))
        parts = [f"{ind.numerator}/{ind.denominator} {UNITS_OF[self.key]}", f"mục tiêu {target}"]
        if ind.milestone is not None and ind.met is False:
            parts.append(f"mốc năm {year} {domain.format_percent(float(ind.milestone))}")
        self.detail.setText("\u00a0· ".join(kept_together(part) for part in parts))
        self.extra.setText(unbroken(extra))
        self.extra.setVisible(bool(extra))
        colour = STATUS_COLOURS.get(ind.status)
        self.status.setText(ind.status)
        self.status.setStyleSheet(f"color: {colour.name()};" if colour else "")
        self.setAccessibleName(f"{indicators.SHORT[self.key]}: {self.value.text()}, "
                               f"{ind.status}")


class IndicatorPanel(QWidget):
    drill = Signal(str)  # indicator key
    show_gap = Signal()  # the women of the pool not yet trained (Đào tạo tab)
    date_changed = Signal(object)  # datetime.date
    # the panel has finished computing for the latest change or date: new figures are
    # shown, or a sentence says why not (the last good figures stay)
    figures_ready = Signal()
    # the «đang tính…» hint shows only once a computation has taken this long: on a small
    # file the figures come in a few ms and a hint at once would flicker after every edit
    HINT_DELAY_MS = 150

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 service: FiguresService | None = None):
        super().__init__(parent)
        self.store = store
        # the window's; a panel on its own asks one of its own
        self.service = service if service is not None else FiguresService(store, self)
        self.service.figures_changed.connect(self._arrived)
        self.figures: indicators.Figures | None = None
        self.at_base: indicators.Figures | None = None  # the day before the plan

        self.date_edit = DateField(dt.date.today(), required=True)
        self.date_edit.setObjectName("as_of")
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
        self.busy_note = QLabel("đang tính…")
        self.busy_note.setObjectName("busy_note")
        self.busy_note.setStyleSheet("color: #777;")
        self.busy_note.hide()
        date_row.addWidget(self.busy_note)
        self.hint_timer = QTimer(self)
        self.hint_timer.setSingleShot(True)
        self.hint_timer.timeout.connect(lambda: self.busy_note.setVisible(self.computing))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(date_row)
        # under CT3: who is still to be trained, a link to the list (plan III.2)
        self.gap_link = QLabel()
        self.gap_link.setObjectName("gap_link")
        self.gap_link.setTextFormat(Qt.TextFormat.RichText)  # our own words only
        self.gap_link.setWordWrap(True)
        self.gap_link.linkActivated.connect(lambda _href: self.show_gap.emit())
        self.gap_link.hide()
        for key, card in self.cards.items():
            card.clicked.connect(lambda _checked=False, k=key: self.drill.emit(k))
            layout.addWidget(card)
            if key == "CT3":
                layout.addWidget(self.gap_link)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.window_note)
        layout.addWidget(self.error)
        layout.addStretch()
        self.setMinimumWidth(300)
        # the first figures before the window shows: the tabs and the drill-down read them
        self._show_result(self._now())

    # the width the panel asks for: as narrow as its cards allow, not as wide as Qt would
    # lay out the long note under them on one line (which took 490 of a 1366 px screen)
    PREFERRED_WIDTH = 380

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = max(self.minimumSizeHint().width(), self.PREFERRED_WIDTH)
        return QSize(width, max(hint.height(), self.heightForWidth(width)))

    def as_of(self) -> dt.date:
        return self.date_edit.date()

    def set_as_of(self, day: dt.date) -> None:
        self.date_edit.set_date(day)

    def _date_changed(self) -> None:
        self.recompute()
        self.date_changed.emit(self.as_of())

    @property
    def computing(self) -> bool:
        """Figures for the latest change or date are still on their way."""
        return self.service.pending(DAY, self.as_of())

    def current_figures(self) -> indicators.Figures | None:
        """The figures on d as the data is now, or None while newer ones are computed (or
        when the last computation failed)."""
        return None if self.computing or not self.error.isHidden() else self.figures

    def figures_now(self) -> indicators.Figures | None:
        """The current figures, asked of the service now if they have not arrived yet (a
        click on a figure right after an edit: the drill-down must list what is true)."""
        try:
            return self.service.figures_now(self.as_of())
        except StoreError:
            return None

    def recompute(self) -> None:
        """Called after every change the store announces, and when the date moves."""
        if self.service.request(DAY, self.as_of()):
            self._arrived(DAY, self.as_of())  # already known for this data and date
            return
        if not self.hint_timer.isActive() and self.busy_note.isHidden():
            # started with the computation, not again by each edit of a burst
            self.hint_timer.start(self.HINT_DELAY_MS)

    def _now(self) -> DayFigures | str:
        try:
            return self.service.now(DAY, self.as_of())
        except StoreError as exc:
            return exc.message

    def _arrived(self, kind: str, day: dt.date) -> None:
        if kind != DAY or day != self.as_of():
            return
        shown = self.service.result(DAY, day)
        if shown is None:
            return  # the data moved again meanwhile: its figures follow
        self._show_result(shown)
        self.figures_ready.emit()

    def _show_result(self, shown: DayFigures | str) -> None:
        if not self.computing:
            self.hint_timer.stop()
            self.busy_note.hide()
        if isinstance(shown, str):
            self.error.setText(shown)
            self.error.show()
            return
        self.error.hide()
        figures = self.figures = shown.figures
        self.at_base = shown.at_base
        year = figures.as_of.year
        closed = _closed_text(shown.closed, shown.at_close or figures)
        self.closed_note.setText(unbroken(closed))
        self.closed_note.setVisible(bool(closed))
        for key, card in self.cards.items():
            card.show_indicator(figures[key], year, self._extra(figures, key, shown.btv))
        untrained = shown.untrained
        self.gap_link.setText(f'<a href="gap">Xem {untrained} nữ trong quy hoạch chưa đào '
                              "tạo ›</a>")
        self.gap_link.setVisible(bool(untrained))
        since = figures.training_since.strftime("%d/%m/%Y")
        base_day = figures.plan.baseline_date.strftime("%d/%m/%Y")
        self.window_note.setText(unbroken(
            f"Mục tiêu năm {figures.target_year}; mốc từng năm tính từ số liệu ngày {base_day} "
            "(hoặc số liệu gốc nhập ở Cài đặt). CT3 tính các lớp «Hoàn thành» kết thúc từ "
            f"{since} đến ngày chốt số liệu. CT1 điều chỉnh chỉ bỏ ra các đơn vị ngành đặc thù "
            "có tỷ lệ nữ dưới 30 % và chưa có nữ lãnh đạo chủ chốt; việc đạt chỉ tiêu 1 xét "
            "theo CT1 điều chỉnh."))

    @staticmethod
    def _extra(figures: indicators.Figures, key: str, btv=None) -> str:
        if key == "CT1":
            national = figures[indicators.NATIONAL]
            if not national.denominator:
                return ("CT1 quốc gia (HĐND, UBND xã): — (chưa đánh dấu đơn vị nào là HĐND "
                        "hoặc UBND)")
            count = kept_together(f"{national.numerator}/{national.denominator} đơn vị")
            return (f"CT1 quốc gia (HĐND, UBND xã): {domain.format_percent(national.value)}"
                    f"\u00a0· {count}")
        if key == "CT1_adj":
            if not figures.waived:
                return "Không bỏ ra đơn vị nào (bằng CT1)."
            names = "; ".join(f"{w.name} ({domain.format_percent(float(w.share))} nữ)"
                              for w in figures.waived)
            return f"Không tính: {names}"
        if key == "CT2" and btv is not None and (btv.holders or btv.pool):

            status = f" · {btv.status()}" if btv.status() else ""
            return (f"Diện BTV Đảng ủy quản lý: nữ giữ chức vụ "
                    f"{share_text(btv.holders_women, btv.holders)}, trong quy hoạch "
                    f"{share_text(btv.pool_women, btv.pool)}{status}")
        return ""


def scrolling(panel: IndicatorPanel) -> QScrollArea:
    """The panel in the dock: it scrolls rather than squeezes its cards when the window is
    too short for them (a narrow window wraps their lines onto more rows), beside the
    scroll bar, never under it, in the dock's width as before."""
    width = panel.minimumWidth()
    scroll = screen_fit.scrolling(panel)
    scroll.setObjectName("indicator_scroll")
    panel.setMinimumWidth(width - scroll.verticalScrollBar().sizeHint().width())
    scroll.setMinimumWidth(width)
    return scroll


def _closed_text(closed: indicators.ClosedYear | None, at_close: indicators.Figures) -> str:
    """The year of d already closed: what was reported, and whether today's data give
    other figures for the closing day (`at_close`: the figures on that day)."""
    if closed is None:
        return ""
    text = f"Năm {closed.year} đã chốt số liệu đến ngày {closed.as_of:%d/%m/%Y}."
    if closed.as_of == at_close.as_of:
        moved = indicators.corrections(closed, at_close)
        if moved:
            names = ", ".join(indicators.SHORT[k] for k in moved)
            text += (f" Số liệu tính lại cho ngày đó khác số đã báo cáo ở {names} (xem "
                     "Công cụ → Chốt số liệu năm).")
    return text
