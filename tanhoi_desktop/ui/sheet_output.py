"""The two outputs of a dialog that shows a printable list (a sheet of report/sections.py):
print preview and PDF, with the same buttons and the same sentences in every such dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from ..report import pdf
from ..store import Store
from . import report_preview
from .common import inform, wrote
from .file_places import ask_save_path


def add_output_buttons(buttons: QDialogButtonBox, preview: Callable[[], None],
                       export_pdf: Callable[[], None]) -> tuple[QPushButton, QPushButton]:
    """«Xem trước và in…» and «Xuất PDF…», wired; returns both buttons."""
    preview_button = buttons.addButton("Xem trước và in…",
                                       QDialogButtonBox.ButtonRole.ActionRole)
    pdf_button = buttons.addButton("Xuất PDF…", QDialogButtonBox.ButtonRole.ActionRole)
    preview_button.clicked.connect(preview)
    pdf_button.clicked.connect(export_pdf)
    return preview_button, pdf_button


def preview_sheet(parent: QWidget, sheet, title: str) -> None:
    report_preview.show_sheet_preview(parent, sheet, title)


def export_sheet_pdf(parent: QWidget, store: Store, sheet: Callable[[], object],
                     caption: str, file_name: str) -> None:
    """Asks where, then writes the sheet (built only then) as a PDF; never over the data
    file; a failure is said in a sentence."""
    path = ask_save_path(parent, caption, file_name, "Tệp PDF (*.pdf)", store.path)
    if path is None:
        return
    if not wrote(parent, "Không xuất được", path,
                 lambda: pdf.write_sheet_pdf(sheet(), path, protect=[store.path])):
        return
    inform(parent, "Xuất PDF", f"Đã ghi «{path}».")
