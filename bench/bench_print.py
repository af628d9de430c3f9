"""Printing the province-scale sheet to PDF vs rendering a plain QTextDocument table of
the same rows to PDF (the floor), in the same run. Results: bench/RESULTS-print.md.

    python bench/bench_print.py"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

AS_OF = dt.date(2026, 11, 15)


def main() -> None:
    from PySide6.QtGui import QPdfWriter, QTextDocument

    from bench.generate import generate
    from bench.run_bench import machine
    from tanhoi_desktop.report import content, pdf, sections
    from tanhoi_desktop.store import Store

    db = HERE / "out" / "province.sqlite"
    if not db.exists():
        db, _ = generate("province", HERE / "out")
    pdf.ensure_gui_app()
    with Store.open(db) as store, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sheet = content.build(store, AS_OF)
        tables = sections.data_tables(sheet)  # every table printed, the appendix's too
        rows = sum(len(t.rows) for t in tables)

        def ours():
            return pdf.write_pdf(store, AS_OF, tmp / "ours.pdf")

        def floor():
            html = "".join(
                "<table border='1'>" + "".join(
                    "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                    for row in t.rows) + "</table>" for t in tables)
            doc = QTextDocument()
            doc.setHtml(html)
            writer = QPdfWriter(str(tmp / "floor.pdf"))
            writer.setResolution(96)
            doc.print_(writer)
            del writer

        pages = ours()
        work, base, work_cpu, base_cpu = [], [], [], []
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            ours()
            work.append(time.perf_counter() - t)
            work_cpu.append(time.process_time() - c)
            t, c = time.perf_counter(), time.process_time()
            floor()
            base.append(time.perf_counter() - t)
            base_cpu.append(time.process_time() - c)
    w, f = statistics.median(work), statistics.median(base)
    wc, fc = statistics.median(work_cpu), statistics.median(base_cpu)
    text = "\n".join([
        "# Printing benchmark (province scale)", "", f"Machine: {machine()}.", "",
        f"The sheet for 2,000 units as of {AS_OF:%d/%m/%Y}: {rows} table rows, {pages} "
        "pages. Floor: the same rows as a plain QTextDocument table printed to PDF.", "",
        "| measure | ours | floor | ratio | goal |", "|---|---|---|---|---|",
        f"| summary sheet to PDF vs plain table to PDF | {w * 1000:.0f} ms | "
        f"{f * 1000:.0f} ms | **{w / f:.2f}×** | ≤ 1.5× |",
        f"| the same in CPU time (the machine is shared: steadier) | {wc * 1000:.0f} ms | "
        f"{fc * 1000:.0f} ms | **{wc / fc:.2f}×** | ≤ 1.5× |", ""])
    (HERE / "RESULTS-print.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
