"""The report dialog: the year's texts (difficulties, directions, and the wording of each
task group's results, prefilled from the year's activities), then print preview,
printing, PDF or Excel. Preview, printer and PDF share document.render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..figures.indicators import Figures
from ..figures.service import DAY, DayFigures, FiguresService
from ..report import content, document, fonts, pdf, xlsx, yearly_work
from ..store import Store, StoreError
from .common import in_date_range, inform, tell
from .operations import Operation
from .screen_fit import FitsScreen


class PrintPreview(FitsScreen, QPrintPreviewDialog):
    """Qt's print preview, kept inside the screen (it opens 900 x 1000)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Qt does not own a printer it is given and PySide6 keeps no reference to it: a
        # printer made for the call was freed at once and the preview crashed the program
        # on its first page. The dialog holds it as long as it lives.
        self.kept_printer = next((a for a in args if isinstance(a, QPrinter)),
                                 kwargs.get("printer"))


def _printer() -> QPrinter:
    # 96 dpi, as the PDF: Qt's 1 px rules come out about 0,26 mm, and the page is laid
    # out exactly as the PDF (Qt's rich text scales some spacing with the resolution and
    # not the rest; a screen set to 125 % would otherwise give another layout).
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(96)
    printer.setPageLayout(document.page_layout())
    printer.setDocName("Báo cáo kết quả thực hiện Kế hoạch 2282")
    return printer


