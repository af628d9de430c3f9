"""The printed summary sheet: the PDF says exactly what `report --json` says, in the
Vietnamese administrative format, with its own fonts; the xlsx carries the same values."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from itertools import pairwise

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import content, xlsx
from tanhoi_desktop.report.parts import date_in_words
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
AS_OF = "2026-11-15"


@pytest.mark.parametrize("day,words", [
    (dt.date(2026, 11, 5), "Tân Hội, ngày 05 tháng 11 năm 2026"),
    (dt.date(2027, 2, 15), "Tân Hội, ngày 15 tháng 02 năm 2027"),
    (dt.date(2027, 1, 9), "Tân Hội, ngày 09 tháng 01 năm 2027"),
    (dt.date(2026, 3, 20), "Tân Hội, ngày 20 tháng 3 năm 2026"),
])
def test_date_in_words(day, words):
    assert date_in_words("Tân Hội", day) == words


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=180)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_poppler
def test_pdf_says_what_report_json_says(demo_db, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    result = cli("print", "--db", demo_db, "--as-of", AS_OF, out)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    for words in ("XÃ TÂN HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                  date_in_words("Tân Hội", dt.date.today()), "TM. ỦY BAN NHÂN DÂN",
                  "PHÓ CHỦ TỊCH", "Lê Quang Nhựt", "Nơi nhận:"):
        assert words in text, words
    figures = json.loads(cli("report", "--db", demo_db, "--as-of", AS_OF, "--json").stdout)
    for ind in figures["indicators"].values():
        assert domain.format_percent(ind["value"]) in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "595 x 842 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts


@needs_poppler
def test_pdf_keeps_its_vietnamese_text_with_no_system_fonts(demo_db, tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run(["fc-list"], capture_output=True, text=True, env=env)
    assert probe.stdout.strip() == "" or probe.returncode != 0, "fontconfig still sees fonts"
    out = tmp_path / "khong-font.pdf"
    result = cli("print", "--db", demo_db, "--as-of", AS_OF, out, env=env)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Cán bộ nữ trong diện quy hoạch" in text


@needs_poppler
def test_long_lists_flow_onto_more_pages_with_repeated_headers(tmp_path):
    path = tmp_path / "lon.sqlite"
    with Store.open(path, create=True) as store:
        store.records.import_records(
            {"units": [{"code": "A", "name": "Phòng Văn hóa - Xã hội"}],
             "cadres": [{"code": f"c{i}", "full_name": f"Nguyễn Thị Hồng {i}",
                                 "gender": "Nữ", "unit_code": "A"} for i in range(300)],
             "planning": [{"cadre_code": f"c{i}", "title": "Trưởng phòng",
                                   "unit_code": "A", "from_date": None} for i in range(300)]},
            {"units": {"code", "name"}, "cadres": {"code", "full_name", "gender", "unit_code"},
             "planning": {"cadre_code", "title", "unit_code", "from_date"}})
    out = tmp_path / "dai.pdf"
    assert cli("print", "--db", path, "--as-of", AS_OF, out).returncode == 0
    pages = pdf_text(out).split("\f")
    # (the pool's table; the list of who is still to train names only ten per unit)
    pool_pages = [p for p in pages if "Nguyễn Thị" in p and "chưa được đào tạo" not in p]
    assert len(pool_pages) >= 5
    for page in pool_pages:  # the table header repeats on every page the list spans
        assert "Họ và tên" in page and "Đơn vị công tác" in page
    def top_margin(page):  # the middle of the 20 mm band above the text
        return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y",
                               "14", "-W", "595", "-H", "30", str(out), "-"],
                              capture_output=True, text=True, check=True).stdout.strip()

    assert top_margin(1) == "", "no page number on page 1"
    # only the number: a row cut over two pages would leave clipped, invisible text there
    assert [top_margin(n) for n in range(2, len(pages))] == \
        [str(n) for n in range(2, len(pages))]


def test_xlsx_report_carries_the_same_values(demo_db, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    with Store.open(demo_db) as store:
        xlsx.write_xlsx(store, dt.date(2026, 11, 15), out)
        sheet = content.build(store, dt.date(2026, 11, 15))
    ws = load_workbook(out)["Báo cáo"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    for value in sheet.values.values():
        assert domain.format_percent(value) in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Lê Quang Nhựt" in cells
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows
    assert ws["A1"].font.name == "Times New Roman"
    assert any("A1" in str(r) for r in ws.merged_cells.ranges)


def test_free_text_sections_are_kept_per_year(demo_db, tmp_path):
    path = tmp_path / "copy.sqlite"
    with Store.open(demo_db) as store:
        store.backups.backup_to(path)
    with Store.open(path) as store:
        store.texts.save("2026", {"difficulties": "Thiếu kinh phí."})
        assert content.build(store, dt.date(2026, 11, 15)).texts["difficulties"] == \
            "Thiếu kinh phí."
        assert "difficulties" not in content.build(store, dt.date(2027, 11, 15)).texts


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(demo_db, qapp):
    from PySide6.QtCore import QSizeF

    from tanhoi_desktop.report import document, pagination

    page_height = 971.0
    with Store.open(demo_db) as store:
        base = content.build(store, dt.date(2026, 11, 15))
    titles = pagination.headings(base)

    def orphans(doc):
        layout, count, block = doc.documentLayout(), 0, doc.begin()
        while block.isValid():
            if block.text() in titles and block.next().isValid():
                here = layout.blockBoundingRect(block).top() // page_height
                there = layout.blockBoundingRect(block.next()).top() // page_height
                count += here != there
            block = block.next()
        return count

    found = 0
    for extra in range(0, 60, 2):  # push the content down line by line
        base.intro = "\n".join(["Đoạn mở đầu của báo cáo."] * (extra + 1))
        doc = document.build_document(base, 96)
        doc.setPageSize(QSizeF(623, page_height))
        found += orphans(doc)
        pagination.keep_headings_with_next(doc, titles, page_height)
        assert orphans(doc) == 0
    assert found > 0, "the sizes tried never produced an orphan: the test would prove nothing"


def test_a_heading_after_a_table_keeps_its_space_when_the_last_cell_is_empty(demo_db, qapp):
    """In the demo, the units table's last row has no «Ngành đặc thù»: Qt placed the
    heading after it 13 px too high, over the table's bottom line."""
    from tanhoi_desktop.report import document

    with Store.open(demo_db) as store:
        sheet = content.build(store, dt.date(2026, 11, 15))
    doc = document.build_document(sheet, 96)
    layout = doc.documentLayout()
    frames = doc.rootFrame().childFrames()
    checked = 0
    block = doc.begin()
    while block.isValid():
        if block.text() in {"2. Các cơ quan, đơn vị tính chỉ tiêu 1",
                            "3. Cán bộ nữ trong diện quy hoạch"}:
            top = layout.blockBoundingRect(block).top()
            above = max(layout.frameBoundingRect(f).bottom() for f in frames
                        if layout.frameBoundingRect(f).bottom() <= top + 20)
            assert top >= above, (block.text(), top, above)
            checked += 1
        block = block.next()
    assert checked == 2
    assert sheet.units.rows[-1][-1] == "", "the demo lost the empty cell this is about"


