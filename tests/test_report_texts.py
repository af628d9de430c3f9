"""What the official writes in a report: kept in the data file per report, with who and
when; never lost by a date change, by closing the dialog or by a restart; an empty
section printed as dotted lines to write on by hand, and a warning before it is; the
«Kiến nghị, đề xuất» section; the opening sentence that cites the commune's plan."""

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QDate

from tanhoi_desktop.report import content, period, written
from tanhoi_desktop.store import Store

from .test_data_generation import undo_generation

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
D = dt.date(2026, 11, 15)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def small(store):
    store.records.import_records(
        {"units": [{"code": "A", "name": "Phòng Văn hóa - Xã hội"}],
         "cadres": [{"code": "c1", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                             "unit_code": "A"}]},
        {"units": {"code", "name"}, "cadres": {"code", "full_name", "gender", "unit_code"}})


def test_texts_are_kept_per_report_with_who_and_when_in_the_audit_trail(store):
    store.settings.save({"entered_by": "Trần Thị Thu"})
    assert store.texts.save("2026", {"difficulties": "Thiếu kinh phí.",
                                            "proposals": "Đề nghị tỉnh mở lớp."})
    assert not store.texts.save("2026", {"difficulties": "Thiếu kinh phí."})
    store.texts.save("2026-2030", {"assessment": "Chuyển biến tích cực."})
    assert store.texts.for_report("2026") == {"difficulties": "Thiếu kinh phí.",
                                              "proposals": "Đề nghị tỉnh mở lớp."}
    assert store.texts.for_report("2027") == {}
    assert store.texts.for_report("2026-2030") == {"assessment": "Chuyển biến tích cực."}
    row = next(r for r in store.texts.rows() if r["section"] == "difficulties")
    assert row["changed_by"] == "Trần Thị Thu" and row["changed_at"][:4] == \
        str(dt.date.today().year)
    store.texts.save("2026", {"difficulties": "Thiếu kinh phí, thiếu người."})
    trail = store.audit.entries(table="report_texts")
    assert len(trail) == 3
    newest = trail[0]
    assert newest["record_code"] == "2026" and newest["person"] == "Trần Thị Thu"
    assert "Thiếu kinh phí." in str(newest["before"])
    assert "Thiếu kinh phí, thiếu người." in str(newest["after"])
    store.texts.save("2026", {"difficulties": ""})  # emptied: removed
    assert "difficulties" not in store.texts.for_report("2026")


def test_texts_typed_before_move_from_the_settings(tmp_path):
    """A data file of the previous version kept the texts among the settings."""
    path = tmp_path / "cu.sqlite"
    with Store.open(path, create=True):
        pass
    conn = sqlite3.connect(path)
    undo_generation(conn)  # what v9 and v10 add
    conn.commit()
    conn.executescript(
        "DROP TABLE report_texts;"
        "INSERT INTO settings VALUES ('report_difficulties_2026', 'Thiếu người.');"
        "INSERT INTO settings VALUES ('report_directions_2026', '');"
        "INSERT INTO settings VALUES ('report_period_directions_2026_2030', 'Tiếp tục.');"
        "PRAGMA user_version = 7;")
    conn.close()
    with Store.open(path) as store:
        assert store.texts.for_report("2026") == {"difficulties": "Thiếu người."}
        assert store.texts.for_report("2026-2030") == {"directions": "Tiếp tục."}
        assert not [k for k in store.settings.read()
                    if k.startswith(("report_difficulties", "report_directions", "report_period"))]
        assert content.build(store, D).texts["difficulties"] == "Thiếu người."


@needs_poppler
def test_an_empty_section_prints_its_heading_and_dotted_lines(tmp_path):
    path = tmp_path / "a.sqlite"
    with Store.open(path, create=True) as store:
        small(store)
        store.texts.save("2026", {"proposals": "Đề nghị Sở Nội vụ mở lớp bồi dưỡng."})
    out = tmp_path / "nam.pdf"
    assert cli("print", "--db", path, "--as-of", D, out).returncode == 0
    text = pdf_text(out)
    lines = text.splitlines()
    for title in ("Đánh giá chung", "Khó khăn, hạn chế", "Phương hướng, nhiệm vụ thời gian tới",
                  "Kiến nghị, đề xuất"):
        assert any(line.strip().endswith(title) for line in lines), title
    assert "Đề nghị Sở Nội vụ mở lớp bồi dưỡng." in text
    dotted = [line for line in lines if line.strip().startswith("." * 40)]
    assert len(dotted) == 3 * written.BLANK_LINES  # three sections left to write by hand
    assert "Chưa nhập" not in text and "soạn trong chương trình" not in text
    out = tmp_path / "gd.pdf"
    assert cli("print", "--db", path, "--as-of", D, "--period", out).returncode == 0
    text = pdf_text(out)
    assert "Kiến nghị, đề xuất" in text and "Chưa nhập" not in text
    assert len([line for line in text.splitlines()
                if line.strip().startswith("." * 40)]) == 4 * written.BLANK_LINES


