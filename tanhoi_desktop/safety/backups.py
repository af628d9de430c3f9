"""Automatic backups: where they go, when they are made, which ones are kept.

Backups sit in a `backups` folder next to the data file (the user's data folder when
that one is not writable), named `<data file>-YYYYMMDD-HHMMSS[-reason][-n].sqlite`. The
newest 10 are kept, plus the newest of each of the last 7 days and of every month; the
backup being restored is never removed.

A backup belongs to a data file when its name is exactly that file's stem followed by
the stamp (parsed, never globbed: `Tân Hội` is not `Tân Hội-2025`, and `[ ]` in a name
means nothing special) and, inside, it carries the same file_id (settings, schema v3).
Backups made before v3 have no file_id and are matched by their name alone. Each
backup notes the exact name of its file (settings.backup_of): when the data file's own
identity cannot be read, only those are offered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .. import domain
from ..figures import indicators
from ..store import Store, StoreError, check_file, file_id_of, restore_file
from ..store.backup import CopyProgress
from ..store.opening import backup_origin_of, in_use_elsewhere
from . import output
from .backup_index import BackupIndex
from .crashlog import APP_NAME

KEEP_NEWEST = 10
REASONS = ("mo", "dong", "thu-cong", "truoc-khoi-phuc")
_STAMP = re.compile(r"(\d{8})-(\d{6})(?:-(" + "|".join(REASONS) + r"))?(?:-\d+)?\.sqlite")
_UNREAD = object()


KEEP_DAYS = 7  # the newest backup of each of the last days is kept too
DATA_SUFFIXES = (".sqlite", ".db", ".sqlite3")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    reason: str  # "" | "mo" | "dong" | "thu-cong" | "truoc-khoi-phuc"
    file_id: str | None = None  # the identity of the file it was taken from
    backup_of: str | None = None  # the exact name of that file (none before this noted it)


def backup_dir(data_file: Path) -> Path:
    """`backups` beside the data file, or in the user's data folder if that is read-only."""
    preferred = data_file.resolve().parent / "backups"
    try:
        preferred.mkdir(exist_ok=True)
        probe = preferred / f".ghi-thu-{os.getpid()}"  # per process: never another's
        probe.write_bytes(b"")
        probe.unlink()
        return preferred
    except OSError:
        fallback = Path(user_data_dir(APP_NAME, appauthor=False)) / "backups"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


# A name may be 255 bytes. A backup's name adds the stamp, a reason, a number and
# ".sqlite" (43 bytes) to the data file's stem, and SQLite may add "-journal" to it: a
# stem longer than this many bytes (a long Vietnamese name) is cut for its backups.
_MAX_STEM_BYTES = 255 - 43 - 8


def backup_stem(data_file: Path) -> str:
    """The start of the names of `data_file`'s backups: its stem, cut (between two
    characters) when too long to leave room for the stamp."""
    raw = data_file.stem.encode("utf-8", "surrogateescape")
    if len(raw) <= _MAX_STEM_BYTES:
        return data_file.stem
    return raw[:_MAX_STEM_BYTES].decode("utf-8", "ignore")


