"""The yearly sheet's new parts, read back from the PDF (pdftotext): results by task
group from the year's activities (or the edited wording), the budget, who has reported,
and the workforce appendix on a page of its own; the same in the xlsx; the printed list
of who has reported."""

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.demo import submissions as demo_submissions
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import plan_work, workforce
from tanhoi_desktop.report import content, pdf, sections, xlsx, yearly_work
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
D = dt.date(2026, 11, 15)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sections") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        demo_submissions.seed(store)
        store.records.save("activities", {"code": "HDX1", "kind": "Hội nghị, tập huấn",
                                          "task_group": "III.2",
                                          "title": "Tập huấn công tác quy hoạch",
                                          "from_date": "2026-05-12", "unit_code": "VHXH",
                                          "participants": 60, "participants_women": 36,
                                          "cost": 7_350_000, "funding": "Ngân sách nhà nước"})
        store.records.save("budget", {"year": 2026, "unit_code": "HND", "funding": "Khác",
                                      "estimate": 12_340_000})
    _DB[:] = [path]
    return path


def _generated(code):
    """The lines of the wording generated for a task group (what is printed unedited)."""
    with Store.open(_DB[0]) as store:
        group = plan_work.compute(store, D).group(code)
    return [" ".join(line.split()) for line in
            yearly_work.generated_wording(group, D).splitlines()]


_DB = []


def pdf_pages(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


@needs_poppler
def test_pdf_has_results_budget_submissions_and_the_appendix(demo_db, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    result = cli("print", "--db", demo_db, "--as-of", D.isoformat(), out)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    text = "\n".join(pages)
    flat = " ".join(text.split())
    for words in ("5. Kết quả thực hiện nhiệm vụ theo Kế hoạch",
                  "5.2. III.2. Đào tạo, bồi dưỡng gắn với quy hoạch, tạo nguồn cán bộ nữ",
                  *_generated("III.2"), *_generated("III.5"),
                  "7. Kinh phí thực hiện năm 2026", "12.340.000",
                  "8. Tình hình gửi báo cáo của các cơ quan, đơn vị",
                  "8 đã gửi đúng hạn, 1 gửi muộn, 5 chưa gửi",  # as known on 15/11
                  "9. Đánh giá chung", "10. Khó khăn, hạn chế",
                  "11. Phương hướng, nhiệm vụ thời gian tới", "12. Kiến nghị, đề xuất",
                  "PHỤ LỤC", "Bổ nhiệm chức vụ lãnh đạo, quản lý năm 2026 theo giới tính"):
        assert words in flat, words
    # the appendix starts a page of its own, after the signature
    signed = next(i for i, p in enumerate(pages) if "Nơi nhận:" in p)
    appendix = next(i for i, p in enumerate(pages) if "PHỤ LỤC" in p)
    assert appendix > signed
    assert pages[appendix].split("PHỤ LỤC")[0].split() == [str(appendix + 1)]
    # the figures of the appendix are workforce.compute's
    with Store.open(demo_db) as store:
        w = workforce.compute(store, D)
    total = w.population("cadres").total
    # (a table that fits a page is not split: it may start on the page after the heading)
    line = next(x for p in pages[appendix:appendix + 2] for x in p.splitlines()
                if x.strip().startswith("Tổng số"))
    assert line.split()[2:] == [str(total.total), str(total.women), str(total.men),
                                *domain.format_percent(total.share).split()]


@needs_poppler
def test_edited_wording_is_printed_instead_of_the_generated_one(demo_db, tmp_path, qapp):
    path = tmp_path / "copy.sqlite"
    with Store.open(demo_db) as store:
        store.backups.backup_to(path)
    with Store.open(path) as store:
        store.settings.save({yearly_work.task_key("III.2", 2026):
                             "Đã tập huấn cho toàn bộ cán bộ nữ trong quy hoạch."})
        pdf.write_pdf(store, D, tmp_path / "sua.pdf")
    flat = " ".join("\n".join(pdf_pages(tmp_path / "sua.pdf")).split())
    assert "Đã tập huấn cho toàn bộ cán bộ nữ trong quy hoạch." in flat
    assert _generated("III.2")[0] not in flat
    assert _generated("III.1")[0] in flat  # the other groups: still generated


@needs_poppler
def test_no_row_cut_on_any_page_of_the_longer_sheet(demo_db, tmp_path, qapp):
    out = tmp_path / "bc.pdf"
    with Store.open(demo_db) as store:
        pages = pdf.write_pdf(store, D, out)
    assert pages >= 6

    def top_margin(page):  # a row cut over two pages would leave clipped text here
        return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", "0",
                               "-y", "14", "-W", "595", "-H", "30", str(out), "-"],
                              capture_output=True, text=True, check=True).stdout.strip()

    assert [top_margin(n) for n in range(2, pages + 1)] == [str(n)
                                                             for n in range(2, pages + 1)]


