"""The SQL aggregates behind the indicators (spec/indicators.md) and the yearly close.
indicators.py turns these counts into figures; nothing here knows about targets or
percentages."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from .core import StoreError
from .part import Part

ROLES = ("HĐND", "UBND")


def _active(alias: str) -> str:
    """'Active on d': both ends inclusive, an empty end is open."""
    return (f"({alias}.from_date IS NULL OR {alias}.from_date <= :d) "
            f"AND ({alias}.to_date IS NULL OR {alias}.to_date >= :d)")


# Units (active on d) that have at least one female key leader on d.
_FEMALE_LEADER_UNITS = f"""
    SELECT DISTINCT p.unit_id FROM posts p JOIN cadres c ON c.id = p.cadre_id
    WHERE c.gender = 'Nữ' AND p.level IN ('Cấp trưởng', 'Cấp phó')
      AND {_active('p')} AND {_active('c')}
"""

# Distinct cadres active on d with at least one pool entry active on d: the pool's
# entries first (the index planning_cadre_active holds what is needed, in cadre order),
# then each cadre by id (a province: 10,000 entries instead of 50,000 cadres looked at).
_POOL = f"""
    SELECT c.id, c.gender
    FROM (SELECT DISTINCT pl.cadre_id FROM planning pl WHERE {_active('pl')}) q
    JOIN cadres c ON c.id = q.cadre_id
    WHERE {_active('c')}
"""

# Cadres with a completed course that ended (or started, with no end) in [since, d].
_TRAINED = """
    SELECT DISTINCT e.cadre_id FROM enrolments e JOIN courses k ON k.id = e.course_id
    WHERE e.result = 'Hoàn thành'
      AND COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d
"""



def _trained(cadre: str) -> str:
    """Whether `cadre` is one of _TRAINED, looked up for that person alone (through
    enrolments_cadre): cheaper than the whole list when only the pool is asked about."""
    return f"""EXISTS (SELECT 1 FROM enrolments e JOIN courses k ON k.id = e.course_id
        WHERE e.cadre_id = {cadre} AND e.result = 'Hoàn thành'
          AND COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d)"""


# Units of S waived from CT1_adj on d: flagged special, no female key leader on d, and a
# female share on d that is defined and below 30 % (women * 10 < staff * 3, exactly).
# Only the flagged units' cadres are counted: the flag is rare, the cadres many.
_WAIVED = f"""
    SELECT u.id, u.code, u.name, COUNT(c.id) AS staff,
           COALESCE(SUM(c.gender = 'Nữ'), 0) AS women
    FROM units u JOIN cadres c ON c.unit_id = u.id AND {_active('c')}
    WHERE u.special_sector = 1 AND u.in_scope_ct1 = 1 AND {_active('u')}
      AND u.id NOT IN (SELECT unit_id FROM fkl)
    GROUP BY u.id
    HAVING women * 10 < staff * 3
