"""The one date field of the program: typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy,
yyyy-mm-dd), stepped with the arrow keys, or picked from a calendar.

A line edit, not a QDateEdit: typing over a selected date replaces it whole (a QDateEdit
types into its day section and kept the old day), and a form's date may be empty."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QToolTip, QVBoxLayout, QWidget

from .. import domain
from .undo_keys import PassesUndo

_PARTS = re.compile(r"\d+")


def _calendar_icon() -> QIcon:
    """A small calendar drawn here: Qt's styles have no calendar icon."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#444"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#b3261e"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(QRect(3 + 4 * col, 8 + 3 * row, 2, 2), QColor("#444"))
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QWidget):
    """The calendar under the field; a pick (click or Enter) sets the date and closes."""

    picked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("date_calendar")
        self.calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day.toPython())


class DateField(PassesUndo, QLineEdit):
    """A date; `date()` is a datetime.date, or None when an optional field is empty.

    required=True (a report's date, the panel's): never empty; text that is not a date is
    put back to the last good date with a tooltip saying so. Optional (a form's date):
    the text stays as typed, and the form's check says what is wrong with it.
    `dateChanged` is emitted when a new good date is committed (Enter, leaving the
    field, an arrow key, the calendar)."""

    dateChanged = Signal(object)  # datetime.date | None

    def __init__(self, day: dt.date | None = None, parent: QWidget | None = None, *,
                 required: bool = False):
        super().__init__(parent)
        self.required = required
        self._committed: dt.date | None = None
        self._popup: _CalendarPopup | None = None
        self._select_on_release = False
        self.setPlaceholderText("dd/mm/yyyy")
        self.popup_action = QAction(_calendar_icon(), "Chọn ngày trên lịch", self)
        self.popup_action.triggered.connect(self.show_calendar)
        self.addAction(self.popup_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setToolTip("Gõ ngày dạng dd/mm/yyyy, dùng phím ↑ ↓ để đổi ngày, tháng, năm,\n"
                        "hoặc bấm biểu tượng lịch (Alt+↓).")
        # wide enough for «00/00/0000» and the calendar button, never the dialog's width
        width = self.fontMetrics().horizontalAdvance("00/00/00000") + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 20)
        self.editingFinished.connect(self._commit_text)
        if day is None and required:
            day = dt.date.today()
        self.set_date(day)

    # -- the value ----------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date shown (even before Enter or leaving the field: a toolbar button
        takes no focus). A required field whose text is not a date gives its last good
        date; an optional one raises ValueError (Vietnamese)."""
        if self.required:
            try:
                return self._parse_or_committed()
            except ValueError:
                return self._committed
        text = self.text().strip()
        if not text:
            return None

        return domain.parse_date(text)

    def set_date(self, day: dt.date | QDate | None) -> None:
        if isinstance(day, QDate):
            day = day.toPython()
        if day is None and self.required:
            return
        self.setText(day.strftime("%d/%m/%Y") if day else "")
        self._set_committed(day)

    setDate = set_date  # the QDateEdit spelling, for code that had one

    def set_iso(self, iso: str | None) -> None:
        self.set_date(dt.date.fromisoformat(iso) if iso and len(iso) == 10 else None)
        if iso and len(iso) != 10:  # a bare year stays as it was typed
            self.setText(iso)

    def _set_committed(self, day: dt.date | None) -> None:
        if day != self._committed:
            self._committed = day
            self.dateChanged.emit(day)

    def _commit_text(self) -> None:
        text = self.text().strip()
        try:
            day = domain.parse_date(text) if text else None
        except ValueError as exc:
            if self.required and self._committed is not None:
                shown = self._committed.strftime("%d/%m/%Y")
                self.setText(shown)
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                                  f"{str(exc)[:1].upper()}{str(exc)[1:]}; giữ ngày {shown}.",
                                  self)
            return  # an optional field keeps what was typed; the form says what is wrong
        if day is None and self.required:
            self.setText(self._committed.strftime("%d/%m/%Y") if self._committed else "")
            return
        if day is not None:
            self.setText(day.strftime("%d/%m/%Y"))
        self._set_committed(day)

    # -- keys and mouse -----------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        # A click selects the whole date, so that typing replaces it (a QDateEdit typed
        # into the day and kept the rest); a second click, on the selected date, places
        # the cursor to change one digit.
        self._select_on_release = not (self.hasSelectedText()
                                       and self.selectedText() == self.text())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self._select_on_release and not self.hasSelectedText():  # not a drag
            self.selectAll()
        self._select_on_release = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._step(+1 if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else -1,
                       months=key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit_text()
        super().keyPressEvent(event)

    def _step(self, by: int, months: bool = False) -> None:
        """Up/Down step the part under the cursor (day, month or year), as a QDateEdit
        does; Page Up/Down step a month."""
        try:
            day = self.date() if not self.required else self._parse_or_committed()
        except ValueError:
            return
        if day is None:
            self.set_date(dt.date.today())
            return
        cursor = self.cursorPosition()
        part = 0
        for index, match in enumerate(_PARTS.finditer(self.text())):
            if match.start() <= cursor <= match.end():
                part = index
                break
        if months:
            part = 1
        qday = QDate(day.year, day.month, day.day)
        qday = (qday.addDays(by) if part == 0 else qday.addMonths(by) if part == 1
                else qday.addYears(by))
        self.set_date(qday.toPython())
        self.setCursorPosition(cursor)

    def _parse_or_committed(self) -> dt.date | None:
        text = self.text().strip()
        return domain.parse_date(text) if text else self._committed

    # -- the calendar -------------------------------------------------------------------

    def show_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        try:
            day = self._parse_or_committed() if self.required else self.date()
        except ValueError:
            day = None
        day = day or dt.date.today()
        self._popup.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self._popup.calendar.setFocus()

    def _picked(self, day: dt.date) -> None:
        self.set_date(day)
        self.setFocus()
