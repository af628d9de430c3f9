"""Who has sent the yearly report (Mục VI of the plan: «trước ngày 15/11» each year).

No Qt, no SQL: the store gives every unit with its first and last submission of the
year; this module says on time, late or missing, and what the window reminds of.

The setting holds the plan's date (15/11) and the report is due *before* it
(spec/plan-work.md): received on or before 14/11 is on time, on 15/11 it is late."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import domain
from ..store import Store

SENT, LATE, MISSING = "Đã gửi", "Gửi muộn", "Chưa gửi"
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def parse_deadline(text: str | None, year: int) -> dt.date:
    """The deadline of `year` from a «dd/mm» setting. Raises ValueError (Vietnamese)."""
    match = _DAY_MONTH.match(text or "")
    if not match:
        raise ValueError(f"«{text or ''}» không phải ngày/tháng hợp lệ (ví dụ 15/11)")
    day, month = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        if (day, month) == (29, 2):  # a leap day in a common year: the last of February
            return dt.date(year, 2, 28)
        raise ValueError(f"ngày «{text}» không tồn tại") from None


def deadline_of(store: Store, year: int) -> dt.date:
    """The year's deadline from the settings; a bad stored value falls back to 15/11."""
    try:
        return parse_deadline(store.settings.read().get("report_deadline"), year)
    except ValueError:
        return parse_deadline(domain.DEFAULT_SETTINGS["report_deadline"], year)


@dataclass(frozen=True, slots=True)
class UnitStatus:
    unit_id: int
    code: str
    name: str
    state: str  # SENT, LATE or MISSING
    first_at: str | None  # ISO date-time of the first submission of the year
    last_at: str | None
    last_file: str | None
    count: int

    @property
    def received(self) -> str:
        """dd/mm/yyyy of the first submission ('' if none)."""
        return domain.format_date(self.first_at[:10]) if self.first_at else ""


class YearStatus:
    """Every unit of the year with its state. The rows stay as the store gave them (a
    province has thousands); `units` makes UnitStatus records when asked."""

    def __init__(self, year: int, deadline: dt.date, rows: list[tuple]):
        self.year, self.deadline, self.rows = year, deadline, rows
        due = deadline.isoformat()
        self.states = [MISSING if not r[3] else SENT if r[3][:10] < due else LATE
                       for r in rows]
        self._units: list[UnitStatus] | None = None

    @property
    def units(self) -> list[UnitStatus]:
        if self._units is None:
            self._units = [UnitStatus(r[0], r[1], r[2], state, r[3], r[4], r[5], r[6])
                           for r, state in zip(self.rows, self.states, strict=True)]
        return self._units

    def of(self, state: str) -> list[UnitStatus]:
        return [u for u in self.units if u.state == state]

    @property
    def counts(self) -> dict[str, int]:
        return {state: self.states.count(state) for state in (SENT, LATE, MISSING)}


def year_status(store: Store, year: int, as_of: dt.date | None = None) -> YearStatus:
    """Every unit active on the year's deadline, with its state; as known on `as_of`
    when given (a report of that date: a file received later is not yet received)."""
    deadline = deadline_of(store, year)
    return YearStatus(year, deadline, store.submissions.status_rows(
        year, deadline.isoformat(), None if as_of is None else as_of.isoformat()))


def last_day(deadline: dt.date) -> dt.date:
    """The last day a report is on time: the day before the plan's date."""
    return deadline - dt.timedelta(days=1)


def reminder_window(deadline: dt.date) -> tuple[dt.date, dt.date]:
    """From the first day of the deadline's month (01/11) to the end of the year."""
    return deadline.replace(day=1), dt.date(deadline.year, 12, 31)


def reminder(status: YearStatus, today: dt.date) -> str | None:
    """What the window says once a day near and after the deadline; None when there
    is nothing to say (outside the window, or every unit has sent)."""
    start, end = reminder_window(status.deadline)
    if not start <= today <= end:
        return None
    counts = status.counts
    missing = counts[MISSING]
    if missing == 0:
        return None
    total = len(status.rows)
    due = f"{status.deadline:%d/%m/%Y}"
    if today < status.deadline:
        days = (last_day(status.deadline) - today).days
        left = "hôm nay là ngày cuối" if days == 0 else f"còn {days} ngày"
        return (f"Báo cáo năm {status.year}: còn {missing}/{total} đơn vị chưa gửi; hạn gửi "
                f"trước ngày {due} ({left}).")
    late = counts[LATE]
    text = (f"Báo cáo năm {status.year}: đã quá hạn gửi (trước ngày {due}), còn "
            f"{missing}/{total} đơn vị chưa gửi")
    return text + (f"; {late} đơn vị gửi muộn." if late else ".")
