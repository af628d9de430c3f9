"""Which backups are offered for a file whose identity cannot be read (only those made
from its exact name), what each holds (commune, record counts) before a restore, and a
rotation that never removes the backup being restored nor the last of each recent day."""

import datetime as dt
import sqlite3

import pytest

from tanhoi_desktop.safety import backups
from tanhoi_desktop.store import Store, StoreError


def _commune(path, name, units):
    s = Store.open(path, create=True)
    s.settings.save({"commune_name": name})
    for i in range(units):
        s.records.save("units", {"code": f"U{i}", "name": f"Phòng {i}"})
    return s


def _cut_short(path):
    """As a copy broken off in the middle: its identity cannot be read."""
    data = path.read_bytes()
    path.write_bytes(data[:100])


@pytest.fixture
def two_files(tmp_path):
    """du-lieu.sqlite (Tân Hội) and du-lieu.db (another commune) in one folder: their
    backups' names start alike. Then du-lieu.sqlite is cut short."""
    ours = _commune(tmp_path / "du-lieu.sqlite", "Tân Hội", 3)
    theirs = _commune(tmp_path / "du-lieu.db", "Tân Hòa", 5)
    now = dt.datetime(2026, 11, 1, 8, 0, 0)
    own = backups.make_backup(ours, "thu-cong", now=now)
    other = backups.make_backup(theirs, "thu-cong", now=now + dt.timedelta(hours=1))
    ours.close()
    theirs.close()
    _cut_short(tmp_path / "du-lieu.sqlite")
    return tmp_path / "du-lieu.sqlite", own, other


def test_only_backups_of_this_exact_name_are_offered_when_the_identity_is_unreadable(
        two_files):
    path, own, other = two_files
    assert [b.path for b in backups.list_backups(path)] == [own]
    assert backups.newest_good(path).path == own
    with pytest.raises(StoreError) as err:
        backups.restore(other, path, None)
    assert err.value.kind == "foreign"
    assert backups.restore(own, path, None) is not None
    with Store.open(path) as s:
        assert s.settings.read()["commune_name"] == "Tân Hội"


def test_an_older_backup_without_its_name_is_offered_only_without_a_namesake(two_files):
    path, own, other = two_files
    for backup in (own, other):  # as a version that did not note the name made them
        conn = sqlite3.connect(backup)
        conn.execute("DELETE FROM settings WHERE key = 'backup_of'")
        conn.commit()
        conn.close()
    assert backups.list_backups(path) == []  # du-lieu.db beside: cannot tell
    (path.parent / "du-lieu.db").unlink()
    assert {b.path for b in backups.list_backups(path)} == {own, other}


def test_what_a_backup_holds_is_said(two_files):
    _path, own, other = two_files
    assert backups.contents_of(own).in_words() == \
        "xã «Tân Hội»: 3 đơn vị, 0 cán bộ, 0 mục quy hoạch, 0 lớp học"
    assert backups.contents_of(other).counts["units"] == 5


def test_the_restore_dialog_shows_each_backups_commune_and_counts(qtbot, tmp_path,
                                                                  monkeypatch):
    from tanhoi_desktop.ui import restore_dialog

    s = _commune(tmp_path / "xa.sqlite", "Tân Hội", 2)
    backups.make_backup(s, "thu-cong", now=dt.datetime(2026, 11, 1, 8, 0, 0))
    s.close()
    dialog = restore_dialog.RestoreDialog(tmp_path / "xa.sqlite")
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert [item.text(c) for c in (2, 3, 4)] == ["Tân Hội", "2", "0"]
    asked = []

    class Box:
        Icon = restore_dialog.MessageBox.Icon
        ButtonRole = restore_dialog.MessageBox.ButtonRole

        def __init__(self, _icon, _title, text, parent=None):
            asked.append(text)

        def addButton(self, *_args):
            return object()

        def exec(self):
            return 0

        def clickedButton(self):
            return None

    monkeypatch.setattr(restore_dialog, "MessageBox", Box)
    dialog.list.setCurrentItem(item)
    dialog.accept()
    assert "dữ liệu của xã «Tân Hội»: 2 đơn vị, 0 cán bộ" in asked[0]
    assert dialog.chosen() is None  # not confirmed


def test_the_window_says_whose_backup_it_offers_for_a_damaged_file(qtbot, two_files,
                                                                   monkeypatch):
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.ui import file_actions
    from tanhoi_desktop.ui.main_window import MainWindow

    path, _own, _other = two_files
    asked = []
    monkeypatch.setattr(file_actions, "ask", lambda _w, _t, text, **_k: asked.append(text))
    monkeypatch.setattr(file_actions, "tell", lambda *_a, **_k: None)
    win = MainWindow(QSettings(str(path.parent / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert not win.open_store(path)
    assert len(asked) == 1 and "dữ liệu của xã «Tân Hội»: 3 đơn vị" in asked[0]


def test_rotation_never_removes_the_backup_being_restored(tmp_path):
    """Ten backups of one past month: the oldest is kept only as one of the newest ten,
    and the «trước khôi phục» backup pushes it out of them."""
    s = _commune(tmp_path / "xa.sqlite", "Tân Hội", 1)
    made = [backups.make_backup(s, now=dt.datetime(2025, 4, 1, 8, 0, 0)
                                + dt.timedelta(hours=i)) for i in range(10)]
    chosen = made[0]
    s.records.save("units", {"code": "X", "name": "Phòng X"})
    assert backups.restore(chosen, s.path, s) is not None
    assert chosen.exists()
    with Store.open(tmp_path / "xa.sqlite") as restored:
        assert restored.records.count("units") == 1


def test_the_newest_backup_of_each_of_the_last_seven_days_is_kept(tmp_path):
    s = _commune(tmp_path / "xa.sqlite", "Tân Hội", 1)
    now = dt.datetime.now().replace(microsecond=0)
    daily = [backups.make_backup(s, now=now - dt.timedelta(days=d, hours=1))
             for d in range(6, 0, -1)]
    for i in range(12):  # today, many times: the newest ten alone would drop the days
        backups.make_backup(s, now=now - dt.timedelta(minutes=50 - i))
    assert all(p.exists() for p in daily)
    kept = backups.list_backups(s.path)
    assert len(kept) == 10 + 6 and len({b.taken.date() for b in kept}) == 7
    s.close()
