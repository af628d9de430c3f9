"""An import undone and done again as one step (Sửa → Hoàn tác / Làm lại of the window).

The import's rows in the audit trail (one batch, records.import_records) say what it
added and, for each record it updated, what the changed fields were before and after.
Undoing removes what it added (and the unit's report it recorded) and writes the before
values back; doing it again brings the same records back, with the ids they had. Each is
one transaction, audited as a batch of its own, so it is a change like any other.

Nothing is written when the data moved on since: a record the import touched was changed
or removed (in this window or by another program), or a record added since refers to one
the undo would remove. ImportMoved then says which records, and nothing is lost."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from ..domain import ENTITY, Entity
from .core import StoreError
from .part import Part, inserted_id
from .records import _IMPORT_ORDER, _LINKS, _describe, _label_of, _set_values
from .report_texts import SECTIONS

SHOWN = 5  # records named in a refusal; the rest are counted
# rows that refer to a record without being a record of domain.ENTITIES
_REFERRER = {"activity_units": "hoạt động phối hợp", "submissions": "lần gửi báo cáo năm"}


class ImportMoved(StoreError):
    """The import cannot be undone (or done again) without losing a later change."""

    def __init__(self, message: str):
        super().__init__(message, "conflict")


@dataclass
class UndoneImport:
    """What undoing import `batch_id` took away: what doing it again brings back."""

    batch_id: int
    removed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (entity, record)
    submissions: list[dict[str, Any]] = field(default_factory=list)  # the raw rows


def _same(a: Any, b: Any) -> bool:
    """Two values of a field, one perhaps read back from the audit trail's JSON."""
    def plain(value: Any) -> Any:
        if value == "" or value == () or value == []:
            return None
        if isinstance(value, (list, tuple)):
            return tuple(sorted(map(str, value)))
        return value

    return plain(a) == plain(b)


def _matches(entity: Entity, record: dict[str, Any], values: dict[str, Any],
             whole: bool = False) -> bool:
    """Whether `record` holds `values` (every field of the entity, when `whole`)."""
    names = [f.name for f in entity.fields] if whole else list(values)
    return all(_same(record.get(name), values.get(name)) for name in names)


def _which(entity: Entity, record: dict[str, Any]) -> str:
    return f"{entity.label} {_describe(entity, record)}"


