"""The window at a province's size: the longest pause of the GUI thread during each
piece of work, and the peak memory of the process.

    python bench/bench_pauses.py            # generates bench/out/province.* if missing

A timer on the GUI thread ticks every 5 ms; a pause is the time between two ticks (the
thread was busy with something else). For each action the longest pause is printed,
against the goal of 100 ms, with the action's whole time. The window runs offscreen as
the tests do (no real display); the file is the province file of bench/generate.py
(2,000 units, 50,000 cadres, 20,000 activities). Results go to bench/RESULTS-pauses.md.
Not a test: nothing here asserts a time."""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile="
                      + str(HERE.parent / "tests" / "offscreen-screens.json"))
sys.path.insert(0, str(HERE.parent))

GOAL_MS = 100
MEMORY_GOAL_MB = 150


class Probe:
    """Ticks on the GUI thread; the longest gap between two ticks since `reset`."""

    def __init__(self, app):
        from PySide6.QtCore import Qt, QTimer

        self.app = app
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.app.processEvents()
        self.last = time.perf_counter()
        self.longest = 0.0


def run_until(app, done, timeout: float = 300.0) -> None:
    """The event loop runs (the probe ticks) until `done()`."""
    end = time.monotonic() + timeout
    while not done():
        app.processEvents()
        time.sleep(0.002)
        if time.monotonic() > end:
            raise TimeoutError("the action did not end")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(app, probe, name: str, start, done, rows: list[str]) -> None:
    probe.reset()
    began = time.perf_counter()
    start()  # what runs before the event loop is back counts as a pause too
    blocked = time.perf_counter() - began
    run_until(app, done)
    ended = time.perf_counter()
    run_until(app, lambda: time.perf_counter() - ended > 0.05)  # a last tick or two
    whole = ended - began
    longest = max(probe.longest, blocked) * 1000
    met = "yes" if longest <= GOAL_MS else "no"
    rows.append(f"| {name} | {longest:.0f} ms | {whole * 1000:.0f} ms | ≤ {GOAL_MS} ms | {met} "
                f"| {peak_mb():.0f} MB |")
    print(rows[-1], flush=True)


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from bench.generate import generate
    from tanhoi_desktop.ui import operations
    from tanhoi_desktop.ui.app import make_app
    from tanhoi_desktop.ui.main_window import MainWindow
    from tanhoi_desktop.ui.period_preview import PeriodReportDialog
    from tanhoi_desktop.ui.report_preview import ReportDialog
    from tanhoi_desktop.ui.sender_dialog import SenderDialog

    out = HERE / "out"
    db, workbook = out / "province.sqlite", out / "province.xlsx"
    if not db.exists() or not workbook.exists():
        db, workbook = generate("province", out)
    tmp = Path(tempfile.mkdtemp(prefix="bench-pauses-"))
    work = tmp / "province.sqlite"
    shutil.copyfile(db, work)
    empty = tmp / "empty.sqlite"

    app = make_app()
    QMessageBox.exec = lambda self: 0  # summaries and notices: answered at once
    SenderDialog.exec = lambda self: 1  # «Không ghi nhận»
    from tanhoi_desktop.ui import report_preview
    report_preview.ask = lambda *a, **k: True  # «Vẫn in, xuất»: sections not written yet
    window = MainWindow(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    probe = Probe(app)
    rows: list[str] = []
    idle = lambda: not operations.busy() and not window.figures.busy  # noqa: E731

    # import of the province workbook into an empty file
    assert window.open_store(empty, create=True)
    run_until(app, idle)
    rows.append(f"| (the window open on an empty file) | | | | | {peak_mb():.0f} MB |")
    ops = []
    measure(app, probe, "import of the province workbook (check, write, refresh)",
            lambda: ops.append(window.import_path(workbook)),
            lambda: ops[-1].ok is not None and idle(), rows)

    assert window.open_store(work)
    run_until(app, idle)
    target = tmp / "xuat.xlsx"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))
    measure(app, probe, "export of the whole file to Excel",
            lambda: ops.append(window.export_workbook()),
            lambda: ops[-1].ok is not None, rows)

    day = dt.date(2026, 11, 15)
    dialog = ReportDialog(window.store, day, window, service=window.figures)
    pdf = tmp / "bao-cao.pdf"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(pdf), ""))
    measure(app, probe, "yearly report to PDF",
            lambda: ops.append(dialog.export_pdf()),
            lambda: ops[-1].ok is not None, rows)
    assert ops[-1].ok and pdf.exists(), ops[-1].message  # a PDF was made, not a failure
    for name, report, out, export in [
            ("period report to PDF", PeriodReportDialog(window.store, day, window),
             tmp / "giai-doan.pdf", "export_pdf"),
            ("yearly report to Excel", dialog, tmp / "bao-cao.xlsx", "export_xlsx")]:
        QFileDialog.getSaveFileName = staticmethod(lambda *a, o=out, **k: (str(o), ""))
        measure(app, probe, name, lambda r=report, e=export: ops.append(getattr(r, e)()),
                lambda: ops[-1].ok is not None, rows)
        assert ops[-1].ok and out.exists(), ops[-1].message

    cadres = window.show_tab("cadres").table
    run_until(app, idle)

    def add() -> None:
        # what «Thêm…» does once its form is saved: the store writes and announces, the
        # table searches again, then the new row is selected (a given name sorting last)
        unit = window.store.browse.page("units", limit=1)[0]["code"]
        new = window.store.records.save("cadres", {"code": "BENCH-NEW", "full_name": "Nguyễn Thị Ỹ",
                                                   "gender": "Nữ", "unit_code": unit})
        assert cadres.select_id(new)

    measure(app, probe, "add a cadre and select its row (sorts last of 50,000)",
            add, idle, rows)
    measure(app, probe, "date change (panel, tables)",
            lambda: window.panel.set_as_of(dt.date(2027, 6, 30)), idle, rows)
    for key in ("units", "planning", "training", "activities", "budget", "trajectory",
                "cadres"):
        measure(app, probe, f"tab switch to «{key}» (built on first show)",
                lambda k=key: window.show_tab(k), idle, rows)

    peak = peak_mb()
    window.close()
    shutil.rmtree(tmp, ignore_errors=True)
    # the report PDF is made by a child process (report/child.py): its own peak
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    memory = (f"Peak memory of the process (ru_maxrss): {peak:.0f} MB, goal ≤ "
              f"{MEMORY_GOAL_MB} MB: {'met' if peak <= MEMORY_GOAL_MB else 'not met'}; "
              f"of its largest child process (the PDF): {child_peak:.0f} MB. "
              f"Load average of the machine (1, 5, 15 min) at the end: "
              f"{', '.join(f'{v:.1f}' for v in os.getloadavg())}.")
    print(memory)
    lines = ["# The window at a province's size: pauses of the GUI thread", "",
             f"Measured {dt.date.today():%d/%m/%Y} with `python bench/bench_pauses.py` "
             "(offscreen, province file: 2,000 units, 50,000 cadres, 20,000 activities). "
             "A 5 ms timer on the GUI thread; the longest gap between two of its ticks "
             "during each action.", "",
             "| action | longest pause | whole action | goal | met | peak memory so far |",
             "|---|---|---|---|---|---|",
             *rows, "", memory, ""]
    (HERE / "RESULTS-pauses.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
