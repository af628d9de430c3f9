"""Copies of the data file made with SQLite's backup API (a plain file copy of a WAL
database can miss the newest writes), and restoring one over the data file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from .core import StoreError, check_file, classify


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent snapshot of `source` to `target` (temp file, then rename),
    in rollback-journal mode so that it can be opened read-only without side files."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class BackupMixin:
    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy of the open file at `target` (overwritten if present)."""
        target = Path(target)
        try:
            _copy_database(self._conn, target)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc, target) from exc
        return target


def restore_file(backup: str | Path, target: str | Path) -> None:
    """Replace the (closed) data file `target` with the contents of `backup`.

    The backup is checked first; the target's stale -wal/-shm are removed so that they
    cannot be replayed onto the restored pages."""
    backup, target = Path(backup), Path(target)
    check_file(backup)
    staged = target.with_name(target.name + ".restore")
    try:
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            _copy_database(src, staged)
        finally:
            src.close()
        conn = sqlite3.connect(staged)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
        raise classify(exc, target) from exc
    except StoreError:
        raise
