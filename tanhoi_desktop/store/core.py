"""Opening the data file, its schema and migrations, transactions, change announcements
and the classification of SQLite errors into one Vietnamese sentence."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import audit_chain

APPLICATION_ID = 0x54483232  # "TH22": marks a data file of this program
PROVINCE_APPLICATION_ID = 0x54483250  # "TH2P": a province file (province/store.py)
SCHEMA_VERSION = 8

SCHEMA_V1 = """
CREATE TABLE units (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'Cơ quan QLNN, chính quyền',
    in_scope_ct1   INTEGER NOT NULL DEFAULT 1 CHECK (in_scope_ct1 IN (0, 1)),
    special_sector INTEGER NOT NULL DEFAULT 0 CHECK (special_sector IN (0, 1)),
    special_reason TEXT,
    from_date      TEXT,
    to_date        TEXT,
    note           TEXT,
    sort_key       TEXT NOT NULL DEFAULT '',
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE cadres (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    full_name        TEXT NOT NULL,
    gender           TEXT NOT NULL CHECK (gender IN ('Nam', 'Nữ')),
    birth            TEXT,
    ethnicity        TEXT,
    unit_id          INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    category         TEXT,
    position         TEXT,
    education        TEXT,
    political_theory TEXT,
    state_management TEXT,
    languages_it     TEXT,
    from_date        TEXT,
    to_date          TEXT,
    note             TEXT,
    sort_key         TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cadres_unit ON cadres(unit_id);
CREATE INDEX cadres_sort ON cadres(sort_key);
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    cadre_id    INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    title       TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('Cấp trưởng', 'Cấp phó')),
    decision_no TEXT,
    from_date   TEXT,
    to_date     TEXT
);
CREATE INDEX posts_unit ON posts(unit_id);
CREATE INDEX posts_cadre ON posts(cadre_id);
CREATE TABLE planning (
    id          INTEGER PRIMARY KEY,
    cadre_id    INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    period      TEXT,
    decision_no TEXT,
    from_date   TEXT,
    to_date     TEXT,
    note        TEXT
);
CREATE INDEX planning_cadre ON planning(cadre_id);
CREATE INDEX planning_unit ON planning(unit_id);
CREATE TABLE courses (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    organizer TEXT,
    from_date TEXT,
    to_date   TEXT,
    location  TEXT,
    cost      INTEGER,
    sort_key  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE enrolments (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    cadre_id       INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    result         TEXT NOT NULL DEFAULT 'Hoàn thành'
                   CHECK (result IN ('Hoàn thành', 'Chưa hoàn thành')),
    certificate_no TEXT,
    UNIQUE (course_id, cadre_id)
);
CREATE INDEX enrolments_cadre ON enrolments(cadre_id);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
"""

# v2: the audit trail (Nhật ký thay đổi) and yearly snapshots of the figures (the
# baseline of the milestones). One row per changed record; an import also
# gets one summary row, and its row changes point to it through batch_id.
SCHEMA_V2 = """
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    person      TEXT,
    os_user     TEXT,
    action      TEXT NOT NULL,
    table_name  TEXT,
    record_id   INTEGER,
    record_code TEXT,
    before      TEXT,
    after       TEXT,
    batch_id    INTEGER REFERENCES audit_log(id)
);
CREATE INDEX audit_record ON audit_log(table_name, record_id);
CREATE INDEX audit_at ON audit_log(at);
-- covering indexes for the figures: the per-unit counts and the pool read only these
DROP INDEX cadres_unit;
CREATE INDEX cadres_unit_active ON cadres(unit_id, gender, from_date, to_date);
DROP INDEX planning_cadre;
CREATE INDEX planning_cadre_active ON planning(cadre_id, from_date, to_date);
CREATE TABLE snapshots (
    year      INTEGER PRIMARY KEY,
    as_of     TEXT NOT NULL,
    figures   TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);
