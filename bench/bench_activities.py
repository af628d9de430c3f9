"""Activities and budget at province scale, as ratios against floors in the same run.

    python bench/bench_activities.py

On the province file of bench/generate.py (20,000 activities over 2026-2030, 4,000 budget
lines, 2,000 units), against the floor: bare SQL queries, with sqlite3 alone and the
best plan, of what the tab shows: the same rows (the same columns of the same first page
of 200, in the same order), their count and the totals line. Model loads against the
floor: best of 21 runs, taken in turn; the rest: medians of 15.
1. what the tab reads when it opens: its model loaded (count and totals, first page,
   rows as dicts) for the current year, and for «Mọi năm»;
2. the whole opening of the tab (widgets built, the year list, the model loaded, first
   paint) vs the same rows read by the bare SQL into a bare QTableView and painted;
3. the report's queries: the year's work (figures/plan_work) and budget_table for one
   year.
Results go to bench/RESULTS-activities.md."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

BARE = """
SELECT t.id, t.code, t.title, t.kind, t.task_group, t.from_date, t.to_date, u.name,
       u.code, t.participants, t.participants_women, t.cost, t.funding, t.follow_up
FROM activities t JOIN units u ON u.id = t.unit_id {where}
ORDER BY t.sort_key, t.id LIMIT 200
"""
COUNT = "SELECT COUNT(*) FROM activities t {where}"
TOTALS = ("SELECT SUM(t.participants), SUM(t.participants_women), SUM(t.cost) "
          "FROM activities t {where}")


NOTES = """\
With rows by id the tab reads the ids of every matching row (4,032 for a year, 20,000 for
«Mọi năm»), where the floor reads the first 200 rows: that is what is left of the ratios.
What made them fall (06/12/2026, from 7.6×, 11.9× and 12.1× in the same conditions):
- the index `activities_sort (sort_key, id, from_date)` (schema v10): the ids come in
  title order with the id as tie-break straight from the index, with no sort (every
  year's: 14 → 8 ms), and a year's still checks the date inside the index (the filter
  written `+t.from_date BETWEEN …`, about 1 ms instead of 25 ms through the date index);
- the totals line summed by SQLite in one row (3 ms instead of 40 ms of Python over
  20,000 rows; Python's integers only past SQLite's, where SUM overflows);
- the ids read as plain tuples, without an sqlite3.Row each;
- the opening: the columns fitted to the first 200 rows (`list_view.FIT_ROWS`), not
  Qt's default 1,000 (a third of a second of `data()` calls before).
The rest of the opening is Qt: building the widgets and painting a 1060×640 table, which
a bare QTableView pays too, and fitting the columns to 200 rows (~25 ms).
"""


def median_time(action, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_query(path: Path, year: int | None):
    """The floor for `year` (None: every year), as a function to time."""
    conn = sqlite3.connect(path)
    where = "WHERE t.from_date BETWEEN ? AND ?" if year else ""
    params = (f"{year}-01-01", f"{year}-12-31") if year else ()
    # the page through the title index (year checked in it), the count through the date one
    page_where = where.replace("t.from_date", "+t.from_date")

    def run():
        rows = conn.execute(BARE.format(where=page_where), params).fetchall()
        conn.execute(COUNT.format(where=where), params).fetchone()
        conn.execute(TOTALS.format(where=where), params).fetchone()
        assert len(rows) == 200

    return run


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(ours, floor, runs: int = 21) -> tuple[float, float]:
    """Best of each, timed in turn: on a machine shared with other work, single runs of
    a few milliseconds vary by 4x; the best run is the cost itself."""
    a, b = [], []
    for _ in range(runs):
        for action, times in ((ours, a), (floor, b)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return min(a), min(b)


def main() -> None:
    from bench.generate import generate
    from bench.run_bench import machine
    from tanhoi_desktop.figures import plan_work
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.tabs.activities import ActivitiesTab

    db = HERE / "out" / "province.sqlite"
    with tempfile.TemporaryDirectory() as tmp_name:
        if not db.exists() or not _has_activities(db):
            db, _ = generate("province", HERE / "out")
        work = Path(tmp_name) / "province.sqlite"
        with Store.open(db) as source:
            source.backups.backup_to(work)
        app = make_app()
        store = Store.open(work)
        year = dt.date.today().year
        total = store.records.count("activities")
        tabs: list[ActivitiesTab] = []

        def open_tab():  # what the window does when the tab is first shown
            tab = ActivitiesTab(store)
            tab.resize(1060, 640)
            tab.set_as_of(dt.date.today())
            tab.show()
            app.processEvents()
            tabs.append(tab)

        bare_sql = bare_query(work, year)
        bare_views: list = []

        def bare_tab():  # the same rows in a bare QTableView, from the bare SQL
            from PySide6.QtGui import QStandardItem, QStandardItemModel
            from PySide6.QtWidgets import QTableView

            conn = sqlite3.connect(work)
            rows = conn.execute(BARE.format(where="WHERE +t.from_date BETWEEN ? AND ?"),
                                (f"{year}-01-01", f"{year}-12-31")).fetchall()
            conn.execute(COUNT.format(where="WHERE t.from_date BETWEEN ? AND ?"),
                         (f"{year}-01-01", f"{year}-12-31")).fetchone()
            conn.close()
            model = QStandardItemModel(len(rows), 12)
            for r, row in enumerate(rows):
                for c, value in enumerate(row[2:]):
                    model.setItem(r, c, QStandardItem("" if value is None else str(value)))
            view = QTableView()
            view.setModel(model)
            view.resize(1060, 640)
            view.show()
            app.processEvents()
            bare_views.append(view)

        opening, opening_floor = statistics.median(
            [_timed(open_tab) for _ in range(15)]), statistics.median(
            [_timed(bare_tab) for _ in range(15)])
        for view in bare_views:
            view.close()
        tab = tabs.pop()
        for other in tabs:  # only the measured tab stays: the others' upkeep is noise
            other.close()
            other.deleteLater()
        app.processEvents()
        shown_year = tab.model.total
        load_year, floor = paired(tab.model.reload, bare_sql)
        tab.model.filters.pop("year")
        load_all, floor_all = paired(tab.model.reload, bare_query(work, None))
        assert tab.model.total == total
        year_end = dt.date(year, 12, 31)
        groups = median_time(lambda: plan_work.compute(store, year_end))
        sums = median_time(lambda: plan_work.summary(store, year_end))
        budget = median_time(lambda: store.plan.budget_table(year))
        budget_rows = len(store.plan.budget_table(year))
        tab.close()
        store.close()
    rows = [
        f"| the tab's model loaded, {year} (first 200 of {shown_year} activities, count and "
        f"totals) vs bare SQL of the same | {load_year * 1000:.1f} ms | "
        f"{floor * 1000:.1f} ms | **{load_year / floor:.2f}×** | ≤ 2× |",
        f"| the tab's model loaded, «Mọi năm» (first 200 of {total}, count and totals) vs "
        f"bare SQL of the same | {load_all * 1000:.1f} ms | "
        f"{floor_all * 1000:.1f} ms | **{load_all / floor_all:.2f}×** | ≤ 2× |",
        f"| opening the Hoạt động tab ({year}): widgets, year list, model, first paint, vs "
        f"the bare SQL's rows put in a bare QTableView and painted | {opening * 1000:.1f} ms "
        f"| {opening_floor * 1000:.1f} ms | **{opening / opening_floor:.2f}×** | ≤ 2× |",
        f"| `plan_work.compute(31/12/{year})` ({shown_year} activities) | "
        f"{groups * 1000:.1f} ms | | | |",
        f"| `plan_work.summary(31/12/{year})`, `work` of `report --json` (the same counts "
        f"in SQL) | {sums * 1000:.1f} ms | | | |",
        f"| `budget_table({year})` ({budget_rows} rows, with the roll-up) | "
        f"{budget * 1000:.1f} ms | | | |",
    ]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    text = "\n".join(["# Activities and budget benchmarks", "", f"Machine: {machine()}; "
                      f"load average (1, 5, 15 min) at the end: {load}.", "",
                      "| measure | ours | floor | ratio | goal |", "|---|---|---|---|---|",
                      *rows, "", NOTES])
    (HERE / "RESULTS-activities.md").write_text(text, encoding="utf-8")
    print(text)


def _has_activities(path: Path) -> bool:
    """A province file made before activities were generated is made again."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0] > 0
    except sqlite3.Error:
        return False
    finally:
        conn.close()


if __name__ == "__main__":
    main()
