"""The audit trail: its rows written inside the caller's transaction, each chained to the
one before (audit_chain.py), and store.audit, which reads them back and checks them."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from . import audit_chain
from .errors import classify
from .part import Part

_AUDIT_INSERT = ("INSERT INTO audit_log (id, at, person, os_user, action, table_name, "
                 "record_id, record_code, before, after, batch_id, chain) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


# One encoder for every audit row: json.dumps would build a new one per call, which is
# a quarter of the cost of an import's audit trail. Where the C encoder is there, it is
# made once and called directly (JSONEncoder.encode makes a new one per call); its text
# is the same as the encoder's. Audit values are flat dicts: no cycle to look for.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)  # (not in the type stubs)
_C_ENCODE = None if _MAKE_ENCODER is None else _MAKE_ENCODER(
    None, str, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if _C_ENCODE is not None and type(value) is dict:
        return "".join(_C_ENCODE(value, 0))
    return _ENCODER.encode(value)



def who(conn: sqlite3.Connection) -> tuple[str, str]:
    """(the name typed in the settings, the login name): who made a change."""
    row = conn.execute("SELECT value FROM settings WHERE key = 'entered_by'").fetchone()
    try:
        os_user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        os_user = ""
    return (row[0] if row and row[0] else ""), os_user

def write(conn: sqlite3.Connection, action: str, table: str | None, record_id: int | None,
          code: str | None, before: Any, after: Any, batch_id: int | None = None) -> int:
    """One audit row, inside the caller's transaction (rolled back with it), chained
    to the one before (store/audit_chain.py); `batch_id`: the import it is part of."""
    person, os_user = who(conn)
    last_id, previous = audit_chain.tail(conn)
    row = (last_id + 1, _now(), person, os_user, action, table, record_id, code,
           _json(before), _json(after), batch_id)
    conn.execute(_AUDIT_INSERT, (*row, audit_chain.link(previous, row)))
    return last_id + 1

def write_many(conn: sqlite3.Connection, trail: list[tuple], batch_id: int) -> None:
    person, os_user = who(conn)
    now = _now()
    last_id, previous = audit_chain.tail(conn)

    # made as they are written: an import's 122,400 rows are never all held at once
    # (about 80 MB at a province's size)
    def rows() -> Iterator[tuple]:
        nonlocal last_id, previous
        for action, table, rid, code, before, after in trail:
            last_id += 1
            row = (last_id, now, person, os_user, action, table, rid, code,
                   _json(before), _json(after), batch_id)
            previous = audit_chain.link(previous, row)
            yield (*row, previous)

    conn.executemany(_AUDIT_INSERT, rows())


class Audit(Part):
    """store.audit: the trail of every change, newest first, and whether it is whole."""

    def check(self) -> tuple[int, audit_chain.Break | None]:
        """(entries, audit_chain.Break or None): whether the trail is as the program
        wrote it. Reads every entry: for the Nhật ký and the check command."""
        try:
            return audit_chain.verify(self._conn)
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def entries(self, *, table: str | None = None, record_code: str | None = None,
                person: str | None = None, since: str | None = None,
                until: str | None = None, record_id: int | None = None,
                limit: int = 5000) -> list[dict[str, Any]]:
        """Newest first. `since`/`until` are ISO dates, inclusive; `record_id` (with
        `table`) gives one record's history."""
        conds: list[str] = []
        params: list[Any] = []
        if table:
            conds.append("table_name = ?")
            params.append(table)
        if record_id is not None:
            conds.append("record_id = ?")
            params.append(record_id)
        if record_code:
            conds.append("record_code LIKE ?")
            params.append(f"%{record_code}%")
        if person:
            conds.append("(person LIKE ? OR os_user LIKE ?)")
            params += [f"%{person}%"] * 2
        if since:
            conds.append("at >= ?")
            params.append(since)
        if until:
            conds.append("at < date(?, '+1 day')")
            params.append(until)
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        rows = self._rows(f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ?",
                          (*params, limit))
        out = []
        for r in rows:
            entry = dict(r)
            entry["before"] = json.loads(r["before"]) if r["before"] else None
            entry["after"] = json.loads(r["after"]) if r["after"] else None
            out.append(entry)
        return out