"""

# v3 is written in three parts, one per concern; each part may only add to the schema.

# v3, data safety: every file knows its own identity, so that a backup names the file it
# came from and a province can tell communes' files apart when it combines them.
SCHEMA_V3_IDENTITY = """
INSERT OR IGNORE INTO settings (key, value) VALUES ('file_id', lower(hex(randomblob(16))));
"""

# v3, the figures over the plan's years: the unit's role (CT1 national), the yearly
# close (who closed it, with what counts; a reopened year is kept in the audit trail),
# and the plan's start as a date (plan_start_year 2026 becomes plan_start 2026-01-01).
SCHEMA_V3_FIGURES = """
ALTER TABLE units ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('HĐND', 'UBND'));
ALTER TABLE snapshots ADD COLUMN closed_by TEXT;
ALTER TABLE snapshots ADD COLUMN counts TEXT;
INSERT OR IGNORE INTO settings (key, value)
    SELECT 'plan_start', value || '-01-01' FROM settings
    WHERE key = 'plan_start_year' AND value GLOB '[0-9][0-9][0-9][0-9]';
DELETE FROM settings WHERE key = 'plan_start_year';
"""

# v3, the plan's work beyond the figures: activities (with the units taking part), the
# budget per year, unit and funding source, and the units' yearly submissions.
SCHEMA_V3_PLAN = """
CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    task_group         TEXT,
    title              TEXT NOT NULL,
    from_date          TEXT,
    to_date            TEXT,
    unit_id            INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    participants       INTEGER CHECK (participants IS NULL OR participants >= 0),
    participants_women INTEGER CHECK (participants_women IS NULL OR participants_women >= 0),
    cost               INTEGER CHECK (cost IS NULL OR cost >= 0),
    funding            TEXT,
    findings           TEXT,
    recommendations    TEXT,
    follow_up          TEXT,
    follow_up_date     TEXT,
    note               TEXT,
    sort_key           TEXT NOT NULL DEFAULT '',
    search_text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_unit ON activities(unit_id);
-- the year's figures and budget roll-up read only this index
CREATE INDEX activities_year ON activities(from_date, unit_id, funding, cost, participants,
                                           participants_women);
-- a year's first page in title order: the titles in order, the year checked in the index
CREATE INDEX activities_sort ON activities(sort_key, from_date);
CREATE TABLE activity_units (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX activity_units_unit ON activity_units(unit_id);
CREATE TABLE budget (
    id       INTEGER PRIMARY KEY,
    year     INTEGER NOT NULL,
    unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    funding  TEXT NOT NULL,
    estimate INTEGER CHECK (estimate IS NULL OR estimate >= 0),
    spent    INTEGER CHECK (spent IS NULL OR spent >= 0),
    note     TEXT,
    UNIQUE (year, unit_id, funding)
);
CREATE TABLE submissions (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    file_name   TEXT,
    sha256      TEXT,
    counts      TEXT,
    audit_id    INTEGER REFERENCES audit_log(id)
);
CREATE INDEX submissions_year_unit ON submissions(year, unit_id);
"""

# v3, the letterhead: the parent body line became a setting of its own, empty by default
# (an Ủy ban nhân dân writes none). Before, it was made from the province, "An Giang" by
# default: a file with the default gets the new default; a file that chose another
# province keeps its line (printed in capitals).
SCHEMA_V3_LETTERHEAD = """
INSERT OR IGNORE INTO settings (key, value)
    SELECT 'parent_body', 'Ủy ban nhân dân tỉnh ' || trim(value) FROM settings
    WHERE key = 'province_name' AND trim(value) NOT IN ('', 'An Giang');
"""

# v4, the plan's planning duties (plan III.2, V.4): the training plan, the yearly review
# of the planning pool, each unit's own targets, posts and planning titles under the
# Party committee's Standing Committee (BTV), and a unit's own written report received
# with its workbook.
SCHEMA_V4_PLANNING_DUTIES = """
ALTER TABLE posts ADD COLUMN btv INTEGER NOT NULL DEFAULT 0 CHECK (btv IN (0, 1));
ALTER TABLE planning ADD COLUMN btv INTEGER NOT NULL DEFAULT 0 CHECK (btv IN (0, 1));
CREATE TABLE training_plan (
    id                 INTEGER PRIMARY KEY,
    year               INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    planned            INTEGER NOT NULL CHECK (planned >= 0),
    planned_women      INTEGER CHECK (planned_women IS NULL OR planned_women >= 0),
    planned_pool_women INTEGER CHECK (planned_pool_women IS NULL OR planned_pool_women >= 0),
    unit_id            INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    estimate           INTEGER CHECK (estimate IS NULL OR estimate >= 0),
    note               TEXT
);
CREATE UNIQUE INDEX training_plan_key ON training_plan(year, kind, ifnull(unit_id, 0));
CREATE TABLE pool_reviews (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE,
    review_date TEXT NOT NULL,
    decision_no TEXT,
    note        TEXT
);
CREATE TABLE unit_targets (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year               INTEGER,
    female_key_leader  INTEGER CHECK (female_key_leader IS NULL OR female_key_leader IN (0, 1)),
    pool_women_percent INTEGER CHECK (pool_women_percent IS NULL
                                      OR pool_women_percent BETWEEN 0 AND 100),
    women_to_train     INTEGER CHECK (women_to_train IS NULL OR women_to_train >= 0),
    note               TEXT
);
CREATE UNIQUE INDEX unit_targets_key ON unit_targets(unit_id, ifnull(year, 0));
ALTER TABLE submissions ADD COLUMN report_results TEXT;
ALTER TABLE submissions ADD COLUMN report_difficulties TEXT;
ALTER TABLE submissions ADD COLUMN report_proposals TEXT;
"""

# v5: courses are searched as the other tables, on a folded text (no diacritics, name and
# code); the program fills it from each course's name and code (the folding is Python's,
# see AFTER_STEP), so that «boi duong» and «lớp» find what they should.
SCHEMA_V5_COURSE_SEARCH = """
ALTER TABLE courses ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
"""

# v6, the audit trail as a chain (store/audit_chain.py): each row's hash of the previous
# row's hash and its own content, and the newest row (so that rows cut from the end are
# found). The rows already there are chained by _migrate.
SCHEMA_V6_AUDIT_CHAIN = """
ALTER TABLE audit_log ADD COLUMN chain TEXT;
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    chain   TEXT NOT NULL
);
"""

# v7, an activity's state (spec/plan-work.md): done, planned or cancelled. The rows
# before it were all recorded as done. The year's work reads the state and the last day
# of each activity: they join the covering index.
SCHEMA_V7_ACTIVITY_STATE = """
ALTER TABLE activities ADD COLUMN state TEXT NOT NULL DEFAULT 'Đã thực hiện'
    CHECK (state IN ('Đã thực hiện', 'Kế hoạch', 'Hủy'));
