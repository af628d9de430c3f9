"""The province file (Sở Nội vụ): the only module that speaks SQL to it.

A plain SQLite file like the commune's, with its own mark (application_id) and schema:
the expected communes, each commune's report for a reporting date as it sent it (its
figures, unit rows, work and budget), every file received, and an audit trail. Keys
across communes: (commune code, date) for a report, (commune code, unit code) for a
unit row, so two communes' «VHXH» never meet."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import vntext
from ..domain import PLAN_DEFAULTS
from ..store.core import (
    PROVINCE_APPLICATION_ID,
    StoreError,
    _place_new,
    _split_sql,
    classify,
    temp_beside,
)
from ..store.opening import _objects, connect, looking
from ..store.sqlite_uri import sqlite_uri

SCHEMA_VERSION = 1

SCHEMA_V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE communes (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    sort_key TEXT NOT NULL DEFAULT ''
);
CREATE TABLE reports (
    id                INTEGER PRIMARY KEY,
    commune_code      TEXT NOT NULL,
    as_of             TEXT NOT NULL,
    commune_name      TEXT,
    province          TEXT,
    exported_at       TEXT NOT NULL,
    first_exported_at TEXT NOT NULL,
    file_id           TEXT,
    year_closed       INTEGER NOT NULL DEFAULT 0 CHECK (year_closed IN (0, 1)),
    file_name         TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    UNIQUE (commune_code, as_of)
);
CREATE TABLE report_figures (
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    numerator   INTEGER NOT NULL CHECK (numerator >= 0),
    denominator INTEGER NOT NULL CHECK (denominator >= numerator),
    target      REAL,
    milestone   REAL,
    status      TEXT,
    PRIMARY KEY (report_id, key)
);
CREATE TABLE report_units (
    report_id             INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    kind                  TEXT,
    in_scope_ct1          INTEGER NOT NULL,
    special_sector        INTEGER NOT NULL,
    role                  TEXT,
    staff                 INTEGER NOT NULL,
    women                 INTEGER NOT NULL,
    has_female_key_leader INTEGER NOT NULL,
    waived                INTEGER NOT NULL,
    PRIMARY KEY (report_id, code)
);
CREATE TABLE report_work (
    report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    task_group   TEXT NOT NULL,
    activities   INTEGER NOT NULL,
    participants INTEGER NOT NULL,
    women        INTEGER NOT NULL,
    cost         INTEGER NOT NULL,
    PRIMARY KEY (report_id, task_group)
);
CREATE TABLE report_budget (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    funding   TEXT NOT NULL,
    estimate  INTEGER NOT NULL,
    spent     INTEGER NOT NULL,
    PRIMARY KEY (report_id, funding)
);
CREATE TABLE received (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    exported_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL
);
CREATE INDEX received_sha ON received(sha256);
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    person       TEXT,
    os_user      TEXT,
    action       TEXT NOT NULL,
    commune_code TEXT,
    as_of        TEXT,
    file_name    TEXT,
    before       TEXT,
    after        TEXT
);
"""

MIGRATIONS: dict[int, str] = {1: SCHEMA_V1}

DEFAULT_SETTINGS: dict[str, str] = {
    "province_name": "An Giang",
    "as_of": "",  # the reporting date D (ISO)
    "deadline": "",  # the last day a commune's workbook is on time (ISO), empty: none
    **PLAN_DEFAULTS,
    # typed baselines; empty: the province's figures on its first reporting date
    "baseline_ct1": "",
    "baseline_ct1_adj": "",
    "baseline_ct2": "",
    "baseline_ct3": "",
    "document_number": "…/BC-SNV",
    "signer_name": "",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_authority": "KT. GIÁM ĐỐC",
    "recipients": "Bộ Nội vụ (b/c);\nUBND tỉnh (b/c);\nUBND các xã, phường, đặc khu;\n"
                  "Lưu: VT, …",
    "entered_by": "",
}

# what the audit trail calls each action (Vietnamese, as shown)
ADDED, REPLACED, OLDER_ACCEPTED, REFUSED, LIST, SETTINGS = (
    "Nhận biểu", "Thay bằng biểu mới hơn", "Nhận biểu cũ hơn (đã xác nhận)", "Từ chối biểu",
    "Danh sách xã", "Cài đặt")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _summed(rows, key: str) -> list[dict[str, Any]]:
    """Rows added up per `key`, in Python integers: amounts of money from many communes'
    files would overflow SQLite's SUM (9.2 * 10^18), and a NULL adds nothing."""
    out: dict[Any, dict[str, Any]] = {}
    for r in rows:
        names = r.keys()  # (a Row iterates over its values)
        total = out.setdefault(r[key], dict.fromkeys(names, 0) | {key: r[key]})
        for name in names:
            if name != key:
                total[name] += r[name] or 0
    return list(out.values())


