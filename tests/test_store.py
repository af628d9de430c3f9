import hashlib
import sqlite3

import pytest

from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path):
    return sorted(p.name for p in path.parent.iterdir())


def _refused(path, kind):
    before = _digest(path)
    names = _siblings(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.kind == kind
    assert _digest(path) == before, "a refused file must stay byte-identical"
    assert _siblings(path) == names, "no -wal/-shm/-journal left beside a refused file"
    return err.value.message


def test_new_file_is_marked_and_in_wal_mode(tmp_path):
    path = tmp_path / "new.sqlite"
    Store.open(path, create=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_missing_file_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "none.sqlite"
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.kind == "missing"
    assert "Không tìm thấy" in err.value.message
    assert not path.exists()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    assert "chương trình khác" in _refused(path, "foreign")


def test_empty_and_text_files_are_refused_untouched(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    _refused(empty, "not_database")
    text = tmp_path / "notes.sqlite"
    text.write_text("xin chào", encoding="utf-8")
    assert "không phải tệp dữ liệu" in _refused(text, "not_database")


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    Store.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert "phiên bản mới hơn" in _refused(path, "newer")


def test_truncated_file_is_refused_untouched(tmp_path, store):
    for i in range(300):
        store.records.save("units", {"code": f"U{i}", "name": "Đơn vị " + "x" * 150})
    store.close()
    data = store.path.read_bytes()
    path = tmp_path / "truncated.sqlite"
    path.write_bytes(data[: len(data) // 2])
    assert "bị hỏng" in _refused(path, "damaged")


def test_save_validates_and_resolves_codes(store):
    unit = store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    cadre = store.records.save("cadres", {"code": "c1", "full_name": "Nguyễn Thị Hồng",
                                          "gender": "nu", "unit_code": "VHXH"})
    got = store.records.get("cadres", cadre)
    assert got["unit_code"] == "VHXH" and got["gender"] == "Nữ"
    with pytest.raises(Invalid) as err:
        store.records.save("cadres", {"code": "c2", "full_name": "A", "gender": "Nam",
                                      "unit_code": "KHONGCO"})
    assert "KHONGCO" in err.value.problems["unit_code"]
    with pytest.raises(Invalid) as err:
        store.records.save("units", {"code": "VHXH", "name": "Trùng mã"})
    assert "code" in err.value.problems
    store.records.save("units", {"code": "VHXH", "name": "Phòng VH-XH"}, record_id=unit)
    assert store.records.get("units", unit)["name"] == "Phòng VH-XH"


def test_every_write_announces_what_changed(store):
    seen = []
    store.subscribe(seen.append)
    unit = store.records.save("units", {"code": "A", "name": "A"})
    assert seen[-1].tables == {"units"} and seen[-1].ids["units"] == {unit}
    store.settings.save({"commune_name": "Tân Hòa"})
    assert seen[-1].tables == {"settings"}
    store.settings.save({"commune_name": "Tân Hòa"})  # the same value: no write at all
    assert len(seen) == 2
    with pytest.raises(Invalid):
        store.records.save("units", {"code": "", "name": ""})
    assert len(seen) == 2, "a refused write announces nothing"


def test_unit_in_use_cannot_be_deleted_but_cadre_takes_its_rows(store):
    unit = store.records.save("units", {"code": "A", "name": "A"})
    cadre = store.records.save("cadres", {"code": "c", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                          "unit_code": "A"})
    store.records.save("posts", {"cadre_code": "c", "unit_code": "A", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng"})
    assert store.records.dependents("cadres", cadre) == {"chức vụ lãnh đạo": 1}
    with pytest.raises(StoreError) as err:
        store.records.delete("units", unit)
    assert "1 cán bộ" in err.value.message
    store.records.delete("cadres", cadre)
    assert store.records.count("posts") == 0
    store.records.delete("units", unit)
    assert store.records.count("units") == 0


def test_import_records_is_idempotent_and_keeps_absent_columns(store):
    batch = {"units": [{"code": "A", "name": "Đơn vị A", "note": "giữ lại"}]}
    counts = store.records.import_records(batch, {"units": {"code", "name", "note"}})
    assert counts["units"].added == 1
    again = store.records.import_records(batch, {"units": {"code", "name", "note"}})
    assert (again["units"].added, again["units"].updated) == (0, 0)
    store.records.import_records({"units": [{"code": "A", "name": "Tên mới"}]},
                                 {"units": {"code", "name"}})
    row = next(store.records.iter_records("units"))
    assert row["name"] == "Tên mới" and row["note"] == "giữ lại"


def test_read_only_store_refuses_writes(store):
    store.records.save("units", {"code": "A", "name": "A"})
    store.close()
    ro = Store.open(store.path, read_only=True)
    with pytest.raises(StoreError) as err:
        ro.records.save("units", {"code": "B", "name": "B"})
    assert err.value.kind == "readonly"
    ro.close()


def test_empty_in_scope_cell_on_update_follows_the_stored_kind(store):
    store.records.save("units", {"code": "S", "name": "Trường", "kind": "Đơn vị sự nghiệp công lập",
                                 "in_scope_ct1": True})
    store.records.import_records({"units": [{"code": "S", "name": "Trường", "in_scope_ct1": None}]},
                                 {"units": {"code", "name", "in_scope_ct1"}})
    assert next(store.records.iter_records("units"))["in_scope_ct1"] is False


def _indexes(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT name, tbl_name, sql FROM sqlite_master "
                                   "WHERE type = 'index' AND sql IS NOT NULL").fetchall())
    finally:
        conn.close()


def _cadre_batch(n):
    from tanhoi_desktop import domain
    units = [domain.validate(domain.ENTITY["units"], {"code": "DV", "name": "Đơn vị"})]
    cadres = [domain.validate(domain.ENTITY["cadres"], {
        "code": f"CB{i}", "full_name": f"Nguyễn Thị {chr(65 + i % 26)}", "gender": "Nữ",
        "unit_code": "DV"}) for i in range(n)]
    present = {"units": {"code", "name"}, "cadres": {"code", "full_name", "gender", "unit_code"}}
    return {"units": units, "cadres": cadres}, present


def test_big_import_into_empty_tables_rebuilds_the_same_indexes(store, monkeypatch, tmp_path):
    from tanhoi_desktop.store import records
    fresh = Store.open(tmp_path / "fresh.sqlite", create=True)
    fresh.close()
    expected = _indexes(tmp_path / "fresh.sqlite")
    monkeypatch.setattr(records, "DEFER_INDEXES_FROM", 2)
    batch, present = _cadre_batch(30)
    counts = store.records.import_records(batch, present)
    assert counts["cadres"].added == 30
    assert _indexes(store.path) == expected
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM cadres ORDER BY sort_key").fetchall()
    assert "cadres_sort" in " ".join(str(r) for r in plan)
    conn.close()
    names = [r["full_name"] for r in store.records.iter_records("cadres")]
    assert len(names) == 30
    again = store.records.import_records(batch, present)
    assert (again["cadres"].added, again["cadres"].updated) == (0, 0)


def test_failed_big_import_keeps_indexes_and_writes_nothing(store, monkeypatch, tmp_path):
    from tanhoi_desktop.store import records
    before = _indexes(store.path)
    monkeypatch.setattr(records, "DEFER_INDEXES_FROM", 2)

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(type(store), "_audit_many", broken)
    batch, present = _cadre_batch(30)
    with pytest.raises(StoreError):
        store.records.import_records(batch, present)
    assert _indexes(store.path) == before
    assert store.records.count("cadres") == 0 and store.records.count("units") == 0


def test_saving_a_record_reads_inside_its_transaction_and_once(store):
    unit = store.records.save("units", {"code": "A", "name": "Phòng A"})
    cadre = store.records.save("cadres", {"code": "c1", "full_name": "Lê Thị Lan", "gender": "Nữ",
                                          "unit_code": "A"})
    edited = {**store.records.get("cadres", cadre), "position": "Chuyên viên"}
    statements = []
    conn = store._conn
    conn.set_trace_callback(lambda sql: statements.append((sql.split()[0].upper(),
                                                           conn.in_transaction, sql)))
    try:
        store.records.save("cadres", edited, cadre)
    finally:
        conn.set_trace_callback(None)
    reads = [(inside, sql) for verb, inside, sql in statements if verb in ("SELECT", "WITH")]
    before_get = len([s for v, _i, s in statements if v == "SELECT"])
    assert len(reads) >= 4 and all(inside for inside, _sql in reads), statements
    by_id = [sql for _inside, sql in reads if f"WHERE t.id = {cadre}" in sql]
    assert len(by_id) == 1, by_id  # the record as stored, read once
    assert before_get == len(reads)
    assert store.records.get("cadres", cadre)["position"] == "Chuyên viên" and unit
