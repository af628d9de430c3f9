"""Shared fixtures. Qt runs offscreen: set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

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
def d():
    """The usual 'as of' date in tests."""
    return dt.date(2026, 11, 15)
