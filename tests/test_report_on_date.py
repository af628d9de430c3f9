"""The yearly report is true on its date (spec/plan-work.md), read from the real PDF of
the demo: at 30/06 and at 15/11 nothing after the date is reported as done; activities
still to come are listed apart as «dự kiến»; a cancelled one is left out; spending,
appointments, inspections' follow-up and the units' reports are those known on d."""

import datetime as dt
import re
import shutil
import subprocess

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.demo import submissions as demo_submissions
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import plan_work, workforce
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

from .test_cli_year import run

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) not installed")
CANCELLED = "Hội thi «Nữ cán bộ, công chức giỏi việc nước, đảm việc nhà»"
CLOSING_MEETING = "Hội nghị sơ kết một năm thực hiện Kế hoạch 2282"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("on-date") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        demo_submissions.seed(store)
    return path


def printed(demo, day, tmp_path):
    out = tmp_path / f"bao-cao-{day:%Y%m%d}.pdf"
    result = run("print", "--db", demo, "--as-of", f"{day:%d/%m/%Y}", out)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


def between(text, start, end):
    """From `start` to the next heading `end` (its number left out: sections of other
    parts of the plan may come between)."""
    begin = text.index(start)
    found = re.compile(r"\d+\. " + re.escape(end)).search(text, begin + len(start))
    assert found, end
    return text[begin:found.start()]


@pytest.mark.parametrize("day", [dt.date(2026, 6, 30), dt.date(2026, 11, 15)])
def test_the_yearly_report_says_only_what_is_done_on_its_date(demo, day, tmp_path):
    text = printed(demo, day, tmp_path)
    with Store.open(demo) as store:
        work = plan_work.compute(store, day)
        spent = store.plan.budget_totals(day.year, day)["Tổng cộng"]["spent"]
        appointed = workforce.compute(store, day).appointments.count().total
    assert work.planned and work.cancelled
    results = text[text.index("5. Kết quả thực hiện nhiệm vụ theo Kế hoạch"):
                   text.index("5.1. III.1.")]
    assert (f"Cộng {len(work.done)} {work.total('participants')} {work.total('women')} "
            f"{domain.format_dong(work.total('cost'))}") in results
    assert (f"Tính các hoạt động đã thực hiện đến ngày {day:%d/%m/%Y}; "
            f"{len(work.planned)} hoạt động dự kiến được liệt kê riêng, 1 hoạt động đã hủy "
            "không tính.") in results
    wording = text[text.index("5.1. III.1."):text.index("Các hoạt động dự kiến của năm")]
    assert f"Từ đầu năm 2026 đến ngày {day:%d/%m/%Y}, các cơ quan, đơn vị đã thực hiện" \
        in wording
    listed = between(text, "Các hoạt động dự kiến của năm 2026 (chưa thực hiện đến ngày "
                           f"{day:%d/%m/%Y})", "Kinh phí thực hiện năm 2026")
    for item in work.planned:  # every activity still to come, listed apart
        assert item["title"][:25] in listed, item["title"]
        assert item["title"][:25] not in wording
    for item in work.done:
        assert item["from_date"] <= day.isoformat()
    # the cancelled activity is nowhere
    assert CANCELLED not in text and "Hội thi «Nữ cán bộ" not in text
    # the closing meeting of 24/11 is still to come on both dates
    assert CLOSING_MEETING in listed and CLOSING_MEETING not in wording
    budget = between(text, "Kinh phí thực hiện năm 2026", "Tình hình gửi báo cáo")
    assert f" {domain.format_dong(spent)} Thực hiện tính đến ngày {day:%d/%m/%Y}" in budget
    appendix = text[text.index("PHỤ LỤC"):]
    assert f"Cộng {appointed} " in appendix[appendix.index("Bổ nhiệm chức vụ lãnh đạo"):]


