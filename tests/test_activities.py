"""Activities and the budget: the rules of each field, storage with the units taking
part, the roll-up of spending, the queries the yearly report uses, and the two sheets
of the exchange workbook."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import plan_work
from tanhoi_desktop.store import Store, StoreError

from .test_exchange_core import import_file, workbook

MEETING = {"code": "HD01", "kind": "Hội nghị, tập huấn", "task_group": "III.1",
           "title": "Hội nghị quán triệt Quyết định 2282", "from_date": "05/03/2026",
           "to_date": "05/03/2026", "unit_code": "VHXH", "partner_codes": "KT; VP",
           "participants": "60", "participants_women": "25", "cost": "1.250.000",
           "funding": "Ngân sách nhà nước"}
INSPECTION = {"code": "KT01", "kind": "Thanh tra, kiểm tra", "task_group": "III.5",
              "title": "Kiểm tra công tác cán bộ nữ tại Phòng Kinh tế",
              "from_date": "10/06/2026", "unit_code": "VHXH", "participants": 5,
              "participants_women": 2, "findings": "Chưa có nữ trong quy hoạch cấp trưởng",
              "recommendations": "Bổ sung quy hoạch", "follow_up": "Đang khắc phục",
              "follow_up_date": "01/09/2026"}


@pytest.fixture
def units(store):
    for code, name in (("VHXH", "Phòng Văn hóa - Xã hội"), ("KT", "Phòng Kinh tế"),
                       ("VP", "Văn phòng HĐND và UBND")):
        store.records.save("units", {"code": code, "name": name})
    return store


def problems(values):
    with pytest.raises(Invalid) as err:
        domain.validate(domain.ACTIVITIES, values)
    return err.value.problems


# --- the rules --------------------------------------------------------------------------

def test_a_good_activity_takes_its_canonical_form():
    v = domain.validate(domain.ACTIVITIES, {**MEETING, "kind": "hoi nghi tap huan",
                                            "funding": "NGAN SACH NHA NUOC",
                                            "partner_codes": "VP, KT;KT"})
    assert (v["kind"], v["funding"], v["partner_codes"]) == (
        "Hội nghị, tập huấn", "Ngân sách nhà nước", ("KT", "VP"))
    assert (v["participants"], v["participants_women"], v["cost"]) == (60, 25, 1_250_000)
    assert v["from_date"] == "2026-03-05"


@pytest.mark.parametrize("typed", ["III.2", "iii.2", "Đào tạo, bồi dưỡng gắn với quy hoạch, "
                                   "tạo nguồn cán bộ nữ", domain.task_group_text("III.2")])
def test_a_task_group_is_known_by_its_code_or_its_title(typed):
    assert domain.validate(domain.ACTIVITIES, {**MEETING, "task_group": typed})[
        "task_group"] == "III.2"


def test_women_may_not_outnumber_the_participants():
    assert problems({**MEETING, "participants": "10", "participants_women": "11"}) == {
        "participants_women": "số nữ (11) không được lớn hơn tổng số người tham gia (10)"}
    assert domain.validate(domain.ACTIVITIES, {**MEETING, "participants": 10,
                                               "participants_women": 10})
    assert problems({**MEETING, "participants": None, "participants_women": "3"}) == {
        "participants_women": "có số nữ thì phải ghi tổng số người tham gia"}


def test_the_end_may_not_come_before_the_start():
    assert problems({**MEETING, "to_date": "04/03/2026"}) == {
        "to_date": "«Đến ngày» không được trước «Từ ngày»"}


@pytest.mark.parametrize("field, value, message", [
    ("participants", "-3", "số người không được âm"),
    ("participants", "mười", "không phải số người"),
    ("participants_women", "2,5", "không phải số người"),
    ("cost", "-5.000", "kinh phí không được âm"),
    ("cost", "một triệu", "không phải số tiền"),
    ("kind", "Hội thảo", "không thuộc danh mục"),
    ("task_group", "III.9", "không thuộc danh mục"),
    ("funding", "Vay", "không thuộc danh mục"),
    ("from_date", "31/02/2026", "không tồn tại"),
    ("title", "", "không được để trống"),
    ("unit_code", None, "không được để trống"),
])
def test_each_bad_value_is_named(field, value, message):
    assert message in problems({**MEETING, field: value})[field]


def test_an_amount_is_whole_dong_written_either_way():
    for typed in ("1.250.000", "1250000", "1 250 000", "1.250.000 đồng", 1250000, 1250000.0):
        assert domain.validate(domain.ACTIVITIES, {**MEETING, "cost": typed})["cost"] == \
            1_250_000
    assert "số đồng nguyên" in problems({**MEETING, "cost": 1250.5})["cost"]
    assert domain.format_dong(1_250_000) == "1.250.000"
    assert domain.format_dong(0) == "0" and domain.format_dong(None) == ""


def test_a_cost_needs_its_funding_source():
    assert problems({**MEETING, "funding": None}) == {
        "funding": "có kinh phí thì phải chọn nguồn kinh phí"}


def test_findings_belong_to_inspections_only():
    assert domain.validate(domain.ACTIVITIES, INSPECTION)["follow_up"] == "Đang khắc phục"
    found = problems({**INSPECTION, "kind": "Tuyên truyền, giáo dục"})
    assert set(found) == {"findings", "recommendations", "follow_up", "follow_up_date"}
    assert found["findings"] == "chỉ ghi cho hoạt động loại «Thanh tra, kiểm tra»"
    assert problems({**INSPECTION, "follow_up": None}) == {
        "follow_up": "có ngày cập nhật thì phải chọn tình trạng khắc phục"}
    assert "không được trước" in problems({**INSPECTION, "follow_up_date": "01/01/2026"})[
        "follow_up_date"]


def test_a_budget_year_is_a_plausible_year():
    line = {"year": "2026", "unit_code": "VP", "funding": "Khác", "estimate": "3.000.000"}
    assert domain.validate(domain.BUDGET, line)["year"] == 2026
    for bad in ("26", "năm nay", "1850"):
        with pytest.raises(Invalid) as err:
            domain.validate(domain.BUDGET, {**line, "year": bad})
        assert "không phải năm hợp lệ" in err.value.problems["year"]


# --- the store ------------------------------------------------------------------------------

def test_an_activity_is_saved_with_the_units_taking_part(units):
    record_id = units.records.save("activities", MEETING)
    stored = units.records.get("activities", record_id)
    assert stored["partner_codes"] == ("KT", "VP") and stored["cost"] == 1_250_000
    units.records.save("activities", {**MEETING, "partner_codes": "VP"}, record_id)
    assert units.records.get("activities", record_id)["partner_codes"] == ("VP",)
    entry = units.audit.entries(table="activities")[0]
    assert entry["action"] == "edit" and entry["before"] == {"partner_codes": ["KT", "VP"]}
    units.records.delete("activities", record_id)
    assert units.records.count("activity_units") == 0 and units.records.count("activities") == 0


def test_an_unknown_unit_code_is_refused_and_nothing_is_written(units):
    with pytest.raises(Invalid) as err:
        units.records.save("activities",
                           {**MEETING, "partner_codes": "KT, XYZ", "unit_code": "ABC"})
    assert err.value.problems == {"unit_code": "không có đơn vị mã «ABC»",
                                  "partner_codes": "không có đơn vị mã «XYZ»"}
    assert units.records.count("activities") == 0 and units.records.count("activity_units") == 0


def test_an_activity_code_is_one_kind_of_record(units):
    with pytest.raises(Invalid) as err:
        units.records.save("activities", {**MEETING, "code": "KT"})
    assert "đã được dùng cho đơn vị «Phòng Kinh tế»" in err.value.problems["code"]
    units.records.save("activities", MEETING)
    with pytest.raises(Invalid) as err:
        units.records.save("courses", {"code": "HD01", "name": "Tin học", "kind": "Tin học"})
    assert "hoạt động «Hội nghị quán triệt Quyết định 2282»" in err.value.problems["code"]


def test_a_unit_in_an_activity_or_budget_is_not_deleted(units):
    units.records.save("activities", MEETING)
    units.plan.set_budget_amount(2026, "VP", "Khác", "estimate", "100.000")
    vp = next(u for u in units.records.iter_records("units") if u["code"] == "VP")
    with pytest.raises(StoreError) as err:
        units.records.delete("units", vp["id"])
    assert "1 hoạt động phối hợp, 1 dòng kinh phí" in err.value.message


def test_browse_searches_without_diacritics_and_sorts_in_vietnamese_order(units):
    for code, title, day in (("A1", "Đối thoại với nữ cán bộ", "01/02/2026"),
                             ("A2", "Dự thảo nghị quyết có lồng ghép giới", "01/03/2026"),
                             ("A3", "Tuyên truyền trên loa", "01/01/2025")):
        units.records.save("activities", {**MEETING, "code": code, "title": title, "from_date": day,
                                          "to_date": None})
    titles = [r["title"] for r in units.browse.page("activities", sort="title")]
    assert titles == ["Dự thảo nghị quyết có lồng ghép giới", "Đối thoại với nữ cán bộ",
                      "Tuyên truyền trên loa"]  # D before Đ, not by code point
    assert [r["code"] for r in units.browse.page("activities", search="doi thoai")] == ["A1"]
    assert [r["code"] for r in units.browse.page("activities", search="a3")] == ["A3"]
    assert units.browse.count("activities", filters={"year": "2026"}) == 2


def test_the_years_work_adds_up_the_activities_done_by_task_group(units):
    units.records.save("activities", MEETING)
    units.records.save("activities", {**MEETING, "code": "HD02", "participants": 40,
                                      "participants_women": 30, "cost": "750.000"})
    units.records.save("activities", INSPECTION)
    units.records.save("activities", {**MEETING, "code": "HD03", "from_date": "05/03/2025",
                                      "to_date": None})  # another year
    work = plan_work.compute(units, dt.date(2026, 12, 31))
    groups = work.groups
    assert [g.code for g in groups] == list(domain.TASK_GROUPS)
    first = groups[0]
    assert (first.done, first.participants, first.women, first.cost) == \
        (2, 100, 55, 2_000_000)
    assert first.title == domain.TASK_GROUPS["III.1"]
    assert [i["code"] for i in first.items] == ["HD01", "HD02"]
    assert first.items[0]["unit_name"] == "Phòng Văn hóa - Xã hội"
    inspection = groups[4].items[0]
    assert (inspection["follow_up"], inspection["findings"]) == (
        "Đang khắc phục", INSPECTION["findings"])
    assert groups[1].done == 0 and groups[1].items == []


def test_budget_rolls_up_activities_and_courses(units):
    units.records.save("activities", MEETING)  # 1.250.000 by VHXH, state budget
    units.records.save("activities", {**MEETING, "code": "HD02", "cost": 500_000,
                                      "funding": "Tài trợ, đóng góp"})
    units.plan.set_budget_amount(2026, "VHXH", "Ngân sách nhà nước", "estimate", "5.000.000")
    units.plan.set_budget_amount(2026, "VHXH", "Ngân sách nhà nước", "spent", "200000")
    # a course of 1.000.001 đồng, two cadres of KT and one of VP enrolled
    units.records.save("courses", {"code": "K1", "name": "Kỹ năng lãnh đạo", "kind": "Khác",
                                   "from_date": "01/04/2026", "cost": "1.000.001"})
    for code, unit in (("c1", "KT"), ("c2", "KT"), ("c3", "VP")):
        units.records.save("cadres", {"code": code, "full_name": f"Lê Thị {code}", "gender": "Nữ",
                                      "unit_code": unit})
        units.records.save("enrolments", {"course_code": "K1", "cadre_code": code})
    units.records.save("courses", {"code": "K2", "name": "Chưa có học viên", "kind": "Khác",
                                   "from_date": "01/05/2026", "cost": 300_000})
    table = {(r["unit_code"], r["funding"]): r for r in units.plan.budget_table(2026)}
    vhxh = table[("VHXH", "Ngân sách nhà nước")]
    assert (vhxh["estimate"], vhxh["spent_entered"], vhxh["spent_activities"],
            vhxh["spent"]) == (5_000_000, 200_000, 1_250_000, 1_450_000)
    assert table[("VHXH", "Tài trợ, đóng góp")]["spent_activities"] == 500_000
    assert table[("KT", "Ngân sách nhà nước")]["spent_courses"] == 666_667
    assert table[("VP", "Ngân sách nhà nước")]["spent_courses"] == 333_334
    assert table[(None, "Ngân sách nhà nước")]["spent_courses"] == 300_000
    assert all(isinstance(r["spent"], int) for r in table.values())
    totals = units.plan.budget_totals(2026)
    assert totals["Tổng cộng"] == {"estimate": 5_000_000,
                                   "spent": 200_000 + 1_750_000 + 1_000_001 + 300_000}
    assert units.plan.budget_table(2025) == []


def test_a_bad_budget_amount_is_refused_with_its_reason(units):
    with pytest.raises(Invalid) as err:
        units.plan.set_budget_amount(2026, "VP", "Khác", "estimate", "năm triệu")
    assert "không phải số tiền" in err.value.problems["estimate"]
    assert units.records.count("budget") == 0
    units.plan.set_budget_amount(2026, "VP", "Khác", "estimate", "1.000.000")
    units.plan.set_budget_amount(2026, "VP", "Khác", "estimate", "2.000.000")
    assert [(r["estimate"]) for r in units.records.iter_records("budget")] == [2_000_000]


def test_share_by_weight_adds_up_exactly():
    from tanhoi_desktop.store.plan import share_by_weight
    shares = share_by_weight(100, {"a": 1, "b": 1, "c": 1})
    assert sum(shares.values()) == 100 and sorted(shares.values()) == [33, 33, 34]
    assert share_by_weight(5, {}) == {}


# --- the workbook ---------------------------------------------------------------------------

ACT_H = ["Mã hoạt động", "Loại hoạt động", "Nhóm nhiệm vụ", "Tên hoạt động", "Từ ngày",
         "Đơn vị chủ trì", "Đơn vị phối hợp", "Số người tham gia", "Trong đó nữ", "Kinh phí",
         "Nguồn kinh phí"]


def unit_sheet():
    return [["Mã đơn vị", "Tên đơn vị"], ["VHXH", "Phòng Văn hóa - Xã hội"],
            ["KT", "Phòng Kinh tế"]]


def test_the_activities_sheet_imports_and_exports_the_same(store, tmp_path):
    sheets = {
        "Đơn vị": unit_sheet(),
        "hoat dong": [["Kế hoạch năm 2026"], [], ["MA HOAT DONG", *ACT_H[1:]],
                      ["HD1", "tuyen truyen, giao duc", "III.1", "Tuyên truyền trên loa",
                       "02/01/2026", "VHXH", "KT", 0, 0, "1.000.000", "Ngân sách nhà nước"],
                      ["HD2", "Hội nghị, tập huấn", "III.4. Nâng cao năng lực nữ cán bộ, hội "
                       "nhập quốc tế", "Tập huấn kỹ năng", "15/05/2026", "KT", "VHXH; KT",
                       30, 18, 2500000, "Chương trình mục tiêu quốc gia"]],
        "Kinh phí": [["Năm", "Mã đơn vị", "Nguồn kinh phí", "Dự toán", "Thực hiện"],
                     [2026, "VHXH", "Ngân sách nhà nước", "10.000.000", None]],
    }
    counts = import_file(store, workbook(tmp_path / "a.xlsx", sheets))
    assert (counts["activities"].added, counts["budget"].added) == (2, 1)
    hd2 = next(r for r in store.records.iter_records("activities") if r["code"] == "HD2")
    assert (hd2["task_group"], hd2["partner_codes"]) == ("III.4", ("KT", "VHXH"))
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(store, out)
    ws = load_workbook(out)["Hoạt động"]
    headers = [c.value for c in ws[1]]
    row = dict(zip(headers, [c.value for c in ws[3]], strict=True))
    assert row["Đơn vị phối hợp"] == "KT, VHXH" and row["Kinh phí"] == 2_500_000
    assert row["Nhóm nhiệm vụ"] == domain.task_group_text("III.4")
    assert ws.cell(3, headers.index("Kinh phí") + 1).number_format == "#,##0"
    with Store.open(tmp_path / "new.sqlite", create=True) as fresh:
        import_file(fresh, out)
        for table in ("activities", "budget"):
            strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
            assert strip(fresh.records.iter_records(table)) == \
                strip(store.records.iter_records(table))
    again = import_file(store, out)  # the same workbook twice changes nothing
    assert (again["activities"].unchanged, again["budget"].unchanged) == (2, 1)


def test_every_problem_of_the_activities_sheet_is_listed_and_nothing_written(store,
                                                                           tmp_path):
    sheets = {
        "Đơn vị": unit_sheet(),
        "Hoạt động": [ACT_H,
                      ["HD1", "Tuyên truyền, giáo dục", "III.1", "A", "02/01/2026", "VHXH",
                       "KT, ZZ", 10, 12, None, None],
                      ["HD2", "Hội thảo", "III.1", "B", "02/01/2026", "QQ", None, None, None,
                       "5.000", "Ngân sách nhà nước"],
                      ["HD4", "Khác", "III.2", "C", "02/01/2026", "KT", None, None, None,
                       None, None],
                      ["HD4", "Khác", "III.3", "D", "03/01/2026", "KT", None, None, None,
                       None, None]],
    }
    plan = exchange.read_workbook(workbook(tmp_path / "a.xlsx", sheets), store)
    assert plan.problems == [
        "Hoạt động, dòng 2, Trong đó nữ: số nữ (12) không được lớn hơn tổng số người tham "
        "gia (10)",
        "Hoạt động, dòng 2, Đơn vị phối hợp: không có đơn vị mã «ZZ» trong tệp hoặc trong "
        "dữ liệu",
        "Hoạt động, dòng 3, Loại hoạt động: «Hội thảo» không thuộc danh mục («Tuyên truyền, "
        "giáo dục», «Hội nghị, tập huấn», «Thanh tra, kiểm tra», «Giám sát, phản biện xã hội "
        "(MTTQ, đoàn thể)», «Lồng ghép giới trong văn bản», «Khác»)",
        "Hoạt động, dòng 3, Đơn vị chủ trì: không có đơn vị mã «QQ» trong tệp hoặc trong "
        "dữ liệu",
        "Hoạt động, dòng 5, Mã hoạt động: mã trùng với dòng 4"]
    assert plan.batches == {} and store.records.count("units") == 0
