"""Tiến độ: the trajectory chart of CT1 điều chỉnh, CT2 and CT3 up to the panel's date.

It follows the panel: recomputed after every change the store announces and when the
date moves. Up to six figure computations (the baseline, each year end, d) take longer
than a frame at province scale, so they run off the GUI thread on a second, read-only
connection; the panel's own figures on d are reused. One computation runs at a time:
changes that arrive meanwhile are folded into one more run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QThreadPool, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ... import trajectory
from ...indicators import Figures
from ...report import chart
from ...store import Change, Store, StoreError
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
        self.setMinimumSize(560, 260)
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


class _Job(QObject):
    """Carries one computation's result from the worker thread back to the GUI thread."""

    done = Signal(object)  # Trajectory
    failed = Signal(str)


def _compute_in_worker(path, as_of: dt.date, current: Figures | None, job: _Job) -> None:
    """Runs in a pool thread: its own read-only connection, opened and closed here."""
    try:
        store = Store.open(path, read_only=True, thorough=False)
        try:
            result = trajectory.build(store, as_of, current=current)
        finally:
            store.close()
    except StoreError as exc:
        job.failed.emit(exc.message)
        return
    except Exception as exc:  # never a traceback in the window: a sentence instead
        job.failed.emit(f"Không tính được diễn biến các chỉ tiêu: {exc}")
        return
    job.done.emit(result)


_quit_hooked = False


def _wait_for_workers_on_quit() -> None:
    """A computation still running when the program quits finishes before Python's
    objects go away (it holds only its own read-only connection)."""
    global _quit_hooked
    app = QCoreApplication.instance()
    if not _quit_hooked and app is not None:
        app.aboutToQuit.connect(lambda: QThreadPool.globalInstance().waitForDone(10000))
        _quit_hooked = True


class TrajectoryTab(TabPage, QWidget):
    updated = Signal()  # a newer trajectory is on screen

    def __init__(self, store: Store, figures: Callable[[], Figures | None] = lambda: None,
                 parent: QWidget | None = None, *, threaded: bool = True):
        super().__init__(parent)
        self.store = store
        self.figures = figures
        self.threaded = threaded
        self.as_of = dt.date.today()
        self.title = QLabel()
        self.title.setObjectName("trajectory_title")
        self.note = QLabel(
            "Số liệu ngày 31/12 của từng năm Kế hoạch và ngày chốt số liệu (đường liền, chấm "
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
        self._running = False
        self._pending = False
        self._stale = True
        self._job: _Job | None = None

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
        if self._running:
            self._pending = True
            return
        self._start()

    def _start(self) -> None:
        self._stale = False
        self._pending = False
        as_of = self.as_of
        figures = self.figures()
        current = figures if figures is not None and figures.as_of == as_of else None
        job = _Job()
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        self._job = job  # kept alive until it reports
        self._running = True
        path = self.store.path
        if self.threaded and path.exists():
            _wait_for_workers_on_quit()
            QThreadPool.globalInstance().start(
                lambda: _compute_in_worker(path, as_of, current, job))
        else:  # the file is gone (said elsewhere): read through the window's connection
            try:
                job.done.emit(trajectory.build(self.store, as_of, current=current))
            except StoreError as exc:
                job.failed.emit(exc.message)

    def _finished(self) -> bool:
        """True when the result may be shown (no newer request waits)."""
        self._running = False
        self._job = None
        if self._pending or self._stale:
            self.recompute()
            return False
        return True

    def _done(self, traj: trajectory.Trajectory) -> None:
        if not self._finished() and self.trajectory is not None:
            return  # a newer one is on its way; the first one is shown meanwhile
        self.error.hide()
        title = f"<b>Diễn biến các chỉ tiêu đến ngày {traj.as_of:%d/%m/%Y}</b>"
        waived = traj["CT1_adj"].last.waived
        if waived:  # named wherever CT1 điều chỉnh is shown
            names = "; ".join(f"{w.name} ({chart.percent(w.share)} nữ)" for w in waived)
            title += (f"<br><span style='color:#555'>CT1 điều chỉnh ngày "
                      f"{traj.as_of:%d/%m/%Y} không tính: {names}</span>")
        self.title.setText(title)
        self.view.show_trajectory(traj)
        self.updated.emit()

    def _failed(self, message: str) -> None:
        if not self._finished():
            return
        self.error.setText(message)
        self.error.show()
