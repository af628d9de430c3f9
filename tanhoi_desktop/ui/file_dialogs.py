"""Qt's own file dialog (where the system has none: Linux without a desktop portal) made
readable: its words come from qt_texts, and here its dates become dd/mm/yyyy (Qt writes
them in the system locale's short form, «5 12 2026 09:30» under the C locale) and its
columns as wide as their headers.

`watch_next()` is called just before a QFileDialog static function: it catches the dialog
that function shows, and stops watching at once after it (an application-wide event
filter for the whole session would cost every event a Python call)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QIdentityProxyModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QTreeView

SIZE_COLUMN, DATE_COLUMN = 1, 3  # QFileSystemModel: name, size, type, date modified


def size_text(size: int) -> str:
    """A file's size as an official reads it: «27,0 KB» (a decimal comma)."""
    if size < 1024:
        return f"{size} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}".replace(".", ",")
    return ""  # (not reached)


class DayFirstDates(QIdentityProxyModel):
    """The file model with its dates as dd/mm/yyyy hh:mm and sizes with a decimal comma."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (SIZE_COLUMN,
                                                                      DATE_COLUMN):
            source = self.sourceModel()
            at = self.mapToSource(index)
            if index.column() == DATE_COLUMN and hasattr(source, "lastModified"):
                when = source.lastModified(at)
                if when.isValid():
                    return when.toLocalTime().toString("dd/MM/yyyy HH:mm")
            elif hasattr(source, "isDir") and not source.isDir(at):
                return size_text(source.size(at))
        return super().data(index, role)


def make_readable(dialog: QFileDialog) -> None:
    """Dates day first and headers whole, on a dialog drawn by Qt (a native one has no
    widgets of its own to change)."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    # room for a file name and its four columns (Qt opens it narrower)
    dialog.resize(max(dialog.width(), 860), max(dialog.height(), 500))
    if not isinstance(dialog.proxyModel(), DayFirstDates):
        dialog.setProxyModel(DayFirstDates(dialog))
        view = dialog.findChild(QTreeView, "treeView")
    header = view.header()
    metrics = header.fontMetrics()
    model = view.model()
    for column in range(1, header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        sample = "00/00/0000 00:00" if column == DATE_COLUMN else "Bảng tính Excel 2007"
        wanted = max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample)) + 28
        if column == 1:  # sizes are short
            wanted = metrics.horizontalAdvance(title) + 28
        header.resizeSection(column, max(header.sectionSize(column), wanted))
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)


class _Watcher(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QFileDialog):
            make_readable(obj)
        return False


_watcher: _Watcher | None = None


def watch_next() -> None:
    """Make the file dialog that opens next readable (see the module's note)."""
    global _watcher
    app = QApplication.instance()
    if app is None:
        return
    if _watcher is None:
        _watcher = _Watcher()
    app.installEventFilter(_watcher)
    # the dialog is shown (synchronously) before its own event loop runs this
    QTimer.singleShot(0, lambda: app.removeEventFilter(_watcher))
