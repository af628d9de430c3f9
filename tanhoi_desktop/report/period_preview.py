"""The period report dialog (Tệp → In báo cáo giai đoạn…): the period's free-text
sections, then print preview, printing, PDF or Excel, like the yearly report dialog
(preview.py) and through the same printer and document.render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..store import Store, StoreError
from . import pdf, period, xlsx
from .preview import show_sheet_preview

FIELD_LABELS = {"assessment": "Đánh giá chung:", "difficulties": "Khó khăn, hạn chế:",
                "directions": "Phương hướng, nhiệm vụ:"}


class PeriodReportDialog(QDialog):
    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.start, self.end = period.period_of(store)
        self.setWindowTitle(f"In báo cáo giai đoạn {self.start} - {self.end}")
        self.as_of = QDateEdit(as_of)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setCalendarPopup(True)
        self.issued = QDateEdit(dt.date.today())
        self.issued.setDisplayFormat("dd/MM/yyyy")
        self.issued.setCalendarPopup(True)
        self.texts = {kind: QPlainTextEdit() for kind, _title in period.SECTIONS}
        form = QFormLayout()
        form.addRow("Số liệu tính đến ngày:", self.as_of)
        form.addRow("Ngày ký báo cáo:", self.issued)
        settings = store.settings()
        for kind, edit in self.texts.items():
            edit.setPlaceholderText("Mỗi đoạn một dòng.")
            edit.setMinimumHeight(90)
            edit.setPlainText(settings.get(period.text_key(kind, self.start, self.end)) or "")
            form.addRow(FIELD_LABELS[kind], edit)
        note = QLabel(f"Ba phần nội dung được lưu cho cả giai đoạn {self.start} - {self.end}. "
                      "Số văn bản, người ký và nơi nhận sửa trong Công cụ → Cài đặt.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Xem trước và in…",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.pdf_button = buttons.addButton("Xuất PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.xlsx_button = buttons.addButton("Xuất Excel…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(lambda: self._export(
            "PDF", "pdf", "Tệp PDF (*.pdf)", pdf.write_period_pdf))
        self.xlsx_button.clicked.connect(lambda: self._export(
            "Excel", "xlsx", "Tệp Excel (*.xlsx)", xlsx.write_period_xlsx))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def save_texts(self) -> bool:
        if self.store.read_only:
            return True
        values = {period.text_key(kind, self.start, self.end): edit.toPlainText()
                  for kind, edit in self.texts.items()}
        try:
            self.store.save_settings(values)
        except StoreError as exc:
            QMessageBox.warning(self, "Không lưu được", exc.message)
            return False
        return True

    def sheet(self) -> period.PeriodSheet:
        return period.build(self.store, self.as_of.date().toPython(),
                            self.issued.date().toPython())

    def preview(self) -> None:
        if self.save_texts():
            show_sheet_preview(self, self.sheet(), "Xem trước báo cáo giai đoạn")

    def _export(self, kind: str, suffix: str, file_filter: str, write) -> None:
        if not self.save_texts():
            return
        as_of = self.as_of.date().toPython()
        path, _ = QFileDialog.getSaveFileName(
            self, f"Xuất báo cáo giai đoạn ({kind})",
            f"bao-cao-giai-doan-{self.start}-{self.end}-{as_of:%Y%m%d}.{suffix}", file_filter)
        if not path:
            return
        try:
            write(self.store, as_of, Path(path), self.issued.date().toPython())
        except OSError as exc:
            QMessageBox.warning(self, "Không xuất được", f"Không ghi được «{path}»: {exc}")
            return
        except StoreError as exc:
            QMessageBox.warning(self, "Không xuất được", exc.message)
            return
        QMessageBox.information(self, f"Xuất {kind}", f"Đã ghi «{path}».")


def show_period_report(parent: QWidget | None, store: Store, as_of: dt.date) -> None:
    PeriodReportDialog(store, as_of, parent).exec()
