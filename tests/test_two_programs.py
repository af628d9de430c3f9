"""Two programs on one file: the window and the command line at the same time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tanhoi_desktop.store import Store

from .conftest import DEMO_WORKBOOK, REPO
from .waiting import operation_done


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


class WindowProcess:
    """tests/window_process.py, driven line by line."""

    def __init__(self, db: Path, workbook: Path | None = None):
        args = [str(db)] + ([str(workbook)] if workbook else [])
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.window_process", *args],
                                     cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        self.expect("ready")

    def expect(self, word: str) -> str:
        line = self.proc.stdout.readline().strip()
        assert line.startswith(word), line
        return line

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def quit(self) -> None:
        if self.proc.poll() is None:
            self.ask("quit")
            self.proc.wait(timeout=30)


@pytest.fixture
def window_on(tmp_path):
    started = []

    def start(db: Path, workbook: Path | None = None) -> WindowProcess:
        started.append(WindowProcess(db, workbook))
        return started[-1]

    yield start
    for window in started:
        if window.proc.poll() is None:
            window.proc.kill()
            window.proc.wait()


def _sides(db: Path) -> set[str]:
    return {s for s in ("-wal", "-shm") if Path(str(db) + s).exists()}


def test_the_command_line_leaves_the_open_windows_wal_alone(window_on, tmp_path):
    """The window imported a workbook (its figures read the file on a second
    connection); `report`, `export` and a refused `import` on the same file then must
    not delete its -wal/-shm, and the window's next edit works and is kept."""
    db = tmp_path / "du-lieu.sqlite"
    window = window_on(db, DEMO_WORKBOOK)
    assert _sides(db) == {"-wal", "-shm"}
    assert _cli("report", "--db", str(db), "--json").returncode == 0
    assert _sides(db) == {"-wal", "-shm"}
    assert _cli("export", "--db", str(db), str(tmp_path / "ra.xlsx")).returncode == 0
    assert _sides(db) == {"-wal", "-shm"}
    bad = tmp_path / "khong-phai.xlsx"
    bad.write_bytes(b"not a workbook")
    assert _cli("import", "--db", str(db), str(bad)).returncode == 2
    assert _sides(db) == {"-wal", "-shm"}
    assert window.ask("edit") == "edited"
    window.quit()
    with Store.open(db) as store:
        actions = [e["action"] for e in store.audit.entries(table="units", limit=2)]
    assert actions == ["delete", "add"]  # the edit reached the file


READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("SELECT COUNT(*) FROM units").fetchone()
print("open", flush=True)
sys.stdin.readline()
print(conn.execute("SELECT group_concat(code) FROM (SELECT code FROM units ORDER BY code)")
      .fetchone()[0], flush=True)
sys.stdin.readline()
"""


def test_restore_while_another_program_reads_keeps_its_wal_and_shows_it_the_backup(store):
    """The other program's -wal/-shm are never removed under it; it reads the restored
    contents; the restore is in the restored file's own trail."""
    from tanhoi_desktop.safety import backups

    store.records.save("units", {"code": "A", "name": "A"})
    old = backups.make_backup(store)
    store.records.save("units", {"code": "MOI", "name": "Mới"})
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store.path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "open"
        wal = Path(str(store.path) + "-wal")
        saved = backups.restore(old, store.path, current=store)
        assert wal.exists() and Path(str(store.path) + "-shm").exists()
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "A"
    finally:
        reader.stdin.write("\n")
        reader.stdin.flush()
        reader.wait(timeout=30)
    with Store.open(store.path) as restored:
        codes = {u["code"] for u in restored.records.iter_records("units")}
        entry = restored.audit.entries(limit=1)[0]
    assert codes == {"A"}
    assert entry["action"] == "restore"
    assert entry["record_code"] == old.name
    assert entry["before"]["Tệp bị thay (đã giữ lại)"] == saved.name
    assert entry["before"]["CT1"].startswith("0/")


def test_a_damaged_file_another_program_has_open_is_not_moved_for_a_restore(store):
    from tanhoi_desktop.safety import backups
    from tanhoi_desktop.store import StoreError

    store.records.save("units", {"code": "A", "name": "A"})
    old = backups.make_backup(store)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store.path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "open"
        store.close()
        before = sorted(p.name for p in store.path.parent.iterdir())
        with pytest.raises(StoreError) as err:
            backups.restore(old, store.path, current=None)
        assert err.value.kind == "busy" and "chương trình khác" in err.value.message
        assert sorted(p.name for p in store.path.parent.iterdir()) == before
    finally:
        reader.stdin.write("\n\n")
        reader.stdin.flush()
        reader.wait(timeout=30)


def test_a_restore_of_a_damaged_file_is_in_the_restored_files_trail(store):
    from tanhoi_desktop.safety import backups

    store.records.save("units", {"code": "A", "name": "A"})
    old = backups.make_backup(store)
    store.close()
    aside = backups.restore(old, store.path, current=None)
    with Store.open(store.path) as restored:
        entry = restored.audit.entries(limit=1)[0]
    assert entry["action"] == "restore"
    assert entry["before"] == {"Tệp bị thay (đã giữ lại)": aside.name,
                               "Số liệu": "không đọc được"}


def test_choosing_the_open_data_file_as_a_workbook_keeps_the_windows_locks(
        open_window, monkeypatch, tmp_path, qtbot):
    """Read as a workbook, the open file would lose this process's SQLite locks, and a
    command-line run would then delete the -wal under the window."""
    from tanhoi_desktop.ui import operations

    told = []
    monkeypatch.setattr(operations, "tell", lambda parent, title, text: told.append(text))
    win = open_window()
    win.store.records.save("units", {"code": "A", "name": "A"})
    # another name for the same file: a hard link is the same file to SQLite
    alias = tmp_path / "ban-khac.xlsx"
    alias.hardlink_to(win.store.path)
    assert not operation_done(qtbot, win.import_path(alias))
    assert "tệp dữ liệu đang mở" in told[0]
    assert _cli("report", "--db", str(win.store.path), "--json").returncode == 0
    assert _sides(win.store.path) == {"-wal", "-shm"}


def test_import_into_a_file_a_window_holds_for_writing_is_refused(window_on, tmp_path):
    """The window's open forms would write their old values back over the import: the
    command names the window and writes nothing; reading commands still run."""
    import getpass

    db = tmp_path / "du-lieu.sqlite"
    window = window_on(db, DEMO_WORKBOOK)
    with Store.open_to_read(db) as store:
        trail = len(store.audit.entries(limit=100000))
    out = _cli("import", "--db", str(db), str(DEMO_WORKBOOK))
    assert out.returncode == 2, out.stderr
    assert "cửa sổ chương trình" in out.stderr and getpass.getuser() in out.stderr
    for args in (["settings", "--db", str(db), "--set", "commune_name=Xã khác"],
                 ["close", "--db", str(db), "--year", "2026", "--as-of", "2026-12-31"],
                 ["reopen", "--db", str(db), "--year", "2026"]):
        refused = _cli(*args)
        assert refused.returncode == 2 and "cửa sổ chương trình" in refused.stderr, args
    assert _cli("report", "--db", str(db), "--json").returncode == 0
    assert _cli("settings", "--db", str(db)).returncode == 0
    with Store.open_to_read(db) as store:
        assert len(store.audit.entries(limit=100000)) == trail
    window.quit()
    assert _cli("import", "--db", str(db), str(DEMO_WORKBOOK)).returncode == 0
