"""Files another program holds on a Windows PC, with Windows' own errors standing in
(os.replace raising PermissionError with WinError 32 or 5): a workbook open in Excel is
named as open in another program, an antivirus holding a fresh file is waited for."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.safety import backups, output
from tanhoi_desktop.store import Store, StoreError, replacing
from tanhoi_desktop.store.backup import restore_file

real_replace = os.replace


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


def windows_error(winerror: int) -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file because it is being "
                              "used by another process" if winerror == 32 else
                              "Access is denied")
    exc.winerror = winerror  # what Windows' OSError carries
    return exc


def held(monkeypatch, winerror: int, times: int | None = None) -> list:
    """os.replace fails `times` times (always, when None), then works."""
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if times is None or len(calls) <= times:
            raise windows_error(winerror)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "xa.sqlite", create=True)
    s.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    yield s
    s.close()


@pytest.mark.parametrize("winerror", [32, 5])
def test_a_workbook_open_in_excel_is_named_so_and_left_as_it_was(store, tmp_path,
                                                                 monkeypatch, winerror):
    target = tmp_path / "du-lieu.xlsx"
    target.write_bytes(b"the workbook Excel has open")
    calls = held(monkeypatch, winerror)
    with pytest.raises(StoreError) as caught:
        exchange.export_workbook(store, target)
    assert "đang mở trong một chương trình khác" in caught.value.message
    assert "chỉ cho phép đọc" not in caught.value.message
    assert len(calls) == len(replacing.RETRY_DELAYS) + 1  # tried for a moment first
    assert target.read_bytes() == b"the workbook Excel has open"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_access_denied_on_a_read_only_target_says_so(store, tmp_path, monkeypatch):
    target = tmp_path / "du-lieu.xlsx"
    target.write_bytes(b"old")
    held(monkeypatch, 5)
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # the read-only attribute
    with pytest.raises(StoreError) as caught:
        exchange.export_workbook(store, target)
    assert "Không có quyền ghi" in caught.value.message


def test_a_file_an_antivirus_holds_for_a_moment_is_written(store, tmp_path, monkeypatch):
    target = tmp_path / "du-lieu.xlsx"
    calls = held(monkeypatch, 32, times=2)
    exchange.export_workbook(store, target)
    assert len(calls) == 3 and target.stat().st_size > 0
    calls = held(monkeypatch, 5, times=1)
    path = backups.make_backup(store, "thu-cong")
    assert path.exists() and [c for c in calls if c == path] == [path, path]


def test_a_posix_permission_error_is_not_waited_for(store, tmp_path, monkeypatch):
    calls = []

    def refuse(src, dst):
        calls.append(dst)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StoreError) as caught:
        exchange.export_workbook(store, tmp_path / "x.xlsx")
    assert len(calls) == 1 and "Không có quyền ghi" in caught.value.message


def test_restoring_over_a_data_file_another_program_holds_is_named_so(store, tmp_path,
                                                                       monkeypatch):
    backup = store.backups.backup_to(tmp_path / "sao-luu.sqlite")
    store.close()
    before = (tmp_path / "xa.sqlite").read_bytes()
    held(monkeypatch, 32)
    with pytest.raises(StoreError) as caught:
        restore_file(backup, tmp_path / "xa.sqlite")
    assert caught.value.kind == "busy"
    assert "đang mở trong một chương trình khác" in caught.value.message
    assert (tmp_path / "xa.sqlite").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(sys.platform == "win32", reason="fcntl.flock: the POSIX lock's probe")
def test_a_file_being_written_is_locked_for_a_cleaner_on_another_pc(tmp_path):
    probe = ("import fcntl, sys; f = open(sys.argv[1], 'rb')\n"
             "try:\n    fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "except OSError:\n    sys.exit(1)\n")

    def locked(path) -> bool:
        return subprocess.run([sys.executable, "-c", probe, str(path)]).returncode == 1

    target = tmp_path / "bao-cao.pdf"
    with output.replacing(target, lambda path: None) as tmp:
        tmp.write_bytes(b"%PDF-1.4 ...")
        assert locked(tmp)
        assert output.remove_leftovers([tmp_path]) == []
    assert target.read_bytes() == b"%PDF-1.4 ..." and not locked(target)


class _LockedFirstByte:
    """A lock file as Windows shows it to another process: msvcrt.locking's byte 0 is
    mandatory-locked, so a read that covers it fails (WinError 33)."""

    def __init__(self, fh):
        self._fh = fh

    def read(self, size=-1):
        if self._fh.tell() == 0:
            exc = PermissionError(13, "The process cannot access the file because another "
                                      "process has locked a portion of the file")
            exc.winerror = 33
            raise exc
        return self._fh.read(size)

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


def test_the_lock_holder_is_named_although_windows_locks_the_first_byte(tmp_path,
                                                                        monkeypatch):
    import builtins
    import io

    from tanhoi_desktop.safety.instance_lock import InstanceLock, _host, _user

    data = tmp_path / "data.sqlite"
    first, second = InstanceLock(data), InstanceLock(data)
    assert first.acquire() and not second.acquire()
    real_open = io.open

    def windows_open(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        return _LockedFirstByte(fh) if str(file).endswith(".lock") else fh

    monkeypatch.setattr(builtins, "open", windows_open)
    monkeypatch.setattr(io, "open", windows_open)
    try:
        named = second.holder()
    finally:
        monkeypatch.undo()
        first.release()
    assert named == f"{_user() or '?'} trên máy {_host() or '?'}"


def _handles_on(folder) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(str(folder)):
                found.append(target)
    return found


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"),
                                reason="/proc/self/fd lists a process's open files (Linux)")


@needs_proc
def test_no_handle_on_the_data_file_remains_after_the_store_closes(tmp_path):
    """On Windows an open handle stops restore's rename: after close() nothing of the
    data file (or its -wal, -shm) may stay open, whatever was read half-way."""
    from tanhoi_desktop.figures import indicators

    data = tmp_path / "xa.sqlite"
    with Store.open(data, create=True) as s:
        for code in "ABC":
            s.records.save("units", {"code": code, "name": f"Phòng {code}"})
    for read_only in (False, True):
        s = Store.open(data, read_only=read_only)
        assert _handles_on(tmp_path)
        half_read = s.records.iter_records("units")
        next(half_read)  # a generator not run to its end
        indicators.compute(s)
        s.close()
        assert _handles_on(tmp_path) == [], read_only
        del half_read
    with Store.open_to_read(data, thorough=False) as s:
        exchange.export_workbook(s, tmp_path / "x.xlsx")
        backups.make_backup(s, "thu-cong")
    assert _handles_on(tmp_path) == []
    restore_file(next((tmp_path / "backups").glob("*.sqlite")), data)
    assert _handles_on(tmp_path) == []


@needs_proc
def test_no_handle_remains_after_the_window_closes_its_file(open_window, tmp_path):
    win = open_window(lambda s: s.records.save("units", {"code": "A", "name": "Phòng A"}))
    assert _handles_on(tmp_path / "data.sqlite")
    win.close_store()
    assert _handles_on(tmp_path / "data.sqlite") == []


def test_a_failed_automatic_backup_is_said_on_opening_and_on_closing(open_window, tmp_path,
                                                                     monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    win = open_window(lambda s: s.records.save("units", {"code": "A", "name": "Phòng A"}))
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)

    def full(src, dst):
        raise OSError(28, "No space left on device")

    qtbot.wait(600)  # the backup made on opening, if the figures came sooner
    for made in (tmp_path / "backups").glob("*.sqlite"):
        made.unlink()  # none of today yet: opening makes one
    monkeypatch.setattr(os, "replace", full)
    win._backup_on_open(win.store)  # (what the window does half a second after opening)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10000)  # made on a worker, then said
    assert len(told) == 1 and "khi mở tệp" in told[0] and "Ổ đĩa đã đầy" in told[0]
    win.close_store()
    assert len(told) == 2 and "khi đóng tệp" in told[1] and "Sao lưu ngay" in told[1]
    log = tmp_path / "xdg-state" / "TanHoiDesktop" / "log" / "crash.log"
    assert log.read_text(encoding="utf-8").count("automatic backup failed") == 2


def _units_in_main_file_alone(path) -> set[str]:
    """What a copy of the main file without its -wal (Explorer, OneDrive) would hold."""
    import sqlite3

    from tanhoi_desktop.store.sqlite_uri import sqlite_uri

    conn = sqlite3.connect(sqlite_uri(path, mode="ro", immutable=1), uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT code FROM units")}
    finally:
        conn.close()


def test_the_main_file_holds_every_saved_edit_within_seconds(open_window, tmp_path, qtbot):
    from tanhoi_desktop.ui import checkpointing

    win = open_window()
    data = tmp_path / "data.sqlite"
    win.store.records.save("units", {"code": "A", "name": "Phòng A"})  # what a form's Lưu does
    assert "A" not in _units_in_main_file_alone(data)  # in the -wal only, for now
    qtbot.waitUntil(lambda: "A" in _units_in_main_file_alone(data),
                    timeout=checkpointing.IDLE_MS * 3)
    for code in "BCD":  # a run of edits: checkpointed once it is over
        win.store.records.save("units", {"code": code, "name": f"Phòng {code}"})
    qtbot.waitUntil(lambda: _units_in_main_file_alone(data) >= set("ABCD"),
                    timeout=checkpointing.IDLE_MS * 3)
