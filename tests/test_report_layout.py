"""The printed reports as a reader gets them: the PDF's text is what its pages show, the
signature never stands alone on a page, the figures table's headings."""

import datetime as dt
import re
import shutil
import subprocess

import pytest

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import content, pdf
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
AS_OF = dt.date(2026, 11, 15)
MM = 72 / 25.4  # PDF points in a millimetre
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                   r'yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def pdf_words(path) -> list[list[tuple[float, float, str]]]:
    """Per page, each word of the PDF's text layer: (top, bottom, word), in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[(float(m[1]), float(m[3]), m[4]) for m in _WORD.findall(page)]
            for page in html.split("<page ")[1:]]


def hidden_words(path) -> list[tuple[int, str]]:
    """Words of the text layer outside the printed area (20 mm top and bottom margins of
    an A4 page), where the page clips them: none may be there but the page number."""
    out = []
    for number, words in enumerate(pdf_words(path), start=1):
        for top, bottom, word in words:
            above = bottom < 20 * MM and word == str(number) and number > 1
            if not above and (top < 20 * MM - 1 or bottom > (297 - 20) * MM + 1):
                out.append((number, word))
    return out


@needs_poppler
def test_the_pdf_text_is_what_its_pages_show(demo_db, tmp_path, qapp):
    """Paragraphs running over page ends: every word once, and none hidden under a
    margin (a copy, a search or a screen reader gets the page as printed)."""
    with Store.open(demo_db) as store:
        sheet = content.build(store, AS_OF)
    tokens = [[f"t{n}x{k}" for k in range(70)] for n in range(40)]
    sheet.intro = "\n".join(" ".join(words) for words in tokens)
    out = tmp_path / "dai.pdf"
    pages = pdf.write_sheet_pdf(sheet, out)
    assert pages >= 8
    assert hidden_words(out) == []
    printed = [w for page in pdf_words(out) for _t, _b, w in page
               if re.fullmatch(r"t\d+x\d+", w)]
    assert sorted(printed) == sorted(w for words in tokens for w in words)


def signature_pages(doc, page_height):
    """(page where the signature block starts, page where it ends, page of the last line
    of the paragraph before it)."""
    from PySide6.QtGui import QTextTable

    layout = doc.documentLayout()
    frame = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)
             and f.cellAt(0, 0).firstCursorPosition().block().text() == "Nơi nhận:"][-1]
    rect = layout.frameBoundingRect(frame)
    before = doc.findBlock(frame.firstPosition() - 1)
    while not before.text().strip():
        before = before.previous()
    return (int(rect.top() // page_height), int((rect.bottom() - 1) // page_height),
            int((layout.blockBoundingRect(before).bottom() - 1) // page_height))


def test_the_signature_never_stands_alone_on_a_page(demo_db, qapp):
    from tanhoi_desktop.report import document, pagination

    width, page_height = 623, 970
    with Store.open(demo_db) as store:
        sheet = content.build(store, AS_OF)
    sheet.appendix = []
    seen = set()
    for extra in range(0, 75, 3):  # push the end of the report down, a few lines a time
        sheet.intro = "\n".join(["Đoạn mở đầu của báo cáo, một dòng."] * (extra + 1))
        doc = pagination.lay_out(sheet, lambda breaks: document.build_document(
            sheet, 96, breaks), 96, width, page_height)
        first, last, text = signature_pages(doc, page_height)
        seen.add(first)
        assert first == last == text, extra
    assert len(seen) > 1, "the signature never moved to another page: nothing was tried"


@needs_poppler
def test_the_count_column_is_called_so_beside_the_status(demo_db, tmp_path, qapp):
    """«Đạt» is a status («Đánh giá: Đạt»): the count of units or people is «Số đạt»."""
    with Store.open(demo_db) as store:
        sheet = content.build(store, AS_OF)
    assert sheet.figures.headers[:3] == ["Chỉ tiêu", "Số đạt", "Tổng số"]
    out = tmp_path / "bao-cao.pdf"
    pdf.write_sheet_pdf(sheet, out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    header = next(line for line in text.splitlines() if "Chỉ tiêu" in line)
    assert "Số đạt" in header and "Tổng" in header


def _page(doc, block, page_height):
    return int(doc.documentLayout().blockBoundingRect(block).top() // page_height)


def test_an_empty_last_section_goes_with_the_signature_whole(demo_db, qapp):
    """The dotted lines of a section left to write by hand, and its heading, go to the
    signature's page together: never one dotted line above «Nơi nhận»."""
    from tanhoi_desktop.report import document, pagination, sections

    width, page_height = 623, 970
    with Store.open(demo_db) as store:
        sheet = content.build(store, AS_OF)
    sheet.appendix, sheet.texts = [], {}
    heading = sections.text_titles(sheet)[-1].title
    split = set()
    for extra in range(0, 75, 3):
        sheet.intro = "\n".join(["Đoạn mở đầu của báo cáo, một dòng."] * (extra + 1))
        doc = pagination.lay_out(sheet, lambda breaks: document.build_document(
            sheet, 96, breaks), 96, width, page_height)
        first, last, _text = signature_pages(doc, page_height)
        block = doc.begin()
        while block.text() != heading:
            block = block.next()
        assert first == last == _page(doc, block, page_height), extra
        split.add(first)
    assert len(split) > 1, "the signature never moved to another page: nothing was tried"


def test_a_heading_and_its_sub_heading_stay_with_what_they_head(demo_db, qapp):
    """«4. ...» then «4.1. ...» then a table: neither heading ends a page."""
    from tanhoi_desktop.report import document, pagination, period

    width, page_height = 623, 970
    with Store.open(demo_db) as store:
        sheet = period.build(store, dt.date(2027, 6, 30))
    titles = pagination.headings(sheet)
    intro = sheet.sections[0].paragraphs[0]
    stacked = 0
    for extra in range(0, 60, 2):
        sheet.sections[0].paragraphs = ["\n".join([intro] + ["Một dòng thêm."] * extra)]
        doc = pagination.lay_out(sheet, lambda breaks: document.build_document(
            sheet, 96, breaks), 96, width, page_height)
        block = doc.begin()
        while block.isValid():
            if block.text() in titles:
                after = block.next()
                stacked += after.text() in titles
                while after.isValid() and after.text() in titles:
                    after = after.next()
                if after.isValid():
                    assert _page(doc, block, page_height) == _page(doc, after, page_height), (
                        extra, block.text())
            block = block.next()
    assert stacked, "no heading followed by a sub-heading: nothing was tried"
