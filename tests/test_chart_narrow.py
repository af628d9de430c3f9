"""The trajectory charts in a narrow window (the Tiến độ tab at 784 px): every text is
written whole in its place or elided with «…», and the years under the axis never run
into each other («20292030»)."""

import datetime as dt
from itertools import pairwise

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from tanhoi_desktop.demo import closed_year
from tanhoi_desktop.demo import submissions as demo_submissions
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import trajectory
from tanhoi_desktop.report import chart
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store


class Recording(QPainter):
    """Paints as usual, and keeps each text with the box it was given."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[tuple[QRectF, str, float]] = []

    def drawText(self, *args):  # Qt's name
        if len(args) == 3 and isinstance(args[0], QRectF):
            box, _flags, text = args
            width = QFontMetricsF(self.font(), self.device()).horizontalAdvance(text)
            self.texts.append((QRectF(box), text, width))
        return super().drawText(*args)


@pytest.mark.parametrize("width", [560, 440])
def test_a_narrow_chart_writes_every_text_whole_or_elided(qapp, tmp_path, width):
    path = tmp_path / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
        demo_submissions.seed(store)
        closed_year.seed(store)
        traj = trajectory.build(store, dt.date(2026, 6, 30))
    image = QImage(width, 480, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = Recording(image)
    try:
        chart.paint(painter, QRectF(0, 0, width, 480), traj)
    finally:
        painter.end()
    texts = painter.texts
    assert any(text.startswith("CT1 điều chỉnh") for _box, text, _w in texts)
    # whole in its box, or shortened with «…»
    assert [t for box, t, w in texts if w > box.width() + 0.5] == []
    # and every box within the chart (the legend ran past its right edge)
    assert [t for box, t, _w in texts if box.left() < -0.5 or box.right() > width + 0.5] == []
    titles = [t for _box, t, _w in texts if t.startswith("CT1 điều chỉnh")]
    assert all(t.endswith("…") or t.endswith("%") for t in titles), titles
    # the years under one chart's axis do not overlap
    years = sorted((box.left(), box.right()) for box, t, _w in texts
                   if t.isdigit() and len(t) == 4 and box.left() < width / 3)
    assert years and all(a[1] <= b[0] for a, b in pairwise(years))


def test_the_target_year_is_always_labelled_and_its_neighbour_left_out():
    years = range(2025, 2031)
    assert chart.labelled_years(years, 1, 2030) == set(years)
    assert chart.labelled_years(years, 2, 2030) == {2025, 2027, 2030}


