"""Windows' paths as SQLite must be given them, tested with Windows-style paths on any
system (PureWindowsPath), and with real files where this system can stand in."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path, PureWindowsPath

import pytest

from tanhoi_desktop.store import Store
from tanhoi_desktop.store.opening import file_id_of
from tanhoi_desktop.store.sqlite_uri import sqlite_uri


@pytest.mark.parametrize(("path", "uri"), [
    (r"C:\Users\Nguyễn Thị Lan\Documents\Dữ liệu.sqlite",
     "file:///C:/Users/Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan/Documents/"
     "D%E1%BB%AF%20li%E1%BB%87u.sqlite"),
    (r"Z:\Bình đẳng giới\du-lieu.sqlite",
     "file:///Z:/B%C3%ACnh%20%C4%91%E1%BA%B3ng%20gi%E1%BB%9Bi/du-lieu.sqlite"),
    (r"\\may-chu\chia-se\Tân Hội\du-lieu.sqlite",
     "file:////may-chu/chia-se/T%C3%A2n%20H%E1%BB%99i/du-lieu.sqlite"),
    (r"\\?\C:\Dữ liệu\a.sqlite", "file:///C:/D%E1%BB%AF%20li%E1%BB%87u/a.sqlite"),
    (r"\\?\UNC\may-chu\chia-se\a.sqlite", "file:////may-chu/chia-se/a.sqlite"),
    (r"C:\Tệp #1 (50%)?.sqlite", "file:///C:/T%E1%BB%87p%20%231%20%2850%25%29%3F.sqlite"),
])
def test_windows_paths_become_uris_sqlite_accepts(path, uri):
    assert sqlite_uri(PureWindowsPath(path)) == uri


def test_a_share_keeps_its_server_in_the_path_not_as_an_authority():
    uri = sqlite_uri(PureWindowsPath(r"\\server\share\x.sqlite"), mode="ro", immutable=1)
    assert uri == "file:////server/share/x.sqlite?mode=ro&immutable=1"
    # what Path.as_uri() makes of the same path, and SQLite refuses
    assert PureWindowsPath(r"\\server\share\x.sqlite").as_uri() == \
        "file://server/share/x.sqlite"
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file://server/share/x.sqlite?mode=ro", uri=True)


def test_sqlite_opens_an_empty_authority_with_a_double_slash_path(tmp_path):
    """The UNC form's shape: `file:////` then the path. A POSIX `//tmp/...` is `/tmp/...`,
    so SQLite's reading of it can be tried here with a real file."""
    data = tmp_path / "a.sqlite"
    sqlite3.connect(data).execute("CREATE TABLE t (x)").connection.close()
    uri = "file:////" + str(data).lstrip("/") + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    finally:
        conn.close()


def test_every_open_goes_through_the_builder(tmp_path):
    """A data file under a Vietnamese folder whose names hold the URI's own marks is
    opened, checked, read back read-only and restored from a backup."""
    folder = tmp_path / "Nguyễn Thị Lan #2 ?50%"
    folder.mkdir()
    path = folder / "Dữ liệu.sqlite"
    with Store.open(path, create=True) as store:
        store.settings.save({"commune_name": "Tân Hội"})
        backup = store.backups.backup_to(folder / "sao lưu #1.sqlite")
        ident = store.file_id()
    assert file_id_of(path) == ident
    with Store.open(path, read_only=True) as store:
        assert store.settings.read()["commune_name"] == "Tân Hội"
    from tanhoi_desktop.store.backup import restore_file

    restore_file(backup, path)
    with Store.open_to_read(path) as store:
        assert store.settings.read()["commune_name"] == "Tân Hội"


@pytest.mark.skipif(sys.platform == "win32",
                    reason="symlinks need administrator rights or developer mode on Windows")
def test_a_relative_path_is_made_absolute_without_resolving_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "drive").symlink_to(tmp_path / "real")  # a mapped drive's stand-in
    assert sqlite_uri(Path("drive/a.sqlite")) == "file://" + str(tmp_path / "drive/a.sqlite")


