"""Hoạt động: the activities that carry out the plan's task groups (section III), by
year, with their participants, cost and, for inspections, the follow-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ... import domain, vntext
from ...figures import indicators
from ...store import Change, Store, StoreError
from ..common import ProblemLine
from ..table_model import BrowseModel, Column, count_text, date_text, money_text
from .record_table import RecordTable


def year_choices(store: Store, around: int) -> tuple[list[int], str | None]:
    """The years worth offering: those with data, the plan's years and `around`; and,
    when some of them could not be read, why (the list without them is still usable, so
    it is offered, and the sentence shown beside it)."""
    years, problems = {around}, []
    try:
        plan = indicators.plan_settings(store.settings.read())
        years |= set(range(plan.plan_start.year, plan.target_year + 1))
    except StoreError as exc:
        problems.append(exc.message.rstrip("."))
    try:
        years |= set(store.plan.plan_years())
    except StoreError as exc:
        problems.append(exc.message.rstrip("."))
    if not problems:
        return sorted(years, reverse=True), None
    said = ". ".join(dict.fromkeys(problems))  # (one failure of the file is said once)
    return sorted(years, reverse=True), f"Danh sách năm có thể chưa đủ. {said}."


class ActivitiesModel(BrowseModel):
    """Activities, and the totals of the rows shown, read with their count."""

    totals: dict[str, int] | None = None

    def _count(self) -> int:
        self.totals = self.store.browse.sums(
            self.view, ("participants", "participants_women", "cost", "planned", "cancelled"),
            search=vntext.fold(self.search), filters=self.filters, as_of=self.as_of)
        return self.totals["count"]


class ActivitiesTab(RecordTable):
    def __init__(self, store: Store, parent: QWidget | None = None):
        columns = [  # what matters most first: beside the panel, 1366 pixels show «Kinh phí»
            Column("title", "Tên hoạt động", width=190),
            Column("task_group", "Nhóm nhiệm vụ", domain.task_group_text, width=140),
            Column("kind", "Loại hoạt động", width=110),
            Column("from_date", "Từ ngày", date_text, width=78),
            Column("state", "Tình trạng", width=86),
            Column("unit_name", "Đơn vị chủ trì", width=140),
            Column("participants", "Số người", count_text, width=58, right=True),
            Column("participants_women", "Nữ", count_text, width=36, right=True),
            Column("cost", "Kinh phí (đồng)", money_text, width=95, right=True),
            Column("code", "Mã", width=60),
            Column("funding", "Nguồn kinh phí", width=160),
            Column("to_date", "Đến ngày", date_text, width=80),
            Column("follow_up", "Khắc phục", width=110),
        ]
        super().__init__(store, "activities", "activities", columns, parent,
                         model_class=ActivitiesModel)
        self.search.hint = "Tìm theo tên hoặc mã hoạt động (gõ có dấu hoặc không dấu)…"
        self.search.short_hint = "Tìm theo tên hoặc mã hoạt động…"
        self.search.setToolTip(self.search.hint.rstrip("…"))
        self.year = QComboBox()
        self.year.setObjectName("filter_year")
        self.year.currentIndexChanged.connect(self._year_changed)
        self.task_group = QComboBox()
        self.task_group.setObjectName("filter_task_group")
        self.task_group.addItem("Mọi nhóm nhiệm vụ", None)
        for code in domain.TASK_GROUPS:
            self.task_group.addItem(domain.task_group_text(code), code)
        self.task_group.setMaximumWidth(260)
        self.task_group.currentIndexChanged.connect(
            lambda: self.set_filter("task_group", self.task_group.currentData()))
        self.kind = QComboBox()
        self.kind.setObjectName("filter_kind")
        self.kind.addItem("Mọi loại hoạt động", None)
        for kind in domain.ACTIVITY_KINDS:
            self.kind.addItem(kind, kind)
        self.kind.setMaximumWidth(220)
        self.kind.currentIndexChanged.connect(
            lambda: self.set_filter("kind", self.kind.currentData()))
        self.state = QComboBox()
        self.state.setObjectName("filter_state")
        self.state.addItem("Mọi tình trạng", None)
        for state in domain.ACTIVITY_STATES:
            self.state.addItem(state, state)
        self.state.currentIndexChanged.connect(
            lambda: self.set_filter("state", self.state.currentData()))
        for widget in (self.year, self.task_group, self.kind, self.state):
            self.filter_bar.addWidget(widget)
        self.summary = QLabel()
        self.summary.setObjectName("activities_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # figures and our words
        self.layout().insertWidget(2, self.summary)
        self.years_problem = ProblemLine("activities_years_problem")
        self.layout().insertWidget(3, self.years_problem)
        self.fill_years(dt.date.today().year)

    def fill_years(self, default: int | None = None) -> None:
        current = self.year.currentData() if default is None else default
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("Mọi năm", None)
        years, problem = year_choices(self.store, default or dt.date.today().year)
        for year in years:
            self.year.addItem(f"Năm {year}", year)
        self.years_problem.say(problem)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        # the filter without a reload: the window loads the tab once, when shown
        self.model.filters["year"] = None if self.year.currentData() is None else \
            str(self.year.currentData())
        if self.model.filters["year"] is None:
            del self.model.filters["year"]

    def _year_changed(self) -> None:
        year = self.year.currentData()
        self.set_filter("year", None if year is None else str(year))

    def refresh(self) -> None:
        super().refresh()
        totals = self.model.totals
        if self.model.error or totals is None:
            self.summary.setText("")
            return
        year = self.year.currentData()
        when = f"Năm {year}" if year is not None else "Mọi năm"
        narrowed = self.model.search.strip() or self.task_group.currentData() or \
            self.kind.currentData() or self.state.currentData()
        states = [f"{totals[key]} {word}" for key, word in
                  (("planned", "kế hoạch"), ("cancelled", "hủy")) if totals[key]]
        of_which = f" ({', '.join(states)})" if states else ""
        self.summary.setText(
            f"<b>{when}{' (đang lọc)' if narrowed else ''}:</b> {totals['count']} hoạt động"
            f"{of_which} · "
            f"{domain.format_dong(totals['participants'])} người tham gia, trong đó "
            f"{domain.format_dong(totals['participants_women'])} nữ · kinh phí "
            f"{domain.format_dong(totals['cost'])} đồng")

    def on_change(self, change: Change) -> None:
        if "activities" in change.tables or "settings" in change.tables:
            self.fill_years()
        super().on_change(change)
