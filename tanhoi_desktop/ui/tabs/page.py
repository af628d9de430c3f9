"""What the window asks of a tab, and how a tab is described in the tab list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

if TYPE_CHECKING:
    from ...figures.service import FiguresService
    from ...store import Store
    from .record_table import RecordTable


@dataclass
class TabContext:
    """What a tab may use besides the store: given to every tab factory."""

    store: Store
    figures: FiguresService  # the window's: every figure shown is asked of it
    open_record: Callable[[str, int], None] | None = None  # (entity, id) -> its form


@dataclass(frozen=True)
class TabSpec:
    """One tab of the main window: adding a tab is adding one of these to TABS."""

    key: str  # the window's name for it (window.tab(key)), stable across versions
    title: str
    make: Callable[[TabContext], QWidget]  # called the first time the tab is shown


class TabPage:
    """Defaults for a tab made of one RecordTable; tabs made of several override them.

    A tab also has on_change(change) and set_as_of(day) (RecordTable has both)."""

    splitter: QSplitter | None = None  # remembered between sessions, by its objectName

    def tables(self) -> list[RecordTable]:
        """Every table of the tab: their column widths and order are remembered."""
        return [self]  # type: ignore[list-item]

    def current_table(self) -> RecordTable:
        """The table the Sửa menu (add, edit, delete, search) acts on."""
        return self  # type: ignore[return-value]

    def save_state(self, settings: QSettings) -> None:
        if self.splitter is not None:
            settings.setValue(f"view/{self.splitter.objectName()}", self.splitter.saveState())
        for table in self.tables():
            settings.setValue(f"columns/{table.view.objectName()}",
                              table.view.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        """Before the tables first load: restoring a header re-sorts, so it comes first."""
        if self.splitter is not None:
            _restore(settings.value(f"view/{self.splitter.objectName()}"),
                     self.splitter.restoreState)
        for table in self.tables():
            restored = _restore(settings.value(f"columns/{table.view.objectName()}"),
                                table.view.horizontalHeader().restoreState)
            table.view.setProperty("widths_restored", bool(restored))  # not fitted anew


def _restore(state: Any, restore: Callable[[QByteArray], Any]) -> bool:
    if isinstance(state, QByteArray):
        return bool(restore(state))
    return False