def list_backups(data_file: Path, folder: Path | None = None,
                 file_id: str | object | None = _UNREAD) -> list[Backup]:
    """Backups of this data file (and of no other), newest first. `file_id` is the data
    file's identity when the caller has it open; otherwise it is read from the file.
    When it has none (cut short, damaged, unreadable), only the backups made from this
    exact file name are its own: `du-lieu.sqlite` is not `du-lieu.db`, whose backups
    share the start of their names. (An older backup that does not say its file's name
    is taken only while no other data file beside shares the name.)"""
    folder = folder or backup_dir(data_file)
    if file_id is _UNREAD:
        file_id = file_id_of(data_file) if data_file.exists() else None
    # names compared as the system does: without case on Windows (xa.sqlite, renamed
    # Xa.sqlite, keeps its backups xa-…)
    prefix = os.path.normcase(backup_stem(data_file) + "-")
    namesakes = None if file_id else _namesakes(data_file)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    index = BackupIndex(folder)  # identities without opening (downloading) each backup
    for path in entries:
        name = os.path.normcase(path.name)
        if not name.startswith(prefix):
            continue
        match = _STAMP.fullmatch(name[len(prefix):])
        if not match or not path.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
        except ValueError:
            continue
        known, backup_id = index.get(path, "file_id")
        known_of, backup_of = index.get(path, "backup_of")
        if not (known and known_of):  # read once, then kept in the index
            backup_id, backup_of = backup_origin_of(path)
            index.note(path, file_id=backup_id, backup_of=backup_of)
        if file_id and backup_id and backup_id != file_id:
            continue  # same name, another file's backup
        if not file_id and (backup_of != data_file.name if backup_of else namesakes):
            continue  # no identity to go by: by the exact name alone
        found.append(Backup(path, taken, match[3] or "", backup_id, backup_of))
    index.keep_only({p.name for p in entries})
    index.save()
    return sorted(found, key=lambda b: b.taken, reverse=True)


def _namesakes(data_file: Path) -> bool:
    """Whether another data file beside `data_file` makes backups of the same names."""
    stem = backup_stem(data_file)
    try:
        return any(other.name != data_file.name and backup_stem(other) == stem
                   and other.suffix.lower() in DATA_SUFFIXES
                   for other in data_file.parent.iterdir())
    except OSError:
        return True  # cannot tell: not offered


def to_keep(backups: list[Backup], keep_newest: int = KEEP_NEWEST,
            today: dt.date | None = None) -> set[Path]:
    """The newest `keep_newest`, the newest backup of each of the last KEEP_DAYS days
    (up to `today`) and the newest of each month."""
    ordered = sorted(backups, key=lambda b: b.taken, reverse=True)
    keep = {b.path for b in ordered[:keep_newest]}
    today = today or dt.date.today()
    recent = {today - dt.timedelta(days=n) for n in range(KEEP_DAYS)}
    seen_months: set[tuple[int, int]] = set()
    seen_days: set[dt.date] = set()
    for b in ordered:
        month = (b.taken.year, b.taken.month)
        if month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
        day = b.taken.date()
        if day in recent and day not in seen_days:
            seen_days.add(day)
            keep.add(b.path)
    return keep


def rotate(data_file: Path, folder: Path | None = None,
           file_id: str | object | None = _UNREAD, spare: Iterable[Path] = (),
           today: dt.date | None = None) -> list[Path]:
    """Delete this file's backups beyond the policy (never another file's, never one in
    `spare`: the backup being restored); returns what was deleted."""
    backups = list_backups(data_file, folder, file_id)
    keep = to_keep(backups, today=today)
    spared = {Path(p).resolve() for p in spare}
    removed = []
    for b in backups:
        if b.path not in keep and b.path.resolve() not in spared:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass  # a locked or read-only old backup is harmless to keep
    return removed


def make_backup(store: Store, reason: str = "", folder: Path | None = None,
                now: dt.datetime | None = None, spare: Iterable[Path] = (),
                progress: CopyProgress | None = None, keep_all: bool = False) -> Path:
    """Back up the open data file now, then apply the keeping policy (which never
    removes a backup in `spare`; `keep_all` leaves it for the caller to apply once its
    own work succeeded). `progress(done, total)` may raise to stop: nothing is left."""
    folder = folder or backup_dir(store.path)
    now = now or dt.datetime.now()
    suffix = f"-{reason}" if reason else ""
    stem = backup_stem(store.path)
    target = folder / f"{stem}-{now:%Y%m%d-%H%M%S}{suffix}.sqlite"
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / f"{stem}-{now:%Y%m%d-%H%M%S}{suffix}-{n}.sqlite"
        n += 1
    with output.replacing(target, output.verify_data_file, protect=[store.path]) as tmp:
        store.backups.copy_into(tmp, backup=True, progress=progress)
    index = BackupIndex(folder)
    index.note(target, file_id=store.file_id(), backup_of=store.path.name)
    index.save()
    if not keep_all:
        rotate(store.path, folder, store.file_id(), spare, now.date())
    return target


