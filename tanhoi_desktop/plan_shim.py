"""TEMPORARY stand-in for the plan API of indicators.py until it lands (to be removed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class PlanSettings:
    plan_start: dt.date
    target_year: int
    targets: dict[str, Fraction]
    training_since: dt.date


def plan_settings(settings: dict[str, str]) -> PlanSettings:
    start = settings.get("plan_start") or f"{settings.get('plan_start_year', '2026')}-01-01"
    t = {i: Fraction(settings[f"target_ct{i}"]) for i in (1, 2, 3)}
    return PlanSettings(dt.date.fromisoformat(start), int(settings["target_year"]),
                        {"CT1": t[1], "CT1_adj": t[1], "CT2": t[2], "CT3": t[3]},
                        dt.date.fromisoformat(settings["training_since"]))


def baseline(store) -> dict[str, Fraction | None]:
    from . import indicators

    plan = plan_settings(store.settings())
    f = indicators.compute(store, plan.plan_start - dt.timedelta(days=1), with_units=False)
    return {k: i.ratio for k, i in f.indicators.items()}


def milestone_value(b, target, year, y0, target_year):
    if b is None or year <= y0:
        return None
    if year >= target_year:
        return target
    return b + (target - b) * Fraction(year - y0, target_year - y0)


@dataclass(frozen=True)
class ClosedYear:
    year: int
    as_of: dt.date
    closed_at: str
    closed_by: str
    indicators: dict[str, tuple[int, int]]


def closed_years(store) -> list[ClosedYear]:
    out = []
    for s in store.snapshots():
        out.append(ClosedYear(s["year"], dt.date.fromisoformat(s["as_of"]), "", "",
                              {k: (v["numerator"], v["denominator"])
                               for k, v in s["figures"].items()}))
    return out
