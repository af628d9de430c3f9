"""The trajectory chart, painted with QPainter on any device: the window's widget, and an
image at print resolution for the period report (PySide6-Essentials has no QtCharts).

Sizes are in typographic points, turned into device pixels by the device's resolution,
so that the screen and a 300 dpi image show the same chart. Readable in grey-scale
print: each line has its own style and marker shape, not only its own colour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from .. import domain
from ..figures import indicators
from ..figures.trajectory import CHART_KEYS, Series, Trajectory

VALUE = QColor("#1f4e79")  # today's data: solid line, filled circles
MILESTONE = QColor("#c55a11")  # the plan's yearly milestones: dashed line, open triangles
TARGET = QColor("#2e7d32")  # the target: dotted line
REPORTED = QColor("#b3261e")  # closed (reported) values: open squares
GRID = QColor("#c8c8c8")
TEXT = QColor("#000000")
GRID_STEPS = (0, 25, 50, 75, 100)

LEGEND = (
    ("value", "Số liệu ngày 31/12 hằng năm và ngày chốt"),
    ("milestone", "Mốc kế hoạch từng năm"),
    ("target", "Mục tiêu"),
    ("reported", "Số đã chốt (đã báo cáo)"),
)


def percent(value: Fraction | float | None) -> str:
    return domain.format_percent(None if value is None else float(value))


def target_text(target: Fraction) -> str:
    """A target as every percentage is written (indicators.md: one decimal, 75,0 %)."""
    return domain.format_percent(float(target))


@dataclass
class _Scale:
    """Points to device pixels, and the plot's axes."""

    px: float  # device pixels per typographic point
    plot: QRectF
    start: dt.date
    end: dt.date

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.plot.left() + self.plot.width() * (day - self.start).days / span

    def y(self, value: Fraction | float) -> float:
        return self.plot.bottom() - self.plot.height() * float(value)