def save_copy(store: Store, target: Path, new_identity: bool = True) -> Path:
    """A copy of the open file for the user ("Lưu bản sao", "Chép vào máy này"): checked,
    never over a data file or backup. Such a copy is a new file that lives its own life,
    so by default it gets its own file_id (and notes the original's as copied_from):
    the backups of one are then never offered for restoring the other."""
    with output.replacing(target, output.verify_data_file, protect=[store.path]) as tmp:
        store.backups.copy_into(tmp, new_identity=new_identity)
    return target


def backup_on_open(store: Store, now: dt.datetime | None = None) -> Path | None:
    """At most one automatic backup a day when a file is opened."""
    now = now or dt.datetime.now()
    folder = backup_dir(store.path)
    output.remove_leftovers([store.path.absolute().parent, folder])  # a killed run's
    if any(b.taken.date() == now.date()
           for b in list_backups(store.path, folder, store.file_id())):
        return None
    return make_backup(store, "mo", folder, now)


# what a backup holds, shown before it is restored: (table, words for its count)
COUNTED = tuple((table, domain.ENTITY[table].label)
                for table in ("units", "cadres", "planning", "courses"))


@dataclass(frozen=True)
class Contents:
    """Whose data a backup holds and how much, so that the user sees what a restore
    puts in place before it is done."""
    commune: str
    counts: dict[str, int]  # table -> records
    figures: indicators.Figures

    def in_words(self) -> str:
        """«xã Tân Hội: 12 đơn vị, 85 cán bộ, 20 mục quy hoạch, 4 lớp học»"""
        return f"xã «{self.commune or '(chưa đặt tên)'}»: " + ", ".join(
            f"{self.counts[table]} {words}" for table, words in COUNTED)


def contents_of(backup: Path, as_of: dt.date | None = None) -> Contents | None:
    """The commune, the record counts and the four figures in a backup; None when it
    cannot be read."""
    try:
        with Store.open(backup, read_only=True) as copy:
            return Contents(copy.settings.read().get("commune_name") or "",
                            {table: copy.records.count(table) for table, _words in COUNTED},
                            indicators.compute(copy, as_of, with_units=False))
    except StoreError:
        return None


def figures_of(backup: Path, as_of: dt.date | None = None) -> indicators.Figures | None:
    """The four figures stored in a backup, or None when it cannot be read."""
    try:
        with Store.open(backup, read_only=True) as copy:
            return indicators.compute(copy, as_of, with_units=False)
    except StoreError:
        return None


def listed_figures(backup: Backup) -> dict[str, float | None] | None:
    """The four figures of a backup as of the day it was taken (what the file said
    then), for the list of backups: from the index, else read once and noted there.
    None when the backup cannot be read."""
    index = BackupIndex(backup.path.parent)
    known, figures = index.get(backup.path, "figures")
    if known:
        return figures if isinstance(figures, dict) else None
    computed = figures_of(backup.path, backup.taken.date())
    figures = None if computed is None else {k: computed[k].value for k in indicators.KEYS}
    index.note(backup.path, figures=figures)
    index.save()
    return figures


@dataclass(frozen=True)
class Listed:
    """What the list of backups shows of one backup, kept in the backups' index: whose
    data it holds, how much, and its four figures as of the day it was taken."""

    commune: str
    counts: dict[str, int]
    figures: dict[str, float | None]

    def in_words(self) -> str:
        return f"xã «{self.commune or '(chưa đặt tên)'}»: " + ", ".join(
            f"{self.counts.get(table, 0)} {words}" for table, words in COUNTED)


