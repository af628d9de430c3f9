"""The province at scale (spec/province.md): 102 communes (An Giang) and the country
(3,321 communes), each about 20 units. Results: bench/RESULTS-province.md.

    python bench/bench_province.py [102|3321 ...]

Each scale runs in a process of its own (its peak memory is its own). The communes'
workbooks are written by the program's own writer (province.export.workbook) from
synthetic figures that agree with their unit rows. Measured: adding every workbook
(copy with SHA-256, read, checks, store), against a floor in the same run (calamine
reading the same five sheets of every workbook and one executemany of their rows into a
bare SQLite table); the province figures against a bare SUM over the same rows; the
printed report (PDF) and its .xlsx; peak memory (ru_maxrss); the sizes on disk."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

D = dt.date(2026, 11, 15)
KINDS = ("Cơ quan QLNN, chính quyền", "Đơn vị sự nghiệp công lập", "MTTQ, tổ chức CT-XH")


def commune_report(code: str, rng: random.Random):
    """A commune's report whose figures agree with its own unit rows."""
    from tanhoi_desktop import domain
    from tanhoi_desktop.province import export, form

    units = []
    for i in range(rng.randint(17, 23)):
        kind = KINDS[0] if i < 9 else rng.choice(KINDS[1:])
        staff = rng.randint(3, 30)
        women = rng.randint(0, staff)
        leader = rng.random() < 0.55
        special = kind == KINDS[0] and rng.random() < 0.15
        role = "HĐND" if i == 0 else "UBND" if i == 1 else ""
        waived = (kind == KINDS[0] and special and not leader and women * 10 < staff * 3)
        units.append({"code": f"U{i:02d}", "name": f"Đơn vị số {i} của xã {code}",
                      "kind": kind, "in_scope_ct1": kind == KINDS[0], "special_sector": special,
                      "role": role, "staff": staff, "women": women,
                      "has_female_key_leader": leader, "waived": waived})
    scope = [u for u in units if u["in_scope_ct1"]]
    h = sum(u["has_female_key_leader"] for u in scope)
    waived = sum(u["waived"] for u in units)
    nat = [u for u in units if u["role"]]
    pool = rng.randint(10, 40)
    w = rng.randint(0, pool)
    counts = {"CT1": (h, len(scope)), "CT1_adj": (h, len(scope) - waived),
              "CT1_national": (sum(u["has_female_key_leader"] for u in nat), len(nat)),
              "CT2": (w, pool), "CT3": (rng.randint(0, w), w)}
    figures = [{"key": k, "numerator": n, "denominator": d,
                "target": None if k == "CT1_national" else 0.75, "milestone": None,
                "status": "" if k == "CT1_national" else "Chưa có mốc"}
               for k, (n, d) in counts.items()]
    work = [{"group": g, "activities": rng.randint(0, 6), "participants": rng.randint(0, 300),
             "women": rng.randint(0, 150), "cost": rng.randint(0, 30) * 1_000_000}
            for g in domain.TASK_GROUPS]
    budget = [{"funding": f, "estimate": rng.randint(0, 50) * 1_000_000,
               "spent": rng.randint(0, 50) * 1_000_000} for f in domain.FUNDING_SOURCES]
    cover = {form.COMMUNE: f"Xã số {code}", form.COMMUNE_CODE: code, form.PROVINCE: "An Giang",
             form.AS_OF: f"{D:%d/%m/%Y}",
             form.EXPORTED: dt.datetime(2026, 11, 14, 8, rng.randint(0, 59)).strftime(
                 form.EXPORTED_FORMAT),
             form.FILE_ID: f"{rng.getrandbits(128):032x}", form.CLOSED: "Không"}
    return export.ProvinceReport(cover, figures, units, work, budget)


