"""Reads for the window: paged, filtered, sorted lists, and the records behind each figure.

Sorting uses the stored `sort_key` columns (Vietnamese order, names by given name);
search uses the folded `search_text` columns, so both work in any SQLite tool too.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .errors import classify
from .figures import _FEMALE_LEADER_UNITS, _POOL, _TRAINED, _active
from .part import Part


@dataclass(frozen=True)
class View:
    source: str  # FROM ... JOINs
    columns: dict[str, str]  # output name -> SQL expression
    sort: dict[str, str] = field(default_factory=dict)  # column -> ORDER BY expression
    search: str | None = None  # folded text column searched with LIKE
    filters: dict[str, str] = field(default_factory=dict)  # filter name -> SQL condition
    # FROM for counting, when the joins only add columns (no filter or search uses them)
    count_source: str | None = None
    # conditions for counting where a filter reads better through another index
    count_filters: dict[str, str] = field(default_factory=dict)


def _plan_done(women: bool) -> str:
    return f"""(SELECT COUNT(*) FROM enrolments e JOIN courses k ON k.id = e.course_id
        JOIN cadres c ON c.id = e.cadre_id
        WHERE e.result = 'Hoàn thành' AND k.kind = t.kind
          AND (t.unit_id IS NULL OR c.unit_id = t.unit_id)
          {"AND c.gender = 'Nữ'" if women else ""}
          AND COALESCE(k.to_date, k.from_date) BETWEEN printf('%04d-01-01', t.year)
              AND min(:d, printf('%04d-12-31', t.year)))"""


_PLAN_DONE, _PLAN_DONE_WOMEN = _plan_done(False), _plan_done(True)
_IN_POOL = f"EXISTS (SELECT 1 FROM planning pl WHERE pl.cadre_id = t.id AND {_active('pl')})"

VIEWS: dict[str, View] = {
    "units": View(
        "units t",
        {"id": "t.id", "code": "t.code", "name": "t.name", "kind": "t.kind",
         "in_scope_ct1": "t.in_scope_ct1", "special_sector": "t.special_sector",
         "special_reason": "t.special_reason", "role": "t.role", "from_date": "t.from_date",
         "to_date": "t.to_date", "active": _active("t")},
        {"name": "t.sort_key", "code": "t.code", "kind": "t.kind", "role": "t.role"},
        "t.search_text",
        {"kind": "t.kind = :kind", "in_scope": "t.in_scope_ct1 = 1",
         "active": _active("t")},
    ),
    "cadres": View(
        "cadres t JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "code": "t.code", "full_name": "t.full_name", "gender": "t.gender",
         "birth": "t.birth", "unit_name": "u.name", "unit_code": "u.code",
         "category": "t.category", "position": "t.position", "education": "t.education",
         "from_date": "t.from_date", "to_date": "t.to_date", "in_pool": _IN_POOL,
         "active": _active("t")},
        {"full_name": "t.sort_key", "code": "t.code", "gender": "t.gender",
         "birth": "substr(t.birth, 1, 4), t.birth", "unit_name": "u.sort_key",
         "category": "t.category", "position": "t.position", "in_pool": _IN_POOL},
        "t.search_text",
        {"unit_id": "t.unit_id = :unit_id", "gender": "t.gender = :gender",
         "category": "t.category = :category", "women": "t.gender = 'Nữ'",
         "in_pool": _IN_POOL, "active": _active("t")},
    ),
    "planning": View(
        "planning t JOIN cadres c ON c.id = t.cadre_id LEFT JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "cadre_id": "c.id", "cadre_code": "c.code", "full_name": "c.full_name",
         "gender": "c.gender", "title": "t.title", "unit_name": "u.name",
         "period": "t.period", "decision_no": "t.decision_no", "from_date": "t.from_date",
         "to_date": "t.to_date", "btv": "t.btv",
         "active": f"{_active('t')} AND {_active('c')}"},
        {"full_name": "c.sort_key", "gender": "c.gender", "title": "t.title",
         "unit_name": "u.sort_key", "period": "t.period", "from_date": "t.from_date"},
        "c.search_text",
        {"unit_id": "t.unit_id = :unit_id", "gender": "c.gender = :gender",
         "women": "c.gender = 'Nữ'", "active": f"{_active('t')} AND {_active('c')}",
         "cadre_id": "t.cadre_id = :cadre_id"},
    ),
    "courses": View(
        "courses t",
        {"id": "t.id", "code": "t.code", "name": "t.name", "kind": "t.kind",
         "organizer": "t.organizer", "from_date": "t.from_date", "to_date": "t.to_date",
         "location": "t.location", "cost": "t.cost",
         "participants": "(SELECT COUNT(*) FROM enrolments e WHERE e.course_id = t.id)",
         "women": "(SELECT COUNT(*) FROM enrolments e JOIN cadres c ON c.id = e.cadre_id "
                  "WHERE e.course_id = t.id AND c.gender = 'Nữ')"},
        {"name": "t.sort_key", "code": "t.code", "kind": "t.kind",
         "from_date": "t.from_date", "to_date": "COALESCE(t.to_date, t.from_date)"},
        "t.search_text",
        {"kind": "t.kind = :kind"},
    ),
    "enrolments": View(
        "enrolments t JOIN cadres c ON c.id = t.cadre_id JOIN courses k ON k.id = t.course_id "
        "JOIN units u ON u.id = c.unit_id",
        {"id": "t.id", "cadre_id": "c.id", "cadre_code": "c.code", "full_name": "c.full_name",
         "gender": "c.gender", "unit_name": "u.name", "course_code": "k.code",
         "course_name": "k.name", "kind": "k.kind", "from_date": "k.from_date",
         "to_date": "k.to_date", "result": "t.result", "certificate_no": "t.certificate_no"},
        {"full_name": "c.sort_key", "gender": "c.gender", "unit_name": "u.sort_key",
         "result": "t.result", "course_name": "k.sort_key",
         "to_date": "COALESCE(k.to_date, k.from_date)"},
        "c.search_text",
        {"course_id": "t.course_id = :course_id", "cadre_id": "t.cadre_id = :cadre_id"},
    ),
    "activities": View(
        "activities t JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "code": "t.code", "title": "t.title", "kind": "t.kind",
         "task_group": "t.task_group", "from_date": "t.from_date", "to_date": "t.to_date",
         "unit_name": "u.name", "unit_code": "u.code", "participants": "t.participants",
         "participants_women": "t.participants_women", "cost": "t.cost",
         "funding": "t.funding", "follow_up": "t.follow_up", "state": "t.state",
         "planned": "t.state = 'Kế hoạch'", "cancelled": "t.state = 'Hủy'"},
        {"title": "t.sort_key", "code": "t.code", "kind": "t.kind",
         "task_group": "t.task_group", "from_date": "t.from_date",
         "to_date": "COALESCE(t.to_date, t.from_date)", "unit_name": "u.sort_key",
         "participants": "t.participants", "participants_women": "t.participants_women",
         "cost": "t.cost", "funding": "t.funding", "follow_up": "t.follow_up",
         "state": "t.state"},
        "t.search_text",
        # "+": the year is checked in the sort index rather than read through the date
        # index and sorted (measured 0,8 ms against 25 ms for 4,000 rows of a year)
        {"year": "+t.from_date BETWEEN :year || '-01-01' AND :year || '-12-31'",
         "kind": "t.kind = :kind", "task_group": "t.task_group = :task_group",
         "unit_id": "t.unit_id = :unit_id", "state": "t.state = :state"},
        "activities t",
        # counting and the totals read the year's range of the covering index
        {"year": "t.from_date BETWEEN :year || '-01-01' AND :year || '-12-31'"},
    ),
    "posts": View(
        "posts t JOIN cadres c ON c.id = t.cadre_id JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "cadre_id": "c.id", "full_name": "c.full_name", "gender": "c.gender",
         "unit_name": "u.name", "unit_code": "u.code", "title": "t.title",
         "level": "t.level", "decision_no": "t.decision_no", "from_date": "t.from_date",
         "to_date": "t.to_date", "btv": "t.btv",
         "active": f"{_active('t')} AND {_active('c')}"},
        {"full_name": "c.sort_key", "unit_name": "u.sort_key", "title": "t.title",
         "level": "t.level", "from_date": "t.from_date"},
        "c.search_text",
        {"cadre_id": "t.cadre_id = :cadre_id", "unit_id": "t.unit_id = :unit_id"},
    ),
    # the training plan, with what was done of each line on d: completed enrolments in
    # courses of its kind of its year up to d (of its unit's cadres when it names one)
    "training_plan": View(
        "training_plan t LEFT JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "year": "t.year", "kind": "t.kind", "unit_name": "u.name",
         "unit_code": "u.code", "planned": "t.planned", "planned_women": "t.planned_women",
         "planned_pool_women": "t.planned_pool_women", "estimate": "t.estimate",
         "note": "t.note", "done": _PLAN_DONE, "done_women": _PLAN_DONE_WOMEN},
        {"year": "t.year", "kind": "t.kind", "unit_name": "u.sort_key",
         "planned": "t.planned"},
        "lower(t.kind)",
        {"year": "t.year = :year"},
    ),
    "pool_reviews": View(
        "pool_reviews t",
        {"id": "t.id", "year": "t.year", "review_date": "t.review_date",
         "decision_no": "t.decision_no", "note": "t.note"},
        {"year": "t.year", "review_date": "t.review_date"},
    ),
    "unit_targets": View(
        "unit_targets t JOIN units u ON u.id = t.unit_id",
        {"id": "t.id", "unit_code": "u.code", "unit_name": "u.name", "year": "t.year",
         "female_key_leader": "t.female_key_leader",
         "pool_women_percent": "t.pool_women_percent",
         "women_to_train": "t.women_to_train", "note": "t.note"},
        {"unit_name": "u.sort_key", "year": "ifnull(t.year, 0)"},
        "u.search_text",
        {"unit_id": "t.unit_id = :unit_id"},
    ),
}


_JOINED = re.compile(r"JOIN \w+ (\w+) ON")  # the aliases a view's joins bring in
_ALIASES = re.compile(r"\b([a-z]+)\.")  # the aliases an expression reads


def _order(view: View, sort: str | None, descending: bool) -> str:
    order_expr = view.sort.get(sort or "", "t.id")
    direction = " DESC" if descending else ""
    return ", ".join([*(f"{part.strip()}{direction}" for part in order_expr.split(",")),
                      "t.id"])


class Browse(Part):
    """store.browse: the rows of a table as the window lists them, and the records
    behind each figure."""

    def _browse_sql(self, view_name: str, search: str | None,
                    filters: dict[str, Any] | None, counting: bool = False
                    ) -> tuple[str, dict[str, Any]]:
        view = VIEWS[view_name]
        conds, params = [], {}
        if search and view.search:
            for i, word in enumerate(search.split()):
                conds.append(f"{view.search} LIKE :s{i} ESCAPE '\\'")
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                params[f"s{i}"] = f"%{escaped}%"
        for name, value in (filters or {}).items():
            if value is None or value is False or name == "d":
                continue
            cond = view.count_filters.get(name, view.filters[name]) if counting else \
                view.filters[name]
            conds.append(cond)
            if ":" + name in cond:
                params[name] = value
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        source = view.count_source if counting and view.count_source else view.source
        return f"FROM {source}{where}", params

    def count(self, view_name: str, *, search: str | None = None,
                     filters: dict[str, Any] | None = None, as_of: str = "") -> int:
        """How many rows match; `search` must already be folded (vntext.fold)."""
        body, params = self._browse_sql(view_name, search, filters, counting=True)
        return self._first(f"SELECT COUNT(*) {body}", {**params, "d": as_of})[0]

    def sums(self, view_name: str, columns: tuple[str, ...], *,
                    search: str | None = None, filters: dict[str, Any] | None = None,
                    as_of: str = "") -> dict[str, int]:
        """How many rows match ("count") and the sum of each of `columns` over them, in
        one pass: the totals line under a table."""
        view = VIEWS[view_name]
        body, params = self._browse_sql(view_name, search, filters, counting=True)
        params = {**params, "d": as_of}
        sums = "".join(f", SUM({view.columns[c]})" for c in columns)
        try:  # SQLite's sums, in one row (20,000 activities: 3 ms instead of 40)
            row = self._conn.execute(f"SELECT COUNT(*){sums} {body}", params).fetchone()
            return {"count": row[0], **{name: value or 0
                                        for name, value in zip(columns, row[1:], strict=True)}}
        except sqlite3.OperationalError as exc:
            if "integer overflow" not in str(exc):
                raise classify(exc, self.path) from exc
        # past SQLite's integers (9.2 * 10^18: amounts an older version let in): summed
        # in Python's, row by row
        out = dict.fromkeys(("count", *columns), 0)
        values = ", ".join(view.columns[c] for c in columns) or "1"
        for row in self._rows(f"SELECT {values} {body}", params):
            out["count"] += 1
            for name, value in zip(columns, row, strict=False):
                out[name] += value or 0
        return out

    def page(self, view_name: str, *, search: str | None = None,
               filters: dict[str, Any] | None = None, sort: str | None = None,
               descending: bool = False, offset: int = 0, limit: int = 200,
               as_of: str = "") -> list[dict[str, Any]]:
        """One page of rows, sorted in Vietnamese order."""
        view = VIEWS[view_name]
        body, params = self._browse_sql(view_name, search, filters)
        cols = ", ".join(f"{expr} AS {name}" for name, expr in view.columns.items())
        rows = self._rows(f"SELECT {cols} {body} ORDER BY {_order(view, sort, descending)} "
                          f"LIMIT :limit OFFSET :offset",
                          {**params, "d": as_of, "limit": limit, "offset": offset})
        return [dict(r) for r in rows]

    def ids(self, view_name: str, *, search: str | None = None,
                   filters: dict[str, Any] | None = None, sort: str | None = None,
                   descending: bool = False, as_of: str = "") -> list[int]:
        """The ids of every matching row, in the order shown (the rows: rows).
        The joins only the columns need are left out when neither the order, the search
        nor a filter reads them (50,000 cadres: 35 ms instead of 155 ms)."""
        view = VIEWS[view_name]
        order = _order(view, sort, descending)
        body, params = self._browse_sql(view_name, search, filters)
        used = [order, *(view.filters[n] for n, v in (filters or {}).items()
                         if n in view.filters and v is not None and v is not False)]
        if search and view.search:
            used.append(view.search)
        joined = set(_JOINED.findall(view.source))
        if not any(alias in _ALIASES.findall(text) for text in used for alias in joined):
            source = view.source.split(" JOIN ")[0].split(" LEFT")[0]
            body = body.replace(f"FROM {view.source}", f"FROM {source}", 1)
        try:  # plain tuples: no sqlite3.Row made for each of 50,000 ids
            cursor = self._conn.cursor()
            cursor.row_factory = None
            return [record_id for (record_id,) in cursor.execute(
                f"SELECT t.id {body} ORDER BY {order}", {**params, "d": as_of})]
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc

    def reads_date(self, view_name: str, *, filters: dict[str, Any] | None = None,
                          sort: str | None = None) -> bool:
        """Whether the rows matched, or their order, depend on the date d (a date change
        must then search again; otherwise only the rows' date columns move)."""
        view = VIEWS[view_name]
        used = [view.sort.get(sort or "", ""),
                *(view.filters[n] for n, v in (filters or {}).items()
                  if n in view.filters and v is not None and v is not False)]
        return any(":d" in text for text in used)

    def rows(self, view_name: str, ids: list[int], *,
                    as_of: str = "") -> list[dict[str, Any]]:
        """The rows of `ids` (any order; an id no longer there is left out)."""
        if not ids:
            return []
        view = VIEWS[view_name]
        cols = ", ".join(f"{expr} AS {name}" for name, expr in view.columns.items())
        rows = self._rows(f"SELECT {cols} FROM {view.source} "
                          "WHERE t.id IN (SELECT value FROM json_each(:ids))",
                          {"ids": json.dumps(ids), "d": as_of})
        return [dict(r) for r in rows]

    # -- the records behind each figure (drill-down) --------------------------------------

    def units_without_female_leader(self, as_of: str) -> list[dict[str, Any]]:
        """Units of S with no female key leader on d (CT1's work to do)."""
        rows = self._rows(f"""
            WITH fkl AS ({_FEMALE_LEADER_UNITS})
            SELECT u.id, u.code, u.name, u.special_sector FROM units u
            WHERE u.in_scope_ct1 = 1 AND {_active('u')}
              AND u.id NOT IN (SELECT unit_id FROM fkl)
            ORDER BY u.sort_key
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def female_key_leaders(self, as_of: str) -> list[dict[str, Any]]:
        """Women holding an active key post on d, with unit and title."""
        rows = self._rows(f"""
            SELECT c.id AS cadre_id, c.full_name, u.id AS unit_id, u.name AS unit_name,
                   u.in_scope_ct1, p.title, p.level
            FROM posts p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id
            WHERE c.gender = 'Nữ' AND {_active('p')} AND {_active('c')} AND {_active('u')}
            ORDER BY u.sort_key, p.level, c.sort_key
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def pool_members(self, as_of: str, training_since: str) -> list[dict[str, Any]]:
        """Everyone in the planning pool on d: gender, unit, titles planned, trained."""
        rows = self._rows(f"""
            WITH pool AS ({_POOL}), trained AS ({_TRAINED})
            SELECT c.id, c.code, c.full_name, c.gender, u.name AS unit_name,
                   (SELECT group_concat(pl.title, '; ') FROM planning pl
                     WHERE pl.cadre_id = c.id AND {_active('pl')}) AS titles,
                   c.id IN (SELECT cadre_id FROM trained) AS trained
            FROM pool JOIN cadres c ON c.id = pool.id JOIN units u ON u.id = c.unit_id
            ORDER BY c.gender DESC, c.sort_key
        """, {"d": as_of, "since": training_since})
        return [dict(r) for r in rows]
