"""What CT3 still lacks on d (plan III.2): the women of the planning pool not yet trained,
with their unit, and how many more trainings reach this year's milestone and the target.
A pane of the Đào tạo tab; the panel's CT3 card leads here."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain import format_date, format_percent
from ...figures import duties
from ...store import Store, StoreError
from ..list_view import record_view

if TYPE_CHECKING:
    from ...figures.duties import CT3Gap

HEADERS = ("Họ và tên", "Mã cán bộ", "Đơn vị", "Chức danh quy hoạch")


def gap_sentence(gap: CT3Gap, day: dt.date) -> str:
    """«Ngày 15/11/2026: 12/16 nữ trong quy hoạch đã được đào tạo (75,0 %); cần đào tạo
    thêm 0 người để đạt mốc năm 2026 (73,0 %), 3 người để đạt mục tiêu 90,0 %.»"""
    share = format_percent(gap.trained / gap.women if gap.women else None)
    parts = [f"Ngày {format_date(day.isoformat())}: {gap.trained}/{gap.women} nữ trong quy "
             f"hoạch đã được đào tạo, bồi dưỡng ({share})"]
    needs, reached = gap.steps(day.year)
    said = [parts[0], *(f"đã đạt {step}" for step in reached)]
    if needs:
        said.append(f"cần đào tạo thêm {', '.join(needs)}")
    return "; ".join(said) + "."


class CT3GapPane(QWidget):
    def __init__(self, store: Store, figures=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.figures = store, figures
        self.day = dt.date.today()
        self.stale = True
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names are data: never markup
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.view = record_view("ct3_gap", self.model, (220, 90, 220, 220))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)

    def set_as_of(self, day: dt.date) -> None:
        if day != self.day:
            self.day, self.stale = day, True

    def refresh(self) -> None:
        """Read again if something changed since (only while the pane is shown)."""
        if not self.stale:
            return

        try:
            figures = self.figures.figures_now(self.day) if self.figures is not None else None
            gap = duties.compute(self.store, self.day, figures).gap
        except StoreError as exc:
            self.summary.setText(exc.message)
            self.model.setRowCount(0)
            return
        self.stale = False
        since = figures.training_since if figures is not None else None
        window = (f" Chỉ tính các lớp «Hoàn thành» kết thúc từ ngày "
                  f"{format_date(since.isoformat())}." if since else "")
        self.summary.setText(gap_sentence(gap, self.day) + window if gap.women else
                             "Chưa có nữ nào trong quy hoạch vào ngày "
                             f"{format_date(self.day.isoformat())}.")
        self.model.setRowCount(0)
        for person in gap.untrained:
            cells = (person.full_name, person.code, person.unit_name or "",
                     person.titles or "")
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setEditable(False)
                items.append(item)
            self.model.appendRow(items)