def make_workbooks(n: int, folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    from tanhoi_desktop.province import export

    rng = random.Random(2282 + n)
    folder.mkdir(parents=True, exist_ok=True)
    paths, communes = [], []
    for i in range(n):
        code = f"{30000 + i:05d}"
        path = folder / f"{code}.xlsx"
        if not path.exists():
            export.workbook(commune_report(code, rng)).save(path)
        paths.append(path)
        communes.append((code, f"Xã số {code}"))
    return paths, communes


def floor_intake(paths: list[Path], db: Path) -> float:
    """calamine reads the five sheets of every workbook; one executemany of their rows."""
    from python_calamine import CalamineWorkbook

    from tanhoi_desktop.province import form

    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE rows (file TEXT, sheet TEXT, a, b, c, d, e, f, g, h, i, j)")
    start = time.perf_counter()
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        batch = []
        for sheet in form.SHEETS:
            for row in book.get_sheet_by_name(sheet).to_python():
                batch.append((path.name, sheet, *(list(row) + [None] * 10)[:10]))
        with conn:
            conn.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             batch)
    took = time.perf_counter() - start
    conn.close()
    return took


def one_scale(n: int) -> dict:
    from tanhoi_desktop.province import figures, intake, report
    from tanhoi_desktop.province.store import ProvinceStore
    from tanhoi_desktop.report import pdf

    work = HERE / "out" / f"province-{n}"
    paths, communes = make_workbooks(n, work / "gui")
    for stale in (work / "tinh.sqlite", work / "tinh-tep-nhan", work / "floor.sqlite"):
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()
    floor = floor_intake(paths, work / "floor.sqlite")
    store = ProvinceStore.create(work / "tinh.sqlite")
    store.set_communes(communes, "danh-sach.xlsx")
    store.save_settings({"as_of": D.isoformat(), "deadline": "2026-11-14"})
    start = time.perf_counter()
    outcomes = intake.add_files(store, paths, D)
    add = time.perf_counter() - start
    assert all(o.kind == intake.ADDED_KIND for o in outcomes), outcomes[:3]
    start = time.perf_counter()
    again = intake.add_files(store, paths[: max(1, n // 10)], D)
    same = (time.perf_counter() - start) / len(again)
    start = time.perf_counter()
    pf = figures.compute(store)
    fig = time.perf_counter() - start
    conn = sqlite3.connect(work / "tinh.sqlite")
    start = time.perf_counter()
    conn.execute("SELECT f.key, SUM(f.numerator), SUM(f.denominator) FROM report_figures f "
                 "JOIN reports r ON r.id = f.report_id WHERE r.as_of = ? GROUP BY f.key",
                 (D.isoformat(),)).fetchall()
    bare = time.perf_counter() - start
    unit_rows = conn.execute("SELECT COUNT(*) FROM report_units").fetchone()[0]
    conn.close()
    pdf.ensure_gui_app()
    start = time.perf_counter()
    pages = report.write_pdf(store, None, work / "bao-cao.pdf")
    printed = time.perf_counter() - start
    start = time.perf_counter()
    report.write_xlsx(store, None, work / "bao-cao.xlsx")
    xlsx = time.perf_counter() - start
    store.close()
    intake_bytes = sum(p.stat().st_size for p in (work / "tinh-tep-nhan").iterdir())
    return {
        "communes": n, "unit_rows": unit_rows,
        "workbooks_mb": round(sum(p.stat().st_size for p in paths) / 2**20, 1),
        "add_s": round(add, 2), "add_ms_each": round(add / n * 1000, 1),
        "floor_s": round(floor, 2), "add_vs_floor": round(add / floor, 2),
        "same_file_ms": round(same * 1000, 1),
        "figures_s": round(fig, 3), "bare_sum_s": round(bare, 4),
        "pdf_s": round(printed, 2), "pdf_pages": pages, "xlsx_s": round(xlsx, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "file_mb": round((work / "tinh.sqlite").stat().st_size / 2**20, 2),
        "intake_mb": round(intake_bytes / 2**20, 1),
        "province_ct1": f"{pf['CT1'].numerator}/{pf['CT1'].denominator}",
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one_scale(int(sys.argv[2]))))
        return
    scales = [int(a) for a in sys.argv[1:]] or [102, 3321]
    for n in scales:
        done = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                              text=True, encoding="utf-8",
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        if done.returncode:
            sys.stderr.write(done.stderr)
            sys.exit(done.returncode)
        print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