@dataclass(frozen=True)
class Report:
    """One commune's report for a date, as received (what the figures read)."""

    id: int
    commune_code: str
    as_of: str
    commune_name: str
    exported_at: str
    first_exported_at: str
    file_id: str
    year_closed: bool
    file_name: str
    sha256: str
    received_at: str


def is_province_file(path: Path) -> bool:
    """Whether `path` carries the province file's mark (read without writing)."""
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return (len(header) == 100 and header.startswith(b"SQLite format 3\x00")
            and int.from_bytes(header[68:72], "big") == PROVINCE_APPLICATION_ID)


def _expected() -> dict:
    conn = connect(":memory:")
    try:
        for step in range(1, SCHEMA_VERSION + 1):
            for statement in _split_sql(MIGRATIONS[step]):
                conn.execute(statement)
        return _objects(conn)
    finally:
        conn.close()


def _check(path: Path) -> None:
    """Refuse anything but a healthy province file, writing nothing beside it."""
    if not path.exists():
        raise StoreError(f"Không tìm thấy tệp tổng hợp tỉnh «{path}».", "missing")
    if not is_province_file(path):
        raise StoreError(f"Tệp «{path}» không phải tệp tổng hợp tỉnh của chương trình.",
                         "not_database")
    try:
        with looking(path) as (conn, _replayed):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"Tệp «{path}» được tạo bởi phiên bản mới hơn của chương "
                                 "trình; hãy cập nhật chương trình để mở tệp này.", "newer")
            if _objects(conn) != _expected():
                raise StoreError(f"Tệp tổng hợp tỉnh «{path}» bị hỏng hoặc đã bị sửa ngoài "
                                 "chương trình; chương trình không dùng được tệp này.",
                                 "damaged")
    except sqlite3.Error as exc:
        raise classify(exc, path) from exc


