"""Reads for the printed summary sheet (lists behind the figures)."""

from __future__ import annotations

from typing import Any

from .figures import _POOL
from .part import Part


class Reports(Part):
    """store.reports: the lists behind the printed summary sheet."""

    def pool_training(self, as_of: str, training_since: str) -> dict[int, list[str]]:
        """Pool member id -> names of the courses that count for CT3 (completed, ended
        within [training_since, d]), in date order."""
        rows = self._rows(f"""
            WITH pool AS ({_POOL})
            SELECT e.cadre_id, k.name FROM enrolments e
            JOIN courses k ON k.id = e.course_id JOIN pool ON pool.id = e.cadre_id
            WHERE e.result = 'Hoàn thành'
              AND COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d
            ORDER BY COALESCE(k.to_date, k.from_date), k.sort_key
        """, {"d": as_of, "since": training_since})
        out: dict[int, list[str]] = {}
        for r in rows:
            out.setdefault(r["cadre_id"], []).append(r["name"])
        return out

    def training_by_kind(self, as_of: str, training_since: str) -> list[dict[str, Any]]:
        """Per kind of course ending (starting, when the end is empty) within [since,
        d]: courses, enrolments, of women, completions, of women."""
        rows = self._rows("""
            SELECT k.kind, COUNT(DISTINCT k.id) AS courses,
                   COUNT(e.id) AS participants,
                   COALESCE(SUM(c.gender = 'Nữ'), 0) AS women,
                   COALESCE(SUM(e.result = 'Hoàn thành'), 0) AS completed,
                   COALESCE(SUM(e.result = 'Hoàn thành' AND c.gender = 'Nữ'), 0)
                       AS completed_women
            FROM courses k
            LEFT JOIN enrolments e ON e.course_id = k.id
            LEFT JOIN cadres c ON c.id = e.cadre_id
            WHERE COALESCE(k.to_date, k.from_date) BETWEEN :since AND :d
            GROUP BY k.kind
        """, {"d": as_of, "since": training_since})
        return [dict(r) for r in rows]
