"""The province file's settings: the letterhead and signature of the Sở's report, the
targets, who enters the data (the audit trail names them). Checked as Cài đặt checks
the commune's (settings_text), saved and audited by the province store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import settings_text
from ..province.store import ProvinceStore
from ..store import StoreError
from .common import save_cancel_buttons, tell
from .screen_fit import FitsScreen

LINES = (("province_name", "Tỉnh"), ("document_number", "Số văn bản (Số: …)"),
         ("signer_title", "Chức danh người ký"), ("signer_name", "Họ tên người ký"),
         ("entered_by", "Người nhập liệu"), ("target_ct1", "Mục tiêu CT1"),
         ("target_ct2", "Mục tiêu CT2"), ("target_ct3", "Mục tiêu CT3"),
         ("target_year", "Năm đạt mục tiêu"))
TEXTS = (("signer_authority", "Thẩm quyền ký (mỗi dòng một cấp)"),
         ("recipients", "Nơi nhận (mỗi dòng một nơi)"))
SHARES = ("target_ct1", "target_ct2", "target_ct3")


class ProvinceSettingsDialog(FitsScreen, QDialog):
    def __init__(self, store: ProvinceStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Cài đặt tệp tổng hợp tỉnh")
        s = store.settings()
        form = QFormLayout()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key, label in LINES:
            value = s.get(key) or ""
            if key in SHARES and value:
                value = settings_text.shown_share(value)
            edit = QLineEdit(value)
            edit.setObjectName(key)
            self.fields[key] = edit
            form.addRow(f"{label}:", edit)
        for key, label in TEXTS:
            edit = QPlainTextEdit(s.get(key) or "")
            edit.setObjectName(key)
            edit.setFixedHeight(90)
            self.fields[key] = edit
            form.addRow(f"{label}:", edit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(save_cancel_buttons(self, self.save))
        self.resize(640, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        """Raises ValueError (Vietnamese, naming the field)."""
        labels = dict(LINES + TEXTS)
        out = {}
        for key, edit in self.fields.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            try:
                out[key] = settings_text.parse_value(key, text)
            except ValueError as exc:
                raise ValueError(f"{labels[key]}: {exc}.") from None
        if not out["province_name"]:
            raise ValueError("Tên tỉnh không được để trống.")
        return out

    def save(self) -> None:
        try:
            values = self.values()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        try:
            self.store.save_settings(values)
        except StoreError as exc:
            tell(self, "Không lưu được cài đặt", exc.message)
            return
        self.accept()
