"""Đào tạo: courses, and below them the cadres enrolled in the selected course, the
year's training plan against what was done, and the women of the pool not yet trained
(what CT3 still lacks)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ... import domain
from ...store import Change, Store
from ..table_model import Column, count_text, date_text, money_text
from .ct3_gap import CT3GapPane
from .page import TabPage
from .record_table import RecordTable


class TrainingTab(TabPage, QWidget):
    """Courses, and the cadres enrolled in the selected course."""

    def __init__(self, store: Store, parent: QWidget | None = None, figures=None):
        super().__init__(parent)
        self.store = store
        self.courses = RecordTable(store, "courses", "courses", [
            Column("name", "Tên lớp", width=300), Column("code", "Mã lớp", width=80),
            Column("kind", "Loại", width=180),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90),
            Column("participants", "Học viên", lambda v: str(v), False, 70, True),
            Column("women", "Nữ", lambda v: str(v), False, 50, True),
            Column("cost", "Kinh phí (đồng)", money_text, False, 120, True),
            Column("organizer", "Đơn vị tổ chức", sortable=False, width=200),
        ], self)
        self.kind = QComboBox()
        self.kind.addItem("Mọi loại lớp", None)
        for kind in domain.COURSE_KINDS:
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(
            lambda: self.courses.set_filter("kind", self.kind.currentData()))
        self.courses.filter_bar.addWidget(self.kind)
        self.enrolled = RecordTable(store, "enrolments", "enrolments", [
            Column("full_name", "Học viên", width=200), Column("gender", "Giới tính", width=70),
            Column("unit_name", "Đơn vị", width=220), Column("result", "Kết quả", width=120),
            Column("certificate_no", "Số chứng chỉ", width=110)], self, searchable=False)
        self.enrolled_title = QLabel("Chọn một lớp để xem học viên")
        self.enrolled_title.setTextFormat(Qt.TextFormat.RichText)  # the name escaped
        enrolled_pane = QWidget()
        lower_layout = QVBoxLayout(enrolled_pane)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.enrolled_title)
        lower_layout.addWidget(self.enrolled)
        self.enrolled.setEnabled(False)
        # the plan's training duties (III.2): what was planned for the year, done so far
        self.plan = RecordTable(store, "training_plan", "training_plan", [
            Column("kind", "Loại lớp", width=200),
            Column("unit_name", "Đơn vị", lambda v: v or "Toàn xã", width=180),
            Column("planned", "Kế hoạch (người)", count_text, width=110, right=True),
            Column("done", "Đã đào tạo", count_text, False, 90, right=True),
            Column("planned_women", "Kế hoạch nữ", count_text, False, 90, right=True),
            Column("done_women", "Nữ đã đào tạo", count_text, False, 100, right=True),
            Column("planned_pool_women", "Nữ trong QH (kế hoạch)", count_text, False, 150,
                   right=True),
            Column("estimate", "Kinh phí dự kiến (đồng)", money_text, False, 150, True),
            Column("year", "Năm", count_text, width=60)], self, searchable=False)
        self.gap = CT3GapPane(store, figures, self)
        self.lower = QTabWidget()
        self.lower.setObjectName("training_lower")
        self.lower.addTab(enrolled_pane, "Học viên của lớp")
        self.lower.addTab(self.plan, "Kế hoạch đào tạo năm")
        self.lower.addTab(self.gap, "Nữ trong quy hoạch chưa đào tạo")
        self.lower.currentChanged.connect(lambda _i: self._show_lower())
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("training_splitter")
        self.splitter.addWidget(self.courses)
        self.splitter.addWidget(self.lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.courses.selection_changed.connect(self._course_selected)

    def _course_selected(self, row: dict[str, Any] | None) -> None:
        self.enrolled.setEnabled(row is not None)
        self.enrolled_title.setText(f"<b>Học viên lớp «{escape(row['name'])}»</b>" if row else
                                    "Chọn một lớp để xem học viên")
        self.enrolled.model.filters = {"course_id": row["id"] if row else -1}
        self.enrolled.preset = {"course_code": row["code"] if row else None}
        self.enrolled.refresh()

    def show_gap(self) -> None:
        """The women of the pool not yet trained (the panel's CT3 card leads here)."""
        self.lower.setCurrentWidget(self.gap)

    def _show_lower(self) -> None:
        if self.lower.currentWidget() is self.gap:
            self.gap.refresh()

    def tables(self) -> list[RecordTable]:
        return [self.courses, self.enrolled, self.plan]

    def current_table(self) -> RecordTable:
        return self.plan if self.lower.currentWidget() is self.plan else self.courses

    def refresh(self) -> None:
        self.courses.refresh()

    def on_change(self, change: Change) -> None:
        self.courses.on_change(change)
        self.enrolled.on_change(change)
        self.plan.on_change(change)
        self.gap.stale = True
        self._show_lower()

    def set_as_of(self, day: dt.date) -> None:
        self.courses.set_as_of(day)
        self.plan.preset = {"year": day.year}
        self.plan.model.filters["year"] = day.year  # the year of d, read once below
        self.plan.set_as_of(day)
        self.gap.set_as_of(day)
        self._show_lower()
