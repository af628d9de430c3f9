"""Báo cáo → Báo cáo của các đơn vị…: what each unit wrote on the cover of the workbook
it sent for the year (results, difficulties, proposals), for the commune's own report
to draw on. Read-only; the text can be selected and copied."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..domain import format_date
from ..store import Store
from .screen_fit import FitsScreen

HEADINGS = {"report_results": "Kết quả thực hiện",
            "report_difficulties": "Khó khăn, hạn chế",
            "report_proposals": "Kiến nghị, đề xuất"}


def reports_text(rows: list[dict]) -> str:
    """Every unit's written report as one plain text, unit by unit."""
    parts = []
    for row in rows:
        received = format_date(str(row["received_at"])[:10])
        lines = [f"{row['name']} ({row['code']}) - nhận ngày {received}"]
        for key, heading in HEADINGS.items():
            if row.get(key):
                lines.append(f"{heading}:\n{row[key]}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


class UnitReportsDialog(FitsScreen, QDialog):
    def __init__(self, store: Store, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Báo cáo của các đơn vị năm {year}")
        rows = store.duties.unit_reports(year)
        self.note = QLabel(
            f"{len(rows)} đơn vị đã gửi kèm báo cáo viết trong tệp Excel năm {year}. Chọn "
            "và sao chép (Ctrl+C) đoạn cần dùng cho báo cáo của xã." if rows else
            f"Chưa đơn vị nào gửi kèm báo cáo viết năm {year}. Đơn vị ghi báo cáo vào các ô "
            "«Kết quả thực hiện», «Khó khăn, hạn chế», «Kiến nghị, đề xuất» ở trang «Thông "
            "tin» của tệp xuất cho đơn vị.")
        self.note.setWordWrap(True)
        self.text = QPlainTextEdit(reports_text(rows))
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)
