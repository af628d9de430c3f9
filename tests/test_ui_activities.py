"""The Hoạt động and Kinh phí tabs on the real widgets."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop import domain
from tanhoi_desktop.ui.record_dialog import RecordDialog

from .test_activities import INSPECTION, MEETING


def three_units(store):
    for code, name in (("VHXH", "Phòng Văn hóa - Xã hội"), ("KT", "Phòng Kinh tế"),
                       ("VP", "Văn phòng HĐND và UBND")):
        store.records.save("units", {"code": code, "name": name})


@pytest.fixture
def window(open_window):
    return open_window(seed=three_units, settle=False)


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_adding_an_activity_through_the_form(window, qtbot, monkeypatch):
    tab = window.show_tab("activities")
    choose(tab.year, 2026)
    dialog = RecordDialog(window.store, "activities", parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.editors["code"], "HD01")
    choose(dialog.editors["kind"], "Hội nghị, tập huấn")
    choose(dialog.editors["task_group"], "III.1")
    dialog.editors["title"].insert("Hội nghị quán triệt Quyết định 2282")
    dialog.editors["from_date"].insert("05/03/2026")
    choose(dialog.editors["unit_code"], "VHXH")
    partners = dialog.editors["partner_codes"]
    partners.filter.setText("kinh te")  # filtered without diacritics
    shown = [partners.list.item(i) for i in range(partners.list.count())
             if not partners.list.item(i).isHidden()]
    assert [item.text() for item in shown] == ["Phòng Kinh tế (KT)"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    dialog.editors["participants"].insert("60")
    dialog.editors["participants_women"].insert("25")
    dialog.editors["cost"].insert("1.250.000")
    choose(dialog.editors["funding"], "Ngân sách nhà nước")
    assert not dialog.editors["findings"].isEnabled()  # not an inspection
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = window.store.records.get("activities", dialog.saved_id)
    assert (stored["partner_codes"], stored["cost"]) == (("KT",), 1_250_000)
    assert [r["code"] for r in tab.model.rows] == ["HD01"]
    assert "1 hoạt động" in tab.summary.text() and "1.250.000 đồng" in tab.summary.text()
    keys = [c.key for c in tab.model.columns]
    assert tab.model.data(tab.model.index(0, keys.index("cost"))) == "1.250.000"
    assert tab.model.data(tab.model.index(0, keys.index("task_group"))) == \
        domain.task_group_text("III.1")


def test_a_bad_value_is_shown_under_its_field_and_nothing_changes(window, qtbot):
    record_id = window.store.records.save("activities", MEETING)
    dialog = RecordDialog(window.store, "activities", record_id, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.editors["cost"].text() == "1.250.000"
    assert dialog.editors["partner_codes"].codes() == ["KT", "VP"]
    dialog.editors["participants_women"].setText("61")
    dialog.editors["to_date"].setText("01/03/2026")
    dialog.editors["cost"].setText("một triệu")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.errors["participants_women"].text() == \
        "Số nữ (61) không được lớn hơn tổng số người tham gia (60)"
    assert dialog.errors["to_date"].text() == "«Đến ngày» không được trước «Từ ngày»"
    assert "không phải số tiền" in dialog.errors["cost"].text()
    assert not dialog.errors["participants_women"].isHidden()
    assert dialog.errors["title"].isHidden()
    assert window.store.records.get("activities", record_id)["participants_women"] == 25


def test_inspection_fields_open_for_inspections(window, qtbot):
    record_id = window.store.records.save("activities", INSPECTION)
    dialog = RecordDialog(window.store, "activities", record_id, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.editors["findings"].isEnabled()
    assert dialog.editors["follow_up"].currentData() == "Đang khắc phục"
    choose(dialog.editors["kind"], "Tuyên truyền, giáo dục")
    assert dialog.editors["findings"].isEnabled()  # it holds text: never dropped silently
    dialog.save()
    assert dialog.errors["findings"].text() == "Chỉ ghi cho hoạt động loại «Thanh tra, kiểm tra»"
    assert window.store.records.get("activities", record_id)["kind"] == "Thanh tra, kiểm tra"


def test_search_without_diacritics_and_delete_asks(window, qtbot, monkeypatch,
                                                  qtmodeltester):
    window.store.records.save("activities", MEETING)
    window.store.records.save("activities", INSPECTION)
    tab = window.show_tab("activities")
    choose(tab.year, 2026)
    assert tab.model.total == 2
    qtmodeltester.check(tab.model)
    qtbot.keyClicks(tab.search, "kiem tra cong tac")
    assert [r["code"] for r in tab.model.rows] == ["KT01"]
    tab.search.clear()
    choose(tab.task_group, "III.1")
    assert [r["code"] for r in tab.model.rows] == ["HD01"]
    tab.select_id(tab.model.rows[0]["id"])
    asked = []

    def answer(box, reply):
        asked.append(box.text())
        return next(b for b in box.buttons() if b.text() == reply).click()

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Hủy"))
    tab.delete_current()
    assert asked[0].startswith("Xóa hoạt động «Hội nghị quán triệt Quyết định 2282»?")
    assert window.store.records.count("activities") == 2
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Xóa"))
    tab.delete_current()
    assert window.store.records.count("activities") == 1 and tab.model.total == 0
    choose(tab.year, 2027)
    choose(tab.task_group, None)
    assert tab.model.total == 0 and "Năm 2027:</b> 0 hoạt động" in tab.summary.text()
    choose(tab.year, None)
    assert tab.model.total == 1 and "Mọi năm:</b> 1 hoạt động" in tab.summary.text()


def test_the_budget_table_rolls_up_and_takes_amounts(window, qtbot, qtmodeltester):
    window.store.records.save("activities", MEETING)
    tab = window.show_tab("budget")
    choose(tab.year, 2026)
    model = tab.model
    assert [(r["unit_code"], r["spent_activities"]) for r in model.rows] == [
        ("VHXH", 1_250_000)]
    assert model.data(model.index(0, 6)) == "1.250.000"
    assert model.data(model.index(1, 0)) == "Tổng cộng"  # the total row
    index = model.index(0, 2)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "năm triệu")
    assert "Dự toán của «Phòng Văn hóa - Xã hội», Ngân sách nhà nước:" in tab.problem.text()
    assert not tab.problem.isHidden() and window.store.records.count("budget") == 0
    assert model.setData(index, "5.000.000")
    assert tab.problem.isHidden()
    assert model.rows[0]["estimate"] == 5_000_000
    assert model.data(model.index(0, 7)) == "3.750.000"  # left: estimate - spent
    assert model.setData(model.index(0, 3), "250000")
    assert model.data(model.index(0, 6)) == "1.500.000"
    qtmodeltester.check(model)
    qtbot.keyClicks(tab.search, "kinh te")
    assert model.rows == []
    tab.search.clear()
    choose(tab.year, 2027)
    assert model.rows == [] and model.rowCount() == 0


def test_a_budget_line_is_added_through_its_form(window, qtbot):
    tab = window.show_tab("budget")
    choose(tab.year, 2026)
    dialog = RecordDialog(window.store, "budget", None, {"year": 2026}, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.editors["year"].text() == "2026"
    choose(dialog.editors["unit_code"], "KT")
    choose(dialog.editors["funding"], "Tài trợ, đóng góp")
    dialog.editors["estimate"].insert("12.000.000")
    dialog.editors["spent"].insert("-5")
    dialog.save()
    assert dialog.errors["spent"].text() == "Kinh phí không được âm"
    dialog.editors["spent"].setText("")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [(r["unit_code"], r["funding"], r["estimate"]) for r in tab.model.rows] == [
        ("KT", "Tài trợ, đóng góp", 12_000_000)]


def test_a_year_without_activities_says_so_not_that_nothing_matches(window, qtbot):
    tab = window.show_tab("activities")
    table = tab.current_table()
    year = tab.year.currentData()
    assert year is not None and table.model.total == 0
    assert table.empty_note.text() == (
        f"Chưa có hoạt động nào trong năm {year}. Bấm «Thêm…» để nhập, hoặc nhập từ tệp "
        "Excel (Tệp → Nhập từ Excel…).")
    table.search.setText("tập huấn")  # a search, beside the year: then nothing matches
    assert table.empty_note.text() == ("Không có hoạt động nào khớp với nội dung tìm kiếm và "
                                       "bộ lọc đang chọn.")


def test_the_state_is_chosen_in_the_form_shown_in_the_table_and_filtered(window, qtbot):
    for code, state, day in (("HD1", None, "05/03/2026"), ("HD2", "Kế hoạch", "20/11/2026"),
                             ("HD3", "Hủy", "01/06/2026")):
        window.store.records.save("activities", {**MEETING, "code": code, "state": state,
                                                 "from_date": day, "to_date": day})
    tab = window.show_tab("activities")
    choose(tab.year, 2026)
    keys = [c.key for c in tab.model.columns]
    assert tab.model.headerData(keys.index("state"), Qt.Orientation.Horizontal) == \
        "Tình trạng"
    shown = {r["code"]: tab.model.data(tab.model.index(i, keys.index("state")))
             for i, r in enumerate(tab.model.rows)}
    assert shown == {"HD1": "Đã thực hiện", "HD2": "Kế hoạch", "HD3": "Hủy"}
    assert "3 hoạt động (1 kế hoạch, 1 hủy)" in tab.summary.text()
    assert [tab.state.itemText(i) for i in range(tab.state.count())] == [
        "Mọi tình trạng", "Đã thực hiện", "Kế hoạch", "Hủy"]
    choose(tab.state, "Kế hoạch")
    assert [r["code"] for r in tab.model.rows] == ["HD2"]
    assert "(đang lọc)" in tab.summary.text() and "1 hoạt động" in tab.summary.text()
    choose(tab.state, None)
    assert len(tab.model.rows) == 3
    # the form: a planned activity is marked done once carried out
    hd2 = next(r for r in tab.model.rows if r["code"] == "HD2")
    dialog = RecordDialog(window.store, "activities", hd2["id"], parent=window)
    qtbot.addWidget(dialog)
    editor = dialog.editors["state"]
    assert editor.currentText() == "Kế hoạch"
    choose(editor, "Đã thực hiện")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert window.store.records.get("activities", hd2["id"])["state"] == "Đã thực hiện"
