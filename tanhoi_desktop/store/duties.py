"""The SQL behind the plan's planning duties (plan III.2, V.4): the training plan's
progress, the women of the pool not yet trained, the pool's changes in a year, the
posts and planning titles under the Party committee's Standing Committee (BTV), and
each unit's progress. figures/duties.py turns these counts into what reports say."""

from __future__ import annotations

from typing import Any

from .figures import _FEMALE_LEADER_UNITS, _POOL, _active, _trained
from .part import Part

# Completed enrolments in courses of the year that ended (or started, with no end) on or
# before d: the training done "in that year" as of d (plan-work.md).
_DONE_IN_YEAR = """
    SELECT e.cadre_id, k.kind, c.gender, c.unit_id,
           e.cadre_id IN (SELECT id FROM pool) AS in_pool
    FROM enrolments e JOIN courses k ON k.id = e.course_id JOIN cadres c ON c.id = e.cadre_id
    WHERE e.result = 'Hoàn thành'
      AND COALESCE(k.to_date, k.from_date) BETWEEN :start AND :d
"""


class Duties(Part):
    """store.duties: the plan's planning duties: training plan, pool, BTV, units."""

    def training_plan_progress(self, year: int, as_of: str) -> list[dict[str, Any]]:
        """Each line of the year's training plan with the completed enrolments of its
        kind in the year up to d (of its unit's cadres, when the line names a unit):
        done, of whom women, of whom women in the pool on d."""
        rows = self._rows(f"""
            WITH pool AS ({_POOL}), done AS ({_DONE_IN_YEAR})
            SELECT t.id, t.year, t.kind, u.code AS unit_code, u.name AS unit_name,
                   t.planned, t.planned_women, t.planned_pool_women, t.estimate,
                   (SELECT COUNT(*) FROM done x WHERE x.kind = t.kind
                      AND (t.unit_id IS NULL OR x.unit_id = t.unit_id)) AS done,
                   (SELECT COUNT(*) FROM done x WHERE x.kind = t.kind AND x.gender = 'Nữ'
                      AND (t.unit_id IS NULL OR x.unit_id = t.unit_id)) AS done_women,
                   (SELECT COUNT(*) FROM done x WHERE x.kind = t.kind AND x.gender = 'Nữ'
                      AND x.in_pool AND (t.unit_id IS NULL OR x.unit_id = t.unit_id))
                       AS done_pool_women
            FROM training_plan t LEFT JOIN units u ON u.id = t.unit_id
            WHERE t.year = :year
            ORDER BY t.kind, u.code
        """, {"year": year, "d": as_of, "start": f"{year:04d}-01-01"})
        return [dict(r) for r in rows]

    def untrained_pool_women(self, as_of: str, training_since: str) -> list[dict[str, Any]]:
        """The women in the pool on d not trained in CT3's window: who, in which unit,
        and the pool titles they hold on d (what CT3 still lacks)."""
        rows = self._rows(f"""
            WITH pool AS ({_POOL})
            SELECT c.id, c.code, c.full_name, u.code AS unit_code, u.name AS unit_name,
                   (SELECT group_concat(pl.title, '; ') FROM planning pl
                    WHERE pl.cadre_id = c.id AND {_active('pl')}) AS titles
            FROM pool JOIN cadres c ON c.id = pool.id LEFT JOIN units u ON u.id = c.unit_id
            WHERE pool.gender = 'Nữ' AND NOT {_trained('pool.id')}
            ORDER BY u.code, c.sort_key
        """, {"d": as_of, "since": training_since})
        return [dict(r) for r in rows]

    def pool_changes(self, start: str, end: str) -> dict[str, int]:
        """Pool entries added (their «Từ ngày») and ended (their «Đến ngày») between
        start and end, both inclusive, by the cadre's sex."""
        row = self._first("""
            SELECT COALESCE(SUM(pl.from_date BETWEEN :start AND :end AND c.gender = 'Nữ'), 0)
                       AS added_women,
                   COALESCE(SUM(pl.from_date BETWEEN :start AND :end AND c.gender = 'Nam'), 0)
                       AS added_men,
                   COALESCE(SUM(pl.to_date BETWEEN :start AND :end AND c.gender = 'Nữ'), 0)
                       AS ended_women,
                   COALESCE(SUM(pl.to_date BETWEEN :start AND :end AND c.gender = 'Nam'), 0)
                       AS ended_men
            FROM planning pl JOIN cadres c ON c.id = pl.cadre_id
        """, {"start": start, "end": end})
        return dict(row)

    def btv_counts(self, as_of: str) -> dict[str, int]:
        """On d: the cadres holding a post under the Standing Committee (and the women
        among them), and the pool entries for such titles (and the women's)."""
        row = self._first(f"""
            SELECT
              (SELECT COUNT(DISTINCT c.id) FROM posts p JOIN cadres c ON c.id = p.cadre_id
               WHERE p.btv = 1 AND {_active('p')} AND {_active('c')}) AS holders,
              (SELECT COUNT(DISTINCT c.id) FROM posts p JOIN cadres c ON c.id = p.cadre_id
               WHERE p.btv = 1 AND c.gender = 'Nữ' AND {_active('p')} AND {_active('c')})
                  AS holders_women,
              (SELECT COUNT(*) FROM planning pl JOIN cadres c ON c.id = pl.cadre_id
               WHERE pl.btv = 1 AND {_active('pl')} AND {_active('c')}) AS pool,
              (SELECT COUNT(*) FROM planning pl JOIN cadres c ON c.id = pl.cadre_id
               WHERE pl.btv = 1 AND c.gender = 'Nữ' AND {_active('pl')} AND {_active('c')})
                  AS pool_women
        """, {"d": as_of})
        return dict(row)

    def unit_progress(self, year: int, as_of: str, plan_start: str) -> list[dict[str, Any]]:
        """The units active on d that have targets, with their targets (the year's, else
        the period's) and their figures on d: a female key leader, the women among their
        pool entries (titles of the unit, else held by its cadres), the women of their
        staff who completed a course: this year for a year's target, since the plan's
        start for the period's. Counted once per unit (a province has thousands), and
        only for the units that have targets."""
        rows = self._rows(f"""
            WITH target AS (SELECT * FROM unit_targets t
                            WHERE t.year = :year OR (t.year IS NULL AND NOT EXISTS (
                                SELECT 1 FROM unit_targets y
                                WHERE y.unit_id = t.unit_id AND y.year = :year))),
                 fkl AS ({_FEMALE_LEADER_UNITS}),
                 pe AS (SELECT COALESCE(pl.unit_id, c.unit_id) AS unit_id, COUNT(*) AS pool,
                               SUM(c.gender = 'Nữ') AS pool_women
                        FROM planning pl JOIN cadres c ON c.id = pl.cadre_id
                        WHERE {_active('pl')} AND {_active('c')}
                          AND COALESCE(pl.unit_id, c.unit_id) IN (SELECT unit_id FROM target)
                        GROUP BY 1),
                 done AS (SELECT c.unit_id, e.cadre_id,
                                 COALESCE(k.to_date, k.from_date) AS day
                          FROM enrolments e JOIN courses k ON k.id = e.course_id
                          JOIN cadres c ON c.id = e.cadre_id
                          WHERE e.result = 'Hoàn thành' AND c.gender = 'Nữ'
                            AND c.unit_id IN (SELECT unit_id FROM target)
                            AND COALESCE(k.to_date, k.from_date) BETWEEN
                                min(:plan_start, :start) AND :d)
            SELECT u.id, u.code, u.name,
                   t.year AS target_year, t.female_key_leader AS target_female_key_leader,
                   t.pool_women_percent AS target_pool_women_percent,
                   t.women_to_train AS target_women_to_train,
                   u.id IN (SELECT unit_id FROM fkl) AS has_female_key_leader,
                   COALESCE(pe.pool, 0) AS pool, COALESCE(pe.pool_women, 0) AS pool_women,
                   (SELECT COUNT(DISTINCT x.cadre_id) FROM done x WHERE x.unit_id = u.id
                      AND x.day >= CASE WHEN t.year IS NULL THEN :plan_start ELSE :start END)
                       AS women_trained
            FROM target t JOIN units u ON u.id = t.unit_id
            LEFT JOIN pe ON pe.unit_id = u.id
            WHERE {_active('u')}
            ORDER BY u.code
        """, {"year": year, "d": as_of, "start": f"{year:04d}-01-01",
              "plan_start": plan_start})
        return [dict(r) for r in rows]

    def pool_review(self, year: int) -> dict[str, Any] | None:
        row = self._one("SELECT year, review_date, decision_no, note FROM pool_reviews "
                        "WHERE year = ?", (year,))
        return dict(row) if row else None

    def unit_reports(self, year: int) -> list[dict[str, Any]]:
        """The written reports units sent with their workbook for the year (the latest
        of each unit), for the commune's report to draw on."""
        rows = self._rows("""
            SELECT u.code, u.name, s.received_at, s.report_results, s.report_difficulties,
                   s.report_proposals
            FROM submissions s JOIN units u ON u.id = s.unit_id
            WHERE s.year = ? AND (s.report_results IS NOT NULL
                                  OR s.report_difficulties IS NOT NULL
                                  OR s.report_proposals IS NOT NULL)
              AND s.id = (SELECT MAX(id) FROM submissions z
                          WHERE z.unit_id = s.unit_id AND z.year = s.year)
            ORDER BY u.code
        """, (year,))
        return [dict(r) for r in rows]
