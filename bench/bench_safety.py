"""What the data-safety checks cost, at province scale, as ratios measured in one run:

- the read-only look taken before a report opens its file (header, length, schema
  compared with the migrations') vs the figures that report then computes;
- a verified copy (safety.backups.save_copy: checked target, temporary file, schema and
  length check, rename) vs Store.backup_to (SQLite's backup API alone);
- the exchange export through the safe output path vs the same workbook saved by
  openpyxl straight to the target.

    python -m bench.bench_safety          (writes bench/RESULTS-safety.md)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.run_bench import generate, machine, timed
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.safety import backups
from tanhoi_desktop.store import Store

HERE = Path(__file__).resolve().parent


def bench_open(db: Path) -> tuple[float, float]:
    """The read-only look a report takes before opening vs the figures it then computes
    (alternating, so that the machine's load falls on both)."""
    import statistics
    import time

    from tanhoi_desktop.figures import indicators
    from tanhoi_desktop.store import opening

    times: dict[str, list[float]] = {"look": [], "figures": []}
    with Store.open(db) as store:
        for _ in range(20):
            start = time.perf_counter()
            opening.check_file(db, thorough=False)
            times["look"].append(time.perf_counter() - start)
            store._baseline_cache = None  # what one report process computes
            start = time.perf_counter()
            indicators.compute(store)
            times["figures"].append(time.perf_counter() - start)
    return statistics.median(times["look"]), statistics.median(times["figures"])


def bench_copy(db: Path, tmp: Path) -> tuple[float, float]:
    with Store.open(db) as store:
        n = iter(range(10_000))
        work = timed(lambda: backups.save_copy(store, tmp / f"c{next(n)}.sqlite"), 5)
        floor = timed(lambda: store.backups.backup_to(tmp / f"b{next(n)}.sqlite"), 5)
    return work, floor


def bench_export(db: Path, tmp: Path) -> tuple[float, float]:
    with Store.open(db) as store:
        work = timed(lambda: exchange.export_workbook(store, tmp / "safe.xlsx"), 2)
        floor = timed(lambda: exchange._exchange_workbook(store).save(tmp / "plain.xlsx"), 2)
    return work, floor


def main() -> None:
    out = HERE / "out"
    db = out / "province.sqlite"
    if not db.exists():
        db, _workbook = generate("province", out)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for label, goal, (work, floor) in (
            ("read-only look before opening vs the report's figures", 0.2,
             bench_open(db)),
            ("verified copy vs SQLite backup API alone", 1.3, bench_copy(db, tmp)),
            ("export through the safe output path vs openpyxl save to the target", 1.1,
             bench_export(db, tmp)),
        ):
            ratio = work / floor
            rows.append(f"| {label} | {work * 1000:.1f} ms | {floor * 1000:.1f} ms | "
                        f"**{ratio:.3f}×** | ≤ {goal}× | {'yes' if ratio <= goal else 'NO'} |")
            print(rows[-1], flush=True)
    text = "\n".join([
        "# What the data-safety checks cost (province scale)", "",
        f"Machine: {machine()}.", "",
        "Data: `bench/generate.py --scale province` (50,000 cadres). Medians.", "",
        "| measure | ours | floor | ratio | goal | met |", "|---|---|---|---|---|---|",
        *rows, ""])
    (HERE / "RESULTS-safety.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
