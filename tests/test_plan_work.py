"""What is true on a date d (spec/plan-work.md): the activities done on d, planned and
cancelled; their sums per task group; the inspections' follow-up known on d; the year's
spending, appointments and training up to d; `work` of `report --json`."""

import datetime as dt
import json

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.figures import plan_work, workforce
from tanhoi_desktop.report import content

from .test_activities import INSPECTION, MEETING
from .test_cli_year import run

D = dt.date(2026, 6, 30)


@pytest.fixture
def commune(store):
    for code, name in (("VHXH", "Phòng Văn hóa - Xã hội"), ("KT", "Phòng Kinh tế"),
                       ("VP", "Văn phòng HĐND và UBND")):
        store.records.save("units", {"code": code, "name": name})
    return store


def activity(store, code, start, end=None, state=None, **kw):
    store.records.save("activities", {**MEETING, "code": code, "from_date": start, "to_date": end,
                                      "state": state, "partner_codes": "", **kw})


@pytest.mark.parametrize(("state", "start", "end", "expected"), [
    (None, "2026-06-30", None, plan_work.DONE),  # its last day is d itself
    ("Đã thực hiện", "2026-06-01", "2026-06-30", plan_work.DONE),
    ("Đã thực hiện", "2026-06-29", "2026-07-01", plan_work.PLANNED),  # ends after d
    ("Đã thực hiện", "2026-07-01", None, plan_work.PLANNED),  # starts after d
    ("Kế hoạch", "2026-03-01", "2026-03-02", plan_work.PLANNED),  # over, not marked done
    ("Hủy", "2026-03-01", None, plan_work.CANCELLED),
    ("Hủy", "2026-09-01", None, plan_work.CANCELLED)])
def test_done_planned_and_cancelled_on_d(state, start, end, expected):
    item = {"state": state, "from_date": start, "to_date": end}
    assert plan_work.state_on(item, D) == expected


def test_the_years_sums_count_only_what_is_done_on_d(commune):
    activity(commune, "A1", "2026-03-05", participants=60, participants_women=25,
             cost=1_000_000)
    activity(commune, "A2", "2026-06-20", "2026-07-02", participants=40,
             participants_women=30, cost=2_000_000)  # done, but after d
    activity(commune, "A3", "2026-04-01", state="Kế hoạch", cost=3_000_000)
    activity(commune, "A4", "2026-05-01", state="Hủy", participants=10,
             participants_women=5, cost=4_000_000)
    activity(commune, "A5", "2026-02-01", task_group="III.3", participants=None,
             participants_women=None, cost=None)  # empty numbers count 0
    activity(commune, "A6", "2025-12-31", cost=9_000_000)  # another year
    work = plan_work.compute(commune, D)
    assert [i["code"] for i in work.done] == ["A1", "A5"]
    assert [i["code"] for i in work.planned] == ["A3", "A2"]
    assert [i["code"] for i in work.cancelled] == ["A4"]
    assert work.as_json() == {
        "year": 2026, "as_of": "2026-06-30",
        "activities": {"done": 2, "planned": 2, "cancelled": 1, "participants": 60,
                       "women": 25, "cost": 1_000_000},
        "by_group": {"III.1": {"done": 1, "participants": 60, "women": 25,
                               "cost": 1_000_000},
                     "III.2": {"done": 0, "participants": 0, "women": 0, "cost": 0},
                     "III.3": {"done": 1, "participants": 0, "women": 0, "cost": 0},
                     "III.4": {"done": 0, "participants": 0, "women": 0, "cost": 0},
                     "III.5": {"done": 0, "participants": 0, "women": 0, "cost": 0}}}
    assert plan_work.summary(commune, D) == work.as_json()  # report --json's way
    later = plan_work.compute(commune, dt.date(2026, 12, 31))
    assert plan_work.summary(commune, dt.date(2026, 12, 31)) == later.as_json()
    assert [i["code"] for i in later.done] == ["A1", "A2", "A5"]  # by group, by date
    assert later.total("cost") == 3_000_000 and len(later.planned) == 1


def test_a_follow_up_dated_after_d_is_not_known_on_d(commune):
    commune.records.save("activities", {**INSPECTION, "partner_codes": ""})  # Đang khắc phục 01/09
    commune.records.save("activities", {**INSPECTION, "code": "KT02", "partner_codes": "",
                                        "follow_up": "Đã khắc phục", "follow_up_date": None})
    on_d = {i["code"]: i["follow_up"] for i in plan_work.compute(commune, D).done}
    assert on_d == {"KT01": "Chưa khắc phục", "KT02": "Đã khắc phục"}
    later = {i["code"]: i["follow_up"] for i in
             plan_work.compute(commune, dt.date(2026, 9, 1)).done}
    assert later == {"KT01": "Đang khắc phục", "KT02": "Đã khắc phục"}


