"""One rendering path for the printer, the preview and the PDF: the sheet as a
QTextDocument laid out on A4 with the margins of Nghị định 30/2020/NĐ-CP, painted page
by page so that page numbers sit centred in the top margin from page 2 on."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)

from . import chart, fonts
from .content import Sheet, Table
from .pagination import lay_out
from .parts import MOTTO, NATIONAL_TITLE
from .sections import ListSheet, Section, all_sections, appendix_sections, body_sections
from .written import DOTS

# Margins in mm: top, bottom 20; left 30; right 15 (print-layout.md).
MARGINS_MM = QMarginsF(30, 20, 15, 20)
BODY_PT = 13
LAYOUT_DPI = 96
EDGE = 0.5  # px: a line that only touches a page's edge belongs to the other page


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def escape(text: str) -> str:
    """The text as rich text, a number and its «%» on one line (not «90,0» / «%»)."""
    return html.escape(text).replace(" %", "\u00a0%")


class _Units:
    """Qt's rich text takes margins and indents in device pixels only."""

    dpi = 96

    @classmethod
    def pt(cls, points: float) -> str:
        return f"{round(points * cls.dpi / 72)}px"

    @classmethod
    def cm(cls, centimetres: float) -> str:
        return f"{round(centimetres * cls.dpi / 2.54)}px"


def _p(text: str, style: str = "", space: float = 6) -> str:
    return (f'<p style="margin-top:{_Units.pt(space)}; margin-bottom:0; {style}">'
            f"{text}</p>")


def _body(text: str) -> str:
    """Justified paragraphs with a 1 cm first-line indent, one per line of `text`."""
    return "".join(_p(escape(line), f"text-align:justify; text-indent:{_Units.cm(1)};")
                   for line in text.splitlines() if line.strip())


def _table(t: Table, bold_last: bool = False, breaks: tuple[int, ...] = (),
           last_only: bool = False) -> str:
    """The table under its title; `breaks` are the rows that start a new page: there the
    table is cut and carries on, under its header again, at the top of the next page.
    `last_only`: its last piece alone."""
    total = sum(t.widths)
    head = "".join(
        f'<th width="{w * 100 // total}%" style="font-size:12pt;">{escape(h)}</th>'
        for h, w in zip(t.headers, t.widths, strict=True))
    rows = []
    for i, row in enumerate(t.rows):
        bold = (bold_last and i == len(t.rows) - 1) or i in t.bold_rows
        cells = []
        for c, value in enumerate(row):
            # An empty cell holds a no-break space: Qt lays the block after a table whose
            # last cell is empty 13 px too high, and a heading there touched the table.
            text = (f"<b>{escape(value)}</b>" if bold else escape(value)) if value else "&nbsp;"
            if c in t.numeric:  # "1234" and "50,0 %" stay on one line, the column widens
                cells.append(f'<td align="right" style="font-size:12pt; white-space:nowrap;">'
                             f"{text}</td>")
            else:
                cells.append(f'<td align="left" style="font-size:12pt;">{text}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="{len(t.headers)}" style="font-size:12pt;">'
                    f"{escape(t.empty)}</td></tr>")
    # <thead> makes Qt repeat the header row at the top of every page the table spans.
    # Separate solid borders, not border-collapse: collapsing makes Qt's page painting
    # four times slower on a province-sized list, for lines 0,26 mm thinner.
    pieces = []
    starts = [b for b in breaks if b > 0]
    for start, end in zip((0, *starts), (*starts, len(rows)), strict=True):
        page_break = "page-break-before:always; " if start else ""
        pieces.append(
            '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
            f'style="{page_break}border-style:solid; border-color:#000; '
            f'margin-top:{_Units.pt(4)};">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows[start:end])}</tbody>"
            "</table>")
    if last_only:
        return pieces[-1]
    # A break before the first row moves the title too: a title never ends a page.
    title_break = "page-break-before:always;" if 0 in breaks else ""
    return _p(f"<b>{escape(t.title)}</b>", title_break, space=10) + "".join(pieces)


def _header(sheet: Sheet) -> str:
    six = _Units.pt(6)
    # no parent body (an Ủy ban nhân dân): the issuing body starts level with Quốc hiệu
    parent = (f'<p align="center" style="font-size:12pt;">{escape(sheet.parent_body)}</p>'
              if sheet.parent_body else "")
    issuing = "<br/>".join(escape(line) for line in sheet.issuing_body.splitlines())
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        '<td width="46%" align="center" valign="top">'
        f"{parent}"
        f'<p align="center" style="font-size:12pt;"><b>{issuing}</b></p>'
        '<hr width="24%"/>'
        f'<p align="center" style="font-size:13pt; margin-top:{six};">'
        f"{escape(sheet.number)}</p></td>"
        '<td width="54%" align="center" valign="top">'
        '<p align="center" style="font-size:12pt;">'
        f"<b>{NATIONAL_TITLE}</b></p>"
        f'<p align="center" style="font-size:13pt;"><b>{MOTTO}</b></p>'
        '<hr width="58%"/>'
        f'<p align="center" style="font-size:13pt; margin-top:{six};"><i>'
        f"{escape(sheet.place_date)}</i></p></td></tr></table>")


