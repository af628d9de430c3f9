"""Cán bộ: cadres, and below them the selected cadre's posts, planning and training."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import domain
from ...store import Change, Store
from ..table_model import Column, date_text, yes_no
from .page import TabPage
from .record_table import RecordTable

NO_CADRE = ("Chọn một cán bộ ở bảng trên để xem chức vụ lãnh đạo, quy hoạch và đào tạo của "
            "người đó")


class CadresTab(TabPage, QWidget):
    """Cadres, and below them the selected cadre's posts, planning entries and training."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        columns = [
            Column("full_name", "Họ và tên", width=190), Column("code", "Mã", width=70),
            Column("gender", "Giới tính", width=70), Column("birth", "Ngày sinh", date_text,
                                                            width=90),
            Column("unit_name", "Đơn vị", width=220), Column("category", "Đối tượng",
                                                             width=100),
            Column("position", "Chức vụ", width=150),
            Column("in_pool", "Trong quy hoạch", yes_no, width=110),
        ]
        self.table = RecordTable(store, "cadres", "cadres", columns, self)
        self.unit = QComboBox()
        self.unit.setObjectName("filter_unit")
        self.unit.setMinimumWidth(180)
        self.unit.currentIndexChanged.connect(
            lambda: self.table.set_filter("unit_id", self.unit.currentData()))
        self.gender = QComboBox()
        self.gender.addItem("Nam và nữ", None)
        for g in domain.GENDERS:
            self.gender.addItem(g, g)
        self.gender.currentIndexChanged.connect(
            lambda: self.table.set_filter("gender", self.gender.currentData()))
        self.category = QComboBox()
        self.category.addItem("Mọi đối tượng", None)
        for c in domain.CATEGORIES:
            self.category.addItem(c, c)
        self.category.currentIndexChanged.connect(
            lambda: self.table.set_filter("category", self.category.currentData()))
        self.in_pool = QCheckBox("Đang trong quy hoạch")
        self.in_pool.toggled.connect(lambda on: self.table.set_filter("in_pool", on))
        for w in (self.unit, self.gender, self.category, self.in_pool):
            self.table.filter_bar.addWidget(w)
        self.fill_units()

        self.details = QTabWidget()
        self.details.setObjectName("cadre_details")
        self.posts = RecordTable(store, "posts", "posts", [
            Column("unit_name", "Đơn vị", width=200), Column("title", "Chức vụ", width=160),
            Column("level", "Cấp", width=90), Column("decision_no", "Số quyết định", width=110),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90),
            Column("btv", "Diện BTV", yes_no, False, 70)], self, searchable=False)
        self.planning = RecordTable(store, "planning", "planning", [
            Column("title", "Chức danh quy hoạch", width=200),
            Column("unit_name", "Đơn vị", width=200), Column("period", "Giai đoạn", width=90),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90),
            Column("btv", "Diện BTV", yes_no, False, 70)], self, searchable=False)
        self.training = RecordTable(store, "enrolments", "enrolments", [
            Column("course_name", "Lớp học", width=260), Column("kind", "Loại", width=160),
            Column("to_date", "Kết thúc", date_text, width=90),
            Column("result", "Kết quả", width=110),
            Column("certificate_no", "Số chứng chỉ", width=100)], self, searchable=False)
        self.details.addTab(self.posts, "Chức vụ lãnh đạo")
        self.details.addTab(self.planning, "Quy hoạch")
        self.details.addTab(self.training, "Đào tạo, bồi dưỡng")
        self.details.setEnabled(False)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("cadres_splitter")
        # what the pane below shows, or, with no cadre chosen, how to fill it
        self.details_title = QLabel(NO_CADRE)
        self.details_title.setObjectName("cadre_details_title")
        self.details_title.setTextFormat(Qt.TextFormat.RichText)  # the name escaped
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details_title)
        lower_layout.addWidget(self.details)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.table.selection_changed.connect(self._cadre_selected)

    def fill_units(self) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("Mọi đơn vị", None)
        for row in self.store.browse.page("units", sort="name", limit=100_000):
            self.unit.addItem(row["name"], row["id"])
        index = self.unit.findData(current)
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.blockSignals(False)

    def _cadre_selected(self, row: dict[str, Any] | None) -> None:
        self.details.setEnabled(row is not None)
        self.details_title.setText(f"<b>{escape(row['full_name'])} ({escape(row['code'])})</b>"
                                   if row else NO_CADRE)
        cadre_id = row["id"] if row else -1
        code = row["code"] if row else None
        for table in (self.posts, self.planning, self.training):
            table.model.filters = {"cadre_id": cadre_id}
            table.preset = {"cadre_code": code}
            table.refresh()

    def tables(self) -> list[RecordTable]:
        return [self.table, self.posts, self.planning, self.training]

    def current_table(self) -> RecordTable:
        return self.table

    def refresh(self) -> None:
        self.table.refresh()

    def on_change(self, change: Change) -> None:
        if "units" in change.tables:
            self.fill_units()
        self.table.on_change(change)
        for table in (self.posts, self.planning, self.training):
            table.on_change(change)

    def set_as_of(self, day: dt.date) -> None:
        for table in (self.table, self.posts, self.planning, self.training):
            table.as_of = day
            table.model.as_of = day.isoformat()
        self.table.date_moved()
