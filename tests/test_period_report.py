"""The period report (báo cáo giai đoạn): the figures of each plan year against the
milestones and the target, the closed values and late corrections, the change since the
baseline, the chart as a figure, the period's texts; PDF (print --period) and xlsx."""

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.figures import indicators, trajectory
from tanhoi_desktop.report import content, period, xlsx
from tanhoi_desktop.store import Store

from .test_trajectory import plan_story

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
AS_OF = dt.date(2028, 6, 30)


@pytest.fixture
def story_db(tmp_path):
    """The plan story, 2026 closed, then a late correction of 2026."""
    path = tmp_path / "gd.sqlite"
    with Store.open(path, create=True) as store:
        plan_story(store)
        indicators.close_year(store, 2026, dt.date(2026, 12, 31))
        post = next(r for r in store.browse.page("posts") if r["unit_code"] == "A")
        store.records.save("posts", {**store.records.get("posts", post["id"]),
                                     "from_date": "2026-06-01"},
                           post["id"])
        store.texts.save("2026-2030",
                                {"assessment": "Các chỉ tiêu chuyển biến tích cực."})
    return path


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def flat(text):
    return " ".join(text.split())


@needs_poppler
def test_print_period_says_the_years_the_milestones_and_the_corrections(story_db, tmp_path):
    out = tmp_path / "giai-doan.pdf"
    result = cli("print", "--db", story_db, "--as-of", AS_OF, "--period", out)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text(out))
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                  "Kết quả thực hiện Kế hoạch triển khai Quyết định số 2282/QĐ-TTg trên địa "
                  "bàn xã Tân Hội giai đoạn 2026 - 2030",
                  "1. Các chỉ tiêu so với ban đầu và mục tiêu",
                  "2. Kết quả các chỉ tiêu theo từng năm", "3. Biểu đồ diễn biến các chỉ tiêu",
                  "Hình 1.", "4. Kết quả thực hiện nhiệm vụ, đào tạo và bổ nhiệm theo từng "
                  "năm", "5. Kế hoạch đào tạo, rà soát quy hoạch",
                  "6. Kinh phí thực hiện theo nguồn từng năm", "7. Đánh giá chung",
                  "Các chỉ tiêu chuyển biến tích cực.",
                  "TM. ỦY BAN NHÂN DÂN", "Lê Quang Nhựt"):
        assert words in text, words
    with Store.open(story_db) as store:
        traj = trajectory.build(store, AS_OF)
    ct1 = traj["CT1"]
    # each milestone and the change since the baseline, as computed
    for _year, m in ct1.milestones:
        assert domain.format_percent(float(m)) in text
    assert domain.format_points(ct1.change) == "+50,0 điểm %"
    assert "+50,0 điểm %" in text
    # 2026 as reported (0/2) and, in bold under it, today's data (1/2)
    assert "Số đã chốt lúc" in text and "Số đã chốt ngày" not in text
    assert "Theo dữ liệu hiện nay 1/2 50,0 %" in text
    assert "Khác số đã chốt (+50,0 điểm %)" in text
    # the chart is an image at print resolution
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert images and int(images[0].split()[3]) >= 1800  # 160 mm at 300 dpi


@needs_poppler
def test_the_title_years_come_from_the_settings(story_db, tmp_path):
    with Store.open(story_db) as store:
        store.settings.save({"plan_start": "2027-01-01", "target_year": "2031"})
    out = tmp_path / "gd.pdf"
    assert cli("print", "--db", story_db, "--as-of", AS_OF, "--period", out).returncode == 0
    text = flat(pdf_text(out))
    assert "giai đoạn 2027 - 2031" in text and "Ban đầu 31/12/2026" in text
    # the period's texts are kept per period: this one has none yet
    assert "Các chỉ tiêu chuyển biến tích cực." not in text
    # a section not written prints its heading and dotted lines, never an instruction
    assert "7. Đánh giá chung" in text and "....................." in text
    assert "Chưa nhập" not in text and "soạn trong chương trình" not in text


def test_the_sheet_carries_every_figure_and_the_yearly_rows(story_db):
    with Store.open(story_db) as store:
        sheet = period.build(store, AS_OF)
        figures = indicators.compute(store, AS_OF)
    assert sheet.values == {k: figures[k].value for k in indicators.KEYS}
    years = next(s for s in sheet.sections if s.title.startswith("2."))
    assert [t.title.split(".")[0] + "." + t.title.split(".")[1] for t in years.tables] == \
        ["2.1", "2.2", "2.3", "2.4"]
    ct1 = years.tables[0]
    labels = [r[0] for r in ct1.rows]
    assert labels == ["Ban đầu (31/12/2025)", "Năm 2026 (31/12/2026)",
                      "- Theo dữ liệu hiện nay", "Năm 2027 (31/12/2027)",
                      "Đến ngày 30/06/2028", "Năm 2029 (mốc)", "Năm 2030 (mốc)",
                      "Mục tiêu năm 2030"]
    assert ct1.bold_rows == {2}  # the late correction stands out
    assert ct1.rows[1][1] == "0/2" and ct1.rows[2][1] == "1/2"


