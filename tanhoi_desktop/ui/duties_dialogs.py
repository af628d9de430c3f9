"""Two of the plan's planning duties, each a dialog with its records and what they come to
on d: the yearly review of the planning pool (plan III.2) and each unit's own targets
(plan V.4). Opened from the Quy hoạch and Đơn vị tabs and from the Báo cáo menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..domain import YES, format_date
from ..figures import duties
from ..store import Change, Store, StoreError
from .list_view import record_view
from .screen_fit import FitsScreen
from .table_model import Column, count_text, date_text, yes_no
from .tabs.record_table import RecordTable
from .undo import add_undo_keys


class _DutyDialog(FitsScreen, QDialog):
    """A records table, and below it what the records come to on d (recomputed after
    every change to the data file while the dialog is open)."""

    def __init__(self, store: Store, day: dt.date, title: str, table: RecordTable,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.day = store, day
        self.setWindowTitle(title)
        self.table = table
        table.set_as_of(day)
        table.refresh()
        self.summary = QLabel()
        self.summary.setObjectName("duty_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # unit names are data
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(table, 1)
        self.body.addWidget(self.summary)
        self.buttons = buttons
        store.subscribe(self._changed)
        self.finished.connect(lambda _r: store.unsubscribe(self._changed))

        add_undo_keys(self)  # what is added here is undone here too

    def _changed(self, change: Change) -> None:
        self.table.on_change(change)
        self.show_figures()

    def duties_now(self) -> duties.Duties | None:
        try:
            return duties.compute(self.store, self.day)
        except StoreError as exc:
            self.summary.setText(exc.message)
            return None


class PoolReviewDialog(_DutyDialog):
    def __init__(self, store: Store, day: dt.date, parent: QWidget | None = None):
        table = RecordTable(store, "pool_reviews", "pool_reviews", [
            Column("year", "Năm", count_text, width=60),
            Column("review_date", "Ngày rà soát", date_text, width=100),
            Column("decision_no", "Số quyết định", sortable=False, width=150),
            Column("note", "Ghi chú", sortable=False, width=300)], searchable=False,
            preset={"year": day.year})
        super().__init__(store, day, "Rà soát, bổ sung quy hoạch hằng năm", table, parent)
        self.body.addWidget(self.buttons)
        self.resize(760, 460)
        self.show_figures()

    def show_figures(self) -> None:
        found = self.duties_now()
        if found is None:
            return
        r = found.review
        self.summary.setText(
            f"{duties.review_sentence(r)}\n"
            f"Năm {r.year} đến ngày {format_date(self.day.isoformat())}: bổ sung "
            f"{r.added_women + r.added_men} mục quy hoạch ({r.added_women} nữ, "
            f"{r.added_men} nam), đưa ra {r.ended_women + r.ended_men} mục "
            f"({r.ended_women} nữ, {r.ended_men} nam). Tỷ lệ nữ trong quy hoạch: "
            f"{duties.share_text(*r.before)} ngày 31/12/{r.year - 1}, "
            f"{duties.share_text(*r.after)} ngày {format_date(self.day.isoformat())}.")


PROGRESS = ("Đơn vị", "Chỉ tiêu áp dụng", "Nữ lãnh đạo chủ chốt", "Tỷ lệ nữ trong quy hoạch",
            "Nữ đã đào tạo / chỉ tiêu", "Chưa đạt")


class UnitTargetsDialog(_DutyDialog):
    def __init__(self, store: Store, day: dt.date, parent: QWidget | None = None):
        table = RecordTable(store, "unit_targets", "unit_targets", [
            Column("unit_name", "Đơn vị", width=220),
            Column("year", "Năm", lambda v: str(v) if v else "Cả giai đoạn", width=100),
            Column("female_key_leader", "Có nữ lãnh đạo chủ chốt", yes_no, False, 150),
            Column("pool_women_percent", "Tỷ lệ nữ QH (%)", count_text, False, 110, True),
            Column("women_to_train", "Số nữ cần đào tạo", count_text, False, 120, True),
            Column("note", "Ghi chú", sortable=False, width=200)], searchable=False)
        super().__init__(store, day, "Chỉ tiêu của các đơn vị", table, parent)
        title = QLabel(f"Tiến độ của từng đơn vị đến ngày {format_date(day.isoformat())}")
        title.setStyleSheet("font-weight: bold;")
        self.model = QStandardItemModel(0, len(PROGRESS), self)
        self.model.setHorizontalHeaderLabels(list(PROGRESS))
        self.progress = record_view("unit_progress", self.model, (200, 100, 150, 230, 140))
        self.body.addWidget(title)
        self.body.addWidget(self.progress, 1)
        self.body.addWidget(self.buttons)
        self.resize(1000, 640)
        self.show_figures()

    def show_figures(self) -> None:
        found = self.duties_now()
        if found is None:
            return
        self.model.setRowCount(0)
        behind = 0
        for u in found.units:
            if not u.has_targets:
                continue
            late = u.behind()
            behind += bool(late)
            leader = ("có" if u.has_female_key_leader else "chưa có") + (
                f" (chỉ tiêu: {YES.lower()})" if u.target_female_key_leader else "")
            pool = duties.share_text(u.pool_women, u.pool) + (
                f" (chỉ tiêu {u.target_pool_women_percent} %)"
                if u.target_pool_women_percent is not None else "")
            trained = str(u.women_trained)
            if u.target_women_to_train is not None:  # a period's is judged at its end
                trained += f"/{u.target_women_to_train}" + (
                    "" if u.target_year else " (cả giai đoạn)")
            cells = (f"{u.name} ({u.code})", str(u.target_year) if u.target_year
                     else "Cả giai đoạn", leader, pool, trained, "; ".join(late) or "—")
            row = []
            for text in cells:
                item = QStandardItem(text)
                item.setEditable(False)
                item.setToolTip(text)  # a cut cell is read whole by pointing at it
                row.append(item)
            self.model.appendRow(row)
        counted = self.model.rowCount()
        # every header and cell readable: columns fit their content, within bounds
        self.progress.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.progress.setColumnWidth(column, min(self.progress.columnWidth(column), 260))
        self.summary.setText(
            f"{counted} đơn vị có chỉ tiêu riêng; {behind} đơn vị chưa đạt. Số nữ cần đào tạo "
            "của chỉ tiêu cả giai đoạn được đánh giá vào cuối giai đoạn." if counted else
            "Chưa đơn vị nào có chỉ tiêu riêng. Bấm «Thêm…» để ghi chỉ tiêu của một đơn vị "
            "(năm, hoặc cả giai đoạn khi bỏ trống năm).")
