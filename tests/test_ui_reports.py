"""The Báo cáo menu on real widgets: who has reported (list, filter, a paper report
recorded), the yearly reminder once a day, the import asking who sent a workbook, a
unit's own workbook, the workforce view, and the task-group wording in the report dialog."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures.submissions import LATE, MISSING, SENT
from tanhoi_desktop.report import content, yearly_work
from tanhoi_desktop.ui import report_preview as preview
from tanhoi_desktop.ui.main_window import MainWindow
from tanhoi_desktop.ui.sender_dialog import SenderDialog
from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog
from tanhoi_desktop.ui.workforce_dialog import WorkforceDialog

from .waiting import operation_done


def seed(store):
    for code, name in (("VP", "Văn phòng"), ("KT", "Phòng Kinh tế"), ("YT", "Trạm Y tế")):
        store.records.save("units", {"code": code, "name": name})
    for code, name, gender, unit in (("c1", "Nguyễn Thị Hồng", "Nữ", "KT"),
                                     ("c2", "Trần Văn Nam", "Nam", "KT"),
                                     ("c3", "Lê Thị Mai", "Nữ", "VP"),
                                     ("c4", "Phạm Văn Bình", "Nam", "YT")):
        store.records.save("cadres", {"code": code, "full_name": name, "gender": gender,
                                      "unit_code": unit, "birth": "1990-05-01"})
    store.records.save("planning", {"cadre_code": "c1", "title": "Trưởng phòng"})
    store.records.save("posts", {"cadre_code": "c3", "unit_code": "VP", "title": "Chánh Văn phòng",
                                 "level": "Cấp trưởng", "from_date": "2026-03-01"})


@pytest.fixture
def window(monkeypatch, open_window):  # the patch outlives the window
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # summaries and notices
    return open_window(seed=seed)


def test_submissions_view_lists_every_unit_filters_and_records_a_paper_report(
        window, qtbot, monkeypatch):
    store = window.store
    store.submissions.record("VP", 2026, "2026-11-10T08:00:00", "vp.xlsx")
    store.submissions.record("KT", 2026, "2026-11-20T08:00:00", "kt.xlsx")
    dialog = SubmissionsDialog(store, 2026, window)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [(u.code, u.state) for u in model.units] == [("KT", LATE), ("YT", MISSING),
                                                         ("VP", SENT)]  # name order
    assert model.data(model.index(2, 3)) == "10/11/2026"
    assert model.data(model.index(2, 4)) == "vp.xlsx"
    assert "1 đã gửi đúng hạn, 1 gửi muộn, 1 chưa gửi" in dialog.summary.text()
    dialog.state.setCurrentIndex(dialog.state.findData(MISSING))
    assert dialog.proxy.rowCount() == 1
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    assert dialog.selected().code == "YT"
    monkeypatch.setattr("tanhoi_desktop.ui.submissions_dialog.ask", lambda *a, **k: True)
    dialog.record_selected()
    assert [r["unit_code"] for r in store.submissions.of_year(2026)] == ["VP", "KT", "YT"]
    assert dialog.proxy.rowCount() == 0  # no unit is missing any more
    dialog.year.setValue(2025)
    assert {u.state for u in model.units} == {MISSING}
    dialog.year.setValue(2026)
    dialog.state.setCurrentIndex(0)


def test_submissions_list_prints_with_the_letterhead(window, qtbot, tmp_path):
    window.store.submissions.record("VP", 2026, "2026-11-10T08:00:00", "vp.xlsx")
    dialog = SubmissionsDialog(window.store, 2026, window)
    qtbot.addWidget(dialog)
    sheet = dialog.sheet()
    assert sheet.title == "DANH SÁCH"
    assert "Tình hình gửi báo cáo năm 2026" in sheet.summary
    rows = sheet.sections[1].tables[0].rows
    assert [r[1:3] for r in rows] == [["Phòng Kinh tế", MISSING], ["Trạm Y tế", MISSING],
                                      ["Văn phòng", SENT]]


def test_reminder_once_a_day_from_the_first_of_the_month(window):
    assert window.remind_submissions(dt.date(2026, 10, 31)) is None
    assert not window.reminder_bar.isVisibleTo(window)
    text = window.remind_submissions(dt.date(2026, 11, 5))
    assert text == ("Báo cáo năm 2026: còn 3/3 đơn vị chưa gửi; hạn gửi trước ngày "
                    "15/11/2026 (còn 9 ngày).")
    assert window.reminder_bar.isVisibleTo(window)
    assert window.reminder_bar.label.text() == text
    assert window.remind_submissions(dt.date(2026, 11, 5)) is None  # shown today already
    window.store.submissions.record("VP", 2026, "2026-11-18T08:00:00")
    later = window.remind_submissions(dt.date(2026, 11, 20))
    assert later == ("Báo cáo năm 2026: đã quá hạn gửi (trước ngày 15/11/2026), còn 2/3 "
                     "đơn vị chưa gửi; 1 đơn vị gửi muộn.")
    # remembered in the settings given to the window: another window the same day is quiet
    other = MainWindow(window.qsettings)
    try:
        assert other.open_store(window.store.path.with_name("khac.sqlite"), create=True)
        assert other.remind_submissions(dt.date(2026, 11, 20)) is None  # no unit: nothing
    finally:
        other.close_store()
        other.deleteLater()
    window.store.settings.save({"report_deadline": "25/11"})
    assert "còn 3 ngày" in window.remind_submissions(dt.date(2026, 11, 21))  # to 24/11


def test_import_asks_who_sent_a_workbook_that_does_not_say(qtbot, window, tmp_path, monkeypatch):
    exchange.export_workbook(window.store, tmp_path / "ca-xa.xlsx")

    def choose(self):
        self.unit.setCurrentIndex(self.unit.findData("YT"))
        self.received.setDate(QDate(2026, 11, 12))
        return 1

    monkeypatch.setattr(SenderDialog, "exec", choose)
    assert operation_done(qtbot, window.import_path(tmp_path / "ca-xa.xlsx"))
    rows = window.store.submissions.of_year(2026)
    assert [(r["unit_code"], r["received_at"][:10], r["file_name"]) for r in rows] == [
        ("YT", "2026-11-12", "ca-xa.xlsx")]
    # «Không ghi nhận»: imported, nobody's report
    monkeypatch.setattr(SenderDialog, "exec", lambda self: 1)
    assert operation_done(qtbot, window.import_path(tmp_path / "ca-xa.xlsx"))
    assert window.store.records.count("submissions") == 1
    # Hủy: nothing imported at all
    window.store.records.save("units", {"code": "MOI", "name": "Đơn vị mới"})
    monkeypatch.setattr(SenderDialog, "exec", lambda self: 0)
    before = window.store.records.count("audit_log")
    assert not operation_done(qtbot, window.import_path(tmp_path / "ca-xa.xlsx"))
    assert window.store.records.count("audit_log") == before


def test_sender_dialog_lists_the_units_after_not_recorded(window, qtbot):
    dialog = SenderDialog(window.store, "tep.xlsx", window)
    qtbot.addWidget(dialog)
    assert dialog.unit.itemText(0).startswith("Không ghi nhận")
    assert [dialog.unit.itemData(i) for i in range(1, dialog.unit.count())] == [
        "KT", "YT", "VP"]
    assert dialog.sender() is None


def test_unit_workbook_from_the_units_tab_comes_back_as_its_report(qtbot, window, tmp_path,
                                                                    monkeypatch):
    tab = window.show_tab("units")
    kt = next(r["id"] for r in window.store.browse.page("units") if r["code"] == "KT")
    assert tab.select_id(kt)
    assert tab.export_button.isEnabled()
    out = tmp_path / "kt.xlsx"
    assert tab.export_for_unit(out, 2026)
    monkeypatch.setattr(SenderDialog, "exec", lambda self: pytest.fail("asked"))
    assert operation_done(qtbot, window.import_path(out))  # the cover names the unit: no question
    assert [(r["unit_code"], r["year"]) for r in window.store.submissions.of_year(2026)] == [
        ("KT", 2026)]


def test_workforce_view_counts_on_its_date(window, qtbot):
    dialog = WorkforceDialog(window.store, dt.date(2026, 11, 15), window)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Đội ngũ (2/4 nữ, 50,0 %)", "Quy hoạch (1/1 nữ, 100,0 %)",
                      "Lãnh đạo chủ chốt (1/1 nữ, 100,0 %)", "Bổ nhiệm năm 2026"]
    first = dialog.tabs.widget(0).model()
    assert [first.data(first.index(0, c)) for c in range(5)] == ["Tổng số", "4", "2", "2",
                                                                  "50,0 %"]
    dialog.as_of.setDate(QDate(2026, 2, 28))  # before the post began
    assert dialog.tabs.tabText(2) == "Lãnh đạo chủ chốt (0/0 nữ, —)"
    assert dialog.sheet().title == "BẢNG TỔNG HỢP"
    dialog.as_of.setDate(QDate(2026, 11, 15))
    dialog.tabs.setCurrentIndex(3)


def test_the_years_appointments_are_listed_whole(window, qtbot):
    """Names, posts and units in the list of the year's appointments are read whole
    (they were cut to the width of their headers: «Chánh Văn ...»)."""
    from PySide6.QtWidgets import QTableView

    dialog = WorkforceDialog(window.store, dt.date(2026, 11, 15), window)
    qtbot.addWidget(dialog)
    dialog.resize(900, 680)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    listing = dialog.tabs.widget(3).findChildren(QTableView)[-1]
    model = listing.model()
    assert [model.index(0, c).data() for c in range(5)] == [
        "01/03/2026", "Lê Thị Mai", "Nữ", "Chánh Văn phòng", "Văn phòng"]
    metrics = listing.fontMetrics()
    cut = [model.index(0, c).data() for c in range(model.columnCount() - 1)
           if listing.columnWidth(c) < metrics.horizontalAdvance(model.index(0, c).data()) + 8]
    assert cut == []  # and its date sits as every list's dates
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) == \
        int(Qt.AlignmentFlag.AlignCenter)


def test_report_dialog_prefills_task_wording_and_keeps_it_once_edited(window, qtbot):
    store = window.store
    store.records.save("activities", {"code": "HD1", "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "title": "Hội nghị quán triệt",
                                      "from_date": "2026-04-10", "unit_code": "VP",
                                      "participants": 40, "participants_women": 25,
                                      "cost": 1_250_000, "funding": "Ngân sách nhà nước"})
    dialog = preview.ReportDialog(store, dt.date(2026, 11, 15), window)
    qtbot.addWidget(dialog)
    text = dialog.task_edits["III.1"].toPlainText()
    assert "40 lượt người tham gia, trong đó 25 lượt nữ (62,5 %)" in text
    assert "kinh phí 1.250.000 đồng" in text
    assert "chưa ghi nhận hoạt động" in dialog.task_edits["III.2"].toPlainText()
    assert dialog.save_texts()
    key = yearly_work.task_key("III.1", 2026)
    assert not store.settings.read().get(key)  # unedited: it follows the activities
    dialog.task_edits["III.1"].setPlainText("Đã tổ chức hội nghị quán triệt Kế hoạch.")
    assert dialog.save_texts()
    assert store.settings.read()[key] == "Đã tổ chức hội nghị quán triệt Kế hoạch."
    sheet = content.build(store, dt.date(2026, 11, 15))
    printed = [p for s in sheet.tasks for p in s.paragraphs]
    assert "Đã tổ chức hội nghị quán triệt Kế hoạch." in printed
    dialog.regenerate("III.1")
    assert dialog.task_edits["III.1"].toPlainText() == text
    dialog.tabs.setCurrentIndex(1)


def test_print_preview_writes_nothing_when_nothing_changed(window, qtbot, monkeypatch):
    """The preview saves the report's texts first: unchanged, nothing is written and no
    change is announced (the panel would compute its figures again on every preview)."""
    store = window.store
    shown = []
    monkeypatch.setattr(preview, "show_sheet_preview", lambda _p, sheet, _t: shown.append(sheet))
    monkeypatch.setattr(preview, "ask", lambda *a, **k: True)  # print the empty ones dotted
    dialog = preview.ReportDialog(store, dt.date(2026, 11, 15), window)
    qtbot.addWidget(dialog)
    changes = []
    store.subscribe(changes.append)
    written = store._conn.total_changes
    dialog.preview()
    dialog.preview()
    assert len(shown) == 2 and changes == [] and store._conn.total_changes == written
    dialog.texts["difficulties"].setPlainText("Thiếu kinh phí.")
    dialog.preview()
    assert [c.tables for c in changes] == [{"report_texts"}]
    dialog.preview()
    assert len(changes) == 1


def test_demo_copy_has_the_years_submissions(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.open_demo()
    try:
        from tanhoi_desktop.figures import submissions

        counts = submissions.year_status(win.store, 2026).counts
        assert counts[SENT] > counts[LATE] > 0 and counts[MISSING] > 0
        assert sum(counts.values()) == win.store.records.count("units")
    finally:
        win.close_store()


def test_deadline_is_edited_in_the_settings_and_checked(window, qtbot):
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert dialog.report_deadline.text() == "15/11"
    dialog.report_deadline.setText("31/11")
    dialog.save()
    assert "Hạn gửi báo cáo: ngày «31/11» không tồn tại" in dialog.error.text()
    assert window.store.settings.read()["report_deadline"] == "15/11"
    dialog.report_deadline.setText("5/12")
    dialog.save()
    assert window.store.settings.read()["report_deadline"] == "05/12"


def test_the_reminder_follows_reports_recorded_while_it_shows(window):
    assert window.remind_submissions(dt.date(2026, 11, 20)) is not None
    for code in ("VP", "KT"):
        window.store.submissions.record(code, 2026, "2026-11-10T08:00:00")
    assert "còn 1/3 đơn vị chưa gửi" in window.reminder_bar.label.text()
    window.store.submissions.record("YT", 2026, "2026-11-18T08:00:00")
    assert not window.reminder_bar.isVisibleTo(window)  # everyone has sent


@pytest.mark.parametrize("make, title, name", [
    (lambda store, parent: SubmissionsDialog(store, 2026, parent), "Xem trước danh sách",
     "tinh-hinh-gui-bao-cao-2026.pdf"),
    (lambda store, parent: WorkforceDialog(store, dt.date(2026, 11, 15), parent),
     "Xem trước bảng tổng hợp", "thuc-trang-doi-ngu-20261115.pdf"),
])
def test_list_dialogs_preview_and_export_their_sheet(window, qtbot, tmp_path, monkeypatch,
                                                     make, title, name):
    from PySide6.QtWidgets import QFileDialog

    from tanhoi_desktop.ui import sheet_output

    dialog = make(window.store, window)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(preview, "show_sheet_preview",
                        lambda parent, sheet, t: shown.append((parent, sheet.title, t)))
    dialog.preview_button.click()
    assert shown == [(dialog, dialog.sheet().title, title)]
    offered, said = [], []
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, default, _filter: offered.append(default)
                        or (str(target), ""))
    monkeypatch.setattr(sheet_output, "inform", lambda _p, t, text: said.append((t, text)))
    monkeypatch.setattr("tanhoi_desktop.ui.common.tell",  # (sheet_output.wrote's)
                        lambda _p, t, text: said.append((t, text)))
    dialog.pdf_button.click()
    # offered beside the data file (a bare name would start in the working folder)
    assert offered == [str(window.store.path.parent / name)]
    assert target.read_bytes().startswith(b"%PDF")
    assert said == [("Xuất PDF", f"Đã ghi «{target}».")]
    data = window.store.path
    before = data.read_bytes()
    target = data  # never over the data file
    dialog.pdf_button.click()
    assert data.read_bytes() == before
    assert said[-1] == ("Không xuất được", f"Không ghi vào «{data}»: đó là tệp dữ liệu (hoặc "
                        "bản sao lưu, tệp đi kèm của tệp dữ liệu, tệp đang đọc) — ghi vào đó "
                        "sẽ mất dữ liệu. Hãy chọn tên tệp khác.")
