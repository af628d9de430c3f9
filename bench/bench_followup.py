"""Opening «Tình hình gửi báo cáo» on the province file vs a bare SQL query of the same
rows, in the same run (ratio; goal ≤ 2×). Results: bench/RESULTS-followup.md.

    python bench/bench_followup.py

Ours: what the view reads and shapes when it opens (every unit's state for the year,
first and last submission, last file; the table model filled). Floor: one SELECT of
the same rows (units active on the deadline, left-joined to the year's submissions)
fetched with sqlite3. Also: the whole dialog opened and painted vs a bare dialog with a
table of the floor's rows."""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QTableView, QVBoxLayout

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

YEAR = 2026
FLOOR_SQL = """
    SELECT u.id, u.code, u.name, s.received_at, s.file_name
    FROM units u LEFT JOIN submissions s ON s.unit_id = u.id AND s.year = ?
    WHERE (u.from_date IS NULL OR u.from_date <= ?) AND (u.to_date IS NULL OR u.to_date >= ?)
    ORDER BY u.sort_key, u.code
"""


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from bench.generate import add_submissions, generate
    from bench.run_bench import machine
    from tanhoi_desktop.store import Store
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog

    db = HERE / "out" / "province.sqlite"
    if not db.exists():
        db, _ = generate("province", HERE / "out")
    with Store.open(db) as store:
        if store.records.count("submissions") == 0:  # a file made before submissions existed
            add_submissions(store)
        sent = store.records.count("submissions")
        units = store.records.count("units")
    app = QApplication.instance() or QApplication([])
    store = Store.open(db)
    conn = sqlite3.connect(db)
    deadline = f"{YEAR}-11-15"
    dialog = SubmissionsDialog(store, YEAR)

    def reload() -> int:  # what opening (or another year) reads and shapes
        dialog.reload()
        return dialog.model.rowCount()

    def floor() -> int:
        return len(conn.execute(FLOOR_SQL, (YEAR, deadline, deadline)).fetchall())

    def open_view() -> int:
        view = SubmissionsDialog(store, YEAR)
        view.show()
        view.view.viewport().repaint()  # the first rows painted
        app.processEvents()
        view.close()
        view.deleteLater()
        app.processEvents()
        return view.model.rowCount()

    def bare_view() -> int:
        rows = conn.execute(FLOOR_SQL, (YEAR, deadline, deadline)).fetchall()
        view = QDialog()
        table = QTableView(view)
        model = _Rows(rows)
        table.setModel(model)
        QVBoxLayout(view).addWidget(table)
        view.resize(900, 600)
        view.show()
        table.viewport().repaint()
        app.processEvents()
        view.close()
        view.deleteLater()
        app.processEvents()
        return len(rows)

    rows = reload()
    results = {}
    for name, (a, b) in {"data": (reload, floor), "window": (open_view, bare_view)}.items():
        a(), b()
        work, base = [], []
        for _ in range(15):
            t = time.perf_counter()
            a()
            work.append(time.perf_counter() - t)
            t = time.perf_counter()
            b()
            base.append(time.perf_counter() - t)
        results[name] = statistics.median(work), statistics.median(base)
    store.close()
    conn.close()
    (w, f), (ow, of) = results["data"], results["window"]
    text = "\n".join([
        "# Who has reported: benchmark (province scale)", "", f"Machine: {machine()}.", "",
        f"{units} units, {sent} submissions for {YEAR}; the view lists {rows} units "
        f"(active on the deadline). Median of 15 runs, same process, alternated.", "",
        "| measure | ours | floor | ratio | goal |", "|---|---|---|---|---|",
        f"| the view's data on opening (every unit's state, first and last submission, last "
        f"file; model filled) vs one bare SQL query of the same rows | {w * 1000:.1f} ms | "
        f"{f * 1000:.1f} ms | **{w / f:.2f}×** | ≤ 2× |",
        f"| the dialog opened and painted vs a bare QDialog + QTableView of the bare "
        f"query's rows, painted | {ow * 1000:.1f} ms | {of * 1000:.1f} ms | "
        f"**{ow / of:.2f}×** | — |", ""])
    (HERE / "RESULTS-followup.md").write_text(text, encoding="utf-8")
    print(text)


class _Rows(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 5

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


if __name__ == "__main__":
    main()
