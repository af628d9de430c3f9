"""What the Windows work costs, as ratios measured in one run on a commune's file:

- listing 30 backups with their index (safety/backup_index) vs with none (every backup
  opened, which with OneDrive's Files On-Demand downloads it), and how many backups each
  listing opens;
- the restore dialog's figures from the index vs computed from each backup;
- a form's save followed by the checkpoint that puts it in the main file vs the save
  alone (ui/checkpointing runs it two seconds after the last save).

    python -m bench.bench_windows          (writes bench/RESULTS-windows.md)
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.run_bench import generate, machine
from tanhoi_desktop.safety import backup_index, backups
from tanhoi_desktop.store import Store

HERE = Path(__file__).resolve().parent
BACKUPS = 30


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _counting() -> list[str]:
    """Backups opened (identity or figures read), counted by wrapping the readers."""
    seen: list[str] = []
    real_id, real_figures = backups.file_id_of, backups.figures_of

    def file_id_of(path):
        if path.parent.name == "backups":
            seen.append(path.name)
        return real_id(path)

    def figures_of(path, as_of=None):
        seen.append(path.name)
        return real_figures(path, as_of)

    backups.file_id_of, backups.figures_of = file_id_of, figures_of
    return seen


def bench_listing(db: Path) -> dict[str, tuple[float, float, int, int]]:
    with Store.open(db) as store:
        ident = store.file_id()
        start = dt.datetime(2024, 1, 1, 8)
        for i in range(BACKUPS):  # one a month: the keeping policy keeps them all
            backups.make_backup(store, "thu-cong", now=start + dt.timedelta(days=31 * i))
    folder = backups.backup_dir(db)
    index = folder / backup_index.INDEX_NAME
    opened = _counting()

    def listed_without_index():
        index.unlink(missing_ok=True)
        return backups.list_backups(db, folder, ident)

    def listed_with_index():
        return backups.list_backups(db, folder, ident)

    def figures(drop: bool):
        if drop:
            index.unlink(missing_ok=True)
        for b in backups.list_backups(db, folder, ident):
            backups.listed_figures(b)

    def opened_by(fn) -> int:
        """How many backups one run opens."""
        opened.clear()
        fn()
        return len(set(opened))

    results = {}
    listed_with_index()  # the index as the backups made it
    assert len(listed_with_index()) == BACKUPS
    cold = _median(listed_without_index, 5)
    cold_opened = opened_by(listed_without_index)
    listed_with_index()
    warm = _median(listed_with_index, 5)
    results["list"] = (warm, cold, opened_by(listed_with_index), cold_opened)
    cold = _median(lambda: figures(True), 3)
    cold_opened = opened_by(lambda: figures(True))
    figures(False)  # the figures noted once
    warm = _median(lambda: figures(False), 3)
    results["figures"] = (warm, cold, opened_by(lambda: figures(False)), cold_opened)
    return results


def bench_checkpoint(db: Path) -> tuple[float, float]:
    times: dict[str, list[float]] = {"save": [], "save+checkpoint": []}
    with Store.open(db) as store:
        for i in range(40):
            for kind in ("save", "save+checkpoint"):
                start = time.perf_counter()
                store.records.save("units", {"code": f"B{len(kind)}-{i}", "name": "Đơn vị thử"})
                if kind == "save+checkpoint":
                    store.checkpoint()
                times[kind].append(time.perf_counter() - start)
    return statistics.median(times["save+checkpoint"]), statistics.median(times["save"])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, _workbook = generate("commune", Path(tmp))
        listing = bench_listing(db)
        checkpoint = bench_checkpoint(db)
    rows = []
    for label, key in (("listing 30 backups: with the index vs none", "list"),
                       ("the restore dialog's figures: from the index vs computed",
                        "figures")):
        warm, cold, opened_warm, opened_cold = listing[key]
        rows.append(f"| {label} | {warm * 1000:.1f} ms | {cold * 1000:.1f} ms | "
                    f"**{warm / cold:.3f}×** | backups opened: {opened_warm} vs "
                    f"{opened_cold} |")
    save_cp, save = checkpoint
    rows.append(f"| a form's save and its checkpoint vs the save alone | "
                f"{save_cp * 1000:.2f} ms | {save * 1000:.2f} ms | **{save_cp / save:.2f}×** "
                "| once per run of saves, 2 s after the last |")
    text = "\n".join([
        "# What the Windows work costs (a commune's file)", "",
        f"Machine: {machine()}.", "",
        "Data: `bench/generate.py --scale commune`. Medians. Listing here reads local "
        "files; in a OneDrive folder with Files On-Demand each backup opened is a "
        "download, which is what the index saves.", "",
        "| measure | ours | floor | ratio | note |", "|---|---|---|---|---|", *rows, ""])
    (HERE / "RESULTS-windows.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
