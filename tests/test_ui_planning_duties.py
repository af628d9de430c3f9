"""The planning duties in the window: the training plan and CT3's gap in the Đào tạo tab,
the panel's BTV line and its link to the untrained women."""

import datetime as dt

from PySide6.QtCore import Qt

from .test_planning_duties import KN, seed
from .waiting import figures_settled

D = dt.date(2026, 11, 15)


def _cells(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_training_plan_shows_the_years_lines_with_what_was_done(open_window, qtbot):
    window = open_window(seed, as_of=D)
    tab = window.show_tab("training")
    tab.lower.setCurrentWidget(tab.plan)
    model = tab.plan.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in
               range(model.columnCount())]
    row = _cells(model, headers.index("Loại lớp")).index(KN)
    assert model.index(row, headers.index("Kế hoạch (người)")).data() == "5"
    assert model.index(row, headers.index("Đã đào tạo")).data() == "2"
    assert model.index(row, headers.index("Nữ đã đào tạo")).data() == "1"
    # another year shows that year's plan: none for 2027
    window.panel.set_as_of(dt.date(2027, 3, 1))
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert tab.plan.preset == {"year": 2027}  # «Thêm…» plans for the year shown


def test_the_panel_links_ct3_to_the_untrained_women(open_window, qtbot):
    window = open_window(seed, as_of=D)
    panel = figures_settled(qtbot, window.panel)
    assert panel.gap_link.isVisibleTo(panel)
    assert "Xem 1 nữ trong quy hoạch chưa đào tạo" in panel.gap_link.text()
    assert "nữ giữ chức vụ 50,0\u00a0% (1/2)" in panel.cards["CT2"].extra.text()
    panel.gap_link.linkActivated.emit("gap")
    tab = window.tab("training")
    assert window.tabs.currentWidget() is tab and tab.lower.currentWidget() is tab.gap
    assert _cells(tab.gap.model, 0) == ["Phạm Thị Ánh"]
    assert "cần đào tạo thêm" in tab.gap.summary.text()
    # trained now: the list empties, the link goes
    window.store.records.save("enrolments", {"course_code": "K3", "cadre_code": "w2"})
    qtbot.waitUntil(lambda: tab.gap.model.rowCount() == 0)
    qtbot.waitUntil(lambda: not panel.gap_link.isVisibleTo(panel))


def test_names_in_the_gap_list_are_plain_text(open_window, qtbot):
    def hostile(store):
        seed(store)
        store.records.save("cadres", {"code": "w4", "full_name": "<b>Đỗ</b> Thị <i>Mai</i>",
                                      "gender": "Nữ", "unit_code": "A"})
        store.records.save("planning", {"cadre_code": "w4", "title": "<h1>Phó phòng</h1>"})
    window = open_window(hostile, as_of=D)
    window.panel.gap_link.linkActivated.emit("gap")
    tab = window.tab("training")
    assert "<b>Đỗ</b> Thị <i>Mai</i>" in _cells(tab.gap.model, 0)
    assert "<h1>Phó phòng</h1>" in _cells(tab.gap.model, 3)


def test_the_units_targets_dialog_shows_each_units_progress_and_follows_edits(store, qtbot):
    from tanhoi_desktop.ui.duties_dialogs import UnitTargetsDialog

    seed(store)
    dialog = UnitTargetsDialog(store, D)
    qtbot.addWidget(dialog)
    rows = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
            for r in range(dialog.model.rowCount())]
    assert rows == [["Phòng Văn hóa - Xã hội (A)", "2026", "có (chỉ tiêu: có)",
                     "66,7 % (2/3)", "1/2", "còn 1 nữ cần đào tạo"]]
    assert dialog.summary.text().startswith("1 đơn vị có chỉ tiêu riêng; 1 đơn vị chưa đạt.")
    store.records.save("unit_targets", {"unit_code": "B", "female_key_leader": True,
                                        "women_to_train": 2})
    assert dialog.model.rowCount() == 2  # the dialog follows the data file
    b = [dialog.model.index(1, c).data() for c in range(dialog.model.columnCount())]
    # the period's training is judged at its end: said so, not counted as behind now
    assert b[4] == "1/2 (cả giai đoạn)" and b[5] == "chưa có nữ lãnh đạo chủ chốt"  # w3
    assert dialog.table.model.rowCount() == 3


