"""Whose yearly report is this workbook? Asked on import when the workbook does not say
(a per-unit export names its unit on the cover; a file whose cadres are all of one unit
is that unit's). «Không ghi nhận» for a commune-wide import."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..exchange.workbook import Sender
from ..store import Store
from .common import save_cancel_buttons
from .date_field import DateField
from .screen_fit import FitsScreen

NOT_RECORDED = "Không ghi nhận (dữ liệu chung của xã)"


class SenderDialog(FitsScreen, QDialog):
    def __init__(self, store: Store, file_name: str, parent: QWidget | None = None, *,
                 cover_unit: str | None = None, cover_year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tệp này là báo cáo của đơn vị nào?")
        deadline = store.settings.read().get("report_deadline") or "15/11"
        said = (f"Trang bìa của tệp «{file_name}» ghi đơn vị mã «{cover_unit}», nhưng tệp dữ "
                "liệu không có đơn vị này." if cover_unit else
                f"Tệp «{file_name}» không ghi đơn vị gửi.")
        intro = QLabel(f"{said} Nếu đây là báo cáo năm của một đơn vị (Mục VI của Kế hoạch: "
                       f"gửi trước ngày {deadline}), hãy chọn đơn vị để ghi nhận đã nhận báo "
                       "cáo.")
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a file name and a code from data
        intro.setWordWrap(True)
        self.unit = QComboBox()
        self.unit.setObjectName("sender_unit")
        self.unit.addItem(NOT_RECORDED, None)
        for row in store.browse.page("units", sort="name", filters={"active": True},
                                     as_of=dt.date.today().isoformat(), limit=100000):
            self.unit.addItem(f"{row['name']} ({row['code']})", row["code"])
        today = dt.date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.received = DateField(today, required=True)
        self.year.setMaximumWidth(160)  # a year: not the dialog's width
        self.received.dateChanged.connect(lambda d: self.year.setValue(d.year))
        if cover_year:  # the year the cover names, after the date that would change it
            self.year.setValue(cover_year)
        form = QFormLayout()
        form.addRow("Đơn vị gửi:", self.unit)
        form.addRow("Ngày nhận:", self.received)
        form.addRow("Báo cáo năm:", self.year)
        buttons = save_cancel_buttons(self, self.accept)
        buttons.buttons()[0].setText("Nhập")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def sender(self) -> Sender | None:
        code = self.unit.currentData()
        if not code:
            return None
        received = dt.datetime.combine(self.received.date(),
                                       dt.datetime.now().time().replace(microsecond=0))
        return Sender(code, self.year.value(), received.isoformat(timespec="seconds"))