def test_the_opening_sentence_cites_the_plan_once_it_is_set(store):
    small(store)
    plain = "Thực hiện Kế hoạch triển khai Quyết định số 2282/QĐ-TTg ngày 31 tháng 12 năm 2020"
    assert content.build(store, D).intro.startswith(plain)
    assert plain in period.build(store, D).sections[0].paragraphs[0]
    store.settings.save({"plan_number": "125/KH-UBND", "plan_date": "2026-03-05"})
    cited = ("Thực hiện Kế hoạch số 125/KH-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân "
             "xã Tân Hội triển khai Quyết định số 2282/QĐ-TTg ngày 31 tháng 12 năm 2020")
    assert content.build(store, D).intro.startswith(cited)
    assert period.build(store, D).sections[0].paragraphs[0].startswith(cited)
    store.settings.save({"plan_date": "2026-01-09"})
    assert "Kế hoạch số 125/KH-UBND ngày 09 tháng 01 năm 2026 của" in \
        content.build(store, D).intro
    with pytest.raises(Exception, match="Ngày kế hoạch"):
        store.settings.save({"plan_date": "05/03/2026"})  # stored as an ISO date


def test_the_settings_dialog_sets_the_plans_number_and_date(store, qtbot):
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.plan_number.setText("  125/KH-UBND ")
    dialog.plan_date.setText("5/3/2026")
    dialog.save()
    assert store.settings.read()["plan_number"] == "125/KH-UBND"
    assert store.settings.read()["plan_date"] == "2026-03-05"
    again = SettingsDialog(store)
    qtbot.addWidget(again)
    assert again.plan_date.text() == "05/03/2026"
    again.plan_date.setText("31/02/2026")
    again.save()
    assert again.error.isVisibleTo(again) and "Ngày kế hoạch" in again.error.text()
    assert store.settings.read()["plan_date"] == "2026-03-05"
    again.resize(900, 700)


@pytest.fixture
def dialog_store(tmp_path):
    path = tmp_path / "d.sqlite"
    with Store.open(path, create=True) as s:
        small(s)
    s = Store.open(path)
    yield s
    s.close()


def test_typed_text_survives_a_date_change_closing_and_a_restart(dialog_store, qtbot):
    from tanhoi_desktop.ui.report_preview import ReportDialog

    store = dialog_store
    dialog = ReportDialog(store, D, None)
    qtbot.addWidget(dialog)
    dialog.texts["difficulties"].setPlainText("Thiếu cán bộ nữ trẻ.")
    dialog.texts["directions"].setPlainText("Mở lớp bồi dưỡng.")
    dialog.as_of.setDate(QDate(2026, 11, 14))  # the same year: what is typed stays
    assert dialog.texts["difficulties"].toPlainText() == "Thiếu cán bộ nữ trẻ."
    dialog.as_of.setDate(QDate(2027, 3, 1))  # another year: 2026's kept, 2027's shown
    assert dialog.texts["difficulties"].toPlainText() == ""
    assert store.texts.for_report("2026")["difficulties"] == "Thiếu cán bộ nữ trẻ."
    dialog.texts["proposals"].setPlainText("Kiến nghị năm 2027.")
    dialog.as_of.setDate(QDate(2026, 12, 31))
    assert dialog.texts["directions"].toPlainText() == "Mở lớp bồi dưỡng."
    assert store.texts.for_report("2027") == {"proposals": "Kiến nghị năm 2027."}
    dialog.texts["assessment"].setPlainText("Cơ bản hoàn thành.")
    dialog.reject()  # Đóng: nothing typed is lost
    path = store.path
    store.close()
    with Store.open(path) as reopened:  # the program started again
        again = ReportDialog(reopened, D, None)
        qtbot.addWidget(again)
        assert again.texts["assessment"].toPlainText() == "Cơ bản hoàn thành."
        assert again.texts["difficulties"].toPlainText() == "Thiếu cán bộ nữ trẻ."
        again.reject()


