"""The period report as .xlsx, in the yearly sheet's format (report/xlsx.py), with the
trajectory chart as a native spreadsheet line chart over a table of its values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font

from ..store import Store
from . import period, xlsx
from .period import PeriodSheet


def _chart_data(w: xlsx._Writer, sheet: PeriodSheet) -> tuple[int, int]:
    """The chart's values as numbers (31/12 of each year, d), one column per line;
    returns (header row, last row)."""
    traj = sheet.trajectory
    keys = period.CHART_KEYS
    headers = ["Thời điểm"] + [period.SHORT[k] for k in keys] + \
        [f"Mốc {period.SHORT[k]}" for k in keys]
    ws = w.ws
    header_row = w.row
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(w.row, c, text)
        cell.font = Font(name=xlsx.FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        cell.border = xlsx.BOX
    ws.row_dimensions[w.row].height = 34
    w.next()
    days = [traj.baseline_day] + [p.day for p in traj[keys[0]].points]
    for day in days:
        label = f"{day:%d/%m/%Y}"
        ws.cell(w.row, 1, label).data_type = "s"
        for c, key in enumerate(keys, start=2):
            s = traj[key]
            value = s.baseline if day == traj.baseline_day else \
                next(p.value for p in s.points if p.day == day)
            milestone = s.baseline if day == traj.baseline_day else s.milestone(day.year)
            for col, v in ((c, value), (c + len(keys), milestone)):
                cell = ws.cell(w.row, col, None if v is None else float(v))
                cell.number_format = "0.0%"
        for c in range(1, len(headers) + 1):
            ws.cell(w.row, c).font = Font(name=xlsx.FONT, size=11)
            ws.cell(w.row, c).border = Border(left=xlsx.THIN, right=xlsx.THIN,
                                              top=xlsx.THIN, bottom=xlsx.THIN)
        w.next()
    return header_row, w.row - 1


def _line_chart(w: xlsx._Writer, sheet: PeriodSheet, header: int, last: int) -> LineChart:
    """Lines over the chart's table: the figures solid, the milestones dashed."""
    chart = LineChart()
    chart.title = sheet.chart_caption
    chart.y_axis.title = "Tỷ lệ"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.height, chart.width = 9, 17
    chart.add_data(Reference(w.ws, min_col=2, max_col=1 + 2 * len(period.CHART_KEYS),
                             min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(w.ws, min_col=1, min_row=header + 1, max_row=last))
    for i, series in enumerate(chart.series):
        series.smooth = False
        if i >= len(period.CHART_KEYS):
            series.graphicalProperties.line.dashStyle = "dash"
    return chart


def render(sheet: PeriodSheet, path: Path) -> None:
    wb, w = xlsx.new_sheet()
    xlsx.write_heading(w, sheet)
    repeat = [w.table(sheet.overview)]
    w.line(sheet.overview_note, italic=True, size=12, height=86)
    w.next(2)
    w.line(sheet.years_title, bold=True)
    w.next()
    w.line(sheet.years_note, italic=True, size=12, height=52)
    w.next(2)
    for table in sheet.years:
        repeat.append(w.table(table))
        w.next()
    w.line(sheet.chart_title, bold=True)
    w.next()
    header, last = _chart_data(w, sheet)
    w.next()
    w.ws.add_chart(_line_chart(w, sheet, header, last), f"A{w.row}")
    w.next(20)  # the chart's height in rows
    w.line(sheet.chart_caption, italic=True, size=12, align="center", height=34)
    w.next(2)
    for kind, title in period.SECTIONS:
        xlsx.write_section(w, title, sheet.texts[kind])
    xlsx.write_signature(w, sheet)
    xlsx.save(wb, w, repeat, path)


def write_xlsx(store: Store, as_of: dt.date, path: Path | str,
               issued: dt.date | None = None) -> None:
    render(period.build(store, as_of, issued), Path(path))
