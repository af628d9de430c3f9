"""The file a start-up opens is the last one used; Tệp → Mở gần đây lists the last five;
a last file that is gone is said, with where it was, and the other recent files offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from tanhoi_desktop.store import Store
from tanhoi_desktop.ui import last_file
from tanhoi_desktop.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def windows(qtbot, settings):
    made = []

    def new():
        win = MainWindow(settings)
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield new
    for win in made:
        win.close_store()


def _data_file(path: Path, unit: str) -> Path:
    with Store.open(path, create=True) as store:
        store.records.save("units", {"code": unit, "name": f"Đơn vị {unit}"})
    return path


def _units(win) -> list[str]:
    return [r["code"] for r in win.store.browse.page("units")]


def test_the_next_start_opens_the_last_file_not_the_empty_default(windows, tmp_path,
                                                                  monkeypatch):
    default = tmp_path / "mac-dinh" / "du-lieu.sqlite"
    default.parent.mkdir()
    monkeypatch.setattr(last_file, "default_data_file", lambda: default)
    first = windows()
    assert first.open_start_file()  # nothing used yet: the default file, created
    assert first.store.path == default
    kept = _data_file(tmp_path / "xa-tan-hoi.sqlite", "VP")
    assert first.open_store(kept)  # Tệp → Mở tệp dữ liệu…
    first.close_store()
    again = windows()
    assert again.open_start_file()
    assert again.store.path == kept and _units(again) == ["VP"]


def test_the_recent_menu_lists_five_files_newest_first_and_opens_one(windows, tmp_path):
    win = windows()
    paths = [_data_file(tmp_path / f"tep-{i}.sqlite", f"U{i}") for i in range(7)]
    for path in paths:
        assert win.open_store(path)
    menu = win.recent_menu
    assert menu.title() == "Mở gần đây"
    texts = [a.text() for a in menu.actions()]
    assert len(texts) == 5
    assert texts[0] == f"&1 tep-6.sqlite  —  {tmp_path}"
    assert [t.split()[1] for t in texts] == [f"tep-{i}.sqlite" for i in (6, 5, 4, 3, 2)]
    menu.actions()[3].trigger()
    assert win.store.path == paths[3] and _units(win) == ["U3"]
    assert menu.actions()[0].text().startswith("&1 tep-3.sqlite")


def test_a_missing_last_file_says_where_it_was_and_offers_the_others(windows, tmp_path,
                                                                      qtbot, monkeypatch):
    monkeypatch.setattr(last_file, "default_data_file", lambda: tmp_path / "never.sqlite")
    win = windows()
    (tmp_path / "khac").mkdir()
    other = _data_file(tmp_path / "khac" / "tep-khac.sqlite", "KT")
    usb = tmp_path / "usb"
    usb.mkdir()
    gone = _data_file(usb / "du-lieu-xa.sqlite", "VP")
    assert win.open_store(other) and win.open_store(gone)
    win.close_store()
    gone.unlink()
    again = windows()
    again.show()
    assert not again.open_start_file()
    assert again.store is None
    assert not (tmp_path / "never.sqlite").exists()  # no empty file that looks like lost data
    page = again.stack.currentWidget()
    assert page.objectName() == "missing_file"
    where = page.findChild(QLabel, "missing_where")
    assert "du-lieu-xa.sqlite" in where.text() and str(usb) in where.text()
    assert "(không tìm thấy)" in again.recent_menu.actions()[0].text()
    assert page.list.count() == 1 and str(other.parent) in page.list.item(0).text()
    qtbot.mouseClick(page.open_chosen, Qt.MouseButton.LeftButton)
    assert again.store is not None and again.store.path == other
    assert _units(again) == ["KT"]


def test_retry_opens_the_last_file_once_it_is_back(windows, tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # «not found» while away
    win = windows()
    usb = tmp_path / "usb"
    usb.mkdir()
    path = _data_file(usb / "du-lieu-xa.sqlite", "VP")
    assert win.open_store(path)
    win.close_store()
    away = path.rename(tmp_path / "away.sqlite")
    again = windows()
    assert not again.open_start_file()
    page = again.stack.currentWidget()
    assert page.list.count() == 0 and not page.open_chosen.isVisibleTo(page)
    qtbot.mouseClick(page.retry, Qt.MouseButton.LeftButton)
    assert again.store is None  # still away: said, nothing created
    assert not path.exists()
    away.rename(path)  # the USB stick is back
    qtbot.mouseClick(page.retry, Qt.MouseButton.LeftButton)
    assert again.store is not None and _units(again) == ["VP"]