@pytest.fixture
def on_a_share(monkeypatch):
    """The data files of the test lie on a network share (a mapped drive's stand-in)."""
    from tanhoi_desktop.store import network

    shared = []
    monkeypatch.setattr(network, "on_network_share",
                        lambda path: any(Path(path).parent == s for s in shared))
    return shared


def test_a_file_on_a_network_share_is_kept_in_rollback_journal_mode(tmp_path, on_a_share):
    local = tmp_path / "local.sqlite"
    with Store.open(local, create=True) as store:
        store.records.save("units", {"code": "A", "name": "Phòng A"})
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    share = tmp_path / "may-chu"
    share.mkdir()
    on_a_share.append(share)
    shared = share / "du-lieu.sqlite"
    with Store.open(shared, create=True) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        store.records.save("units", {"code": "B", "name": "Phòng B"})
        # no -wal, no -shm (shared memory two PCs cannot share): the main file holds it
        assert sorted(p.name for p in share.iterdir()) == ["du-lieu.sqlite"]
    # a WAL file copied onto the share leaves WAL mode when it is opened there
    with Store.open(local) as store:
        store.backups.backup_to(tmp_path / "unused.sqlite")
    (share / "chep.sqlite").write_bytes(local.read_bytes())
    with Store.open(share / "chep.sqlite") as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.records.count("units") == 1
    with Store.open(shared, read_only=True) as reader:
        assert reader.records.count("units") == 1


def test_the_window_warns_that_one_pc_at_a_time_may_edit_a_shared_file(open_window,
                                                                        on_a_share,
                                                                        tmp_path):
    on_a_share.append(tmp_path)
    win = open_window()
    text = win.banner_bar.label.text()
    assert not win.banner_bar.isHidden()
    assert "ổ mạng" in text and "Mỗi lúc chỉ một máy được sửa tệp" in text
    assert win.store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.fixture
def windows_case(monkeypatch):
    """Names compared as Windows compares them (ntpath.normcase: without case)."""
    import ntpath
    import os

    monkeypatch.setattr(os.path, "normcase", ntpath.normcase)


def test_a_renamed_data_file_keeps_its_backups_whatever_the_case(tmp_path, monkeypatch):
    import datetime as dt

    from tanhoi_desktop.safety import backups

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    with Store.open(tmp_path / "xa.sqlite", create=True) as store:
        made = backups.make_backup(store, "thu-cong", now=dt.datetime(2026, 11, 2, 8))
        ident = store.file_id()
    renamed = tmp_path / "Xa.sqlite"  # on Windows the same file, written otherwise
    folder = made.parent
    assert backups.list_backups(renamed, folder, ident) == []  # (here: another file)
    import ntpath
    import os

    monkeypatch.setattr(os.path, "normcase", ntpath.normcase)
    assert [b.path for b in backups.list_backups(renamed, folder, ident)] == [made]
    assert backups.list_backups(tmp_path / "xa-2026.sqlite", folder, ident) == []


def test_a_recent_file_is_listed_once_whatever_its_case(qtbot, tmp_path, windows_case):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMenu

    from tanhoi_desktop.ui.menus import RecentFiles

    menu = QMenu()
    recent = RecentFiles(menu, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                         lambda path: None)
    recent.remember(tmp_path / "Xã Tân Hội" / "du-lieu.sqlite")
    recent.remember(tmp_path / "xã tân hội" / "DU-LIEU.sqlite")
    assert recent.paths() == [str(tmp_path / "xã tân hội" / "DU-LIEU.sqlite")]


def test_no_open_builds_its_uri_another_way():
    """Path.as_uri() gives a share's server as the URI's authority, which SQLite refuses:
    every URI comes from store.sqlite_uri (a new open was once written with as_uri)."""
    package = Path(__file__).resolve().parents[1] / "tanhoi_desktop"
    builder = package / "store" / "sqlite_uri.py"
    found = [f"{p.relative_to(package)}:{n}" for p in package.rglob("*.py") if p != builder
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if ".as_uri()" in line and not line.lstrip().startswith("#")]
    assert found == []