def _signature(sheet: Sheet) -> str:
    recipients = "".join(f'<p style="font-size:11pt; margin:0;">- {escape(r)}</p>'
                         for r in sheet.recipients)
    authority = "".join(f'<p align="center" style="font-size:13pt; margin:0;"><b>{escape(a)}'
                        "</b></p>" for a in [*sheet.authority, sheet.signer_title])
    blank = '<p style="margin:0;">&nbsp;</p>' * 4  # room for the signature and the seal
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" '
        f'style="margin-top:{_Units.pt(14)};">'
        '<tr><td width="45%" valign="top">'
        '<p style="font-size:12pt; margin:0;"><b><i>Nơi nhận:</i></b></p>'
        f"{recipients}</td>"
        f'<td width="55%" valign="top" align="center">{authority}{blank}'
        f'<p align="center" style="font-size:13pt; margin:0;"><b>{escape(sheet.signer_name)}'
        "</b></p></td></tr></table>")


def _section(section: Section, breaks: dict[int, tuple[int, ...]], first_table: int,
             wanted: range) -> list[str]:
    """The section's HTML in pieces; data table k (first_table on) starts piece `k -
    first_table + 1`, so that a document can be rebuilt from a table on (to_html). The
    tables not `wanted` are left empty (to_html does not keep them)."""
    out = []
    if section.title:
        style = "page-break-before:always;" if section.new_page else ""
        if section.centred:
            out.append(f'<p align="center" style="{style} margin-top:{_Units.pt(10)}; '
                       f'margin-bottom:0;"><b>{escape(section.title)}</b></p>')
        else:
            out.append(_p(f"<b>{escape(section.title)}</b>", style, space=10))
    for text in section.paragraphs:
        out.append(_body(text))
    if section.blank:  # written by hand: dotted lines across the page, no indent

        out.extend(_p(DOTS, "text-align:left;", space=8) for _line in range(section.blank))
    pieces = ["".join(out)]
    for i, t in enumerate(section.tables):
        pieces.append(_table(t, bold_last=section.bold_last,
                             breaks=breaks.get(first_table + i, ()))
                      if first_table + i in wanted else "")
    out = []
    if section.note:
        out.append(_p(f"<i>{escape(section.note)}</i>",
                      f"text-align:justify; text-indent:{_Units.cm(1)}; font-size:12pt;"))
    if section.chart is not None:
        out.append(_figure(section))
    pieces[-1] += "".join(out)
    return pieces


# The chart of a section, as an image at print resolution within the 165 mm between the
# margins (report/chart.py paints it, as in the window).
CHART_MM = (160.0, 78.0)
CHART_DPI = 300
_CHART_URL = "tanhoi-chart:{}"


def _figure(section: Section) -> str:
    width, height = (round(mm / 25.4 * _Units.dpi) for mm in CHART_MM)
    # in a frame of its own, centred, the caption under it
    return (f'<table width="100%" cellspacing="0" cellpadding="0" '
            f'style="margin-top:{_Units.pt(6)};"><tr><td align="center">'
            f'<img src="{_CHART_URL.format(id(section.chart))}" width="{width}" '
            f'height="{height}"/></td></tr></table>'
            + _p(f"<i>{escape(section.caption)}</i>", "text-align:center; font-size:12pt;",
                 space=2))


_images: dict[int, tuple[object, QImage]] = {}  # id(chart) -> (chart, its image)


def _chart_image(chart_data) -> QImage:
    """Painted once per sheet: pagination builds the document several times."""
    cached = _images.get(id(chart_data))
    if cached is None or cached[0] is not chart_data:

        _images.clear()
        image = chart.to_image(chart_data, *CHART_MM, dpi=CHART_DPI, family=fonts.family())
        cached = _images[id(chart_data)] = (chart_data, image)
    return cached[1]


def _sections(sections: list[Section], breaks: dict[int, tuple[int, ...]],
              first_table: int, wanted: range) -> tuple[list[str], int]:
    """HTML pieces: the one before any table, then one from each data table on."""
    out = [""]
    k = first_table
    for section in sections:
        first, *tables = _section(section, breaks, k, wanted)
        out[-1] += first
        out.extend(tables)
        k += len(section.tables)
    return out, k


