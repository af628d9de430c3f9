"""The trajectory of the figures over the plan years (spec/indicators.md, Trajectory):
the value on 31/12 of each plan year up to the chosen date d and on d itself, the
baseline, the milestone of each year, the target, and the values as reported when a
year was closed. A plain data object, no Qt: the chart in the window and the period
report both draw from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from . import indicators
from .indicators import Figures, Indicator
from .store import Store

try:  # the plan API of indicators.py
    from .indicators import ClosedYear, PlanSettings, baseline, closed_years, milestone_value
    from .indicators import plan_settings as _plan_settings
except ImportError:  # pragma: no cover - until it lands
    from .plan_shim import (  # type: ignore[no-redef]
        ClosedYear,
        PlanSettings,
        baseline,
        closed_years,
        milestone_value,
    )
    from .plan_shim import plan_settings as _plan_settings

KEYS = ("CT1", "CT1_adj", "CT2", "CT3")
CHART_KEYS = ("CT1_adj", "CT2", "CT3")  # CT1 is judged on CT1_adj: the chart shows three


@dataclass(frozen=True)
class Point:
    """One date of the trajectory: today's data on that day, and what was reported for
    it when the year was closed on that day."""

    day: dt.date
    indicator: Indicator
    reported: Indicator | None = None
    closed: ClosedYear | None = None

    @property
    def value(self) -> Fraction | None:
        return self.indicator.ratio

    @property
    def differs(self) -> bool:
        """Today's data give another figure for a closed day (a late correction)."""
        return self.reported is not None and (
            (self.reported.numerator, self.reported.denominator)
            != (self.indicator.numerator, self.indicator.denominator))

    @property
    def shown(self) -> Indicator:
        """The figure that stands for this day: as reported where the year is closed."""
        return self.reported or self.indicator


@dataclass(frozen=True)
class Series:
    key: str
    target: Fraction
    baseline: Fraction | None  # the value milestones start from (typed or computed)
    baseline_computed: Indicator  # the figure computed on the day before the plan starts
    points: tuple[Point, ...]  # year ends before d, closing days, then d; by date
    milestones: tuple[tuple[int, Fraction], ...]  # (year, m(year)) for y0 < year <= T

    @property
    def baseline_typed(self) -> bool:
        """The baseline was typed in Cài đặt, not computed from the records."""
        return self.baseline is not None and self.baseline != self.baseline_computed.ratio

    @property
    def last(self) -> Point:
        return self.points[-1]

    @property
    def change(self) -> Fraction | None:
        """From the baseline to d, in fractions of one (0.1 = 10 percentage points)."""
        value = self.last.value
        return None if value is None or self.baseline is None else value - self.baseline

    def milestone(self, year: int) -> Fraction | None:
        return dict(self.milestones).get(year)


@dataclass(frozen=True)
class Trajectory:
    as_of: dt.date
    plan: PlanSettings
    series: dict[str, Series]

    def __getitem__(self, key: str) -> Series:
        return self.series[key]

    @property
    def baseline_day(self) -> dt.date:
        return self.plan.plan_start - dt.timedelta(days=1)

    @property
    def first_year(self) -> int:
        """y0, the baseline's year."""
        return self.baseline_day.year

    @property
    def target_year(self) -> int:
        return self.plan.target_year

    @property
    def start_year(self) -> int:
        return self.plan.plan_start.year


def plan_settings(store: Store) -> PlanSettings:
    return _plan_settings(store.settings())


def year_ends(plan: PlanSettings, as_of: dt.date) -> list[dt.date]:
    """31/12 of each plan year that ends before d."""
    return [day for day in (dt.date(y, 12, 31)
                            for y in range(plan.plan_start.year, plan.target_year + 1))
            if day < as_of]


def days(store: Store, as_of: dt.date) -> list[dt.date]:
    """Every date whose figures the trajectory needs: the baseline day, the year ends
    before d, closing days up to d that are not year ends, and d."""
    plan = plan_settings(store)
    wanted = {plan.plan_start - dt.timedelta(days=1), *year_ends(plan, as_of), as_of}
    wanted |= {c.as_of for c in closed_years(store) if c.as_of <= as_of}
    return sorted(wanted)


Compute = Callable[[Store, dt.date], Figures]


def _bare(store: Store, day: dt.date) -> Figures:
    return indicators.compute(store, day, with_units=False)


def build(store: Store, as_of: dt.date | None = None, *, current: Figures | None = None,
          compute: Compute = _bare) -> Trajectory:
    """The trajectory up to `as_of` (default today). `current`: the figures on d when
    the caller has them already (the indicator panel does), saving one computation."""
    as_of = as_of or dt.date.today()
    plan = plan_settings(store)
    base_day = plan.plan_start - dt.timedelta(days=1)
    closed = {c.as_of: c for c in closed_years(store) if c.as_of <= as_of}
    wanted = sorted({*year_ends(plan, as_of), *closed, as_of} - {base_day})
    figures: dict[dt.date, Figures] = {}
    for day in [base_day, *wanted]:
        if current is not None and day == as_of and current.as_of == as_of:
            figures[day] = current
        else:
            figures[day] = compute(store, day)
    typed = baseline(store)
    y0, target_year = base_day.year, plan.target_year
    series = {}
    for key in KEYS:
        points = []
        for day in wanted:
            ind = figures[day][key]
            closing = closed.get(day)
            reported = None
            if closing is not None and key in closing.indicators:
                n, den = closing.indicators[key]
                reported = dataclasses.replace(ind, numerator=n, denominator=den)
            points.append(Point(day, ind, reported, closing))
        b = typed.get(key)
        target = plan.targets[key]
        milestones = tuple((y, m) for y in range(y0 + 1, target_year + 1)
                           if (m := milestone_value(b, target, y, y0, target_year))
                           is not None)
        series[key] = Series(key, target, b, figures[base_day][key], tuple(points),
                             milestones)
    return Trajectory(as_of, plan, series)
