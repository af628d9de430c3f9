"""CT1, CT1 adjusted, CT1 national, CT2, CT3 and the per-unit rows as of a date; the
baseline, the milestones and the yearly close (spec/indicators.md). No Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..domain import format_percent, parse_share, setting_problems, settings_sentence
from ..store import Store, StoreError

SUGGEST_BELOW = Fraction(3, 10)  # "tỷ lệ nữ ... thấp dưới 30 %"

KEYS = ("CT1", "CT1_adj", "CT2", "CT3")  # the figures with a target and a status
NATIONAL = "CT1_national"  # for comparison with Bộ Nội vụ figures: no target, no status
# every figure, in the order the printed figures table and the province's sheet list them
ALL_KEYS = ("CT1", "CT1_adj", NATIONAL, "CT2", "CT3")

LABELS = {
    "CT1": "Đơn vị có lãnh đạo chủ chốt là nữ",
    "CT1_adj": "Không tính đơn vị ngành đặc thù có tỷ lệ nữ dưới 30 %, chưa có nữ lãnh đạo "
               "chủ chốt",
    "CT1_national": "HĐND, UBND xã có lãnh đạo chủ chốt là nữ (định nghĩa quốc gia)",
    "CT2": "Nữ trong quy hoạch lãnh đạo, quản lý",
    "CT3": "Nữ trong quy hoạch đã được đào tạo, bồi dưỡng",
}
SHORT = {"CT1": "CT1", "CT1_adj": "CT1 điều chỉnh", "CT1_national": "CT1 quốc gia",
         "CT2": "CT2", "CT3": "CT3"}
TARGET_SETTING = {"CT1": "target_ct1", "CT1_adj": "target_ct1", "CT2": "target_ct2",
                  "CT3": "target_ct3"}
BASELINE_SETTING = {k: f"baseline_{k.lower()}" for k in KEYS}

MET, ON_TRACK, BEHIND, NO_MILESTONE, NO_DATA, NOT_MET = (
    "Đạt", "Đúng tiến độ", "Chậm tiến độ", "Chưa có mốc", "Chưa có dữ liệu", "Chưa đạt")
STATUSES = (MET, ON_TRACK, BEHIND, NO_MILESTONE, NO_DATA, NOT_MET)


def parse_fraction(text: str | None) -> Fraction | None:
    """An exact fraction from a setting ("0.75", "3/4"); None when empty or unreadable."""
    try:
        return parse_share(text) if text and str(text).strip() else None
    except (ValueError, ZeroDivisionError):
        return None


# --- plan settings, baseline, milestones -------------------------------------------------

@dataclass(frozen=True)
class PlanSettings:
    plan_start: dt.date
    target_year: int
    targets: dict[str, Fraction]  # per key of KEYS
    training_since: dt.date

    @property
    def baseline_date(self) -> dt.date:
        """The day before the plan starts: the baseline is the figures on that day."""
        return self.plan_start - dt.timedelta(days=1)

    @property
    def baseline_year(self) -> int:
        return self.baseline_date.year


def _date_setting(text: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except (TypeError, ValueError):
        return default


_PLAN_KEYS = ("plan_start", "training_since", "target_year", "target_ct1", "target_ct2",
              "target_ct3", "baseline_ct1", "baseline_ct1_adj", "baseline_ct2", "baseline_ct3")


def plan_settings(settings: dict[str, str]) -> PlanSettings:
    """The settings the figures depend on, read once. An older file may still carry
    plan_start_year: its 1 January is the plan's start. A value the figures cannot use
    is a StoreError with one sentence (never a silent default nor a traceback)."""
    problems = setting_problems(settings, _PLAN_KEYS)
    if problems:
        raise StoreError(settings_sentence(problems), "settings")
    start_text = settings.get("plan_start")
    if not start_text and str(settings.get("plan_start_year", "")).strip().isdigit():
        start_text = f"{int(settings['plan_start_year']):04d}-01-01"
    try:
        target_year = int(settings.get("target_year", "2030"))
    except ValueError:
        target_year = 2030
    return PlanSettings(
        plan_start=_date_setting(start_text, dt.date(2026, 1, 1)),
        target_year=target_year,
        targets={k: parse_fraction(settings.get(TARGET_SETTING[k])) or Fraction(0)
                 for k in KEYS},
        training_since=_date_setting(settings.get("training_since"), dt.date(2021, 1, 1)),
    )


def milestone_value(b: Fraction | None, target: Fraction, year: int, y0: int,
                    target_year: int) -> Fraction | None:
    """m(y) = b + (t - b)(y - y0)/(T - y0) for y0 < y <= T, as the spec defines it and
    nowhere else. The target is a floor: a baseline at or above it asks every later year
    to stay at the target (not to fall towards it), and so does every year after T. No
    baseline, or a year up to y0, gives no milestone."""
    if b is None or year <= y0:
        return None
    if b >= target or year >= target_year:
        return target
    return b + (target - b) * Fraction(year - y0, target_year - y0)


# --- figures ------------------------------------------------------------------------

@dataclass(frozen=True)
class Indicator:
    key: str
    numerator: int
    denominator: int
    target: Fraction | None  # None for CT1_national, which has no target
    milestone: Fraction | None = None  # the milestone of the year of d, if there is one
    past_target_year: bool = False  # d lies after the target year: below it is «Chưa đạt»

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
        return None if ratio is None or self.target is None else ratio >= self.target

    @property
    def status(self) -> str:
        """One of STATUSES; empty for a figure without a target."""
        if self.target is None:
            return ""
        ratio = self.ratio
        if ratio is None:
            return NO_DATA
        if ratio >= self.target:
            return MET
        if self.milestone is None:
            return NO_MILESTONE
        if ratio >= self.milestone:
            return ON_TRACK
        return NOT_MET if self.past_target_year else BEHIND

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def counts(self) -> tuple[int, int]:
        return self.numerator, self.denominator

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"numerator": self.numerator, "denominator": self.denominator,
                               "value": self.value}
        if self.target is None:
            return out
        return out | {"target": float(self.target), "met": self.met,
                      "milestone": None if self.milestone is None else float(self.milestone),
                      "status": self.status}


@dataclass(frozen=True)
class WaivedUnit:
    """A unit left out of CT1_adj's denominator on d, and why: its female share."""
    code: str
    name: str
    staff: int
    women: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.women, self.staff)


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
    role: str | None = None

    @property
    def female_share(self) -> float | None:
        return self.women / self.staff if self.staff else None

    @property
    def suggest_special(self) -> bool:
        """Every active unit whose female share is defined and below 30 %."""
        return bool(self.staff) and Fraction(self.women, self.staff) < SUGGEST_BELOW

    @property
    def waived(self) -> bool:
        """Left out of CT1_adj on d: flagged, no female key leader, share below 30 %."""
        return (self.in_scope_ct1 and self.special_sector and not self.has_female_key_leader
                and self.suggest_special)

    @property
    def flag_without_effect(self) -> bool:
        """Flagged special, yet counted in CT1_adj on d (see spec: the flag alone
        proves nothing)."""
        return self.special_sector and self.in_scope_ct1 and not self.waived

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind,
                "in_scope_ct1": self.in_scope_ct1, "special_sector": self.special_sector,
                "role": self.role or None,
                "suggest_special": self.suggest_special, "staff": self.staff,
                "women": self.women, "female_share": self.female_share,
                "has_female_key_leader": self.has_female_key_leader}


