"""An import undone and done again as one step (store/import_undo): undoing brings every
table back to what it held before the import (added records gone, updated ones with their
before values, links and the unit's recorded report too), doing it again brings back what
the import left, with the same ids; both are audited. A record changed since (by another
program here) makes either refuse, with nothing written."""

from __future__ import annotations

import pytest

from tanhoi_desktop.domain import ENTITIES
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import ImportMoved, Store


def the_data(store: Store) -> dict:
    """Everything a user sees of the file: every record with its id, the links, the
    units' reports received and the written report texts."""
    data = {e.name: list(store.records.iter_records(e.name)) for e in ENTITIES}
    data["submissions"] = [dict(r) for r in store._rows("SELECT * FROM submissions")]
    data["report_texts"] = store.texts.for_report("2026")
    return data


def ours(store: Store) -> None:
    for code, name in (("VP", "Văn phòng"), ("KT", "Phòng Kinh tế")):
        store.records.save("units",
                           {"code": code, "name": name, "kind": "Cơ quan QLNN, chính quyền"})
    store.records.save("cadres", {"code": "CB001", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "VP"})
    store.records.save("activities", {"code": "HD001", "title": "Tập huấn bình đẳng giới",
                                      "kind": "Hội nghị, tập huấn", "task_group": "III.1",
                                      "from_date": "2026-03-08", "unit_code": "VP",
                                      "partner_codes": "KT"})
    store.texts.save("2026", {"assessment": "Đánh giá cũ"})


def theirs(store: Store) -> None:
    """The same commune later: two records changed, a unit, a cadre, her post and an
    activity added; an activity's partners changed; a report text rewritten."""
    ours(store)
    vp = next(u for u in store.browse.page("units") if u["code"] == "VP")
    store.records.save("units", {**{k: v for k, v in vp.items() if k != "id"},
                                 "name": "Văn phòng HĐND và UBND"}, vp["id"])
    store.records.save("units",
                       {"code": "HND", "name": "Hội Nông dân", "kind": "MTTQ, tổ chức CT-XH"})
    mai = store.browse.page("cadres")[0]
    store.records.save("cadres", {**{k: v for k, v in mai.items() if k != "id"},
                                  "full_name": "Lê Thị Mai Anh"}, mai["id"])
    store.records.save("cadres", {"code": "CB002", "full_name": "Trần Thị Hoa", "gender": "Nữ",
                                  "unit_code": "HND"})
    store.records.save("posts", {"cadre_code": "CB002", "unit_code": "HND", "title": "Chủ tịch",
                                 "level": "Cấp trưởng", "from_date": "2026-01-01"})
    activity = store.browse.page("activities")[0]
    store.records.save("activities", {**{k: v for k, v in activity.items() if k != "id"},
                                      "partner_codes": "KT; HND"}, activity["id"])
    store.records.save("activities", {"code": "HD002", "title": "Hội thi",
                                      "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "from_date": "2026-05-01",
                                      "unit_code": "HND", "partner_codes": "VP"})
    store.texts.save("2026", {"assessment": "Đánh giá mới"})


@pytest.fixture
def workbook(tmp_path):
    with Store.open(tmp_path / "theirs.sqlite", create=True) as source:
        theirs(source)
        exchange.export_workbook(source, tmp_path / "theirs.xlsx")
    return tmp_path / "theirs.xlsx"


def import_into(store: Store, path, sender: exchange.Sender | None = None) -> int:
    plan = exchange.read_workbook(path, store)
    assert not plan.problems
    exchange.apply(plan, store, sender)
    return store.imports.last_batch()