DROP INDEX activities_year;
CREATE INDEX activities_year ON activities(from_date, unit_id, funding, cost, participants,
                                           participants_women, state, to_date);
"""

# v8, the texts a person writes in a report, kept per report ("2026", "2026-2030") with
# who changed them and when (store/report_texts.py); those typed before were settings.
SCHEMA_V8_REPORT_TEXTS = """
CREATE TABLE report_texts (
    report     TEXT NOT NULL,
    section    TEXT NOT NULL,
    text       TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT,
    PRIMARY KEY (report, section)
);
INSERT OR IGNORE INTO report_texts (report, section, text, changed_at, changed_by)
    SELECT substr(key, length(key) - 3), substr(key, 8, length(key) - 12), value,
           strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), ''
    FROM settings
    WHERE (key GLOB 'report_difficulties_[0-9][0-9][0-9][0-9]'
           OR key GLOB 'report_directions_[0-9][0-9][0-9][0-9]') AND trim(value) != '';
INSERT OR IGNORE INTO report_texts (report, section, text, changed_at, changed_by)
    SELECT substr(key, length(key) - 8, 4) || '-' || substr(key, length(key) - 3),
           substr(key, 15, length(key) - 24), value,
           strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), ''
    FROM settings
    WHERE key GLOB 'report_period_*_[0-9][0-9][0-9][0-9]_[0-9][0-9][0-9][0-9]'
      AND trim(value) != '';
DELETE FROM settings WHERE key GLOB 'report_difficulties_[0-9][0-9][0-9][0-9]'
    OR key GLOB 'report_directions_[0-9][0-9][0-9][0-9]'
    OR key GLOB 'report_period_*_[0-9][0-9][0-9][0-9]_[0-9][0-9][0-9][0-9]';