def why_counted(u: UnitRow) -> str:
    """Why a unit flagged special still counts in CT1_adj on d."""
    if u.has_female_key_leader:
        return "đã có nữ lãnh đạo chủ chốt"
    if u.female_share is None:
        return "chưa có cán bộ nên chưa có tỷ lệ nữ"
    return f"tỷ lệ nữ {format_percent(u.female_share)}, không dưới 30 %"


def special_flag_hint(staff: int, women: int, has_female_key_leader: bool, in_scope: bool,
                      special: bool, day: dt.date) -> str:
    """What the special-sector flag of a unit does on `day`, for its form: the flag alone
    waives nothing (spec/indicators.md)."""
    on = f"Ngày {day:%d/%m/%Y}"
    share = format_percent(women / staff) if staff else None
    below = bool(staff) and Fraction(women, staff) < SUGGEST_BELOW
    if not special:
        if below and in_scope and not has_female_key_leader:
            return (f"{on}: tỷ lệ nữ {share} (dưới 30 %), chưa có nữ lãnh đạo chủ chốt; "
                    "nếu là ngành đặc thù, đơn vị sẽ không tính ở CT1 điều chỉnh.")
        return ""
    if not in_scope:
        return "Đơn vị không tính chỉ tiêu 1: đánh dấu ngành đặc thù không có tác dụng."
    if has_female_key_leader:
        return (f"{on}: đơn vị đã có nữ lãnh đạo chủ chốt nên vẫn được tính ở CT1 điều "
                "chỉnh; đánh dấu ngành đặc thù không có tác dụng vào ngày này.")
    if not staff:
        return (f"{on}: đơn vị chưa có cán bộ nên chưa có tỷ lệ nữ; đánh dấu ngành đặc thù "
                "không có tác dụng vào ngày này.")
    if not below:
        return (f"{on}: tỷ lệ nữ của đơn vị là {share}, không dưới 30 %: đánh dấu ngành đặc "
                "thù không có tác dụng vào ngày này, đơn vị vẫn được tính ở CT1 điều chỉnh.")
    return (f"{on}: tỷ lệ nữ {share} (dưới 30 %), chưa có nữ lãnh đạo chủ chốt: đơn vị "
            "không tính ở CT1 điều chỉnh.")