def test_the_pool_review_dialog_says_what_the_year_changed(store, qtbot):
    from tanhoi_desktop.ui.duties_dialogs import PoolReviewDialog

    seed(store)
    dialog = PoolReviewDialog(store, D)
    qtbot.addWidget(dialog)
    text = dialog.summary.text()
    assert text.startswith("Chưa ghi nhận rà soát quy hoạch năm 2026")
    assert "bổ sung 3 mục quy hoạch (2 nữ, 1 nam), đưa ra 1 mục (1 nữ, 0 nam)" in text
    assert dialog.table.preset == {"year": 2026}
    store.records.save("pool_reviews", {"year": 2026, "review_date": "20/10/2026"})
    assert dialog.summary.text().startswith("Đã rà soát quy hoạch năm 2026 ngày 20/10/2026")


def test_the_report_menu_opens_both_duties(open_window, monkeypatch):
    from PySide6.QtWidgets import QMenu

    from tanhoi_desktop.ui import duties_dialogs

    window = open_window(seed, as_of=D)
    opened = []
    for cls in (duties_dialogs.UnitTargetsDialog, duties_dialogs.PoolReviewDialog):
        monkeypatch.setattr(cls, "exec", lambda self: opened.append(type(self).__name__))
    actions = {a.text(): a for m in window.menuBar().findChildren(QMenu) for a in m.actions()}
    actions["Chỉ tiêu của các đơn vị…"].trigger()
    actions["Rà soát, bổ sung quy hoạch hằng năm…"].trigger()
    assert opened == ["UnitTargetsDialog", "PoolReviewDialog"]


def test_a_missing_pool_review_is_reminded_from_its_day(open_window, qtbot, monkeypatch):
    from tanhoi_desktop.ui import duties_dialogs

    window = open_window(seed, as_of=D)
    window.store.settings.save({"pool_review_by": "30/11"})
    for unit in ("A", "B"):  # every unit has reported: the bar is the review's
        window.store.submissions.record(unit, 2026, "2026-11-03T09:00:00")
    before = window.remind_submissions(dt.date(2026, 11, 29))  # (the units' reports, maybe)
    assert before is None or "rà soát" not in before
    text = window.remind_submissions(dt.date(2026, 12, 10))
    assert text == ("Chưa ghi nhận rà soát, bổ sung quy hoạch năm 2026 (hạn 30/11/2026). Ghi "
                    "lần rà soát ở Báo cáo → Rà soát, bổ sung quy hoạch hằng năm.")
    bar = window.reminder_bar
    assert bar.isVisibleTo(window)
    opened = []
    monkeypatch.setattr(duties_dialogs.PoolReviewDialog, "exec",
                        lambda self: opened.append(self.windowTitle()))
    qtbot.mouseClick(bar.show_button, Qt.MouseButton.LeftButton)
    assert opened == ["Rà soát, bổ sung quy hoạch hằng năm"]
    assert window.remind_submissions(dt.date(2026, 12, 10)) is None  # once a day
    window.store.records.save("pool_reviews", {"year": 2026, "review_date": "05/12/2026"})
    assert window.remind_submissions(dt.date(2026, 12, 11)) is None


def test_the_units_written_reports_are_shown_to_draw_on(store, qtbot):
    from tanhoi_desktop.ui.unit_reports_dialog import UnitReportsDialog

    seed(store)
    empty = UnitReportsDialog(store, 2026)
    qtbot.addWidget(empty)
    assert empty.note.text().startswith("Chưa đơn vị nào gửi kèm báo cáo viết năm 2026")
    with store._write() as change:  # as an import with the unit's cover would record it
        unit = store._one("SELECT id FROM units WHERE code = 'B'")[0]
        store.submissions._insert_submission(unit, 2026, "2026-11-10T08:00:00", "B.xlsx", None,
                                             None,
                                             None,
                                             {"report_difficulties": "<b>Thiếu</b> cán bộ nữ."})
        change.touch("submissions")
    dialog = UnitReportsDialog(store, 2026)
    qtbot.addWidget(dialog)
    assert dialog.note.text().startswith("1 đơn vị đã gửi kèm báo cáo viết")
    assert dialog.text.toPlainText() == ("Phòng Kinh tế (B) - nhận ngày 10/11/2026\n"
                                         "Khó khăn, hạn chế:\n<b>Thiếu</b> cán bộ nữ.")
    assert dialog.text.isReadOnly()
