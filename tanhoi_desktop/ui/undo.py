"""Sửa → Hoàn tác / Làm lại: adding, editing and deleting a record, within the session.

Each step keeps the record as the store gave it before and after (the values the audit
trail records); undoing writes the other one back through the store, so that an undo is
a change like any other: checked, in the audit trail, and the panel recomputes. A deleted
cadre or course comes back with the posts, pool entries and enrolments that went with it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ..domain import ENTITY, Invalid
from ..store import Store, StoreError
from .common import tell

VERBS = {"add": "thêm", "edit": "sửa", "delete": "xóa"}
# what a delete takes with it (store.delete), to bring back on undo: (entity, field)
_GOES_WITH = {"cadres": (("posts", "cadre_code"), ("planning", "cadre_code"),
                         ("enrolments", "cadre_code")),
              "courses": (("enrolments", "course_code"),)}


def stored(store: Store, entity: str, record_id: int) -> dict[str, Any] | None:
    """The record as the store has it, without its id: what save() takes back."""
    record = store.get(entity, record_id)
    if record is None:
        return None
    return {k: v for k, v in record.items() if k != "id"}


def _label(entity: str, record: dict[str, Any]) -> str:
    name = ENTITY[entity].name_of(record)
    return f"{ENTITY[entity].label} «{name}»" if name else ENTITY[entity].label


class RecordStep(QUndoCommand):
    """One record added (before None), edited, or deleted (after None)."""

    def __init__(self, store: Store, window: QWidget | None, entity: str, record_id: int,
                 before: dict[str, Any] | None, after: dict[str, Any] | None,
                 taken: list[tuple[str, dict[str, Any]]] | None = None):
        action = "add" if before is None else "delete" if after is None else "edit"
        super().__init__(f"{VERBS[action]} {_label(entity, after or before or {})}")
        self.store, self.window, self.entity = store, window, entity
        self.record_id = record_id
        self.before, self.after = before, after
        self.taken = taken or []  # the rows a delete took with it
        self._done = True  # pushed after the change was made: the first redo is a no-op

    def _write(self, values: dict[str, Any] | None, other: dict[str, Any] | None) -> None:
        if values is None:  # undo an add / redo a delete
            self.store.delete(self.entity, self.record_id)
        elif other is None:  # undo a delete / redo an add: the record comes back
            self.record_id = self.store.save(self.entity, values, None)
            if values is self.before:
                for entity, record in self.taken:
                    self.store.save(entity, record, None)
        else:
            self.record_id = self.store.save(self.entity, values, self.record_id)

    def _apply(self, values, other) -> None:
        try:
            self._write(values, other)
        except (StoreError, Invalid) as exc:
            # the data moved on since (another program, an import): the step is dropped
            message = exc.message if isinstance(exc, StoreError) else "; ".join(
                exc.problems.values())
            tell(self.window, "Không hoàn tác được",
                 f"Không {self.text()} lại được: {message}")
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(self.before, self.after)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self.after, self.before)


def taken_by_delete(store: Store, entity: str, record: dict[str, Any]
                    ) -> list[tuple[str, dict[str, Any]]]:
    """The posts, pool entries and enrolments deleting this cadre or course removes."""
    taken = []
    for child, field in _GOES_WITH.get(entity, ()):
        for row in store.iter_records(child):
            if row.get(field) == record.get("code"):
                taken.append((child, {k: v for k, v in row.items() if k != "id"}))
    return taken


def history(widget: QWidget | None) -> QUndoStack | None:
    """The window's undo stack, from any widget inside it."""
    while widget is not None:
        stack = getattr(widget, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
        widget = widget.parentWidget()
    return None
