"""The plan's work of a year as it stands on a date d (spec/plan-work.md): which of the
year's activities are done on d, still to come (planned) or cancelled, and what the done
ones add up to, per task group of section III. Every report (the yearly PDF, the Excel
report, the preview, `report --json`) reads the year's work from here. No Qt, no SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import domain
from ..store import Store

DONE, PLANNED, CANCELLED = "done", "planned", "cancelled"


def last_day(item: dict[str, Any]) -> str:
    """An activity's last day (ISO): «Đến ngày», else «Từ ngày»."""
    return item.get("to_date") or item["from_date"]


def state_on(item: dict[str, Any], as_of: dt.date) -> str:
    """DONE when marked done (or unmarked) and over on or before d; CANCELLED when
    marked cancelled; else PLANNED (marked planned, or marked done but ending after d)."""
    state = item.get("state") or domain.DONE
    if state == domain.CANCELLED:
        return CANCELLED
    if state == domain.DONE and last_day(item) <= as_of.isoformat():
        return DONE
    return PLANNED


FOLLOW_UP = ("follow_up", "follow_up_date")


def follow_up_history(store: Store, item: dict[str, Any]) -> list[tuple[Any, Any]]:
    """The inspection's earlier follow-ups (status, date), newest first, read back from
    the audit trail: each edit keeps the values it replaced. The walk stops at the
    record's creation, and where an entry does not lead to the state after it (a
    restored backup): an earlier state is never guessed."""
    state = {k: item.get(k) for k in FOLLOW_UP}
    out = []
    for entry in store.audit.entries(table="activities", record_id=item["id"]):
        before, after = entry["before"] or {}, entry["after"] or {}
        if entry["action"] != "edit" or any(after[k] != state[k] for k in FOLLOW_UP
                                            if k in after):
            break
        if not any(k in before for k in FOLLOW_UP):
            continue
        state = {**state, **{k: before[k] for k in FOLLOW_UP if k in before}}
        out.append((state["follow_up"], state["follow_up_date"]))
    return out


def follow_up_on(item: dict[str, Any], as_of: dt.date,
                 earlier: list[tuple[Any, Any]] | None = None) -> str | None:
    """An inspection's follow-up as known on d: a status dated after d is not known yet;
    the one before it (`earlier`, follow_up_history) is reported, or «Chưa khắc phục»
    when none was known on d. An undated status counts as known."""
    if not item.get("follow_up"):
        return None
    for status, dated in [(item["follow_up"], item.get("follow_up_date")), *(earlier or [])]:
        if not status:  # nothing was recorded before the later status
            break
        if not dated or dated <= as_of.isoformat():
            return status
    return domain.NOT_FIXED


@dataclass
class GroupWork:
    """One task group's activities done on d and their sums (an empty number counts 0)."""

    code: str
    title: str
    items: list[dict[str, Any]] = field(default_factory=list)  # done on d, date order
    planned: list[dict[str, Any]] = field(default_factory=list)
    participants: int = 0
    women: int = 0
    cost: int = 0

    @property
    def done(self) -> int:
        return len(self.items)

    def add(self, item: dict[str, Any]) -> None:
        self.items.append(item)
        self.participants += item.get("participants") or 0
        self.women += item.get("participants_women") or 0
        self.cost += item.get("cost") or 0

    def as_json(self) -> dict[str, int]:
        return {"done": self.done, "participants": self.participants, "women": self.women,
                "cost": self.cost}


@dataclass
class YearWork:
    year: int
    as_of: dt.date
    groups: list[GroupWork]  # the five task groups, III.1 to III.5, also when empty
    planned: list[dict[str, Any]]  # planned on d, date order («dự kiến»)
    cancelled: list[dict[str, Any]]

    @property
    def done(self) -> list[dict[str, Any]]:
        return [item for g in self.groups for item in g.items]

    def total(self, name: str) -> int:
        return sum(getattr(g, name) for g in self.groups)

    def group(self, code: str) -> GroupWork:
        return next(g for g in self.groups if g.code == code)

    def as_json(self) -> dict[str, Any]:
        """`work` of `report --json` (spec/cli.md)."""
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "activities": {"done": len(self.done), "planned": len(self.planned),
                           "cancelled": len(self.cancelled),
                           "participants": self.total("participants"),
                           "women": self.total("women"), "cost": self.total("cost")},
            "by_group": {g.code: g.as_json() for g in self.groups},
        }


def summary(store: Store, as_of: dt.date, year: int | None = None) -> dict[str, Any]:
    """YearWork.as_json() of compute(store, as_of), counted in SQL without reading the
    rows (`work` of `report --json`, which a province-sized file must not slow down).
    `year`: an earlier year's activities, as they stand on d (the period report)."""
    year = year or as_of.year
    by_group = {code: {"done": 0, "participants": 0, "women": 0, "cost": 0}
                for code in domain.TASK_GROUPS}
    counts = {"done": 0, "planned": 0, "cancelled": 0, "participants": 0, "women": 0,
              "cost": 0}
    for row in store.plan.work_sums(year, as_of.isoformat()):
        group = by_group.get(row["task_group"])
        if group is None:  # not one of the plan's groups: counted nowhere, as compute()
            continue
        for key in group:
            group[key] = row[key]
        for key in counts:
            counts[key] += row[key]
    return {"year": year, "as_of": as_of.isoformat(), "activities": counts,
            "by_group": by_group}


def compute(store: Store, as_of: dt.date) -> YearWork:
    """The work of the year of d, as of d. An activity of another tool's task group
    (not one of the plan's five) is counted in no group, nor in the totals."""
    year = as_of.year
    groups = {code: GroupWork(code, title) for code, title in domain.TASK_GROUPS.items()}
    planned, cancelled = [], []
    for item in store.plan.activities_of_year(year):
        group = groups.get(item["task_group"])
        if group is None:
            continue
        state = state_on(item, as_of)
        if state == DONE:
            later = item["follow_up"] and (item["follow_up_date"] or "") > as_of.isoformat()
            # dated after d: what was known then (the trail is read for these only)
            known = follow_up_on(item, as_of,
                                 follow_up_history(store, item) if later else None)
            group.add(item if known == item["follow_up"] else {**item, "follow_up": known})
        elif state == PLANNED:
            group.planned.append(item)
            planned.append(item)
        else:
            cancelled.append(item)
    return YearWork(year, as_of, list(groups.values()), planned, cancelled)
