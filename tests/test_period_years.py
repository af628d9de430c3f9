"""The period report says, per year of the plan up to d, what each task group did (the
activities done on d), the training of the year and the appointments of the year, as
spec/plan-work.md defines them on d; printed (pdftotext), previewed and in Excel."""

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from tanhoi_desktop.report import period, xlsx
from tanhoi_desktop.store import Store

from .test_period_report import cli, flat, pdf_text
from .test_trajectory import plan_story

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
D = dt.date(2027, 6, 30)


def activity(store, code, group, start, end=None, state=None, participants=None,
             women=None, cost=None):
    store.records.save("activities", {"code": code, "kind": "Hội nghị, tập huấn",
                                      "task_group": group,
                                      "title": f"Hoạt động {code}", "from_date": start,
                                      "to_date": end, "state": state, "unit_code": "A",
                                      "participants": participants, "participants_women": women,
                                      "cost": cost,
                                      "funding": "Ngân sách nhà nước" if cost else None})


@pytest.fixture
def years_db(tmp_path):
    """2026 and 2027 (to 30/06) of the plan story, with work, courses and posts on both
    sides of d."""
    path = tmp_path / "nam.sqlite"
    with Store.open(path, create=True) as store:
        plan_story(store)  # c1 (a woman) heads A from 01/03/2027
        activity(store, "H1", "III.1", "2026-03-05", participants=60, women=25,
                 cost=1_000_000)
        activity(store, "H2", "III.1", "2026-09-10", participants=40, women=30)
        activity(store, "H3", "III.5", "2026-12-20", "2027-01-05", participants=8, women=3,
                 cost=500_000)  # of 2026, over in 2027: done on d
        activity(store, "H4", "III.2", "2026-05-01", state="Hủy", participants=99,
                 cost=9_000_000)
        activity(store, "H5", "III.3", "2027-02-01", participants=20, women=12,
                 cost=2_000_000)
        activity(store, "H6", "III.3", "2027-06-20", "2027-07-02", participants=30,
                 women=30, cost=3_000_000)  # marked done, ends after d: planned
        activity(store, "H7", "III.4", "2027-10-01", state="Kế hoạch", cost=4_000_000)
        store.records.save("cadres", {"code": "c3", "full_name": "Lê Thị Lan", "gender": "Nữ",
                                      "unit_code": "B", "from_date": "2020-01-01"})
        for code, start, end in (("K1", "2026-04-01", "2026-04-20"),
                                 ("K2", "2027-05-01", "2027-09-30")):  # K2 ends after d
            store.records.save("courses", {"code": code, "name": f"Lớp {code}",
                                           "kind": "Lý luận chính trị", "from_date": start,
                                           "to_date": end})
        for cadre, result in (("c1", "Hoàn thành"), ("c2", "Hoàn thành"),
                              ("c3", "Chưa hoàn thành")):
            store.records.save("enrolments", {"course_code": "K1", "cadre_code": cadre,
                                              "result": result})
        store.records.save("enrolments", {"course_code": "K2", "cadre_code": "c3",
                                          "result": "Hoàn thành"})
        store.records.save("posts", {"cadre_code": "c3", "unit_code": "B",
                                     "title": "Phó Trưởng phòng",
                                     "level": "Cấp phó", "from_date": "2027-08-01"})  # after d
    return path


def _section(sheet, start):
    return next(s for s in sheet.sections if s.title.startswith(start) or
                any(t.title.startswith(start) for t in s.tables))


def _block(table, label):
    """The rows of one year (its label on the first row only)."""
    first = next(i for i, r in enumerate(table.rows) if r[0] == label)
    rows = [table.rows[first]]
    for row in table.rows[first + 1:]:
        if row[0]:
            break
        rows.append(row)
    return rows


