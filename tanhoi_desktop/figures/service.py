"""The one owner of «the figures on date d» for the open data file.

Everything that shows or prints figures asks this service: the indicator panel, the
Đơn vị and Tiến độ tabs, the drill-down, the yearly close, the reports. It keeps one
long-lived read-only connection on one worker thread (SQLite connections stay in the
thread that made them; in WAL mode that connection sees every commit of the window's).
Results are cached by (data version, date): the data version is the window connection's
count of rows written plus SQLite's `PRAGMA data_version`, which moves when any other
connection, in this process or another, commits. A timer reads the latter, so that a
write by another program (the command line, a second window, an SQLite tool) refreshes
the window: `changed_elsewhere`.

Requests that arrive while the worker computes are folded: the worker skips any request
older than the newest data version, so a burst of edits costs one more computation."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from ..safety.crashlog import write_crash_log
from ..store import Store, StoreError
from . import duties, indicators, trajectory

DAY = "day"  # the figures on d with the unit rows, the baseline figures, the closed year
TRAJECTORY = "trajectory"  # the chart's points up to d

FAILURE = {DAY: "Không tính được các chỉ tiêu",
           TRAJECTORY: "Không tính được diễn biến các chỉ tiêu"}

Token = tuple[int, int]


@dataclass(frozen=True)
class DayFigures:
    """What the window shows for a date: the figures on d (with the unit rows), those on
    the day before the plan (the chart's first point), and the year of d if it is closed."""

    figures: indicators.Figures
    at_base: indicators.Figures
    closed: indicators.ClosedYear | None
    # what the panel shows of the planning duties on d: the BTV counts and how many
    # women of the pool are untrained (not the whole duties: a province's list of
    # untrained women and every unit's progress would be read after each edit)
    btv: duties.BTV | None = None
    untrained: int = 0
    # the closed year's figures as today's data give them for its closing day, when that
    # is not d (a late correction is found there, indicators.md); None otherwise
    at_close: indicators.Figures | None = None


def day_figures(store: Store, as_of: dt.date,
                at_base: indicators.Figures | None = None) -> DayFigures:
    at_base = at_base if at_base is not None else indicators.baseline_figures(store)
    base = indicators.baseline_from(store.settings.read(), at_base)
    figures = indicators.compute(store, as_of, baseline=base)
    closed = next((c for c in indicators.closed_years(store) if c.year == as_of.year), None)
    at_close = None
    if closed is not None and closed.as_of != as_of:
        at_close = indicators.compute(store, closed.as_of, with_units=False, baseline=base)
    return DayFigures(figures, at_base, closed, duties.btv_on(store, as_of),
                      duties.untrained_count(figures), at_close)


class _Worker(QObject):
    """Lives on the worker thread with its own connection, opened there on first use."""

    done = Signal(object, str, object, object)  # token, kind, day, result or sentence

    def __init__(self, store: Store, latest: Callable[[], Token | None]):
        super().__init__()
        self._source = store  # only its path and mode are read here
        self._latest = latest
        self._reader: Store | None = None
        # what this token's computations made on the way: the baseline figures and the
        # figures on each day, used again by the next request of the same data version
        self._memo_token: Token | None = None
        self._memo: dict[Any, Any] = {}

    @Slot(object, str, object)
    def work(self, token: Token, kind: str, day: dt.date) -> None:
        if token != self._latest():
            self.done.emit(token, kind, day, None)  # newer data: a later request follows
            return
        try:
            result: Any = self._compute(token, kind, day)
        except StoreError as exc:
            result = exc.message
        except Exception as exc:  # never a traceback in the window: a sentence instead,

            result = f"{FAILURE[kind]}: {exc}. Chi tiết đã ghi vào «{write_crash_log(exc)}»."
        self.done.emit(token, kind, day, result)

    def _compute(self, token: Token, kind: str, day: dt.date) -> Any:
        store = self._connection()
        if token != self._memo_token:
            self._memo_token, self._memo = token, {}
        if "base" not in self._memo:
            self._memo["base"] = indicators.baseline_figures(store)
        at_base = self._memo["base"]
        if kind == DAY:
            shown = day_figures(store, day, at_base)
            self._memo[day] = shown.figures
            return shown
        return trajectory.build(store, day, current=self._memo.get(day), at_base=at_base)

    def _connection(self) -> Store:
        if self._reader is None:
            self._reader = self._source.reader()
        return self._reader

    @Slot()
    def shut(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class FiguresService(QObject):
    """`figures_changed(kind, day)`: a result (or a sentence saying why there is none)
    for `day` has arrived for the current data. `changed_elsewhere`: another program
    wrote the file; everything shown from it is out of date."""

    figures_changed = Signal(str, object)
    changed_elsewhere = Signal()
    POLL_MS = 1000  # how soon a write by another program is noticed

    def __init__(self, store: Store, parent: QObject | None = None, *, watch: bool = False):
        super().__init__(parent)
        self.store = store
        self._results: dict[tuple[str, dt.date], tuple[Token, Any]] = {}
        # one job at a time on the worker; what is asked meanwhile waits here, once each,
        # and is sent with the data version of the moment it is sent
        self._running: tuple[Token, str, dt.date] | None = None
        self._waiting: dict[tuple[str, dt.date], None] = {}
        self._latest: Token | None = None
        self._lock = threading.Lock()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._closed = False
        self._held = 0  # operations of the window writing on connections of their own
        self._version = self._data_version()
        self._poll: QTimer | None = None
        if watch:
            self._poll = QTimer(self)
            self._poll.timeout.connect(self.check_elsewhere)
            self._poll.start(self.POLL_MS)

    # -- the data version ---------------------------------------------------------------

    def token(self) -> Token | None:
        """The data version now; None when the file cannot be read."""
        try:
            token = self.store.data_token()
        except StoreError:
            return None
        with self._lock:
            self._latest = token
        return token

    def _data_version(self) -> int | None:
        try:
            return self.store.data_token()[1]
        except (StoreError, Exception):  # a closed connection: nothing to watch
            return None

    def check_elsewhere(self) -> bool:
        """Whether another connection committed since the last look (and say so)."""
        if self._closed or self._held:
            return False
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changed_elsewhere.emit()
        return True

    def hold(self) -> None:
        """An operation of the window writes on a connection of its own (ui/operations):
        its commits are not another program's."""
        self._held += 1

    def release(self) -> None:
        self._held = max(self._held - 1, 0)
        if not self._held:
            self._version = self._data_version()  # what it wrote is the window's own

    # -- asking -------------------------------------------------------------------------

    def result(self, kind: str, day: dt.date) -> Any:
        """The result for `day` on the data as it is now (a sentence when it failed), or
        None when it is not there yet."""
        token = self.token()
        held = self._results.get((kind, day))
        return held[1] if held is not None and held[0] == token else None

    def pending(self, kind: str, day: dt.date) -> bool:
        return self.result(kind, day) is None

    def request(self, kind: str, day: dt.date) -> bool:
        """Have `day`'s result computed on the worker unless it is there or on its way.
        True when it is there already (no signal follows)."""
        if self._closed:
            return False
        token = self.token()
        held = self._results.get((kind, day))
        if held is not None and held[0] == token:
            return True
        if token is None:
            return False
        if self._running is not None:
            if self._running != (token, kind, day):
                self._waiting[(kind, day)] = None
            return False
        self._send(token, kind, day)
        return False

    def _send(self, token: Token, kind: str, day: dt.date) -> None:
        self._start()
        self._running = (token, kind, day)
        # sent when the GUI thread is back in its event loop: the tables an edit refreshes
        # read the file first, without the worker's reads competing for the same moments
        QTimer.singleShot(0, self, lambda: self._ask.emit(token, kind, day)
                          if not self._closed else None)

    def _next(self) -> None:
        while self._waiting and self._running is None:
            kind, day = next(iter(self._waiting))
            del self._waiting[(kind, day)]
            token = self.token()
            held = self._results.get((kind, day))
            if token is not None and (held is None or held[0] != token):
                self._send(token, kind, day)

    def now(self, kind: str, day: dt.date) -> Any:
        """The result for `day` now: from the cache, else computed here on the window's
        own connection (a dialog opened right after an edit must list what is true now).
        Raises StoreError."""
        token = self.token()
        held = self._results.get((kind, day))
        if held is not None and held[0] == token and not isinstance(held[1], str):
            return held[1]
        base = None
        for (k, _d), (t, r) in self._results.items():  # one baseline per data version
            if k == DAY and t == token and isinstance(r, DayFigures):
                base = r.at_base
                break
        if kind == DAY:
            result: Any = day_figures(self.store, day, base)
        else:
            on_day = self._results.get((DAY, day))
            current = (on_day[1].figures if on_day is not None and on_day[0] == token
                       and isinstance(on_day[1], DayFigures) else None)
            result = trajectory.build(self.store, day, current=current, at_base=base)
        if token is not None:
            self._results[(kind, day)] = (token, result)
        return result

    def figures_now(self, day: dt.date) -> indicators.Figures:
        """The figures on `day` as the data is now (raises StoreError)."""
        return self.now(DAY, day).figures

    # -- the worker ---------------------------------------------------------------------

    _ask = Signal(object, str, object)

    def _start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("figures")
        self._worker = _Worker(self.store, self._newest)
        self._worker.moveToThread(self._thread)
        self._ask.connect(self._worker.work)
        self._worker.done.connect(self._done)
        self._thread.start()

    def _newest(self) -> Token | None:
        with self._lock:
            return self._latest

    def _done(self, token: Token, kind: str, day: dt.date, result: Any) -> None:
        self._running = None
        if self._closed:
            return
        if result is not None and token == self.token():
            self._results[(kind, day)] = (token, result)
            if len(self._results) > 64:  # dates the user went through: keep the newest
                for key in list(self._results)[:-32]:
                    del self._results[key]
            self._next()
            self.figures_changed.emit(kind, day)
            return
        # computed on data that has changed since: asked again with the data of now
        self._waiting = {(kind, day): None, **self._waiting}
        self._next()

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._waiting)

    def close(self) -> None:
        """Before the store is closed: the computation running ends, its result and
        those asked for meanwhile are dropped, the worker's connection is closed."""
        self._closed = True
        with self._lock:
            self._latest = None  # every waiting request is now out of date
        if self._poll is not None:
            self._poll.stop()
        if self._thread is not None and self._worker is not None:
            worker, thread = self._worker, self._thread
            worker.done.disconnect(self._done)
            # on the worker's thread, after the run in progress: its connection is its own
            QMetaObject.invokeMethod(worker, "shut", Qt.ConnectionType.BlockingQueuedConnection)
            thread.quit()
            thread.wait()
            self._thread = self._worker = None
        self._running = None
        self._waiting.clear()
        self._results.clear()
