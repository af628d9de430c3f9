"""Window benchmarks, as ratios against floors measured in the same run.

    python bench/bench_ui.py

1. start to first painted window on the demo data vs a bare PySide6 window (QMainWindow,
   QTabWidget, QTableView), each in its own process, median of 5;
2. on the province file (bench/generate.py): rows loaded into the cadres table on opening
   (lazy fetching), the cost of fetching one more page while scrolling, and one edit ->
   updated indicator panel vs the bare SQL aggregates (indicators.compute) on the same file.
Results go to bench/RESULTS-ui.md."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CHILD = r"""
import sys, time
start = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.perf_counter() - start, flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QTableView
    app = QApplication([])
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QTableView(), "Bảng")
    window.setCentralWidget(tabs)
else:
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow
    app = make_app()
    window = MainWindow(QSettings(sys.argv[4], QSettings.Format.IniFormat))
    window.open_store(Path(sys.argv[3]))
window.installEventFilter(FirstPaint(window))
window.resize(1200, 760)
window.show()
app.exec()
"""


def first_paint(kind: str, *extra: str) -> float:
    times = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", CHILD, kind, str(time.perf_counter()),
                              *extra], capture_output=True, text=True, check=True)
        # the child measures from the parent's clock reading just before it was spawned
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def demo_file(folder: Path) -> Path:
    from tanhoi_desktop import exchange
    from tanhoi_desktop.resources import demo_workbook
    from tanhoi_desktop.store import Store

    path = folder / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def province(folder: Path) -> list[str]:

    from PySide6.QtCore import QSettings

    from bench.generate import generate
    from tanhoi_desktop import indicators
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow

    db = HERE / "out" / "province.sqlite"
    if not db.exists():
        db, _ = generate("province", HERE / "out")
    work = folder / "province.sqlite"
    with Store.open(db) as source:
        source.backup_to(work)
    app = make_app()
    window = MainWindow(QSettings(str(folder / "p.ini"), QSettings.Format.IniFormat))
    start = time.perf_counter()
    window.open_store(work)
    app.processEvents()
    opened = time.perf_counter() - start
    table = window.cadres_tab.table
    loaded, total = len(table.model.rows), table.model.total
    fetch = []
    for _ in range(5):
        t = time.perf_counter()
        table.model.fetchMore()
        fetch.append(time.perf_counter() - t)
    store = window.store
    record = store.get("cadres", table.model.rows[0]["id"])
    day = window.panel.as_of()
    edits, floors = [], []
    panel = window.panel
    for i in range(7):
        t = time.perf_counter()
        store.save("cadres", {**record, "gender": "Nữ" if i % 2 else "Nam"}, record["id"])
        _until(app, lambda: not panel.computing)  # the figures come from a pool thread
        edits.append(time.perf_counter() - t)
        t = time.perf_counter()
        indicators.compute(store, day)
        floors.append(time.perf_counter() - t)
    window.close_store()
    edit, floor = statistics.median(edits), statistics.median(floors)
    return [
        f"| opening the province file in the window | {opened * 1000:.0f} ms | "
        f"{loaded} of {total} cadres loaded into the table | | |",
        f"| fetching one more page of 200 rows while scrolling | "
        f"{statistics.median(fetch) * 1000:.1f} ms | | | |",
        f"| one edit → panel and tables updated vs bare `indicators.compute` | "
        f"{edit * 1000:.0f} ms | {floor * 1000:.0f} ms | **{edit / floor:.2f}×** | ≤ 2× |",
    ]


def trajectory_bench(folder: Path) -> list[str]:
    """The Tiến độ tab on the province file: see trajectory_edits."""
    from PySide6.QtCore import QSettings

    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow

    work = folder / "province-trajectory.sqlite"
    with Store.open(HERE / "out" / "province.sqlite") as source:
        source.backup_to(work)
    app = make_app()
    window = MainWindow(QSettings(str(folder / "t.ini"), QSettings.Format.IniFormat))
    window.open_store(work)
    app.processEvents()
    record = window.store.get("cadres", window.cadres_tab.table.model.rows[0]["id"])
    try:
        return trajectory_edits(app, window, record)
    finally:
        window.close_store()
        window.close()


def trajectory_edits(app, window, record) -> list[str]:
    """One edit -> panel and trajectory chart updated, the panel on 30/06/2030 (six dates:
    the baseline, four year ends, d), vs bare indicators.compute of the same six dates;
    and the longest the GUI thread was unresponsive meanwhile (a 5 ms heartbeat), with
    the chart shown and, as a reference, with it hidden (the panel's own computation)."""
    import datetime as dt

    from PySide6.QtCore import QTimer

    from tanhoi_desktop import indicators, trajectory

    store = window.store
    day = dt.date(2030, 6, 30)
    window.resize(1366, 768)
    window.show()
    tab = window.show_tab("trajectory")
    done = []
    tab.updated.connect(lambda: done.append(time.perf_counter()))
    window.panel.set_as_of(day)
    _wait(app, done, 1)
    days = trajectory.days(store, day)
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))

    def edit(i: int, chart: bool) -> tuple[float, float]:
        """(edit -> everything updated, longest gap between heartbeats)."""
        done.clear()
        heartbeat.start()
        t = time.perf_counter()
        beats[:] = [t]
        store.save("cadres", {**record, "gender": "Nữ" if i % 2 else "Nam"}, record["id"])
        if chart:
            _wait(app, done, 1)
            end = done[0]
        else:  # the panel and the units' rows
            _until(app, lambda: not window.panel.computing)
            end = time.perf_counter()
            _settle(app, 0.05)
        app.processEvents()
        heartbeat.stop()
        return end - t, max(b - a for a, b in pairwise(beats))

    def idle() -> float:
        """The same heartbeat for a second with no edit: what the machine itself adds."""
        heartbeat.start()
        beats[:] = [time.perf_counter()]
        _settle(app, 1.0)
        heartbeat.stop()
        return max(b - a for a, b in pairwise(beats))

    quiet = [idle() for _ in range(5)]
    window.show_tab("units")
    hidden = [edit(i, chart=False)[1] for i in range(5)]
    window.show_tab("trajectory")
    _wait(app, done, 1)
    edits, floors, stalls = [], [], []
    for i in range(7):
        took, stall = edit(i, chart=True)
        edits.append(took)
        stalls.append(stall)
        base = indicators.baseline(store)  # cached: the six dates below are the floor
        t = time.perf_counter()
        for d in days:
            indicators.compute(store, d, with_units=d == day, baseline=base)
        floors.append(time.perf_counter() - t)
    edit_time, floor = statistics.median(edits), statistics.median(floors)
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    return [
        f"| one edit → panel and trajectory chart updated vs bare `indicators.compute` of "
        f"the same {len(days)} dates (panel on 30/06/2030) | {ms(edit_time)} | {ms(floor)} | "
        f"**{edit_time / floor:.2f}×** | ≤ 2× |",
        f"| longest GUI stall during that edit, chart shown (5 ms heartbeat; median, max) | "
        f"{ms(statistics.median(stalls))}, {ms(max(stalls))} | | | ≤ 100 ms |",
        f"| the same, chart hidden (Đơn vị tab shown): panel and units' rows (median, max) | "
        f"{ms(statistics.median(hidden))}, {ms(max(hidden))} | | | |",
        f"| the same heartbeat for 1 s with no edit: the machine's own noise (median, max) | "
        f"{ms(statistics.median(quiet))}, {ms(max(quiet))} | | | |",
    ]