def test_each_years_task_groups_count_the_activities_done_on_d(years_db):
    with Store.open(years_db) as store:
        sheet = period.build(store, D)
    section = _section(sheet, "4. Kết quả thực hiện nhiệm vụ")
    table = section.tables[0]
    assert table.title == "4.1. Kết quả thực hiện các nhóm nhiệm vụ (Mục III của Kế hoạch)"
    y2026 = {r[1][:5]: r[2:] for r in _block(table, "2026")}
    assert y2026["III.1"] == ["2", "100", "55", "1.000.000"]
    assert y2026["III.5"] == ["1", "8", "3", "500.000"]  # ends in 2027, before d
    assert y2026["III.2"] == ["0", "0", "0", "0"]  # cancelled: left out
    assert y2026["Cộng"] == ["3", "108", "58", "1.500.000"]
    y2027 = {r[1][:5]: r[2:] for r in _block(table, "2027 (đến 30/06)")}
    assert y2027["III.3"] == ["1", "20", "12", "2.000.000"]  # H6 ends after d
    assert y2027["III.4"] == ["0", "0", "0", "0"]
    assert y2027["Cộng"] == ["1", "20", "12", "2.000.000"]
    assert len(table.rows) == 12  # five groups and the total, per year
    with Store.open(years_db) as store:
        later = _section(period.build(store, dt.date(2028, 3, 31)), "4.").tables[0]
    assert _block(later, "2028 (đến 31/03)") == [
        ["2028 (đến 31/03)", "Cộng (chưa có hoạt động nào đã thực hiện)", "0", "0", "0", "0"]]
    assert later.bold_rows == {5, 11, 12}
    assert _block(later, "2027")[-1] == ["", "Cộng", "2", "50", "42", "5.000.000"]
    assert section.note == (
        "Tính các hoạt động đã thực hiện đến ngày 30/06/2027, mỗi hoạt động vào năm của «Từ "
        "ngày». Không tính các hoạt động dự kiến, đã hủy: năm 2026 có 1 hoạt động đã hủy; "
        "năm 2027 có 2 hoạt động dự kiến.")


def test_each_years_training_and_appointments_stop_at_d(years_db):
    with Store.open(years_db) as store:
        sheet = period.build(store, D)
    training = _section(sheet, "4.2.").tables[0]
    assert _block(training, "2026") == [
        ["2026", "Lý luận chính trị", "1", "3", "2", "2", "1"],
        ["", "Cộng", "1", "3", "2", "2", "1"]]
    # K2 ends after d: not yet a course of 2027's results
    assert _block(training, "2027 (đến 30/06)") == [
        ["2027 (đến 30/06)", "Cộng", "0", "0", "0", "0", "0"]]
    appointments = _section(sheet, "4.3.").tables[0]
    labels = [r[0] for r in appointments.rows]
    assert labels == ["Năm 2026: chưa có bổ nhiệm", "Năm 2027 (đến 30/06)", "Cấp trưởng",
                      "Cấp phó", "Cộng"]
    assert appointments.rows[0][1:] == ["0", "0", "0", "—", "0", "0"]
    # 2027: c1 heads A from 01/03 (a woman); c3's post of 01/08 is after d
    assert appointments.rows[2][1:4] == ["1", "1", "0"]
    assert appointments.rows[4][1:4] == ["1", "1", "0"]
    assert appointments.bold_rows == {0, 1, 4} and appointments.keep_with_next == {1}
    with Store.open(years_db) as store:
        none_yet = _section(period.build(store, dt.date(2027, 2, 28)), "4.3.").tables[0]
    assert [r[0] for r in none_yet.rows] == ["Năm 2026: chưa có bổ nhiệm",
                                             "Năm 2027 (đến 28/02): chưa có bổ nhiệm"]
    assert none_yet.keep_with_next == set()
    with Store.open(years_db) as store:
        later = period.build(store, dt.date(2027, 12, 31))
    appointments = _section(later, "4.3.").tables[0]
    assert appointments.rows[1][0] == "Năm 2027" and appointments.rows[4][1:4] == [
        "2", "2", "0"]
    training = _section(later, "4.2.").tables[0]
    assert _block(training, "2027")[-1] == ["", "Cộng", "1", "1", "1", "1", "1"]


