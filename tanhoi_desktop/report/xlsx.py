"""The summary sheet as .xlsx, formatted for printing: Times New Roman 13, borders, merged
header cells, A4, fit to page width, table header rows repeated on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break

from ..safety import output, sheets
from ..store import Store
from . import content, period, sections
from .content import Sheet, Table
from .parts import MOTTO, NATIONAL_TITLE
from .written import DOTS
from .xlsx_chart import write_chart
from .xlsx_style import BOX, FONT

COLUMNS = 7  # the widest table (units) has seven columns
WIDTHS = (6, 30, 12, 12, 12, 34, 14)


class _Writer:
    def __init__(self, ws):
        self.ws = ws
        self.row = 1
        # A table cell's style (font, alignment, border) by (bold, align), taken from the
        # first cell styled so: openpyxl hashes a style object anew at every assignment,
        # which was most of a province report's time (3 assignments x 40,000 cells).
        self._styles: dict[tuple[bool, str], StyleArray] = {}

    def line(self, text: str, *, bold=False, italic=False, size=13, align="left",
             first=1, last=COLUMNS, height: float | None = None) -> None:
        ws = self.ws
        cell = ws.cell(self.row, first)
        sheets.put_text(cell, text)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        if last > first:
            merge_row(ws, self.row, first, last)
        if height:
            ws.row_dimensions[self.row].height = height

    def next(self, n: int = 1) -> None:
        self.row += n

    def table(self, t: Table, bold_last: bool = False) -> tuple[int, int]:
        """Writes the table; returns (header row, last row)."""
        self.line(t.title, bold=True)
        self.next()
        spans = _spans(t)
        header_row = self.row
        for (first, last), text in zip(spans, t.headers, strict=True):
            self._cell(first, last, text, bold=True, align="center")
        self._fit_height(spans, t.headers)
        self.next()
        rows = t.rows or [[t.empty] + [""] * (len(t.headers) - 1)]
        for n, row in enumerate(rows):
            bold = n in t.bold_rows or (bold_last and n == len(rows) - 1)
            for i, ((first, last), text) in enumerate(zip(spans, row, strict=True)):
                self._cell(first, last, text, bold=bold,
                           align="right" if i in t.numeric else "left")
            self._fit_height(spans, row)
            self.next()
        return header_row, self.row - 1

    def _fit_height(self, spans: list[tuple[int, int]], texts: list[str]) -> None:
        """Row height for wrapped text: spreadsheet programs do not grow rows by
        themselves when a file is opened, so the text would be cut off."""
        lines = 1
        for (first, last), text in zip(spans, texts, strict=True):
            width = sum(WIDTHS[c - 1] for c in range(first, last + 1))
            lines = max(lines, -(-len(str(text)) * 11 // (width * 10)))  # ceil
        self.ws.row_dimensions[self.row].height = 17 * lines

    def _cell(self, first: int, last: int, text: str, bold=False, align="left") -> None:
        ws = self.ws
        value: str | int = text
        if align == "right" and text.isdigit():
            value = int(text)
        cell = ws.cell(self.row, first)
        if isinstance(value, str):
            sheets.put_text(cell, value)
        else:
            cell.value = value
        self._style(cell, bold, align)
        for col in range(first + 1, last + 1):
            self._style(ws.cell(self.row, col), None, "")
        if last > first:
            merge_row(ws, self.row, first, last)


    def _style(self, cell, bold: bool | None, align: str) -> None:
        """A table cell's font, alignment and border (`bold` None: the border alone, for
        the cells a merge covers)."""
        key = (bool(bold), align if bold is not None else "")
        known = self._styles.get(key)
        if known is not None:
            cell._style = copy(known)  # openpyxl's own way to give a cell another's style
            return
        if bold is not None:
            cell.font = Font(name=FONT, size=12, bold=bold)
            cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        cell.border = BOX
        self._styles[key] = copy(cell._style)


def merge_row(ws, row: int, first: int, last: int) -> None:
    """Merge columns first..last of one row, as ws.merge_cells does, without its check of
    the new range against every range merged before (a linear scan per merge: a
    province's 11,000-row report spent 50 s there). The writer merges each row once,
    and rows never overlap, so the check can never find anything."""
    merged = MergedCellRange(ws, CellRange(min_col=first, min_row=row, max_col=last,
                                           max_row=row).coord)
    ws.merged_cells.ranges.add(merged)
    ws._clean_merge_range(merged)  # the merged cells' placeholders and borders


def _spans(t: Table) -> list[tuple[int, int]]:
    """Spread a table's columns over the sheet's seven: its widest column takes the rest."""
    n = len(t.headers)
    widest = t.widths.index(max(t.widths))
    spans, col = [], 1
    for i in range(n):
        width = 1 + (COLUMNS - n if i == widest else 0)
        spans.append((col, col + width - 1))
        col += width
    return spans


def _section(w: _Writer, section: sections.Section) -> list[tuple[int, int]]:
    """A section of report/sections.py; returns its tables' (header row, last row)."""
    if section.title:
        w.line(section.title, bold=True, align="center" if section.centred else "left")
        w.next()
    for paragraph in section.paragraphs:
        for line in paragraph.splitlines():
            w.line(line, height=max(18, 18 * (len(line) // 90 + 1)))
            w.next()
    if section.blank:

        for _line in range(section.blank):
            w.line(DOTS, height=22)
            w.next()
    out = []
    for t in section.tables:
        out.append(w.table(t, bold_last=section.bold_last))
    if section.note:
        w.line(section.note, italic=True, size=12,
               height=max(18, 18 * (len(section.note) // 90 + 1)))
        w.next()
    if section.chart is not None:  # a native line chart over a table of its values

        out.append(write_chart(w, section))
    if section.tables or section.note:
        w.next()
    return out


def render(sheet: Sheet, path: Path, protect: tuple[Path, ...] = (),
           check: Callable[[], None] | None = None) -> None:
    """Written beside `path`, checked, then put in place (see safety.output). `check()`
    runs before that: what it raises (a cancel) leaves nothing written."""
    with sheets.saving(), output.replacing(path, output.verify_xlsx, protect) as tmp:
        _workbook(sheet).save(tmp)
        if check is not None:
            check()


def _new() -> tuple[Workbook, _Writer]:
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return wb, _Writer(ws)


def _letterhead(w: _Writer, sheet) -> None:
    """The two-column header, then the document type and the summary line. Line by line:
    the parent body (if any, not bold) and the issuing body's lines on the left, Quốc
    hiệu and Tiêu ngữ on the right."""
    left = [(sheet.parent_body, False)] if sheet.parent_body else []
    left += [(line, True) for line in sheet.issuing_body.splitlines()]
    right = [(NATIONAL_TITLE, 12), (MOTTO, 13)]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            w.line(left[i][0], bold=left[i][1], size=12, align="center", first=1, last=3)
        if i < len(right):
            w.line(right[i][0], bold=True, size=right[i][1], align="center", first=4,
                   last=7)
        w.next()
    w.next()
    w.line(sheet.number, align="center", first=1, last=3)
    w.line(sheet.place_date, italic=True, align="center", first=4, last=7)
    w.next(2)
    w.line(sheet.title, bold=True, size=14, align="center")
    w.next()
    w.line(sheet.summary, bold=True, size=14, align="center", height=40)
    w.next(2)


def _signature(w: _Writer, sheet) -> None:
    w.line("Nơi nhận:", bold=True, italic=True, size=12, first=1, last=3)
    authority = [*sheet.authority, sheet.signer_title]
    for i, text in enumerate(authority):
        w.line(text, bold=True, align="center", first=4, last=7)
        if i < len(sheet.recipients):
            w.line(f"- {sheet.recipients[i]}", size=11, first=1, last=3)
        w.next()
    for recipient in sheet.recipients[len(authority):]:
        w.line(f"- {recipient}", size=11, first=1, last=3)
        w.next()
    w.next(3)
    w.line(sheet.signer_name, bold=True, align="center", first=4, last=7)
    w.next(2)


def _page_setup(ws, repeat: list[tuple[int, int]]) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    # "1 page wide, up to 99 tall": the width decides the scale (0 means "automatic" to
    # Excel, but LibreOffice then squeezes everything onto one page)
    ws.page_setup.fitToHeight = 99
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 20 / 25.4
    # Excel repeats one band of rows per sheet: the header of the longest table.
    if repeat:
        header, _last = max(repeat, key=lambda r: r[1] - r[0])
        ws.print_title_rows = f"{header}:{header}"


def _workbook(sheet: Sheet) -> Workbook:
    wb, w = _new()
    ws = w.ws
    _letterhead(w, sheet)
    w.line(sheet.intro, height=50)
    w.next(2)
    repeat = []
    for table in (sheet.figures, sheet.units, sheet.pool, sheet.training):
        repeat.append(w.table(table))
        if table is sheet.figures:
            # the note names the waived units: as many lines as it needs
            w.line(sheet.figures_note, italic=True, size=12,
                   height=17 * max(4, len(sheet.figures_note) // 95 + 1))
            w.next()
        w.next()
    for section in sheet.tasks:
        repeat += _section(w, section)
    for section in sections.text_titles(sheet):
        _section(w, section)
        w.next()
    _signature(w, sheet)
    for section in sheet.appendix:
        if section.new_page:
            ws.row_breaks.append(Break(id=w.row - 1))
        repeat += _section(w, section)
    _page_setup(ws, repeat)
    return wb


def list_workbook(sheet: sections.ListSheet) -> Workbook:
    """A sheet made of sections (report/sections.py), such as the period report."""
    wb, w = _new()
    _letterhead(w, sheet)
    repeat = []
    for section in sheet.sections:
        repeat += _section(w, section)
    _signature(w, sheet)
    for section in sections.appendix_sections(sheet):  # after the signature, as printed
        if section.new_page:
            w.ws.row_breaks.append(Break(id=w.row - 1))
        repeat += _section(w, section)
    _page_setup(w.ws, repeat)
    return wb


def render_list(sheet: sections.ListSheet, path: Path, protect: tuple[Path, ...] = (),
                check: Callable[[], None] | None = None) -> None:
    with sheets.saving(), output.replacing(path, output.verify_xlsx, protect) as tmp:
        list_workbook(sheet).save(tmp)
        if check is not None:
            check()


def write_xlsx(store: Store, as_of: dt.date, path: Path | str,
               issued: dt.date | None = None) -> None:
    render(content.build(store, as_of, issued), Path(path), protect=(store.path,))


def write_period_xlsx(store: Store, as_of: dt.date, path: Path | str,
                      issued: dt.date | None = None) -> None:
    """The period report (báo cáo giai đoạn) as .xlsx."""

    render_list(period.build(store, as_of, issued), Path(path), protect=(store.path,))
