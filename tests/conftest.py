"""Shared fixtures. Qt runs offscreen: set before anything imports Qt. Its screens are
the ones communes have: 1366 x 768 (the primary) and 1280 x 720 to its right; then the
same two with Windows' taskbar taken away (1366 x 728 and 1280 x 688 usable: the offscreen
platform has no taskbar, so these screens are only as tall as what is left)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile="
                      + str(Path(__file__).with_name("offscreen-screens.json")))

import datetime as dt
import subprocess
import sys

import pytest

from tanhoi_desktop.store import Store

REPO = Path(__file__).resolve().parents[1]
DEMO_WORKBOOK = REPO / "resources" / "demo" / "du-lieu-mau.xlsx"


@pytest.fixture
def store(tmp_path):
    """A fresh, empty data file."""
    s = Store.open(tmp_path / "data.sqlite", create=True)
    yield s
    s.close()


@pytest.fixture
def open_window(qtbot, tmp_path):
    """Opens the main window on a fresh data file: `seed(store)` fills it, then the panel
    goes to `as_of` (when given) and, with `settle`, its figures are awaited. The data
    file is closed after the test."""
    opened = []

    def open_(seed=None, as_of: dt.date | None = None, settle: bool = True):
        from PySide6.QtCore import QSettings

        from tanhoi_desktop.ui.main_window import MainWindow

        from .waiting import figures_settled

        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings)
        qtbot.addWidget(win)
        assert win.open_store(tmp_path / "data.sqlite", create=True)
        opened.append(win)
        if seed is not None:
            seed(win.store)
        if as_of is not None:
            win.panel.set_as_of(as_of)
        if settle:
            figures_settled(qtbot, win.panel)
        return win

    yield open_
    for win in opened:
        win.close_store()


@pytest.fixture
def d():
    """The usual 'as of' date in tests."""
    return dt.date(2026, 11, 15)


class SmallVolume:
    """A real 1 MiB filesystem (tmpfs): a full disk and a write-protected medium as
    the operating system reports them, not simulated."""

    def __init__(self, path: Path):
        self.path = path

    def _mount(self, *args: str) -> None:
        subprocess.run(["mount", *args, str(self.path)], check=True, capture_output=True)

    def write_protect(self) -> None:
        self._mount("-o", "remount,ro")


@pytest.fixture
def small_volume(tmp_path):
    path = tmp_path / "usb"
    path.mkdir()
    if sys.platform != "linux" or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)],
            capture_output=True).returncode != 0:
        pytest.skip("mounting a small filesystem needs Linux and root")
    yield SmallVolume(path)
    subprocess.run(["umount", "-l", str(path)], capture_output=True)
