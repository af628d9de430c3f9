"""Sửa → Hoàn tác / Làm lại: adding, editing and deleting a record, within the session.

Each step keeps the record as the store gave it before and after (the values the audit
trail records); undoing writes the other one back through the store, so that an undo is
a change like any other: checked, in the audit trail, and the panel recomputes. A deleted
cadre or course comes back with the posts, pool entries and enrolments that went with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ..domain import ENTITY, Invalid
from ..store import RecordChanged, Store, StoreError, UndoneImport
from . import common
from .operations import Operation

VERBS = {"add": "thêm", "edit": "sửa", "delete": "xóa"}
# what a delete takes with it (store.delete), to bring back on undo: (entity, field)
_GOES_WITH = {"cadres": (("posts", "cadre_code"), ("planning", "cadre_code"),
                         ("enrolments", "cadre_code")),
              "courses": (("enrolments", "course_code"),)}


def stored(store: Store, entity: str, record_id: int) -> dict[str, Any] | None:
    """The record as the store has it, without its id: what save() takes back."""
    record = store.records.get(entity, record_id)
    if record is None:
        return None
    # a list of codes (an activity's partners) as the form gives it: save() reads text
    return {k: "; ".join(v) if isinstance(v, tuple) else v
            for k, v in record.items() if k != "id"}


def _label(entity: str, record: dict[str, Any]) -> str:
    name = ENTITY[entity].name_of(record)
    return f"{ENTITY[entity].label} «{name}»" if name else ENTITY[entity].label


class RecordStep(QUndoCommand):
    """One record added (before None), edited, or deleted (after None)."""

    def __init__(self, store: Store, window: QWidget | None, entity: str, record_id: int,
                 before: dict[str, Any] | None, after: dict[str, Any] | None,
                 taken: list[tuple[str, dict[str, Any], int]] | None = None):
        action = "add" if before is None else "delete" if after is None else "edit"
        super().__init__(f"{VERBS[action]} {_label(entity, after or before or {})}")
        self.store, self.window, self.entity = store, window, entity
        self.record_id = record_id
        self.before, self.after = before, after
        self.taken = taken or []  # the rows a delete took with it: (entity, record, id)
        self._done = True  # pushed after the change was made: the first redo is a no-op

    def _write(self, values: dict[str, Any] | None, other: dict[str, Any] | None) -> None:
        """Write `values` over the record as this step left it (`other`): refused, with
        nothing written, when it is not as this step left it any more."""
        name = _label(self.entity, other or values or {})
        name = name[:1].upper() + name[1:]
        if values is None:  # undo an add / redo a delete
            if stored(self.store, self.entity, self.record_id) != other:
                raise StoreError(f"{name} đã được sửa hoặc xóa ở nơi khác.", "conflict")
            if other is self.after and (
                    added := self.store.imports.referrers(self.entity, self.record_id)):
                # what was added to it since would go with it
                raise StoreError(f"{name} nay đã có thêm {added}.", "conflict")
            self.store.records.delete(self.entity, self.record_id)
        elif other is None:  # undo a delete / redo an add: the record comes back, with
            # the id the other steps know it by
            self.record_id = self.store.records.save(self.entity, values, None,
                                                     keep_id=self.record_id)
            if values is self.before:
                for entity, record, record_id in self.taken:
                    self.store.records.save(entity, record, None, keep_id=record_id)
        else:
            try:
                self.record_id = self.store.records.save(self.entity, values, self.record_id,
                                                         expected=other)
            except RecordChanged as exc:  # named as the file has it now
                now = _label(self.entity, exc.current)
                raise StoreError(f"{now[:1].upper()}{now[1:]} đã được sửa ở nơi khác.",
                                 "conflict") from None

    def _apply(self, values, other, title: str) -> None:
        try:
            self._write(values, other)
        except (StoreError, Invalid) as exc:
            # the data moved on since (another program, an import): the step is dropped
            message = exc.message if isinstance(exc, StoreError) else "; ".join(
                exc.problems.values())
            common.tell(self.window, title, f"{message} Vì vậy bước này ({self.text()}) được bỏ "
                 "khỏi danh sách Hoàn tác / Làm lại; không có gì bị ghi đè.")
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(self.before, self.after, "Không hoàn tác được")

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after, self.before, "Không làm lại được")


def remember(widget: QWidget, store: Store, entity: str, record_id: int,
             before: dict[str, Any] | None) -> None:
    """A record just added (before None) or edited, as one step of Sửa → Hoàn tác of the
    window `widget` is in (nothing when it is in none, or nothing changed)."""
    stack = history(widget)
    if stack is None:
        return
    after = stored(store, entity, record_id)
    if after is not None and after != before:
        stack.push(RecordStep(store, widget.window(), entity, record_id, before, after))


def remember_delete(widget: QWidget, store: Store, entity: str, record_id: int,
                    before: dict[str, Any], taken: list | None = None) -> None:
    """A record just deleted (with what went with it), as one step of Sửa → Hoàn tác."""
    stack = history(widget)
    if stack is not None:
        stack.push(RecordStep(store, widget.window(), entity, record_id, before, None, taken))


class ImportStep(QUndoCommand):
    """One import, undone and done again as a whole (store/import_undo): the records it
    added go, those it updated get their before values back; refused, with nothing
    written, when a record it touched was changed since (here or by another program).
    The window runs it on a worker (run_on_worker: an import may be large); the stack's
    undo()/redo() then take what the worker wrote."""

    def __init__(self, store: Store, window: QWidget | None, batch_id: int, file_name: str,
                 added: int, updated: int):
        super().__init__(f"nhập «{file_name}» (thêm {added}, sửa {updated})")
        self.store, self.window, self.batch_id = store, window, batch_id
        self.file_name = file_name
        self.undone: UndoneImport | None = None
        self._done = True  # pushed after the import was written: the first redo is a no-op
        # what a worker did (an UndoneImport, True for a redo, or its refusal), handed to
        # the undo()/redo() the stack calls next
        self._handed: UndoneImport | bool | StoreError | None = None

    def run_on_worker(self, window: Any, stack: QUndoStack, undoing: bool) -> Any:
        """Undo (or redo) on a worker, with the progress dialog; then the stack's step."""

        batch_id, undone = self.batch_id, self.undone
        doing = "Đang hoàn tác" if undoing else "Đang làm lại"
        phase = f"{doing} lần nhập «{self.file_name}»…"

        def work(progress) -> UndoneImport | bool:
            progress.phase(phase)
            if undoing:
                return progress.store.imports.undo(batch_id)
            progress.store.imports.redo(undone)
            return True

        def then(handed: UndoneImport | bool | StoreError) -> bool:
            self._handed = handed
            stack.undo() if undoing else stack.redo()
            return not isinstance(handed, StoreError)

        return Operation(window, "Hoàn tác" if undoing else "Làm lại", work, store=self.store,
                         writes=True, figures=getattr(window, "figures", None), done=then,
                         failed=lambda sentence: then(StoreError(sentence, "conflict")),
                         first_phase=phase, cancellable=False).start()

    def _take(self, write: Callable[[], Any]) -> Any:
        """What the worker did, else `write()` done here; a refusal raised."""
        handed, self._handed = self._handed, None
        if isinstance(handed, StoreError):
            raise handed
        return handed if handed is not None else write()

    def _refused(self, exc: StoreError, title: str) -> None:
        common.tell(self.window, title, f"{exc.message} Lần nhập «{self.file_name}» được bỏ "
                    "khỏi danh sách Hoàn tác / Làm lại.")
        self.setObsolete(True)

    def undo(self) -> None:
        try:
            self.undone = self._take(lambda: self.store.imports.undo(self.batch_id))
        except StoreError as exc:
            self._refused(exc, "Không hoàn tác được")

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        try:
            self._take(lambda: self.store.imports.redo(self.undone))
        except StoreError as exc:
            self._refused(exc, "Không làm lại được")


