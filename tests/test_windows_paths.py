"""Windows' paths as SQLite must be given them, tested with Windows-style paths on any
system (PureWindowsPath), and with real files where this system can stand in."""

from __future__ import annotations

import sqlite3
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
        store.save_settings({"commune_name": "Tân Hội"})
        backup = store.backup_to(folder / "sao lưu #1.sqlite")
        ident = store.file_id()
    assert file_id_of(path) == ident
    with Store.open(path, read_only=True) as store:
        assert store.settings()["commune_name"] == "Tân Hội"
    from tanhoi_desktop.store.backup import restore_file

    restore_file(backup, path)
    with Store.open_to_read(path) as store:
        assert store.settings()["commune_name"] == "Tân Hội"


def test_a_relative_path_is_made_absolute_without_resolving_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "drive").symlink_to(tmp_path / "real")  # a mapped drive's stand-in
    assert sqlite_uri(Path("drive/a.sqlite")) == "file://" + str(tmp_path / "drive/a.sqlite")
