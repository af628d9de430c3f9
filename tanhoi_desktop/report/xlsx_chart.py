"""The trajectory chart in the .xlsx of a printed sheet: the chart's values as a table of
numbers (the baseline day, each date, the milestones), and a native spreadsheet line
chart over them (no image library needed), its caption under it."""

from __future__ import annotations

from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font

from ..figures.indicators import SHORT
from ..figures.trajectory import CHART_KEYS, Trajectory
from .sections import Section
from .xlsx_style import BOX, FONT

CHART_ROWS = 20  # rows left for the chart (9 cm high)


def _value_table(w, traj: Trajectory) -> tuple[int, int]:
    """One row per date, one column per figure and per milestone; returns (header row,
    last row)."""
    ws = w.ws
    headers = ["Thời điểm", *(SHORT[k] for k in CHART_KEYS),
               *(f"Mốc {SHORT[k]}" for k in CHART_KEYS)]
    header_row = w.row
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(w.row, c, text)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        cell.border = BOX
    ws.row_dimensions[w.row].height = 34
    w.next()
    first = traj[CHART_KEYS[0]]
    days = [traj.baseline_day, *(p.day for p in first.points)]
    for n, day in enumerate(days):
        label = ws.cell(w.row, 1, f"{day:%d/%m/%Y}")
        label.data_type = "s"
        for c, key in enumerate(CHART_KEYS, start=2):
            s = traj[key]
            value = s.baseline if n == 0 else s.points[n - 1].value
            milestone = s.baseline if n == 0 else s.milestone(day.year)
            for col, v in ((c, value), (c + len(CHART_KEYS), milestone)):
                cell = ws.cell(w.row, col, None if v is None else float(v))
                cell.number_format = "0.0%"
        for c in range(1, len(headers) + 1):
            ws.cell(w.row, c).font = Font(name=FONT, size=11)
            ws.cell(w.row, c).border = BOX
        w.next()
    return header_row, w.row - 1


def _line_chart(ws, caption: str, header: int, last: int) -> LineChart:
    """The figures in solid lines, the milestones dashed, 0-100 %."""
    chart = LineChart()
    chart.title = caption
    chart.y_axis.title = "Tỷ lệ"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.height, chart.width = 9, 17
    chart.add_data(Reference(ws, min_col=2, max_col=1 + 2 * len(CHART_KEYS),
                             min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=last))
    for i, series in enumerate(chart.series):
        series.smooth = False
        if i >= len(CHART_KEYS):
            series.graphicalProperties.line.dashStyle = "dash"
    return chart


def write_chart(w, section: Section) -> tuple[int, int]:
    """The section's chart: its values, the chart under them, the caption; returns the
    value table's (header row, last row)."""
    header, last = _value_table(w, section.chart)
    w.next()
    w.ws.add_chart(_line_chart(w.ws, section.caption, header, last), f"A{w.row}")
    w.next(CHART_ROWS)
    w.line(section.caption, italic=True, size=12, align="center", height=34)
    w.next()
    return header, last
