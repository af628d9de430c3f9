"""The indicator panel: CT1 (with CT1 national beside it), CT1 điều chỉnh (naming the
units it leaves out), CT2, CT3 as of a chosen date, each against its target and this
year's milestone; recomputed after every change the store announces. Clicking a figure
asks for the records behind it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import indicators
from ..store import Store, StoreError
from .background import Background
from .common import STATUS_COLOURS

KEYS = ("CT1", "CT1_adj", "CT2", "CT3")
UNITS_OF = {"CT1": "đơn vị", "CT1_adj": "đơn vị", "CT2": "người", "CT3": "người"}


def unbroken(text: str) -> str:
    """A number and its «%» on one line in a wrapped label (not «30» / «% nữ»)."""
    return text.replace(" %", "\u00a0%")


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
        self.extra.setText(unbroken(extra))
        self.extra.setVisible(bool(extra))
        colour = STATUS_COLOURS.get(ind.status)
        self.status.setText(ind.status)
        self.status.setStyleSheet(f"color: {colour.name()};" if colour else "")
        self.setAccessibleName(f"{indicators.SHORT[self.key]}: {self.value.text()}, "
                               f"{ind.status}")


class Shown:
    """What the panel shows, worked out in the worker: the figures on d and the note on
    the year of d already closed (which reads the closed years); and the figures on the
    day before the plan, made on the way (the milestones need them), for the chart."""

    def __init__(self, figures: indicators.Figures, closed: str,
                 at_base: indicators.Figures):
        self.figures = figures
        self.closed = closed
        self.at_base = at_base


class IndicatorPanel(QWidget):
    drill = Signal(str)  # indicator key
    date_changed = Signal(object)  # datetime.date
    # the panel has finished computing for the latest change or date: new figures are
    # shown, or a sentence says why not (the last good figures stay)
    figures_ready = Signal()
    # the «đang tính…» hint shows only once a computation has taken this long: on a small
    # file the figures come in a few ms and a hint at once would flicker after every edit
    HINT_DELAY_MS = 150

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 threaded: bool = True):
        super().__init__(parent)
        self.store = store
        self.figures: indicators.Figures | None = None
        self.at_base: indicators.Figures | None = None  # the day before the plan
        self.background = Background(store, self._work, "Không tính được các chỉ tiêu", self,
                                     threaded=threaded)
        self.background.done.connect(self._done)
        self.background.failed.connect(self._failed)

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
        for key, card in self.cards.items():
            card.clicked.connect(lambda _checked=False, k=key: self.drill.emit(k))
            layout.addWidget(card)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.window_note)
        layout.addWidget(self.error)
        layout.addStretch()
        self.setMinimumWidth(300)
        # the first figures before the window shows: the tabs and the drill-down read them
        self._show_result(self._work_now())

    # the width the panel asks for: as narrow as its cards allow, not as wide as Qt would
    # lay out the long note under them on one line (which took 490 of a 1366 px screen)
    PREFERRED_WIDTH = 380

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = max(self.minimumSizeHint().width(), self.PREFERRED_WIDTH)
        return QSize(width, max(hint.height(), self.heightForWidth(width)))

    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def set_as_of(self, day: dt.date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def _date_changed(self) -> None:
        self.recompute()
        self.date_changed.emit(self.as_of())

    @property
    def computing(self) -> bool:
        """Figures for the latest change or date are still on their way."""
        return self.background.busy

    def current_figures(self) -> indicators.Figures | None:
        """The figures on d as the data is now, or None while newer ones are computed (or
        when the last computation failed)."""
        return None if self.computing or not self.error.isHidden() else self.figures

    def current_base(self) -> indicators.Figures | None:
        """The figures on the day before the plan, with current_figures (None likewise)."""
        return None if self.current_figures() is None else self.at_base

    def figures_now(self) -> indicators.Figures | None:
        """The current figures, computed here if they have not arrived yet (a click on a
        figure right after an edit: the drill-down must list what is true now)."""
        if self.computing or self.figures is None or self.figures.as_of != self.as_of():
            try:
                return self._work()(self.store).figures
            except StoreError:
                return None
        return self.figures

    def recompute(self) -> None:
        """Called after every change the store announces, and when the date moves."""
        if not self.hint_timer.isActive() and self.busy_note.isHidden():
            # started with the computation, not again by each edit of a burst
            self.hint_timer.start(self.HINT_DELAY_MS)
        self.background.request()

    def _work(self):
        as_of = self.as_of()
        return lambda store: self._compute(store, as_of)

    def _work_now(self) -> Shown | str:
        try:
            return self._work()(self.store)
        except StoreError as exc:
            return exc.message

    @staticmethod
    def _compute(store: Store, as_of: dt.date) -> Shown:
        """Runs in the worker, on its own connection: everything the panel reads."""
        figures = indicators.compute(store, as_of)
        # cached on this connection by compute; only with every baseline typed in Cài đặt
        # is it one more computation here, which the chart then saves
        return Shown(figures, _closed_text(store, figures), indicators.baseline_figures(store))

    def _done(self, shown: Shown, latest: bool) -> None:
        if latest or self.figures is None:
            self._show_result(shown)
        if latest:
            self.figures_ready.emit()

    def _failed(self, message: str) -> None:
        self._show_result(message)
        self.figures_ready.emit()

    def _show_result(self, shown: Shown | str) -> None:
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
        self.closed_note.setText(unbroken(shown.closed))
        self.closed_note.setVisible(bool(shown.closed))
        for key, card in self.cards.items():
            card.show_indicator(figures[key], year, self._extra(figures, key))
        since = figures.training_since.strftime("%d/%m/%Y")
        base_day = figures.plan.baseline_date.strftime("%d/%m/%Y")
        self.window_note.setText(unbroken(
            f"Mục tiêu năm {figures.target_year}; mốc từng năm tính từ số liệu ngày {base_day} "
            "(hoặc số liệu gốc nhập ở Cài đặt). CT3 tính các lớp «Hoàn thành» kết thúc từ "
            f"{since} đến ngày chốt số liệu. CT1 điều chỉnh chỉ bỏ ra các đơn vị ngành đặc thù "
            "có tỷ lệ nữ dưới 30 % và chưa có nữ lãnh đạo chủ chốt; việc đạt chỉ tiêu 1 xét "
            "theo CT1 điều chỉnh."))

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


def _closed_text(store: Store, figures: indicators.Figures) -> str:
    """The year of d already closed: what was reported, and whether the data moved since."""
    closed = next((c for c in indicators.closed_years(store)
                   if c.year == figures.as_of.year), None)
    if closed is None:
        return ""
    text = f"Năm {closed.year} đã chốt số liệu đến ngày {closed.as_of:%d/%m/%Y}."
    if closed.as_of == figures.as_of:
        moved = indicators.corrections(closed, figures)
        if moved:
            names = ", ".join(indicators.SHORT[k] for k in moved)
            text += (f" Số liệu tính lại khác số đã báo cáo ở {names} (xem Công cụ → "
                     "Chốt số liệu năm).")
    return text
