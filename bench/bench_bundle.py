"""Bundle size and frozen start-up vs a bare PySide6 window bundled the same way, built in
the same run. Results: bench/RESULTS-bundle.md.

    python bench/bench_bundle.py"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

BARE_APP = r'''
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"painted {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
tabs.addTab(QTableView(), "Bảng")
window.setCentralWidget(tabs)
window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
'''

BARE_SPEC = r'''
import sys
sys.path.insert(0, {installer!r})
from bundle_filter import EXCLUDES, wanted
a = Analysis([{script!r}], excludes=EXCLUDES)
a.binaries = [b for b in a.binaries if wanted(b[0])]
a.datas = [d for d in a.datas if wanted(d[0])]
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="bare", console=True)
coll = COLLECT(exe, a.binaries, a.datas, name="bare")
'''

# Our window quits at its first paint too, or at the first paint with the data ("data"),
# through an environment switch (tanhoi_desktop/ui/app.py).
OURS_QUIT = "TANHOI_QUIT_AFTER_FIRST_PAINT"


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def build(spec: Path, tmp: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath",
                    str(tmp / "dist"), "--workpath", str(tmp / "work"), str(spec)],
                   check=True, capture_output=True)
    return tmp / "dist"


def start_time(cmd: list[str], env: dict) -> float:
    """From the spawn to the paint the program reports (its clock and ours are the same
    machine's): the exit after it, which for ours closes the file, is not counted."""
    spawned = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=60, text=True)
    painted = [line for line in out.stdout.splitlines() if line.startswith("painted ")]
    return float(painted[-1].split()[1]) - spawned


def main() -> None:
    from bench.run_bench import machine

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
        spec = tmp / "bare.spec"
        spec.write_text(BARE_SPEC.format(installer=str(ROOT / "installer"),
                                         script=str(tmp / "bare_app.py")), encoding="utf-8")
        bare = build(spec, tmp / "b") / "bare"
        ours = build(ROOT / "build.spec", tmp / "o") / "tanhoi-desktop"
        ours_size, bare_size = size(ours), size(bare)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", OURS_QUIT: "1"}
        exe = ".exe" if sys.platform == "win32" else ""
        demo = tmp / "demo.sqlite"
        subprocess.run([str(ours / f"tanhoi-desktop-cli{exe}"), "import", "--db", str(demo),
                        str(ROOT / "resources" / "demo" / "du-lieu-mau.xlsx")], check=True,
                       capture_output=True)
        ours_cmd = [str(ours / f"tanhoi-desktop{exe}"), "--db", str(demo)]
        ours_start, ours_data, bare_start = [], [], []
        for _ in range(5):  # alternately: the three see the same machine load
            ours_start.append(start_time(ours_cmd, env))
            ours_data.append(start_time(ours_cmd, {**env, OURS_QUIT: "data"}))
            bare_start.append(start_time([str(bare / f"bare{exe}")], env))
        ours_start, ours_data, bare_start = (statistics.median(t) for t in
                                             (ours_start, ours_data, bare_start))
    mb = 1024 * 1024
    text = "\n".join([
        "# Bundle benchmark", "", f"Machine: {machine()}.", "",
        "Both bundles are PyInstaller one-folder builds with the same exclusions "
        "(`installer/bundle_filter.py`); start-up is process start to first painted window "
        "(the process prints the time of its first paint, then quits; the exit is not "
        "counted), median of 5, alternately, offscreen; ours paints its "
        "window first and opens the file just after, so it is measured also to the first "
        "paint with the data.", "",
        "| measure | ours | bare window | ratio | goal |", "|---|---|---|---|---|",
        f"| bundle size | {ours_size / mb:.0f} MB | {bare_size / mb:.0f} MB | "
        f"**{ours_size / bare_size:.3f}×** | ≤ 1.15× |",
        f"| frozen start to first paint | {ours_start * 1000:.0f} ms | "
        f"{bare_start * 1000:.0f} ms | **{ours_start / bare_start:.2f}×** | ≤ 1.5× |",
        f"| frozen start to the demo data shown (the Đơn vị table painted with its rows) | "
        f"{ours_data * 1000:.0f} ms | {bare_start * 1000:.0f} ms | "
        f"{ours_data / bare_start:.2f}× | |", ""])
    (HERE / "RESULTS-bundle.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