def test_the_status_before_a_later_follow_up_is_reported_on_d(commune):
    """Đang khắc phục (dated 10/06) then Đã khắc phục (dated 20/09): on 30/06 the
    inspection was being fixed, read back from the audit trail of the edits."""
    values = {**INSPECTION, "partner_codes": "", "follow_up": "Đang khắc phục",
              "follow_up_date": "10/06/2026"}
    record_id = commune.records.save("activities", values)
    values.update(follow_up="Đã khắc phục", follow_up_date="2026-09-20")
    commune.records.save("activities", values, record_id)
    values["note"] = "Đã báo cáo"
    commune.records.save("activities", values, record_id)  # an unrelated edit

    def known(day):
        return [i["follow_up"] for i in plan_work.compute(commune, day).done]

    assert known(D) == ["Đang khắc phục"]
    assert known(dt.date(2026, 9, 19)) == ["Đang khắc phục"]
    assert known(dt.date(2026, 9, 20)) == ["Đã khắc phục"]
    assert known(dt.date(2026, 6, 10)) == ["Đang khắc phục"]
    # before any status was dated: not fixed yet
    commune.records.save("activities", {**values, "from_date": "2026-06-01"}, record_id)
    assert known(dt.date(2026, 6, 5)) == ["Chưa khắc phục"]
    # the printed wording says what was known on d
    sheet = content.build(commune, D)
    assert "1 cuộc đang khắc phục" in "\n".join(p for s in sheet.tasks for p in s.paragraphs)


def test_a_follow_up_changed_by_an_import_keeps_the_earlier_one_on_d(commune, tmp_path):
    """The unit's workbook brings the later status: the import's edit keeps what it
    replaced, so the report of 30/06 still says what was known then."""
    from openpyxl import load_workbook

    from tanhoi_desktop.exchange import workbook as exchange

    from .test_exchange_core import import_file

    commune.records.save("activities", {**INSPECTION, "partner_codes": "",
                                        "follow_up_date": "10/06/2026"})  # Đang khắc phục
    out = tmp_path / "don-vi.xlsx"
    exchange.export_workbook(commune, out)
    wb = load_workbook(out)
    ws = wb["Hoạt động"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, headers.index("Mã hoạt động") + 1).value == "KT01")
    status = next(h for h in headers if h.startswith("Tình trạng khắc phục"))
    dated = next(h for h in headers if h.startswith("Ngày cập nhật khắc phục"))
    ws.cell(row, headers.index(status) + 1).value = "Đã khắc phục"
    ws.cell(row, headers.index(dated) + 1).value = "20/09/2026"
    wb.save(out)
    assert import_file(commune, out)["activities"].updated == 1
    assert [i["follow_up"] for i in plan_work.compute(commune, D).done] == ["Đang khắc phục"]
    assert [i["follow_up"] for i in plan_work.compute(commune, dt.date(2026, 9, 20)).done] \
        == ["Đã khắc phục"]


def test_an_earlier_follow_up_comes_only_from_the_records_own_history(commune):
    """A status typed with no earlier one, or a trail that does not lead to the record
    (restored from elsewhere), gives «Chưa khắc phục», never a guess."""
    values = {**INSPECTION, "partner_codes": "", "follow_up": None,
              "follow_up_date": None}
    record_id = commune.records.save("activities", values)
    commune.records.save("activities", {**values, "follow_up": "Đã khắc phục",
                                        "follow_up_date": "20/09/2026"}, record_id)
    assert [i["follow_up"] for i in plan_work.compute(commune, D).done] == ["Chưa khắc phục"]
    item = {"id": record_id, "follow_up": "Đã khắc phục", "follow_up_date": "2026-10-01"}
    assert plan_work.follow_up_history(commune, item) == []  # the trail ends elsewhere


