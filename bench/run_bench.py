"""Core benchmarks, each a ratio against a floor measured in the same run on the same file.

    python bench/run_bench.py            # generates bench/out/province.* if missing

Prints a Markdown table (also written to bench/RESULTS.md). Medians of a few runs;
the machine is described at the top. Not a test: nothing here asserts a time."""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from openpyxl import Workbook, load_workbook  # noqa: E402

from bench.generate import generate  # noqa: E402
from tanhoi_desktop.exchange import workbook as exchange  # noqa: E402
from tanhoi_desktop.figures import indicators  # noqa: E402
from tanhoi_desktop.store import Store  # noqa: E402

AS_OF = dt.date(2026, 11, 15)


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"{mem} memory, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def bench_figures(db: Path) -> tuple[float, float]:
    with Store.open(db) as store:
        work = timed(lambda: indicators.compute(store, AS_OF))
    conn = sqlite3.connect(db)
    floor = timed(lambda: conn.execute("SELECT * FROM cadres").fetchall())
    conn.close()
    return work, floor


def bench_import(workbook: Path, tmp: Path) -> tuple[float, float]:
    def work():
        target = tmp / "import.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        with Store.open(target, create=True) as store:
            plan = exchange.read_workbook(workbook, store)
            assert not plan.problems, plan.problems[:3]
            exchange.apply(plan, store)

    def floor():
        target = tmp / "floor.sqlite"
        target.unlink(missing_ok=True)
        conn = sqlite3.connect(target)
        wb = load_workbook(workbook, read_only=True, data_only=True)
        with conn:
            for ws in wb.worksheets[1:]:
                rows = list(ws.iter_rows(min_row=2, values_only=True))
                if not rows:
                    continue
                width = max(len(r) for r in rows)
                rows = [tuple(r) + (None,) * (width - len(r)) for r in rows]
                cols = ", ".join(f"c{i}" for i in range(width))
                conn.execute(f"CREATE TABLE t_{ws.title.replace(' ', '_')} ({cols})")
                conn.executemany(
                    f"INSERT INTO t_{ws.title.replace(' ', '_')} VALUES "
                    f"({', '.join('?' * width)})",
                    [tuple(str(v) if isinstance(v, dt.datetime | dt.date) else v
                           for v in r) for r in rows])
        wb.close()
        conn.close()

    # Work and floor take turns, best of 3 each: on a shared machine a burst of load
    # then hits both alike instead of one of them.
    works, floors = [], []
    for _ in range(3):
        works.append(timed(work, 1))
        floors.append(timed(floor, 1))
    return min(works), min(floors)


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): other work on the same cores."""
    try:
        return ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"


REPORT_CPU: list[tuple[float, float]] = []  # the report's CPU times, ours and the floor's


def bench_report_process(db: Path) -> tuple[float, float]:
    """Wall time (median of 7, taken in turn with the floor's); the CPU time of the
    child processes (user + system, median) goes to REPORT_CPU, less sensitive to other
    jobs on the machine. The first run keeps the baseline figures for the file's data
    generation; the others read them, as every later report of unchanged data does."""
    work_cmd = [sys.executable, "-m", "tanhoi_desktop", "report", "--db", str(db),
                "--as-of", AS_OF.isoformat(), "--json"]
    floor_cmd = [sys.executable, "-c",
                 "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                 "print(c.execute('select count(*) from cadres').fetchone())", str(db)]

    def run(cmd) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    run(work_cmd)  # keeps the baseline (once per data generation)
    works, floors = [], []
    for _ in range(7):
        works.append(run(work_cmd))
        floors.append(run(floor_cmd))
    REPORT_CPU.append((statistics.median(c for _w, c in works),
                       statistics.median(c for _w, c in floors)))
    return statistics.median(w for w, _c in works), statistics.median(w for w, _c in floors)


def bench_export(db: Path, tmp: Path) -> tuple[float, float]:
    with Store.open(db) as store:
        work = timed(lambda: exchange.export_workbook(store, tmp / "export.xlsx"), 2)
        tables = {name: [list(r.values())[1:] for r in store.records.iter_records(name)]
                  for name in ("units", "cadres", "posts", "planning", "courses",
                               "enrolments")}

    def floor():
        wb = Workbook(write_only=True)
        for name, rows in tables.items():
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
        wb.save(tmp / "floor.xlsx")

    return work, timed(floor, 2)


def bench_edit(db: Path, tmp: Path) -> tuple[float, float]:
    """One form save of a cadre, with the audit row and the change announcement, vs the
    same save with both switched off (same validation, same transaction)."""
    copy = tmp / "edit.sqlite"
    with Store.open(db) as store:
        store.backups.backup_to(copy)
    with Store.open(copy) as store:
        record = next(store.records.iter_records("cadres"))
        seen = []
        store.subscribe(seen.append)
        names = ["Nguyễn Thị Hồng", "Trần Thị Lan"]
        counter = iter(range(10**9))

        def edit():
            i = next(counter)
            store.records.save("cadres", {**record, "full_name": names[i % 2]}, record["id"])

        work = timed(edit, 40)
        store.unsubscribe(seen.append)
        store._audit = lambda *a, **k: 0  # the audit trail switched off for the floor
        floor = timed(edit, 40)
    return work, floor


def bench_backup(db: Path, tmp: Path) -> tuple[float, float]:
    with Store.open(db) as store:
        work = timed(lambda: store.backups.backup_to(tmp / "b1.sqlite"), 3)
    cli = shutil.which("sqlite3")
    if cli is None:
        return work, float("nan")
    floor = timed(lambda: subprocess.run([cli, str(db), f".backup '{tmp / 'b2.sqlite'}'"],
                                         check=True), 3)
    return work, floor


def compile_package() -> None:
    """The installed program runs from bytecode (pip and PyInstaller compile it). Where
    PYTHONDONTWRITEBYTECODE is set, every process would time the compiler instead."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "tanhoi_desktop"), quiet=1)


def main() -> None:
    compile_package()
    out = HERE / "out"
    db, workbook = out / "province.sqlite", out / "province.xlsx"
    if not db.exists() or not workbook.exists():
        db, workbook = generate("province", out)
    # `python bench/run_bench.py report import`: only those (printed, not written)
    only = set(sys.argv[1:])
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, label, goal, bench in (
            ("figures", "all figures (indicators.compute) vs one full scan of cadres", 10,
             lambda: bench_figures(db)),
            ("import", "import of the province workbook vs openpyxl read + executemany",
             0.6, lambda: bench_import(workbook, tmp)),
            ("report", "`report --json` process vs bare `python -c sqlite3` process (wall)",
             4, lambda: bench_report_process(db)),
            ("export", "export vs openpyxl write_only of the same rows", 1.3,
             lambda: bench_export(db, tmp)),
            ("edit", "one edit with audit + announcement vs without", 1.3,
             lambda: bench_edit(db, tmp)),
            ("backup", "backup (SQLite backup API) vs `sqlite3 .backup`", 1.2,
             lambda: bench_backup(db, tmp)),
        ):
            if only and name not in only:
                continue
            results = [(label, bench())]
            if name == "report":
                results.append(("the same in CPU time of the processes", REPORT_CPU[-1]))
            for text, (work, floor) in results:
                ratio = work / floor
                rows.append(f"| {text} | {work * 1000:.1f} ms | {floor * 1000:.1f} ms | "
                            f"**{ratio:.2f}×** | ≤ {goal}× | "
                            f"{'yes' if ratio <= goal else 'NO'} | {load_average()} |")
                print(rows[-1], flush=True)
    if only:
        return
    text = "\n".join([
        "# Core benchmarks (province scale)", "",
        f"Machine: {machine()}.", "",
        "Data: 2,000 units, 50,000 cadres, 6,000 posts, 10,000 pool entries, 400 courses, "
        "30,000 enrolments (`bench/generate.py --scale province`). Medians of 2-40 runs; "
        "import: best of 3 runs, taken in turn with the floor's; `report --json`: median "
        "of 7, in turn with the floor's, after one run that keeps the baseline figures for "
        "the file's data generation. Load average (1, 5, 15 min) of the machine after "
        "each measure: other jobs on the same two cores.", "",
        "| measure | ours | floor | ratio | goal | met | load average after |",
        "|---|---|---|---|---|---|---|",
        *rows, ""])
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
