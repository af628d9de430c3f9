"""The demo's yearly reports for 2026: most units sent theirs before the deadline, a
few late, a few not at all. Submissions are records of files received, not workbook
data, so the demo's copy gets them when it is created (ui: open_demo)."""

from __future__ import annotations

from ..store import Store

YEAR = 2026
# unit code, received (ISO date-time); units not listed have not sent their report
RECEIVED = [
    ("VHXH", "2026-11-03T08:15:00"),
    ("VP", "2026-11-05T09:40:00"),
    ("UBND", "2026-11-06T14:05:00"),
    ("HDND", "2026-11-07T10:20:00"),
    ("TYT", "2026-11-10T15:30:00"),
    ("MN", "2026-11-12T08:50:00"),
    ("THCS", "2026-11-13T16:10:00"),
    ("HLHPN", "2026-11-14T09:00:00"),
    ("MTTQ", "2026-11-15T16:45:00"),  # on the plan's date: late («trước ngày 15/11»)
    ("PKT", "2026-11-19T10:30:00"),  # late
    ("DTN", "2026-11-24T14:00:00"),  # late
    # TTHCC, HND and HCCB: not sent
]


def seed(store: Store) -> int:
    """Record the demo's submissions (units missing from the file are skipped)."""
    known = store.records.existing_codes("units")
    n = 0
    for code, received in RECEIVED:
        if code in known:
            store.submissions.record(code, YEAR, received,
                                     f"bao-cao-{YEAR}-{code.lower()}.xlsx")
            n += 1
    return n
