"""The province-scale yearly report to Excel, with the report's own row merges vs the same
report with openpyxl's merge_cells (which checks each new range against every earlier
one), in the same run. Results: bench/RESULTS-xlsx-report.md.

    python bench/bench_xlsx_report.py"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

AS_OF = dt.date(2026, 11, 15)


def _openpyxl_merge(ws, row: int, first: int, last: int) -> None:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def main() -> None:
    from bench.generate import generate
    from bench.run_bench import machine
    from tanhoi_desktop.report import content, xlsx
    from tanhoi_desktop.store import Store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db, _workbook = generate("province", tmp)
        with Store.open(db) as store:
            sheet = content.build(store, AS_OF)
        times = {}
        for name, merge in (("ours", xlsx.merge_row), ("openpyxl", _openpyxl_merge)):
            real = xlsx.merge_row
            xlsx.merge_row = merge
            try:
                start = time.process_time()
                xlsx.render(sheet, tmp / f"{name}.xlsx", protect=(db,))
                times[name] = time.process_time() - start
            finally:
                xlsx.merge_row = real
        from python_calamine import CalamineWorkbook

        rows = sum(len(CalamineWorkbook.from_path(str(tmp / "ours.xlsx"))
                       .get_sheet_by_index(i).to_python())
                   for i in range(len(CalamineWorkbook.from_path(str(tmp / "ours.xlsx"))
                                      .sheet_names)))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = "\n".join([
        "# Yearly report to Excel at province scale", "", f"Machine: {machine()}; load "
        f"average {load:.1f}.", "",
        f"The province yearly report ({rows:,} sheet rows), laid out once, written to .xlsx "
        "(CPU time).", "",
        "| measure | time | ratio |", "|---|---|---|",
        f"| with the report's row merges | {times['ours']:.1f} s | "
        f"**{times['ours'] / times['openpyxl']:.2f}×** |",
        f"| with openpyxl's merge_cells | {times['openpyxl']:.1f} s | 1 |", ""])
    (HERE / "RESULTS-xlsx-report.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
