"""The report workbook merges its rows' cells without openpyxl's check against every
earlier merge (quadratic for a province's report), and the file is the same as with
openpyxl's own merge_cells."""

from __future__ import annotations

import zipfile

from openpyxl import Workbook

from tanhoi_desktop.report.xlsx import merge_row
from tanhoi_desktop.report.xlsx_style import BOX


def _sheet(path, merge):
    wb = Workbook()
    ws = wb.active
    for row in range(1, 6):
        ws.cell(row, 1, f"dòng {row}")
        for col in range(1, 5):
            ws.cell(row, col).border = BOX
        merge(ws, row, 1 + row % 2, 4)
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_merged_rows_are_written_as_openpyxl_merges_them(tmp_path):
    ours = _sheet(tmp_path / "a.xlsx", merge_row)
    theirs = _sheet(tmp_path / "b.xlsx", lambda ws, row, first, last: ws.merge_cells(
        start_row=row, start_column=first, end_row=row, end_column=last))
    assert b"<mergeCell " in ours
    assert ours == theirs