"""

MIGRATIONS: dict[int, str] = {1: SCHEMA_V1, 2: SCHEMA_V2,
                              3: SCHEMA_V3_IDENTITY + SCHEMA_V3_FIGURES + SCHEMA_V3_PLAN
                              + SCHEMA_V3_LETTERHEAD,
                              4: SCHEMA_V4_PLANNING_DUTIES,
                              5: SCHEMA_V5_COURSE_SEARCH,
                              6: SCHEMA_V6_AUDIT_CHAIN,
                              7: SCHEMA_V7_ACTIVITY_STATE,
                              8: SCHEMA_V8_REPORT_TEXTS}


def _fold_course_names(conn: sqlite3.Connection) -> None:
    from .. import vntext

    rows = conn.execute("SELECT id, name, code FROM courses").fetchall()
    conn.executemany("UPDATE courses SET search_text = ? WHERE id = ?",
                     [(vntext.fold(f"{name or ''} {code or ''}"), course_id)
                      for course_id, name, code in rows])


# Steps that need the program after their SQL, in the same transaction.
AFTER_STEP: dict[int, Callable[[sqlite3.Connection], None]] = {5: _fold_course_names}


class StoreError(Exception):
    """A problem with the data file, already put in one Vietnamese sentence for the user.

    `kind` lets callers react. Problems of the file or of the computer, which the user
    can act on: missing, not_database, foreign, newer, damaged, unsafe (planted code),
    busy, readonly, full, io (the disk or the operating system failed). Refusals of an
    operation: refused, closed, output. And bug: an error of this program itself (an
    SQL statement SQLite rejected, a constraint the checks should have caught); its
    details are in the crash log, whose path the sentence names."""

    def __init__(self, message: str, kind: str = "io"):
        super().__init__(message)
        self.message = message
        self.kind = kind


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


# SQLite's primary result codes (the low byte of an extended code, sqlite3.h)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB, SQLITE_AUTH = 26, 23

BUSY_SENTENCE = ("Tệp dữ liệu đang được một chương trình khác sử dụng. "
                 "Hãy đóng chương trình đó rồi thử lại.")


def classify(exc: BaseException, path: Path | str = "", *, log: bool = True) -> StoreError:
    """One Vietnamese sentence for an SQLite or OS error, decided by SQLite's result
    code and the OS error number, never by the words of the message (a column named
    full_name or a table named locked says nothing about the disk). What is not a
    problem of the file or the computer is this program's own error: it goes to the
    crash log (unless `log` is off: a received file being looked at) and the sentence
    says where."""
    import errno

    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        number = exc.errno
        if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return _full()
        if number == errno.EROFS:
            return _readonly()
        if number == errno.ENOENT:
            return StoreError(f"Không tìm thấy tệp «{path}».", "missing")
        if number in (errno.EACCES, errno.EPERM):
            return StoreError(f"Không mở được tệp «{path}»: không có quyền truy cập.", "io")
        if number == errno.ENAMETOOLONG:
            return StoreError(f"Tên hoặc đường dẫn của tệp «{path}» quá dài; hãy đặt tệp ở "
                              "thư mục có đường dẫn ngắn hơn.", "io")
        return StoreError(f"Lỗi khi đọc hoặc ghi tệp «{path}»: {exc.strerror or exc}.", "io")
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL:
        return _full()
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(BUSY_SENTENCE, "busy")
    if primary == SQLITE_READONLY:
        return _readonly()
    if primary == SQLITE_NOTADB:
        return StoreError(f"Tệp «{path}» không phải tệp dữ liệu của chương trình.",
                          "not_database")
    if primary == SQLITE_CORRUPT:
        return StoreError(f"Tệp dữ liệu «{path}» bị hỏng, chương trình không dùng được.",
                          "damaged")
    if primary in (SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH):
        return StoreError(f"Không mở được tệp «{path}»: không có quyền truy cập, hoặc "
                          "thư mục không còn.", "io")
    if primary == SQLITE_IOERR:
        return StoreError(f"Lỗi ổ đĩa khi đọc hoặc ghi tệp dữ liệu «{path}» (ổ đĩa bị rút "
                          "ra, hỏng hoặc mạng bị ngắt); thay đổi vừa rồi chưa được lưu.",
                          "io")
    if primary == SQLITE_NOMEM or isinstance(exc, MemoryError):
        return StoreError("Máy không đủ bộ nhớ để làm việc này; hãy đóng bớt chương trình "
                          "khác rồi thử lại.", "io")
    return own_error(exc, log=log)


def own_error(exc: BaseException, *, log: bool = True) -> StoreError:
    """This program's own error, with a crash-log entry and a sentence naming it."""
    where = ""
    if log:
        from ..safety.crashlog import write_crash_log

        where = f" Chi tiết đã ghi vào «{write_crash_log(exc)}»; hãy gửi tệp này cho " \
                "cán bộ kỹ thuật."
    return StoreError("Chương trình gặp lỗi khi đọc hoặc ghi tệp dữ liệu; thay đổi vừa rồi "
                      f"chưa được lưu, dữ liệu đã lưu không bị ảnh hưởng.{where}", "bug")


