"""SQLite and OS errors are told apart by their codes, never by the words of the
message; this program's own errors reach the crash log."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from tanhoi_desktop.store import Store, StoreError
from tanhoi_desktop.store.core import classify


@pytest.fixture
def crash_log(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    from tanhoi_desktop.safety import crashlog

    return crashlog.log_dir() / "crash.log"


def test_a_not_null_failure_on_full_name_is_our_error_not_a_full_disk(store, crash_log):
    with pytest.raises(StoreError) as err:
        store._rows("INSERT INTO cadres (code, full_name, gender, unit_id) "
                    "VALUES ('X', NULL, 'Nữ', 1)")
    assert err.value.kind == "bug"
    assert "đầy" not in err.value.message
    assert str(crash_log) in err.value.message
    assert "NOT NULL constraint failed: cadres.full_name" in crash_log.read_text()


def test_a_table_named_locked_is_not_a_busy_file(store, crash_log):
    with pytest.raises(StoreError) as err:
        store._rows("SELECT * FROM locked_tables")
    assert err.value.kind == "bug" and "chương trình khác" not in err.value.message
    assert "no such table: locked_tables" in crash_log.read_text()


def test_a_readonly_column_name_is_not_a_readonly_file(store, crash_log):
    with pytest.raises(StoreError) as err:
        store._rows("SELECT readonly FROM units")
    assert err.value.kind == "bug"


def test_a_file_locked_by_another_connection_is_busy(store, crash_log):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store._conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreError) as err:
            store.records.save("units", {"code": "A", "name": "A"})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert err.value.kind == "busy" and "chương trình khác" in err.value.message
    assert not crash_log.exists()


def test_a_damaged_page_is_damaged(tmp_path):
    path = tmp_path / "a.sqlite"
    with Store.open(path, create=True) as store:
        store.records.save("units", {"code": "A", "name": "A"})
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET rootpage = 9999 WHERE name = 'units'")
        conn.commit()
    finally:
        conn.close()
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("SELECT * FROM units").fetchall()
    finally:
        conn.close()
    assert classify(raised.value, path).kind == "damaged"


def test_not_a_database_by_its_code(tmp_path):
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"x" * 4096)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        conn.close()
    assert classify(raised.value, path).kind == "not_database"


@pytest.mark.parametrize(("number", "kind"), [(errno.ENOSPC, "full"), (errno.EROFS, "readonly"),
                                              (errno.ENOENT, "missing"), (errno.EACCES, "io"),
                                              (errno.EIO, "io")])
def test_os_errors_by_their_number(number, kind, tmp_path):
    # the words say "full" where the number does not, and the other way round
    error = OSError(number, "disk full" if number != errno.ENOSPC else "whatever")
    assert classify(error, tmp_path).kind == kind


def test_a_closed_connection_is_our_error(store, crash_log):
    store._conn.close()
    with pytest.raises(StoreError) as err:
        store.records.count("units")
    assert err.value.kind == "bug" and crash_log.exists()