def test_xlsx_report_has_the_new_sections_and_the_appendix_on_its_own_page(demo_db,
                                                                             tmp_path):
    out = tmp_path / "bc.xlsx"
    with Store.open(demo_db) as store:
        xlsx.write_xlsx(store, D, out)
        sheet = content.build(store, D)
    ws = load_workbook(out)["Báo cáo"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    for title in ("5. Kết quả thực hiện nhiệm vụ theo Kế hoạch",
                  "7. Kinh phí thực hiện năm 2026",
                  "8. Tình hình gửi báo cáo của các cơ quan, đơn vị", "10. Khó khăn, hạn chế",
                  "12. Kiến nghị, đề xuất",
                  "PHỤ LỤC"):
        assert title in cells, title
    appendix_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "PHỤ LỤC")
    assert [b.id for b in ws.row_breaks.brk] == [appendix_row - 1]
    assert "12.340.000" in cells
    total = sheet.tasks[0].tables[0].rows[-1]  # the task groups' total row
    assert total[0] == "Cộng" and int(total[2]) in cells and total[4] in cells
    # every table of the sheet is in the workbook
    for table in sections.data_tables(sheet):
        assert table.title in cells or not table.title


@needs_poppler
def test_printed_list_of_who_has_reported(demo_db, tmp_path, qapp):
    with Store.open(demo_db) as store:
        pdf.write_sheet_pdf(sections.submissions_sheet(store, 2026, dt.date(2026, 12, 1)),
                            tmp_path / "ds.pdf", protect=[store.path])
    text = "\n".join(pdf_pages(tmp_path / "ds.pdf"))
    flat = " ".join(text.split())
    for words in ("ỦY BAN NHÂN DÂN", "XÃ TÂN HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Tân Hội, ngày 01 tháng 12 năm 2026", "DANH SÁCH",
                  "Tình hình gửi báo cáo năm 2026",
                  "Hạn gửi báo cáo năm 2026: trước ngày 15/11/2026",
                  "Lê Quang Nhựt"):
        assert words in flat, words
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(x.startswith("9 Trung tâm phục vụ hành") and "Chưa gửi" in x for x in lines)
    assert any("Phòng Kinh tế Gửi muộn 19/11/2026" in x for x in lines)
    # «trước ngày 15/11»: received on the plan's date itself is late, 14/11 on time
    assert any("Ủy ban MTTQ Việt Nam xã Gửi muộn 15/11/2026" in x for x in lines)
    assert any("Hội Liên hiệp Phụ nữ xã Đã gửi 14/11/2026" in x for x in lines)


def test_every_block_is_laid_out_after_a_heading_is_moved(demo_db, qapp):
    """Qt lays out again only up to the next table after a heading's format changes:
    the text after it would be left with no lines (missing from the page and the PDF)."""
    from PySide6.QtGui import QTextBlockFormat

    from tanhoi_desktop.report import document, pagination

    with Store.open(demo_db) as store:
        sheet = content.build(store, D)
    width, height = 623.0, 970.0
    doc = pagination.lay_out(sheet, lambda br: document.build_document(sheet, 96, br), 96,
                             width, height)
    moved, empty, block = 0, [], doc.begin()
    while block.isValid():
        if block.text().strip() and block.layout().lineCount() == 0:
            empty.append(block.text()[:40])
        moved += block.text() in pagination.headings(sheet) and \
            block.blockFormat().pageBreakPolicy() == \
            QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
        block = block.next()
    assert moved, "no heading was moved: the test would prove nothing"
    assert empty == []


@needs_poppler
def test_a_group_heading_never_ends_a_page(demo_db, tmp_path, qapp):
    out = tmp_path / "bc.pdf"
    with Store.open(demo_db) as store:
        pages = pdf.write_pdf(store, D, out)
        w = workforce.compute(store, D)
    groups = {b.title for p in w.populations for b in p.breakdowns}
    last_lines = []
    for n in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(out),
                               "-"], capture_output=True, text=True, check=True).stdout
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        last_lines.append(lines[-2] if lines[-1].isdigit() else lines[-1])
    assert not groups & set(last_lines), last_lines


def test_demo_has_the_years_appointments_some_from_the_pool(demo_db):
    with Store.open(demo_db) as store:
        a = workforce.compute(store, D).appointments
    assert a.count().total >= 2
    assert 0 < a.count(from_pool=True).total < a.count().total  # both kinds shown
    assert a.count(from_pool=True).women > 0
