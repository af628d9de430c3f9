"""Pages that read well: no heading alone at the foot of a page, no table row cut in two.

Qt's rich text splits a table row whose text runs past the end of a page (half of a
name on each page) and has no keep-with-next. So the document is laid out, looked at,
and changed: a heading that would end a page starts the next one, and every table is
cut where a page ends, each piece carrying on at the top of the next page under its
header again (document.to_html `breaks`). Row heights come from one unpaginated layout;
the paginated one is then checked, and a piece that still breaks is cut again. Given the
sheet's parts (document.SheetParts), the paginated document is made one table at a time,
as far as a round looks, instead of whole for every round."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument, QTextTable

from .content import Sheet
from .sections import ListSheet, data_tables, section_headings
from .written import DOTS

# Builds the sheet's document with tables cut at `breaks` (document.build_document, on the
# device whose font metrics count): this module only receives it, it does not import it.
Build = Callable[[dict[int, tuple[int, ...]] | None], QTextDocument]
PLACEHOLDER_TEXT = "\xa0"  # the block that ends a document made up to a table's title


class Parts(Protocol):
    """Documents of part of the sheet, on the device whose font metrics count
    (document.SheetParts)."""

    def beginning(self, until: int) -> QTextDocument:
        """The sheet uncut up to the title of data table `until`, then a placeholder."""

    def replace(self, doc: QTextDocument, breaks: dict[int, tuple[int, ...]], table: int,
                position: int, until: int | None) -> None:
        """What follows `position` (where the title of data table `table` starts, or the
        placeholder) becomes the sheet from that table on, cut at `breaks`: up to the
        title of table `until`, then a placeholder; to its end if None."""

    def last_piece(self, table: int, cuts: tuple[int, ...]) -> QTextDocument:
        """Data table `table` cut at `cuts`: its last piece alone, on its own page."""


MAX_ROUNDS = 8
# In pixels at 96 dpi (scaled to the device's resolution):
SLACK = 12.0  # a row must end this far above the end of the page to stay on it
ROOM_LEFT = 24.0  # more than this left under a piece whose next row fits: cut again
LEAD = 12.0  # from the top of a page to a table piece's header row
_ALWAYS_BEFORE = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore


def headings(sheet: Sheet | ListSheet) -> set[str]:
    """The lines that must stay on the same page as what follows them."""
    return {t.title for t in data_tables(sheet)} | section_headings(sheet)


def keep_headings_with_next(doc: QTextDocument, titles: set[str], page_height: float) -> None:
    """No orphaned heading: a heading that would end a page starts the next one."""
    _Headings(doc, titles, page_height).walk()


class _Headings:
    """Moves headings that would end a page, walking the document in order (a move changes
    only what follows it) as far as asked: the pagination looks at a table only once the
    headings before it are settled. Remembers what it moved, for a document whose end is
    then replaced."""

    MOST = 20  # moves in one document: each pushes later ones, a few settle it

    def __init__(self, doc: QTextDocument, titles: set[str], page_height: float):
        self.doc, self.titles, self.page_height = doc, titles, page_height
        self.layout = doc.documentLayout()
        self.moved: dict[int, QTextBlockFormat.PageBreakFlag] = {}  # position: old policy
        self.next = 0  # the position of the next block to look at

    def _page_of(self, block) -> int:
        return int(self.layout.blockBoundingRect(block).top() // self.page_height)

    def _first_line_page(self, block) -> int:
        """Where the block's first line ends: a paragraph that starts at the foot of a
        page has its first line pushed to the next one."""
        top = self.layout.blockBoundingRect(block).top()
        lines = block.layout()
        bottom = top + (lines.lineAt(0).rect().bottom() if lines.lineCount() else 0)
        return int(max(bottom - 1, top) // self.page_height)

    def walk(self, until: int | None = None) -> None:
        """Settle the headings that start before position `until` (all by default)."""
        block = self.doc.findBlock(self.next)
        while block.isValid() and (until is None or block.position() < until):
            following = block.next()
            # a heading followed by headings (4. then 4.1.) stays with what they head
            content = following
            while content.isValid() and content.text() in self.titles:
                content = content.next()
            if (len(self.moved) < self.MOST and block.text() in self.titles
                    and content.isValid()
                    and block.blockFormat().pageBreakPolicy() != _ALWAYS_BEFORE
                    and self._page_of(block) != self._first_line_page(content)):
                fmt = block.blockFormat()
                self.moved[block.position()] = fmt.pageBreakPolicy()
                fmt.setPageBreakPolicy(_ALWAYS_BEFORE)
                cursor = QTextCursor(block)
                cursor.beginEditBlock()  # one layout of what follows, not two
                cursor.setBlockFormat(fmt)
                # Qt's incremental relayout after a format change can leave later blocks
                # unlaid (no height, not painted) once table cells are queried: redo it
                self.doc.markContentsDirty(block.position(),
                                           self.doc.characterCount() - block.position())
                cursor.endEditBlock()
            block = following
        self.next = block.position() if block.isValid() else self.doc.characterCount()

    def forget_from(self, position: int) -> None:
        """The document from `position` on is about to be replaced: the block before it
        is looked at again (what follows it changes), and so is all after it."""
        before = self.doc.findBlock(position - 1) if position > 0 else self.doc.begin()
        start = before.position()
        if start in self.moved and start < position:  # moved for what followed it
            fmt = before.blockFormat()
            fmt.setPageBreakPolicy(self.moved[start])
            QTextCursor(before).setBlockFormat(fmt)
        self.moved = {p: v for p, v in self.moved.items() if p < start}
        self.next = min(self.next, start)


@dataclass
class _Piece:
    table: int  # index in data_tables(sheet)
    first: int  # the table row (0 = first data row) that the piece starts with
    frame: QTextTable


@dataclass
class _Rows:
    heights: list[float]  # each data row, as laid out without pages
    header: float  # the header row
    title: float  # from the table's title to its header
    gap: float  # from the end of the table before (or the top) to this one's first row
    keep: frozenset[int] = frozenset()  # rows that stay on the page of the row after them
    # a page starts between the table before and this one (the appendix): from the end of
    # the table before to the block that starts it, and from there to this table's first
    # row; None when the two follow on
    before_break: float = 0.0
    after_break: float | None = None


def _frames(doc: QTextDocument) -> list[QTextTable]:
    """The data tables and their pieces, in order (they alone have a header row)."""
    return [f for f in doc.rootFrame().childFrames()
            if isinstance(f, QTextTable) and f.format().headerRowCount() > 0]


def _tops(doc: QTextDocument, frame: QTextTable) -> list[float]:
    """Top of every row of `frame` (header first), then the bottom of the table."""
    layout = doc.documentLayout()
    tops = [layout.blockBoundingRect(frame.cellAt(r, 0).firstCursorPosition().block()).top()
            for r in range(frame.rows())]
    return [*tops, layout.frameBoundingRect(frame).bottom()]


def _row_top(doc: QTextDocument, frame: QTextTable, row: int) -> float:
    """The top of one row (0 = the header), as _tops has it."""
    block = frame.cellAt(row, 0).firstCursorPosition().block()
    return doc.documentLayout().blockBoundingRect(block).top()


def _measure(doc: QTextDocument) -> list[_Rows]:
    layout = doc.documentLayout()
    out = []
    end_before, after = 0.0, 0
    for frame in _frames(doc):
        tops = _tops(doc, frame)
        title = doc.findBlock(frame.firstPosition() - 1)
        while title.isValid() and not title.text().strip():
            title = title.previous()
        title_top = layout.blockBoundingRect(title).top() if title.isValid() else tops[0]
        page_start = None
        block = doc.findBlock(after)
        while block.isValid() and block.position() < frame.firstPosition():
            if block.blockFormat().pageBreakPolicy() & _ALWAYS_BEFORE and after > 0:
                page_start = layout.blockBoundingRect(block).top()
            block = block.next()
        out.append(_Rows([b - a for a, b in pairwise(tops[1:])], tops[1] - tops[0],
                         tops[0] - title_top, tops[1] - end_before,
                         before_break=0.0 if page_start is None else page_start - end_before,
                         after_break=None if page_start is None else tops[1] - page_start))
        end_before, after = tops[-1], frame.lastPosition() + 1
    return out


def _pieces(doc: QTextDocument, sheet: Sheet | ListSheet, breaks: dict[int, tuple[int, ...]],
            count: int | None = None) -> list[list[_Piece]]:
    """For each data table (the first `count` only, if given), its pieces."""
    frames = iter(_frames(doc))
    return [[_Piece(k, first, next(frames))
             for first in (0, *(b for b in breaks.get(k, ()) if b > 0))]
            for k, _table in enumerate(data_tables(sheet)[:count])]


def _misfit(doc: QTextDocument, pieces: list[_Piece], rows: _Rows, page_height: float,
            scale: float) -> tuple[_Piece, int | None] | None:
    """The first piece that does not fit its page (with the row where Qt broke it), or
    that ends early although the next piece's first row would have fitted (None)."""
    for n, piece in enumerate(pieces):
        tops = _tops(doc, piece.frame)
        page = int(tops[0] // page_height)
        for r in range(1, len(tops) - 1):
            if int(tops[r] // page_height) != page or \
                    int((tops[r + 1] - 1) // page_height) != page:
                row = piece.first + r - 1
                if row == piece.first and piece.first > 0:
                    break  # one row taller than a page: Qt has to split it
                return piece, row
        if n + 1 < len(pieces):
            room = (page + 1) * page_height - (SLACK + ROOM_LEFT) * scale - tops[-1]
            if rows.heights[pieces[n + 1].first] < room:
                return piece, None
    return None


def _cut(rows: _Rows, start: int, y: float, page_height: float, lead: float,
         slack: float) -> tuple[list[int], float]:
    """Rows from `start` on, the first one's top at `y`: where each new page begins,
    and where the table ends."""
    cuts = []
    page = int(y // page_height)
    first = start
    for i in range(start, len(rows.heights)):
        h = rows.heights[i]
        if y + h > (page + 1) * page_height - slack and (i > first or i == 0):
            cut = i
            while cut - 1 in rows.keep and cut - 1 > first:  # a group heading goes along
                cut -= 1
            cuts.append(cut)
            page += 1
            y = page * page_height + lead + (rows.title if cut == 0 else 0) + \
                sum(rows.heights[cut:i])
            first = cut
        y += h
    return cuts, y


def _title_position(doc: QTextDocument, sheet: Sheet | ListSheet,
                    breaks: dict[int, tuple[int, ...]], table: int) -> int | None:
    """Where the title of data table `table` starts in `doc` (cut at `breaks`); None if
    the document is not made as expected (then it is built again whole)."""
    frames = _frames(doc)
    first = sum(1 + sum(b > 0 for b in breaks.get(k, ())) for k in range(table))
    if first >= len(frames):
        return None
    title = doc.findBlock(frames[first].firstPosition() - 1)
    while title.isValid() and not title.text().strip():
        title = title.previous()
    if not title.isValid() or title.text() != data_tables(sheet)[table].title:
        return None
    return title.position()


def _recut(tables: list[list[_Piece]], breaks: dict[int, tuple[int, ...]], rows: list[_Rows],
           lead: list[float], page_height: float, scale: float, doc: QTextDocument,
           k: int, misfit: tuple[_Piece, int | None]) -> dict[int, tuple[int, ...]]:
    """New cuts: table k, which does not fit, is cut again from where it starts to go
    wrong, and every table after it from where it will then start."""
    slack = SLACK * scale
    piece, row = misfit
    measured = rows[k]
    y = _row_top(doc, piece.frame, 1)
    kept = [b for b in breaks.get(k, ()) if b <= piece.first]
    cuts, end = _cut(measured, piece.first, y, page_height, lead[k], slack)
    if row is not None and (not cuts or cuts[0] > row):
        # Qt needed more room than estimated: cut where it broke
        top = (int(y // page_height) + 1) * page_height + lead[k]
        more, end = _cut(measured, row, top + (measured.title if row == 0 else 0),
                         page_height, lead[k], slack)
        cuts = [row, *more]
    new = {k: tuple(sorted({*kept, *cuts}))}
    for j in range(k + 1, len(rows)):  # they move with the tables before them
        top = end + rows[j].gap
        if rows[j].after_break is not None:  # on the page that the break starts
            start = end + rows[j].before_break
            top = (int((start - 1) // page_height) + 1) * page_height + rows[j].after_break
        cuts, end = _cut(rows[j], 0, top, page_height, lead[j], slack)
        new[j] = tuple(cuts)
    return new


def _prepare(sheet: Sheet | ListSheet, build: Build, dpi: int, width: float):
    """The document uncut, and its rows as laid out without pages."""
    doc = build(None)
    doc.setTextWidth(width)  # no pages yet: the natural height of every row
    rows = _measure(doc)
    for measured, table in zip(rows, data_tables(sheet), strict=False):
        measured.keep = frozenset(table.keep_with_next)
    lead = [r.header + LEAD * dpi / 96 for r in rows]  # refined from pieces laid out
    return doc, rows, lead


def lay_out(sheet: Sheet | ListSheet, build: Build, dpi: int, width: float,
            page_height: float, parts: Parts | None = None) -> QTextDocument:
    """The sheet laid out on pages of `width` x `page_height` pixels at `dpi`, each
    version of the document made by `build`; with `parts`, the document is made table
    by table instead, as far as needed (same decisions, same pages, far less layout)."""
    doc, rows, lead = _prepare(sheet, build, dpi, width)
    if parts is not None and len(rows) > 1:
        laid_out = _lay_out_in_order(sheet, parts, rows, list(lead), dpi, width, page_height)
        if laid_out is not None:
            return laid_out
    scale = dpi / 96
    titles = headings(sheet)
    breaks: dict[int, tuple[int, ...]] = {}
    for attempt in range(MAX_ROUNDS):
        if attempt:
            doc = build(breaks)
        doc.setPageSize(QSizeF(width, page_height))
        _Headings(doc, titles, page_height).walk()
        if attempt == MAX_ROUNDS - 1:
            break  # good enough: keep what the last change gave
        tables = _pieces(doc, sheet, breaks)
        for piece in (p for pieces in tables for p in pieces[1:]):
            lead[piece.table] = _row_top(doc, piece.frame, 1) % page_height
        new: dict[int, tuple[int, ...]] = {}
        for k, pieces in enumerate(tables):
            misfit = _misfit(doc, pieces, rows[k], page_height, scale)
            if misfit is not None:
                new = _recut(tables, breaks, rows, lead, page_height, scale, doc, k, misfit)
                break
        new = {k: v for k, v in new.items() if v != breaks.get(k, ())}
        if not new:
            break
        breaks.update(new)
    keep_signature_together(doc, page_height, titles)
    return doc


def _lay_out_in_order(sheet: Sheet | ListSheet, parts: Parts, rows: list[_Rows],
                      lead: list[float], dpi: int, width: float, page_height: float
                      ) -> QTextDocument | None:
    """lay_out's rounds, with the document made one table at a time: a round looks at
    the tables in order and stops at the first that does not fit, and what comes before
    a table is laid out the same whatever follows it (Qt lays out in order), so the
    tables after it need not be in the document yet. The next round keeps the document
    up to the title of the first table cut anew. The leads of the tables cut again
    from their measured rows come from their last piece laid out alone (a piece starts
    a page: where its rows fall does not depend on what precedes it), which is checked
    on the finished document. None when the document is not as expected."""
    count = len(rows)
    scale = dpi / 96
    titles = headings(sheet)
    breaks: dict[int, tuple[int, ...]] = {}
    doc = parts.beginning(1)
    doc.setPageSize(QSizeF(width, page_height))
    heads = _Headings(doc, titles, page_height)
    present = 1  # data tables in the document; a placeholder block ends it until all are
    k = 0  # the next table to look at
    rounds = 0

    def add_table() -> bool:
        nonlocal present
        last = doc.lastBlock()
        if last.text() != PLACEHOLDER_TEXT:
            return False
        parts.replace(doc, breaks, present, last.position(),
                      present + 1 if present + 1 < count else None)
        present += 1
        return True

    while k < count and rounds < MAX_ROUNDS - 1:
        # the table, and the block after its last one, must be there as in the whole
        while present <= k or (present == k + 1 < count
                               and doc.lastBlock().previous().text() in titles):
            if not add_table():
                return None
        pieces = _pieces(doc, sheet, breaks, count=k + 1)[k]
        if len(pieces) > 1:
            lead[k] = _row_top(doc, pieces[-1].frame, 1) % page_height
        heads.walk(until=pieces[-1].frame.lastPosition() + 1)
        misfit = _misfit(doc, pieces, rows[k], page_height, scale)
        if misfit is None:
            k += 1
            continue
        for j in range(k + 1, count):  # as a round refines them from the document
            if any(b > 0 for b in breaks.get(j, ())):
                alone = parts.last_piece(j, breaks[j])
                lead[j] = _row_top(alone, _frames(alone)[-1], 1) % page_height
        new = _recut([], breaks, rows, lead, page_height, scale, doc, k, misfit)
        new = {j: v for j, v in new.items() if v != breaks.get(j, ())}
        if not new:
            break  # the round would change nothing: its document is the last
        first = min(new)
        if first < present:
            position = _title_position(doc, sheet, breaks, first)
            if position is None:
                return None
            heads.forget_from(position)
            breaks.update(new)
            parts.replace(doc, breaks, first, position, first + 1 if first + 1 < count else None)
            present = first + 1
        else:
            breaks.update(new)
        rounds += 1
        k = min(k, first)  # the tables before it fit and stay as they are
    while present < count:
        if not add_table():
            return None
    heads.walk()
    for j, pieces in enumerate(_pieces(doc, sheet, breaks)):
        if len(pieces) > 1:
            alone = parts.last_piece(j, breaks[j])
            if _row_top(alone, _frames(alone)[-1], 1) % page_height != \
                    _row_top(doc, pieces[-1].frame, 1) % page_height:
                return None  # a piece laid out alone is not as in the document
    keep_signature_together(doc, page_height, titles)
    return doc


def keep_signature_together(doc: QTextDocument, page_height: float,
                            titles: set[str] = frozenset()) -> None:
    """The signature block (Nơi nhận and the signer, a table with no header row) is never
    cut over two pages, and never alone at the top of a page: it stays with the last
    paragraph before it, which goes to the next page with it (its heading too, when the
    paragraph is the first under it)."""
    frames = [f for f in doc.rootFrame().childFrames()
              if isinstance(f, QTextTable) and f.format().headerRowCount() == 0
              and f.cellAt(0, 0).firstCursorPosition().block().text() == "Nơi nhận:"]
    if not frames:
        return
    frame = frames[-1]
    layout = doc.documentLayout()
    rect = layout.frameBoundingRect(frame)
    first, last = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
    if rect.height() > page_height:
        return
    before = doc.findBlock(frame.firstPosition() - 1)
    while before.isValid() and not before.text().strip():
        before = before.previous()
    while before.text() == DOTS and before.previous().text() == DOTS:
        before = before.previous()  # the lines to write on by hand go together
    in_table = before.isValid() and QTextCursor(before).currentTable() is not None
    if first == last and (not before.isValid() or in_table or int(
            (layout.blockBoundingRect(before).bottom() - 1) // page_height) == first):
        return
    if before.isValid() and not in_table and before.position() > 0:
        heading = before.previous()
        while heading.isValid() and not heading.text().strip():
            heading = heading.previous()
        moved = heading if heading.isValid() and heading.text() in titles and \
            QTextCursor(heading).currentTable() is None else before
        top = int(layout.blockBoundingRect(moved).top() // page_height)
        fmt = moved.blockFormat()
        if fmt.pageBreakPolicy() != _ALWAYS_BEFORE and top < (last if first != last else first):
            fmt.setPageBreakPolicy(_ALWAYS_BEFORE)
            cursor = QTextCursor(moved)
            cursor.beginEditBlock()
            cursor.setBlockFormat(fmt)
            doc.markContentsDirty(moved.position(), doc.characterCount() - moved.position())
            cursor.endEditBlock()
            rect = layout.frameBoundingRect(frame)
            if int(rect.top() // page_height) == int((rect.bottom() - 1) // page_height):
                return
    fmt = frame.frameFormat()
    fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | _ALWAYS_BEFORE)
    frame.setFrameFormat(fmt)
