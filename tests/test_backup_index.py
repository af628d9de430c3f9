"""Listing backups opens none of them once they are in the index (OneDrive's Files
On-Demand downloads a backup when it is opened): their identity and the figures the
restore dialog shows are kept beside them, and read again only for a changed file."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from tanhoi_desktop.safety import backup_index, backups
from tanhoi_desktop.store import Store


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def opened(monkeypatch):
    """The backups opened (their identity or their figures read), by name."""
    seen: list[str] = []
    real_id, real_figures = backups.file_id_of, backups.figures_of
    real_origin, real_contents = backups.backup_origin_of, backups.contents_of

    def backup_origin_of(path):
        if path.parent.name == "backups":
            seen.append(path.name)
        return real_origin(path)

    def contents_of(path, as_of=None):
        if path.parent.name == "backups":
            seen.append(path.name)
        return real_contents(path, as_of)

    def file_id_of(path):
        if path.parent.name == "backups":  # (not the data file itself)
            seen.append(path.name)
        return real_id(path)

    def figures_of(path, as_of=None):
        if path.parent.name == "backups":
            seen.append(path.name)
        return real_figures(path, as_of)

    monkeypatch.setattr(backups, "file_id_of", file_id_of)
    monkeypatch.setattr(backups, "figures_of", figures_of)
    monkeypatch.setattr(backups, "backup_origin_of", backup_origin_of)
    monkeypatch.setattr(backups, "contents_of", contents_of)
    return seen


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "xa.sqlite", create=True)
    s.records.save("units", {"code": "A", "name": "A"})
    s.records.save("cadres", {"code": "c", "full_name": "Lê Thị Mai", "gender": "Nữ",
                              "unit_code": "A"})
    s.records.save("posts", {"cadre_code": "c", "unit_code": "A", "title": "Trưởng phòng",
                             "level": "Cấp trưởng", "from_date": "2026-01-01"})
    yield s
    s.close()


def _make(store, n):
    return [backups.make_backup(store, "thu-cong", now=dt.datetime(2026, 11, 1 + i, 8))
            for i in range(n)]


def test_backups_made_here_are_listed_without_opening_any(store, opened):
    made = _make(store, 4)
    opened.clear()
    listed = backups.list_backups(store.path, file_id=store.file_id())
    assert sorted(b.path for b in listed) == sorted(made)
    assert all(b.file_id == store.file_id() for b in listed)
    assert opened == []
    backups.rotate(store.path, file_id=store.file_id())
    assert opened == []


def test_the_figures_shown_are_read_once_then_kept(store, opened):
    made = _make(store, 3)
    listed = backups.list_backups(store.path, file_id=store.file_id())
    opened.clear()
    first = [backups.listed_figures(b) for b in listed]
    assert sorted(opened) == sorted(p.name for p in made)  # once each
    # the woman leads her unit (CT1); no planning nor training recorded (CT2, CT3)
    assert first[0] == {"CT1": 1.0, "CT1_adj": 1.0, "CT2": None, "CT3": None}
    opened.clear()
    assert [backups.listed_figures(b) for b in listed] == first
    assert opened == []


def test_a_changed_or_foreign_backup_is_read_again(store, opened, tmp_path):
    made = _make(store, 2)
    (tmp_path / "khac").mkdir()
    other = Store.open(tmp_path / "khac" / "xa.sqlite", create=True)
    try:
        foreign = other.backups.backup_to(tmp_path / "khac.sqlite")
    finally:
        other.close()
    os.replace(foreign, made[0])  # another file's backup under this file's name
    opened.clear()
    listed = backups.list_backups(store.path, file_id=store.file_id())
    assert [b.path for b in listed] == [made[1]] and opened == [made[0].name]


def test_a_damaged_or_missing_index_is_rebuilt(store, opened):
    made = _make(store, 2)
    index = made[0].parent / backup_index.INDEX_NAME
    index.write_text("{not json", encoding="utf-8")
    opened.clear()
    assert len(backups.list_backups(store.path, file_id=store.file_id())) == 2
    assert sorted(opened) == sorted(p.name for p in made)
    entries = json.loads(index.read_text(encoding="utf-8"))["backups"]
    assert sorted(entries) == sorted(p.name for p in made)
    made[1].unlink()
    backups.list_backups(store.path, file_id=store.file_id())
    assert sorted(json.loads(index.read_text(encoding="utf-8"))["backups"]) == \
        [made[0].name]


def test_the_restore_dialog_opens_no_backup_the_second_time(qtbot, store, opened):
    from tanhoi_desktop.ui.restore_dialog import RestoreDialog

    _make(store, 3)
    first = RestoreDialog(store.path)
    qtbot.addWidget(first)
    opened.clear()
    second = RestoreDialog(store.path)
    qtbot.addWidget(second)
    assert opened == []
    rows = [[second.list.topLevelItem(i).text(c) for c in range(9)] for i in range(3)]
    # the commune and record counts (whose data a restore puts back) come from the index too
    assert rows[0][:2] == ["03/11/2026 08:00:00", "Sao lưu thủ công"]
    assert rows[0][5:] == ["100,0 %", "100,0 %", "—", "—"]
    assert rows[0][2] == store.settings.read()["commune_name"]
