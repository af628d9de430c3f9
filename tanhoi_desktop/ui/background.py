"""Figures computed off the GUI thread, so that an edit never freezes the window.

At province scale one computation of the figures takes longer than a frame. A
Background runs its work in a pool thread on a second, read-only connection of its own
(SQLite connections stay in the thread that made them; in WAL mode that connection sees
everything the window has committed). One computation runs at a time: requests that
arrive meanwhile are folded into one more run, started with what is current then."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

from ..store import Store, StoreError

# What a request hands over: called on the GUI thread when the run starts (so that it
# captures the date and figures of that moment), it returns the work for the worker.
Work = Callable[[Store], Any]


class _Job(QObject):
    """Carries one run's outcome from the worker thread back to the GUI thread."""

    done = Signal(object)
    failed = Signal(str)


def _run(read: Callable[[], Any], job: _Job, failure: str) -> None:
    try:
        result = read()
    except StoreError as exc:
        job.failed.emit(exc.message)
        return
    except Exception as exc:  # never a traceback in the window: a sentence instead
        job.failed.emit(f"{failure}: {exc}")
        return
    job.done.emit(result)


def _on_own_connection(path, work: Work) -> Any:
    """In a pool thread: its own read-only connection, opened and closed there."""
    store = Store.open(path, read_only=True, thorough=False)
    try:
        return work(store)
    finally:
        store.close()


def wait_for_all(msecs: int = 10000) -> None:
    """Let the running computations finish (when the program quits): each holds only its
    own read-only connection."""
    QThreadPool.globalInstance().waitForDone(msecs)


_all: weakref.WeakSet[Background] = weakref.WeakSet()


def finish(store: Store) -> None:
    """Before `store` is closed: no computation over it starts any more, those running
    end, and what they bring is dropped (the views are about to be rebuilt)."""
    for background in list(_all):
        if background.store is store:
            background.stop()
    wait_for_all()


_quit_hooked = False


def _wait_on_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if not _quit_hooked and app is not None:
        app.aboutToQuit.connect(lambda: wait_for_all())
        _quit_hooked = True


class Background(QObject):
    """One computation at a time over `store`'s file, requested again after every change.

    `done(result, latest)`: latest is False when a newer request is already running, so
    that a view may keep what it shows rather than flash an outdated result; `failed`
    carries a Vietnamese sentence, reported for the latest request only."""

    done = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, store: Store, prepare: Callable[[], Work], failure: str,
                 parent: QObject | None = None, *, threaded: bool = True):
        super().__init__(parent)
        self.store = store
        self.prepare = prepare
        self.failure = failure  # the start of the sentence for an unexpected error
        self.threaded = threaded
        self._running = False
        self._pending = False
        self._stopped = False
        self._job: _Job | None = None
        _all.add(self)

    @property
    def busy(self) -> bool:
        """A computation is running or waiting: what was last delivered may be old."""
        return self._running or self._pending

    def stop(self) -> None:
        self._stopped, self._pending = True, False

    def request(self) -> None:
        if self._stopped:
            return
        if self._running:
            self._pending = True
            return
        self._start()

    def _start(self) -> None:
        self._pending = False
        work = self.prepare()
        job = _Job()
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        self._job = job  # kept alive until it reports
        self._running = True
        path, failure = self.store.path, self.failure
        if self.threaded and path.exists():
            _wait_on_quit()
            QThreadPool.globalInstance().start(
                lambda: _run(lambda: _on_own_connection(path, work), job, failure))
            return
        # the file is gone (said elsewhere), or a caller wants it now: the window's own
        # connection, on this thread
        store = self.store
        _run(lambda: work(store), job, failure)

    def _finish(self) -> bool:
        """True when no newer request waits; otherwise that one is started."""
        self._running = False
        self._job = None
        if self._pending:
            self._start()
            return False
        return True

    def _done(self, result: Any) -> None:
        latest = self._finish()
        if not self._stopped:
            self.done.emit(result, latest)

    def _failed(self, message: str) -> None:
        if self._finish() and not self._stopped:
            self.failed.emit(message)