def to_html(sheet: Sheet | ListSheet, breaks: dict[int, tuple[int, ...]] | None = None,
            from_table: int | None = None, until: int | None = None) -> str:
    """The sheet as Qt rich text; `breaks[k]`: where data table k starts new pages.
    With `from_table`, only what follows the title of that data table, the title too;
    with `until`, only what comes before the title of that one."""
    breaks = breaks or {}
    title = (
        f'<p align="center" style="font-size:14pt; margin-top:{_Units.pt(18)};"><b>'
        f"{escape(sheet.title)}</b></p>"
        f'<p align="center" style="font-size:14pt; margin-top:{_Units.pt(2)};"><b>'
        f"{escape(sheet.summary)}</b></p>"
        '<hr width="22%"/>')
    # only the tables kept are written (the pagination asks for one at a time)
    wanted = range(from_table or 0, 1 << 30 if until is None else until)
    body, k = _sections(body_sections(sheet), breaks, 0, wanted)
    appendix, _k = _sections(appendix_sections(sheet), breaks, k, wanted)
    body[0] = _header(sheet) + title + body[0]
    body[-1] += _signature(sheet) + appendix[0]
    pieces = [*body, *appendix[1:]]
    return "".join(pieces[0 if from_table is None else from_table + 1:
                          None if until is None else until + 1])


# Ends a document made up to a table's title, to be replaced by the rest (SheetParts).
_PLACEHOLDER = "<p>&nbsp;</p>"


def _new_document(sheet: Sheet | ListSheet, dpi: int) -> QTextDocument:
    _Units.dpi = dpi
    doc = QTextDocument()
    font = QFont(fonts.family())
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    for section in [*body_sections(sheet), *appendix_sections(sheet)]:
        if section.chart is not None:
            doc.addResource(QTextDocument.ResourceType.ImageResource,
                            QUrl(_CHART_URL.format(id(section.chart))),
                            _chart_image(section.chart))
    doc.setUndoRedoEnabled(False)  # the pagination edits it: nothing to undo, no copies kept
    return doc


def build_document(sheet: Sheet | ListSheet, dpi: int = 96,
                   breaks: dict[int, tuple[int, ...]] | None = None,
                   until: int | None = None) -> QTextDocument:
    """The sheet's document; with `until`, only up to the title of that data table, then
    a placeholder block (SheetParts)."""
    doc = _new_document(sheet, dpi)
    doc.setHtml(to_html(sheet, breaks, until=until) + (_PLACEHOLDER if until is not None
                                                        else ""))
    return doc


def replace_from(doc: QTextDocument, sheet: Sheet | ListSheet, dpi: int,
                 breaks: dict[int, tuple[int, ...]], table: int, position: int,
                 until: int | None = None) -> None:
    """`doc` as build_document makes it with `breaks`, from `position` (where the title of
    data table `table` starts, or a placeholder) on, up to the title of data table
    `until` and a placeholder if given: what is before it stays, and so does its layout."""
    _Units.dpi = dpi
    tail = to_html(sheet, breaks, table, until) + (_PLACEHOLDER if until is not None else "")
    # The first paragraph inserted joins the block left at `position`, whose format it
    # keeps: that block is first given the format the HTML gives the paragraph.
    title = QTextDocument()
    title.setDefaultFont(doc.defaultFont())
    title.setDocumentMargin(0)
    title.setHtml(tail[:tail.index("</p>") + len("</p>")])
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one layout of the new end, when it is all in place
    cursor.setPosition(position)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setBlockFormat(title.begin().blockFormat())
    cursor.setBlockCharFormat(title.begin().charFormat())
    cursor.insertHtml(tail)
    cursor.endEditBlock()


class SheetParts:
    """The parts of the sheet that pagination.lay_out asks for, on `device`."""

    def __init__(self, sheet: Sheet | ListSheet, dpi: int,
                 device: QPagedPaintDevice | None = None, page: QSizeF | None = None):
        self.sheet, self.dpi, self.device, self.page = sheet, dpi, device, page

    def _on_device(self, doc: QTextDocument) -> QTextDocument:
        return _on_device(doc, self.device) if self.device is not None else doc

    def beginning(self, until: int) -> QTextDocument:
        return self._on_device(build_document(self.sheet, self.dpi, None, until))

    def replace(self, doc: QTextDocument, breaks: dict[int, tuple[int, ...]], table: int,
                position: int, until: int | None) -> None:
        replace_from(doc, self.sheet, self.dpi, breaks, table, position, until)

    def last_piece(self, table: int, cuts: tuple[int, ...]) -> QTextDocument:
        k = 0
        for section in all_sections(self.sheet):
            for t in section.tables:
                if k == table:
                    doc = self._on_device(_new_document(self.sheet, self.dpi))
                    doc.setHtml(_table(t, section.bold_last, cuts, last_only=True))
                    doc.setPageSize(self.page)
                    return doc
                k += 1
        raise IndexError(table)


