"""Reads behind the assessment of the workforce by sex (Mục III.2.1 of the plan: đánh giá
thực trạng đội ngũ): the people as of a date, and the year's appointments. workforce.py
(no SQL) counts them by category, age band, ethnicity, training and unit."""

from __future__ import annotations

from typing import Any

from .figures import _active
from .part import Part

_PERSON = """c.id, c.gender, c.birth, c.ethnicity, c.category, c.education,
             c.political_theory, c.state_management"""


class Workforce(Part):
    """store.workforce: the people behind the assessment of the workforce by sex."""

    def cadres(self, as_of: str) -> list[dict[str, Any]]:
        """Every cadre active on d, with the unit they work in."""
        rows = self._rows(f"""
            SELECT {_PERSON}, u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
                   u.sort_key AS unit_sort
            FROM cadres c JOIN units u ON u.id = c.unit_id
            WHERE {_active('c')}
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def pool(self, as_of: str) -> list[dict[str, Any]]:
        """The planning pool on d (spec/indicators.md, CT2's P): one row per cadre, with
        the unit they work in."""
        rows = self._rows(f"""
            SELECT {_PERSON}, u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
                   u.sort_key AS unit_sort
            FROM cadres c JOIN units u ON u.id = c.unit_id
            WHERE {_active('c')} AND EXISTS (
                SELECT 1 FROM planning pl WHERE pl.cadre_id = c.id AND {_active('pl')})
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def key_leaders(self, as_of: str) -> list[dict[str, Any]]:
        """Key leaders on d (spec/indicators.md): one row per cadre and unit of a post
        active on d (a cadre leading two units counts once in each)."""
        rows = self._rows(f"""
            SELECT DISTINCT {_PERSON}, u.id AS unit_id, u.code AS unit_code,
                   u.name AS unit_name, u.sort_key AS unit_sort
            FROM posts p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id
            WHERE p.level IN ('Cấp trưởng', 'Cấp phó') AND {_active('p')} AND {_active('c')}
        """, {"d": as_of})
        return [dict(r) for r in rows]

    def appointments(self, year: int, until: str | None = None) -> list[dict[str, Any]]:
        """Leadership posts that began in `year` (and on or before `until`, an ISO date,
        when given: the appointments known on a report's date), with whether the cadre
        was in the planning pool on the day before (an entry active that day)."""
        rows = self._rows("""
            SELECT p.id, p.title, p.level, p.from_date, c.full_name, c.gender,
                   u.name AS unit_name,
                   EXISTS (SELECT 1 FROM planning pl WHERE pl.cadre_id = p.cadre_id
                           AND (pl.from_date IS NULL OR pl.from_date <= date(p.from_date, '-1 day'))
                           AND (pl.to_date IS NULL OR pl.to_date >= date(p.from_date, '-1 day')))
                       AS from_pool
            FROM posts p JOIN cadres c ON c.id = p.cadre_id JOIN units u ON u.id = p.unit_id
            WHERE p.from_date BETWEEN :start AND :end
            ORDER BY p.from_date, c.sort_key
        """, {"start": f"{year:04d}-01-01",
              "end": min(f"{year:04d}-12-31", until or f"{year:04d}-12-31")})
        return [dict(r) for r in rows]