class Imports(Part):
    """store.imports: an import undone and done again, as one step each."""

    def last_batch(self) -> int | None:
        """The audit batch of the last import made on this connection, or None."""
        return self._store.records._last_import_batch

    def _import_trail(self, batch_id: int) -> list[tuple[str, str, int | None, str, Any, Any]]:
        """(action, table, record_id, record_code, before, after) of the import's rows,
        in the order it wrote them."""
        rows = self._rows("SELECT action, table_name, record_id, record_code, before, after "
                          "FROM audit_log WHERE batch_id = ? ORDER BY id", (batch_id,))
        return [(r[0], r[1], r[2], r[3], json.loads(r[4]) if r[4] else None,
                 json.loads(r[5]) if r[5] else None) for r in rows]

    def referrers(self, table: str, record_id: int) -> str:
        """What else refers to record `record_id` of `table` (a row of another table, or
        a link of another record), in words: «1 chức vụ lãnh đạo»; "" for nothing. The
        record's own links go with it and are not counted."""
        found = []
        for other, column in self._referring_columns().get(table, ()):
            n = self._first(f"SELECT COUNT(*) FROM {other} WHERE {column} = ?", (record_id,))[0]
            if n:
                found.append(f"{n} {_REFERRER.get(other) or ENTITY[other].label}")
        return ", ".join(found)

    def _referring_columns(self) -> dict[str, list[tuple[str, str]]]:
        """table -> the (table, column) pairs that refer to its records, read from the
        schema once per connection (an undo asks for every record it removes)."""
        found = getattr(self, "_referring", None)
        if found is None:
            own = {(link, column) for link, column, *_rest in _LINKS.values()}
            found = {}
            for (other,) in self._rows("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'"):
                for fk in self._rows(f"PRAGMA foreign_key_list({other})"):
                    if other != "audit_log" and (other, fk["from"]) not in own:
                        found.setdefault(fk["table"], []).append((other, fk["from"]))
            self._referring = found
        return found

    def _refuse(self, moved: list[str], doing: str) -> None:
        if not moved:
            return
        shown = "; ".join(moved[:SHOWN]) + (
            f" và {len(moved) - SHOWN} bản ghi khác" if len(moved) > SHOWN else "")
        raise ImportMoved(f"Không {doing} được lần nhập này: từ sau khi nhập, dữ liệu đã được "
                          "sửa ở nơi khác (trong cửa sổ này hoặc ở một chương trình khác): "
                          f"{shown}. Để không mất các thay đổi đó, chưa có gì được ghi.")

    def undo(self, batch_id: int) -> UndoneImport:
        """Bring the data back to what it was before import `batch_id`; raises
        ImportMoved (nothing written) when that would lose a later change."""
        undone = UndoneImport(batch_id)
        with self._write() as change:
            trail = self._import_trail(batch_id)
            moved: list[str] = []
            steps: list[tuple[Entity, dict[str, Any], dict[str, Any] | None]] = []
            texts = [(code, before, after) for _a, table, _id, code, before, after in trail
                     if table == "report_texts"]
            for action, table, record_id, _code, before, after in reversed(trail):
                if table == "report_texts":
                    continue
                entity = ENTITY[table]
                if action == "add":  # (its id is not in the trail: found by its key)
                    found = self._store.records._matching(entity,
                                                          tuple(after.get(k) for k in entity.key))
                    current = self._store.records.get(table, found[0]) if len(found) == 1 else None
                    if current is None or not _matches(entity, current, after, whole=True):
                        moved.append(_which(entity, current or after))
                    else:
                        steps.append((entity, current, None))
                else:
                    current = self._store.records.get(table, record_id)
                    if current is None or not _matches(entity, current, after):
                        moved.append(_which(entity, current or {**before, **after}))
                    else:
                        steps.append((entity, current, before))
            for report, _before, after in texts:
                now = self._store.texts.for_report(report)
                if any(now.get(_section_key(name), "") != text for name, text in after.items()):
                    moved.append(f"nội dung báo cáo {report}")
            self._refuse(moved, "hoàn tác")
            undone.submissions = [dict(r) for r in self._rows(
                "SELECT * FROM submissions WHERE audit_id = ?", (batch_id,))]
            if undone.submissions:
                self._conn.execute("DELETE FROM submissions WHERE audit_id = ?", (batch_id,))
                change.touch("submissions")
            ids = {t: self._store.records._ids_for(t) for t in ("units", "cadres", "courses")}
            trail_out: list[tuple] = []
            for entity, current, before in steps:  # the last written first
                values = {k: v for k, v in current.items() if k != "id"}
                label = _label_of(entity, values)
                if before is None:
                    if referrers := self.referrers(entity.name, current["id"]):
                        self._refuse([f"{_which(entity, values)} nay đã có thêm {referrers}"],
                                     "hoàn tác")
                    self._conn.execute(f"DELETE FROM {entity.name} WHERE id = ?",
                                       (current["id"],))
                    undone.removed.append((entity.name, current))
                    trail_out.append(("delete", entity.name, current["id"], label, values,
                                      None))
                else:
                    self._put(entity, current["id"], {**values, **before}, ids)
                    trail_out.append(("edit", entity.name, current["id"], label,
                                      {k: values.get(k) for k in before}, before))
                change.touch(entity.name, current["id"])
            undone.removed.reverse()  # in the order the import added them
            for report, before, after in texts:
                self._write_texts(report, before, after, trail_out)
                change.touch("report_texts")
            summary = self._audit("undo_import", None, None, None, None,
                                  self._about(batch_id, len(trail_out)))
            self._audit_many(trail_out, summary)
        return undone

    def redo(self, undone: UndoneImport) -> None:
        """Do again the import that `undone` took away; raises ImportMoved (nothing
        written) when a record it would write has been changed or added since."""
        with self._write() as change:
            trail = self._import_trail(undone.batch_id)
            moved: list[str] = []
            for table, record in undone.removed:
                entity = ENTITY[table]
                if self._store.records._matching(entity, tuple(record.get(k) for k in entity.key)):
                    moved.append(_which(entity, record))
            edits = [(ENTITY[table], record_id, before, after)
                     for action, table, record_id, _code, before, after in trail
                     if action == "edit" and table != "report_texts" and record_id is not None]
            for entity, record_id, before, after in edits:
                current = self._store.records.get(entity.name, record_id)
                if current is None or not _matches(entity, current, before):
                    moved.append(_which(entity, current or {**after, **before}))
            texts = [(code, before, after) for _a, table, _id, code, before, after in trail
                     if table == "report_texts"]
            for report, before, _after in texts:
                now = self._store.texts.for_report(report)
                if any(now.get(_section_key(name), "") != text
                       for name, text in before.items()):
                    moved.append(f"nội dung báo cáo {report}")
            self._refuse(moved, "làm lại")
            trail_out: list[tuple] = []
            ids = {t: self._store.records._ids_for(t) for t in ("units", "cadres", "courses")}
            for name in _IMPORT_ORDER:  # what is referred to before what refers to it
                entity = ENTITY[name]
                for record in [r for t, r in undone.removed if t == name]:
                    values = {k: v for k, v in record.items() if k != "id"}
                    taken = self._one(f"SELECT 1 FROM {name} WHERE id = ?", (record["id"],))
                    new_id = self._put(entity, None if taken else record["id"], values, ids,
                                       insert=True)
                    trail_out.append(("add", name, new_id, _label_of(entity, values), None,
                                      _set_values(values)))
                    change.touch(name, new_id)
                for e, record_id, before, after in edits:
                    if e is not entity:
                        continue
                    current = self._store.records.get(name, record_id) or {}  # (checked above)
                    values = {k: v for k, v in current.items() if k != "id"}
                    self._put(entity, record_id, {**values, **after}, ids)
                    trail_out.append(("edit", name, record_id, _label_of(entity, values),
                                      before, after))
                    change.touch(name, record_id)
                if name in ids:
                    ids[name] = self._store.records._ids_for(name)
            for row in undone.submissions:
                taken = self._one("SELECT 1 FROM submissions WHERE id = ?", (row["id"],))
                values = {k: v for k, v in row.items() if not (k == "id" and taken)}
                self._conn.execute(f"INSERT INTO submissions ({', '.join(values)}) VALUES "
                                   f"({', '.join('?' * len(values))})", list(values.values()))
                change.touch("submissions")
            for report, before, after in texts:
                self._write_texts(report, after, before, trail_out)
                change.touch("report_texts")
            summary = self._audit("redo_import", None, None, None, None,
                                  self._about(undone.batch_id, len(trail_out)))
            self._audit_many(trail_out, summary)

    def _about(self, batch_id: int, records: int) -> dict[str, Any]:
        """The audit trail's words for an undo or redo: which import (when it was made,
        and its entry in the trail) and how many records it wrote."""
        row = self._one("SELECT at FROM audit_log WHERE id = ?", (batch_id,))
        when = dt.datetime.fromisoformat(row[0]).strftime("%d/%m/%Y %H:%M:%S") if row else ""
        return {"lần nhập lúc": when, "mục nhật ký của lần nhập": batch_id,
                "số bản ghi": records}

    # -- writing ------------------------------------------------------------------------

    def _put(self, entity: Entity, record_id: int | None, values: dict[str, Any],
             ids: dict[str, dict[str, int]], insert: bool = False) -> int:
        """Write a whole record as it was (an insert keeps its old id when given)."""
        row = self._store.records._db_row(entity, values, ids)
        links = self._store.records._pop_links(entity, row)
        if insert:
            if record_id is not None:
                row["id"] = record_id
            cur = self._conn.execute(
                f"INSERT INTO {entity.name} ({', '.join(row)}) "
                f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
            record_id = inserted_id(cur)
        else:
            if record_id is None:
                raise TypeError("an update names its record")
            self._conn.execute(f"UPDATE {entity.name} SET {', '.join(f'{c} = ?' for c in row)}"
                               " WHERE id = ?", [*row.values(), record_id])
        self._store.records._write_links(record_id, links)
        return record_id

    def _write_texts(self, report: str, texts: dict[str, str], was: dict[str, str],
                     trail_out: list[tuple]) -> None:
        """Put the written sections named in `texts` (by their names in words)."""
        old = self._store.texts.for_report(report)
        self._store.texts._put_report_texts(report, {_section_key(name): text
                                                     for name, text in texts.items()}, old)
        trail_out.append(("edit", "report_texts", None, report, was, texts))


def _section_key(name: str) -> str:
    return next(key for key, words in SECTIONS.items() if words == name)
