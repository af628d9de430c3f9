"""Window benchmarks, as ratios against floors measured in the same run.

    python bench/bench_ui.py [--start-up | --trajectory]   (only part 1, or 3)

1. start to first painted window on the demo data vs a bare PySide6 window (QMainWindow,
   QTabWidget, QTableView), each in its own process, alternately, median of 9, in wall
   and CPU time, with where the time goes; and start to the data shown (the file is
   opened after the first paint, as tanhoi_desktop.ui.app.run does);
2. on the province file (bench/generate.py): rows loaded into the cadres table on opening
   (lazy fetching), the cost of fetching one more page while scrolling, and one edit ->
   updated indicator panel vs the bare SQL aggregates (indicators.compute) on the same file;
3. the trajectory chart (Tiến độ tab): see trajectory_edits.
Results go to bench/RESULTS-ui.md; with --start-up only part 1 is measured again, with
--trajectory only the Tiến độ section."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
# a 1366 x 768 screen, so that both windows open at the size asked for (1200 x 700)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile="
                      + str(HERE.parent / "tests" / "offscreen-screens.json"))
sys.path.insert(0, str(HERE.parent))

CHILD = r"""
import sys, time
start = float(sys.argv[2])
marks = []
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
def report():
    print(time.perf_counter() - start, time.process_time(),
          ";".join(f"{n}={w:.6f}/{c:.6f}" for n, w, c in marks), flush=True)
mark("interpreter and site")
if sys.argv[1] != "bare":  # what tanhoi_desktop.__main__.main does before the window
    import tanhoi_desktop.__main__ as entry
    entry.prepare(entry.build_parser().parse_args(["--db", sys.argv[3]]))
    mark("the entry point (arguments, warnings, temporary folder)")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
mark("import PySide6 (QtCore, QtGui, QtWidgets)")
class Paint(QObject):
    # prints at the next paint of what it watches; then quits, or not (`then`)
    def __init__(self, parent, name, then=None):
        super().__init__(parent)
        self.name, self.then, self.seen = name, then, False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            mark(self.name)
            report()
            if self.then is None:
                QTimer.singleShot(0, QApplication.quit)
        return False
if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QTableView
    app = QApplication([])
    mark("QApplication")
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QTableView(), "Bảng")
    window.setCentralWidget(tabs)
    mark("window")
    window.installEventFilter(Paint(window, "show, layout and first paint"))
else:
    # as tanhoi_desktop.ui.app.run does: the window, then the file after its first paint
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.first_paint import after_first_paint
    from tanhoi_desktop.ui.main_window import MainWindow
    mark("import the program's window (tanhoi_desktop.ui.app)")
    app = make_app()
    mark("QApplication (make_app)")
    window = MainWindow(QSettings(sys.argv[4], QSettings.Format.IniFormat))
    window.show_opening(Path(sys.argv[3]).name)
    mark("MainWindow() (menus, bars, «Đang mở tệp…»)")
    window.installEventFilter(Paint(window, "show, layout and first paint", then=True))
    def open_file():
        mark("(to the first paint's end)")
        window.open_store(Path(sys.argv[3]))
        mark("open_store: the data layer, the file, the panel, the visible tab")
        viewport = window.current_table().view.viewport()  # the visible tab's table
        viewport.installEventFilter(Paint(viewport, "paint of the table with its rows"))
    after_first_paint(window, open_file)
