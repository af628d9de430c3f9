"""The trajectory of the figures over the plan years (spec/indicators.md, Trajectory):
the value on 31/12 of each plan year up to the chosen date d and on d itself, the
baseline, the milestone of each year, the target, and the values as reported when a
year was closed. A plain data object, no Qt: the chart in the window and the period
report both draw from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from ..store import Store
from . import indicators
from .indicators import (
    ClosedYear,
    Figures,
    Indicator,
    PlanSettings,
    WaivedUnit,
    closed_years,
    milestone_value,
)
from .indicators import plan_settings as _plan_settings

KEYS = indicators.KEYS
CHART_KEYS = ("CT1_adj", "CT2", "CT3")  # CT1 is judged on CT1_adj: the chart shows three


@dataclass(frozen=True)
class Point:
    """One date of the trajectory: today's data on that day, and what was reported for
    it when the year was closed on that day."""

    day: dt.date
    indicator: Indicator
    reported: Indicator | None = None
    closed: ClosedYear | None = None
    waived: tuple[WaivedUnit, ...] = ()  # the units left out of CT1_adj on that day

    @property
    def value(self) -> Fraction | None:
        return self.indicator.ratio

    @property
    def differs(self) -> bool:
        """Today's data give another value for a closed day (a late correction); compared
        as values, as indicators.corrections does: 2/4 reported and 3/6 today is none."""
        return self.reported is not None and self.reported.ratio != self.indicator.ratio

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
    baseline_waived: tuple[WaivedUnit, ...] = ()  # left out of CT1_adj on the baseline day

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
        """m(year); after the target year the target itself (spec/indicators.md)."""
        found = dict(self.milestones).get(year)
        if found is None and self.milestones and year > self.milestones[-1][0]:
            return self.target
        return found


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
    return _plan_settings(store.settings.read())


def year_ends(plan: PlanSettings, as_of: dt.date) -> list[dt.date]:
    """31/12 of each plan year that ends before d."""
    return [day for day in (dt.date(y, 12, 31)
                            for y in range(plan.plan_start.year, plan.target_year + 1))
            if day < as_of]


def days(store: Store, as_of: dt.date) -> list[dt.date]:
    """Every date whose figures the trajectory needs, the day before the plan first."""
    plan = plan_settings(store)
    return [plan.baseline_date, *_points_days(plan, store, as_of)]


def _points_days(plan: PlanSettings, store: Store, as_of: dt.date) -> list[dt.date]:
    """The year ends before d, the closing days up to d, and d."""
    closing = {c.as_of for c in closed_years(store) if c.as_of <= as_of}
    return sorted({*year_ends(plan, as_of), *closing, as_of}
                  - ({plan.baseline_date} - {as_of}))


def build(store: Store, as_of: dt.date | None = None, *, current: Figures | None = None,
          at_base: Figures | None = None) -> Trajectory:
    """The trajectory up to `as_of` (default today): one computation per date (the day
    before the plan, each year end before d, a closing day that is not a year end, d).
    `current`: the figures on d when the caller has them (the indicator panel does);
    `at_base`: likewise those of the day before the plan (indicators.baseline_figures)."""
    as_of = as_of or dt.date.today()
    settings = store.settings.read()
    plan = _plan_settings(settings)
    closed = {c.as_of: c for c in closed_years(store) if c.as_of <= as_of}
    wanted = _points_days(plan, store, as_of)
    if at_base is None:  # the figures service passes the one it keeps
        at_base = indicators.baseline_figures(store)
    base = indicators.baseline_from(settings, at_base)
    figures: dict[dt.date, Figures] = {}
    for day in wanted:
        if current is not None and day == as_of and current.as_of == as_of:
            figures[day] = current
        else:
            figures[day] = indicators.compute(store, day, with_units=False, baseline=base)
    y0, target_year = plan.baseline_year, plan.target_year
    series = {}
    for key in KEYS:
        b = base[key]
        target = plan.targets[key]
        milestones = tuple((y, m) for y in range(y0 + 1, target_year + 1)
                           if (m := milestone_value(b, target, y, y0, target_year))
                           is not None)
        points = []
        for day in wanted:
            # judged against the milestone of its own year, from this baseline
            ind = dataclasses.replace(figures[day][key], milestone=milestone_value(
                b, target, day.year, y0, target_year))
            closing = closed.get(day)
            reported = None
            if closing is not None and key in closing.indicators:
                n, den = closing.indicators[key]
                reported = dataclasses.replace(ind, numerator=n, denominator=den)
            points.append(Point(day, ind, reported, closing, figures[day].waived))
        series[key] = Series(key, target, b, at_base[key], tuple(points), milestones,
                             at_base.waived)
    return Trajectory(as_of, plan, series)
