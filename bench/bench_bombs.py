"""Hostile workbooks: each bomb is built, then imported by a fresh process that reports
how long the refusal took and its peak memory (goal: under 5 s and 300 MB each).

    python bench/bench_bombs.py          # writes bench/RESULTS-bombs.md

Each import runs under a 2 GB address-space limit, so that a bomb that got through
would end its process (reported as such) instead of the machine's memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.run_bench import machine  # noqa: E402
from tests.hostile_workbooks import BOMBS  # noqa: E402

GOAL_SECONDS, GOAL_MB = 5.0, 300
_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
from tanhoi_desktop.exchange import workbook as exchange
start = time.perf_counter()
plan = exchange.read_workbook(sys.argv[1], None)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "problems": plan.problems}))
"""


_BUILD = r"""
import sys
from pathlib import Path
from tests.hostile_workbooks import BOMBS
BOMBS[sys.argv[1]][0](Path(sys.argv[2]))
"""


def build(name: str, path: Path) -> Path:
    """The bomb built by a process of its own: a builder that holds a big part in memory
    would raise the peak that the importing child inherits from this one (Linux keeps a
    process's peak resident size across fork and exec)."""
    subprocess.run([sys.executable, "-c", _BUILD, name, str(path)], check=True, cwd=ROOT)
    return path


def run_one(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"),
                "problems": [f"process ended with code {out.returncode}"]}
    return json.loads(out.stdout)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (_builder, expected) in BOMBS.items():
            path = build(name, Path(tmp) / "bomb.xlsx")
            size = path.stat().st_size
            result = run_one(path)
            problem = result["problems"][0] if result["problems"] else "(accepted)"
            ok = (expected in problem and result["seconds"] < GOAL_SECONDS
                  and result["peak_mb"] < GOAL_MB)
            rows.append(f"| {name} | {size / 1024:,.0f} KB | {result['seconds']:.2f} s | "
                        f"{result['peak_mb']:.0f} MB | {'yes' if ok else 'NO'} | {problem} |")
            print(rows[-1], flush=True)
            path.unlink()
    text = "\n".join([
        "# Hostile workbooks: refusal time and peak memory", "",
        f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} when run.", "",
        "Each bomb is imported (`exchange.read_workbook`) by a fresh process; time of the "
        "call, peak resident memory of the whole process (Python and the program "
        f"included). Goal: refused in under {GOAL_SECONDS:.0f} s and {GOAL_MB} MB. Each "
        "bomb is built by a process of its own (Linux keeps a process's peak memory across "
        "fork and exec: a builder's would be counted as the import's). «9.990 phần chồng "
        "lên nhau» lists one 100 KB deflated part 9,990 times more: before its directory "
        "was checked, 40 such entries took 12 s and 9,990 about 48 minutes.", "",
        "| bomb | file size | refused in | peak memory | met | what the user reads |",
        "|---|---|---|---|---|---|", *rows, ""])
    (HERE / "RESULTS-bombs.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
