"""Tiến độ: the trajectory chart of CT1 điều chỉnh, CT2 and CT3 up to the panel's date.

It follows the panel: asked again after every change the store announces and when the
date moves. Up to six figure computations (the baseline, each year end, d) take longer
than a frame at province scale: the figures service makes them on its worker, after the
panel's figures on d and on the day before the plan, which it uses again."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...figures import trajectory
from ...figures.service import TRAJECTORY, FiguresService
from ...report import chart
from ...store import Change, Store
from .page import TabPage

# What the figures read: a change to any of these moves the trajectory.
READS = {"units", "cadres", "posts", "planning", "courses", "enrolments", "settings",
         "snapshots"}


class ChartView(QWidget):
    """Paints a Trajectory with the same code as the printed figure."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trajectory_chart")
        self.trajectory: trajectory.Trajectory | None = None
        # fits beside the panel in a 784 px window (its titles elide, its years thin out)
        self.setMinimumSize(420, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_trajectory(self, traj: trajectory.Trajectory) -> None:
        self.trajectory = traj
        self.setAccessibleDescription(describe(traj))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            if self.trajectory is not None:
                rect = QRectF(self.rect()).adjusted(12, 10, -12, -8)
                chart.paint(painter, rect, self.trajectory)
        finally:
            painter.end()


def describe(traj: trajectory.Trajectory) -> str:
    """The chart in words (screen readers, tooltips)."""
    parts = []
    for key in trajectory.CHART_KEYS:
        s = traj[key]
        parts.append(f"{chart.indicators.SHORT[key]}: ban đầu {chart.percent(s.baseline)}, "
                     f"ngày {traj.as_of:%d/%m/%Y} {chart.percent(s.last.value)}, "
                     f"mục tiêu {chart.target_text(s.target)}")
    return "; ".join(parts)


class TrajectoryTab(TabPage, QWidget):
    updated = Signal()  # a newer trajectory is on screen

    def __init__(self, store: Store, service: FiguresService,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.service = service
        service.figures_changed.connect(self._arrived)
        self.as_of = dt.date.today()
        self.title = QLabel()
        self.title.setObjectName("trajectory_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)  # unit names escaped
        self.title.setWordWrap(True)  # the units left out can be a long line
        self.note = QLabel(
            "Số liệu ngày 31/12 của từng năm kế hoạch và ngày chốt số liệu (đường liền, chấm "
            "tròn), so với mốc kế hoạch từng năm (đường gạch, tam giác) và mục tiêu (đường "
            "chấm). Ô vuông: số đã chốt, đã báo cáo; khi dữ liệu hiện nay khác số đã chốt, "
            "một đường chấm nối hai số. CT1 được đánh giá theo CT1 điều chỉnh.")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.view = ChartView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        self._stale = True

    @property
    def settled(self) -> bool:
        """The chart shows the data as it is now: nothing waits, nothing is computed."""
        return not self._stale and not self.service.pending(TRAJECTORY, self.as_of)

    @property
    def trajectory(self) -> trajectory.Trajectory | None:
        return self.view.trajectory

    # -- what the window asks of a tab --------------------------------------------------

    def tables(self) -> list:
        return []

    def current_table(self):
        return None  # nothing here for the Sửa menu

    def on_change(self, change: Change) -> None:
        if change.tables & READS:
            self.recompute()

    def set_as_of(self, day: dt.date) -> None:
        if day != self.as_of or self.trajectory is None:
            self.as_of = day
            self.recompute()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.recompute()

    # -- computing -----------------------------------------------------------------------

    def recompute(self) -> None:
        """Bring the chart up to date; while hidden, only remember that it is not."""
        self._stale = True
        if not self.isVisible():
            return
        self._stale = False
        if self.service.request(TRAJECTORY, self.as_of):
            self._arrived(TRAJECTORY, self.as_of)

    def _arrived(self, kind: str, day: dt.date) -> None:
        if kind != TRAJECTORY or day != self.as_of or self._stale:
            return
        traj = self.service.result(TRAJECTORY, day)
        if traj is None:
            return  # the data moved again meanwhile: a newer one follows
        if isinstance(traj, str):
            self.error.setText(traj)
            self.error.show()
            return
        self.error.hide()
        title = f"<b>Diễn biến các chỉ tiêu đến ngày {traj.as_of:%d/%m/%Y}</b>"
        waived = traj["CT1_adj"].last.waived
        if waived:  # named wherever CT1 điều chỉnh is shown
            names = "; ".join(f"{escape(w.name)} ({chart.percent(w.share)} nữ)"
                              for w in waived)
            title += (f"<br><span style='color:#555'>CT1 điều chỉnh ngày "
                      f"{traj.as_of:%d/%m/%Y} không tính: {names}</span>")
        self.title.setText(title)
        self.view.show_trajectory(traj)
        self.updated.emit()