def _font(family: str | None, points: float, bold: bool = False) -> QFont:
    font = QFont(family) if family else QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _pen(colour: QColor, width_pt: float, px: float,
         style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width_pt * px, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _marker(painter: QPainter, kind: str, at: QPointF, px: float, big: bool = False) -> None:
    """Filled circle (value), open triangle (milestone), open square (reported)."""
    r = (3.2 if big else 2.4) * px
    painter.save()
    if kind == "value":
        painter.setPen(_pen(VALUE, 0.8, px))
        painter.setBrush(VALUE)
        painter.drawEllipse(at, r, r)
    elif kind == "milestone":
        painter.setPen(_pen(MILESTONE, 0.9, px))
        painter.setBrush(QColor("white"))
        path = QPainterPath(QPointF(at.x(), at.y() - r * 1.1))
        path.lineTo(at.x() + r, at.y() + r * 0.8)
        path.lineTo(at.x() - r, at.y() + r * 0.8)
        path.closeSubpath()
        painter.drawPath(path)
    elif kind == "reported":
        painter.setPen(_pen(REPORTED, 1.1, px))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        side = r * 1.9
        painter.drawRect(QRectF(at.x() - side, at.y() - side, 2 * side, 2 * side))
    painter.restore()


def _polyline(points: list[QPointF | None]) -> QPainterPath:
    """A line through the points; None (an undefined figure) leaves a gap."""
    path = QPainterPath()
    pen_down = False
    for p in points:
        if p is None:
            pen_down = False
        elif pen_down:
            path.lineTo(p)
        else:
            path.moveTo(p)
            pen_down = True
    return path


def labelled_years(years: range, every: int, target_year: int) -> set[int]:
    """The years written under the axis: every `every`-th, and the target year always;
    a year too close to the target year's label to be written beside it is left out
    (2029 ran into 2030 in a narrow window)."""
    out = {year for i, year in enumerate(years) if i % every == 0}
    if target_year in years:
        out = {year for year in out if abs(year - target_year) >= every} | {target_year}
    return out


def paint_series(painter: QPainter, rect: QRectF, traj: Trajectory, series: Series,
                 family: str | None = None) -> None:
    """One small chart: the series' values, milestones, target and reported values."""
    px = painter.device().logicalDpiY() / 72
    small, normal = _font(family, 7.5), _font(family, 9)
    title_font = _font(family, 9.5, bold=True)
    fm_small = QFontMetricsF(small, painter.device())
    fm_title = QFontMetricsF(title_font, painter.device())
    fm_normal = QFontMetricsF(normal, painter.device())

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Title and the latest figure above the plot.
    last = series.last
    painter.setPen(TEXT)
    painter.setFont(title_font)
    title_rect = QRectF(rect.left(), rect.top(), rect.width(), fm_title.height())
    painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     fm_title.elidedText(  # a narrow window: «…», never a cut-off word
                         f"{indicators.SHORT[series.key]} · mục tiêu "
                         f"{target_text(series.target)}",
                         Qt.TextElideMode.ElideRight, rect.width()))
    painter.setFont(normal)
    status = last.indicator.status
    sub_rect = QRectF(rect.left(), title_rect.bottom(), rect.width(), fm_normal.height())
    painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     fm_normal.elidedText(
                         f"{traj.as_of:%d/%m/%Y}: {percent(last.value)} · {status}",
                         Qt.TextElideMode.ElideRight, rect.width()))

    left = fm_small.horizontalAdvance("100 %") + 4 * px
    top = sub_rect.bottom() + 6 * px
    bottom = rect.bottom() - fm_small.height() - 3 * px
    right = rect.right() - fm_small.horizontalAdvance("2030") * 0.6
    plot = QRectF(rect.left() + left, top, max(right - rect.left() - left, 10),
                  max(bottom - top, 10))
    end = max(dt.date(traj.target_year, 12, 31), traj.as_of)
    scale = _Scale(px, plot, traj.baseline_day, end)

    # Grid and axes.
    painter.setFont(small)
    for step in GRID_STEPS:
        y = scale.y(step / 100)
        painter.setPen(_pen(GRID, 0.5, px))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(TEXT)
        painter.drawText(QRectF(rect.left(), y - fm_small.height() / 2, left - 3 * px,
                                fm_small.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{step} %")
    years = range(traj.first_year, end.year + 1)
    label_every = 1 if plot.width() / max(len(years) - 1, 1) > fm_small.horizontalAdvance(
        "2030") + 4 * px else 2
    labelled = labelled_years(years, label_every, traj.target_year)
    for year in years:
        x = scale.x(dt.date(year, 12, 31))
        painter.setPen(_pen(GRID, 0.5, px))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(_pen(TEXT, 0.6, px))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2 * px))
        if year in labelled:
            painter.setPen(TEXT)
            width = fm_small.horizontalAdvance(str(year)) + 2 * px
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 2 * px, width,
                                    fm_small.height()), Qt.AlignmentFlag.AlignCenter,
                             str(year))
    painter.setPen(_pen(TEXT, 0.8, px))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())

    # The target: a dotted line across, its value at the right end.
    y_target = scale.y(series.target)
    painter.setPen(_pen(TARGET, 1.2, px, Qt.PenStyle.DotLine))
    painter.drawLine(QPointF(plot.left(), y_target), QPointF(plot.right(), y_target))

    # Milestones: from the baseline to the target year, dashed with open triangles.
    if series.baseline is not None and series.milestones:
        line = [QPointF(scale.x(traj.baseline_day), scale.y(series.baseline))]
        line += [QPointF(scale.x(dt.date(y, 12, 31)), scale.y(m)) for y, m in series.milestones]
        painter.setPen(_pen(MILESTONE, 1.2, px, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_polyline(line))
        for p in line[1:]:
            _marker(painter, "milestone", p, px)

    # Today's data: the baseline computed from the records, then each point.
    values: list[QPointF | None] = []
    base = series.baseline
    values.append(None if base is None else
                  QPointF(scale.x(traj.baseline_day), scale.y(base)))
    for point in series.points:
        v = point.value
        values.append(None if v is None else QPointF(scale.x(point.day), scale.y(v)))
    painter.setPen(_pen(VALUE, 1.6, px))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_polyline(values))
    for i, p in enumerate(values):
        if p is not None:
            _marker(painter, "value", p, px, big=i == len(values) - 1)

    # Reported values: open squares; a thin line to today's value where they differ.
    for point in series.points:
        if point.reported is None or point.reported.ratio is None:
            continue
        at = QPointF(scale.x(point.day), scale.y(point.reported.ratio))
        if point.differs and point.value is not None:
            painter.setPen(_pen(REPORTED, 0.7, px, Qt.PenStyle.DotLine))
            painter.drawLine(at, QPointF(at.x(), scale.y(point.value)))
        _marker(painter, "reported", at, px)

    # The latest value, written beside its point.
    if values[-1] is not None:
        painter.setFont(small)
        painter.setPen(VALUE)
        text = percent(last.value)
        width = fm_small.horizontalAdvance(text) + 2 * px
        p = values[-1]
        x = min(p.x() + 5 * px, rect.right() - width)
        above = p.y() - fm_small.height() - 3 * px
        y = above if above > plot.top() - fm_small.height() / 2 else p.y() + 3 * px
        box = QRectF(x, y, width, fm_small.height())
        painter.fillRect(box, QColor(255, 255, 255, 200))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    elif base is None:
        painter.setFont(normal)
        painter.setPen(TEXT)
        # on a white box: the target's dotted line may run through the middle of the plot
        box = painter.boundingRect(plot, Qt.AlignmentFlag.AlignCenter, "Chưa có dữ liệu")
        painter.fillRect(box.adjusted(-3 * px, 0, 3 * px, 0), QColor("white"))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Chưa có dữ liệu")
    painter.restore()