def _full() -> StoreError:
    return StoreError("Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng "
                      "rồi thử lại; dữ liệu đang nhập vẫn được giữ.", "full")


def _readonly() -> StoreError:
    return StoreError("Tệp dữ liệu chỉ cho phép đọc (ổ đĩa hoặc thư mục không cho ghi), "
                      "không lưu được thay đổi.", "readonly")


class StoreCore:
    """The connection and its lifecycle. Other mixins add reads and writes."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self._listeners: list[Callable[[Change], None]] = []
        self._change: Change | None = None
        self._cleanup: Callable[[], None] | None = None
        self._held = None  # this process has the file open (store.opening.hold)

    # -- opening --------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, read_only: bool = False,
             thorough: bool = True):
        """Open an existing data file, or create one only when `create` is set.
        The file is looked at read-only first (store.opening.check_file): a file that
        is refused is left exactly as it was. `thorough=False` skips the integrity scan
        of a file with no left-over -wal."""
        from .opening import (
            READ_ONLY_PLACE,
            can_write,
            check_file,
            connect,
            hold,
            let_go,
            read_only_connection,
        )

        path = Path(path)
        if create and not path.exists():
            return cls._create(path)
        check_file(path, thorough)
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
            store._cleanup = cleanup
            # (a private copy too: erring on the safe side). A store dropped without
            # close() lets go when it is collected: its file, once closed, may be
            # deleted and its inode given to another file
            store._held = weakref.finalize(store, let_go, hold(path))
            if not read_only:
                store._migrate()
                # a copy made with backup_to is in rollback-journal mode: the window
                # and the command line share a file in WAL mode
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            return store
        except sqlite3.Error as exc:
            if store is not None:
                store.close()
            elif cleanup is not None:
                cleanup()
            raise classify(exc, path) from exc

    @classmethod
    def open_to_read(cls, path: str | Path, *, thorough: bool = True):
        """Open for reading only: read-write where the file may be changed (so that an
        older file is brought up to date first), read-only where it may not."""
        from .opening import can_write

        path = Path(path)
        return cls.open(path, read_only=path.exists() and not can_write(path),
                        thorough=thorough)

    @classmethod
    def _create(cls, path: Path):
        """A new file is built complete under a temporary name, then linked into place
        only if nothing is there yet; if another process made the file meanwhile, that
        file is opened instead. No failure here removes a file this process did not
        make."""
        from .opening import connect

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
                    AFTER_STEP[step](self._conn)
            if version >= 2:  # an older file's trail is chained as it is now
                audit_chain.seal(self._conn)
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        if self._conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self._conn.execute("PRAGMA journal_mode = WAL")
        # The marks (application_id, user_version) must reach the main file now:
        # check_file reads them from its header, where the WAL is not seen.
        self._conn.execute("PRAGMA wal_checkpoint(FULL)")

    def reader(self):
        """A second connection to this file that only reads, for another thread (the
        figures' worker). A writable file's folder takes files: it is opened at once,
        with nothing created beside it to find that out."""
        from .opening import connect

        if self.read_only:
            return type(self).open(self.path, read_only=True, thorough=False)
        try:
            conn = connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 3000")
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        return type(self)(conn, self.path, read_only=True)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._held is not None:
            self._held()  # let_go, once
        if self._cleanup is not None:  # a private copy read instead of the file
            self._cleanup()
            self._cleanup = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def table_names(self) -> set[str]:
        """Every table of the file (a write by another program may have touched any)."""
        return {r[0] for r in self._rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'")}

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


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