def test_xlsx_has_the_tables_and_a_chart_over_the_values(story_db, tmp_path):
    out = tmp_path / "gd.xlsx"
    with Store.open(story_db) as store:
        xlsx.write_period_xlsx(store, AS_OF, out)
        traj = trajectory.build(store, AS_OF)
    ws = load_workbook(out)["Báo cáo"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "2.1. " + content.FIGURE_NAMES["CT1"] in cells
    assert "Khác số đã chốt (+50,0 điểm %)" in cells
    assert "Lê Quang Nhựt" in cells
    # the chart's values as numbers: CT1 điều chỉnh on each date
    expected = [float(traj["CT1_adj"].baseline)] + \
        [float(p.value) for p in traj["CT1_adj"].points]
    header = next(r for r in ws.iter_rows() if r[0].value == "Thời điểm" and
                  r[1].value == "CT1 điều chỉnh")
    column = [ws.cell(header[0].row + 1 + i, 2).value for i in range(len(expected))]
    assert column == pytest.approx(expected)
    assert len(ws._charts) == 1
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows


@needs_poppler
@pytest.mark.parametrize("as_of", [dt.date(2026, 12, 1), AS_OF, dt.date(2030, 6, 30)])
def test_no_page_ends_with_a_heading_or_cuts_the_signature(story_db, tmp_path, as_of):
    out = tmp_path / "gd.pdf"
    assert cli("print", "--db", story_db, "--as-of", as_of, "--period", out).returncode == 0
    with Store.open(story_db) as store:
        sheet = period.build(store, as_of)
    from tanhoi_desktop.report.sections import data_tables, section_headings

    titles = {t.title for t in data_tables(sheet)} | section_headings(sheet)
    pages = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            assert lines[-1] not in titles, lines[-1]
    signed = [p for p in pages if "Nơi nhận:" in p or "Lê Quang Nhựt" in p]
    assert len(signed) == 1 and "Lê Quang Nhựt" in signed[0] and "Nơi nhận:" in signed[0]


def test_the_waived_units_are_named_beside_ct1_adjusted(tmp_path):
    with Store.open(tmp_path / "w.sqlite", create=True) as store:
        plan_story(store)
        store.records.save("units",
                           {"code": "C", "name": "Phòng Tài chính", "special_sector": True})
        for i, gender in enumerate(["Nữ", "Nam", "Nam", "Nam", "Nam"]):
            store.records.save("cadres", {"code": f"t{i}", "full_name": f"Cán bộ {i}",
                                          "gender": gender, "unit_code": "C",
                                          "from_date": "2020-01-01"})
        sheet = period.build(store, AS_OF)
    years = next(s for s in sheet.sections if s.title.startswith("2."))
    adjusted = years.tables[1]
    named = "Không tính: Phòng Tài chính (20,0 % nữ)"
    data_rows = [r for r in adjusted.rows if r[1]]  # the baseline, year ends and d
    assert len(data_rows) == 4 and all(named in r[-1] for r in data_rows)
    assert "Phòng Tài chính (20,0 % nữ)" in sheet.sections[1].note
    assert all(named not in r[-1] for r in years.tables[0].rows)  # CT1 waives nothing


@needs_poppler
def test_the_period_report_prints_after_closing_a_year_with_a_waived_unit(tmp_path):
    """A normal close while a unit is waived (the demo's Phòng Kinh tế always is): the
    period report names the unit as reported on the closing day, in print and preview."""
    path = tmp_path / "waived.sqlite"
    with Store.open(path, create=True) as store:
        plan_story(store)
        store.records.save("units",
                           {"code": "C", "name": "Phòng Tài chính", "special_sector": True})
        for i, gender in enumerate(["Nữ", "Nam", "Nam", "Nam", "Nam"]):
            store.records.save("cadres", {"code": f"t{i}", "full_name": f"Cán bộ {i}",
                                          "gender": gender, "unit_code": "C",
                                          "from_date": "2020-01-01"})
        closed = indicators.close_year(store, 2026, dt.date(2026, 12, 31))
        assert [w.code for w in closed.waived] == ["C"]
        sheet = period.build(store, AS_OF)  # what the window's preview builds too
    years = next(s for s in sheet.sections if s.title.startswith("2."))
    row_2026 = next(r for r in years.tables[1].rows if r[0].startswith("Năm 2026"))
    assert "Số đã chốt lúc" in row_2026[-1]
    assert "Không tính: Phòng Tài chính (20,0 % nữ)" in row_2026[-1]
    out = tmp_path / "giai-doan.pdf"
    result = cli("print", "--db", path, "--period", "--as-of", AS_OF, out)
    assert result.returncode == 0, result.stderr
    assert "Lỗi" not in result.stderr
    text = flat(pdf_text(out))
    assert "2. Kết quả các chỉ tiêu theo từng năm" in text
    assert "Phòng Tài chính (20,0 % nữ)" in text