def test_undo_brings_back_the_data_before_the_import_and_redo_what_it_left(store, workbook):
    ours(store)
    before = the_data(store)
    sender = exchange.Sender("HND", 2026, "2026-11-10T09:00:00")
    batch = import_into(store, workbook, sender)
    after = the_data(store)
    assert after != before and len(after["submissions"]) == 1
    assert [c["full_name"] for c in after["cadres"]] == ["Lê Thị Mai Anh", "Trần Thị Hoa"]

    undone = store.imports.undo(batch)
    assert the_data(store) == before
    store.imports.redo(undone)
    assert the_data(store) == after  # the same ids too: later steps still find them
    store.imports.redo(store.imports.undo(batch))  # and again
    assert the_data(store) == after

    trail = store.audit.entries(limit=200)
    actions = [e["action"] for e in trail]
    assert actions.count("undo_import") == 2 and actions.count("redo_import") == 2
    undo_row = next(e for e in trail if e["action"] == "undo_import")
    rows = [e for e in trail if e["batch_id"] == undo_row["id"]]
    assert undo_row["after"]["mục nhật ký của lần nhập"] == batch
    assert undo_row["after"]["số bản ghi"] == len(rows)
    assert {(e["action"], e["record_code"]) for e in rows} >= {
        ("delete", "CB002"), ("delete", "HND"), ("delete", "HD002"), ("edit", "CB001"),
        ("edit", "VP"), ("edit", "HD001"), ("edit", "2026")}
    mai = next(e for e in rows if e["record_code"] == "CB001")
    assert (mai["before"]["full_name"], mai["after"]["full_name"]) == ("Lê Thị Mai Anh",
                                                                       "Lê Thị Mai")
    _entries, broken = store.audit.check()
    assert broken is None


def _other_program(store: Store, change) -> None:
    other = Store.open(store.path)
    try:
        change(other)
    finally:
        other.close()


def _rename_hoa(other: Store) -> None:
    hoa = next(c for c in other.browse.page("cadres") if c["code"] == "CB002")
    other.records.save("cadres", {**{k: v for k, v in hoa.items() if k != "id"},
                                  "full_name": "Trần Thị Hoà Bình"}, hoa["id"])


def _post_for_hoa(other: Store) -> None:
    other.records.save("posts", {"cadre_code": "CB002", "unit_code": "HND", "title": "Phó Chủ tịch",
                                 "level": "Cấp phó", "from_date": "2026-06-01"})


@pytest.mark.parametrize("change, named", [
    (_rename_hoa, "cán bộ «Trần Thị Hoà Bình» (mã CB002)"),
    (_post_for_hoa, "cán bộ «Trần Thị Hoa» (mã CB002) nay đã có thêm 1 chức vụ lãnh đạo"),
])
def test_an_undo_that_would_lose_a_later_change_is_refused(store, workbook, change, named):
    ours(store)
    batch = import_into(store, workbook)
    _other_program(store, change)
    now = the_data(store)
    with pytest.raises(ImportMoved) as refused:
        store.imports.undo(batch)
    assert named in refused.value.message
    assert refused.value.message.startswith("Không hoàn tác được lần nhập này: ")
    assert refused.value.message.endswith("chưa có gì được ghi.")
    assert the_data(store) == now


def test_a_redo_that_would_overwrite_a_later_record_is_refused(store, workbook):
    ours(store)
    undone = store.imports.undo(import_into(store, workbook))
    _other_program(store, lambda other: other.records.save(
        "cadres", {"code": "CB002", "full_name": "Người khác", "gender": "Nam",
                   "unit_code": "KT"}))
    now = the_data(store)
    with pytest.raises(ImportMoved) as refused:
        store.imports.redo(undone)
    assert "cán bộ «Trần Thị Hoa» (mã CB002)" in refused.value.message
    assert the_data(store) == now


def test_an_import_is_undone_after_the_later_import_that_changed_its_records(
        store, workbook, tmp_path):
    """Imports are undone in the order the stack gives (the later one first); the earlier
    one alone is refused while the later one's change to its records stands."""
    ours(store)
    before = the_data(store)
    first = import_into(store, workbook)
    with Store.open(tmp_path / "theirs.sqlite") as source:
        _rename_hoa(source)
        exchange.export_workbook(source, tmp_path / "later.xlsx")
    second = import_into(store, tmp_path / "later.xlsx")
    assert second != first
    with pytest.raises(ImportMoved):
        store.imports.undo(first)
    store.imports.undo(second)
    store.imports.undo(first)
    assert the_data(store) == before
