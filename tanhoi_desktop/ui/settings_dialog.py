"""Cài đặt: the commune, the letterhead, the targets, the training window, the signer, who
enters data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..store import Store, StoreError
from .common import DateField, save_cancel_buttons, tell
from .screen_fit import FitsForm, fit_scrolling_height, scrolling


def _percent_box(value: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(1)
    box.setSuffix(" %")
    box.setValue(float(Fraction(value)) * 100)
    return box


class SettingsDialog(FitsForm, QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Cài đặt")
        s = store.settings()
        self.commune = QLineEdit(s["commune_name"])
        self.parent_body = QLineEdit(s["parent_body"])
        self.parent_body.setObjectName("parent_body")
        self.parent_body.setPlaceholderText("Để trống đối với Ủy ban nhân dân xã")
        parent_note = QLabel(
            "Dòng in phía trên tên cơ quan ban hành ở góc trái văn bản. Theo Nghị định "
            "30/2020/NĐ-CP, văn bản của Ủy ban nhân dân không ghi cơ quan chủ quản: để "
            "trống ô này. Chỉ ghi khi cơ quan ban hành có cơ quan chủ quản trực tiếp; dòng "
            "này được in chữ in hoa.")
        parent_note.setWordWrap(True)
        parent_note.setStyleSheet("color: #555;")
        self.targets = {i: _percent_box(s[f"target_ct{i}"]) for i in (1, 2, 3)}
        self.target_year = QSpinBox()
        self.target_year.setRange(2021, 2100)
        self.target_year.setValue(int(s["target_year"]))
        self.training_since = DateField()
        self.training_since.set_iso(s["training_since"])
        self.signer_name = QLineEdit(s["signer_name"])
        self.signer_title = QLineEdit(s["signer_title"])
        self.signer_authority = QPlainTextEdit(s["signer_authority"])
        self.signer_authority.setFixedHeight(48)
        self.document_number = QLineEdit(s["document_number"])
        self.recipients = QPlainTextEdit(s["recipients"])
        self.recipients.setFixedHeight(90)
        self.entered_by = QLineEdit(s["entered_by"])
        self.entered_by.setPlaceholderText("Họ tên người nhập liệu, ghi vào nhật ký thay đổi")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        form = QFormLayout()
        form.addRow("Tên xã:", self.commune)
        form.addRow("Cơ quan chủ quản:", self.parent_body)
        form.addRow("", parent_note)
        form.addRow("Mục tiêu CT1 (đơn vị có nữ lãnh đạo chủ chốt):", self.targets[1])
        form.addRow("Mục tiêu CT2 (nữ trong quy hoạch):", self.targets[2])
        form.addRow("Mục tiêu CT3 (nữ quy hoạch được đào tạo):", self.targets[3])
        form.addRow("Năm đạt mục tiêu:", self.target_year)
        form.addRow("Tính đào tạo từ ngày:", self.training_since)
        form.addRow("Số văn bản báo cáo:", self.document_number)
        form.addRow("Thẩm quyền ký:", self.signer_authority)
        form.addRow("Chức vụ người ký:", self.signer_title)
        form.addRow("Họ tên người ký:", self.signer_name)
        form.addRow("Nơi nhận (mỗi dòng một nơi):", self.recipients)
        form.addRow("Người nhập liệu:", self.entered_by)
        buttons = save_cancel_buttons(self, self.save)
        fields = QWidget()
        fields.setLayout(form)
        self.scroll = scrolling(fields)  # on a small screen the form scrolls
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        fit_scrolling_height(self.scroll, self)

    def values(self) -> dict[str, str]:
        since = self.training_since.date() or dt.date(2021, 1, 1)
        out = {
            "commune_name": self.commune.text().strip(),
            "parent_body": " ".join(self.parent_body.text().split()),
            "target_year": str(self.target_year.value()),
            "training_since": since.isoformat(),
            "signer_name": self.signer_name.text().strip(),
            "signer_title": self.signer_title.text().strip(),
            "signer_authority": self.signer_authority.toPlainText().strip(),
            "document_number": self.document_number.text().strip(),
            "recipients": self.recipients.toPlainText().strip(),
            "entered_by": self.entered_by.text().strip(),
        }
        for i, box in self.targets.items():
            # an exact decimal string: 75 % -> "0.75", compared as a fraction
            out[f"target_ct{i}"] = str(Decimal(round(box.value() * 10)) / Decimal(1000))
        return out

    def save(self) -> None:
        try:
            values = self.values()
        except ValueError as exc:
            self.error.setText(f"Ngày bắt đầu tính đào tạo: {exc}")
            self.error.show()
            return
        if not values["commune_name"]:
            self.error.setText("Tên xã không được để trống.")
            self.error.show()
            return
        try:
            self.store.save_settings(values)
        except StoreError as exc:
            tell(self, "Không lưu được cài đặt", exc.message)
            return
        self.accept()
