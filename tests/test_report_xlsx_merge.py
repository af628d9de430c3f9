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


def _table_sheet(path, monkeypatch, every_time: bool):
    from openpyxl.styles import Alignment, Font

    from tanhoi_desktop.report import xlsx
    from tanhoi_desktop.report.parts import Table
    from tanhoi_desktop.report.xlsx_style import FONT

    def assign(self, cell, bold, align):  # each cell styled from scratch
        if bold is not None:
            cell.font = Font(name=FONT, size=12, bold=bold)
            cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        cell.border = BOX

    if every_time:
        monkeypatch.setattr(xlsx._Writer, "_style", assign)
    table = Table("Bảng 1", ["TT", "Tên", "Số"], [["1", "Phòng A", "3"], ["2", "=B", "4"],
                                                  ["", "Cộng", "7"]],
                  [1, 6, 1], numeric={0, 2}, bold_rows={2})
    wb = Workbook()
    xlsx._Writer(wb.active).table(table)
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml"), z.read("xl/styles.xml")


def test_table_cells_styled_once_per_kind_are_written_as_styled_one_by_one(tmp_path,
                                                                           monkeypatch):
    once = _table_sheet(tmp_path / "a.xlsx", monkeypatch, every_time=False)
    each = _table_sheet(tmp_path / "b.xlsx", monkeypatch, every_time=True)
    assert b"<b" in once[1] and b"<mergeCell " in once[0]  # bold rows, merged spans
    assert once == each
