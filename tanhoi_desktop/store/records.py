"""Reads and writes of records by entity (domain.ENTITIES), settings, and the
all-or-nothing bulk upsert used by the workbook import."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import domain, vntext
from ..domain import ENTITY, Entity, Field, Invalid
from .core import StoreError, classify
from .part import Part, inserted_id

# A ref field names the table it points at (Field.ref); the column that holds the
# referenced record's id in a table that refers to it, and its alias in _select_sql:
_REF_COLUMN = {"units": "unit_id", "cadres": "cadre_id", "courses": "course_id"}
_REF_ALIAS = {"units": "u", "cadres": "c", "courses": "k"}
# field of kind "refs" -> (link table, its column for the record, its column for the
# referenced record): many-to-many, written with the record
_LINKS = {"partner_codes": ("activity_units", "activity_id", "unit_id")}
_LINK_SEPARATOR = "\x1f"  # inside the SQL only: codes may hold any printable character
_IMPORT_ORDER = ("units", "cadres", "courses", "posts", "planning", "enrolments",
                 "activities", "budget", "training_plan", "pool_reviews", "unit_targets")
# The kinds of record that carry their own code. A code names one record of one kind:
# "KT" cannot be both a unit and a cadre, or a workbook row referring to it is ambiguous
# to the person reading it.
CODED_TABLES = ("units", "cadres", "courses", "activities")
# a first record's suggested code: (prefix, digits)
FIRST_CODE = {"cadres": ("CB", 3), "courses": ("L", 2), "activities": ("HD", 3)}
_NUMBERED_CODE = re.compile(r"([^\d]*)(\d+)")
# From this many new records into an empty table, its indexes are built after them.
DEFER_INDEXES_FROM = 1000
NAME_COLUMN: dict[str, str] = {table: name for table in CODED_TABLES
                               if (name := ENTITY[table].name_field) is not None}


class RecordChanged(StoreError):
    """The record was changed elsewhere (another program, another form) since the form
    was filled: `current` is what the file holds now, `fields` what differs from what
    the form loaded. Nothing was written."""

    def __init__(self, label: str, current: dict[str, Any], fields: list[str]):
        super().__init__(f"{label} này vừa được sửa ở nơi khác sau khi biểu mẫu được mở; "
                         "chưa lưu gì.", "conflict")
        self.current = current
        self.fields = fields


def delete_refused(entity: Entity, record: dict[str, Any], deps: dict[str, int]
                   ) -> str | None:
    """Why a record may not be deleted, or None. A unit still used by cadres, posts,
    planning entries, activities or budget rows is refused (it would orphan them);
    what a cadre or course owns goes with it."""
    if entity.name != "units" or not deps:
        return None
    listing = ", ".join(f"{n} {label}" for label, n in deps.items())
    name = entity.name_of(record)
    return (f"Không xóa được đơn vị «{name}» vì còn {listing} thuộc đơn vị. "
            "Hãy chuyển hoặc xóa các bản ghi đó trước.")


def changed_fields(entity: Entity, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields whose stored values differ between two versions of a record."""
    def same(value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else value

    return [f.name for f in entity.fields if same(old.get(f.name)) != same(new.get(f.name))]


@dataclass
class ImportCount:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _target(f: Field) -> str:
    """The table a field of kind "ref" or "refs" points at (domain says it)."""
    assert f.ref is not None, f.name
    return f.ref


def _select_sql(entity: Entity) -> str:
    """SELECT of an entity with references shown as codes, as the workbook has them."""
    cols = ["t.id AS id"]
    joins = []
    for f in entity.fields:
        if f.kind == "refs":
            link, own, other = _LINKS[f.name]
            table = _target(f)
            cols.append(f"(SELECT group_concat(lr.code, '{_LINK_SEPARATOR}') FROM {link} l "
                        f"JOIN {table} lr ON lr.id = l.{other} WHERE l.{own} = t.id) "
                        f"AS {f.name}")
        elif f.kind == "ref":
            table = _target(f)
            id_col, alias = _REF_COLUMN[table], _REF_ALIAS[table]
            cols.append(f"{alias}.code AS {f.name}")
            join = "LEFT JOIN" if not f.required else "JOIN"
            joins.append(f"{join} {table} {alias} ON {alias}.id = t.{id_col}")
        else:
            cols.append(f"t.{f.name} AS {f.name}")
    return f"SELECT {', '.join(cols)} FROM {entity.name} t {' '.join(joins)}"


def _column_of(entity: Entity, name: str) -> str:
    """The SQL expression of a field in _select_sql (references are the joined code)."""
    f = entity.by_name[name]
    return f"{_REF_ALIAS[_target(f)]}.code" if f.kind == "ref" else f"t.{name}"


def _describe(entity: Entity, record: dict[str, Any]) -> str:
    """A record as a user finds it: its name and code, else its key as the sheet has it."""
    name = NAME_COLUMN.get(entity.name)
    if name:
        return f"«{record[name]}» (mã {record['code']})"
    return "(" + ", ".join(
        f"{entity.by_name[k].header} "
        f"{domain.format_date(record[k]) if entity.by_name[k].kind == 'date' else record[k]}"
        for k in entity.key if record.get(k) not in (None, "")) + ")"


def _from_row(entity: Entity, row: sqlite3.Row) -> dict[str, Any]:
    out = {"id": row["id"]}
    for f in entity.fields:
        value = row[f.name]
        if f.kind == "refs":
            value = tuple(sorted(value.split(_LINK_SEPARATOR))) if value else ()
        elif f.kind == "bool" and value is not None:
            value = bool(value)
        out[f.name] = value
    return out


def _label_of(entity: Entity, record: dict[str, Any]) -> str:
    """How a record is named in the audit trail: its code, or its whole key."""
    return " · ".join([str(v or "") for v in map(record.get, entity.key)])


def _set_values(record: dict[str, Any]) -> dict[str, Any]:
    """What an added record was given: its empty fields say nothing in the audit trail
    (and would make an import's trail half as big again)."""
    return {k: v for k, v in record.items() if v is not None and v != ""}


def code_reused_message(code: str, table: str, name: str | None) -> str:
    owner = f"{ENTITY[table].label} «{name}»" if name else ENTITY[table].label
    return (f"mã «{code}» đã được dùng cho {owner}; mỗi mã chỉ dùng cho một loại bản ghi "
            "(đơn vị, cán bộ, lớp học hoặc hoạt động)")


_COLUMN_KINDS: dict[str, tuple[Entity, frozenset[str], tuple[tuple[str, str], ...],
                                tuple[tuple[str, Any], ...]]] = {}


def _entity_plan(entity: Entity) -> tuple[frozenset[str], tuple[tuple[str, str], ...],
                                          tuple[tuple[str, Any], ...]]:
    """(its field names, (name, kind) of the fields _db_row does not store as they are,
    (name, default) of every field), in field order, worked out once per entity."""
    found = _COLUMN_KINDS.get(entity.name)
    if found is None or found[0] is not entity:
        found = _COLUMN_KINDS[entity.name] = (
            entity, frozenset(f.name for f in entity.fields),
            tuple((f.name, f.kind) for f in entity.fields
                  if f.kind in ("refs", "ref", "bool")),
            tuple((f.name, f.default) for f in entity.fields))
    return found[1], found[2], found[3]


def _key_of(entity: Entity, record: dict[str, Any]) -> tuple:
    return tuple(map(record.get, entity.key))


class Settings(Part):
    """store.settings: the commune's settings, the defaults where none was saved."""

    def read(self) -> dict[str, str]:
        stored = {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM settings")}
        return {**domain.DEFAULT_SETTINGS, **stored}

    def save(self, values: dict[str, str]) -> None:
        """Raises domain.Invalid (key -> message) for a value the figures cannot use."""
        problems = domain.setting_problems(values)
        if problems:
            raise Invalid(problems)
        new = {k: None if v is None else str(v) for k, v in values.items()}
        with self._write() as change:
            old = self.read()  # inside the transaction: what is replaced is what was
            # an empty text and no text are the same to every reader of the settings
            before = {k: old.get(k) for k in new if (old.get(k) or "") != (new[k] or "")}
            if not before:
                return  # nothing changed: nothing written, nothing announced
            self._audit("settings", "settings", None, None, before,
                        {k: values[k] for k in before})
            self._conn.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(k, new[k]) for k in before],
            )
            change.touch("settings")


