"""The plan's planning duties on a date d (plan III.2, V.4): the training plan against
what was done, what CT3 still lacks, the yearly review of the planning pool, the posts
under the Party committee's Standing Committee (BTV), and each unit's own targets.

Everything is counted as of d, like the rest of the report (plan-work.md); shares are
kept as numerator and denominator, never as averaged percentages."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..domain import format_date, format_percent
from ..store import Store
from . import indicators
from .submissions import parse_deadline

# Cài đặt: the day of the year (dd/mm) by which the pool's review should be recorded,
# and an optional target for the share of women in BTV posts (informational otherwise).
REVIEW_BY_SETTING = "pool_review_by"
REVIEW_BY_DEFAULT = "31/12"
BTV_TARGET_SETTING = "target_btv"


@dataclass(frozen=True)
class TrainingLine:
    kind: str
    unit_code: str | None
    unit_name: str | None
    planned: int
    planned_women: int | None
    planned_pool_women: int | None
    estimate: int | None
    done: int
    done_women: int
    done_pool_women: int


@dataclass(frozen=True)
class TrainingPlan:
    year: int
    lines: tuple[TrainingLine, ...]

    def total(self, name: str) -> int:
        return sum(getattr(line, name) or 0 for line in self.lines)


@dataclass(frozen=True)
class Untrained:
    code: str
    full_name: str
    unit_code: str | None
    unit_name: str | None
    titles: str | None


@dataclass(frozen=True)
class CT3Gap:
    """The women of the pool on d not trained yet, and how many more trainings CT3 needs
    to reach this year's milestone and the target (0 when already reached)."""

    women: int  # W, CT3's denominator
    trained: int  # CT3's numerator
    untrained: tuple[Untrained, ...]
    milestone: Fraction | None
    target: Fraction
    need_for_milestone: int | None
    need_for_target: int

    def steps(self, year: int) -> tuple[list[str], list[str]]:
        """(what more is needed: «3 người để đạt mục tiêu 90,0 %», what is reached
        already: «mốc năm 2026 (73,0 %)»), the milestone first, as both the report and
        the Đào tạo tab say them."""
        needs, reached = [], []
        if self.need_for_milestone is not None and self.milestone is not None:
            milestone = f"mốc năm {year} ({format_percent(float(self.milestone))})"
            if self.need_for_milestone:
                needs.append(f"{self.need_for_milestone} người để đạt {milestone}")
            else:
                reached.append(milestone)
        target = f"mục tiêu {format_percent(float(self.target))}"
        if self.need_for_target:
            needs.append(f"{self.need_for_target} người để đạt {target}")
        else:
            reached.append(target)
        return needs, reached


@dataclass(frozen=True)
class PoolReview:
    year: int
    review_date: str | None  # ISO, None when not recorded
    decision_no: str | None
    note: str | None
    added_women: int
    added_men: int
    ended_women: int
    ended_men: int
    before: tuple[int, int]  # women, pool on 31/12 of the year before
    after: tuple[int, int]  # women, pool on d
    due: dt.date  # the review is expected by this day (Cài đặt)

    def is_overdue(self, today: dt.date) -> bool:
        return self.review_date is None and today >= self.due


@dataclass(frozen=True)
class BTV:
    holders_women: int
    holders: int
    pool_women: int
    pool: int
    target: Fraction | None  # only when set in Cài đặt: then a status too

    def status(self) -> str | None:
        if self.target is None:
            return None
        if not self.holders:
            return indicators.NO_DATA
        return indicators.MET if Fraction(self.holders_women, self.holders) >= self.target \
            else indicators.NOT_MET