def _settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _until(app, ready, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > end:
            raise RuntimeError("the indicator panel was never updated")
        app.processEvents()
        time.sleep(0.001)


def _wait(app, done: list, n: int, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while len(done) < n:
        if time.perf_counter() > end:
            raise RuntimeError("the trajectory chart was never updated")
        app.processEvents()
        time.sleep(0.001)


def main() -> None:
    from bench.run_bench import compile_package, machine

    compile_package()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        demo = demo_file(tmp)
        bare = first_paint("bare")
        ours = first_paint("app", str(demo), str(tmp / "s.ini"))
        rows = [f"| start to first painted window, demo data vs bare window | "
                f"{ours * 1000:.0f} ms | {bare * 1000:.0f} ms | **{ours / bare:.2f}×** | "
                "≤ 1.5× |"]
        rows += province(tmp)
        chart_rows = trajectory_bench(tmp)
    table_head = ["| measure | ours | floor | ratio | goal |", "|---|---|---|---|---|"]
    text = "\n".join([
        "# Window benchmarks", "", f"Machine: {machine()}.", "", *table_head, *rows, "",
        "## Trajectory chart (Tiến độ tab)", "",
        "Province file, the panel on 30/06/2030: after each edit the panel's figures (d and",
        "the baseline), then the chart's (the baseline and four year ends; the panel's",
        "figures on d are reused) are computed off the GUI thread, each on a second,",
        "read-only connection in a pool thread (ui/background.py); the Đơn vị rows wait",
        "for the panel's figures. The stall is the longest gap between the beats of a",
        "5 ms timer on the GUI thread, from the edit until the chart is repainted.", "",
        *table_head, *chart_rows, ""])
    (HERE / "RESULTS-ui.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
