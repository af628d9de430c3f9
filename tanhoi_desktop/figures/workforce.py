"""The workforce by sex (Mục III.2.1 of the plan, «đánh giá thực trạng đội ngũ»): women,
men and the female share of the cadres active on a date, of the planning pool and of
the key leaders (spec/indicators.md), by category, age band, ethnicity, education,
political theory, state management and unit; and the year's appointments by sex.

No Qt, no SQL: counts from the rows that store/workforce.py reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import domain, vntext
from ..store import Store

UNKNOWN = "Không rõ"
BY_UNIT = "Theo đơn vị"
NONE = "Chưa có"
AGE_BANDS = ("Dưới 30 tuổi", "Từ 30 đến 39 tuổi", "Từ 40 đến 49 tuổi", "Từ 50 tuổi trở lên")
POPULATIONS = {
    "cadres": "Cán bộ, công chức, viên chức, người lao động đang công tác",
    "pool": "Cán bộ trong diện quy hoạch lãnh đạo, quản lý",
    "leaders": "Lãnh đạo chủ chốt (cấp trưởng, cấp phó)",
}


def age_on(birth: str | None, day: dt.date) -> int | None:
    """Age in whole years on `day`. A birth year alone gives the age reached in that
    year (day.year - year); no birth, None."""
    if not birth:
        return None
    if len(birth) == 4:
        return day.year - int(birth)
    born = dt.date.fromisoformat(birth)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(birth: str | None, day: dt.date) -> str:
    age = age_on(birth, day)
    if age is None:
        return UNKNOWN
    if age < 30:
        return AGE_BANDS[0]
    if age < 40:
        return AGE_BANDS[1]
    if age < 50:
        return AGE_BANDS[2]
    return AGE_BANDS[3]


@dataclass
class Count:
    women: int = 0
    men: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men

    @property
    def share(self) -> float | None:
        return self.women / self.total if self.total else None

    def add(self, gender: str) -> None:
        if gender == domain.FEMALE:
            self.women += 1
        else:
            self.men += 1


@dataclass
class Breakdown:
    """One characteristic: its values in a fixed order, each with its count."""

    title: str
    rows: dict[str, Count] = field(default_factory=dict)


@dataclass
class Population:
    key: str
    title: str
    total: Count
    breakdowns: list[Breakdown]  # category, age, ethnicity, education, LLCT, QLNN, unit


def _ordered(values: Iterable[str | None], order: tuple[str, ...], missing: str
             ) -> list[str]:
    """The known values in their vocabulary order, others by name, the empty last."""
    seen = {v or missing for v in values}
    known = [v for v in order if v in seen]
    others = sorted((v for v in seen if v not in order and v != missing),
                    key=vntext.text_sort_key)
    return known + others + ([missing] if missing in seen else [])


def _breakdown(title: str, people: list[dict[str, Any]], value, order: tuple[str, ...],
               missing: str, show_all: bool = False) -> Breakdown:
    values = [value(p) for p in people]
    labels = list(order) + [v for v in _ordered(values, order, missing) if v not in order] \
        if show_all else _ordered(values, order, missing)
    out = Breakdown(title, {label: Count() for label in labels})
    for person, v in zip(people, values, strict=True):
        out.rows[v or missing].add(person["gender"])
    return out


def _population(key: str, people: list[dict[str, Any]], day: dt.date) -> Population:
    # key leaders may appear once per unit they lead: people are counted once, units
    # once per unit
    distinct = list({p["id"]: p for p in people}.values())
    total = Count()
    for p in distinct:
        total.add(p["gender"])
    units: dict[int, tuple[str, str]] = {p["unit_id"]: (p["unit_sort"] or "", p["unit_name"])
                                         for p in people}
    unit_rows = Breakdown(BY_UNIT)
    for unit_id in sorted(units, key=lambda i: units[i]):
        unit_rows.rows.setdefault(units[unit_id][1], Count())
    for p in people:
        unit_rows.rows[p["unit_name"]].add(p["gender"])
    return Population(key, POPULATIONS[key], total, [
        _breakdown("Theo đối tượng", distinct, lambda p: p["category"], domain.CATEGORIES,
                   UNKNOWN),
        _breakdown("Theo độ tuổi", distinct, lambda p: age_band(p["birth"], day),
                   (*AGE_BANDS, UNKNOWN), UNKNOWN, show_all=True),
        _breakdown("Theo dân tộc", distinct, lambda p: p["ethnicity"],
                   (domain.ETHNICITY_DEFAULT,), UNKNOWN),
        _breakdown("Theo trình độ chuyên môn", distinct, lambda p: p["education"],
                   domain.EDUCATION, NONE),
        _breakdown("Theo trình độ lý luận chính trị", distinct,
                   lambda p: p["political_theory"], domain.POLITICAL_THEORY, NONE),
        _breakdown("Theo trình độ quản lý nhà nước", distinct,
                   lambda p: p["state_management"], domain.STATE_MANAGEMENT, NONE),
        unit_rows,
    ])


@dataclass
class Appointment:
    title: str
    level: str
    from_date: str
    full_name: str
    gender: str
    unit_name: str
    from_pool: bool


@dataclass
class Appointments:
    year: int
    items: list[Appointment]

    def count(self, level: str | None = None, from_pool: bool | None = None) -> Count:
        out = Count()
        for a in self.items:
            if (level is None or a.level == level) and \
                    (from_pool is None or a.from_pool == from_pool):
                out.add(a.gender)
        return out


@dataclass
class Workforce:
    as_of: dt.date
    populations: list[Population]
    appointments: Appointments

    def population(self, key: str) -> Population:
        return next(p for p in self.populations if p.key == key)


def appointments(store: Store, year: int, until: dt.date) -> Appointments:
    """The appointments of `year` made on or before `until` (spec/plan-work.md:
    nothing after d is reported)."""
    return Appointments(year, [
        Appointment(r["title"], r["level"], r["from_date"], r["full_name"], r["gender"],
                    r["unit_name"], bool(r["from_pool"]))
        for r in store.workforce.appointments(year, until=until.isoformat())])


def compute(store: Store, as_of: dt.date, year: int | None = None) -> Workforce:
    """The three populations on `as_of`, and the appointments of `year` (as_of's) made
    on or before `as_of`."""
    d = as_of.isoformat()
    return Workforce(as_of, [
        _population("cadres", store.workforce.cadres(d), as_of),
        _population("pool", store.workforce.pool(d), as_of),
        _population("leaders", store.workforce.key_leaders(d), as_of),
    ], appointments(store, year or as_of.year, as_of))