def test_no_table_row_is_cut_across_pages(demo_db, qapp):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextFormat

    from tanhoi_desktop.report import document, pagination

    width, page_height = 623.0, 971.0
    with Store.open(demo_db) as store:
        base = content.build(store, dt.date(2026, 11, 15))
    # two tables over several pages, some rows of two lines: cutting the first moves the
    # second, which must then be cut again from where it now starts
    base.units.rows = [[str(i), f"Đơn vị số {i}" + (" có tên dài hơn một dòng" * (i % 3 == 0)),
                        "10", "5", "50,0 %", "Chưa có", ""] for i in range(1, 41)]
    base.pool.rows = [[str(i), f"Nguyễn Thị Hồng {i}", "Phòng Văn hóa - Xã hội",
                       "Trưởng phòng", "Chưa"] for i in range(1, 61)]

    def early_cuts(doc):
        """Pieces that end with room left for the next piece's first row."""
        frames, early = pagination._frames(doc), 0
        for a, b in pairwise(frames):
            if b.frameFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                top, bottom = pagination._tops(doc, a)[0], pagination._tops(doc, a)[-1]
                row = pagination._tops(doc, b)[1:3]
                early += (top // page_height + 1) * page_height - bottom > row[1] - row[0] + 30
        return early

    def cut_rows(doc):
        """(rows not wholly on their header's page, first-column texts in order)."""
        cut, numbers = 0, []
        for frame in pagination._frames(doc):
            tops = pagination._tops(doc, frame)
            page = tops[0] // page_height
            for r in range(1, frame.rows()):
                cut += tops[r] // page_height != page or (tops[r + 1] - 1) // page_height != page
                numbers.append(frame.cellAt(r, 0).firstCursorPosition().block().text())
        return cut, numbers

    def split_texts(doc):
        """Rows whose lines of text are not all on one page."""
        layout, split = doc.documentLayout(), 0
        for frame in pagination._frames(doc):
            for r in range(1, frame.rows()):
                pages = set()
                for c in range(frame.columns()):
                    block = frame.cellAt(r, c).firstCursorPosition().block()
                    top = layout.blockBoundingRect(block).top()
                    lines = block.layout()
                    pages |= {(top + lines.lineAt(i).y()) // page_height
                              for i in range(lines.lineCount())}
                split += len(pages) > 1
        return split

    found = 0
    for extra in range(0, 40, 2):  # push the tables down line by line
        base.intro = "\n".join(["Đoạn mở đầu của báo cáo."] * (extra + 1))
        natural = document.build_document(base, 96)
        natural.setPageSize(QSizeF(width, page_height))
        expected = cut_rows(natural)[1]
        found += split_texts(natural)
        doc = pagination.lay_out(base, lambda breaks: document.build_document(base, 96, breaks),
                                 96, width, page_height)
        cut, numbers = cut_rows(doc)
        assert cut == 0 and split_texts(doc) == 0, extra
        assert early_cuts(doc) == 0, extra
        assert numbers == expected  # every row once, in order
    assert found > 0, "no size tried made Qt cut a row: the test would prove nothing"


def test_numbers_and_percentages_stay_on_one_line(demo_db, qapp):
    from tanhoi_desktop.report import document, pagination

    with Store.open(demo_db) as store:
        sheet = content.build(store, dt.date(2026, 11, 15))
    sheet.pool.rows = [[str(i), f"Nguyễn Thị Hồng {i}", "Phòng Văn hóa - Xã hội", "Trưởng phòng",
                        "Chưa"] for i in range(9990, 10010)]
    doc = document.build_document(sheet, 96)
    doc.setTextWidth(623)
    assert doc.size().height() > 0  # laid out
    pool, units = pagination._frames(doc)[2], pagination._frames(doc)[1]
    numbers = [pool.cellAt(r, 0) for r in range(1, pool.rows())] + \
        [units.cellAt(r, c) for r in range(1, units.rows()) for c in (0, 2, 3, 4)]
    assert {cell.firstCursorPosition().block().layout().lineCount() for cell in numbers} == {1}


def test_the_printer_lays_the_sheet_out_as_the_pdf(demo_db, qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from tanhoi_desktop.report import document, pdf
    from tanhoi_desktop.ui import report_preview as preview

    with Store.open(demo_db) as store:
        pdf_pages = pdf.write_pdf(store, dt.date(2026, 11, 15), tmp_path / "a.pdf")
        sheet = content.build(store, dt.date(2026, 11, 15))
    printer = preview._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "b.pdf"))
    assert document.render(sheet, printer) == pdf_pages
    fine = QPrinter(QPrinter.PrinterMode.HighResolution)  # as a print dialog may leave it
    fine.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    fine.setOutputFileName(str(tmp_path / "c.pdf"))
    assert document.render(sheet, fine) == pdf_pages


