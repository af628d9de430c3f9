"""Long work as an operation: on a worker thread, with a progress dialog, one way back.

Import, export, the PDF reports, backup and restore take seconds at a province's size.
Each runs here (as Anki's aqt/operations with aqt/taskman): the work gets its own
connection to the data file, made and closed on the worker (SQLite connections stay in
the thread that made them) and a `Progress` to say its phase and percent and to learn of
a cancel; the window stays painted and answers, the progress dialog is modal to it.
When the work ends, one function runs on the GUI thread with its outcome: the result,
or one Vietnamese sentence (a StoreError's, a cancel's, or, for a bug, one that points
to the crash log). A write made on the worker's connection is announced to the window's
store as its own, so the window does not take it for another program's.

No processEvents() loop: the GUI thread only ever handles signals from the worker."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QProgressDialog

from ..exchange.reader import WorkbookError
from ..safety.crashlog import write_crash_log
from ..store import Change, Store, StoreError
from .common import tell

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from ..figures_service import FiguresService
    from ..store import Change, Store

CANCELLED = "Đã hủy; không có gì được ghi."


class Cancelled(Exception):
    """Raised in the work when the user pressed Hủy: everything it began is undone."""

    def __init__(self, message: str = CANCELLED):
        super().__init__(message)
        self.message = message


class Progress:
    """What the work is handed: its store, and where to say how far it has come."""

    def __init__(self, job: _Job, store: Store | None):
        self._job = job
        self._cancel = threading.Event()
        self.store = store
        self._phase = ""
        self._percent = -1
        self._sent: tuple[str, int] | None = None

    def phase(self, text: str, percent: int | None = None) -> None:
        """A new phase («Đang kiểm tra…»); raises Cancelled if the user cancelled."""
        self.check()
        self._phase = text
        self._send(percent if percent is not None else max(self._percent, 0))

    def step(self, done: int, total: int) -> None:
        """How far into the phase; raises Cancelled if the user cancelled."""
        self.check()
        self._send(int(done * 100 / max(total, 1)))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def _send(self, percent: int) -> None:
        percent = min(max(percent, 0), 100)
        if (self._phase, percent) != self._sent:  # the GUI thread hears each change once
            self._percent, self._sent = percent, (self._phase, percent)
            self._job.progressed.emit(self._phase, percent)


class _Job(QObject):
    """Carries the worker's news to the GUI thread (signals cross threads queued)."""

    progressed = Signal(str, int)
    ended = Signal(object, object, object)  # result, sentence or None, change or None


# how long a quick operation runs before its dialog shows: no flash for a small file
SHOW_AFTER_MS = 400


