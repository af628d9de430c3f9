"""Copies of the data file made with SQLite's backup API (a plain file copy of a WAL
database can miss the newest writes), and restoring one over the data file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from . import replacing
from .core import StoreError, classify, temp_beside
from .opening import _has_wal, check_file, connect
from .part import Part
from .sqlite_uri import sqlite_uri

# Random names and identities from os.urandom (what secrets.token_hex does), without
# importing secrets (random, hashlib, hmac) before the window is up.

# How far a copy has come: (pages copied, pages in all). It may raise to stop the copy;
# SQLite then ends the backup unfinished, and a destination it was writing rolls back.
CopyProgress = Callable[[int, int], None]
STEP_PAGES = 256  # 1 MB of 4 KB pages per step: a cancel is heard within a few ms


def _backup(source: sqlite3.Connection, dest: sqlite3.Connection,
            progress: CopyProgress | None) -> None:
    if progress is None:
        source.backup(dest)
        return
    def step(_status: int, remaining: int, total: int) -> None:
        # Python calls this after the last step too, when the copy is already complete:
        # a stop then would be too late to undo anything, so it is asked between steps
        if remaining:
            progress(total - remaining, total)

    source.backup(dest, pages=STEP_PAGES, progress=step)


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent snapshot of `source` to `target` (temp file, then rename),
    in rollback-journal mode so that it can be opened read-only without side files."""
    tmp = temp_beside(target)
    try:
        _snapshot(source, tmp)
        replacing.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _snapshot(source: sqlite3.Connection, path: Path, new_file_id: str | None = None,
              copied_from: str | None = None, backup_of: str | None = None,
              progress: CopyProgress | None = None) -> None:
    dest = connect(path)
    try:
        _backup(source, dest, progress)
        dest.execute("PRAGMA journal_mode = DELETE")
        notes = []
        if new_file_id:  # a copy that starts a life of its own: an identity of its own
            notes += [("file_id", new_file_id), ("copied_from", copied_from)]
        if backup_of:  # a backup: the exact name of the file it was taken from
            notes.append(("backup_of", backup_of))
        if notes:
            dest.execute("BEGIN IMMEDIATE")
            dest.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             notes)
            dest.execute("COMMIT")
    finally:
        dest.close()


class Backups(Part):
    """store.backups: consistent copies of the open file, and a backup's contents
    taken in place of its own."""

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy of the open file at `target` (overwritten if present)."""
        target = Path(target)
        try:
            _copy_database(self._conn, target)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc, target) from exc
        return target

    def copy_into(self, path: str | Path, new_identity: bool = False,
                  backup: bool = False, progress: CopyProgress | None = None) -> None:
        """Write a consistent copy of the open file into `path`, a fresh (empty) file the
        caller owns and will verify and rename. `new_identity` gives the copy its own
        file_id and notes the one it was copied from (settings.copied_from); a `backup`
        notes the exact name of this file (settings.backup_of), by which it is offered
        for this file alone when the file's identity cannot be read. `progress` hears
        how far the copy is, and may raise to stop it."""
        new_id = os.urandom(16).hex() if new_identity else None
        try:
            _snapshot(self._conn, Path(path), new_id, self._store.file_id() if new_id else None,
                      self.path.name if backup else None, progress)
        except sqlite3.Error as exc:
            raise classify(exc, path) from exc

    def take_contents_of(self, backup: str | Path,
                         progress: CopyProgress | None = None) -> None:
        """Replace everything in the open file by the contents of `backup` (checked by
        the caller), through SQLite: one write transaction that every other connection
        to the file sees, in place. The file, its -wal and -shm are never replaced or
        removed (another program may have them open), and the restored contents are
        brought up to this version's schema. Stopped by `progress`, the open file is
        left exactly as it was (SQLite rolls the unfinished copy back)."""
        backup = Path(backup)
        try:
            src = connect(sqlite_uri(backup, mode="ro"), uri=True)
            try:
                _backup(src, self._conn, progress)
            finally:
                src.close()
            self._store._migrate()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def note_restore(self, backup: Path, replaced: Path | None,
                     replaced_figures: dict[str, str] | None) -> None:
        """The restore in the restored file's own audit trail: which backup, which file
        it replaced (kept as `replaced`) and that file's figures."""
        with self._write() as change:
            before = {"Tệp bị thay (đã giữ lại)": replaced.name if replaced else "không có"}
            before.update(replaced_figures or {"Số liệu": "không đọc được"})
            self._audit("restore", None, None, backup.name, before,
                        {"Khôi phục từ bản sao lưu": str(backup)})
            change.touch("audit_log")

def restore_file(backup: str | Path, target: str | Path) -> None:
    """Put the contents of `backup` in place of `target`, a data file that cannot be
    opened (or is missing) and that no program has open: the caller has set it and
    its -wal/-shm aside. A -wal still beside it is refused rather than removed: it
    would be replayed onto the restored pages."""
    backup, target = Path(backup), Path(target)
    check_file(backup)
    if _has_wal(target):  # (an empty one, left by a reader, replays nothing)
        raise StoreError(f"Bên cạnh «{target}» vẫn còn tệp «{target.name}-wal»; không khôi "
                         "phục để khỏi trộn dữ liệu. Hãy đóng mọi chương trình đang mở tệp "
                         "rồi thử lại.", "busy")
    staged = temp_beside(target)
    try:
        src = connect(sqlite_uri(backup, mode="ro"), uri=True)
        try:
            _copy_database(src, staged)
        finally:
            src.close()
        conn = connect(staged)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        check_file(staged)  # the copy is whole before it replaces anything
        replacing.replace(staged, target)
    except (sqlite3.Error, OSError) as exc:
        if replacing.in_use_by_another_program(exc, target):
            raise StoreError(replacing.in_use_sentence(target), "busy") from exc
        raise classify(exc, target) from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):  # a fresh name: ours alone
            with contextlib.suppress(OSError):
                Path(str(staged) + suffix).unlink(missing_ok=True)
