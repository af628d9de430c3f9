"""Backups belong to exactly one data file: matched by the exact name and by the identity
(settings.file_id) they carry inside; never listed, rotated or restored for another."""

import datetime as dt
import shutil

import pytest

from tanhoi_desktop.safety import backups
from tanhoi_desktop.store import Store, StoreError, file_id_of

START = dt.datetime(2026, 1, 5, 9, 0, 0)


def _file(path, code="A"):
    s = Store.open(path, create=True)
    s.records.save("units", {"code": code, "name": f"Phòng {code}"})
    return s


def test_a_similar_name_is_another_file(tmp_path):
    short = _file(tmp_path / "Tân Hội.sqlite")
    longer = _file(tmp_path / "Tân Hội-2025.sqlite", "B")
    folder = backups.backup_dir(short.path)
    theirs = [backups.make_backup(longer, now=START + dt.timedelta(days=i)) for i in range(3)]
    for i in range(14):  # enough to rotate the short one's backups
        backups.make_backup(short, now=START + dt.timedelta(days=40 + i))
    assert all(p.exists() for p in theirs)  # rotation never touched the other's backups
    own = backups.list_backups(short.path, folder)
    assert own and all(b.path.name.startswith("Tân Hội-2026") for b in own)
    assert {b.path for b in backups.list_backups(longer.path, folder)} == set(theirs)
    short.close()
    longer.close()


def test_brackets_in_a_name_find_and_rotate_its_backups(tmp_path):
    s = _file(tmp_path / "Xã [Tân Hội] (2026).sqlite")
    for i in range(14):
        backups.make_backup(s, now=START + dt.timedelta(days=i))
    kept = backups.list_backups(s.path)
    assert len(kept) == 10  # 14 in one month: the newest ten
    assert kept[0].taken == START + dt.timedelta(days=13)
    s.close()


def test_every_file_has_an_identity_and_its_backups_carry_it(tmp_path):
    a = _file(tmp_path / "a.sqlite")
    b = _file(tmp_path / "b.sqlite")
    assert a.file_id() and b.file_id() and a.file_id() != b.file_id()
    backup = backups.make_backup(a, "thu-cong")
    assert file_id_of(backup) == a.file_id()
    copy = backups.save_copy(a, tmp_path / "ban-sao.sqlite")
    assert file_id_of(copy) not in (None, a.file_id())
    a.close()
    b.close()


def test_another_files_backup_with_the_same_name_is_never_offered(tmp_path):
    here, there = tmp_path / "o-day", tmp_path / "noi-khac"
    here.mkdir()
    there.mkdir()
    ours = _file(here / "xa.sqlite")
    stranger = _file(there / "xa.sqlite", "Z")
    foreign = backups.make_backup(stranger, "thu-cong", now=START)
    moved = backups.backup_dir(ours.path) / foreign.name  # copied into our backups folder
    shutil.copyfile(foreign, moved)
    own = backups.make_backup(ours, "thu-cong", now=START + dt.timedelta(days=1))
    assert [b.path for b in backups.list_backups(ours.path)] == [own]
    with pytest.raises(StoreError) as err:
        backups.restore(moved, ours.path, ours)
    assert err.value.kind == "foreign" and "của một tệp dữ liệu khác" in err.value.message
    assert ours.records.count("units") == 1  # still open, untouched
    for _ in range(12):  # rotation leaves the stranger's backup alone
        backups.make_backup(ours)
    assert moved.exists()
    ours.close()
    stranger.close()