class Operation(QObject):
    """One piece of long work. `done(result)` runs on the GUI thread when it succeeded
    and may return another Operation to go on with (an import: check, questions, then
    write). `finished(ok)` comes once, when the whole chain has ended; a failure or a
    cancel has been told to the user by then."""

    finished = Signal(bool)

    def __init__(self, parent: QWidget, title: str, work: Callable[[Progress], Any], *,
                 done: Callable[[Any], Any] = lambda _result: True,
                 store: Store | None = None, writes: bool = False,
                 figures: FiguresService | None = None, first_phase: str = "",
                 failure_title: str | None = None, cancellable: bool = True,
                 failed: Callable[[str], None] | None = None):
        """`store`: the window's; the work gets a connection of its own to the same file
        (read-only unless `writes`). `figures`: the window's service, told that a write
        of this operation is the window's own. `failed(sentence)`: instead of a box."""
        super().__init__(parent)
        self.parent_widget = parent
        self.title = title
        self.work = work
        self.done = done
        self.store = store
        self.writes = writes
        self.figures = figures
        self.first_phase = first_phase or "Đang xử lý…"
        self.failure_title = failure_title or f"Không {title[0].lower()}{title[1:]} được"
        self.cancellable = cancellable
        self.failed = failed
        self.ok: bool | None = None  # the outcome of the whole chain, once finished
        self.message = ""  # the sentence of a failure or a cancel
        self.dialog: QProgressDialog | None = None
        self._job = _Job()
        self._job.progressed.connect(self._progressed)
        self._job.ended.connect(self._ended)
        self._progress: Progress | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)

    # -- starting -----------------------------------------------------------------------

    def start(self) -> Operation:
        dialog = self.dialog = QProgressDialog(self.first_phase, "Hủy", 0, 100,
                                               self.parent_widget)
        bar = QProgressBar(dialog)
        bar.setFormat("%p\u00a0%")  # «40 %», as every percentage the program writes
        dialog.setBar(bar)
        dialog.setObjectName("operation_progress")
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(10**9)  # shown by our timer, not by setValue
        dialog.setMinimumWidth(420)
        if self.cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        dialog.hide()
        self._show_timer.start(SHOW_AFTER_MS)
        if self.writes and self.figures is not None:
            self.figures.hold()  # the worker's commits are not another program's
        self._progress = Progress(self._job, None)
        store, writes, job, progress = self.store, self.writes, self._job, self._progress
        running.add(self)
        QThreadPool.globalInstance().start(lambda: _run(self.work, store, writes, job,
                                                        progress))
        return self

    def cancel(self) -> None:
        if self._progress is not None and not self._progress.cancelled():
            self._progress._cancel.set()
            if self.dialog is not None:
                self.dialog.setLabelText("Đang hủy…")

    @property
    def running(self) -> bool:
        return self in running

    def _show_dialog(self) -> None:
        if self.dialog is not None and self.running:
            self.dialog.show()

    def _progressed(self, phase: str, percent: int) -> None:
        if self.dialog is None:
            return
        if self._progress is not None and self._progress.cancelled():
            return  # «Đang hủy…» stays
        self.dialog.setLabelText(phase)
        self.dialog.setValue(percent)

    # -- ending: one path for success, failure and cancel --------------------------------

    def _ended(self, result: Any, sentence: str | None, change: Change | None) -> None:
        running.discard(self)
        self._show_timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        if self.writes and self.figures is not None:
            self.figures.release()
        if change is not None and change.tables and self.store is not None:
            self.store.announce(change)
        if sentence is not None:
            self._finish(False, sentence)
            return
        follow = self.done(result)
        if isinstance(follow, Operation):
            follow.finished.connect(lambda ok: self._finish(ok, follow.message,
                                                            told=True))
            follow.start()
            return
        self._finish(follow is not False)

    def _finish(self, ok: bool, sentence: str = "", told: bool = False) -> None:
        self.ok, self.message = ok, sentence
        if not ok and sentence and not told:
            if self.failed is not None:
                self.failed(sentence)
            else:
                tell(self.parent_widget, self.failure_title, sentence)
        self.finished.emit(ok)


# the operations running: kept alive until they end (their QObjects would be collected)
running: set[Operation] = set()


def busy() -> bool:
    return bool(running)


def _run(work: Callable[[Progress], Any], store: Store | None, writes: bool, job: _Job,
         progress: Progress) -> None:
    """On the worker: its own connection, the work, and one report back."""

    own: Store | None = None
    changes: list[Change] = []
    result, sentence = None, None
    try:
        if store is not None:
            own = Store.open(store.path, thorough=False) if writes else store.reader()
            own.subscribe(changes.append)
            progress.store = own
        result = work(progress)
    except Cancelled as exc:
        sentence = exc.message
    except (StoreError, WorkbookError) as exc:
        sentence = exc.message
    except OSError as exc:  # the disk or the folder, said as the system says it
        where = f" «{exc.filename}»" if exc.filename else ""
        sentence = f"Không đọc hoặc ghi được tệp{where}: {exc.strerror or exc}"
    except Exception as exc:  # a bug: logged, and said in one sentence with where
        sentence = _bug_sentence(exc)
    finally:
        if own is not None:
            own.close()
    job.ended.emit(result, sentence, _merged(changes))


def _merged(changes: list[Change]) -> Change | None:
    if not changes:
        return None

    out = Change()
    for change in changes:
        out.tables |= change.tables
        for table, ids in change.ids.items():
            out.ids.setdefault(table, set()).update(ids)
    return out


def _bug_sentence(exc: BaseException) -> str:
    path = write_crash_log(exc)
    return (f"Đã xảy ra lỗi ngoài dự kiến ({type(exc).__name__}); chi tiết được ghi vào "
            f"«{path}». Không có gì được ghi dở dang.")
