"""A closed year reprinted states what was reported: the yearly report (PDF, Excel) of
a closed year prints the figures as reported, today's where a late correction changed
them, and the difference (spec/indicators.md, Yearly close)."""

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.report import content, xlsx
from tanhoi_desktop.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
CLOSE = dt.date(2026, 11, 14)


def five_units(store):
    """Five units in CT1's scope, three with a female head; a baseline of 70 %, so that
    2026's milestone is 71 % and 3/5 is behind it."""
    units = [{"code": c, "name": f"Phòng {c}"} for c in "ABCDE"]
    cadres = [{"code": f"C{c}", "full_name": f"Nguyễn Thị {c}", "gender": "Nữ",
               "unit_code": c} for c in "ABCDE"]
    posts = [{"cadre_code": f"C{c}", "unit_code": c, "title": "Trưởng phòng",
              "level": "Cấp trưởng", "from_date": "2026-01-01"} for c in "ABC"]
    store.records.import_records({"units": units, "cadres": cadres, "posts": posts},
                                 {"units": {"code", "name"},
                                  "cadres": {"code", "full_name", "gender", "unit_code"},
                                  "posts": {"cadre_code", "unit_code", "title", "level",
                                            "from_date"}})
    store.settings.save({"baseline_ct1": "0.7", "baseline_ct1_adj": "0.7",
                         "entered_by": "Trần Văn Chốt"})


@pytest.fixture
def closed_db(tmp_path):
    path = tmp_path / "chot.sqlite"
    with Store.open(path, create=True) as store:
        five_units(store)
        indicators.close_year(store, 2026, CLOSE)
        # a late correction: D had a female head since February, entered after the close
        store.records.save("posts", {"cadre_code": "CD", "unit_code": "D", "title": "Trưởng phòng",
                                     "level": "Cấp trưởng", "from_date": "2026-02-01"})
    return path


def test_the_sheet_of_a_closed_year_states_the_reported_figures_first(closed_db):
    with Store.open(closed_db) as store:
        sheet = content.build(store, CLOSE)
    rows = sheet.figures.rows
    ct1 = rows[0]
    assert ct1[1:4] == ["3", "5", "60,0 %"] and ct1[5] == "Chậm tiến độ"
    assert rows[1][0] == "- Theo dữ liệu hiện nay (chênh lệch +20,0 điểm %)"
    assert rows[1][1:4] == ["4", "5", "80,0 %"] and rows[1][5] == "Đạt"
    assert 1 in sheet.figures.bold_rows
    assert "Năm 2026 đã chốt số liệu ngày 14/11/2026" in sheet.figures_note
    assert "Trần Văn Chốt" in sheet.figures_note
    # CT1 national (no HĐND, UBND marked), CT2 and CT3 (no pool) did not change
    assert [r[0][:3] for r in rows].count("- T") == 2  # CT1 and CT1 điều chỉnh


def test_an_open_year_prints_todays_figures_alone(closed_db):
    with Store.open(closed_db) as store:
        indicators.reopen_year(store, 2026)
        sheet = content.build(store, CLOSE)
    assert sheet.figures.rows[0][1:4] == ["4", "5", "80,0 %"]
    assert not any(r[0].startswith("- Theo dữ liệu") for r in sheet.figures.rows)
    assert "đã chốt" not in sheet.figures_note


@needs_poppler
def test_the_reprinted_pdf_and_excel_say_reported_today_and_the_difference(closed_db,
                                                                          tmp_path):
    out = tmp_path / "in-lai.pdf"
    result = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "print", "--db",
                             str(closed_db), "--as-of", "2026-11-14", str(out)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("CT1. Cơ quan"))
    assert "3" in lines[first].split() and "60,0 %" in lines[first]
    assert "Chậm tiến" in lines[first]
    today = next(i for i, line in enumerate(lines) if "Theo dữ liệu hiện nay" in line)
    assert today > first and "80,0 %" in lines[today] and "Đạt" in lines[today]
    assert "+20,0 điểm %" in " ".join(lines[today:today + 2])
    book = tmp_path / "in-lai.xlsx"
    with Store.open(closed_db) as store:
        xlsx.write_xlsx(store, CLOSE, book)
    cells = [c for row in load_workbook(book)["Báo cáo"].iter_rows(values_only=True)
             for c in row if c is not None]
    at = cells.index("CT1. Cơ quan QLNN, chính quyền có lãnh đạo chủ chốt là nữ")
    assert cells[at + 1:at + 6] == [3, 5, "60,0 %", "75 %", "Chậm tiến độ"]
    assert cells[at + 6] == "- Theo dữ liệu hiện nay (chênh lệch +20,0 điểm %)"
    assert cells[at + 7:at + 12] == [4, 5, "80,0 %", "75 %", "Đạt"]


def test_a_report_on_a_date_before_the_close_gives_that_dates_figures(closed_db):
    """The close (14/11) came after 30/06: a report on 30/06 prints the figures on 30/06,
    not those reported at the close, and does not speak of the close."""
    with Store.open(closed_db) as store:
        store.records.save("posts", {"cadre_code": "cE", "unit_code": "E",
                                     "title": "Trưởng phòng", "level": "Cấp trưởng",
                                     "from_date": "2026-07-01", "to_date": "2026-10-31"})
        sheet = content.build(store, dt.date(2026, 6, 30))
        on_d = indicators.compute(store, dt.date(2026, 6, 30))
    assert on_d["CT1"].counts == (4, 5)  # D since February; E only from July
    assert sheet.figures.rows[0][1:4] == ["4", "5", "80,0 %"]
    assert not any(r[0].startswith("- Theo dữ liệu") for r in sheet.figures.rows)
    assert "đã chốt" not in sheet.figures_note
    assert "Số liệu tính đến ngày 30/06/2026" in sheet.figures_note


def test_the_units_left_out_at_the_close_are_named_once_when_unchanged(tmp_path):
    with Store.open(tmp_path / "d.sqlite", create=True) as store:
        five_units(store)
        staff = [{"code": f"m{i}", "full_name": f"Lê Văn {i}", "gender": "Nam",
                  "unit_code": "E"} for i in range(4)]
        store.records.import_records({"cadres": staff},
                                     {"cadres": {"code", "full_name", "gender", "unit_code"}})
        store.records.save("units", {**store.records.get("units", 5),
                                     "special_sector": 1}, 5)
        indicators.close_year(store, 2026, CLOSE)
        note = content.build(store, CLOSE).figures_note
    assert note.count("Phòng E (tỷ lệ nữ 20,0 %") == 1, note


def test_after_the_close_the_note_gives_the_tables_day_last(closed_db):
    """On 31/12 of a year closed on 14/11: the figures table is of 14/11, the tables
    after it of 31/12; the note says so in that order («Các bảng sau tính đến ngày
    31/12/2026» was followed by «Số liệu tính đến ngày 14/11/2026»)."""
    with Store.open(closed_db) as store:
        note = content.build(store, dt.date(2026, 12, 31)).figures_note
    assert note.index("Số liệu tính đến ngày 14/11/2026") < \
        note.index("Các bảng sau tính đến ngày 31/12/2026")
    assert note.endswith("Các bảng sau tính đến ngày 31/12/2026.")