class ValuesStep(QUndoCommand):
    """Named values changed together (the settings, a report's written texts): undoing
    writes the before values back, when they still are as this step left them."""

    def __init__(self, window: QWidget | None, text: str,
                 read: Callable[[], dict[str, Any]], write: Callable[[dict[str, Any]], Any],
                 before: dict[str, Any], after: dict[str, Any]):
        super().__init__(text)
        self.window, self.read, self.write = window, read, write
        self.before, self.after = before, after
        self._done = True  # pushed after the change was made: the first redo is a no-op

    def _apply(self, values: dict[str, Any], other: dict[str, Any], title: str) -> None:
        try:
            now = self.read()
            if any((now.get(k) or "") != (v or "") for k, v in other.items()):
                raise StoreError("các giá trị này đã được sửa ở nơi khác.", "conflict")
            self.write(values)
        except (StoreError, Invalid) as exc:
            message = exc.message if isinstance(exc, StoreError) else "; ".join(
                exc.problems.values())
            common.tell(self.window, title, f"{message} Vì vậy bước này ({self.text()}) được bỏ "
                 "khỏi danh sách Hoàn tác / Làm lại; không có gì bị ghi đè.")
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(self.before, self.after, "Không hoàn tác được")

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after, self.before, "Không làm lại được")


