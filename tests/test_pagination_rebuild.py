"""The pagination makes the document table by table, replacing only what follows the
first table it cuts anew (report/document.SheetParts): the document, and so the pages,
must be the ones that building the whole document for each round gives."""

import datetime as dt

import pytest
from PySide6.QtCore import QSizeF

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import content, document, pagination, sections
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

WIDTH, PAGE = 623.0, 971.0


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    path = tmp_path_factory.mktemp("rebuild") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        base = content.build(store, dt.date(2026, 11, 15))
    # tables over several pages, rows of one and two lines: several rounds of cuts
    base.units.rows = [[str(i), f"Đơn vị số {i}" + (" có tên dài hơn một dòng" * (i % 3 == 0)),
                        "10", "5", "50,0 %", "Chưa có", ""] for i in range(1, 41)]
    base.pool.rows = [[str(i), f"Nguyễn Thị Hồng {i}", "Phòng Văn hóa - Xã hội",
                       "Trưởng phòng", "Chưa"] for i in range(1, 61)]
    return base


def _laid_out(doc):
    doc.setPageSize(QSizeF(WIDTH, PAGE))
    doc.documentLayout().blockBoundingRect(doc.lastBlock())  # Qt lays out lazily
    return doc


def _pages(doc):
    """Every block's text with the page it starts on, and the number of pages."""
    layout, out, block = doc.documentLayout(), [], doc.begin()
    while block.isValid():
        out.append((block.text(), int(layout.blockBoundingRect(block).top() // PAGE)))
        block = block.next()
    return out, doc.pageCount()


def test_a_document_made_table_by_table_is_the_one_built_whole(sheet, qapp):
    tables = sections.data_tables(sheet)
    parts = document.SheetParts(sheet, 96, page=QSizeF(WIDTH, PAGE))
    breaks = {1: (10, 25), 2: (0, 20, 45), 4: (1,)}
    doc = _laid_out(parts.beginning(1))
    for k in range(1, len(tables)):  # each added in place of the placeholder at the end
        last = doc.lastBlock()
        assert last.text() == pagination.PLACEHOLDER_TEXT
        parts.replace(doc, breaks, k, last.position(), k + 1 if k + 1 < len(tables) else None)
    whole = document.build_document(sheet, 96, breaks)
    assert doc.toHtml() == whole.toHtml()
    assert _pages(_laid_out(doc)) == _pages(_laid_out(whole))


def test_the_end_replaced_from_a_table_on_is_the_document_built_whole(sheet, qapp):
    before = {1: (12,), 2: (5, 30)}
    new = {1: (10, 25), 2: (0, 20, 45), 4: (1,)}
    for k, table in enumerate(sections.data_tables(sheet)):
        # the tables before k keep their cuts, the others are cut anew
        after = {j: cuts for j, cuts in before.items() if j < k} | \
            {j: cuts for j, cuts in new.items() if j >= k}
        doc = _laid_out(document.build_document(sheet, 96, before))
        position = pagination._title_position(doc, sheet, before, k)
        assert position is not None, table.title
        assert doc.findBlock(position).text() == table.title
        document.replace_from(doc, sheet, 96, after, k, position)
        whole = document.build_document(sheet, 96, after)
        assert doc.toHtml() == whole.toHtml(), table.title
        assert _pages(_laid_out(doc)) == _pages(_laid_out(whole)), table.title


def test_a_last_piece_alone_falls_on_its_page_as_in_the_document(sheet, qapp):
    parts = document.SheetParts(sheet, 96, page=QSizeF(WIDTH, PAGE))
    breaks = {1: (10, 25), 2: (0, 20, 45)}
    doc = _laid_out(document.build_document(sheet, 96, breaks))
    for k, pieces in enumerate(pagination._pieces(doc, sheet, breaks)):
        if len(pieces) > 1:
            alone = parts.last_piece(k, breaks[k])
            assert pagination._row_top(alone, pagination._frames(alone)[-1], 1) % PAGE == \
                pagination._row_top(doc, pieces[-1].frame, 1) % PAGE


def test_laying_out_table_by_table_gives_the_pages_of_whole_builds(sheet, qapp):
    made = []

    class Parts(document.SheetParts):
        def replace(self, doc, breaks, table, position, until):
            made.append(table)
            super().replace(doc, breaks, table, position, until)

    ordered = pagination._lay_out_in_order
    for extra in range(0, 30, 3):  # push the tables down line by line
        sheet.intro = "\n".join(["Đoạn mở đầu của báo cáo."] * (extra + 1))
        whole = pagination.lay_out(sheet, lambda br: document.build_document(sheet, 96, br), 96,
                                   WIDTH, PAGE)
        parts = Parts(sheet, 96, page=QSizeF(WIDTH, PAGE))
        _doc, rows, lead = pagination._prepare(
            sheet, lambda br: document.build_document(sheet, 96, br), 96, WIDTH)
        doc = ordered(sheet, parts, rows, lead, 96, WIDTH, PAGE)
        assert doc is not None, extra  # made table by table, not given up
        assert _pages(doc) == _pages(whole), extra
        assert doc.toHtml() == whole.toHtml(), extra  # the same headings moved, too
    # tables added, and tables cut anew replaced
    assert len(made) > 10 * (len(sections.data_tables(sheet)) - 1)