@dataclass(frozen=True)
class Figures:
    as_of: dt.date
    training_since: dt.date
    indicators: dict[str, Indicator]  # KEYS and CT1_national
    units: list[UnitRow] = field(default_factory=list)
    waived: tuple[WaivedUnit, ...] = ()
    plan: PlanSettings | None = None
    baseline: dict[str, Fraction | None] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Indicator:
        return self.indicators[key]

    @property
    def target_year(self) -> int:
        return self.plan.target_year if self.plan else 2030

    def as_json(self) -> dict[str, Any]:
        out = {k: ind.as_json() for k, ind in self.indicators.items()}
        out["CT1_adj"]["waived"] = [w.code for w in self.waived]
        for key in KEYS:
            b = self.baseline.get(key)
            out[key]["baseline"] = None if b is None else float(b)
        return {
            "as_of": self.as_of.isoformat(),
            "training_since": self.training_since.isoformat(),
            "plan_start": self.plan.plan_start.isoformat() if self.plan else None,
            "target_year": self.target_year,
            "indicators": out,
            "units": [u.as_json() for u in self.units],
        }


def _counts(store: Store, as_of: dt.date, plan: PlanSettings
            ) -> tuple[dict[str, tuple[int, int]], list[dict[str, Any]]]:
    """(numerator, denominator) of every figure on d, and the waived units' rows."""
    d = as_of.isoformat()
    ct1 = store.figures.ct1_counts(d)
    waived = ct1["waived"]
    pool = store.figures.pool_counts(d, plan.training_since.isoformat())
    return {
        "CT1": (ct1["h"], ct1["s"]),
        "CT1_adj": (ct1["h"], ct1["s"] - len(waived)),
        "CT1_national": (ct1["national_h"], ct1["national_s"]),
        "CT2": (pool["w"], pool["p"]),
        "CT3": (pool["trained"], pool["w"]),
    }, waived


def baseline_figures(store: Store, *, keep: bool = False) -> Figures:
    """The figures on the day before plan_start (no unit rows, no milestones): the
    computed baseline, and the trajectory's first point. Computed once per data
    generation (a counter every write to the records bumps): read from the file when
    kept there for the generation of now; `keep`: keep them there when computed (the
    command line, which has no figures service to keep them between its runs)."""
    generation = store.figures.figures_generation()  # read before the records it stands for
    plan = plan_settings(store.settings.read())
    day = plan.baseline_date
    name = f"baseline {day.isoformat()} {plan.training_since.isoformat()}"
    kept = store.figures.kept_figures(name, generation) if generation is not None else None
    if kept is not None:
        counts = {key: (n, den) for key, (n, den) in kept["counts"].items()}
        return _figures(store, day, False, {}, plan, (counts, kept["waived"]))
    counts, waived = _counts(store, day, plan)
    if keep and generation is not None:
        store.figures.keep_figures(name, generation, {"counts": counts, "waived": waived})
    return _figures(store, day, False, {}, plan, (counts, waived))