def _on_device(doc: QTextDocument, device: QPagedPaintDevice) -> QTextDocument:
    """Lay out with the printer's or PDF writer's font metrics, not the screen's."""
    doc.documentLayout().setPaintDevice(device)
    return doc


def _black_palette() -> QPalette:
    """Rules and text in black, whatever the desktop's colour theme."""
    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.Dark,
                 QPalette.ColorRole.WindowText, QPalette.ColorRole.Mid):
        palette.setColor(role, QColor("black"))
    return palette


def _split_blocks(doc: QTextDocument, page_height: float) -> list[tuple[QTextBlock, QPointF]]:
    """The paragraphs that run over a page end, each with where its lines are measured
    from. Qt draws a paragraph that reaches into a page with the line before the page
    too (hidden by the clip, yet in the PDF's text): these are drawn line by line."""
    layout = doc.documentLayout()
    out = []
    block = doc.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount() > 1:
            origin = layout.blockBoundingRect(block).topLeft()
            first = lines.lineAt(0)
            last = lines.lineAt(lines.lineCount() - 1)
            if int((origin.y() + first.y() + EDGE) // page_height) != \
                    int((origin.y() + last.y() + EDGE) // page_height):
                out.append((block, origin))
        block = block.next()
    return out


def _draw_page(doc: QTextDocument, painter: QPainter,
               context: QAbstractTextDocumentLayout.PaintContext,
               split: list[tuple[QTextBlock, QPointF]], page: int, page_height: float) -> None:
    """Page `page` of the laid-out document: the paragraphs cut by a page end line by line
    (only their lines on this page), the rest as Qt draws it."""
    for block, _origin in split:
        block.setVisible(False)  # a flag read when drawing: the layout stays as it is
    try:
        doc.documentLayout().draw(painter, context)
    finally:
        for block, _origin in split:
            block.setVisible(True)
    painter.setPen(context.palette.color(QPalette.ColorRole.Text))
    for block, origin in split:
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if int((origin.y() + line.y() + EDGE) // page_height) == page:
                line.draw(painter, origin)


def render(sheet: Sheet | ListSheet, device: QPagedPaintDevice,
           laid_out: Callable[[int], None] | None = None,
           painted: Callable[[int, int], None] | None = None) -> int:
    """Paint the sheet on a PDF writer or a printer; returns the number of pages.
    `laid_out(pages)` is called once the pages are known, `painted(page, pages)` after
    each page (a child process's progress, report/child.py)."""
    device.setPageLayout(page_layout())
    if device.logicalDpiY() != LAYOUT_DPI and hasattr(device, "setResolution"):
        # Qt's rich text scales some spacing with the resolution and not the rest: at
        # 96 dpi the printed page is the PDF's (a print dialog may have set 600 dpi).
        device.setResolution(LAYOUT_DPI)
    resolution = device.logicalDpiY()

    layout = device.pageLayout()
    body = layout.paintRectPixels(resolution)
    full = layout.fullRectPixels(resolution)
    doc = lay_out(sheet, lambda breaks: _on_device(build_document(sheet, resolution, breaks),
                                                   device),
                  resolution, body.width(), body.height(),
                  parts=SheetParts(sheet, resolution, device,
                                   QSizeF(body.width(), body.height())))
    pages = doc.pageCount()
    if laid_out is not None:
        laid_out(pages)
    split = _split_blocks(doc, body.height())
    palette = _black_palette()
    painter = QPainter()
    if not painter.begin(device):  # a file that cannot be opened: stop, do not paint on
        raise OSError("không mở được tệp hoặc máy in để ghi")
    try:
        number_font = QFont(QFont(fonts.family()), device)
        number_font.setPointSizeF(BODY_PT)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            visible = QRectF(0, page * body.height(), body.width(), body.height())
            # Qt draws every line that touches the clip, and a PDF keeps the text of what
            # the clip hides: the line that starts the next page (or ends the one before)
            # went into this page's text, invisible. What is drawn is what shows.
            context.clip = visible.adjusted(0, EDGE, 0, -EDGE)
            context.palette = palette
            painter.setClipRect(visible)
            _draw_page(doc, painter, context, split, page, body.height())
            painter.restore()
            if page:  # page numbers from page 2, centred in the top margin
                painter.setFont(number_font)
                top = body.top() - full.top()
                painter.drawText(QRectF(0, -top, body.width(), top),
                                 Qt.AlignmentFlag.AlignCenter, str(page + 1))
            if painted is not None:
                painted(page + 1, pages)
    finally:
        painter.end()
    return pages
