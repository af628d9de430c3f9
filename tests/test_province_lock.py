"""One writer per province file, as for a commune's file: the window holds a lock beside
the file; a second window may only look (and says so), and the command line's writing
commands (`province communes`, `province add`) are refused while a window holds it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from tanhoi_desktop.province.store import ProvinceStore
from tanhoi_desktop.ui import province_window

from .province_communes import commune_list


@pytest.fixture
def province_file(tmp_path):
    path = tmp_path / "tinh.sqlite"
    ProvinceStore.create(path).close()
    return path


@pytest.fixture
def parent(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    yield main
    for window in getattr(main, "province_windows", []):
        window.close()


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", "province", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_a_second_window_only_looks_and_says_so(province_file, parent, monkeypatch):
    first = province_window.open_province_file(province_file, parent)
    assert first is not None and not first.store.read_only
    asked = []
    monkeypatch.setattr(province_window, "ask",
                        lambda *a, **k: asked.append(a[2]) or True)
    second = province_window.open_province_file(province_file, parent)
    assert asked and "đang được mở để ghi" in asked[0]
    assert second.store.read_only and second.windowTitle().endswith("(chỉ xem)")
    adding = [a for a in second.writing_actions if a.text() == "Thêm biểu của xã…"]
    assert adding and not any(a.isEnabled() for a in adding)
    assert not second.as_of.isEnabled()
    assert second.summary.text().startswith(province_window.READ_ONLY_TIP)
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    second.close()  # closing a read-only window writes nothing and says nothing
    assert said == []
    # the writer's lock stays: a third attempt is asked again, and may be declined
    monkeypatch.setattr(province_window, "ask", lambda *a, **k: False)
    assert province_window.open_province_file(province_file, parent) is None
    first.close()
    # once the writer is gone, the file opens for writing again without a question
    monkeypatch.setattr(province_window, "ask", lambda *a, **k: pytest.fail("asked"))
    again = province_window.open_province_file(province_file, parent)
    assert again is not None and not again.store.read_only


def test_the_command_line_does_not_write_under_an_open_window(province_file, parent,
                                                              tmp_path):
    communes = commune_list(tmp_path / "ds.xlsx")
    window = province_window.open_province_file(province_file, parent)
    before = province_file.read_bytes()
    out = _cli("communes", "--db", province_file, communes)
    assert out.returncode == 2, out.stderr
    assert "cửa sổ Tổng hợp tỉnh" in out.stderr and "Traceback" not in out.stderr
    assert province_file.read_bytes() == before
    with ProvinceStore.open(province_file, read_only=True) as store:
        assert store.communes() == []
    # reading still works beside the window
    out = _cli("report", "--db", province_file, "--as-of", "15/11/2026", "--json")
    assert out.returncode == 0, out.stderr
    window.close()
    out = _cli("communes", "--db", province_file, communes)
    assert out.returncode == 0, out.stderr
    with ProvinceStore.open(province_file, read_only=True) as store:
        assert len(store.communes()) > 0
