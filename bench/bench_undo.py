"""Undoing an import and doing it again (Sửa → Hoàn tác / Làm lại, store/import_undo.py) vs
the import itself, in the same run (ratios). Results: bench/RESULTS-undo.md.

    python bench/bench_undo.py [--fraction 0.05] [--runs 5]

The records are bench/generate's province records scaled by --fraction (0.05: 100 units,
2,500 cadres, 6,120 records in all), imported into an empty file; then the import is
undone and done again, each in one transaction as the window does it (on a worker, with
the progress dialog)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def one_run(batches, present, folder: Path) -> tuple[float, float, float]:
    from tanhoi_desktop.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'undo.sqlite'}{suffix}").unlink(missing_ok=True)
    with Store.open(folder / "undo.sqlite", create=True) as store:
        start = time.perf_counter()
        store.records.import_records(batches, present)
        imported = time.perf_counter() - start
        batch = store.imports.last_batch()
        start = time.perf_counter()
        undone = store.imports.undo(batch)
        undo = time.perf_counter() - start
        assert store.records.count("cadres") == 0
        start = time.perf_counter()
        store.imports.redo(undone)
        redo = time.perf_counter() - start
    return imported, undo, redo


def main() -> None:
    from bench import generate
    from bench.run_bench import machine

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fraction", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generate.SCALES["undo"] = {k: max(1, int(v * args.fraction))
                               for k, v in generate.SCALES["province"].items()}
    batches = generate.records("undo")
    present = {name: {k for row in rows[:1] for k in row} for name, rows in batches.items()}
    with tempfile.TemporaryDirectory() as folder:
        runs = [one_run(batches, present, Path(folder)) for _ in range(args.runs)]
    imported, undo, redo = (statistics.median(r[i] for r in runs) for i in range(3))
    print(machine())
    print(f"{sum(map(len, batches.values()))} records; median of {args.runs} runs")
    print("| measure | ours | floor (the import) | ratio |")
    print("|---|---|---|---|")
    for name, value in (("undo the import", undo), ("do it again", redo)):
        print(f"| {name} | {value * 1000:.0f} ms | {imported * 1000:.0f} ms | "
              f"**{value / imported:.2f}×** |")


if __name__ == "__main__":
    main()