@dataclass(frozen=True)
class UnitProgress:
    code: str
    name: str
    target_year: int | None  # the year of the targets used; None: the period's
    target_female_key_leader: bool | None
    target_pool_women_percent: int | None
    target_women_to_train: int | None
    has_female_key_leader: bool
    pool_women: int
    pool: int
    women_trained: int  # this year for a year's targets, since the plan began for the period's

    @property
    def has_targets(self) -> bool:
        return any(v is not None for v in (self.target_female_key_leader,
                                           self.target_pool_women_percent,
                                           self.target_women_to_train))

    def targets_in_words(self, pool: str = "nữ trong quy hoạch", percent: str = " %"
                         ) -> list[str]:
        """The unit's targets, as the report's table (short: «nữ QH», a no-break space
        before %) and its workbook's cover say them."""
        wanted = []
        if self.target_female_key_leader:
            wanted.append("có nữ lãnh đạo chủ chốt")
        if self.target_pool_women_percent is not None:
            wanted.append(f"{pool} từ {self.target_pool_women_percent}{percent}")
        if self.target_women_to_train is not None:
            wanted.append(f"đào tạo {self.target_women_to_train} nữ")
        return wanted

    def behind(self) -> list[str]:
        """What the unit has not reached on d, in words (empty: on track or no target).
        A female key leader and the pool's share must hold on any day; the number of
        women to train is judged at the end of its year (the period's: by 2030)."""
        out = []
        if self.target_female_key_leader and not self.has_female_key_leader:
            out.append("chưa có nữ lãnh đạo chủ chốt")
        if self.target_pool_women_percent is not None and (
                not self.pool or self.pool_women * 100 < self.target_pool_women_percent
                * self.pool):
            out.append("tỷ lệ nữ trong quy hoạch thấp hơn chỉ tiêu")
        # a year's training is judged in its year; the period's only by its end
        if self.target_year is not None and self.target_women_to_train is not None and \
                self.women_trained < self.target_women_to_train:
            out.append(f"còn {self.target_women_to_train - self.women_trained} nữ cần "
                       "đào tạo")
        return out


@dataclass(frozen=True)
class Duties:
    as_of: dt.date
    training: TrainingPlan
    gap: CT3Gap
    review: PoolReview
    btv: BTV
    units: tuple[UnitProgress, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        """The keys `report --json` adds (docs/planning-duties.md)."""
        gap = self.gap
        return {
            "training_plan": {
                "year": self.training.year,
                "lines": [_flat(line) for line in self.training.lines],
                "planned": self.training.total("planned"),
                "planned_women": self.training.total("planned_women"),
                "done": self.training.total("done"),
                "done_women": self.training.total("done_women"),
            },
            "ct3_gap": {
                "women": gap.women, "trained": gap.trained,
                "untrained": [_flat(u) for u in gap.untrained],
                "milestone": None if gap.milestone is None else float(gap.milestone),
                "target": float(gap.target),
                "need_for_milestone": gap.need_for_milestone,
                "need_for_target": gap.need_for_target,
            },
            "pool_review": {
                "year": self.review.year, "review_date": self.review.review_date,
                "decision_no": self.review.decision_no,
                "added": {"Nữ": self.review.added_women, "Nam": self.review.added_men},
                "ended": {"Nữ": self.review.ended_women, "Nam": self.review.ended_men},
                "women_share_before": _share_json(*self.review.before),
                "women_share_after": _share_json(*self.review.after),
                "due": self.review.due.isoformat(),
            },
            "btv": {
                "holders": _share_json(self.btv.holders_women, self.btv.holders),
                "pool": _share_json(self.btv.pool_women, self.btv.pool),
                "target": None if self.btv.target is None else float(self.btv.target),
                "status": self.btv.status(),
            },
            "unit_targets": [{**_flat(u), "behind": u.behind()} for u in self.units
                             if u.has_targets],
        }


def _flat(record: TrainingLine | Untrained | UnitProgress) -> dict[str, Any]:
    """A record of plain fields as a dict in field order: what `dataclasses.asdict` gives
    for these, without its deep copy of each value (thousands of rows at a province)."""
    return dict(vars(record))


def _share_json(numerator: int, denominator: int) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator,
            "value": numerator / denominator if denominator else None}


def share_text(numerator: int, denominator: int) -> str:
    """«40,0 % (2/5)»; «—» when there is nothing to share."""
    value = numerator / denominator if denominator else None
    return f"{format_percent(value)} ({numerator}/{denominator})"


def need(goal: Fraction | None, trained: int, women: int) -> int | None:
    """How many more of the women must be trained for trained/women to reach goal."""
    if goal is None:
        return None
    return max(0, math.ceil(goal * women) - trained)


