"""Quy hoạch: the planning pool, every entry with its cadre."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from ...store import Store
from ..table_model import Column, date_text, yes_no
from .record_table import RecordTable


class PlanningTab(RecordTable):
    def __init__(self, store: Store, parent: QWidget | None = None):
        columns = [
            Column("full_name", "Họ và tên", width=190), Column("gender", "Giới tính", width=70),
            Column("title", "Chức danh quy hoạch", width=220),
            Column("unit_name", "Đơn vị", width=220), Column("period", "Giai đoạn", width=90),
            Column("decision_no", "Số quyết định", sortable=False, width=110),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, sortable=False, width=90),
            Column("btv", "Diện BTV", yes_no, False, 70),
        ]
        super().__init__(store, "planning", "planning", columns, parent)
        self.women = QCheckBox("Chỉ nữ")
        self.women.toggled.connect(lambda on: self.set_filter("women", on))
        self.active = QCheckBox("Đang trong quy hoạch")
        self.active.setToolTip("Chỉ các mục còn hiệu lực vào ngày chốt số liệu")
        self.active.toggled.connect(lambda on: self.set_filter("active", on))
        self.filter_bar.addWidget(self.women)
        self.filter_bar.addWidget(self.active)
