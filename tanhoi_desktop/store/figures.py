"""The SQL aggregates behind the indicators (spec/indicators.md). indicators.py turns
these counts into figures; nothing here knows about targets or percentages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


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

# Distinct cadres active on d with at least one pool entry active on d.
_POOL = f"""
    SELECT DISTINCT c.id, c.gender FROM cadres c JOIN planning pl ON pl.cadre_id = c.id
    WHERE {_active('c')} AND {_active('pl')}
"""

# Cadres with a completed course that ended (or started, with no end) in [since, d].
_TRAINED = """
    SELECT DISTINCT e.cadre_id FROM enrolments e JOIN courses k ON k.id = e.course_id
    WHERE e.result = 'Hoàn thành'
      AND COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d
"""


class FiguresMixin:
    def ct1_counts(self, as_of: str) -> dict[str, int]:
        """S (in scope), H (with a female key leader), waived (special, no such leader)."""
        row = self._one(f"""
            WITH fkl AS ({_FEMALE_LEADER_UNITS})
            SELECT COUNT(*) AS s,
                   COALESCE(SUM(u.id IN (SELECT unit_id FROM fkl)), 0) AS h,
                   COALESCE(SUM(u.special_sector = 1
                                AND u.id NOT IN (SELECT unit_id FROM fkl)), 0) AS waived
            FROM units u WHERE u.in_scope_ct1 = 1 AND {_active('u')}
        """, {"d": as_of})
        return dict(row)

    def pool_counts(self, as_of: str, training_since: str) -> dict[str, int]:
        """P (pool), W (women in P), trained (women of W trained in the window)."""
        row = self._one(f"""
            WITH pool AS ({_POOL}), trained AS ({_TRAINED})
            SELECT COUNT(*) AS p,
                   COALESCE(SUM(gender = 'Nữ'), 0) AS w,
                   COALESCE(SUM(gender = 'Nữ' AND id IN (SELECT cadre_id FROM trained)), 0)
                       AS trained
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
                   u.special_reason,
                   COALESCE(s.staff, 0) AS staff, COALESCE(s.women, 0) AS women,
                   u.id IN (SELECT unit_id FROM fkl) AS has_female_key_leader
            FROM units u LEFT JOIN staff s ON s.unit_id = u.id
            WHERE {_active('u')}
            ORDER BY u.code
        """, {"d": as_of})
        return [dict(r) for r in rows]

    # -- yearly snapshots (baseline for the milestones) -----------------------------------

    def save_snapshot(self, year: int, as_of: str, figures: dict[str, Any]) -> None:
        """Keep the year's figures (numerators and denominators) as reported."""
        with self._write() as change:
            self._conn.execute(
                "INSERT INTO snapshots (year, as_of, figures, saved_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(year) DO UPDATE SET as_of = excluded.as_of, "
                "figures = excluded.figures, saved_at = excluded.saved_at",
                (year, as_of, json.dumps(figures, ensure_ascii=False),
                 dt.datetime.now().isoformat(timespec="seconds")))
            self._audit("snapshot", "snapshots", year, str(year), None, figures)
            change.touch("snapshots", year)

    def snapshots(self) -> list[dict[str, Any]]:
        """Saved yearly snapshots, earliest first."""
        return [{"year": r["year"], "as_of": r["as_of"], "figures": json.loads(r["figures"])}
                for r in self._rows("SELECT * FROM snapshots ORDER BY year")]
