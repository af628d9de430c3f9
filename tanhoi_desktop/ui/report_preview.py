"""The report dialog: the year's written sections (kept in the data file, never lost by a
change of date or by closing) and the wording of each task group's results, prefilled
from the year's activities; then print preview,
printing, PDF or Excel. Preview, printer and PDF share document.render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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
from ..report import child, content, document, fonts, written, xlsx, yearly_work
from ..store import Store, StoreError
from ..store.report_texts import year_report
from .common import ask, inform, tell
from .date_field import DateField
from .file_places import ask_save_path
from .operations import Operation
from .screen_fit import FitsScreen
from .undo import remember_values


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


def _date_edit(day: dt.date) -> DateField:
    return DateField(day, required=True)


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

    def written_edits(self, titles: dict[str, str]) -> dict[str, QPlainTextEdit]:
        """One editor per written section (report/written.py), in print order."""
        edits = {}
        for key in written.ORDER:
            edit = QPlainTextEdit()
            edit.setObjectName(f"text_{key}")
            edit.setPlaceholderText("Mỗi đoạn một dòng. Để trống: khi in là các dòng chấm "
                                    "để viết tay.")
            edit.setMinimumHeight(70)
            edit.setAccessibleName(titles[key])
            edits[key] = edit
        return edits

    # What a subclass says: its texts, its sheet, its writers and file names.
    def report_key(self) -> str:
        """Which report the written sections belong to: "2026", or "2026-2030"."""
        raise NotImplementedError

    def written_texts(self) -> dict[str, str]:
        """Section key -> what is typed in its editor now."""
        return {key: edit.toPlainText() for key, edit in self.texts.items()}

    def text_values(self) -> dict[str, str]:
        """Settings kept with the texts (the yearly report's task wordings)."""
        return {}

    def build_sheet(self, store: Store, as_of: dt.date, issued: dt.date):
        """The report's content, read through `store` (the worker's, for an output)."""
        raise NotImplementedError

    def render_xlsx(self, sheet, path: Path, protect: tuple[Path, ...], check) -> None:
        raise NotImplementedError

    def sheet(self):
        return self.build_sheet(self.store, self.as_of.date(),
                                self.issued.date())

    def known_figures(self, as_of: dt.date) -> Figures | None:
        """The figures on `as_of` the window has already (None: computed with the sheet)."""
        shown = self.service.result(DAY, as_of) if self.service is not None else None
        return shown.figures if isinstance(shown, DayFigures) else None

    def export_caption(self, kind: str) -> str:
        return f"Xuất báo cáo {kind}"

    def export_name(self, as_of: dt.date, suffix: str) -> str:
        return f"bao-cao-2282-{as_of:%Y%m%d}.{suffix}"

    def save_texts(self) -> bool:
        """What is typed goes into the data file (per report, with who and when)."""
        if self.store.read_only:
            return True

        key, store = self.report_key(), self.store
        texts, settings = store.texts.for_report(key), store.settings.read()
        try:
            store.texts.save(key, self.written_texts())
            values = self.text_values()
            if values:
                store.settings.save(values)
        except StoreError as exc:
            tell(self, "Không lưu được", exc.message)
            return False
        # each a step of Sửa → Hoàn tác
        remember_values(self, f"sửa nội dung báo cáo {key}", lambda: store.texts.for_report(key),
                        lambda v: store.texts.save(key, v), texts)
        remember_values(self, "sửa nội dung báo cáo (cài đặt)", store.settings.read,
                        store.settings.save, settings)
        return True

    def done(self, result: int) -> None:
        # closing the dialog (Đóng, Esc, the window's cross) keeps what was typed
        self.save_texts()
        super().done(result)

    def ready_to_print(self) -> bool:
        """The texts saved; with sections still empty, the user agrees to print them as
        dotted lines to write on by hand (or goes back to write them)."""
        if not self.save_texts():
            return False
        empty = [self.titles[k] for k in written.ORDER
                 if not self.written_texts()[k].strip()]
        if not empty:
            return True
        listed = "\n".join(f"- {title}" for title in empty)
        return ask(self, "Còn phần chưa viết",
                   f"Các phần sau chưa có nội dung:\n{listed}\n\nKhi in, mỗi phần này chỉ có "
                   "tiêu đề và các dòng chấm để viết tay.",
                   yes="Vẫn in, xuất", no="Quay lại viết")

    def preview(self) -> None:
        if self.ready_to_print():
            show_sheet_preview(self, self.sheet(), self.preview_title)

    whole_period = False  # which report the `print` command makes (--period)

    def export_pdf(self) -> Operation | None:
        """The PDF made by a child process (report/child.py): the window never lays out
        the document, which held it for seconds at a province's size. The texts are in
        the data file by then (ready_to_print), where the child reads them."""
        path = self._ask_target("PDF", "pdf", "Tệp PDF (*.pdf)")
        if path is None:
            return None
        db, as_of, issued = self.store.path, self.as_of.date(), self.issued.date()
        whole_period = self.whole_period

        def work(progress):
            child.write_report_pdf(db, path, as_of, issued, whole_period=whole_period,
                                   progress=progress.phase, check=progress.check)

        return self._run_export("PDF", path, work, store=None)

    def export_xlsx(self) -> Operation | None:
        """The Excel report on a worker (openpyxl is Python: it lets the window run)."""
        path = self._ask_target("Excel", "xlsx", "Tệp Excel (*.xlsx)")
        if path is None:
            return None
        as_of, issued = self.as_of.date(), self.issued.date()
        known = self.known_figures(as_of)
        fonts.register()  # into Qt's font database here, on the GUI thread

        def work(progress):
            progress.phase("Đang tính số liệu và soạn báo cáo…")
            sheet = self.build_sheet(progress.store, as_of, issued, figures=known)
            progress.phase("Đang ghi tệp Excel…", 50)
            self.render_xlsx(sheet, path, (self.store.path,), progress.check)

        return self._run_export("Excel", path, work, store=self.store)

    def _ask_target(self, kind: str, suffix: str, file_filter: str) -> Path | None:
        """The texts saved (and empty sections agreed to), then where to write."""
        if not self.ready_to_print():
            return None
        return ask_save_path(self, self.export_caption(kind),
                             self.export_name(self.as_of.date(), suffix), file_filter,
                             self.store.path)

    def _run_export(self, kind: str, path: Path, work, store: Store | None) -> Operation:
        """The export on a worker (ui/operations), with its progress; a cancel leaves no
        file."""
        return Operation(self, f"Xuất báo cáo ({kind})", work, store=store,
                         done=lambda _r: inform(self, f"Xuất {kind}", f"Đã ghi «{path}».")
                         or True,
                         first_phase="Đang tính số liệu và soạn báo cáo…",
                         failure_title="Không xuất được").start()


class ReportDialog(SheetReportDialog):
    def __init__(self, store: Store, as_of: dt.date, parent: QWidget | None = None, *,
                 service: FiguresService | None = None):
        super().__init__(store, as_of, parent, service=service)
        self.setWindowTitle("In báo cáo tổng hợp")
        self.titles = written.YEARLY_TITLES
        self.texts = self.written_edits(self.titles)
        texts = QWidget()
        texts_form = QFormLayout(texts)
        for key, edit in self.texts.items():
            texts_form.addRow(f"{self.titles[key]}:", edit)
        self.tabs = QTabWidget()
        self.tabs.addTab(texts, "Đánh giá, phương hướng, kiến nghị")
        self.tabs.addTab(self._task_tabs(), "Kết quả theo nhóm nhiệm vụ")
        self.form.addRow(self.tabs)
        self._finish("Các phần nội dung được lưu vào tệp dữ liệu theo năm của ngày chốt số "
                     "liệu (ghi người sửa, thời điểm sửa); phần kết quả theo nhóm nhiệm vụ "
                     "được soạn sẵn từ các hoạt động của năm, chỉ lưu khi đã sửa. Số văn bản, "
                     "số và ngày kế hoạch, người ký, nơi nhận sửa trong Công cụ → Cài đặt.",
                     780, 660)
        self.loaded_year = self._year()
        self._load_texts()
        self.as_of.dateChanged.connect(self._date_changed)

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
        return self.as_of.date().year

    def report_key(self) -> str:
        return year_report(self.loaded_year)

    def _date_changed(self) -> None:
        """Another day of the same year keeps what is typed; another year first keeps the
        typed texts in the data file for their year, then shows the new year's."""
        if self._year() != self.loaded_year:
            self.save_texts()
            self.loaded_year = self._year()
            self._load_texts()
            return
        # the same year: an unedited task wording follows what is done on the new date
        for group, generated, _text in yearly_work.task_texts(self.store,
                                                              self.as_of.date()):
            edit = self.task_edits[group.code]
            if edit.toPlainText().strip() == self.task_generated.get(group.code, "").strip():
                edit.setPlainText(generated)
            self.task_generated[group.code] = generated

    def _load_texts(self) -> None:
        typed = written.yearly_texts(self.store, self.loaded_year)
        for key, edit in self.texts.items():
            edit.setPlainText(typed.get(key, ""))
        for group, generated, text in yearly_work.task_texts(self.store,
                                                             self.as_of.date()):
            self.task_generated[group.code] = generated
            self.task_edits[group.code].setPlainText(text)

    def text_values(self) -> dict[str, str]:
        year = self.loaded_year
        values = {}
        for code, edit in self.task_edits.items():
            text = edit.toPlainText().strip()
            # unedited: nothing kept, so the wording follows the activities entered later
            kept = "" if text == self.task_generated.get(code, "").strip() else text
            if kept or self.store.settings.read().get(yearly_work.task_key(code, year)):
                values[yearly_work.task_key(code, year)] = kept
        return values

    def sheet(self) -> content.Sheet:
        as_of = self.as_of.date()
        return self.build_sheet(self.store, as_of, self.issued.date(),
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
