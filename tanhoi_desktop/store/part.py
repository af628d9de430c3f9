"""What every part of the store (store.records, store.browse, …) stands on: the one
connection of its Store, its transactions and its audit trail. A part reads and writes
through these; another part is reached through the store (self._store.records)."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Store
    from .core import Change


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id an INSERT gave its row."""
    if cursor.lastrowid is None:
        raise TypeError("not an INSERT")
    return cursor.lastrowid


class Part:
    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store._conn

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self._store._rows(sql, params)

    def _one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        return self._store._one(sql, params)

    def _first(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row:
        return self._store._first(sql, params)

    def _write(self) -> AbstractContextManager[Change]:
        return self._store._write()

    def _who(self) -> tuple[str, str]:
        return self._store._who()

    def _audit(self, action: str, table: str | None, record_id: int | None,
               code: str | None, before: Any, after: Any, batch_id: int | None = None
               ) -> int:
        return self._store._audit(action, table, record_id, code, before, after, batch_id)

    def _audit_many(self, trail: list[tuple], batch_id: int) -> None:
        self._store._audit_many(trail, batch_id)