def _date_edit(day: dt.date) -> QDateEdit:
    edit = in_date_range(QDateEdit(day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumWidth(160)  # a date, not a field across the whole dialog
    return edit


class SheetReportDialog(FitsScreen, QDialog):
    """What the yearly and the period report dialogs share: the two dates, the report's
    texts saved before each output, print preview, PDF and Excel. A subclass adds its text
    fields to `self.form`, then calls `_finish`."""

    preview_title = "Xem trước báo cáo"

    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None, *,
                 service: FiguresService | None = None):
        super().__init__(parent)
        self.store = store
        self.service = service  # the window's figures service: its figures are used again
        self.as_of = _date_edit(as_of)
        self.issued = _date_edit(dt.date.today())
        self.form = QFormLayout()
        self.form.addRow("Số liệu tính đến ngày:", self.as_of)
        self.form.addRow("Ngày ký báo cáo:", self.issued)

    def _finish(self, note_text: str, width: int, height: int) -> None:
        note = QLabel(note_text)
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
        self.pdf_button.clicked.connect(self.export_pdf)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(width, height)

    # What a subclass says: its texts, its sheet, its writers and file names.
    def text_values(self) -> dict[str, str]:
        raise NotImplementedError

    def build_sheet(self, store: Store, as_of: dt.date, issued: dt.date):
        """The report's content, read through `store` (the worker's, for an output)."""
        raise NotImplementedError

    def render_xlsx(self, sheet, path: Path, protect: tuple[Path, ...], check) -> None:
        raise NotImplementedError

    def sheet(self):
        return self.build_sheet(self.store, self.as_of.date().toPython(),
                                self.issued.date().toPython())

    def render_pdf(self, sheet, path: Path, protect: tuple[Path, ...], check) -> None:
        pdf.write_sheet_pdf(sheet, path, protect, check)

    def known_figures(self, as_of: dt.date) -> Figures | None:
        """The figures on `as_of` the window has already (None: computed with the sheet)."""
        shown = self.service.result(DAY, as_of) if self.service is not None else None
        return shown.figures if isinstance(shown, DayFigures) else None

    def export_caption(self, kind: str) -> str:
        return f"Xuất báo cáo {kind}"

    def export_name(self, as_of: dt.date, suffix: str) -> str:
        return f"bao-cao-2282-{as_of:%Y%m%d}.{suffix}"

    def save_texts(self) -> bool:
        if self.store.read_only:
            return True
        try:
            self.store.save_settings(self.text_values())
        except StoreError as exc:
            tell(self, "Không lưu được", exc.message)
            return False
        return True

    def preview(self) -> None:
        if self.save_texts():
            show_sheet_preview(self, self.sheet(), self.preview_title)

    def export_pdf(self) -> Operation | None:
        return self._export("PDF", "pdf", "Tệp PDF (*.pdf)", self.render_pdf)

    def export_xlsx(self) -> Operation | None:
        return self._export("Excel", "xlsx", "Tệp Excel (*.xlsx)", self.render_xlsx)

    def _export(self, kind: str, suffix: str, file_filter: str, render) -> Operation | None:
        """The report made and written on a worker (ui/operations), with its progress;
        a cancel leaves no file."""
        if not self.save_texts():
            return None
        as_of = self.as_of.date().toPython()
        issued = self.issued.date().toPython()
        path, _ = QFileDialog.getSaveFileName(self, self.export_caption(kind),
                                              self.export_name(as_of, suffix), file_filter)
        if not path:
            return None
        fonts.register()  # into Qt's font database here, on the GUI thread
        known = self.known_figures(as_of)

        def work(progress):
            progress.phase("Đang tính số liệu và soạn báo cáo…")
            sheet = self.build_sheet(progress.store, as_of, issued, figures=known)
            progress.phase(f"Đang dàn trang và ghi tệp {kind}…", 50)
            render(sheet, Path(path), (self.store.path,), progress.check)

        return Operation(self, f"Xuất báo cáo ({kind})", work, store=self.store,
                         done=lambda _r: inform(self, f"Xuất {kind}", f"Đã ghi «{path}».")
                         or True,
                         first_phase="Đang tính số liệu và soạn báo cáo…",
                         failure_title="Không xuất được").start()


class ReportDialog(SheetReportDialog):
    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None, *,
                 service: FiguresService | None = None):
        super().__init__(store, as_of, parent, service=service)
        self.setWindowTitle("In báo cáo tổng hợp")
        self.as_of.dateChanged.connect(self._load_texts)
        self.difficulties = QPlainTextEdit()
        self.directions = QPlainTextEdit()
        for edit in (self.difficulties, self.directions):
            edit.setPlaceholderText("Mỗi đoạn một dòng.")
            edit.setMinimumHeight(110)
        texts = QWidget()
        texts_form = QFormLayout(texts)
        texts_form.addRow("Khó khăn, hạn chế:", self.difficulties)
        texts_form.addRow("Phương hướng, nhiệm vụ:", self.directions)
        self.tabs = QTabWidget()
        self.tabs.addTab(texts, "Khó khăn, phương hướng")
        self.tabs.addTab(self._task_tabs(), "Kết quả theo nhóm nhiệm vụ")
        self.form.addRow(self.tabs)
        self._finish("Các phần nội dung được lưu theo năm của ngày chốt số liệu; phần kết quả "
                     "theo nhóm nhiệm vụ được soạn sẵn từ các hoạt động của năm, chỉ lưu khi "
                     "đã sửa. Số văn bản, người ký và nơi nhận sửa trong Công cụ → Cài đặt.",
                     780, 620)
        self._load_texts()

    def _task_tabs(self) -> QTabWidget:
        """One editor per task group of the plan, with a button to regenerate it."""
        tabs = QTabWidget()
        self.task_edits: dict[str, QPlainTextEdit] = {}
        self.task_generated: dict[str, str] = {}
        for code, title in yearly_work.task_groups():
            page = QWidget()
            layout = QVBoxLayout(page)
            label = QLabel(f"{code}. {title}")
            label.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setPlaceholderText("Mỗi đoạn một dòng.")
            reset = QPushButton("Soạn lại từ các hoạt động")
            reset.clicked.connect(lambda _c=False, c=code: self.regenerate(c))
            layout.addWidget(label)
            layout.addWidget(edit)
            layout.addWidget(reset)
            tabs.addTab(page, code)
            self.task_edits[code] = edit
        return tabs

    def regenerate(self, code: str) -> None:
        self.task_edits[code].setPlainText(self.task_generated.get(code, ""))

    def _year(self) -> int:
        return self.as_of.date().year()

    def _load_texts(self) -> None:
        s = self.store.settings()
        year = self._year()
        self.difficulties.setPlainText(s.get(content.text_key("difficulties", year)) or "")
        self.directions.setPlainText(s.get(content.text_key("directions", year)) or "")
        for group, generated, text in yearly_work.task_texts(self.store,
                                                             self.as_of.date().toPython()):
            self.task_generated[group.code] = generated
            self.task_edits[group.code].setPlainText(text)

    def text_values(self) -> dict[str, str]:
        year = self._year()
        values = {content.text_key("difficulties", year): self.difficulties.toPlainText(),
                  content.text_key("directions", year): self.directions.toPlainText()}
        for code, edit in self.task_edits.items():
            text = edit.toPlainText().strip()
            # unedited: nothing kept, so the wording follows the activities entered later
            kept = "" if text == self.task_generated.get(code, "").strip() else text
            if kept or self.store.settings().get(yearly_work.task_key(code, year)):
                values[yearly_work.task_key(code, year)] = kept
        return values

    def sheet(self) -> content.Sheet:
        as_of = self.as_of.date().toPython()
        return self.build_sheet(self.store, as_of, self.issued.date().toPython(),
                                figures=self.known_figures(as_of))

    def build_sheet(self, store: Store, as_of: dt.date, issued: dt.date, *,
                    figures: Figures | None = None) -> content.Sheet:
        return content.build(store, as_of, issued, figures=figures)

    def render_xlsx(self, sheet, path: Path, protect: tuple[Path, ...], check) -> None:
        xlsx.render(sheet, path, protect, check)


def show_print_preview(parent: QWidget | None, store: Store, as_of: dt.date,
                       service: FiguresService | None = None) -> None:
    ReportDialog(store, as_of, parent, service=service).exec()


def show_sheet_preview(parent: QWidget | None, sheet, title: str) -> None:
    """Print preview (and printing) of a list sheet of report/sections.py."""
    dialog = PrintPreview(_printer(), parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda device: document.render(sheet, device))
    dialog.resize(900, 1000)
    dialog.exec()