"""


class Figures(Part):
    """store.figures: the counts behind the indicators on a date, and the closed years."""

    def figures_generation(self) -> int | None:
        """The data generation: bumped by every write to the records the figures are
        computed from (schema v9's triggers, whoever writes). None where the file has
        none (an older file opened read-only, not brought up to date)."""
        try:
            row = self._conn.execute("SELECT n FROM data_generation").fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else row[0]

    def kept_figures(self, name: str, generation: int) -> Any:
        """What keep_figures kept under `name` for `generation`; None when nothing was,
        or it was for another generation."""
        row = self._one("SELECT value FROM kept_figures WHERE name = ? AND generation = ?",
                        (name, generation))
        return None if row is None else json.loads(row[0])

    def keep_figures(self, name: str, generation: int, value: Any) -> bool:
        """Keep `value` (JSON) under `name` for `generation`, read before computing it. A
        cache, not data: neither audited nor announced, and skipped (False) when the file
        cannot be written at once (read-only, locked by another program's write, or the
        data moved on meanwhile)."""
        if self.read_only or self._store._change is not None:
            return False
        conn = self._conn
        try:
            conn.execute("PRAGMA busy_timeout = 0")  # never wait for a cache
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    row = conn.execute("SELECT n FROM data_generation").fetchone()
                    kept = row is not None and row[0] == generation
                    if kept:
                        conn.execute("INSERT OR REPLACE INTO kept_figures (name, generation, "
                                     "value) VALUES (?, ?, ?)",
                                     (name, generation, json.dumps(value, ensure_ascii=False)))
                    conn.execute("COMMIT")
                    return kept
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            finally:
                conn.execute("PRAGMA busy_timeout = 3000")
        except sqlite3.Error:
            return False

    def ct1_counts(self, as_of: str) -> dict[str, Any]:
        """S (in scope), H (with a female key leader), the same two for the units marked
        HĐND or UBND (CT1 national), and `waived`: the units of S left out of CT1_adj on
        d, by code, with their staff and women. One statement: the female key leaders
        are found once."""
        row = self._first(f"""
            WITH fkl AS ({_FEMALE_LEADER_UNITS}), w AS ({_WAIVED})
            SELECT COALESCE(SUM(u.in_scope_ct1 = 1), 0) AS s,
                   COALESCE(SUM(u.in_scope_ct1 = 1
                                AND u.id IN (SELECT unit_id FROM fkl)), 0) AS h,
                   COALESCE(SUM(u.role IS NOT NULL), 0) AS national_s,
                   COALESCE(SUM(u.role IS NOT NULL
                                AND u.id IN (SELECT unit_id FROM fkl)), 0) AS national_h,
                   (SELECT json_group_array(json_object('id', id, 'code', code, 'name', name,
                                                        'staff', staff, 'women', women))
                    FROM (SELECT * FROM w ORDER BY code)) AS waived
            FROM units u WHERE (u.in_scope_ct1 = 1 OR u.role IS NOT NULL) AND {_active('u')}
        """, {"d": as_of})
        out = dict(row)
        out["waived"] = json.loads(out["waived"])
        return out

    def pool_counts(self, as_of: str, training_since: str) -> dict[str, int]:
        """P (pool), W (women in P), trained (women of W trained in the window)."""
        row = self._first(f"""
            WITH pool AS ({_POOL})
            SELECT COUNT(*) AS p,
                   COALESCE(SUM(gender = 'Nữ'), 0) AS w,
                   COALESCE(SUM(gender = 'Nữ' AND {_trained('pool.id')}), 0) AS trained
            FROM pool
        """, {"d": as_of, "since": training_since})
        return dict(row)

    def unit_counts(self, as_of: str) -> list[dict[str, Any]]:
        """Every unit active on d, by code: staff and women active on d, female key leader."""
        rows = self._rows(f"""
            WITH fkl AS ({_FEMALE_LEADER_UNITS}),
                 staff AS (SELECT c.unit_id, COUNT(*) AS staff,
                                  SUM(c.gender = 'Nữ') AS women
                           FROM cadres c WHERE {_active('c')} GROUP BY c.unit_id)
            SELECT u.id, u.code, u.name, u.kind, u.in_scope_ct1, u.special_sector,
                   u.special_reason, u.role,
                   COALESCE(s.staff, 0) AS staff, COALESCE(s.women, 0) AS women,
                   u.id IN (SELECT unit_id FROM fkl) AS has_female_key_leader
            FROM units u LEFT JOIN staff s ON s.unit_id = u.id
            WHERE {_active('u')}
            ORDER BY u.code
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def unit_on(self, unit_id: int, as_of: str) -> dict[str, int]:
        """One unit on d: its staff and women, and whether it has a female key leader
        (what the unit form needs to say whether the special-sector flag has an effect)."""
        row = self._first(f"""
            WITH fkl AS ({_FEMALE_LEADER_UNITS})
            SELECT (SELECT COUNT(*) FROM cadres c WHERE c.unit_id = :u AND {_active('c')})
                       AS staff,
                   (SELECT COUNT(*) FROM cadres c WHERE c.unit_id = :u AND c.gender = 'Nữ'
                    AND {_active('c')}) AS women,
                   :u IN (SELECT unit_id FROM fkl) AS has_female_key_leader
        """, {"d": as_of, "u": unit_id})
        return dict(row)

    def record_counts(self, as_of: str, training_since: str) -> dict[str, int]:
        """How many records stood behind the figures on d: what a yearly close keeps so
        that a later difference can be traced to the data."""
        row = self._first(f"""
            SELECT (SELECT COUNT(*) FROM units u WHERE {_active('u')}) AS units,
                   (SELECT COUNT(*) FROM cadres c WHERE {_active('c')}) AS cadres,
                   (SELECT COUNT(*) FROM posts p WHERE {_active('p')}) AS posts,
                   (SELECT COUNT(*) FROM planning pl WHERE {_active('pl')}) AS planning,
                   (SELECT COUNT(*) FROM courses k
                    WHERE COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d) AS courses,
                   (SELECT COUNT(*) FROM enrolments e JOIN courses k ON k.id = e.course_id
                    WHERE COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d)
                       AS enrolments
        """, {"d": as_of, "since": training_since})
        return dict(row)

    # -- yearly close (Chốt số liệu năm) ---------------------------------------------------

    def close_year(self, year: int, as_of: str, figures: dict[str, Any],
                   counts: dict[str, Any], described: dict[str, str] | None = None,
                   closed_by: str | None = None) -> None:
        """Freeze year `year`'s figures as reported. A closed year is never overwritten:
        it must be reopened first (reopen_year). `described`: the figures in words, for
        the audit trail (kept there when the year is reopened). `closed_by`: who closed
        it when that is not the person at this computer (the demo data's own close)."""
        with self._write() as change:
            if self._one("SELECT 1 FROM snapshots WHERE year = ?", (year,)):
                raise StoreError(f"Năm {year} đã được chốt số liệu; muốn chốt lại phải mở "
                                 "lại năm đó trước.", "closed")
            person, os_user = self._who()
            closed_by = closed_by or person or os_user
            self._conn.execute(
                "INSERT INTO snapshots (year, as_of, figures, saved_at, closed_by, counts) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (year, as_of, json.dumps(figures, ensure_ascii=False),
                 dt.datetime.now().isoformat(timespec="seconds"), closed_by,
                 json.dumps(counts, ensure_ascii=False)))
            self._audit("snapshot", "snapshots", year, str(year), None,
                        {"Ngày chốt số liệu": as_of, **(described or {})})
            change.touch("snapshots", year)

    def reopen_year(self, year: int, described: dict[str, str] | None = None) -> None:
        """Undo the close of `year`; what had been frozen is kept in the audit trail
        (`described`: its figures in words)."""
        with self._write() as change:
            row = self._one("SELECT * FROM snapshots WHERE year = ?", (year,))
            if row is None:
                raise StoreError(f"Năm {year} chưa được chốt số liệu.", "missing")
            self._conn.execute("DELETE FROM snapshots WHERE year = ?", (year,))
            self._audit("reopen", "snapshots", year, str(year),
                        {"Ngày chốt số liệu": row["as_of"], **(described or {}),
                         "Chốt lúc": row["saved_at"].replace("T", " "),
                         "Người chốt": row["closed_by"] or ""}, None)
            change.touch("snapshots", year)

    def snapshots(self) -> list[dict[str, Any]]:
        """Closed years, earliest first."""
        return [{"year": r["year"], "as_of": r["as_of"], "figures": json.loads(r["figures"]),
                 "saved_at": r["saved_at"], "closed_by": r["closed_by"] or "",
                 "counts": json.loads(r["counts"]) if r["counts"] else {}}
                for r in self._rows("SELECT * FROM snapshots ORDER BY year")]
