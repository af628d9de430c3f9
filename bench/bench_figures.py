"""The figures over the plan's years at province scale: what the baseline (and its cache)
adds to one computation of the figures. Ratios against a floor measured in the same run.

    python bench/bench_figures.py        # uses bench/out/province.sqlite, made if missing

Writes bench/RESULTS-figures.md. Not a test: nothing here asserts a time."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import generate  # noqa: E402
from bench.run_bench import machine, timed  # noqa: E402
from tanhoi_desktop.figures import indicators  # noqa: E402
from tanhoi_desktop.store import Store  # noqa: E402

AS_OF = dt.date(2026, 11, 15)


def paired(work, reference, repeat: int = 9) -> tuple[float, float]:
    """Medians of the two, measured in turn: a busy machine slows both alike."""
    a, b = [], []
    for _ in range(repeat):
        for fn, times in ((work, a), (reference, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    out = HERE / "out"
    db = out / "province.sqlite"
    if not db.exists():
        db, _ = generate("province", out)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        copy = Path(tmp_name) / "p.sqlite"
        shutil.copy(db, copy)
        with Store.open(copy) as store:
            base = indicators.baseline(store)
            unit = next(store.records.iter_records("units"))

            def edit():  # one saved change: the baseline cache no longer holds
                unit["name"] = unit["name"] + "." if len(unit["name"]) < 60 else "Đơn vị"
                store.records.save("units", unit, unit["id"])

            def compute_passed():
                return indicators.compute(store, AS_OF, baseline=base)

            closed = indicators.close_year(store, 2025, dt.date(2025, 12, 31))
            pairs = {
                "warm": paired(lambda: indicators.compute(store, AS_OF), compute_passed, 15),
                # after an edit the cache no longer holds: the baseline is computed again
                "edit": paired(lambda: (edit(), indicators.compute(store, AS_OF)),
                               lambda: (edit(), compute_passed())),
                "baseline": paired(lambda: (edit(), indicators.baseline(store)),
                                   lambda: (edit(), compute_passed())),
                "close": paired(lambda: indicators.corrections(
                    closed, indicators.compute(store, closed.as_of, with_units=False,
                                               baseline=base)), compute_passed, 5),
            }
            bare = timed(compute_passed, 9)
        conn = sqlite3.connect(copy)
        floor = timed(lambda: conn.execute("SELECT * FROM cadres").fetchall(), 9)
        conn.close()
    for label, (work, ref), goal in (
        ("compute, baseline cache warm vs baseline passed in", pairs["warm"], 1.1),
        ("edit + compute (baseline recomputed) vs edit + compute with the baseline passed",
         pairs["edit"], 2.0),
        ("edit + baseline alone (31/12/2025, no unit rows) vs edit + compute",
         pairs["baseline"], 1.0),
        ("a closed year beside today's recomputation vs compute", pairs["close"], 1.0),
        ("compute (baseline passed) vs one full scan of cadres", (bare, floor), 10),
    ):
        ratio = work / ref
        rows.append(f"| {label} | {work * 1000:.1f} ms | {ref * 1000:.1f} ms | "
                    f"**{ratio:.2f}×** | ≤ {goal}× | {'yes' if ratio <= goal else 'NO'} |")
        print(rows[-1], flush=True)
    text = "\n".join([
        "# Figures over the plan's years (province scale)", "",
        f"Machine: {machine()}.", "",
        "Data: `bench/generate.py --scale province` (2,000 units, 50,000 cadres). "
        "Medians of 5-9 runs.", "",
        "| measure | ours | reference | ratio | goal | met |", "|---|---|---|---|---|---|",
        *rows, ""])
    (HERE / "RESULTS-figures.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