def test_at_the_end_of_june_the_autumn_work_is_not_reported(demo, tmp_path):
    text = printed(demo, dt.date(2026, 6, 30), tmp_path)
    with Store.open(demo) as store:
        year_spent = store.plan.budget_totals(2026)["Tổng cộng"]["spent"]
        june_spent = store.plan.budget_totals(2026, dt.date(2026, 6, 30))["Tổng cộng"]["spent"]
        appointed = [workforce.compute(store, day).appointments.count().total
                     for day in (dt.date(2026, 6, 30), dt.date(2026, 12, 31))]
    assert june_spent < year_spent
    assert appointed[0] < appointed[1]  # two of the year's appointments come later
    assert domain.format_dong(year_spent) not in text
    # only the April inspection is over by 30/06: one follow-up, none of the later ones
    tasks = text[text.index("5.5. III.5."):text.index("Các hoạt động dự kiến của năm")]
    assert "Việc khắc phục sau kiểm tra: 1 cuộc đã khắc phục." in tasks
    # the training table is the year's, up to d
    assert "4. Đào tạo, bồi dưỡng năm 2026 (các lớp kết thúc từ 01/01/2026 đến " \
           "30/06/2026)" in text


def test_on_the_plans_date_later_reports_are_not_yet_received(demo, tmp_path):
    text = printed(demo, dt.date(2026, 11, 15), tmp_path)
    section = between(text, "Tình hình gửi báo cáo", "Khó khăn")
    # PKT sent on 19/11 and DTN on 24/11: not received on 15/11; MTTQ on 15/11 is late
    assert "19/11/2026" not in section and "24/11/2026" not in section
    assert "Phòng Kinh tế Chưa gửi" in section
    assert "Ủy ban MTTQ Việt Nam xã Gửi muộn 15/11/2026" in section
    assert "8 đã gửi đúng hạn, 1 gửi muộn, 5 chưa gửi." in section
    later = between(printed(demo, dt.date(2026, 12, 31), tmp_path),
                    "Tình hình gửi báo cáo", "Khó khăn")
    assert "Phòng Kinh tế Gửi muộn 19/11/2026" in later
    assert "8 đã gửi đúng hạn, 3 gửi muộn, 3 chưa gửi." in later


def test_the_excel_report_says_the_same(demo, tmp_path):
    from openpyxl import load_workbook

    from tanhoi_desktop.report import xlsx

    day = dt.date(2026, 11, 15)
    out = tmp_path / "bao-cao.xlsx"
    with Store.open(demo) as store:
        xlsx.write_xlsx(store, day, out)
        work = plan_work.compute(store, day)
    cells = [str(c) for row in load_workbook(out)["Báo cáo"].iter_rows(values_only=True)
             for c in row if c is not None]
    text = " ".join(" ".join(cells).split())
    assert "Các hoạt động dự kiến của năm 2026 (chưa thực hiện đến ngày 15/11/2026)" in text
    assert CLOSING_MEETING in text and "Hội thi «Nữ cán bộ" not in text
    results = cells.index("5. Kết quả thực hiện nhiệm vụ theo Kế hoạch")
    total = cells.index("Cộng", results)  # the task groups' total
    assert cells[total + 1:total + 5] == [str(len(work.done)), str(work.total("participants")),
                                          str(work.total("women")),
                                          domain.format_dong(work.total("cost"))]


def test_a_review_of_the_pool_after_d_is_not_yet_done(demo, tmp_path):
    """The demo's review of 2026 is dated 20/10/2026: not done at 30/06, in the printed
    report and in `report --json`; done at 31/12."""
    import json

    june = printed(demo, dt.date(2026, 6, 30), tmp_path)
    assert "Đã rà soát quy hoạch năm 2026" not in june and "245/QĐ-ĐU" not in june
    assert "Chưa ghi nhận rà soát quy hoạch năm 2026" in june
    data = json.loads(run("report", "--db", demo, "--as-of", "2026-06-30", "--json").stdout)
    assert data["pool_review"]["review_date"] is None
    december = printed(demo, dt.date(2026, 12, 31), tmp_path)
    assert "Đã rà soát quy hoạch năm 2026 ngày 20/10/2026, quyết định số 245/QĐ-ĐU" in december
    data = json.loads(run("report", "--db", demo, "--as-of", "2026-12-31", "--json").stdout)
    assert data["pool_review"]["review_date"] == "2026-10-20"
