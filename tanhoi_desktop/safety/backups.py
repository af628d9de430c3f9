"""Automatic backups: where they go, when they are made, which ones are kept.

Backups sit in a `backups` folder next to the data file (the user's data folder when
that one is not writable), named `<data file>-YYYYMMDD-HHMMSS[-reason].sqlite`. The newest
10 are kept, plus the newest of every month.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .. import indicators
from ..store import Store, StoreError, restore_file
from . import output

KEEP_NEWEST = 10
_STAMP = re.compile(r"-(\d{8})-(\d{6})(?:-([a-z-]+))?\.sqlite$")
APP_NAME = "TanHoiDesktop"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    reason: str  # "" | "mo" | "dong" | "thu-cong" | "truoc-khoi-phuc"


def backup_dir(data_file: Path) -> Path:
    """`backups` beside the data file, or in the user's data folder if that is read-only."""
    preferred = data_file.resolve().parent / "backups"
    try:
        preferred.mkdir(exist_ok=True)
        probe = preferred / ".ghi-thu"
        probe.write_bytes(b"")
        probe.unlink()
        return preferred
    except OSError:
        fallback = Path(user_data_dir(APP_NAME, appauthor=False)) / "backups"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def list_backups(data_file: Path, folder: Path | None = None) -> list[Backup]:
    """Backups of this data file, newest first."""
    folder = folder or backup_dir(data_file)
    prefix = data_file.stem + "-"
    found = []
    for path in folder.glob(f"{data_file.stem}-*.sqlite"):
        match = _STAMP.search(path.name)
        if not match or not path.name.startswith(prefix):
            continue
        taken = dt.datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
        found.append(Backup(path, taken, match[3] or ""))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def to_keep(backups: list[Backup], keep_newest: int = KEEP_NEWEST) -> set[Path]:
    """The newest `keep_newest`, plus the newest backup of each month."""
    ordered = sorted(backups, key=lambda b: b.taken, reverse=True)
    keep = {b.path for b in ordered[:keep_newest]}
    seen_months: set[tuple[int, int]] = set()
    for b in ordered:
        month = (b.taken.year, b.taken.month)
        if month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    return keep


def rotate(data_file: Path, folder: Path | None = None) -> list[Path]:
    """Delete backups beyond the policy; returns what was deleted."""
    backups = list_backups(data_file, folder)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass  # a locked or read-only old backup is harmless to keep
    return removed


def make_backup(store: Store, reason: str = "", folder: Path | None = None,
                now: dt.datetime | None = None) -> Path:
    """Back up the open data file now, then apply the keeping policy."""
    folder = folder or backup_dir(store.path)
    now = now or dt.datetime.now()
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{store.path.stem}-{now:%Y%m%d-%H%M%S}{suffix}.sqlite"
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / f"{store.path.stem}-{now:%Y%m%d-%H%M%S}{suffix}-{n}.sqlite"
        n += 1
    with output.replacing(target, output.verify_data_file, protect=[store.path]) as tmp:
        store.copy_into(tmp)
    rotate(store.path, folder)
    return target


def save_copy(store: Store, target: Path, new_identity: bool = True) -> Path:
    """A copy of the open file for the user ("Lưu bản sao", "Chép vào máy này"): checked,
    never over a data file or backup. Such a copy is a new file that lives its own life,
    so by default it gets its own file_id (and notes the original's as copied_from):
    the backups of one are then never offered for restoring the other."""
    with output.replacing(target, output.verify_data_file, protect=[store.path]) as tmp:
        store.copy_into(tmp, new_identity=new_identity)
    return target


def backup_on_open(store: Store, now: dt.datetime | None = None) -> Path | None:
    """At most one automatic backup a day when a file is opened."""
    now = now or dt.datetime.now()
    folder = backup_dir(store.path)
    if any(b.taken.date() == now.date() for b in list_backups(store.path, folder)):
        return None
    return make_backup(store, "mo", folder, now)


def figures_of(backup: Path, as_of: dt.date | None = None) -> indicators.Figures | None:
    """The four figures stored in a backup, or None when it cannot be read."""
    try:
        with Store.open(backup, read_only=True) as copy:
            return indicators.compute(copy, as_of, with_units=False)
    except StoreError:
        return None


def newest_good(data_file: Path) -> Backup | None:
    for b in list_backups(data_file):
        if figures_of(b.path) is not None:
            return b
    return None


def restore(backup: Path, data_file: Path, current: Store | None) -> Path | None:
    """Put `backup` in place of the data file. The current file is backed up first (or,
    if it cannot be opened, moved aside), so a restore can itself be undone.

    `current` must be the open store of data_file, or None; it is closed here."""
    folder = backup_dir(data_file)
    saved = None
    if current is not None:
        saved = make_backup(current, "truoc-khoi-phuc", folder)
        current.close()
    elif data_file.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = folder / f"{data_file.stem}-hong-{stamp}{data_file.suffix}"
        os.replace(data_file, saved)
        for side in ("-wal", "-shm"):
            side_file = Path(str(data_file) + side)
            if side_file.exists():
                os.replace(side_file, Path(str(saved) + side))
    restore_file(backup, data_file)
    return saved