def test_the_window_warns_before_printing_empty_sections(dialog_store, qtbot, monkeypatch):
    from tanhoi_desktop.ui import period_preview
    from tanhoi_desktop.ui import report_preview as preview

    store = dialog_store
    asked, shown = [], []
    answer = [False]
    monkeypatch.setattr(preview, "ask", lambda _p, title, text, **k: asked.append(text)
                        or answer[0])
    monkeypatch.setattr(preview, "show_sheet_preview", lambda _p, sheet, _t: shown.append(sheet))
    dialog = preview.ReportDialog(store, D, None)
    qtbot.addWidget(dialog)
    dialog.texts["difficulties"].setPlainText("Thiếu cán bộ nữ trẻ.")
    dialog.preview()
    assert shown == [] and len(asked) == 1  # «Quay lại viết»: nothing printed
    for title in ("Đánh giá chung", "Phương hướng, nhiệm vụ thời gian tới",
                  "Kiến nghị, đề xuất"):
        assert title in asked[0]
    assert "Khó khăn" not in asked[0]
    assert dialog.export_pdf() is None and len(asked) == 2  # nor exported
    answer[0] = True
    dialog.preview()
    assert len(shown) == 1 and len(asked) == 3
    for edit in dialog.texts.values():
        edit.setPlainText("Đã viết.")
    dialog.preview()
    assert len(shown) == 2 and len(asked) == 3  # nothing empty: no question
    dialog.reject()
    gd = period_preview.PeriodReportDialog(store, D, None)
    qtbot.addWidget(gd)
    gd.preview()
    assert len(asked) == 4 and "Kiến nghị, đề xuất" in asked[-1]
    gd.resize(720, 620)
    gd.reject()
    dialog = preview.ReportDialog(store, D, None)
    qtbot.addWidget(dialog)
    dialog.resize(780, 660)
    dialog.reject()


def test_the_texts_travel_with_the_export_and_come_back(tmp_path):
    """Export, then import into another file: the same texts, with who and when."""
    from openpyxl import load_workbook

    from tanhoi_desktop.exchange import workbook as exchange

    source = tmp_path / "nguon.sqlite"
    out = tmp_path / "ra.xlsx"
    with Store.open(source, create=True) as store:
        small(store)
        store.settings.save({"entered_by": "Lê Văn Viết"})
        store.texts.save("2026", {"difficulties": "Dòng một.\nDòng hai, =SUM(1)",
                                         "proposals": "Đề nghị mở lớp."})
        store.texts.save("2026-2030", {"assessment": "Chuyển biến tích cực."})
        rows = store.texts.rows()
        exchange.export_workbook(store, out)
    sheet = load_workbook(out)["Nội dung báo cáo"]
    assert [c.value for c in sheet[1]] == ["Báo cáo", "Phần", "Nội dung", "Người sửa",
                                          "Thời điểm sửa"]
    assert sheet["C2"].data_type == "s"  # text stays text, never a formula
    target = tmp_path / "dich.sqlite"
    with Store.open(target, create=True) as store:
        plan = exchange.read_workbook(out, store)
        assert plan.problems == []
        counts = exchange.apply(plan, store)
        assert counts["report_texts"].updated == 3
        assert store.texts.rows() == rows
        assert "Nội dung báo cáo: sửa 3" in exchange.summary(counts)
        again = exchange.apply(exchange.read_workbook(out, store), store)
        assert again["report_texts"].updated == 0  # the same workbook twice: no change
    book = load_workbook(out)
    ws = book["Nội dung báo cáo"]
    ws["B3"] = "Ý kiến khác"
    ws["A4"] = "năm nay"
    book.save(out)
    with Store.open(target) as store:
        plan = exchange.read_workbook(out, store)
        assert any("Nội dung báo cáo, dòng 3, Phần: «Ý kiến khác»" in p for p in plan.problems)
        assert any("Nội dung báo cáo, dòng 4, Báo cáo: «năm nay»" in p for p in plan.problems)
