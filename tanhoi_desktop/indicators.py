"""CT1, CT1 adjusted, CT2, CT3 and the per-unit rows as of a date (spec/indicators.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .store import Store

SUGGEST_BELOW = Fraction(3, 10)  # "tỷ lệ nữ ... thấp dưới 30 %"

LABELS = {
    "CT1": "Đơn vị có lãnh đạo chủ chốt là nữ",
    "CT1_adj": "Không tính đơn vị ngành đặc thù chưa có nữ lãnh đạo chủ chốt",
    "CT2": "Nữ trong quy hoạch lãnh đạo, quản lý",
    "CT3": "Nữ trong quy hoạch đã được đào tạo, bồi dưỡng",
}
SHORT = {"CT1": "CT1", "CT1_adj": "CT1 điều chỉnh", "CT2": "CT2", "CT3": "CT3"}


def _fraction(text: str) -> Fraction:
    return Fraction(str(text).strip())


@dataclass(frozen=True)
class Indicator:
    key: str
    numerator: int
    denominator: int
    target: Fraction
    milestone: Fraction | None = None  # this year's step towards the target, if known

    @property
    def defined(self) -> bool:
        return self.denominator > 0

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def met(self) -> bool | None:
        """Exact comparison: 3/4 meets 0.75."""
        ratio = self.ratio
        return None if ratio is None else ratio >= self.target

    @property
    def status(self) -> str:
        """Đạt · Đúng tiến độ · Chậm tiến độ (with a milestone) · Chưa đạt · Chưa có dữ liệu."""
        if self.met is None:
            return "Chưa có dữ liệu"
        if self.met:
            return "Đạt"
        if self.milestone is None:
            return "Chưa đạt"
        return "Đúng tiến độ" if self.ratio >= self.milestone else "Chậm tiến độ"

    @property
    def label(self) -> str:
        return LABELS[self.key]

    def as_json(self) -> dict[str, Any]:
        return {"numerator": self.numerator, "denominator": self.denominator,
                "value": self.value, "target": float(self.target), "met": self.met,
                "milestone": None if self.milestone is None else float(self.milestone),
                "status": self.status}


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    in_scope_ct1: bool
    special_sector: bool
    special_reason: str | None
    staff: int
    women: int
    has_female_key_leader: bool

    @property
    def female_share(self) -> float | None:
        return self.women / self.staff if self.staff else None

    @property
    def suggest_special(self) -> bool:
        """Every active unit whose female share is defined and below 30 %."""
        return bool(self.staff) and Fraction(self.women, self.staff) < SUGGEST_BELOW

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind,
                "in_scope_ct1": self.in_scope_ct1, "special_sector": self.special_sector,
                "suggest_special": self.suggest_special, "staff": self.staff,
                "women": self.women, "female_share": self.female_share,
                "has_female_key_leader": self.has_female_key_leader}


@dataclass(frozen=True)
class Figures:
    as_of: dt.date
    training_since: dt.date
    indicators: dict[str, Indicator]
    units: list[UnitRow] = field(default_factory=list)

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "training_since": self.training_since.isoformat(),
            "indicators": {k: ind.as_json() for k, ind in self.indicators.items()},
            "units": [u.as_json() for u in self.units],
        }


def milestone(snapshot: dict[str, Any], key: str, target: Fraction, year: int,
              target_year: int) -> Fraction | None:
    """m(y) = b + (t - b)(y - y0)/(target_year - y0), from the earliest yearly snapshot."""
    saved = snapshot["figures"].get(key)
    if not saved or not saved.get("denominator"):
        return None
    b = Fraction(saved["numerator"], saved["denominator"])
    y0 = snapshot["year"]
    if target_year <= y0:
        return target
    return b + (target - b) * Fraction(year - y0, target_year - y0)


def snapshot_of(figures: Figures) -> dict[str, Any]:
    """What a yearly snapshot keeps: numerator and denominator of each figure."""
    return {k: {"numerator": i.numerator, "denominator": i.denominator}
            for k, i in figures.indicators.items()}


def save_yearly_snapshot(store: Store, figures: Figures) -> None:
    """Keep these figures as the year's reported ones (the first becomes the baseline)."""
    store.save_snapshot(figures.as_of.year, figures.as_of.isoformat(), snapshot_of(figures))


def compute(store: Store, as_of: dt.date | None = None, *, with_units: bool = True) -> Figures:
    """All figures as of `as_of` (default today), from three SQL aggregates."""
    as_of = as_of or dt.date.today()
    settings = store.settings()
    since = dt.date.fromisoformat(settings["training_since"])
    d = as_of.isoformat()
    ct1 = store.ct1_counts(d)
    pool = store.pool_counts(d, since.isoformat())
    t1, t2, t3 = (_fraction(settings[f"target_ct{i}"]) for i in (1, 2, 3))
    counts = {
        "CT1": (ct1["h"], ct1["s"], t1),
        "CT1_adj": (ct1["h"], ct1["s"] - ct1["waived"], t1),
        "CT2": (pool["w"], pool["p"], t2),
        "CT3": (pool["trained"], pool["w"], t3),
    }
    baseline = store.snapshots()[:1]
    target_year = int(settings["target_year"])
    indicators = {
        key: Indicator(key, n, den, t,
                       milestone(baseline[0], key, t, as_of.year, target_year)
                       if baseline else None)
        for key, (n, den, t) in counts.items()
    }
    units = []
    if with_units:
        for r in store.unit_counts(d):
            units.append(UnitRow(
                id=r["id"], code=r["code"], name=r["name"], kind=r["kind"],
                in_scope_ct1=bool(r["in_scope_ct1"]), special_sector=bool(r["special_sector"]),
                special_reason=r["special_reason"], staff=r["staff"], women=r["women"],
                has_female_key_leader=bool(r["has_female_key_leader"])))
    return Figures(as_of, since, indicators, units)
