"""An activity's state (Tình trạng: Đã thực hiện / Kế hoạch / Hủy; empty = Đã thực hiện):
its rule, its column in the data file (an older file's activities were done), and its
column of the exchange sheet «Hoạt động» (spec/exchange-workbook.md)."""

import sqlite3

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store
from tanhoi_desktop.store.schema import MIGRATIONS

from .test_activities import MEETING
from .test_exchange_core import import_file, workbook

HEADERS = ["Mã hoạt động", "Loại hoạt động", "Nhóm nhiệm vụ", "Tên hoạt động", "Từ ngày",
           "Đơn vị chủ trì", "Tình trạng"]


@pytest.mark.parametrize(("typed", "stored"), [
    (None, "Đã thực hiện"), ("", "Đã thực hiện"), ("ke hoach", "Kế hoạch"),
    ("HỦY", "Hủy"), ("Đã thực hiện", "Đã thực hiện"), ("da thuc hien", "Đã thực hiện")])
def test_a_state_takes_its_canonical_form_and_empty_means_done(typed, stored):
    assert domain.validate(domain.ACTIVITIES, {**MEETING, "state": typed})["state"] == stored


def test_another_state_is_refused_with_the_three_choices():
    with pytest.raises(Invalid) as err:
        domain.validate(domain.ACTIVITIES, {**MEETING, "state": "Hoãn"})
    assert err.value.problems["state"] == ("«Hoãn» không thuộc danh mục («Đã thực hiện», "
                                           "«Kế hoạch», «Hủy»)")


def test_an_older_file_opens_and_its_activities_were_done(tmp_path):
    path = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(path)
    for step in (1, 2, 3):
        conn.executescript(MIGRATIONS[step])
    conn.execute("INSERT INTO units (code, name, kind, in_scope_ct1) "
                 "VALUES ('VHXH', 'Phòng Văn hóa - Xã hội', 'Cơ quan QLNN, chính quyền', 1)")
    conn.execute("INSERT INTO activities (code, kind, task_group, title, from_date, unit_id) "
                 "VALUES ('HD1', 'Khác', 'III.1', 'Hội nghị', '2026-03-05', 1)")
    conn.execute("PRAGMA application_id = 0x54483232")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        (record,) = store.records.iter_records("activities")
        assert record["state"] == "Đã thực hiện"
        store.records.save("activities", {**record, "partner_codes": "", "state": "Hủy"},
                           record["id"])
        assert store.records.get("activities", record["id"])["state"] == "Hủy"


def test_the_data_file_refuses_a_state_outside_the_list(store):
    store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("activities", {**MEETING, "partner_codes": ""})
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute("UPDATE activities SET state = 'Hoãn'")


def test_the_sheet_carries_the_state_and_a_sheet_without_it_keeps_it(store, tmp_path):
    sheets = {
        "Đơn vị": [["Mã đơn vị", "Tên đơn vị"], ["VHXH", "Phòng Văn hóa - Xã hội"]],
        "Hoạt động": [HEADERS,
                      ["HD1", "Khác", "III.1", "Đã làm", "02/03/2026", "VHXH", None],
                      ["HD2", "Khác", "III.1", "Sẽ làm", "02/12/2026", "VHXH", "ke hoach"],
                      ["HD3", "Khác", "III.2", "Bỏ", "02/04/2026", "VHXH", "Hủy"]],
    }
    import_file(store, workbook(tmp_path / "a.xlsx", sheets))
    states = {r["code"]: r["state"] for r in store.records.iter_records("activities")}
    assert states == {"HD1": "Đã thực hiện", "HD2": "Kế hoạch", "HD3": "Hủy"}
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(store, out)
    ws = load_workbook(out)["Hoạt động"]
    headers = [c.value for c in ws[1]]
    assert headers.index("Tình trạng") == headers.index("Đến ngày") + 1
    column = [row[headers.index("Tình trạng")] for row in ws.iter_rows(min_row=2,
                                                                        values_only=True)]
    assert sorted(column) == ["Hủy", "Kế hoạch", "Đã thực hiện"]
    # the round trip changes nothing
    again = import_file(store, out)
    assert again["activities"].unchanged == 3
    # a sheet without the column leaves the stored state alone; an empty cell is done
    without = {"Hoạt động": [HEADERS[:-1],
                             ["HD2", "Khác", "III.1", "Sẽ làm, đổi tên", "02/12/2026", "VHXH"]]}
    import_file(store, workbook(tmp_path / "b.xlsx", without))
    emptied = {"Hoạt động": [HEADERS, ["HD3", "Khác", "III.2", "Bỏ", "02/04/2026", "VHXH",
                                       None]]}
    import_file(store, workbook(tmp_path / "c.xlsx", emptied))
    states = {r["code"]: r["state"] for r in store.records.iter_records("activities")}
    assert states == {"HD1": "Đã thực hiện", "HD2": "Kế hoạch", "HD3": "Đã thực hiện"}


def test_browse_filters_by_state(store):
    store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    for code, state in (("A1", None), ("A2", "Kế hoạch"), ("A3", "Hủy"), ("A4", "Kế hoạch")):
        store.records.save("activities", {**MEETING, "code": code, "partner_codes": "",
                                          "state": state})
    planned = store.browse.page("activities", filters={"state": "Kế hoạch"})
    assert sorted(r["code"] for r in planned) == ["A2", "A4"]
    assert [r["state"] for r in store.browse.page("activities",
                                                  filters={"state": "Hủy"})] == ["Hủy"]