def listed_contents(backup: Backup) -> Listed | None:
    """A backup's commune, record counts and figures for the list of backups: from the
    index, else read once (contents_of) and noted there. None when it cannot be read."""
    index = BackupIndex(backup.path.parent)
    known, kept = index.get(backup.path, "contents")
    if known:
        return Listed(**kept) if isinstance(kept, dict) else None
    contents = contents_of(backup.path, backup.taken.date())
    listed = None if contents is None else Listed(
        contents.commune, contents.counts,
        {k: contents.figures[k].value for k in indicators.KEYS})
    index.note(backup.path, contents=None if listed is None else {
        "commune": listed.commune, "counts": listed.counts, "figures": listed.figures})
    index.save()
    return listed


def newest_good(data_file: Path) -> Backup | None:
    for b in list_backups(data_file):
        if figures_of(b.path) is not None:
            return b
    return None


BACKING_UP = "Đang sao lưu tệp hiện tại…"
RESTORING = "Đang khôi phục từ bản sao lưu…"


def _in_phase(progress: Callable[[str, int, int], None] | None,
              phase: str) -> CopyProgress | None:
    if progress is None:
        return None
    return lambda done, total: progress(phase, done, total)


def restore(backup: Path, data_file: Path, current: Store | None,
            progress: Callable[[str, int, int], None] | None = None) -> Path | None:
    """Put `backup` in place of the data file. The backup is checked first (whole, no
    planted code, taken from this very file); then the current file is backed up (or,
    if it cannot be opened, moved aside), so a restore can itself be undone.

    `current` must be the open store of data_file, or None; it is closed here.
    `progress(phase, done, total)` hears both copies and may raise to stop either: the
    file is then as it was, and the backup of it made for this restore is removed."""
    check_file(backup)
    own_id = current.file_id() if current is not None else file_id_of(data_file)
    backup_id, backup_of = backup_origin_of(backup)
    if (own_id and backup_id and own_id != backup_id) or (not own_id and (
            backup_of != data_file.name if backup_of else _namesakes(data_file))):
        raise StoreError(f"Bản sao lưu «{backup.name}» là của một tệp dữ liệu khác, không "
                         f"phải của «{data_file.name}»; không khôi phục.", "foreign")
    folder = backup_dir(data_file)
    if current is not None:
        # in place, through SQLite: a program reading the file meanwhile keeps its
        # -wal and -shm, and sees the restored contents
        saved = None
        try:
            replaced = _figures_in_words(current)
            saved = make_backup(current, "truoc-khoi-phuc", folder, keep_all=True,
                                progress=_in_phase(progress, BACKING_UP))
            current.backups.take_contents_of(backup, _in_phase(progress, RESTORING))
        except BaseException:
            if saved is not None:  # a stopped restore leaves nothing of its own behind
                with contextlib.suppress(OSError):
                    saved.unlink()
            current.close()
            raise
        try:
            current.backups.note_restore(backup, saved, replaced)
        finally:
            current.close()
        # the keeping policy only now (never the backup being restored): a restore that
        # was stopped has removed no old backup
        rotate(data_file, folder, spare=[backup, saved])
        return saved
    saved = None
    if data_file.exists():
        if in_use_elsewhere(data_file):
            raise StoreError(f"Tệp «{data_file.name}» đang được một chương trình khác mở; "
                             "hãy đóng chương trình đó rồi khôi phục lại.", "busy")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = folder / f"{backup_stem(data_file)}-hong-{stamp}{data_file.suffix[:16]}"
        os.replace(data_file, saved)
        for side in ("-wal", "-shm"):
            side_file = Path(str(data_file) + side)
            if side_file.exists():
                os.replace(side_file, Path(str(saved) + side))
    restore_file(backup, data_file)
    with Store.open(data_file) as restored:
        restored.backups.note_restore(backup, saved, None)
    return saved


def _figures_in_words(store: Store) -> dict[str, str] | None:
    """The four figures of the file about to be replaced, for the restore's audit entry."""

    try:
        figures = indicators.compute(store, None, with_units=False)
    except (StoreError, ValueError):
        return None
    return {indicators.SHORT[key]: f"{figures[key].numerator}/{figures[key].denominator} "
            f"({domain.format_percent(figures[key].value)})" for key in indicators.KEYS}
