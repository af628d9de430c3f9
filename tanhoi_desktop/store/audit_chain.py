"""The audit trail as a chain: each row stores the hash of the previous row's hash and
its own content, so that a row edited or deleted outside the program is found.

Each row is chained as it is written (records._audit), the newest row is also noted in
the table audit_head at the end of every write transaction, so that rows cut from
the end are found too. A row without a chain is never chained later (that would make an
edit made with another tool look whole); only an older file's trail is chained once,
when it is brought up to this version. Checked when the Nhật ký opens and by the
`check` command, not at start-up. The hash has no key: it finds rows changed with a
database tool, not a forger who
recomputes the chain."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

GENESIS = ""
_CONTENT = ("id, at, person, os_user, action, table_name, record_id, record_code, before, "
            "after, batch_id")


def link(previous: str, row: tuple) -> str:
    """The chain value of `row` (its _CONTENT columns, in order: text, integers, None)
    after `previous`. repr of the tuple tells None from "None" and 1 from "1"."""
    from hashlib import sha256  # (not at start-up: opening a file hashes nothing)

    return sha256(f"{previous}\x1e{tuple(row)!r}".encode()).hexdigest()


def tail(conn: sqlite3.Connection) -> tuple[int, str]:
    """(id, chain) of the newest row, (0, GENESIS) when there is none: what the next
    row is chained to (its id is the next one: written explicitly with it)."""
    last = conn.execute("SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (last[0], last[1] or GENESIS) if last else (0, GENESIS)


def note_head(conn: sqlite3.Connection) -> None:
    """The newest row in settings; inside the caller's write transaction."""
    last = conn.execute("SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        return
    head = conn.execute("SELECT last_id, chain FROM audit_head").fetchone()
    if head is None or tuple(head) != tuple(last):  # (rows may be sqlite3.Row)
        conn.execute("INSERT OR REPLACE INTO audit_head (id, last_id, chain) VALUES (1, ?, ?)",
                     tuple(last))


def seal(conn: sqlite3.Connection) -> None:
    """Chain the rows after the last chained one: an older file's whole trail, once,
    when it is brought up to this version; inside the caller's write transaction."""
    last = conn.execute("SELECT id, chain FROM audit_log WHERE chain IS NOT NULL "
                        "ORDER BY id DESC LIMIT 1").fetchone()
    last_id, previous = (last[0], last[1]) if last else (0, GENESIS)
    updates = []
    for row in conn.execute(f"SELECT {_CONTENT} FROM audit_log WHERE id > ? ORDER BY id",
                            (last_id,)):
        previous = link(previous, tuple(row))
        updates.append((previous, row[0]))
    if updates:
        conn.executemany("UPDATE audit_log SET chain = ? WHERE id = ?", updates)
        note_head(conn)


def extends(conn: sqlite3.Connection, start: tuple[int, str], head: tuple[int, str]) -> bool:
    """Whether the trail as `conn` sees it goes on from entry `start` (id, chain), still
    there unchanged, through entries that each chain on, to `head`, at least one entry
    further: what a -wal written for this file adds to it."""
    last_id, previous = start
    if tuple(head) == (last_id, previous):
        return False
    if last_id:
        row = conn.execute("SELECT chain FROM audit_log WHERE id = ?", (last_id,)).fetchone()
        if row is None or row[0] != previous:
            return False
    for row in conn.execute(f"SELECT {_CONTENT}, chain FROM audit_log WHERE id > ? "
                            "ORDER BY id", (last_id,)):
        if row[11] != link(previous, tuple(row)[:11]):
            return False
        last_id, previous = row[0], row[11]
    return (last_id, previous) == tuple(head)


@dataclass(frozen=True)
class Break:
    """Where the trail stops being trustworthy: from entry `entry_id` (written at `at`)
    on; `entry_id` None when entries were cut from the end (after `at`)."""

    entry_id: int | None
    at: str | None
    entries: int  # how many entries the trail has


def verify(conn: sqlite3.Connection) -> tuple[int, Break | None]:
    """(entries, the first break or None)."""
    previous, last_id, count = GENESIS, 0, 0
    for row in conn.execute(f"SELECT {_CONTENT}, chain FROM audit_log ORDER BY id"):
        count += 1
        if row[11] != link(previous, tuple(row)[:11]):
            total = conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
            return total, Break(row[0], row[1], total)
        previous, last_id = row[11], row[0]
    head = conn.execute("SELECT last_id, chain FROM audit_head").fetchone()
    if count and (head is None or tuple(head) != (last_id, previous)):
        at = conn.execute("SELECT at FROM audit_log WHERE id = ?", (last_id,)).fetchone()[0]
        return count, Break(None, at, count)
    if not count and head is not None:
        return 0, Break(None, None, 0)
    return count, None


def _when(at: str | None) -> str:
    if not at:
        return ""

    try:
        return f" (ghi lúc {dt.datetime.fromisoformat(at):%d/%m/%Y %H:%M:%S})"
    except ValueError:
        return f" (ghi lúc «{at}»)"


def sentence(found: Break) -> str:
    """Where the trail stops being trustworthy, for the Nhật ký and the check command."""
    if found.entry_id is not None:
        return (f"Nhật ký thay đổi không còn đáng tin từ mục số {found.entry_id}"
                f"{_when(found.at)} trở về sau: mục đó, hoặc mục ngay trước nó, đã bị sửa "
                "hoặc xóa bằng công cụ khác ngoài chương trình. Các mục trước vẫn đúng như "
                "chương trình đã ghi.")
    return ("Nhật ký thay đổi không còn đáng tin sau mục cuối cùng còn lại"
            f"{_when(found.at)}: các mục ghi sau đó đã bị xóa bằng công cụ khác ngoài "
            "chương trình.")