def _legend_rows(device, width: float, traj: Trajectory, family: str | None
                 ) -> tuple[list[list[tuple[str, str]]], float]:
    """The legend's entries in one row, two when the width is short, one a row when even
    two do not fit (a narrow window); and its height."""
    px = device.logicalDpiY() / 72
    fm = QFontMetricsF(_font(family, 8.5), device)
    labels = [(kind, f"{text} năm {traj.target_year}" if kind == "target" else text)
              for kind, text in LEGEND]

    def fits(row: list[tuple[str, str]]) -> bool:
        return sum(26 * px + fm.horizontalAdvance(t) for _k, t in row) \
            + 12 * px * (len(row) - 1) <= width

    rows = [labels]
    if not fits(labels):
        rows = [labels[:2], labels[2:]]
        if not all(fits(row) for row in rows):
            rows = [[label] for label in labels]
    return rows, fm.height() * (1.6 if len(rows) == 1 else 1.4 * len(rows))


def paint_legend(painter: QPainter, rect: QRectF, traj: Trajectory,
                 family: str | None = None) -> None:
    """The four kinds of mark in one row (two when narrow)."""
    px = painter.device().logicalDpiY() / 72
    font = _font(family, 8.5)
    fm = QFontMetricsF(font, painter.device())
    sample = 22 * px
    gap = 12 * px
    rows, _height = _legend_rows(painter.device(), rect.width(), traj, family)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    line_h = rect.height() / len(rows)
    for r, row in enumerate(rows):
        total = sum(sample + 4 * px + fm.horizontalAdvance(t) for _k, t in row) \
            + gap * (len(row) - 1)
        x = rect.left() + max((rect.width() - total) / 2, 0)
        y = rect.top() + line_h * (r + 0.5)
        for kind, text in row:
            a, b = QPointF(x, y), QPointF(x + sample, y)
            mid = QPointF(x + sample / 2, y)
            if kind == "value":
                painter.setPen(_pen(VALUE, 1.6, px))
                painter.drawLine(a, b)
                _marker(painter, "value", mid, px)
            elif kind == "milestone":
                painter.setPen(_pen(MILESTONE, 1.2, px, Qt.PenStyle.DashLine))
                painter.drawLine(a, b)
                _marker(painter, "milestone", mid, px)
            elif kind == "target":
                painter.setPen(_pen(TARGET, 1.2, px, Qt.PenStyle.DotLine))
                painter.drawLine(a, b)
            else:
                _marker(painter, "reported", mid, px)
            x += sample + 4 * px
            painter.setPen(TEXT)
            w = fm.horizontalAdvance(text) + 1
            painter.drawText(QRectF(x, y - fm.height() / 2, w, fm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += w + gap
    painter.restore()


def paint(painter: QPainter, rect: QRectF, traj: Trajectory, family: str | None = None,
          keys: tuple[str, ...] = CHART_KEYS) -> None:
    """The three small charts side by side, the legend under them."""
    device = painter.device()
    px = device.logicalDpiY() / 72
    _rows, legend = _legend_rows(device, rect.width(), traj, family)
    gap = 14 * px
    width = (rect.width() - gap * (len(keys) - 1)) / len(keys)
    height = rect.height() - legend - 4 * px
    for i, key in enumerate(keys):
        cell = QRectF(rect.left() + i * (width + gap), rect.top(), width, height)
        paint_series(painter, cell, traj, traj[key], family)
    paint_legend(painter, QRectF(rect.left(), rect.bottom() - legend, rect.width(), legend),
                 traj, family)


def to_image(traj: Trajectory, width_mm: float, height_mm: float, dpi: int = 300,
             family: str | None = None) -> QImage:
    """The chart as an image at print resolution, white background."""
    size = QSize(round(width_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi))
    image = QImage(size, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint(painter, QRectF(0, 0, size.width(), size.height()), traj, family)
    finally:
        painter.end()
    return image
