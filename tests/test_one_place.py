"""Each fact about a kind of record is written once, in domain, and every screen and
message takes it from there: its Vietnamese noun, what names one record, what a
reference points at, and the refusal to delete a unit still in use."""

import dataclasses
import datetime as dt
from fractions import Fraction

import pytest
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop import domain
from tanhoi_desktop.exchange.workbook import unit_figures_lines
from tanhoi_desktop.figures import duties
from tanhoi_desktop.figures.duties import CT3Gap
from tanhoi_desktop.report import content, period, sections
from tanhoi_desktop.report.duties import gap_paragraph, unit_targets_table
from tanhoi_desktop.report.parts import Letterhead
from tanhoi_desktop.store import StoreError
from tanhoi_desktop.ui.record_dialog import RecordDialog
from tanhoi_desktop.ui.tabs.ct3_gap import gap_sentence


def _units_and_cadres(store):
    store.records.save("units", {"code": "VH", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
    for code, name in (("CB1", "Nguyễn Thị Hồng"), ("CB2", "Trần Văn Nam")):
        store.records.save("cadres", {"code": code, "full_name": name, "gender": "Nữ",
                                      "unit_code": "VH"})
    store.records.save("courses", {"code": "BD01", "name": "Lớp bồi dưỡng kỹ năng lãnh đạo",
                                   "kind": "Kỹ năng lãnh đạo, quản lý"})


def test_a_kind_of_record_is_called_what_domain_calls_it(open_window, monkeypatch, qtbot):
    """Rename the noun in domain only: the tab's count, its empty note and the form's
    title all follow."""
    monkeypatch.setitem(domain.ENTITY, "activities",
                        dataclasses.replace(domain.ACTIVITIES, label="việc làm thử"))
    window = open_window()
    tab = window.show_tab("activities")
    tab.refresh()
    assert tab.count_label.text() == "0 việc làm thử"
    assert tab.empty_note.text().startswith("Chưa có việc làm thử nào")
    dialog = RecordDialog(window.store, "activities", None, None, window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Thêm việc làm thử"


@pytest.mark.parametrize(("entity", "record", "name"), [
    ("units", {"code": "VH", "name": "Phòng Văn hóa"}, "Phòng Văn hóa"),
    ("cadres", {"code": "CB1", "full_name": "Nguyễn Thị Hồng"}, "Nguyễn Thị Hồng"),
    ("posts", {"cadre_code": "CB1", "title": "Trưởng phòng"}, "Trưởng phòng"),
    ("activities", {"code": "HD001", "title": "Hội nghị"}, "Hội nghị"),
    ("units", {"code": "VH", "name": ""}, "VH"),  # no name yet: its code
    ("enrolments", {"course_code": "BD01", "cadre_code": "CB1"}, ""),  # none of its own
])
def test_what_names_one_record(entity, record, name):
    assert domain.ENTITY[entity].name_of(record) == name


def test_a_reference_lists_the_records_of_the_table_its_field_names(open_window, qtbot):
    window = open_window(_units_and_cadres)
    dialog = RecordDialog(window.store, "enrolments", None, None, window)
    qtbot.addWidget(dialog)
    course, cadre = dialog.editors["course_code"], dialog.editors["cadre_code"]
    assert [course.itemText(i) for i in range(course.count())] == [
        "Lớp bồi dưỡng kỹ năng lãnh đạo (BD01)"]
    assert [cadre.itemText(i) for i in range(cadre.count())] == [
        "Nguyễn Thị Hồng (CB1)", "Trần Văn Nam (CB2)"]  # by given name: Hồng, Nam


def test_a_unit_in_use_is_refused_in_the_same_words_by_the_window_and_the_store(
        open_window, monkeypatch, qtbot):
    window = open_window(_units_and_cadres)
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()))
    tab = window.units_tab
    tab.refresh()
    unit = window.store.browse.page("units", search="van hoa")[0]["id"]
    assert tab.select_id(unit)
    tab.delete_current()
    with pytest.raises(StoreError) as refused:
        window.store.records.delete("units", unit)
    assert told == [refused.value.message]
    assert told[0] == ("Không xóa được đơn vị «Phòng Văn hóa - Xã hội» vì còn 2 cán bộ "
                       "thuộc đơn vị. Hãy chuyển hoặc xóa các bản ghi đó trước.")
    assert refused.value.kind == "refused" and window.store.records.count("units") == 2
    other = window.store.browse.page("units", search="kinh te")[0]["id"]
    window.store.records.delete("units", other)  # a unit nothing uses goes
    assert window.store.records.count("units") == 1


def test_every_sheet_the_commune_issues_has_one_letterhead(store):
    """The yearly report, the period report, the workforce table and the list of reports
    received: one header and one signature, from the settings, on the day issued."""
    store.settings.save({"commune_name": "Tân Hội", "parent_body": "",
                        "document_number": "12/BC-UBND", "recipients": "UBND tỉnh;\nLưu VT.",
                        "signer_authority": "TM. Ủy ban nhân dân\nKT. Chủ tịch",
                        "signer_title": "Phó Chủ tịch", "signer_name": "Lê Thị Lan"})
    issued, as_of = dt.date(2026, 2, 3), dt.date(2026, 1, 31)
    sheets = [content.build(store, as_of, issued), period.build(store, as_of, issued),
              sections.workforce_sheet(store, as_of, issued),
              sections.submissions_sheet(store, 2025, issued)]
    shared = ("parent_body", "issuing_body", "number", "place_date", "recipients",
              "authority", "signer_title", "signer_name")
    heads = [{name: getattr(sheet, name) for name in shared} for sheet in sheets]
    assert all(isinstance(sheet, Letterhead) for sheet in sheets)
    assert heads == [heads[0]] * 4
    assert heads[0] == {
        "parent_body": "", "issuing_body": "ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI",
        "number": "Số: 12/BC-UBND", "place_date": "Tân Hội, ngày 03 tháng 02 năm 2026",
        "recipients": ["UBND tỉnh;", "Lưu VT."],
        "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Lê Thị Lan"}


def test_the_ct3_gap_is_said_alike_in_the_report_and_the_training_tab():
    gap = CT3Gap(women=16, trained=12, untrained=(), milestone=Fraction(73, 100),
                 target=Fraction(9, 10), need_for_milestone=0, need_for_target=3)
    assert gap.steps(2026) == (["3 người để đạt mục tiêu 90,0 %"], ["mốc năm 2026 (73,0 %)"])
    assert gap_paragraph(gap, 2026) == (
        "Nữ trong quy hoạch đã được đào tạo, bồi dưỡng: 12/16 (75,0 %). Đã đạt mốc năm 2026 "
        "(73,0 %). Cần đào tạo thêm 3 người để đạt mục tiêu 90,0 %.")
    assert gap_sentence(gap, dt.date(2026, 11, 15)) == (
        "Ngày 15/11/2026: 12/16 nữ trong quy hoạch đã được đào tạo, bồi dưỡng (75,0 %); đã "
        "đạt mốc năm 2026 (73,0 %); cần đào tạo thêm 3 người để đạt mục tiêu 90,0 %.")
    no_milestone = dataclasses.replace(gap, milestone=None, need_for_milestone=None,
                                       need_for_target=0)
    assert no_milestone.steps(2026) == ([], ["mục tiêu 90,0 %"])
    assert gap_paragraph(no_milestone, 2026).endswith("(75,0 %). Đã đạt mục tiêu 90,0 %.")


def test_a_units_targets_are_worded_alike_in_the_report_and_its_workbook(store):
    """The yearly report's table says them short (a narrow column), the unit's
    pre-filled workbook in full; both from UnitProgress.targets_in_words."""
    store.records.save("units", {"code": "VH", "name": "Phòng Văn hóa - Xã hội"})
    year = dt.date.today().year
    store.records.save("unit_targets", {"unit_code": "VH", "year": year,
                                        "female_key_leader": True, "pool_women_percent": 40,
                                        "women_to_train": 2})
    found = duties.compute(store, dt.date.today())
    table = unit_targets_table(found, "Chỉ tiêu của các đơn vị")
    assert table.rows[0][2] == ("có nữ lãnh đạo chủ chốt; nữ QH từ 40\u00a0%; "
                                "đào tạo 2 nữ")
    cover = dict(unit_figures_lines(store, "VH", year))
    assert cover[f"Chỉ tiêu ({year})"] == ("có nữ lãnh đạo chủ chốt; nữ trong quy hoạch từ "
                                           "40 %; đào tạo 2 nữ")
