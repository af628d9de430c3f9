"""The demo shows a closed year with a late correction (issue: a closed year reprinted
states what was reported): 2026 closed on 14/11/2026 with CT3 at 11/16, the course
result entered after the close gives 12/16 for the same day. The reprinted yearly report
(PDF), `report --json` and the window's demo copy all show it."""

import datetime as dt
import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.demo import closed_year
from tanhoi_desktop.demo import submissions as demo_submissions
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

from .test_cli_year import run

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo's copy as the window makes it."""
    path = tmp_path_factory.mktemp("closed-demo") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        demo_submissions.seed(store)
        assert closed_year.seed(store)
    return path


def test_the_demo_closed_2026_before_a_late_result(demo):
    with Store.open(demo) as store:
        closed = indicators.closed_years(store)
        assert [(c.year, c.as_of) for c in closed] == [(2026, closed_year.CLOSED_ON)]
        today = indicators.compute(store, closed_year.CLOSED_ON)
        assert indicators.corrections(closed[0], today) == {"CT3": ((11, 16), (12, 16))}
        # the data are the workbook's: the result is there, and the close came between
        enrolment = next(r for r in store.browse.page("enrolments")
                         if (r["course_code"], r["cadre_code"]) == closed_year.LATE_RESULT)
        assert enrolment["result"] == "Hoàn thành"
        actions = [e["action"] for e in store.audit.entries(limit=3)]
        assert actions == ["edit", "snapshot", "edit"]  # newest first
        assert not closed_year.seed(store)  # once only
        assert len(indicators.closed_years(store)) == 1


def test_the_demo_close_is_the_demo_datas_not_the_login(demo, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo, copy)
    with Store.open(copy) as store:
        assert indicators.closed_years(store)[0].closed_by == "Dữ liệu mẫu"
        # the official's own close afterwards is recorded as theirs
        store.settings.save({"entered_by": "Nguyễn Thị Hoa"})
        indicators.reopen_year(store, 2026)
        indicators.close_year(store, 2026, dt.date(2026, 12, 31))
        assert indicators.closed_years(store)[0].closed_by == "Nguyễn Thị Hoa"


@needs_poppler
def test_the_reprinted_report_says_reported_today_and_the_difference(demo, tmp_path):
    out = tmp_path / "bao-cao-2026.pdf"
    result = run("print", "--db", demo, "--as-of", "14/11/2026", out)
    assert result.returncode == 0, result.stderr
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Năm 2026 đã chốt số liệu ngày 14/11/2026" in text
    # CT3 as reported (11/16, behind the milestone), then today's data for that day
    assert "11 16 68,8 % 90,0 % Chậm tiến độ" in text
    assert "Theo dữ liệu hiện nay (chênh lệch +6,3 điểm %)" in text
    assert "12 16 75,0 % 90,0 % Đúng tiến độ" in text
    data = json.loads(run("report", "--db", demo, "--as-of", "2026-12-31", "--json").stdout)
    assert data["closed"]["differs"] == ["CT3"]
    assert data["closed"]["indicators"]["CT3"]["numerator"] == 11
    assert data["closed"]["today"]["CT3"]["numerator"] == 12


def test_the_windows_demo_copy_has_the_closed_year(qtbot, tmp_path, monkeypatch):
    from tanhoi_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.open_demo()
    try:
        closed = indicators.closed_years(win.store)
        assert [c.year for c in closed] == [2026] and closed[0].indicators["CT3"] == (11, 16)
        # on a later day of the closed year the panel still says the closing day moved
        note = win.panel.closed_note
        for day in (dt.date(2026, 12, 31), closed_year.CLOSED_ON):
            win.panel.set_as_of(day)  # (the demo opens on today's date: wait for d's)
            qtbot.waitUntil(lambda day=day: win.panel.figures is not None
                            and win.panel.figures.as_of == day
                            and not win.panel.computing, timeout=10000)
            assert note.text() == ("Năm 2026 đã chốt số liệu đến ngày 14/11/2026. Số liệu "
                                   "tính lại cho ngày đó khác số đã báo cáo ở CT3 (xem Công "
                                   "cụ → Chốt số liệu năm)."), day
        win.panel.set_as_of(dt.date(2027, 1, 5))
        qtbot.waitUntil(lambda: win.panel.figures.as_of == dt.date(2027, 1, 5)
                        and not win.panel.computing, timeout=10000)
        assert note.isHidden()
    finally:
        win.close_store()


def pdf_lines(path) -> list[str]:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.splitlines()


@needs_poppler
def test_a_number_and_its_percent_sign_never_part_at_a_line_end(demo, tmp_path):
    """«… để đạt mục tiêu 90,0» / «%. Đã rà soát …» in the period report, «Phòng Kinh tế
    (16,7» / «% nữ)» in its tables: a line never starts with the «%» of a number."""
    period, yearly = tmp_path / "giai-doan.pdf", tmp_path / "nam.pdf"
    assert run("print", "--db", demo, "--period", period).returncode == 0
    assert run("print", "--db", demo, "--as-of", "30/06/2026", yearly).returncode == 0
    lines = pdf_lines(period) + pdf_lines(yearly)
    assert [line for line in lines if line.lstrip().startswith("%")] == []


@needs_poppler
def test_the_yearly_report_before_the_close_prints_the_figures_of_its_date(demo, tmp_path):
    out = tmp_path / "nam.pdf"
    assert run("print", "--db", demo, "--as-of", "30/06/2026", out).returncode == 0
    text = " ".join(" ".join(pdf_lines(out)).split())
    on_d = json.loads(run("report", "--db", demo, "--as-of", "2026-06-30", "--json").stdout)
    ct1 = on_d["indicators"]["CT1_adj"]
    assert (ct1["numerator"], ct1["denominator"], ct1["status"]) == (4, 5, "Đạt")
    assert "lãnh đạo chủ chốt) 4 5 80,0 % 75,0 % Đạt" in text
    assert "đã chốt số liệu" not in text and "Theo dữ liệu hiện nay" not in text


def page_of(pdf, text: str) -> int:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    return next(n for n, page in enumerate(pages, start=1) if text in page)


@needs_poppler
def test_the_appendix_starts_its_first_table_on_its_own_page(demo, tmp_path):
    """The appendix starts a page: its first table was estimated to follow on from the
    report's last table (pages earlier), moved whole to the next page, and left the
    appendix's heading alone on an empty page."""
    out = tmp_path / "nam.pdf"
    assert run("print", "--db", demo, "--as-of", "14/11/2026", out).returncode == 0
    assert page_of(out, "PHỤ LỤC") == \
        page_of(out, "1. Cán bộ, công chức, viên chức, người lao động đang công tác")


@needs_poppler
def test_the_status_column_holds_each_status_on_one_line(demo, tmp_path):
    """«Chậm tiến» / «độ», «(để so» / «sánh)»: the column «Đánh giá» was too narrow."""
    out = tmp_path / "nam.pdf"
    assert run("print", "--db", demo, "--as-of", "14/11/2026", out).returncode == 0
    lines = [line.strip() for line in pdf_lines(out)]
    assert lines.count("3 6 50,0 % 75,0 % Chậm tiến độ") == 1
    assert "độ" not in lines and "sánh)" not in lines
