"""The period report dialog (Tệp → In báo cáo giai đoạn…): the period's free-text
sections, then print preview, printing, PDF or Excel, as the yearly report dialog
(preview.SheetReportDialog does both) and through the same printer and document.render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..report import period, xlsx
from ..store import Store
from .report_preview import SheetReportDialog

FIELD_LABELS = {"assessment": "Đánh giá chung:", "difficulties": "Khó khăn, hạn chế:",
                "directions": "Phương hướng, nhiệm vụ:"}


class PeriodReportDialog(SheetReportDialog):
    preview_title = "Xem trước báo cáo giai đoạn"

    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(store, as_of, parent)
        self.start, self.end = period.period_of(store)
        self.setWindowTitle(f"In báo cáo giai đoạn {self.start} - {self.end}")
        self.texts = {kind: QPlainTextEdit() for kind, _title in period.SECTIONS}
        settings = store.settings()
        for kind, edit in self.texts.items():
            edit.setPlaceholderText("Mỗi đoạn một dòng.")
            edit.setMinimumHeight(90)
            edit.setPlainText(settings.get(period.text_key(kind, self.start, self.end)) or "")
            self.form.addRow(FIELD_LABELS[kind], edit)
        self._finish(f"Ba phần nội dung được lưu cho cả giai đoạn {self.start} - {self.end}. "
                     "Số văn bản, người ký và nơi nhận sửa trong Công cụ → Cài đặt.", 720, 560)

    def text_values(self) -> dict[str, str]:
        return {period.text_key(kind, self.start, self.end): edit.toPlainText()
                for kind, edit in self.texts.items()}

    def build_sheet(self, store: Store, as_of: dt.date, issued: dt.date, *,
                    figures=None) -> period.PeriodSheet:
        return period.build(store, as_of, issued)

    def render_xlsx(self, sheet, path: Path, protect: tuple[Path, ...], check) -> None:
        xlsx.render_list(sheet, path, protect, check)

    def export_caption(self, kind: str) -> str:
        return f"Xuất báo cáo giai đoạn ({kind})"

    def export_name(self, as_of: dt.date, suffix: str) -> str:
        return f"bao-cao-giai-doan-{self.start}-{self.end}-{as_of:%Y%m%d}.{suffix}"


def show_period_report(parent: QWidget | None, store: Store, as_of: dt.date) -> None:
    PeriodReportDialog(store, as_of, parent).exec()