@needs_poppler
def test_the_printed_period_report_says_each_year(years_db, tmp_path):
    out = tmp_path / "gd.pdf"
    result = cli("print", "--db", years_db, "--as-of", "30/06/2027", "--period", out)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text(out))
    for words in ("4. Kết quả thực hiện nhiệm vụ, đào tạo và bổ nhiệm theo từng năm",
                  "4.1. Kết quả thực hiện các nhóm nhiệm vụ (Mục III của Kế hoạch)",
                  "4.2. Đào tạo, bồi dưỡng theo từng năm",
                  "4.3. Bổ nhiệm chức vụ lãnh đạo, quản lý theo từng năm và giới tính",
                  "Cộng 3 108 58 1.500.000", "Lý luận chính trị 1 3 2 2 1",
                  "6. Kinh phí thực hiện theo nguồn từng năm",
                  "10. Kiến nghị, đề xuất"):
        assert words in text, words
    # in print order: the figures, the years' results, the duties, the budget, the texts
    order = [text.index(w) for w in ("3. Biểu đồ", "4. Kết quả thực hiện nhiệm vụ",
                                     "5. Kế hoạch đào tạo", "6. Kinh phí",
                                     "7. Đánh giá chung")]
    assert order == sorted(order)


def test_the_excel_period_report_has_the_years_tables(years_db, tmp_path):
    out = tmp_path / "gd.xlsx"
    with Store.open(years_db) as store:
        xlsx.write_period_xlsx(store, D, out)
    cells = [c for row in load_workbook(out)["Báo cáo"].iter_rows(values_only=True)
             for c in row if c is not None]
    for title in ("4.1. Kết quả thực hiện các nhóm nhiệm vụ (Mục III của Kế hoạch)",
                  "4.2. Đào tạo, bồi dưỡng theo từng năm",
                  "4.3. Bổ nhiệm chức vụ lãnh đạo, quản lý theo từng năm và giới tính",
                  "Năm 2027 (đến 30/06)"):
        assert title in cells, title


def test_before_the_plan_starts_there_is_no_year_to_report(years_db):
    with Store.open(years_db) as store:
        sheet = period.build(store, dt.date(2025, 12, 31))
    titles = [s.title for s in sheet.sections if s.title]
    assert not any(t.startswith("4. Kết quả thực hiện nhiệm vụ") for t in titles)
    assert any(t.startswith("4. Kế hoạch đào tạo") for t in titles)


@needs_poppler
def test_the_demo_closed_with_its_waived_unit_prints_its_period(tmp_path):
    """The demo's Phòng Kinh tế is always waived: after a normal close of 2026 from the
    command line, the period report prints, names the unit, and its text layer is what
    its pages show (the years' tables run over page ends)."""
    from tanhoi_desktop.demo import submissions as demo_submissions
    from tanhoi_desktop.exchange import workbook as exchange
    from tanhoi_desktop.resources import demo_workbook

    from .test_report_layout import hidden_words

    path = tmp_path / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        demo_submissions.seed(store)
    closed = cli("close", "--db", path, "--year", "2026", "--as-of", "14/11/2026")
    assert closed.returncode == 0, closed.stderr
    out = tmp_path / "gd.pdf"
    result = cli("print", "--db", path, "--period", "--as-of", "30/06/2027", out)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    text = flat(pdf_text(out))
    assert "Ngày 14/11/2026" in text and "Số đã chốt lúc" in text
    assert "Không tính: Phòng Kinh tế" in text
    assert "4.1. Kết quả thực hiện các nhóm nhiệm vụ" in text and "2027 (đến 30/06)" in text
    assert hidden_words(out) == []