def review_due(settings: dict[str, str], year: int) -> dt.date:
    try:
        return parse_deadline(settings.get(REVIEW_BY_SETTING) or REVIEW_BY_DEFAULT, year)
    except ValueError:  # refused when saved; a file from elsewhere gets the default
        return parse_deadline(REVIEW_BY_DEFAULT, year)


def compute(store: Store, as_of: dt.date, figures: indicators.Figures | None = None
            ) -> Duties:
    """The planning duties as of d; `figures` (the indicators on d) when already made."""
    figures = figures or indicators.compute(store, as_of, with_units=False)
    settings = store.settings.read()
    d, year = as_of.isoformat(), as_of.year
    training = TrainingPlan(year, tuple(
        TrainingLine(r["kind"], r["unit_code"], r["unit_name"], r["planned"],
                     r["planned_women"], r["planned_pool_women"], r["estimate"], r["done"],
                     r["done_women"], r["done_pool_women"])
        for r in store.duties.training_plan_progress(year, d)))
    ct3 = figures["CT3"]
    assert ct3.target is not None  # (only CT1 quốc gia has no target)
    untrained = tuple(Untrained(r["code"], r["full_name"], r["unit_code"], r["unit_name"],
                                r["titles"])
                      for r in store.duties.untrained_pool_women(
                          d, figures.training_since.isoformat()))
    gap = CT3Gap(ct3.denominator, ct3.numerator, untrained, ct3.milestone, ct3.target,
                 need(ct3.milestone, ct3.numerator, ct3.denominator),
                 need(ct3.target, ct3.numerator, ct3.denominator) or 0)
    record = store.duties.pool_review(year) or {}
    if (record.get("review_date") or "") > d:  # a review after d is not yet done on d
        record = {}
    changes = store.duties.pool_changes(f"{year:04d}-01-01", d)
    before = store.figures.pool_counts(f"{year - 1:04d}-12-31", figures.training_since.isoformat())
    after = figures["CT2"]
    review = PoolReview(year, record.get("review_date"), record.get("decision_no"),
                        record.get("note"), changes["added_women"], changes["added_men"],
                        changes["ended_women"], changes["ended_men"],
                        (before["w"], before["p"]), (after.numerator, after.denominator),
                        review_due(settings, year))
    btv = btv_on(store, as_of, settings)
    units = tuple(UnitProgress(
        r["code"], r["name"], r["target_year"],
        None if r["target_female_key_leader"] is None else bool(r["target_female_key_leader"]),
        r["target_pool_women_percent"], r["target_women_to_train"],
        bool(r["has_female_key_leader"]), r["pool_women"], r["pool"], r["women_trained"])
        for r in store.duties.unit_progress(year, d, figures.plan.plan_start.isoformat()
                                            if figures.plan else f"{year:04d}-01-01"))
    return Duties(as_of, training, gap, review, btv, units)


def btv_on(store: Store, as_of: dt.date, settings: dict[str, str] | None = None) -> BTV:
    """The posts and pool titles under the Standing Committee on d (one statement)."""
    settings = settings if settings is not None else store.settings.read()
    b = store.duties.btv_counts(as_of.isoformat())
    return BTV(b["holders_women"], b["holders"], b["pool_women"], b["pool"],
               indicators.parse_fraction(settings.get(BTV_TARGET_SETTING)))


def untrained_count(figures: indicators.Figures) -> int:
    """How many women of the pool on d are not trained in CT3's window: CT3's
    denominator less its numerator (the length of `CT3Gap.untrained`, without listing
    them)."""
    ct3 = figures["CT3"]
    assert ct3.target is not None  # (only CT1 quốc gia has no target)
    return ct3.denominator - ct3.numerator


def review_sentence(review: PoolReview) -> str:
    """One line for the panel, the reminder and the report."""
    if review.review_date is None:
        return (f"Chưa ghi nhận rà soát quy hoạch năm {review.year} "
                f"(cần hoàn thành trước {format_date(review.due.isoformat())}).")
    decision = f", quyết định số {review.decision_no}" if review.decision_no else ""
    return (f"Đã rà soát quy hoạch năm {review.year} ngày "
            f"{format_date(review.review_date)}{decision}.")
