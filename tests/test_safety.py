"""Data safety: backups, restore, audit trail, two writers, failures with a sentence."""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.safety import backups
from tanhoi_desktop.safety.instance_lock import InstanceLock
from tanhoi_desktop.store import SCHEMA_VERSION, Store, StoreError, can_write
from tanhoi_desktop.store.schema import SCHEMA_V1


def _fill(store, n=5):
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    for i in range(n):
        store.records.save("cadres", {"code": f"c{i}", "full_name": f"Nguyễn Thị Hồng {i}",
                                      "gender": "Nữ" if i % 2 else "Nam", "unit_code": "A"})


def _dump(path):
    with Store.open(path, read_only=True) as s:
        return {t: [dict(r) for r in s.records.iter_records(t)]
                for t in ("units", "cadres", "posts", "planning", "courses", "enrolments")}


# --- backups -------------------------------------------------------------------------

def test_backup_damage_restore_gives_back_identical_data(store):
    _fill(store)
    before = _dump(store.path)
    copy = backups.make_backup(store, "thu-cong")
    store.close()
    data = bytearray(store.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wreck a page
    store.path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        Store.open(store.path)
    assert err.value.kind == "damaged"
    good = backups.newest_good(store.path)
    assert good is not None and good.path == copy
    aside = backups.restore(good.path, store.path, current=None)
    assert aside is not None and aside.exists(), "the damaged file is kept aside, not lost"
    assert _dump(store.path) == before
    with Store.open(store.path) as reopened:  # and it is writable again
        reopened.records.save("units", {"code": "B", "name": "B"})


def test_restore_backs_up_the_current_file_first(store):
    _fill(store, 2)
    old = backups.make_backup(store)
    store.records.save("units", {"code": "NEW", "name": "Mới"})
    saved = backups.restore(old, store.path, current=store)
    assert "truoc-khoi-phuc" in saved.name
    assert "NEW" not in {u["code"] for u in _dump(store.path)["units"]}
    assert "NEW" in {u["code"] for u in _dump(saved)["units"]}


def test_backups_are_listed_with_their_figures(store):
    _fill(store, 2)
    path = backups.make_backup(store)
    figures = backups.figures_of(path, dt.date(2026, 11, 15))
    assert figures["CT1"].denominator == 1
    assert backups.list_backups(store.path)[0].path == path


def test_rotation_keeps_ten_newest_and_one_per_month(store):
    folder = backups.backup_dir(store.path)
    start = dt.datetime(2025, 1, 15, 9, 0, 0)
    for day in range(0, 400, 5):  # about 13 months, every 5 days
        backups.make_backup(store, now=start + dt.timedelta(days=day))
    kept = backups.list_backups(store.path, folder)
    newest = sorted(kept, key=lambda b: b.taken)[-10:]
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert len(months) == 14  # Jan 2025 .. Feb 2026, one each
    assert len(kept) == len(set(b.path for b in newest) | {
        max((b for b in kept if (b.taken.year, b.taken.month) == m), key=lambda b: b.taken).path
        for m in months})
    assert all(b in kept for b in newest)


def test_backups_go_to_the_users_folder_when_the_files_folder_refuses(store, tmp_path,
                                                                     monkeypatch):
    _fill(store, 1)
    monkeypatch.setattr(backups, "user_data_dir", lambda *a, **k: str(tmp_path / "user"))
    (store.path.parent / "backups").write_text("a file where the folder would go")
    path = backups.make_backup(store)
    assert path.parent == tmp_path / "user" / "backups"
    assert backups.list_backups(store.path)[0].path == path


def test_backup_on_open_at_most_once_a_day(store):
    now = dt.datetime(2026, 11, 24, 8, 0)
    assert backups.backup_on_open(store, now) is not None
    assert backups.backup_on_open(store, now + dt.timedelta(hours=3)) is None
    assert backups.backup_on_open(store, now + dt.timedelta(days=1)) is not None


def test_backup_taken_during_writes_is_consistent(store):
    store.records.save("units", {"code": "A", "name": "A"})
    stop = threading.Event()

    def writer():
        with Store.open(store.path) as other:
            i = 0
            while not stop.is_set():
                other.records.save("cadres", {"code": f"w{i}", "full_name": "Lê Văn Tư",
                                              "gender": "Nam", "unit_code": "A"})
                i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(0.2)
        copies = [store.backups.backup_to(store.path.with_name(f"copy{i}.sqlite"))
                  for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every cadre in the copy is whole, and their audit rows came with them
        n = conn.execute("SELECT COUNT(*) FROM cadres").fetchone()[0]
        audited = conn.execute("SELECT COUNT(*) FROM audit_log WHERE table_name = 'cadres'"
                               ).fetchone()[0]
        assert n == audited
        conn.close()


# --- audit trail ---------------------------------------------------------------------

def test_every_kind_of_write_is_audited_with_before_and_after(store):
    store.settings.save({"entered_by": "Trần Thị Thu"})
    uid = store.records.save("units", {"code": "A", "name": "Tên cũ"})
    store.records.save("units", {"code": "A", "name": "Tên mới"}, record_id=uid)
    store.records.import_records({"units": [{"code": "B", "name": "B"}]},
                                 {"units": {"code", "name"}})
    bid = store.records.get("units", 2)["id"]
    store.records.delete("units", bid)
    entries = list(reversed(store.audit.entries()))
    assert [e["action"] for e in entries] == ["settings", "add", "edit", "import", "add",
                                              "delete"]
    assert entries[1]["after"] == {"code": "A", "name": "Tên cũ", "kind": "Cơ quan QLNN, "
                                   "chính quyền", "in_scope_ct1": True, "special_sector": False}
    assert entries[4]["after"] == {"code": "B", "name": "B", "kind": "Cơ quan QLNN, chính "
                                   "quyền", "in_scope_ct1": True, "special_sector": False}
    edit = entries[2]
    assert edit["before"] == {"name": "Tên cũ"} and edit["after"] == {"name": "Tên mới"}
    assert edit["person"] == "Trần Thị Thu" and edit["record_code"] == "A"
    summary, row = entries[3], entries[4]
    assert summary["after"]["units"]["thêm"] == 1 and row["batch_id"] == summary["id"]
    assert entries[5]["before"]["code"] == "B"
    assert [e["record_code"] for e in store.audit.entries(record_code="A")] == ["A", "A"]


def test_a_failed_write_leaves_no_audit_row_and_no_change(store):
    _fill(store, 1)
    n_audit = len(store.audit.entries())
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as err:
        store.records.import_records({"cadres": [
            {"code": f"x{i}", "full_name": "Lê Văn " + "x" * 150, "gender": "Nam",
             "unit_code": "A"} for i in range(500)]},
            {"cadres": {"code", "full_name", "gender", "unit_code"}})
    assert err.value.kind == "full" and "Ổ đĩa đã đầy" in err.value.message
    assert len(store.audit.entries()) == n_audit
    assert store.records.count("cadres") == 1


# --- failures with a sentence ----------------------------------------------------------

def test_read_only_medium_gives_a_sentence_and_writes_nothing(store):
    _fill(store, 1)
    store._conn.execute("PRAGMA query_only = 1")  # as a write-protected USB stick answers
    with pytest.raises(StoreError) as err:
        store.records.save("units", {"code": "B", "name": "B"})
    assert err.value.kind == "readonly" and "chỉ cho phép đọc" in err.value.message
    store._conn.execute("PRAGMA query_only = 0")
    assert store.records.count("units") == 1


@pytest.mark.skipif(sys.platform == "win32",
                    reason="Windows does not rename a database file that is open")
def test_file_removed_while_open_is_reported_before_writing(store):
    _fill(store, 1)
    os.replace(store.path, store.path.with_name("moved.sqlite"))
    with pytest.raises(StoreError) as err:
        store.records.save("units", {"code": "B", "name": "B"})
    assert err.value.kind == "missing" and "Lưu bản sao" in err.value.message
    rescue = store.backups.backup_to(store.path.with_name("rescued.sqlite"))
    assert {u["code"] for u in _dump(rescue)["units"]} == {"A"}


def test_bad_values_are_refused_with_messages(store):
    store.records.save("units", {"code": "A", "name": "A"})
    with pytest.raises(Invalid) as err:
        store.records.save("cadres", {"code": "c", "full_name": "", "gender": "Nam",
                                      "unit_code": "A",
                                      "birth": "01/01/2999", "from_date": "02/02/2026",
                                      "to_date": "01/02/2026"})
    assert set(err.value.problems) == {"full_name", "birth", "to_date"}
    assert store.records.count("cadres") == 0


# --- two writers -----------------------------------------------------------------------

def test_two_connections_never_lose_an_edit(store):
    _fill(store, 1)
    other = Store.open(store.path)
    try:
        store.records.save("units", {"code": "B", "name": "B"})
        other.records.save("units", {"code": "C", "name": "C"})
        store.records.save("units", {"code": "B", "name": "B sửa"},
                           record_id=store.records.get("units", 2)["id"])
        assert {u["code"] for u in other.records.iter_records("units")} == {"A", "B", "C"}
        # a writer that keeps the file busy: the other gets a sentence, not a lost edit
        other._conn.execute("BEGIN IMMEDIATE")
        store._conn.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(StoreError) as err:
            store.records.save("units", {"code": "D", "name": "D"})
        assert err.value.kind == "busy" and "đang được" in err.value.message
        other._conn.execute("ROLLBACK")
        store.records.save("units", {"code": "D", "name": "D"})
    finally:
        other.close()
    assert {u["code"] for u in _dump(store.path)["units"]} == {"A", "B", "C", "D"}


def test_instance_lock_sends_the_second_copy_to_read_only(tmp_path):
    data = tmp_path / "data.sqlite"
    first, second = InstanceLock(data), InstanceLock(data)
    assert first.acquire()
    assert not second.acquire()
    assert "trên máy" in second.holder()
    first.release()
    assert second.acquire()
    second.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL: Windows has no such signal")
def test_lock_held_by_a_killed_process_is_free(tmp_path):
    data = tmp_path / "data.sqlite"
    code = ("import sys,time; from tanhoi_desktop.safety.instance_lock import InstanceLock;"
            f"lock = InstanceLock(__import__('pathlib').Path({str(data)!r}));"
            "assert lock.acquire();"
            "print('ok', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"ok"
    assert not InstanceLock(data).acquire()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lock = InstanceLock(data)
    assert lock.acquire()
    lock.release()


# --- killed in the middle of an import ---------------------------------------------------

_IMPORTER = """
import sys
from tanhoi_desktop.store import Store
s = Store.open(sys.argv[1])
rows = [{"code": f"c{i}", "full_name": f"Nguyễn Văn {i}", "gender": "Nam", "unit_code": "A"}
        for i in range(40000)]
print("start", flush=True)
s.records.import_records({"cadres": rows}, {"cadres": {"code", "full_name", "gender", "unit_code"}})
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL: Windows has no such signal")
def test_sigkill_during_a_40000_row_import_is_all_or_nothing(tmp_path):
    seed = tmp_path / "seed.sqlite"
    with Store.open(seed, create=True) as s:
        s.records.save("units", {"code": "A", "name": "A"})
    outcomes = set()
    for delay in (0.05, 0.3, 0.6, 1.0, 1.5, 2.5):
        path = tmp_path / f"k{delay}.sqlite"
        path.write_bytes(seed.read_bytes())
        proc = subprocess.Popen([sys.executable, "-c", _IMPORTER, str(path)],
                                stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"start"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT COUNT(*) FROM cadres").fetchone()[0]
        conn.close()
        assert n in (0, 40000)
        outcomes.add(n)
        with Store.open(path) as reopened:
            assert indicators.compute(reopened).units[0].staff == n
    assert 0 in outcomes, "at least one kill landed before the commit"


# --- schema migration -------------------------------------------------------------------

def test_version_1_file_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute("INSERT INTO units (code, name) VALUES ('A', 'Đơn vị A')")
    conn.execute("PRAGMA application_id = 0x54483232")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.records.save("units", {"code": "B", "name": "B"})
        assert {u["code"] for u in s.records.iter_records("units")} == {"A", "B"}
        assert len(s.audit.entries()) == 1


def test_a_code_is_never_reused_for_another_kind_of_record(store):
    store.records.save("units", {"code": "KT", "name": "Phòng Kinh tế"})
    cadre = {"code": "KT", "full_name": "Trần Văn Nam", "gender": "Nam", "unit_code": "KT"}
    with pytest.raises(Invalid) as err:
        store.records.save("cadres", cadre)
    assert err.value.problems == {"code": "mã «KT» đã được dùng cho đơn vị «Phòng Kinh tế»; mỗi "
                                          "mã chỉ dùng cho một loại bản ghi (đơn vị, cán bộ, "
                                          "lớp học hoặc hoạt động)"}
    cid = store.records.save("cadres", {**cadre, "code": "c1"})
    with pytest.raises(Invalid) as err:
        store.records.save("courses", {"code": "c1", "name": "Tin học", "kind": "Tin học"})
    assert "cán bộ «Trần Văn Nam»" in err.value.problems["code"]
    with pytest.raises(Invalid):  # renaming a record's code onto another kind's code
        store.records.save("cadres", {**cadre, "code": "KT"}, cid)
    assert store.records.count("courses") == 0
    assert [c["code"] for c in store.records.iter_records("cadres")] == ["C1"]
    store.records.save("cadres", {**cadre, "code": "c1", "position": "Chuyên viên"},
                       cid)  # own code


def test_a_pair_stored_before_the_rule_can_still_be_edited(store):
    store.records.save("units", {"code": "X", "name": "Đơn vị X"})
    cid = store.records.save("cadres", {"code": "c", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                        "unit_code": "X"})
    with store._write():  # as an older version of the app could have stored it
        store._conn.execute("UPDATE cadres SET code = 'X' WHERE id = ?", (cid,))
    store.records.save("cadres", {"code": "X", "full_name": "Lê Thị Hoa", "gender": "Nữ",
                                  "unit_code": "X", "position": "Kế toán"}, cid)
    assert store.records.get("cadres", cid)["position"] == "Kế toán"


# --- a real small disk and a write-protected medium --------------------------------------

def test_a_really_full_disk_gives_a_sentence_and_loses_nothing(small_volume):
    path = small_volume.path / "data.sqlite"
    store = Store.open(path, create=True)
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    cadre = {"full_name": "Nguyễn Thị " + "Hồng " * 30, "gender": "Nữ", "unit_code": "A"}
    saved = 0
    with pytest.raises(StoreError) as err:
        for i in range(10_000):
            store.records.save("cadres", {**cadre, "code": f"c{i}"})
            saved += 1
    assert err.value.kind == "full" and "Ổ đĩa đã đầy" in err.value.message
    # the refused edit is not half there
    assert saved > 0 and store.records.count("cadres") == saved
    with pytest.raises(StoreError) as err:  # an import on the full disk: all or nothing
        store.records.import_records({"cadres": [{**cadre, "code": f"n{i}"} for i in range(300)]},
                                     {"cadres": {"code", "full_name", "gender", "unit_code"}})
    assert err.value.kind == "full"
    assert store.records.count("cadres") == saved
    assert len(store.audit.entries()) == saved + 1  # one per saved record, none for failures
    store.close()
    with Store.open(path) as again:
        assert again._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert again.records.count("cadres") == saved


def test_a_write_protected_medium_is_opened_read_only(small_volume):
    path = small_volume.path / "data.sqlite"
    with Store.open(path, create=True) as s:
        _fill(s, 3)
    small_volume.write_protect()
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.kind == "readonly" and "chỉ cho phép đọc" in err.value.message
    with Store.open_to_read(path) as s:
        assert s.read_only and s.records.count("cadres") == 3
        with pytest.raises(StoreError):
            s.records.save("units", {"code": "B", "name": "B"})
    report = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "report", "--db",
                             str(path), "--as-of", "2026-11-15", "--json"],
                            capture_output=True, text=True, timeout=60)
    assert report.returncode == 0, report.stderr
    assert [u["code"] for u in json.loads(report.stdout)["units"]] == ["A"]
    assert sorted(p.name for p in small_volume.path.iterdir()) == ["data.sqlite"]


def test_write_protection_is_found_even_where_os_access_says_yes(small_volume, monkeypatch):
    path = small_volume.path / "data.sqlite"
    with Store.open(path, create=True) as s:
        _fill(s, 2)
    small_volume.write_protect()
    # Windows answers os.access(W_OK) from the file's read-only flag alone, which a
    # write-protected stick does not set: creating a file is what tells.
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: True)
    assert not can_write(path)
    with Store.open_to_read(path) as s:
        assert s.read_only and s.records.count("cadres") == 2


@pytest.mark.skipif(sys.platform == "win32",
                    reason="fcntl; and Windows removes no file that is open")
def test_a_lock_file_removed_between_open_and_lock_is_not_trusted(tmp_path, monkeypatch):
    import fcntl

    data = tmp_path / "data.sqlite"
    lock_path = tmp_path / "data.sqlite.lock"
    real_flock = fcntl.flock
    calls = []

    def holder_leaves_meanwhile(fd, op):
        if not calls and op & fcntl.LOCK_EX:  # the holder released and removed it
            lock_path.unlink()
        calls.append(op)
        return real_flock(fd, op)

    monkeypatch.setattr(fcntl, "flock", holder_leaves_meanwhile)
    lock = InstanceLock(data)
    assert lock.acquire()
    # the lock held is the one on the file at the path, which a newcomer finds locked
    assert lock_path.exists()
    monkeypatch.setattr(fcntl, "flock", real_flock)
    assert not InstanceLock(data).acquire()
    lock.release()
    assert not lock_path.exists()
    again = InstanceLock(data)
    assert again.acquire()
    again.release()