def test_waived_units_are_named_with_their_share_and_never_misdescribed(tmp_path):
    """A unit flagged by hand at 41,7 % women is not waived and the note says why; the
    waived one is named with its share on d (spec/indicators.md, CT1 adjusted)."""
    path = tmp_path / "dac-thu.sqlite"
    with Store.open(path, create=True) as store:
        for code, name, women, men in (("PKT", "Phòng Kinh tế", 2, 10),
                                       ("TC", "Phòng Tài chính", 5, 7),
                                       ("VP", "Văn phòng", 3, 3)):
            store.records.save("units",
                               {"code": code, "name": name, "special_sector": code != "VP"})
            for i in range(women + men):
                store.records.save("cadres", {"code": f"{code}{i}", "full_name": f"Cán bộ {i}",
                                              "gender": "Nữ" if i < women else "Nam",
                                              "unit_code": code})
        store.records.save("units", {"code": "UB", "name": "UBND xã", "role": "UBND",
                                     "in_scope_ct1": False})
        store.settings.save({"target_year": "2035"})
        sheet = content.build(store, dt.date(2026, 11, 15))
    assert ("CT1 điều chỉnh không tính 1 đơn vị ngành đặc thù có tỷ lệ nữ dưới 30 % và chưa "
            "có nữ lãnh đạo chủ chốt tại ngày chốt số liệu: Phòng Kinh tế (tỷ lệ nữ 16,7 %, "
            "2/12 người).") in sheet.figures_note
    assert ("Đơn vị ngành đặc thù vẫn được tính: Phòng Tài chính (tỷ lệ nữ 41,7 %, không "
            "dưới 30 %).") in sheet.figures_note
    assert sheet.figures_note.count("dưới 30 %") == 2  # the waived one, and "không dưới"
    rows = {r[0]: r for r in sheet.figures.rows}
    assert rows[content.FIGURE_NAMES["CT1_adj"]][1:4] == ["0", "2", "0,0 %"]
    national = rows[content.FIGURE_NAMES["CT1_national"]]
    assert national[1:] == ["0", "1", "0,0 %", "", "(để so sánh)"]
    assert sheet.figures.headers[4] == "Mục tiêu 2035"
    assert "giai đoạn 2026 - 2035" in sheet.intro


def test_no_waived_unit_is_said_plainly(demo_db):
    with Store.open(demo_db) as store:  # before the 2025 reorganisation: no unit yet
        note = content.build(store, dt.date(2024, 1, 1)).figures_note
    assert "CT1 điều chỉnh không loại trừ đơn vị nào" in note
