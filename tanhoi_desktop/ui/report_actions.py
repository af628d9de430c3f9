"""The Báo cáo menu (who has reported, the workforce by sex) and the yearly reminder:
from the first day of the deadline's month (01/11) to the end of the year, once a day,
a bar above the tabs says how many units have not sent their report and how many days
are left, or how many are late. A mixin of MainWindow."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..safety.crashlog import write_note


class ReminderBar(QFrame):
    """Non-modal: it stays until hidden or the list is opened; the work goes on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reminder_bar")
        self.setStyleSheet("QFrame#reminder_bar { background: #e8f0fe; "
                           "border-bottom: 1px solid #9bb7e8; }")
        self.label = QLabel()
        self.label.setObjectName("reminder")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #17365d; padding: 6px;")
        self.show_button = QPushButton("Xem danh sách…")
        self.hide_button = QPushButton("Ẩn")
        self.hide_button.clicked.connect(self.hide)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 6, 0)
        bar.addWidget(self.label, 1)
        bar.addWidget(self.show_button)  # centred in the row, as in BannerBar
        bar.addWidget(self.hide_button)
        self.hide()

    def say(self, text: str) -> None:
        from PySide6.QtCore import Qt  # the Qt namespace: ~20 ms, not at start-up

        self.label.setTextFormat(Qt.TextFormat.PlainText)  # unit names are data
        self.label.setText(text)
        self.show()


class ReportActions:
    def open_submissions(self, year: int | None = None) -> None:
        from .submissions_dialog import SubmissionsDialog  # on first use

        if self.store is not None:
            SubmissionsDialog(self.store, year or self._reminder_year(), self).exec()

    def open_pool_review(self) -> None:
        from .duties_dialogs import PoolReviewDialog  # on first use

        if self.store is not None:
            PoolReviewDialog(self.store, self._as_of_now(), self).exec()

    def open_unit_targets(self) -> None:
        from .duties_dialogs import UnitTargetsDialog  # on first use

        if self.store is not None:
            UnitTargetsDialog(self.store, self._as_of_now(), self).exec()

    def open_unit_reports(self) -> None:
        from .unit_reports_dialog import UnitReportsDialog  # on first use

        if self.store is not None:
            UnitReportsDialog(self.store, self._as_of_now().year, self).exec()

    def _as_of_now(self) -> dt.date:
        return self.panel.as_of() if self.panel is not None else dt.date.today()

    def open_workforce(self) -> None:
        from .workforce_dialog import WorkforceDialog  # on first use

        if self.store is not None:
            day = self.panel.as_of() if self.panel is not None else dt.date.today()
            WorkforceDialog(self.store, day, self).exec()

    def _reminder_year(self, today: dt.date | None = None) -> int:
        return (today or dt.date.today()).year

    def remind_submissions(self, today: dt.date | None = None) -> str | None:
        """Show the reminder if it is due and was not shown today for this file;
        returns what was said."""
        from ..figures import submissions  # figures: after the first paint
        from ..store import StoreError  # data layer: after the first paint

        bar: ReminderBar = self.reminder_bar
        bar.hide()
        if self.store is None:
            return None
        today = today or dt.date.today()
        try:
            deadline = submissions.deadline_of(self.store, today.year)
            start, end = submissions.reminder_window(deadline)
            if not start <= today <= end:
                return self._remind_review(today)  # no query outside the season
            key = f"reminder/{self.store.settings.read().get('file_id') or self.store.path}"
            if self.qsettings.value(key) == today.isoformat():
                return None
            text = submissions.reminder(submissions.year_status(self.store, today.year), today)
        except StoreError as exc:  # a reminder must never stop the work, but is said

            write_note(f"Nhắc báo cáo: {exc.message}")
            self.statusBar().showMessage(f"Không đọc được lịch nhắc báo cáo: {exc.message}",
                                         30000)
            return None
        if text is None:
            return self._remind_review(today)
        self.qsettings.setValue(key, today.isoformat())
        self._reminder_day, self._reminder_kind = today, "submissions"
        bar.say(text)
        return text

    def _review_due_text(self, today: dt.date) -> str | None:
        """The yearly review of the planning pool (plan III.2) not recorded by its day."""
        from ..figures import duties  # figures: after the first paint

        due = duties.review_due(self.store.settings.read(), today.year)
        if today < due or self.store.duties.pool_review(today.year) is not None:
            return None
        return (f"Chưa ghi nhận rà soát, bổ sung quy hoạch năm {today.year} (hạn "
                f"{due:%d/%m/%Y}). Ghi lần rà soát ở Báo cáo → Rà soát, bổ sung quy hoạch "
                "hằng năm.")

    def _remind_review(self, today: dt.date) -> str | None:
        """Once a day per file, from the review's day on, while no review is recorded."""
        from ..store import StoreError  # data layer: after the first paint

        key = f"reminder_review/{self.store.settings.read().get('file_id') or self.store.path}"
        if self.qsettings.value(key) == today.isoformat():
            return None
        try:
            text = self._review_due_text(today)
        except StoreError:
            return None
        if text is None:
            return None
        self.qsettings.setValue(key, today.isoformat())
        self._reminder_day, self._reminder_kind = today, "review"
        self.reminder_bar.say(text)
        return text

    def refresh_reminder(self, change) -> None:
        """A report recorded while the bar shows: say what is still missing now."""
        from ..figures import submissions  # figures: after the first paint
        from ..store import StoreError  # data layer: after the first paint

        bar: ReminderBar = self.reminder_bar
        if self.store is None or not bar.isVisibleTo(self) or \
                not change.tables & {"submissions", "settings", "units", "pool_reviews"}:
            return
        day = getattr(self, "_reminder_day", None) or dt.date.today()  # the day it said
        try:
            if getattr(self, "_reminder_kind", "") == "review":
                text = self._review_due_text(day)
            else:
                text = submissions.reminder(submissions.year_status(self.store, day.year),
                                            day)
        except StoreError:
            return
        if text is None:
            bar.hide()
        else:
            bar.say(text)

    def _connect_reminder(self) -> None:
        self.reminder_bar.show_button.clicked.connect(self._reminder_list)

    def _reminder_list(self) -> None:
        from ..store import StoreError  # data layer: after the first paint

        self.reminder_bar.hide()
        with contextlib.suppress(StoreError):
            if getattr(self, "_reminder_kind", "") == "review":
                self.open_pool_review()
            else:
                self.open_submissions()
