"""The plan's work beyond the figures: activities per task group and the yearly budget
with what activities and courses spent rolled up into it (docs/exchange-activities.md).

Roll-up rules (one year, one unit, one funding source), as of a date d (the year's
last day unless a report asks for another, spec/plan-work.md):
- an activity counts in the year of its «Từ ngày», under its unit in charge and its
  funding source (a cost without a source counts under «Khác»), once it is done on d:
  marked done, its last day on or before d (planned and cancelled ones spent nothing);
- a course counts in the year it starts (or ends, when only that is known), once it has
  started on or before d; courses
  carry no unit or source, so its cost is shared between the units of the cadres
  enrolled, in proportion to their number (largest remainder, so the shares add up to
  the cost exactly), under «Ngân sách nhà nước» (training of cadres is paid from the
  regular state budget, plan section IV). A course with a cost and nobody enrolled is
  one line without a unit;
- «Thực hiện» typed in the budget is spending outside the recorded activities and
  courses; the total spent is the typed amount plus both roll-ups.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import domain
from ..domain import Invalid
from .part import Part

_OTHER_FUNDING = domain.FUNDING_SOURCES[-1]
_FUNDING_ORDER = {name: i for i, name in enumerate(domain.FUNDING_SOURCES)}


def _year_range(year: int) -> dict[str, str]:
    return {"y0": f"{int(year):04d}-01-01", "y1": f"{int(year):04d}-12-31"}


def _until(year: int, as_of: dt.date | None) -> str:
    """d for the year's spending: the given date, else the year's last day."""
    return as_of.isoformat() if as_of is not None else f"{int(year):04d}-12-31"


def share_by_weight(amount: int, weights: dict[Any, int]) -> dict[Any, int]:
    """`amount` split in proportion to `weights`, in whole đồng that add up to it."""
    total = sum(weights.values())
    if total <= 0:
        return {}
    shares = {k: amount * w // total for k, w in weights.items()}
    left = amount - sum(shares.values())
    by_remainder = sorted(weights, key=lambda k: (-(amount * weights[k] % total), str(k)))
    for k in by_remainder[:left]:
        shares[k] += 1
    return shares


def totals_by_source(table: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per funding source (and "Tổng cộng"): estimate and spent summed over the rows of a
    budget_table (a window that has read them already sums them here)."""
    totals: dict[str, dict[str, int]] = {
        name: {"estimate": 0, "spent": 0} for name in domain.FUNDING_SOURCES}
    for row in table:
        entry = totals.setdefault(row["funding"], {"estimate": 0, "spent": 0})
        entry["estimate"] += row["estimate"] or 0
        entry["spent"] += row["spent"]
    totals["Tổng cộng"] = {k: sum(t[k] for t in totals.values())
                           for k in ("estimate", "spent")}
    return totals


