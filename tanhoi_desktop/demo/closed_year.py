"""The demo's closed year with a late correction: 2026 was closed as reported on
14/11/2026, before the result of the autumn course «Kỹ năng lãnh đạo, quản lý cấp xã
sau sắp xếp» reached the office; the result was entered after the close. CT3 was
reported 11/16 (Chậm tiến độ), today's data give 12/16 for the same day: the panel, the
chart, the reprinted yearly report, the period report and `report --json` show both.
Like the submissions, a close is not workbook data: the demo's copy gets it when it is
created (ui: open_demo), after the workbook."""

from __future__ import annotations

import datetime as dt

from ..figures import indicators
from ..store import Store

YEAR = 2026
CLOSED_ON = dt.date(2026, 11, 14)
LATE_RESULT = ("KNLD26", "CB045")  # (course, cadre): the result entered after the close
# who closed it: the demo data, not the login of whoever opens the demo
CLOSED_BY = "Dữ liệu mẫu"


def seed(store: Store) -> bool:
    """Close the demo's year as it stood before the late result, then enter the result
    (each step an entry of the audit trail). False, changing nothing, when the data are
    not the demo's or the year is already closed."""
    found = next((r for r in store.browse.page("enrolments")
                  if (r["course_code"], r["cadre_code"]) == LATE_RESULT), None)
    if found is None or found["result"] != "Hoàn thành" or \
            any(c.year == YEAR for c in indicators.closed_years(store)):
        return False
    entered = store.records.get("enrolments", found["id"])
    if entered is None:
        return False
    entered.pop("id", None)
    # on the closing day the result had not come in yet
    store.records.save("enrolments", {**entered, "result": "Chưa hoàn thành",
                                      "certificate_no": None}, found["id"])
    indicators.close_year(store, YEAR, CLOSED_ON, CLOSED_BY)
    store.records.save("enrolments", entered, found["id"])
    return True