class Records(Part):
    """store.records: records by entity (domain.ENTITIES), read and written one at a time
    or all at once by an import."""

    _last_import_batch: int | None = None  # what Sửa → Hoàn tác undoes (store.imports)

    # -- reads ----------------------------------------------------------------------

    def get(self, entity_name: str, record_id: int) -> dict[str, Any] | None:
        entity = ENTITY[entity_name]
        row = self._one(_select_sql(entity) + " WHERE t.id = ?", (record_id,))
        return _from_row(entity, row) if row else None

    def iter_records(self, entity_name: str) -> Iterator[dict[str, Any]]:
        """Every record of an entity, references as codes, in a stable order."""
        entity = ENTITY[entity_name]
        order = ", ".join(_column_of(entity, k) for k in entity.key)
        # the rows are read at once: a cursor left half-read (a generator not run to its
        # end) would keep the file open after close() (Python 3.11), and on Windows an
        # open file cannot be renamed over by a restore
        try:
            rows = self._conn.execute(
                f"{_select_sql(entity)} ORDER BY {order}, t.id").fetchall()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        for row in rows:
            yield _from_row(entity, row)

    def dates_out_of_range(self, limit: int = 20) -> list[str]:
        """Records holding a date the program no longer takes (before 1900 or after 2100,
        stored by an older version): «Cán bộ «Tên» (mã X): Ngày sinh 01/06/0202», so that
        the user knows which record to fix. At most `limit` of them."""
        low, high = domain.FIRST_DATE.isoformat()[:4], domain.LAST_DATE.isoformat()
        out: list[str] = []
        for entity in domain.ENTITIES:
            for f in entity.fields:
                if f.kind not in ("date", "birth") or len(out) >= limit:
                    continue
                rows = self._rows(f"{_select_sql(entity)} WHERE t.{f.name} < ? OR "
                                  f"t.{f.name} > ? ORDER BY t.id LIMIT ?",
                                  (low, high, limit - len(out)))
                for row in rows:
                    record = _from_row(entity, row)
                    out.append(f"{entity.sheet} {_describe(entity, record)}: {f.header} "
                               f"{domain.format_date(str(record[f.name]))}")
        return out

    def existing_codes(self, table: str) -> set[str]:
        return {r[0] for r in self._rows(f"SELECT code FROM {table}")}

    def next_code(self, table: str) -> str | None:
        """The next free code of the commonest «letters + number» shape in `table`
        (CB123 → CB124, HD2619, L13), kept as wide as its widest number; a first record
        gets CB001, L01, HD001. None for units, whose codes are abbreviations (VHXH)."""
        if table not in FIRST_CODE:
            return None
        shapes: dict[str, list[int]] = {}  # prefix -> [how many, highest, width]
        for (code,) in self._rows(f"SELECT code FROM {table}"):
            if match := _NUMBERED_CODE.fullmatch(code or ""):
                prefix, digits = match.groups()
                shape = shapes.setdefault(prefix.upper(), [0, 0, 0])
                shape[0] += 1
                shape[1] = max(shape[1], int(digits))
                shape[2] = max(shape[2], len(digits))
        if shapes:
            prefix = max(shapes, key=lambda p: (shapes[p][0], shapes[p][1]))
            _count, number, width = shapes[prefix]
        else:
            prefix, width = FIRST_CODE[table]
            number = 0
        taken = {c.upper() for t in CODED_TABLES for c in self.existing_codes(t) if c}
        while True:  # codes are unique across the kinds of record, regardless of case
            number += 1
            code = f"{prefix}{number:0{width}d}"
            if code.upper() not in taken:
                return code

    def code_owner(self, code: str, besides: str) -> tuple[str, str] | None:
        """(table, name) of a record of another kind than `besides` that uses `code`."""
        for table in CODED_TABLES:
            if table == besides:
                continue
            row = self._one(f"SELECT {NAME_COLUMN[table]} FROM {table} WHERE code = ?",
                            (code,))
            if row is not None:
                return table, row[0]
        return None

    def count(self, table: str) -> int:
        return self._first(f"SELECT COUNT(*) FROM {table}")[0]

    def is_empty(self) -> bool:
        return all(self.count(t) == 0 for t in ("units", "cadres", "courses"))

    def dependents(self, entity_name: str, record_id: int) -> dict[str, int]:
        """What else a delete would touch: {Vietnamese label: count}, non-zero only."""
        checks = {
            "units": [("cán bộ", "cadres", "unit_id"), ("chức vụ lãnh đạo", "posts", "unit_id"),
                      ("mục quy hoạch", "planning", "unit_id"),
                      ("hoạt động chủ trì", "activities", "unit_id"),
                      ("hoạt động phối hợp", "activity_units", "unit_id"),
                      ("dòng kinh phí", "budget", "unit_id")],
            "cadres": [("chức vụ lãnh đạo", "posts", "cadre_id"),
                       ("mục quy hoạch", "planning", "cadre_id"),
                       ("lượt học", "enrolments", "cadre_id")],
            "courses": [("học viên", "enrolments", "course_id")],
        }.get(entity_name, [])
        out = {}
        for label, table, column in checks:
            n = self._first(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (record_id,))[0]
            if n:
                out[label] = n
        return out

    # -- writes -----------------------------------------------------------------------

    def _ids_for(self, table: str) -> dict[str, int]:
        return {r[0]: r[1] for r in self._rows(f"SELECT code, id FROM {table}")}

    def _db_row(self, entity: Entity, record: dict[str, Any],
                ids: dict[str, dict[str, int]]) -> dict[str, Any]:
        """Column values for the table: codes resolved to ids, derived columns added.
        A many-to-many field stays in the row as a list of ids: see _pop_links."""
        fields, special, _defaults = _entity_plan(entity)
        # most columns: stored as they are; the others are replaced below
        row: dict[str, Any] = dict(record)
        if not row.keys() <= fields:
            row = {name: value for name, value in row.items() if name in fields}
        problems: dict[str, str] = {}
        for name, kind in special:
            if name not in row:
                continue
            value = row[name]
            if kind == "refs":
                table = _target(entity.by_name[name])
                unknown = [code for code in value or () if code not in ids[table]]
                if unknown:
                    listed = ", ".join(f"«{code}»" for code in unknown)
                    problems[name] = f"không có {ENTITY[table].label} mã {listed}"
                else:
                    row[name] = [ids[table][code] for code in value or ()]
            elif kind == "ref":
                table = _target(entity.by_name[name])
                id_col = _REF_COLUMN[table]
                del row[name]
                if value is None:
                    row[id_col] = None
                elif value in ids[table]:
                    row[id_col] = ids[table][value]
                else:
                    label = ENTITY[table].label
                    problems[name] = f"không có {label} mã «{value}»"
            else:  # bool
                row[name] = None if value is None else int(bool(value))
        if problems:
            raise Invalid(problems)
        if entity.sort_field and entity.sort_field in record:
            text = record[entity.sort_field] or ""
            row["sort_key"] = vntext.name_sort_key(text) if entity.sort_as_name else \
                vntext.text_sort_key(text)
        if entity.search_fields and entity.search_fields[0] in record:
            row["search_text"] = vntext.fold(
                " ".join([str(v or "") for v in map(record.get, entity.search_fields)]))
        return row

    @staticmethod
    def _pop_links(entity: Entity, row: dict[str, Any]) -> dict[str, list[int]]:
        """Take the many-to-many fields out of a row built by _db_row."""
        return {name: row.pop(name) for name, kind in _entity_plan(entity)[1]
                if kind == "refs" and name in row}

    def _write_links(self, record_id: int, links: dict[str, list[int]]) -> None:
        for name, targets in links.items():
            link, own, other = _LINKS[name]
            self._conn.execute(f"DELETE FROM {link} WHERE {own} = ?", (record_id,))
            self._conn.executemany(f"INSERT INTO {link} ({own}, {other}) VALUES (?, ?)",
                                   [(record_id, target) for target in targets])

    def _insert_links(self, records: list[tuple[int, dict[str, list[int]]]]) -> None:
        """The links of new records (that have none yet), one statement per link table."""
        by_name: dict[str, list[tuple[int, int]]] = {}
        for record_id, links in records:
            for name, targets in links.items():
                by_name.setdefault(name, []).extend((record_id, t) for t in targets)
        for name, pairs in by_name.items():
            link, own, other = _LINKS[name]
            self._conn.executemany(f"INSERT INTO {link} ({own}, {other}) VALUES (?, ?)",
                                   pairs)

    def _ref_tables(self, entity: Entity) -> set[str]:
        return {_target(f) for f in entity.fields if f.kind in ("ref", "refs")}

    def _find_same_key(self, entity: Entity, record: dict[str, Any]) -> int | None:
        for existing in self._matching(entity, _key_of(entity, record)):
            return existing
        return None

    def _matching(self, entity: Entity, key: tuple) -> list[int]:
        conds, params = [], []
        for name, value in zip(entity.key, key, strict=True):
            conds.append(f"{_column_of(entity, name)} IS ?")
            params.append(value)
        rows = self._rows(f"{_select_sql(entity)} WHERE {' AND '.join(conds)}", tuple(params))
        return [r["id"] for r in rows]

    def _code_reused(self, entity_name: str, code: Any, record_id: int | None,
                     before: dict[str, Any] | None = None) -> str | None:
        """The message when `code` is another kind of record's. A record keeping the code
        it already has is left alone (a pair stored before this rule stays editable).
        `before`: the stored record, when the caller has read it already."""
        code = domain.upper_code(vntext.clean(code))  # also when the form's rest is wrong
        if entity_name not in CODED_TABLES or not code:
            return None
        if record_id is not None and before is None:
            before = self.get(entity_name, record_id)
        if record_id is not None and (before or {}).get("code") == code:
            return None
        owner = self.code_owner(code, besides=entity_name)
        return code_reused_message(code, *owner) if owner else None

    def save(self, entity_name: str, values: dict[str, Any], record_id: int | None = None,
             *, expected: dict[str, Any] | None = None, keep_id: int | None = None) -> int:
        """Add (record_id None) or replace one record from form values.

        `expected`: the record as the form loaded it (get). When the file holds another
        version now, nothing is written and RecordChanged says what differs: a form
        never writes its old values back over a change made meanwhile. `keep_id`: the id
        an added record takes when it is free (a record brought back by Sửa → Hoàn tác,
        which the steps around it know by that id).

        Raises domain.Invalid (field -> message) for bad values, unknown codes or a
        code/key already used by another record; StoreError for file problems."""
        entity = ENTITY[entity_name]
        try:
            record = domain.validate(entity, values)
        except Invalid as exc:  # say everything at once, a reused code included
            if "code" not in exc.problems and (
                    reused := self._code_reused(entity_name, values.get("code"), record_id)):
                exc.problems["code"] = reused
            raise
        with self._write() as change:
            # what the checks read, read inside the transaction and once: no other
            # program's write can come between them and the write
            ids = {t: self._ids_for(t) for t in self._ref_tables(entity)}
            row = self._db_row(entity, record, ids)
            links = self._pop_links(entity, row)
            other = self._find_same_key(entity, record)
            if other is not None and other != record_id:
                if entity.key == ("code",):  # named as stored: «vhxh» typed is VHXH
                    taken = self.get(entity_name, other) or {}
                    raise Invalid({"code": f"Mã «{record['code']}» đã có ({entity.label} "
                                           f"«{taken.get(NAME_COLUMN[entity_name])}» đang "
                                           "dùng)"})
                raise Invalid({entity.key[-1]: f"Bản ghi giống hệt đã có ({entity.label} "
                                               "khác đang dùng)"})
            before = self.get(entity_name, record_id) if record_id is not None else None
            if expected is not None and before is not None and (
                    fields := changed_fields(entity, expected, before)):
                raise RecordChanged(entity.label[:1].upper() + entity.label[1:], before,
                                    fields)
            if reused := self._code_reused(entity_name, record.get("code"), record_id,
                                           before):
                raise Invalid({"code": reused})
            cols = list(row)
            if record_id is None:
                if keep_id is not None and not self._one(
                        f"SELECT 1 FROM {entity.name} WHERE id = ?", (keep_id,)):
                    cols, row = ["id", *cols], {**row, "id": keep_id}
                cur = self._conn.execute(
                    f"INSERT INTO {entity.name} ({', '.join(cols)}) "
                    f"VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
                record_id = inserted_id(cur)
            else:
                sets = ", ".join(f"{c} = ?" for c in cols)
                cur = self._conn.execute(f"UPDATE {entity.name} SET {sets} WHERE id = ?",
                                         [*(row[c] for c in cols), record_id])
                if cur.rowcount == 0:
                    raise StoreError(f"Không tìm thấy {entity.label} cần sửa (có thể đã bị "
                                     "xóa ở nơi khác).", "missing")
            self._write_links(record_id, links)
            if before is None:
                self._audit("add", entity.name, record_id, _label_of(entity, record),
                            None, _set_values(record))
            else:
                old = {k: v for k, v in before.items() if k != "id"}
                diff = {k: v for k, v in record.items() if old.get(k) != v}
                self._audit("edit", entity.name, record_id, _label_of(entity, record),
                            {k: old.get(k) for k in diff}, diff)
            change.touch(entity.name, record_id)
        return record_id

    def delete(self, entity_name: str, record_id: int) -> None:
        """Delete one record, unless delete_refused says why not."""
        entity = ENTITY[entity_name]
        before = self.get(entity_name, record_id)
        deps = self.dependents(entity_name, record_id)
        if (refused := delete_refused(entity, before or {}, deps)) is not None:
            raise StoreError(refused, "refused")
        with self._write() as change:
            for label_table in ("posts", "planning", "enrolments"):
                if entity_name in ("cadres", "courses"):
                    change.touch(label_table)
            self._conn.execute(f"DELETE FROM {entity.name} WHERE id = ?", (record_id,))
            if before is not None:
                old = {k: v for k, v in before.items() if k != "id"}
                self._audit("delete", entity.name, record_id, _label_of(entity, old), old,
                            {"xóa kèm": deps} if deps else None)
            change.touch(entity.name, record_id)

    def import_records(self, batches: dict[str, list[dict[str, Any]]],
                       present: dict[str, set[str]],
                       submission: dict[str, Any] | None = None,
                       step: Callable[[int, int], None] | None = None
                       ) -> dict[str, ImportCount]:
        """Upsert validated records (references as codes) in one transaction.

        `present[entity]` names the columns the sheet had: on update, other columns
        keep their stored values; on insert they take their defaults. `submission`
        (unit_code, year, received_at, file_name, sha256) records, in the same
        transaction, that a unit sent this workbook as its yearly report; its count is
        under "submissions" (unchanged when the same file was already recorded).
        `step(done, total)` is called before each kind of record: an exception it raises
        (a cancel) rolls everything back."""
        counts = {name: ImportCount() for name in batches}
        with self._write() as change:
            trail: list[tuple] = []
            ids = {t: self._ids_for(t) for t in ("units", "cadres", "courses")}
            for done, name in enumerate(_IMPORT_ORDER):
                if step is not None:
                    step(done, len(_IMPORT_ORDER) + 1)
                if name not in batches or not batches[name]:
                    continue
                entity = ENTITY[name]
                key_fields = entity.key
                existing = {tuple(map(r.get, key_fields)): r for r in self.iter_records(name)}
                was_empty = not existing
                inserts, updates = [], []
                for record in batches[name]:
                    old = existing.get(tuple(map(record.get, key_fields)))
                    if old is None:
                        full = self._with_defaults(entity, record, present[name])
                        inserts.append(self._db_row(entity, full, ids))
                        existing[tuple(map(full.get, key_fields))] = full
                        trail.append(("add", name, None, _label_of(entity, full), None,
                                      _set_values(full)))
                        counts[name].added += 1
                        continue
                    if name == "units" and "in_scope_ct1" in record \
                            and record["in_scope_ct1"] is None:
                        record = {**record, "in_scope_ct1": domain.default_in_scope(
                            record.get("kind", old["kind"]))}
                    diff = {k: v for k, v in record.items()
                            if k in present[name] and k in entity.by_name and old.get(k) != v}
                    if not diff:
                        counts[name].unchanged += 1
                        continue
                    if entity.search_fields and entity.search_fields[0] in diff:
                        for other in entity.search_fields[1:]:  # search_text is remade
                            diff.setdefault(other, old[other])
                    row = self._db_row(entity, diff, ids)
                    updates.append((row, old["id"], self._pop_links(entity, row)))
                    trail.append(("edit", name, old["id"], _label_of(entity, old),
                                  {k: old.get(k) for k in diff}, diff))
                    counts[name].updated += 1
                # Into an empty table, a big batch goes in before its indexes, which are
                # then built once in sorted order (a fifth of the inserts' time at the
                # province's size); in the transaction, so a failure brings them back.
                rebuild = self._drop_indexes(entity.name) \
                    if was_empty and len(inserts) >= DEFER_INDEXES_FROM else []
                if any(f.kind == "refs" for f in entity.fields) and "code" in entity.by_name:
                    # the new ids, needed for the links, found by code after one insert
                    coded = [(row["code"], self._pop_links(entity, row)) for row in inserts]
                    self._bulk_insert(entity.name, inserts)
                    new_ids = self._ids_for(entity.name) if coded else {}
                    self._insert_links([(new_ids[code], link) for code, link in coded])
                elif any(f.kind == "refs" for f in entity.fields):
                    for row in inserts:  # each new id is needed for its links
                        links = self._pop_links(entity, row)
                        cur = self._conn.execute(
                            f"INSERT INTO {entity.name} ({', '.join(row)}) "
                            f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
                        self._write_links(inserted_id(cur), links)
                else:
                    self._bulk_insert(entity.name, inserts)
                for sql in rebuild:
                    self._conn.execute(sql)
                for row, record_id, links in updates:
                    if row:
                        sets = ", ".join(f"{c} = ?" for c in row)
                        self._conn.execute(f"UPDATE {entity.name} SET {sets} WHERE id = ?",
                                           [*row.values(), record_id])
                    self._write_links(record_id, links)
                if inserts or updates:
                    change.touch(entity.name)
                if name in ids and inserts:
                    ids[name] = self._ids_for(name)
            if step is not None:
                step(len(_IMPORT_ORDER), len(_IMPORT_ORDER) + 1)
            summary = {name: {"thêm": c.added, "sửa": c.updated, "không đổi": c.unchanged}
                       for name, c in counts.items()}
            # the summary row first, written whole (a chained row is never updated),
            # then the rows it groups
            batch_id = self._audit("import", None, None, None, None, summary)
            self._audit_many(trail, batch_id)
            self._last_import_batch = batch_id  # what Sửa → Hoàn tác undoes (import_undo)
            if submission is not None:
                counts["submissions"] = self._store.submissions._record_import_submission(
                    submission, summary, batch_id)
                change.touch("submissions")
        return counts

    def _with_defaults(self, entity: Entity, record: dict[str, Any],
                       present: set[str]) -> dict[str, Any]:
        full = dict(record)
        for name, default in _entity_plan(entity)[2]:
            if name not in present or name not in full:
                full[name] = default
        if entity.name == "units" and full.get("in_scope_ct1") is None:
            full["in_scope_ct1"] = domain.default_in_scope(full.get("kind"))
        return full

    def _drop_indexes(self, table: str) -> list[str]:
        """Drop the indexes of `table` made by CREATE INDEX (not those of its UNIQUE
        constraints, which the inserts need); returns the statements that make them."""
        found = self._rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                           "AND tbl_name = ? AND sql IS NOT NULL", (table,))
        for row in found:
            self._conn.execute(f'DROP INDEX "{row[0]}"')
        return [row[1] for row in found]

    def _bulk_insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        self._conn.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(map(r.get, cols)) for r in rows])
