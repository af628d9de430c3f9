"""The province's figures on its reporting date D (spec/province.md, «Figures»): sums of
the communes' numerators over sums of their denominators, never a mean of percentages;
targets, milestones and statuses as indicators.md says; each commune's figures as sent
and whether it sent on time. No Qt, no SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..figures import indicators
from ..figures.indicators import KEYS, NATIONAL, Indicator, milestone_value, parse_fraction
from . import form
from .store import ProvinceStore, Report

ON_TIME, LATE, MISSING = "đúng hạn", "muộn", "chưa gửi"


@dataclass(frozen=True)
class Sent:
    """One figure as a commune sent it."""

    key: str
    numerator: int
    denominator: int
    target: float | None
    milestone: float | None
    status: str

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"numerator": self.numerator, "denominator": self.denominator,
                               "value": self.value}
        if self.key != NATIONAL:
            out |= {"target": self.target, "milestone": self.milestone,
                    "status": self.status or None}
        return out


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    status: str  # ON_TIME, LATE or MISSING
    report: Report | None = None
    figures: dict[str, Sent] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        r = self.report
        return {"code": self.code, "name": self.name, "status": self.status,
                "exported_at": r.exported_at if r else None,
                "first_exported_at": r.first_exported_at if r else None,
                "year_closed": r.year_closed if r else None,
                "indicators": ({k: f.as_json() for k, f in self.figures.items()}
                               if r else None)}


@dataclass(frozen=True)
class ProvinceFigures:
    as_of: dt.date
    deadline: dt.date | None
    indicators: dict[str, Indicator]
    communes: list[Commune]
    waived: list[dict[str, Any]]  # unit rows marked «Không tính», with their commune
    baseline: dict[str, Fraction | None]
    target_year: int
    stray: list[Report] = field(default_factory=list)  # reports of communes off the list

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.communes)

    @property
    def received(self) -> list[Commune]:
        return [c for c in self.communes if c.report is not None]

    def as_json(self) -> dict[str, Any]:
        out = {k: ind.as_json() for k, ind in self.indicators.items()}
        out["CT1_adj"]["waived"] = [f"{w['commune_code']}/{w['code']}" for w in self.waived]
        for key in KEYS:
            b = self.baseline.get(key)
            out[key]["baseline"] = None if b is None else float(b)
        return {"as_of": self.as_of.isoformat(),
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "target_year": self.target_year,
                "indicators": out,
                "counts": {s: self.count(s) for s in (ON_TIME, LATE, MISSING)},
                "communes": [c.as_json() for c in self.communes]}


class NoDate(Exception):
    """The province file has no reporting date yet."""

    def __init__(self) -> None:
        super().__init__("Tệp tổng hợp tỉnh chưa có ngày số liệu (ngày báo cáo); hãy đặt "
                         "ngày trong cửa sổ tổng hợp, hoặc dùng «province add --as-of».")
        self.message = str(self)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def reporting_date(store: ProvinceStore) -> dt.date:
    day = _date(store.settings().get("as_of"))
    if day is None:
        raise NoDate()
    return day


def _targets(settings: dict[str, str]) -> dict[str, Fraction]:
    return {k: parse_fraction(settings.get(indicators.TARGET_SETTING[k])) or Fraction(0)
            for k in KEYS}


def baseline(store: ProvinceStore) -> tuple[dict[str, Fraction | None], dict[str, int]]:
    """(baseline, its year) per key: typed in the settings (the year before the plan
    starts), else the province's figures on its first reporting date."""
    s = store.settings()
    plan_start = _date(s.get("plan_start")) or dt.date(2026, 1, 1)
    dates = store.report_dates()
    first = store.figure_sums(dates[0]) if dates else {}
    values, years = {}, {}
    for key in KEYS:
        typed = parse_fraction(s.get(indicators.BASELINE_SETTING[key]))
        if typed is not None:
            values[key], years[key] = typed, plan_start.year - 1
        elif dates:
            n, d = first.get(key, (0, 0))
            values[key] = Fraction(n, d) if d else None
            years[key] = int(dates[0][:4])
        else:
            values[key], years[key] = None, plan_start.year - 1
    return values, years


def sums(store: ProvinceStore, as_of: dt.date, base=None) -> dict[str, Indicator]:
    """The province's indicators on `as_of`: Σ numerators / Σ denominators."""
    s = store.settings()
    targets = _targets(s)
    target_year = int(s.get("target_year") or 2030)
    values, years = base or baseline(store)
    totals = store.figure_sums(as_of.isoformat())
    out = {}
    for key in KEYS:
        n, d = totals.get(key, (0, 0))
        m = milestone_value(values[key], targets[key], as_of.year, years[key], target_year)
        out[key] = Indicator(key, n, d, targets[key], m)
    out[NATIONAL] = Indicator(NATIONAL, *totals.get(NATIONAL, (0, 0)), None)
    return out


def status_of(report: Report | None, deadline: dt.date | None) -> str:
    """On time when the commune's first export for the date was on or before the
    deadline (a correction sent later does not make it late)."""
    if report is None:
        return MISSING
    if deadline is None:
        return ON_TIME
    return ON_TIME if report.first_exported_at[:10] <= deadline.isoformat() else LATE


def compute(store: ProvinceStore, as_of: dt.date | None = None) -> ProvinceFigures:
    as_of = as_of or reporting_date(store)
    s = store.settings()
    deadline = _date(s.get("deadline"))
    base = baseline(store)
    reports = {r.commune_code: r for r in store.reports_on(as_of.isoformat())}
    sent = store.figures_on(as_of.isoformat())
    communes = []
    for c in store.communes():
        r = reports.get(c["code"])
        figures = {}
        if r is not None:
            rows = sent.get(r.id, {})
            figures = {k: Sent(k, rows[k]["numerator"], rows[k]["denominator"],
                               rows[k]["target"], rows[k]["milestone"], rows[k]["status"] or "")
                       for k in form.KEYS if k in rows}
        communes.append(Commune(c["code"], c["name"], status_of(r, deadline), r, figures))
    listed = {c.code for c in communes}
    return ProvinceFigures(
        as_of=as_of, deadline=deadline, indicators=sums(store, as_of, base),
        communes=communes, waived=store.waived_on(as_of.isoformat()), baseline=base[0],
        target_year=int(s.get("target_year") or 2030),
        stray=[r for code, r in reports.items() if code not in listed])


@dataclass(frozen=True)
class YearPoint:
    """The province's figures on the last reporting date of one year received."""

    year: int
    as_of: dt.date
    communes: int
    indicators: dict[str, Indicator]


def trajectory(store: ProvinceStore) -> list[YearPoint]:
    """One point per year received: its latest reporting date."""
    last: dict[int, str] = {}
    for day in store.report_dates():
        last[int(day[:4])] = day
    base = baseline(store)
    out = []
    for year, day in sorted(last.items()):
        as_of = dt.date.fromisoformat(day)
        out.append(YearPoint(year, as_of, len(store.reports_on(day)),
                             sums(store, as_of, base)))
    return out