def baseline_from(settings: dict[str, str], at_base: Figures) -> dict[str, Fraction | None]:
    """Per key of KEYS: the baseline typed in Cài đặt, else the figure of `at_base` (the
    figures on the day before the plan, already computed)."""
    out = {}
    for key in KEYS:
        typed = parse_fraction(settings.get(BASELINE_SETTING[key]))
        out[key] = typed if typed is not None else at_base[key].ratio
    return out


def baseline(store: Store, *, keep: bool = False) -> dict[str, Fraction | None]:
    """Per key of KEYS: the baseline typed in Cài đặt, else the figure on the day before
    plan_start (computed only when one is not typed; `keep`: see baseline_figures)."""
    settings = store.settings.read()
    typed = {k: parse_fraction(settings.get(BASELINE_SETTING[k])) for k in KEYS}
    if all(v is not None for v in typed.values()):
        return typed
    return baseline_from(settings, baseline_figures(store, keep=keep))


_stored_baseline = baseline  # compute() has a parameter of that name


def computed_baseline(store: Store) -> dict[str, Fraction | None]:
    """The baseline from the dated records alone (what Cài đặt shows beside a typed one)."""
    computed = baseline_figures(store)
    return {k: computed[k].ratio for k in KEYS}


def compute(store: Store, as_of: dt.date | None = None, *, with_units: bool = True,
            baseline: dict[str, Fraction | None] | None = None) -> Figures:
    """All figures as of `as_of` (default today). The milestones need the baseline: pass
    one already computed (a chart over several dates, the figures service) or it is
    computed here, which costs one more computation."""
    return _figures(store, as_of or dt.date.today(), with_units, baseline)


def _figures(store: Store, as_of: dt.date, with_units: bool,
             baseline: dict[str, Fraction | None] | None, plan: PlanSettings | None = None,
             counted: tuple[dict[str, tuple[int, int]], list[dict[str, Any]]] | None = None
             ) -> Figures:
    """compute() itself; baseline_figures() comes here directly, so that it is not
    counted as one more computation by those who watch compute() (with its plan settings
    and its counts, when kept)."""
    plan = plan or plan_settings(store.settings.read())
    counts, waived_rows = counted or _counts(store, as_of, plan)
    base = baseline if baseline is not None else _stored_baseline(store)
    indicators = {}
    for key in KEYS:
        n, den = counts[key]
        target = plan.targets[key]
        m = milestone_value(base.get(key), target, as_of.year, plan.baseline_year,
                            plan.target_year)
        indicators[key] = Indicator(key, n, den, target, m,
                                    past_target_year=as_of.year > plan.target_year)
    indicators[NATIONAL] = Indicator(NATIONAL, *counts[NATIONAL], None)
    waived = tuple(WaivedUnit(r["code"], r["name"], r["staff"], r["women"])
                   for r in waived_rows)
    units = []
    if with_units:
        for r in store.figures.unit_counts(as_of.isoformat()):
            units.append(UnitRow(
                id=r["id"], code=r["code"], name=r["name"], kind=r["kind"],
                in_scope_ct1=bool(r["in_scope_ct1"]), special_sector=bool(r["special_sector"]),
                special_reason=r["special_reason"], staff=r["staff"], women=r["women"],
                has_female_key_leader=bool(r["has_female_key_leader"]), role=r["role"]))
    return Figures(as_of, plan.training_since, indicators, units, waived, plan, base)


# --- yearly close (Chốt số liệu năm) -----------------------------------------------------