def test_spending_on_d_counts_done_activities_and_courses_begun(commune):
    activity(commune, "A1", "2026-03-05", cost=1_000_000)
    activity(commune, "A2", "2026-07-10", cost=2_000_000)  # done later
    activity(commune, "A3", "2026-04-01", state="Kế hoạch", cost=3_000_000)
    activity(commune, "A4", "2026-05-01", state="Hủy", cost=4_000_000)
    commune.records.save("courses", {"code": "K1", "name": "Lớp tháng tư", "kind": "Khác",
                                     "from_date": "2026-04-01", "to_date": "2026-08-30",
                                     "cost": 500_000})  # begun on d, ends later: counted
    commune.records.save("courses", {"code": "K2", "name": "Lớp tháng chín", "kind": "Khác",
                                     "from_date": "2026-09-01", "cost": 7_000_000})
    commune.plan.set_budget_amount(2026, "VHXH", "Ngân sách nhà nước", "spent", "100.000")
    on_d = commune.plan.budget_totals(2026, D)["Tổng cộng"]["spent"]
    assert on_d == 100_000 + 1_000_000 + 500_000
    year = commune.plan.budget_totals(2026)["Tổng cộng"]["spent"]
    assert year == 100_000 + 1_000_000 + 2_000_000 + 500_000 + 7_000_000


def test_appointments_of_the_year_are_those_made_by_d(commune):
    for code, start in (("c1", "2026-03-01"), ("c2", "2026-09-01")):
        commune.records.save("cadres", {"code": code, "full_name": f"Lê Thị {code}", "gender": "Nữ",
                                        "unit_code": "KT"})
        commune.records.save("posts", {"cadre_code": code, "unit_code": "KT", "title": "Phó phòng",
                                       "level": "Cấp phó", "from_date": start})
    assert len(workforce.compute(commune, D).appointments.items) == 1
    assert len(workforce.compute(commune, dt.date(2026, 12, 31)).appointments.items) == 2


def test_the_training_table_covers_the_year_and_ct3_keeps_its_window(commune):
    commune.records.save("cadres", {"code": "c1", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                    "unit_code": "KT"})
    commune.records.save("cadres", {"code": "c2", "full_name": "Trần Văn An", "gender": "Nam",
                                    "unit_code": "KT"})
    commune.records.save("planning", {"cadre_code": "c1", "title": "Trưởng phòng"})
    for code, end in (("K24", "2024-05-10"), ("K26", "2026-05-10"), ("K27", "2026-08-10")):
        commune.records.save("courses", {"code": code, "name": f"Lớp {code}", "kind": "Tin học",
                                         "from_date": end, "to_date": end})
    commune.records.save("enrolments", {"course_code": "K24", "cadre_code": "c1"})
    commune.records.save("enrolments", {"course_code": "K26", "cadre_code": "c2"})
    commune.records.save("enrolments", {"course_code": "K26", "cadre_code": "c1",
                                        "result": "Chưa hoàn thành"})
    commune.records.save("enrolments", {"course_code": "K27", "cadre_code": "c1"})
    sheet = content.build(commune, D)
    assert sheet.training.title == ("4. Đào tạo, bồi dưỡng năm 2026 (các lớp kết thúc từ "
                                    "01/01/2026 đến 30/06/2026)")
    assert sheet.training.headers[-2:] == ["Hoàn thành", "Nữ hoàn thành"]
    # K26 only: two enrolments, one woman, one completed (the man), no woman completed
    assert sheet.training.rows == [["Tin học", "1", "2", "1", "1", "0"],
                                   ["Cộng", "1", "2", "1", "1", "0"]]
    # CT3 still counts the 2024 course (training_since 01/01/2021)
    assert sheet.values["CT3"] == 1.0


def test_report_json_carries_the_years_work(tmp_path):
    from tanhoi_desktop.store import Store

    path = tmp_path / "w.sqlite"
    with Store.open(path, create=True) as store:
        store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
        activity(store, "A1", "2026-03-05", participants=60, participants_women=25,
                 cost=1_000_000)
        activity(store, "A2", "2026-08-01", task_group="III.4", participants=30,
                 participants_women=20, cost=2_000_000)
        activity(store, "A3", "2026-04-01", state="Hủy")
    for day, done, planned in (("30/06/2026", 1, 1), ("2026-12-31", 2, 0)):
        out = run("report", "--db", path, "--as-of", day, "--json")
        assert out.returncode == 0, out.stderr
        work = json.loads(out.stdout)["work"]
        assert work["year"] == 2026
        assert (work["activities"]["done"], work["activities"]["planned"],
                work["activities"]["cancelled"]) == (done, planned, 1)
        assert list(work["by_group"]) == list(domain.TASK_GROUPS)
    assert work["by_group"]["III.4"] == {"done": 1, "participants": 30, "women": 20,
                                         "cost": 2_000_000}
    assert work["activities"]["cost"] == 3_000_000