class Plan(Part):
    """store.plan: the year's activities and budget, with the spending rolled up."""
    # -- activities -------------------------------------------------------------------

    def activities_of_year(self, year: int) -> list[dict[str, Any]]:
        """The activities starting in `year`, in date order, with unit names and their
        state (figures/plan_work says which are done on a date)."""
        rows = self._rows("""
            SELECT a.id, a.code, a.kind, a.task_group, a.title, a.from_date, a.to_date,
                   a.state,
                   u.code AS unit_code, u.name AS unit_name, a.participants,
                   a.participants_women, a.cost, a.funding, a.findings, a.recommendations,
                   a.follow_up, a.follow_up_date, a.note
            FROM activities a JOIN units u ON u.id = a.unit_id
            WHERE a.from_date BETWEEN :y0 AND :y1
            ORDER BY a.from_date, a.sort_key, a.id
        """, _year_range(year))
        return [dict(r) for r in rows]

    def work_sums(self, year: int, as_of: str) -> list[dict[str, Any]]:
        """Per task group of the activities of `year`: how many are done on d (ISO),
        planned, cancelled, and the participants, women and cost of the done ones, by the
        rule of figures/plan_work, in one pass (report --json needs no rows)."""
        rows = self._rows("""
            SELECT task_group,
                   COALESCE(SUM(done), 0) AS done,
                   COALESCE(SUM(NOT done AND state <> :cancelled), 0) AS planned,
                   COALESCE(SUM(state = :cancelled), 0) AS cancelled,
                   COALESCE(SUM(CASE WHEN done THEN participants END), 0) AS participants,
                   COALESCE(SUM(CASE WHEN done THEN participants_women END), 0) AS women
            FROM (SELECT task_group, state, participants, participants_women,
                         state = :done AND COALESCE(to_date, from_date) <= :d AS done
                  FROM activities WHERE from_date BETWEEN :y0 AND :y1)
            GROUP BY task_group
        """, {**_year_range(year), "d": as_of, "done": domain.DONE,
              "cancelled": domain.CANCELLED})
        out = {r["task_group"]: {**dict(r), "cost": 0} for r in rows}
        # money summed in Python integers: SQLite's SUM overflows past 9.2 * 10^18
        for r in self._rows("""
                SELECT task_group, cost FROM activities
                 WHERE from_date BETWEEN :y0 AND :y1 AND cost > 0 AND state = :done
                   AND COALESCE(to_date, from_date) <= :d""",
                            {**_year_range(year), "d": as_of, "done": domain.DONE}):
            out[r["task_group"]]["cost"] += r["cost"]
        return list(out.values())

    def plan_years(self) -> list[int]:
        """Years that have activities, courses or budget lines, newest first."""
        rows = self._rows("""
            SELECT CAST(substr(from_date, 1, 4) AS INTEGER) FROM activities
             WHERE from_date IS NOT NULL
            UNION SELECT CAST(substr(COALESCE(from_date, to_date), 1, 4) AS INTEGER)
             FROM courses WHERE COALESCE(from_date, to_date) IS NOT NULL
            UNION SELECT year FROM budget
        """)
        return sorted({r[0] for r in rows if r[0]}, reverse=True)

    # -- budget ----------------------------------------------------------------------

    def _course_costs(self, year: int, as_of: dt.date | None = None
                      ) -> dict[tuple[int | None, str], int]:
        """(unit id or None, funding) -> the costs of the year's courses started on or
        before d, shared out by unit."""
        rows = self._rows("""
            SELECT k.id AS course_id, k.cost, c.unit_id, COUNT(e.id) AS enrolled
            FROM courses k
            LEFT JOIN enrolments e ON e.course_id = k.id
            LEFT JOIN cadres c ON c.id = e.cadre_id
            WHERE k.cost > 0 AND COALESCE(k.from_date, k.to_date) BETWEEN :y0 AND :d
            GROUP BY k.id, c.unit_id
        """, {**_year_range(year), "d": _until(year, as_of)})
        per_course: dict[int, tuple[int, dict[int | None, int]]] = {}
        for r in rows:
            cost, weights = per_course.setdefault(r["course_id"], (r["cost"], {}))
            if r["unit_id"] is not None:
                weights[r["unit_id"]] = r["enrolled"]
        out: dict[tuple[int | None, str], int] = {}
        for cost, weights in per_course.values():
            shares = share_by_weight(cost, weights) or {None: cost}
            for unit_id, amount in shares.items():
                key = (unit_id, domain.STATE_BUDGET)
                out[key] = out.get(key, 0) + amount
        return out

    def budget_table(self, year: int, as_of: dt.date | None = None) -> list[dict[str, Any]]:
        """One row per unit and funding source that has a budget line or spending in
        `year` up to d (`as_of`, default the year's last day; see the roll-up rules):
        unit_id, unit_code, unit_name (None for course costs without a unit),
        funding, budget_id (None when nothing was typed), estimate, spent_entered,
        spent_activities, spent_courses, spent (their sum), note. Amounts in đồng,
        integers. Sorted by unit (Vietnamese order), then the sources' order."""
        params = {**_year_range(year), "year": int(year), "d": _until(year, as_of),
                  "done": domain.DONE}
        rows: dict[tuple[int | None, str], dict[str, Any]] = {}

        def row_for(unit_id: int | None, funding: str) -> dict[str, Any]:
            return rows.setdefault((unit_id, funding), {
                "unit_id": unit_id, "funding": funding, "budget_id": None, "estimate": None,
                "spent_entered": None, "spent_activities": 0, "spent_courses": 0,
                "note": None})

        for r in self._rows("SELECT id, unit_id, funding, estimate, spent, note FROM budget "
                            "WHERE year = :year", params):
            row = row_for(r["unit_id"], r["funding"])
            row.update(budget_id=r["id"], estimate=r["estimate"], spent_entered=r["spent"],
                       note=r["note"])
        # summed here, in Python integers: SQLite's SUM overflows past 9.2 * 10^18
        for r in self._rows("""
                SELECT unit_id, COALESCE(funding, :other) AS funding, cost
                FROM activities WHERE cost > 0 AND from_date BETWEEN :y0 AND :y1
                 AND state = :done AND COALESCE(to_date, from_date) <= :d""",
                            {**params, "other": _OTHER_FUNDING}):
            row_for(r["unit_id"], r["funding"])["spent_activities"] += r["cost"]
        for (unit_id, funding), amount in self._course_costs(year, as_of).items():
            row_for(unit_id, funding)["spent_courses"] = amount
        units = {r["id"]: r for r in self._rows("SELECT id, code, name, sort_key FROM units")}
        out = []
        for row in rows.values():
            unit = units.get(row["unit_id"])
            row["unit_code"] = unit["code"] if unit else None
            row["unit_name"] = unit["name"] if unit else None
            row["spent"] = ((row["spent_entered"] or 0) + row["spent_activities"]
                            + row["spent_courses"])
            out.append(row)
        out.sort(key=lambda r: (units[r["unit_id"]]["sort_key"] if r["unit_id"] in units
                                else "\uffff", _FUNDING_ORDER.get(r["funding"], 99)))
        return out

    def budget_totals(self, year: int, as_of: dt.date | None = None
                      ) -> dict[str, dict[str, int]]:
        """Per funding source (and "Tổng cộng"): estimate and spent for the year (up to
        d, as budget_table)."""
        return totals_by_source(self.budget_table(year, as_of))

    def set_budget_amount(self, year: int, unit_code: str, funding: str, field: str,
                          raw: Any) -> int:
        """Type one amount (estimate or spent) of a budget line, adding the line when it
        does not exist yet. Raises domain.Invalid {field: message} for a bad amount."""
        if field not in ("estimate", "spent"):
            raise ValueError(field)
        existing = self._one("SELECT b.id FROM budget b JOIN units u ON u.id = b.unit_id "
                             "WHERE b.year = ? AND u.code = ? AND b.funding = ?",
                             (int(year), unit_code, funding))
        values = (self._store.records.get("budget", existing[0]) if existing else None) or \
            {"year": year, "unit_code": unit_code, "funding": funding}
        values = {k: v for k, v in values.items() if k != "id"}
        values[field] = raw
        try:
            return self._store.records.save("budget", values, existing[0] if existing else None)
        except Invalid as exc:
            raise Invalid({field: exc.problems.get(field) or "; ".join(
                exc.problems.values())}) from None
