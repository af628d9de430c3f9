"""Opening the data file and bringing its schema up to date (schema.py), transactions,
change announcements. Its errors, one Vietnamese sentence each, are errors.py's."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from . import audit, audit_chain
from .errors import (  # noqa: F401 - the names other modules import from here
    BUSY_SENTENCE,
    StoreError,
    classify,
    own_error,
)
from .network import journal_mode_for
from .opening import (
    READ_ONLY_PLACE,
    can_write,
    check_file,
    connect,
    hold,
    let_go,
    read_only_connection,
)
from .schema import (  # noqa: F401 - the names other modules import from here
    AFTER_STEP,
    APPLICATION_ID,
    MIGRATIONS,
    PROVINCE_APPLICATION_ID,
    SCHEMA_VERSION,
    _split_sql,
)
from .sqlite_uri import sqlite_uri


@dataclass
class Change:
    """What one write operation changed: table names and the ids touched in each (the
    tables' refresh hint: a view of one table fetches again only those rows)."""

    tables: set[str] = field(default_factory=set)
    ids: dict[str, set[int]] = field(default_factory=dict)

    def touch(self, table: str, record_id: int | None = None) -> None:
        self.tables.add(table)
        if record_id is not None:
            self.ids.setdefault(table, set()).add(record_id)


# Where a command-line run says what opening a file did (set by __main__); the window
# reads store.notices instead.
notice_sink: Callable[[str], None] | None = None


class StoreCore:
    """The connection and its lifecycle, transactions and change announcements. Store
    (store/__init__.py) adds its parts (store.records, store.browse, …) on top."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self._listeners: list[Callable[[Change], None]] = []
        self._change: Change | None = None
        self._cleanup: Callable[[], None] | None = None
        # this process has the file open (store.opening.hold)
        self._held: weakref.finalize | None = None
        # what the opening did that the user must be told (a foreign -wal set aside)
        self.notices: list[str] = []
        self.is_open = True  # False once closed (a view painted after that reads nothing)

    # -- opening --------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False,
             thorough: bool = True) -> Self:
        """Open an existing data file, or create one only when `create` is set.
        The file is looked at read-only first (store.opening.check_file): a file that
        is refused is left exactly as it was. `thorough=False` skips the integrity scan
        of a file with no left-over -wal."""

        path = Path(path)
        if create and not path.exists():
            return cls._create(path)
        notices = check_file(path, thorough)
        for notice in notices:
            if notice_sink is not None:
                notice_sink(notice)
        if not read_only and not can_write(path):
            raise StoreError(READ_ONLY_PLACE.format(path=path), "readonly")
        cleanup, store = None, None
        try:
            if read_only:
                conn, cleanup = read_only_connection(path)
            else:
                conn = connect(path)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 3000")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path, read_only)
            store.notices = notices
            store._cleanup = cleanup
            # (a private copy too: erring on the safe side). A store dropped without
            # close() lets go when it is collected: its file, once closed, may be
            # deleted and its inode given to another file
            store._held = weakref.finalize(store, let_go, hold(path))
            if not read_only:
                store._migrate()
                # a copy made with backup_to is in rollback-journal mode: the window
                # and the command line share a file in WAL mode (on a local disk)
                store._use_journal_mode()
            return store
        except sqlite3.Error as exc:
            if store is not None:
                store.close()
            elif cleanup is not None:
                cleanup()
            raise classify(exc, path) from exc

    @classmethod
    def open_to_read(cls, path: str | Path, *, thorough: bool = True) -> Self:
        """Open for reading only: read-write where the file may be changed (so that an
        older file is brought up to date first), read-only where it may not."""

        path = Path(path)
        return cls.open(path, read_only=path.exists() and not can_write(path),
                        thorough=thorough)

    @classmethod
    def _create(cls, path: Path) -> Self:
        """A new file is built complete under a temporary name, then linked into place
        only if nothing is there yet; if another process made the file meanwhile, that
        file is opened instead. No failure here removes a file this process did not
        make."""

        if not path.parent.is_dir():
            raise StoreError(f"Thư mục «{path.parent}» không tồn tại.", "missing")
        tmp = temp_beside(path)
        try:
            conn = connect(tmp)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                cls(conn, tmp)._migrate()  # leaves the file in WAL mode, checkpointed
            finally:
                conn.close()
            _place_new(tmp, path)
        except FileExistsError:
            pass  # made by another process meanwhile: open that one (checked first)
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc, path) from exc
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):  # ours alone: a fresh name
                with contextlib.suppress(OSError):
                    Path(str(tmp) + suffix).unlink(missing_ok=True)
        return cls.open(path)

    def _migrate(self) -> None:
        if self._conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            # read again under the write lock: another process may have migrated it
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _split_sql(MIGRATIONS[step]):
                    self._conn.execute(statement)
                if step in AFTER_STEP:
                    self.notices += AFTER_STEP[step](self._conn) or []
            if version >= 2:  # an older file's trail is chained as it is now
                audit_chain.seal(self._conn)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._use_journal_mode()
        # The marks (application_id, user_version) must reach the main file now:
        # check_file reads them from its header, where the WAL is not seen.
        self._conn.execute("PRAGMA wal_checkpoint(FULL)")

    def _use_journal_mode(self) -> None:
        """WAL, or a rollback journal on a network share (store.network)."""

        wanted = journal_mode_for(self.path)
        if self._conn.execute("PRAGMA journal_mode").fetchone()[0] == wanted:
            return
        if wanted == "wal":
            self._conn.execute("PRAGMA journal_mode = WAL")
            return
        # leaving WAL needs the file to itself: while another program has it open it
        # stays as it is until the next opening
        with contextlib.suppress(sqlite3.OperationalError):
            self._conn.execute("PRAGMA journal_mode = DELETE")

    def reader(self) -> Self:
        """A second connection to this file that only reads, for another thread (the
        figures' worker). A writable file's folder takes files: it is opened at once,
        with nothing created beside it to find that out."""

        if self.read_only:
            return type(self).open(self.path, read_only=True, thorough=False)
        try:
            conn = connect(sqlite_uri(self.path, mode="ro"), uri=True)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 3000")
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        return type(self)(conn, self.path, read_only=True)

    def close(self) -> None:
        self.is_open = False
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._held is not None:
            self._held()  # let_go, once
        if self._cleanup is not None:  # a private copy read instead of the file
            self._cleanup()
            self._cleanup = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> set[str]:
        """Every table of the file (a write by another program may have touched any)."""
        return {r[0] for r in self._rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'")}

    def data_token(self) -> tuple[int, int]:
        """Changes whenever the data may have changed: rows written through this
        connection, or a commit by another connection (the command line, say)."""
        version = self._first("PRAGMA data_version")[0]
        return self._conn.total_changes, version

    def checkpoint(self) -> bool:
        """Move the committed edits from the -wal into the main file, so that a copy of
        the main file alone (Explorer, a OneDrive upload) holds them. PASSIVE: no reader
        is waited for; False when some pages had to stay (a reader still needs them)."""
        if self.read_only:
            return True
        try:
            busy, log, moved = self._conn.execute(
                "PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return False
        return busy == 0 and moved == log

    def file_id(self) -> str | None:
        """This file's identity (settings.file_id, given by schema v3); None before v3."""
        try:
            row = self._conn.execute(
                "SELECT value FROM settings WHERE key = 'file_id'").fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None


    # -- the audit trail (store/audit.py), written inside the caller's transaction ----

    def _who(self) -> tuple[str, str]:
        return audit.who(self._conn)

    def _audit(self, action: str, table: str | None, record_id: int | None,
               code: str | None, before: Any, after: Any, batch_id: int | None = None
               ) -> int:
        return audit.write(self._conn, action, table, record_id, code, before, after,
                           batch_id)

    def _audit_many(self, trail: list[tuple], batch_id: int) -> None:
        audit.write_many(self._conn, trail, batch_id)

    # -- change announcements ------------------------------------------------------

    def subscribe(self, listener: Callable[[Change], None]) -> None:
        """`listener(change)` is called after every committed write operation."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Change], None]) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def announce(self, change: Change) -> None:
        """A write this program made on another connection to the same file (a long
        operation's, on its worker), told to this connection's listeners as their own."""
        if change.tables:
            for listener in list(self._listeners):
                listener(change)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Change]:
        """One write operation: one transaction, then one announcement of what changed."""
        if self.read_only:
            raise StoreError("Tệp dữ liệu đang mở ở chế độ chỉ đọc, không lưu được thay đổi.",
                             "readonly")
        if self._change is not None:  # nested operation: part of the outer one
            yield self._change
            return
        if not self.path.exists():
            raise StoreError(f"Tệp dữ liệu «{self.path}» đã bị xóa hoặc di chuyển khi chương "
                             "trình đang mở; chưa lưu được thay đổi. Hãy dùng «Lưu bản sao» "
                             "để ghi dữ liệu ra nơi khác.", "missing")
        change = Change()
        self._change = change
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield change
                audit_chain.note_head(self._conn)  # rows cut from the end are found
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        finally:
            self._change = None
        if change.tables:
            for listener in list(self._listeners):
                listener(change)

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def _one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        try:
            return self._conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def _first(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row:
        """The row of a query that always has one (a COUNT, a PRAGMA, a row the caller
        knows is there)."""
        row = self._one(sql, params)
        if row is None:
            raise StoreError("Tệp dữ liệu vừa bị thay đổi ở nơi khác khi đang đọc; hãy thử "
                             "lại.", "missing")
        return row


def temp_beside(path: Path) -> Path:
    """A fresh temporary name in `path`'s folder: `.~th.<pid>-<8 hex>.tmp`, short
    whatever `path`'s name (a legal name of 239 bytes leaves no room to add 20 to it; the
    pid lets a later run tell a killed writer's file). os.urandom: secrets.token_hex
    without importing secrets before the window is up."""
    return path.with_name(f".~th.{os.getpid()}-{os.urandom(4).hex()}.tmp")


def _place_new(tmp: Path, path: Path) -> None:
    """Put the finished file `tmp` at `path` unless something is there (FileExistsError).
    A hard link does it atomically; where the disk has none (FAT sticks) Windows'
    rename refuses an existing target, and elsewhere an exclusive placeholder that this
    process made is replaced."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    if sys.platform == "win32":
        os.rename(tmp, path)
        return
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    os.replace(tmp, path)