class ProvinceStore:
    """One open province file. One office works on it at a time: it stays in SQLite's
    rollback-journal mode, so a read-only look leaves nothing beside it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self._conn = conn
        self.path = path
        self.read_only = read_only

    # -- opening ------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str) -> ProvinceStore:
        """A new province file, built under a temporary name and linked into place only
        if nothing is there (an existing file is never overwritten)."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"Tệp «{path}» đã có; hãy chọn tên khác để không ghi đè.",
                             "exists")
        if not path.parent.is_dir():
            raise StoreError(f"Thư mục «{path.parent}» không tồn tại.", "missing")
        tmp = temp_beside(path)
        try:
            conn = connect(tmp)
            try:
                conn.execute("BEGIN")
                for statement in _split_sql(SCHEMA_V1):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {PROVINCE_APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            finally:
                conn.close()
            _place_new(tmp, path)
        except FileExistsError:
            raise StoreError(f"Tệp «{path}» đã có; hãy chọn tên khác để không ghi đè.",
                             "exists") from None
        except (sqlite3.Error, OSError) as exc:
            raise classify(exc, path) from exc
        finally:
            for suffix in ("", "-journal"):
                with contextlib.suppress(OSError):
                    Path(str(tmp) + suffix).unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> ProvinceStore:
        path = Path(path)
        _check(path)
        try:
            uri = sqlite_uri(path, mode="ro") if read_only else sqlite_uri(path)
            conn = connect(uri, uri=True)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 3000")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise classify(exc, path) from exc
        return cls(conn, path, read_only)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> ProvinceStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def intake_folder(self) -> Path:
        """Where the received workbooks are kept, each under its SHA-256."""
        return self.path.with_name(f"{self.path.stem}-tep-nhan")

    # -- plumbing -------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    @contextlib.contextmanager
    def _write(self):
        if self.read_only:
            raise StoreError("Tệp đang mở ở chế độ chỉ đọc, không lưu được thay đổi.",
                             "readonly")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def _audit(self, conn: sqlite3.Connection, action: str, *, code: str | None = None,
               as_of: str | None = None, file_name: str | None = None,
               before: Any = None, after: Any = None) -> None:
        person = self.settings().get("entered_by") or ""
        try:
            os_user = getpass.getuser()
        except Exception:  # no login name on some service accounts
            os_user = ""
        conn.execute(
            "INSERT INTO audit_log (at, person, os_user, action, commune_code, as_of, "
            "file_name, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_now(), person, os_user, action, code, as_of, file_name,
             None if before is None else json.dumps(before, ensure_ascii=False),
             None if after is None else json.dumps(after, ensure_ascii=False)))

    # -- settings -------------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        stored = {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM settings")}
        return {**DEFAULT_SETTINGS, **{k: v for k, v in stored.items() if v is not None}}

    def save_settings(self, values: dict[str, str]) -> None:
        old = self.settings()
        before = {k: old.get(k) for k in values if old.get(k) != values[k]}
        if not before:
            return
        with self._write() as conn:
            self._audit(conn, SETTINGS, before=before, after={k: values[k] for k in before})
            conn.executemany("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                             "DO UPDATE SET value = excluded.value",
                             [(k, values[k]) for k in before])

    # -- the expected communes --------------------------------------------------------

    def communes(self) -> list[dict[str, str]]:
        return [dict(r) for r in self._rows("SELECT code, name FROM communes "
                                            "ORDER BY sort_key, code")]

    def commune_name(self, code: str) -> str | None:
        """The listed commune's name, None when `code` is not on the list."""
        rows = self._rows("SELECT name FROM communes WHERE code = ?", (code,))
        return rows[0][0] if rows else None

    def set_communes(self, rows: list[tuple[str, str]], file_name: str) -> dict[str, int]:
        """Add or rename the communes of a list (none is removed: a commune that left the
        list keeps its reports). Returns counts: added, renamed, unchanged."""
        known = {c["code"]: c["name"] for c in self.communes()}
        added = [(c, n) for c, n in rows if c not in known]
        renamed = [(c, n) for c, n in rows if c in known and known[c] != n]
        counts = {"added": len(added), "renamed": len(renamed),
                  "unchanged": len(rows) - len(added) - len(renamed)}
        if not added and not renamed:
            return counts
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO communes (code, name, sort_key) VALUES (?, ?, ?) ON CONFLICT(code) "
                "DO UPDATE SET name = excluded.name, sort_key = excluded.sort_key",
                [(c, n, vntext.text_sort_key(n)) for c, n in added + renamed])
            self._audit(conn, LIST, file_name=file_name,
                        before={c: known[c] for c, _n in renamed} or None,
                        after={"thêm": dict(added), "đổi tên": dict(renamed)})
        return counts

    # -- reports ------------------------------------------------------------------------

    def seen(self, sha256: str) -> bool:
        """Whether this exact file was received and taken before."""
        return bool(self._rows("SELECT 1 FROM received WHERE sha256 = ? LIMIT 1", (sha256,)))

    def report_for(self, code: str, as_of: str) -> Report | None:
        rows = self._rows("SELECT id, commune_code, as_of, commune_name, exported_at, "
                          "first_exported_at, file_id, year_closed, file_name, sha256, "
                          "received_at FROM reports WHERE commune_code = ? AND as_of = ?",
                          (code, as_of))
        return Report(*rows[0]) if rows else None

    def reports_on(self, as_of: str) -> list[Report]:
        return [Report(*r) for r in self._rows(
            "SELECT id, commune_code, as_of, commune_name, exported_at, first_exported_at, "
            "file_id, year_closed, file_name, sha256, received_at FROM reports "
            "WHERE as_of = ? ORDER BY commune_code", (as_of,))]

    def report_dates(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT as_of FROM reports ORDER BY as_of")]

    def figures_on(self, as_of: str) -> dict[int, dict[str, dict[str, Any]]]:
        """report id -> key -> the figure's row as sent, for the reports of `as_of`."""
        out: dict[int, dict[str, dict[str, Any]]] = {}
        for r in self._rows("SELECT f.* FROM report_figures f JOIN reports r "
                            "ON r.id = f.report_id WHERE r.as_of = ?", (as_of,)):
            out.setdefault(r["report_id"], {})[r["key"]] = dict(r)
        return out

    def figure_sums(self, as_of: str) -> dict[str, tuple[int, int]]:
        """key -> (Σ numerators, Σ denominators) over the reports of `as_of`."""
        return {r["key"]: (r["n"], r["d"]) for r in self._rows(
            "SELECT f.key, SUM(f.numerator) AS n, SUM(f.denominator) AS d "
            "FROM report_figures f JOIN reports r ON r.id = f.report_id "
            "WHERE r.as_of = ? GROUP BY f.key", (as_of,))}

    def waived_on(self, as_of: str) -> list[dict[str, Any]]:
        """The unit rows marked «Không tính (điều chỉnh)», with their commune."""
        return [dict(r) for r in self._rows(
            "SELECT r.commune_code, r.commune_name, u.code, u.name, u.staff, u.women "
            "FROM report_units u JOIN reports r ON r.id = u.report_id "
            "WHERE r.as_of = ? AND u.waived = 1 ORDER BY r.commune_code, u.code", (as_of,))]

    def units_of(self, report_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(
            "SELECT * FROM report_units WHERE report_id = ? ORDER BY code", (report_id,))]

    def work_of(self, report_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(
            "SELECT * FROM report_work WHERE report_id = ? ORDER BY task_group", (report_id,))]

    def budget_of(self, report_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(
            "SELECT * FROM report_budget WHERE report_id = ?", (report_id,))]

    def work_sums(self, as_of: str) -> list[dict[str, Any]]:
        return _summed(self._rows(
            "SELECT w.task_group, w.activities, w.participants, w.women, w.cost "
            "FROM report_work w JOIN reports r ON r.id = w.report_id WHERE r.as_of = ? "
            "ORDER BY w.task_group", (as_of,)), "task_group")

    def budget_sums(self, as_of: str) -> list[dict[str, Any]]:
        return _summed(self._rows(
            "SELECT b.funding, b.estimate, b.spent "
            "FROM report_budget b JOIN reports r ON r.id = b.report_id WHERE r.as_of = ? "
            "ORDER BY b.funding", (as_of,)), "funding")

    def put_report(self, report: dict[str, Any], *, action: str,
                   replaces: Report | None = None, before: Any = None,
                   after: Any = None) -> int:
        """Add a commune's report for its date, or replace the one it `replaces`, in one
        transaction with its audit row and the record of the file received."""
        with self._write() as conn:
            first = report["exported_at"]
            if replaces is not None:
                first = min(first, replaces.first_exported_at)
                conn.execute("DELETE FROM reports WHERE id = ?", (replaces.id,))
            cur = conn.execute(
                "INSERT INTO reports (commune_code, as_of, commune_name, province, "
                "exported_at, first_exported_at, file_id, year_closed, file_name, sha256, "
                "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (report["code"], report["as_of"], report["commune_name"], report["province"],
                 report["exported_at"], first, report["file_id"], int(report["closed"]),
                 report["file_name"], report["sha256"], _now()))
            rid = cur.lastrowid
            conn.executemany(
                "INSERT INTO report_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rid, f["key"], f["numerator"], f["denominator"], f["target"],
                  f["milestone"], f["status"]) for f in report["figures"]])
            conn.executemany(
                "INSERT INTO report_units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(rid, u["code"], u["name"], u["kind"], int(u["in_scope_ct1"]),
                  int(u["special_sector"]), u["role"] or None, u["staff"], u["women"],
                  int(u["has_female_key_leader"]), int(u["waived"])) for u in report["units"]])
            conn.executemany(
                "INSERT INTO report_work VALUES (?, ?, ?, ?, ?, ?)",
                [(rid, w["group"], w["activities"], w["participants"], w["women"], w["cost"])
                 for w in report["work"]])
            conn.executemany(
                "INSERT INTO report_budget VALUES (?, ?, ?, ?)",
                [(rid, b["funding"], b["estimate"], b["spent"]) for b in report["budget"]])
            conn.execute(
                "INSERT INTO received (sha256, file_name, commune_code, as_of, exported_at, "
                "received_at) VALUES (?, ?, ?, ?, ?, ?)",
                (report["sha256"], report["file_name"], report["code"], report["as_of"],
                 report["exported_at"], _now()))
            self._audit(conn, action, code=report["code"], as_of=report["as_of"],
                        file_name=report["file_name"], before=before, after=after)
        return rid

    def note_refusal(self, file_name: str, reason: str, code: str | None = None,
                     as_of: str | None = None) -> None:
        """A refused workbook goes into the audit trail too: nothing is dropped unsaid."""
        with self._write() as conn:
            self._audit(conn, REFUSED, code=code, as_of=as_of, file_name=file_name,
                        after=reason)

    def audit_entries(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows("SELECT * FROM audit_log ORDER BY id DESC")]
