"""The pagination replaces only the end of the document from the first table it cuts anew
(report/document.replace_from): the document, and so the pages, must be the ones that
building the whole document again gives."""

import datetime as dt

import pytest

from tanhoi_desktop import exchange
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
    doc.setPageSize(pagination.QSizeF(WIDTH, PAGE))
    doc.documentLayout().blockBoundingRect(doc.lastBlock())  # Qt lays out lazily
    return doc


def _pages(doc):
    """Every block's text with the page it starts on, and the number of pages."""
    layout, out, block = doc.documentLayout(), [], doc.begin()
    while block.isValid():
        out.append((block.text(), int(layout.blockBoundingRect(block).top() // PAGE)))
        block = block.next()
    return out, doc.pageCount()


def test_the_end_rebuilt_from_a_table_on_is_the_document_built_whole(sheet, qapp):
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


def test_laying_out_with_rebuilt_ends_gives_the_pages_of_whole_builds(sheet, qapp):
    rebuilt = looked = 0

    def rebuild(doc, breaks, table, position):
        nonlocal rebuilt
        rebuilt += 1
        document.replace_from(doc, sheet, 96, breaks, table, position)

    def prefix(until):  # the first round on the beginning of the sheet
        nonlocal looked
        looked += 1
        return document.build_document(sheet, 96, None, until)

    for extra in range(0, 30, 3):  # push the tables down line by line
        sheet.intro = "\n".join(["Đoạn mở đầu của báo cáo."] * (extra + 1))
        whole = pagination.lay_out(sheet, lambda br: document.build_document(sheet, 96, br), 96,
                                   WIDTH, PAGE)
        doc = pagination.lay_out(sheet, lambda br: document.build_document(sheet, 96, br), 96,
                                 WIDTH, PAGE, rebuild=rebuild, prefix=prefix)
        assert _pages(doc) == _pages(whole), extra
        assert doc.toHtml() == whole.toHtml(), extra  # the same headings moved, too
    assert rebuilt > 10, "hardly any end was rebuilt: the test would prove little"
    assert looked > 5, "the first round never looked at the beginning alone"
