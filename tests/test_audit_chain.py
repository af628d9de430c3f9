"""The audit trail is a chain: an entry edited or deleted outside the program is found,
and where the trail stops being trustworthy is said."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from tanhoi_desktop.store import Store
from tanhoi_desktop.store.schema import MIGRATIONS

from .conftest import REPO


def _fill(store, n=5):
    store.records.save("units", {"code": "VP", "name": "Văn phòng"})
    for i in range(n):
        store.records.save("cadres", {"code": f"C{i}", "full_name": f"Người {i}", "gender": "Nữ",
                                      "unit_code": "VP"})


def _tamper(path, sql, *params):
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def _check(path):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", "check", "--db", str(path)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_an_untouched_trail_holds(store):
    _fill(store)
    entries, broken = store.audit.check()
    assert entries == 6 and broken is None
    store.close()
    out = _check(store.path)
    assert out.returncode == 0, out.stderr
    assert "nguyên vẹn" in out.stdout and "6 mục" in out.stdout


def test_an_import_is_chained_too(store):
    from tanhoi_desktop.exchange import workbook as exchange
    from tanhoi_desktop.resources import demo_workbook

    exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    entries, broken = store.audit.check()
    assert entries > 10 and broken is None


def test_an_edited_entry_is_found_and_named(store):
    _fill(store)
    third = store._one("SELECT id, at FROM audit_log ORDER BY id LIMIT 1 OFFSET 2")
    store.close()
    _tamper(store.path, "UPDATE audit_log SET after = '{\"gender\": \"Nam\"}' WHERE id = ?",
            third[0])
    with Store.open(store.path) as reopened:
        _entries, broken = reopened.audit.check()
    assert broken is not None and broken.entry_id == third[0]
    out = _check(store.path)
    assert out.returncode == 1
    assert f"mục số {third[0]}" in out.stdout and "không còn đáng tin" in out.stdout


def test_a_deleted_entry_is_found_at_the_next_one(store):
    _fill(store)
    ids = [r[0] for r in store._rows("SELECT id FROM audit_log ORDER BY id")]
    store.close()
    _tamper(store.path, "DELETE FROM audit_log WHERE id = ?", ids[2])
    with Store.open(store.path) as reopened:
        _entries, broken = reopened.audit.check()
        assert broken.entry_id == ids[3]
        # the program's next write does not make the trail whole again
        reopened.records.save("units", {"code": "KT", "name": "Kinh tế"})
        assert reopened.audit.check()[1].entry_id == ids[3]


def test_entries_cut_from_the_end_are_found(store):
    _fill(store)
    last = store._one("SELECT MAX(id) FROM audit_log")[0]
    store.close()
    _tamper(store.path, "DELETE FROM audit_log WHERE id >= ?", last - 1)
    with Store.open(store.path) as reopened:
        _entries, broken = reopened.audit.check()
    assert broken is not None and broken.entry_id is None
    assert _check(store.path).returncode == 1


def test_an_older_files_trail_is_chained_when_it_is_brought_up_to_date(tmp_path):
    path = tmp_path / "cu.sqlite"
    conn = sqlite3.connect(path)
    for step in range(1, 5):
        conn.executescript(MIGRATIONS[step])
    conn.execute("INSERT INTO audit_log (at, action) VALUES ('2026-01-02T03:04:05', 'add')")
    conn.execute("PRAGMA application_id = 1414017586")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.audit.check() == (1, None)


def test_check_says_an_unusable_file_in_a_sentence(tmp_path):
    path = tmp_path / "hong.sqlite"
    path.write_bytes(b"rac" * 100)
    out = _check(path)
    assert out.returncode == 2 and out.stderr.strip() and "Traceback" not in out.stderr


@pytest.mark.parametrize("broken", [False, True])
def test_the_audit_dialog_says_from_which_entry_it_cannot_be_trusted(
        qtbot, store, broken):
    from tanhoi_desktop.ui.audit_dialog import AuditDialog

    _fill(store)
    first = store._one("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1")[0]
    if broken:
        store._conn.execute("UPDATE audit_log SET person = 'ai đó' WHERE id = ?", (first,))
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    warning = dialog.trail_warning
    assert warning.isVisibleTo(dialog) == broken
    if broken:
        assert f"mục số {first}" in warning.text()
        rows = {dialog.model.entries()[r]["id"]: dialog.model.untrusted(r)
                for r in range(dialog.model.rowCount())}
        assert rows == {entry: entry >= first for entry in rows}
