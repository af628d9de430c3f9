"""The period report dialog (Tệp → In báo cáo giai đoạn…): the period's written
sections (kept in the data file), then print preview, printing, PDF or Excel, as the
yearly report dialog (SheetReportDialog does both), through the same document.render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..report import period, written, xlsx
from ..store import Store
from ..store.report_texts import period_report
from .report_preview import SheetReportDialog


class PeriodReportDialog(SheetReportDialog):
    preview_title = "Xem trước báo cáo giai đoạn"
    whole_period = True

    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None):
        super().__init__(store, as_of, parent)
        self.start, self.end = period.period_of(store)
        self.setWindowTitle(f"In báo cáo giai đoạn {self.start} - {self.end}")
        self.titles = written.PERIOD_TITLES
        self.texts = self.written_edits(self.titles)
        typed = written.period_texts(store, self.start, self.end)
        for key, edit in self.texts.items():
            edit.setPlainText(typed.get(key, ""))
            self.form.addRow(f"{self.titles[key]}:", edit)
        self._finish(f"Các phần nội dung được lưu vào tệp dữ liệu cho cả giai đoạn "
                     f"{self.start} - {self.end} (ghi người sửa, thời điểm sửa). Số văn bản, "
                     "số và ngày kế hoạch, người ký, nơi nhận sửa trong Công cụ → Cài đặt.",
                     720, 620)

    def report_key(self) -> str:
        return period_report(self.start, self.end)

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
