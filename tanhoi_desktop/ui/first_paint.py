"""Work that waits for a window's first paint: the window shows at once, then the rest.

A start-up paints the main window (menus, "Đang mở tệp …") before it opens the data
file and builds the panel and the visible tab. A window that is never painted (started
minimised) gets the work after `fallback_ms` all the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _OnFirstPaint(QObject):
    def __init__(self, widget: QWidget, work: Callable[[], object], fallback_ms: int | None):
        super().__init__(widget)
        self.widget, self.work, self.done = widget, work, False
        widget.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            # once the paint is on the screen, not inside it
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if not self.done:
            self.done = True
            self.widget.removeEventFilter(self)
            self.work()


def after_first_paint(widget: QWidget, work: Callable[[], object],
                      fallback_ms: int | None = 1000) -> None:
    """Run `work` once, just after `widget` is first painted (or after `fallback_ms`)."""
    _OnFirstPaint(widget, work, fallback_ms)
