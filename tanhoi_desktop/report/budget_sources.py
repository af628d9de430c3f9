"""The budget per funding source (Mục IV of the plan: state budget, national target
programmes, sponsors' contributions, other): the totals' table of both reports."""

from __future__ import annotations

import datetime as dt

from .. import domain
from ..store import Store
from .parts import Table, year_until

TOTAL = "Tổng cộng"


def source_rows(totals: dict[str, dict[str, int]]) -> list[list[str]]:
    """One row per funding source of the plan, then the total (store.budget_totals)."""
    rows = []
    for source in domain.FUNDING_SOURCES:
        t = totals.get(source, {"estimate": 0, "spent": 0})
        rows.append([source, domain.format_dong(t["estimate"]), domain.format_dong(t["spent"])])
    t = totals[TOTAL]
    rows.append([TOTAL, domain.format_dong(t["estimate"]), domain.format_dong(t["spent"])])
    return rows


def sources_table(store: Store, year: int, as_of: dt.date, title: str) -> Table:
    return Table(title, ["Nguồn kinh phí (Mục IV của Kế hoạch)", "Dự toán (đồng)",
                         "Thực hiện (đồng)"],
                 source_rows(store.plan.budget_totals(year, as_of)), [50, 25, 25], {1, 2},
                 bold_rows={len(domain.FUNDING_SOURCES)})


def period_sources_table(store: Store, years: list[int], as_of: dt.date, title: str
                         ) -> Table:
    """Each year of the period up to d: its sources and its total (to the year's last
    day, or to d in the year of d)."""
    rows, bold = [], set()
    for year in years:
        day, label = year_until(year, as_of)
        for i, row in enumerate(source_rows(store.plan.budget_totals(year, day))):
            rows.append([label if i == 0 else "", *row])
        bold.add(len(rows) - 1)
    return Table(title, ["Năm", "Nguồn kinh phí (Mục IV của Kế hoạch)", "Dự toán (đồng)",
                         "Thực hiện (đồng)"], rows, [14, 44, 21, 21], {2, 3}, bold_rows=bold)