@dataclass(frozen=True)
class ClosedYear:
    year: int
    as_of: dt.date
    closed_at: str  # ISO date and time of the close
    closed_by: str  # the person who entered it (Cài đặt), else the computer's account
    indicators: dict[str, tuple[int, int]]  # key -> (numerator, denominator) as reported
    counts: dict[str, Any] = field(default_factory=dict)  # records behind the figures
    waived: tuple[WaivedUnit, ...] = ()  # the units CT1_adj left out, as reported

    def ratio(self, key: str) -> Fraction | None:
        n, den = self.indicators.get(key, (0, 0))
        return Fraction(n, den) if den else None

    def as_json(self, today: Figures | None = None) -> dict[str, Any]:
        """`closed` of `report --json` (spec/cli.md): the figures as reported. With
        `today` (today's data for the closing day, not for d): also `today`, those
        figures, and `differs`, the figures that a late correction changed
        (indicators.md: both are shown, compared on the day that was reported)."""
        figures: dict[str, Any] = {}
        for key, (n, den) in self.indicators.items():
            figures[key] = {"numerator": n, "denominator": den,
                            "value": n / den if den else None}
        if "CT1_adj" in figures:
            figures["CT1_adj"]["waived"] = [w.code for w in self.waived]
        out = {"year": self.year, "as_of": self.as_of.isoformat(),
               "closed_at": self.closed_at, "closed_by": self.closed_by,
               "indicators": figures}
        if today is not None:
            out["today"] = {key: {"numerator": today[key].numerator,
                                  "denominator": today[key].denominator,
                                  "value": today[key].value}
                            for key in self.indicators if key in today.indicators}
            out["differs"] = [key for key in self.indicators
                              if key in corrections(self, today)]
        return out


def closed_years(store: Store) -> list[ClosedYear]:
    """The closed years, earliest first."""
    out = []
    for s in store.figures.snapshots():
        counts = dict(s["counts"])
        waived = tuple(WaivedUnit(w["code"], w["name"], w["staff"], w["women"])
                       for w in counts.pop("waived", ()))
        out.append(ClosedYear(
            year=s["year"], as_of=dt.date.fromisoformat(s["as_of"]),
            closed_at=s["saved_at"], closed_by=s["closed_by"],
            indicators={k: (int(v["numerator"]), int(v["denominator"]))
                        for k, v in s["figures"].items()},
            counts=counts, waived=waived))
    return out


def default_close_date(year: int, today: dt.date | None = None) -> dt.date:
    """31/12 of the year, or today while the year is still running."""
    today = today or dt.date.today()
    return min(dt.date(year, 12, 31), today) if today.year == year else dt.date(year, 12, 31)


def close_year(store: Store, year: int, as_of: dt.date,
               closed_by: str | None = None) -> ClosedYear:
    """Freeze the figures on `as_of` as year `year`'s reported ones. Refused (StoreError)
    when the year is already closed. `closed_by`: recorded instead of the person at this
    computer (only the demo data's own close)."""
    if as_of.year != year:
        raise ValueError(f"Ngày chốt {as_of:%d/%m/%Y} không thuộc năm {year}.")
    figures = compute(store, as_of, with_units=False)
    reported = {k: {"numerator": i.numerator, "denominator": i.denominator}
                for k, i in figures.indicators.items()}
    counts: dict[str, Any] = store.figures.record_counts(as_of.isoformat(),
                                                         figures.training_since.isoformat())
    counts["waived"] = [{"code": w.code, "name": w.name, "staff": w.staff, "women": w.women}
                        for w in figures.waived]
    store.figures.close_year(year, as_of.isoformat(), reported, counts,
                             described({k: i.counts for k, i in figures.indicators.items()}),
                             closed_by)
    return next(c for c in closed_years(store) if c.year == year)


def described(counts: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Figures in words for the audit trail: {"CT1 điều chỉnh": "33,3 % (1/3)"}."""
    return {SHORT.get(k, k): f"{format_percent(n / den if den else None)} ({n}/{den})"
            for k, (n, den) in counts.items()}


def reopen_year(store: Store, year: int) -> None:
    """Undo a close (the caller has asked for confirmation); kept in the audit trail."""
    closed = next((c for c in closed_years(store) if c.year == year), None)
    store.figures.reopen_year(year, described(closed.indicators) if closed else None)


def corrections(closed: ClosedYear, now: Figures) -> dict[str, tuple[tuple[int, int],
                                                                  tuple[int, int]]]:
    """Figures whose value today, for the closed date, differs from the one reported:
    key -> ((numerator, denominator) reported, (numerator, denominator) today).
    Compared as values: 2/4 reported and 3/6 today is no difference."""
    out = {}
    for key, reported in closed.indicators.items():
        if key not in now.indicators:
            continue
        today = now[key].counts
        if closed.ratio(key) != now[key].ratio:
            out[key] = (reported, today)
    return out
