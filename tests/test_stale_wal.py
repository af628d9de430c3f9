"""A -wal beside the data file that was not written for it (another data file's, left by
a copy or a crash) never enters it: it is set aside under a new name, the user is told,
and the file opens without it. The file's own left-over -wal is kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tanhoi_desktop.store import Store

from .conftest import REPO

# A program that commits and then dies: its committed changes stay in the -wal (and -shm)
CRASH = """
import os, sys
from tanhoi_desktop.store import Store
store = Store.open(sys.argv[1])
store._conn.execute("PRAGMA wal_autocheckpoint = 0")
if sys.argv[2]:
    store.settings.save({"commune_name": sys.argv[2]})
store.records.save("units", {"code": sys.argv[3], "name": sys.argv[3]})
os._exit(0)
"""


def _crash_after(path: Path, commune: str, unit: str) -> None:
    subprocess.run([sys.executable, "-c", CRASH, str(path), commune, unit], cwd=REPO,
                   check=True, timeout=60)
    assert Path(str(path) + "-wal").stat().st_size > 0


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def _commune(path: Path, name: str, units: str) -> str:
    with Store.open(path, create=True) as store:
        store.settings.save({"commune_name": name})
        for code in units:
            store.records.save("units", {"code": code, "name": code})
        return store.file_id()


def _contents(path: Path):
    with Store.open(path, read_only=True) as store:
        return (store.settings.read()["commune_name"], store.file_id(),
                sorted(u["code"] for u in store.records.iter_records("units")))


@pytest.mark.parametrize("with_shm", [False, True])
@pytest.mark.parametrize("with_settings", [False, True])
def test_another_files_wal_never_enters_ours(tmp_path, with_shm, with_settings):
    ours, theirs = tmp_path / "ours" / "du-lieu.sqlite", tmp_path / "theirs" / "du-lieu.sqlite"
    ours.parent.mkdir()
    theirs.parent.mkdir()
    our_id = _commune(ours, "Tân Hội", "AB")
    _commune(theirs, "Xã Khác", "XYZ")
    _crash_after(theirs, "Xã Khác đổi tên" if with_settings else "", "KHAC")
    shutil.copyfile(str(theirs) + "-wal", str(ours) + "-wal")
    if with_shm:
        shutil.copyfile(str(theirs) + "-shm", str(ours) + "-shm")
    foreign = Path(str(ours) + "-wal").read_bytes()
    out = _cli("export", "--db", ours, tmp_path / "ra.xlsx")
    assert out.returncode == 0, out.stderr
    assert "Cảnh báo" in out.stderr and "không phải của tệp này" in out.stderr
    assert _contents(ours) == ("Tân Hội", our_id, ["A", "B"])
    aside = [p for p in ours.parent.iterdir() if p.name.startswith("du-lieu.sqlite-wal.")]
    assert len(aside) == 1 and aside[0].read_bytes() == foreign  # kept, not deleted
    assert aside[0].name in out.stderr
    # and the file is ours to work in again
    assert _cli("import", "--db", ours, REPO / "resources/demo/du-lieu-mau.xlsx").returncode == 0
    assert _contents(ours)[:2] == ("Tân Hội", our_id)


@pytest.mark.parametrize("with_shm", [False, True])
def test_the_files_own_left_over_wal_is_kept(tmp_path, with_shm):
    path = tmp_path / "du-lieu.sqlite"
    our_id = _commune(path, "Tân Hội", "AB")
    _crash_after(path, "", "MOI")
    if not with_shm:
        Path(str(path) + "-shm").unlink()
    out = _cli("report", "--db", path, "--json")
    assert out.returncode == 0 and "Cảnh báo" not in out.stderr, out.stderr
    assert _contents(path) == ("Tân Hội", our_id, ["A", "B", "MOI"])
    assert [p.name for p in tmp_path.iterdir() if ".sqlite-wal." in p.name] == []


def test_the_window_says_it_set_a_foreign_wal_aside(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui.main_window import MainWindow

    ours, theirs = tmp_path / "ours" / "du-lieu.sqlite", tmp_path / "theirs" / "du-lieu.sqlite"
    ours.parent.mkdir()
    theirs.parent.mkdir()
    _commune(ours, "Tân Hội", "AB")
    _commune(theirs, "Xã Khác", "XYZ")
    _crash_after(theirs, "", "KHAC")
    shutil.copyfile(str(theirs) + "-wal", str(ours) + "-wal")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(ours)
    try:
        assert "không phải của tệp này" in win.banner_bar.label.text()
        assert sorted(u["code"] for u in win.store.records.iter_records("units")) == ["A", "B"]
    finally:
        win.close_store()