window.resize(1200, 700)
window.show()
app.exec()
"""


def _run(kind: str, *extra: str) -> list[tuple[float, float, list[tuple[str, float, float]]]]:
    """For each paint the child reports (bare: its first; ours: its first, then the first
    with the data shown): (wall time from spawn, CPU time, [(phase, wall, cpu)])."""
    spawned = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(spawned), *extra],
                         capture_output=True, text=True, check=True, timeout=120)
    paints = []
    for line in out.stdout.strip().splitlines():
        wall, cpu, phases = line.split(" ", 2)
        marks, last_w, last_c = [], 0.0, 0.0
        for item in phases.split(";"):
            name, times = item.split("=")
            w, c = map(float, times.split("/"))
            w -= spawned  # from the parent's clock reading just before the spawn
            marks.append((name, w - last_w, c - last_c))
            last_w, last_c = w, c
        paints.append((float(wall), float(cpu), marks))
    return paints


def first_paint(runs: int, demo: str, ini: str) -> dict:
    """Bare and ours alternately (both see the same machine load), medians: for each kind,
    one (wall, cpu, {phase: (wall, cpu)}) per paint reported (ours: the first paint, then
    the first with the data)."""
    results = {"bare": [], "app": []}
    for _ in range(runs):
        results["bare"].append(_run("bare"))
        results["app"].append(_run("app", demo, ini))
    out = {}
    for kind, runs_of_kind in results.items():
        out[kind] = []
        for paint in range(len(runs_of_kind[0])):
            rs = [r[paint] for r in runs_of_kind]
            phases = {}
            for _w, _c, marks in rs:
                for name, w, c in marks:
                    phases.setdefault(name, []).append((w, c))
            out[kind].append((
                statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
                {n: (statistics.median(v[0] for v in vs), statistics.median(v[1] for v in vs))
                 for n, vs in phases.items()}))
    return out


def import_costs(top: int = 12) -> list[tuple[str, float]]:
    """What the program imports beyond a bare window, by self time (python -X importtime),
    median of 3."""
    def run(code: str) -> dict[str, float]:
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                             capture_output=True, text=True, check=True)
        times = {}
        for line in out.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[0].startswith("import time:"):
                with contextlib.suppress(ValueError):
                    times[parts[2].strip()] = int(parts[0].split(":")[1]) / 1000
        return times
    bare = run("import PySide6.QtWidgets")
    ours = [run("import PySide6.QtWidgets; import tanhoi_desktop.ui.app") for _ in range(3)]
    names = {n for o in ours for n in o if n not in bare}
    costs = {n: statistics.median(o.get(n, 0.0) for o in ours) for n in names}
    biggest = sorted(costs.items(), key=lambda kv: -kv[1])[:top]
    return [*biggest, ("(all the modules above and the rest)", sum(costs.values()))]


def demo_file(folder: Path) -> Path:
    from tanhoi_desktop.exchange import workbook as exchange
    from tanhoi_desktop.resources import demo_workbook
    from tanhoi_desktop.store import Store

    path = folder / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def province(folder: Path) -> list[str]:

    from PySide6.QtCore import QSettings

    from bench.generate import generate
    from tanhoi_desktop.figures import indicators
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow

    db = HERE / "out" / "province.sqlite"
    if not db.exists():
        db, _ = generate("province", HERE / "out")
    work = folder / "province.sqlite"
    with Store.open(db) as source:
        source.backups.backup_to(work)
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
    record = store.records.get("cadres", table.model.rows[0]["id"])
    day = window.panel.as_of()
    edits, floors = [], []
    panel = window.panel
    for i in range(7):
        t = time.perf_counter()
        store.records.save("cadres", {**record, "gender": "Nữ" if i % 2 else "Nam"}, record["id"])
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
        source.backups.backup_to(work)
    app = make_app()
    window = MainWindow(QSettings(str(folder / "t.ini"), QSettings.Format.IniFormat))
    window.open_store(work)
    app.processEvents()
    record = window.store.records.get("cadres", window.cadres_tab.table.model.rows[0]["id"])
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

    from tanhoi_desktop.figures import indicators, trajectory

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
        store.records.save("cadres", {**record, "gender": "Nữ" if i % 2 else "Nam"}, record["id"])
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


START_HEADING = "## Start-up: what the gap is made of"


def start_up(tmp: Path, demo: Path, runs: int = 9) -> tuple[list[str], list[str]]:
    """The table rows, and the breakdown section."""
    r = first_paint(runs, str(demo), str(tmp / "s.ini"))
    (bw, bc, bphases), = r["bare"]
    (ow, oc, _), (dw, dc, ophases) = r["app"]
    rows = [f"| start to first painted window, demo data vs bare window (wall) | "
            f"{ow * 1000:.0f} ms | {bw * 1000:.0f} ms | **{ow / bw:.2f}×** | ≤ 1.5× |",
            f"| the same in CPU time of the process (less sensitive to other load) | "
            f"{oc * 1000:.0f} ms | {bc * 1000:.0f} ms | **{oc / bc:.2f}×** | ≤ 1.5× |",
            f"| start to the demo data shown (the Đơn vị table painted with its rows) vs the bare "
            f"window's first paint (wall) | {dw * 1000:.0f} ms | {bw * 1000:.0f} ms | "
            f"{dw / bw:.2f}× | |",
            f"| the same in CPU time | {dc * 1000:.0f} ms | {bc * 1000:.0f} ms | "
            f"{dc / bc:.2f}× | |"]
    lines = [START_HEADING, "",
             f"Median of {runs} runs each, bare and ours alternately; CPU time of the process "
             "(time.process_time) from its start, per phase. Ours runs as "
             "`tanhoi_desktop.ui.app.run` does: the window is shown with its menus and "
             "«Đang mở tệp dữ liệu …», and the file is opened just after that first paint.",
             "", "| phase | ours (CPU) | bare window (CPU) |", "|---|---|---|"]
    for name in dict.fromkeys([*ophases, *bphases]):
        o, b = ophases.get(name), bphases.get(name)
        lines.append(f"| {name} | {f'{o[1] * 1000:.0f} ms' if o else '—'} | "
                     f"{f'{b[1] * 1000:.0f} ms' if b else '—'} |")
    lines += ["", f"To the first paint the gap is {(oc - bc) * 1000:.0f} ms of CPU time; to "
              f"the data shown, {(dc - bc) * 1000:.0f} ms."]
    lines += ["", "Modules imported beyond a bare window before the first paint, self time "
              "(`python -X importtime`, median of 3; the first module to touch a PySide6 "
              "class pays for making its Python type and enums):", "",
              "| module | self time |", "|---|---|"]
    lines += [f"| {name} | {ms:.1f} ms |" for name, ms in import_costs()]
    frozen = [line for line in _read(HERE / "RESULTS-bundle.md").splitlines()
              if line.startswith("| frozen start")]
    if frozen:
        lines += ["", "Frozen build (bench/bench_bundle.py, RESULTS-bundle.md; from the process's "
                  "spawn to the first paint it reports, and to the first paint with the "
                  "data):", "",
                  *TABLE_HEAD, *frozen]
    return rows, lines


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


TABLE_HEAD = ["| measure | ours | floor | ratio | goal |", "|---|---|---|---|---|"]


TRAJECTORY_HEADING = "## Trajectory chart (Tiến độ tab)"


def _trajectory_section(chart_rows: list[str]) -> list[str]:
    return [
        TRAJECTORY_HEADING, "",
        "Province file, the panel on 30/06/2030: after each edit the panel's figures (d and",
        "the day before the plan), then the chart's four year ends (the panel's two are",
        "reused) are computed off the GUI thread, each on a second, read-only connection in",
        "a pool thread (ui/background.py); the Đơn vị rows wait for the panel's figures.",
        "The stall is the longest gap between the beats of a 5 ms timer on the GUI thread,",
        "from the edit until the chart is repainted.", "",
        *TABLE_HEAD, *chart_rows]


MINE = ("| start to first painted window", "| the same in CPU time",
        "| start to the demo data")


def _other_rows(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n## ")[0].splitlines()
    return [line for line in lines if line.startswith("| ") and not line.startswith(MINE)
            and line not in TABLE_HEAD and not line.startswith("| measure")]


def _others(path: Path) -> list[str]:
    """Sections of RESULTS-ui.md written by other benchmarks (kept as they are)."""
    if not path.exists():
        return []
    keep, out = False, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line != START_HEADING
        if keep:
            out.append(line)
    return out


def main() -> None:
    from bench.run_bench import compile_package, machine

    compile_package()
    path = HERE / "RESULTS-ui.md"
    if "--trajectory" in sys.argv and path.exists():  # that section only, the rest kept
        head = path.read_text(encoding="utf-8").split(TRAJECTORY_HEADING)[0]
        with tempfile.TemporaryDirectory() as tmp_name:
            section = _trajectory_section(trajectory_bench(Path(tmp_name)))
        text = head + "\n".join(section) + "\n"
        path.write_text(text, encoding="utf-8")
        print(text)
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        demo = demo_file(tmp)
        rows, breakdown = start_up(tmp, demo)
        others = _others(path)
        if "--start-up" not in sys.argv:
            rows += province(tmp)
            others = _trajectory_section(trajectory_bench(tmp))
        else:  # the other measures of the table as they were
            rows += _other_rows(path)
    text = "\n".join(["# Window benchmarks", "", f"Machine: {machine()}.", "", *TABLE_HEAD,
                      *rows, "", *breakdown, "", *others, ""])
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
