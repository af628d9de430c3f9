"""The sections of a report that a person writes (spec/plan-work.md, «Texts a person
writes»): their headings, what is printed for them, and the opening sentence that cites
the commune's plan. An empty section prints its heading and dotted lines to write on by
hand, never an instruction."""

from __future__ import annotations

import datetime as dt

from ..store import Store
from ..store.report_texts import SECTIONS, period_report, year_report

ORDER = ("assessment", "difficulties", "directions", "proposals")
YEARLY_TITLES = {
    "assessment": "Đánh giá chung",
    "difficulties": "Khó khăn, hạn chế",
    "directions": "Phương hướng, nhiệm vụ thời gian tới",
    "proposals": "Kiến nghị, đề xuất",
}
PERIOD_TITLES = {**YEARLY_TITLES, "directions": "Phương hướng, nhiệm vụ giai đoạn tiếp theo"}
BLANK_LINES = 4  # dotted lines printed under an empty section's heading
DOTS = "." * 142  # one line of the page's width, to write on by hand


def yearly_texts(store: Store, year: int) -> dict[str, str]:
    return store.texts.for_report(year_report(year))


def period_texts(store: Store, start: int, end: int) -> dict[str, str]:
    return store.texts.for_report(period_report(start, end))


def empty_sections(texts: dict[str, str], titles: dict[str, str]) -> list[str]:
    """The headings of the sections with nothing written, in print order."""
    return [titles[k] for k in ORDER if not (texts.get(k) or "").strip()]


def plan_words(settings: dict[str, str]) -> str:
    """«Kế hoạch số 125/KH-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã Tân Hội
    triển khai» once the number or the date is set in Cài đặt, else «Kế hoạch triển
    khai»: how the opening sentence names the commune's plan."""
    number = " ".join((settings.get("plan_number") or "").split())
    try:
        day = dt.date.fromisoformat((settings.get("plan_date") or "").strip())
    except ValueError:
        day = None
    if not number and day is None:
        return "Kế hoạch triển khai"
    words = "Kế hoạch" + (f" số {number}" if number else "")
    if day is not None:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        words += f" ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{words} của Ủy ban nhân dân xã {settings['commune_name']} triển khai"


__all__ = ["BLANK_LINES", "DOTS", "ORDER", "PERIOD_TITLES", "SECTIONS", "YEARLY_TITLES",
           "empty_sections", "period_texts", "plan_words", "yearly_texts"]
