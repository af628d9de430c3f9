"""Every window and dialog inside the screen it opens on, down to 1280 x 720.

Commune offices often have 1366 x 768 or 1280 x 720 screens, with a taskbar. A window
is made no larger than its screen's available area (less a title bar) and moved inside
it: the main window's first size, a remembered geometry from a larger screen, and every
dialog when it is shown (FitsScreen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QWidget

# A title bar and borders, for the time before the window manager reports the frame.
FRAME = QSize(16, 32)
PREFERRED_MAIN = QSize(1360, 800)


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_extra(widget: QWidget) -> QSize:
    frame, inner = widget.frameGeometry(), widget.geometry()
    return QSize(max(frame.width() - inner.width(), FRAME.width()),
                 max(frame.height() - inner.height(), FRAME.height()))


def initial_size(widget: QWidget, preferred: QSize = PREFERRED_MAIN) -> QSize:
    """`preferred`, or less where the screen is smaller."""
    area = available(widget)
    return QSize(min(preferred.width(), area.width() - FRAME.width()),
                 min(preferred.height(), area.height() - FRAME.height()))


def fit_window(widget: QWidget) -> None:
    """Shrink `widget` (a window) to its screen's available area and move it inside."""
    if widget.isMaximized() or widget.isFullScreen():
        return  # the window manager keeps those inside
    area = available(widget)
    extra = _frame_extra(widget)
    width = min(widget.width(), area.width() - extra.width())
    height = min(widget.height(), area.height() - extra.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    # pos() of a window is its frame's top-left corner
    outer = QSize(widget.width() + extra.width(), widget.height() + extra.height())
    x = min(max(widget.x(), area.left()), area.left() + area.width() - outer.width())
    y = min(max(widget.y(), area.top()), area.top() + area.height() - outer.height())
    if (x, y) != (widget.x(), widget.y()):
        widget.move(max(x, area.left()), max(y, area.top()))


def scrolling(content: QWidget) -> QScrollArea:
    """A tall form in a scroll area: on a small screen it scrolls instead of being cut.
    Open its dialog with fit_scrolling_height (a scroll area alone would open short)."""
    from PySide6.QtCore import Qt  # (not at import: the main window's first paint)

    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(content.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    return area


def fit_scrolling_height(area: QScrollArea, window: QWidget) -> None:
    """Make `window` tall enough to show all of `area`'s form, as far as its screen allows."""
    content = area.widget()
    layout = content.layout()
    layout.activate()
    width = area.viewport().width() if area.isVisible() else content.sizeHint().width()
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else content.sizeHint().height())
    shown = area.viewport().height() if area.isVisible() else area.sizeHint().height()
    base = window.height() if window.isVisible() else window.sizeHint().height()
    limit = available(window).height() - _frame_extra(window).height()
    height = min(base + max(needed - shown, 0), limit)
    if height > window.height() or not window.isVisible():
        window.resize(max(window.width(), window.sizeHint().width()), height)
    if window.isVisible():
        fit_window(window)  # grown: its bottom may now be below the screen


def plain_labels(root: QWidget) -> None:
    """Every label under `root` that Qt would guess the format of shows its text as
    typed: a unit named «<h1>…» or «&lt;» is data, never markup. A label meant to hold
    markup says so (setTextFormat(RichText)) and escapes the data it holds."""
    from PySide6.QtCore import Qt  # the Qt namespace: ~20 ms, not at start-up
    from PySide6.QtWidgets import QLabel  # a Qt type costs on first import

    for label in root.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)


class FitsScreen:
    """A dialog kept inside the available area of its screen each time it is shown. A
    mixin, before the Qt class: `class SomeDialog(FitsScreen, QDialog)`.

    One mixin per dialog class, not a filter on the application's events: a Python
    filter there is called on every event of the program, and PySide6 makes a Python
    type for each class of object it sees (measured: ~20 ms more for the window's first
    paint with its data, and a call on every paint, timer and mouse move after)."""

    # names and codes in a dialog's labels are data, never markup (the main window does
    # its panel and tabs as they are built, and nothing before its first paint)
    plain_text_labels = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.plain_text_labels:
            plain_labels(self)
        fit_window(self)


class FitsForm(FitsScreen):
    """A dialog whose form is in `self.scroll` (see scrolling): when first shown, as
    tall as the whole form (wrapped texts are measured at their real width only then)."""

    scroll: QScrollArea

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_form_fitted", False):
            self._form_fitted = True
            fit_scrolling_height(self.scroll, self)
