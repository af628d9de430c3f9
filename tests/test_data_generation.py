"""The data generation (schema v9): a counter that every write to the records the figures
are computed from bumps, whoever writes; and the baseline figures kept in the file for
one generation, so that `report --json` does not compute them again on every call."""

import json
import sqlite3
import subprocess
import sys
from itertools import pairwise

import pytest

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.store import Store, StoreError
from tanhoi_desktop.store.schema import GENERATION_TABLES, _split_sql

from .test_ui_window import seed

AS_OF = "2026-11-15"


def _report(path, *extra):
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "report", "--db",
                          str(path), "--as-of", AS_OF, "--json", *extra],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _kept(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, generation, value FROM kept_figures").fetchall()
    finally:
        conn.close()


@pytest.fixture
def commune(tmp_path):
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as store:
        seed(store)
    return path


def test_every_write_to_the_figures_records_bumps_the_generation(store):
    seed(store)
    seen = [store.figures.figures_generation()]
    store.records.save("units", {"code": "Z", "name": "Phòng Z"})
    seen.append(store.figures.figures_generation())
    unit = next(r for r in store.records.iter_records("units") if r["code"] == "Z")
    store.records.save("units", {**unit, "name": "Phòng Zê"}, unit["id"])
    seen.append(store.figures.figures_generation())
    store.records.delete("units", unit["id"])
    seen.append(store.figures.figures_generation())
    store.settings.save({"commune_name": "Tân Phú"})
    seen.append(store.figures.figures_generation())
    assert all(a < b for a, b in pairwise(seen)), seen
    # each table the figures read has its three triggers
    conn = sqlite3.connect(store.path)
    triggers = {r[0] for r in conn.execute(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert triggers == set(GENERATION_TABLES)


def test_a_write_by_another_program_bumps_it_too(store):
    seed(store)
    before = store.figures.figures_generation()
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE cadres SET gender = 'Nữ'")
    conn.close()
    assert store.figures.figures_generation() > before


def test_report_keeps_the_baseline_for_the_generation_and_computes_it_again_after_a_write(
        commune):
    first = _report(commune)
    kept = _kept(commune)
    assert len(kept) == 1
    _name, generation, value = kept[0]
    with Store.open(commune) as store:
        assert generation == store.figures.figures_generation()
        real = indicators.baseline_figures(store)
    assert json.loads(value)["counts"]["CT1"] == list(real["CT1"].counts)
    # the kept value is what the next report uses: one planted there shows
    conn = sqlite3.connect(commune)
    planted = json.loads(value)
    planted["counts"]["CT1"] = [1, 4]
    with conn:
        conn.execute("UPDATE kept_figures SET value = ?", (json.dumps(planted),))
    conn.close()
    assert _report(commune)["indicators"]["CT1"]["baseline"] == 0.25
    # a write bumps the generation: the baseline is computed again (and kept anew)
    with Store.open(commune) as store:
        store.settings.save({"commune_name": "Tân Phú"})
    again = _report(commune)
    assert again["indicators"]["CT1"]["baseline"] == first["indicators"]["CT1"]["baseline"]
    assert _kept(commune)[0][1] > generation


def test_report_keeps_nothing_while_a_window_holds_the_file(commune):
    from tanhoi_desktop.safety.instance_lock import InstanceLock

    lock = InstanceLock(commune)
    assert lock.acquire()
    try:
        _report(commune)
    finally:
        lock.release()
    assert _kept(commune) == []  # the window would take such a write for another's edit


def test_keeping_never_waits_for_a_writer_and_never_fails_the_report(commune):
    blocker = sqlite3.connect(commune, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        out = _report(commune)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert out["indicators"]["CT1"]["denominator"] > 0
    assert _kept(commune) == []


def test_a_generation_trigger_made_to_do_something_else_is_refused(commune):
    conn = sqlite3.connect(commune)
    with conn:
        conn.execute("DROP TRIGGER cadres_insert_generation")
        conn.execute("CREATE TRIGGER cadres_insert_generation AFTER INSERT ON cadres BEGIN "
                     "DELETE FROM audit_log; END")
    conn.close()
    with pytest.raises(StoreError) as err:
        Store.open(commune)
    assert err.value.kind == "unsafe"
    assert "cadres_insert_generation" in err.value.message


def test_a_trigger_body_is_one_statement():
    script = ("CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN "
              "UPDATE a SET x = 1; DELETE FROM a; END;\nINSERT INTO a VALUES (';');\n")
    assert _split_sql(script) == [
        "CREATE TABLE a (x)",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; DELETE FROM a; END",
        "INSERT INTO a VALUES (';')"]


def undo_generation(conn):
    """What v9 and v10 add, removed: for tests that make a file of an older version from
    a new one."""
    conn.execute("DROP INDEX activities_sort")
    conn.execute("CREATE INDEX activities_sort ON activities(sort_key, from_date)")
    for table in GENERATION_TABLES:
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER {table}_{event}_generation")
    conn.execute("DROP TABLE kept_figures")
    conn.execute("DROP TABLE data_generation")


def test_a_file_of_schema_8_gets_the_generation(tmp_path):
    path = tmp_path / "v8.sqlite"
    with Store.open(path, create=True) as store:
        seed(store)
    conn = sqlite3.connect(path)
    undo_generation(conn)
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        generation = store.figures.figures_generation()
        store.records.save("units", {"code": "Z", "name": "Phòng Z"})
        assert store.figures.figures_generation() == generation + 1