class SubmissionStep(QUndoCommand):
    """A unit's report recorded as received (on paper, by mail): undoing takes it back."""

    def __init__(self, store: Store, window: QWidget | None, submission_id: int,
                 unit_code: str, year: int, received_at: str):
        super().__init__(f"ghi nhận báo cáo năm {year} của đơn vị «{unit_code}»")
        self.store, self.window, self.submission_id = store, window, submission_id
        self.unit_code, self.year, self.received_at = unit_code, year, received_at
        self._done = True  # pushed after the change was made: the first redo is a no-op

    def _apply(self, write: Callable[[], Any], title: str) -> None:
        try:
            write()
        except StoreError as exc:
            common.tell(self.window, title, f"{exc.message} Vì vậy bước này ({self.text()}) được "
                 "bỏ khỏi danh sách Hoàn tác / Làm lại.")
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(lambda: self.store.submissions.delete(self.submission_id),
                    "Không hoàn tác được")

    def redo(self) -> None:
        if self._done:
            self._done = False
            return

        def again() -> None:
            self.submission_id = self.store.submissions.record(self.unit_code, self.year,
                                                               self.received_at)
        self._apply(again, "Không làm lại được")


def remember_values(widget: QWidget, text: str, read: Callable[[], dict[str, Any]],
                    write: Callable[[dict[str, Any]], Any], before: dict[str, Any]) -> None:
    """Values just written (read() now, `before` until then), as one step of Sửa → Hoàn
    tác: only those that changed; nothing when none did."""
    stack = history(widget)
    if stack is None:
        return
    after = read()
    changed = [k for k in {**before, **after} if (before.get(k) or "") != (after.get(k) or "")]
    if changed:
        stack.push(ValuesStep(widget.window(), text, read, write,
                              {k: before.get(k, "") for k in changed},
                              {k: after.get(k, "") for k in changed}))


def add_undo_keys(dialog: QWidget) -> None:
    """Ctrl+Z / Ctrl+Y in a dialog where records are changed: the window's steps (a
    dialog's keys do not reach the window's menu while it is open)."""

    for keys, name in (("Ctrl+Z", "undo"), ("Ctrl+Y", "redo")):
        action = QAction(dialog)
        action.setShortcuts([QKeySequence.fromString(keys)])
        action.triggered.connect(lambda _c=False, n=name: _run(dialog, n))
        dialog.addAction(action)


def _run(dialog: QWidget, name: str) -> None:
    window = dialog.parentWidget().window() if dialog.parentWidget() is not None else None
    if window is not None and hasattr(window, name) and history(window) is not None:
        getattr(window, name)()


def taken_by_delete(store: Store, entity: str, record: dict[str, Any]
                    ) -> list[tuple[str, dict[str, Any], int]]:
    """The posts, pool entries and enrolments deleting this cadre or course removes, with
    their ids."""
    taken = []
    for child, field in _GOES_WITH.get(entity, ()):
        for row in store.records.iter_records(child):
            if row.get(field) == record.get("code"):
                taken.append((child, stored(store, child, row["id"]) or {}, row["id"]))
    return taken


def history(widget: QWidget | None) -> QUndoStack | None:
    """The window's undo stack, from any widget inside it."""
    while widget is not None:
        stack = getattr(widget, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
        widget = widget.parentWidget()
    return None
