"""The data file a start-up opens: the last one used. When it is not where it was (a USB
stick not plugged in, a folder renamed), the window says where it was and lists the other
recent files, instead of opening an empty default file that looks like lost data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..safety.crashlog import APP_NAME
from .item_rows import marks_fit, row_height_for

DATA_FILE_NAME = "du-lieu.sqlite"


def default_data_file() -> Path:
    """The user's data folder, never the program folder (updates must not touch it)."""
    from platformdirs import user_data_dir  # only a start-up without a file needs it

    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / DATA_FILE_NAME


def start_file(recent: list[str], default: Callable[[], Path]) -> tuple[Path, bool]:
    """(the file to open, whether it is missing). No file used yet: the default one
    (created when absent)."""
    if recent:
        last = Path(recent[0])
        return last, not last.exists()
    return default(), False


class MissingFilePage(QWidget):
    """Where the last file was, the other recent files that are there, and the ways on."""

    def __init__(self, missing: Path, recent: list[str], open_path: Callable[[Path], object],
                 open_other: Callable[[], object], new_file: Callable[[], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.missing = missing
        self.open_path = open_path
        title = QLabel("Không tìm thấy tệp dữ liệu dùng lần trước")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        where = QLabel(
            f"Tệp «{missing.name}» trước đây nằm ở:\n{missing.parent}\n\n"
            "Có thể tệp đã được chuyển đi, đổi tên, hoặc nằm trên ổ USB hay ổ mạng chưa "
            "được cắm. Dữ liệu không bị xóa: hãy cắm lại ổ rồi bấm «Thử lại», hoặc mở một "
            "tệp khác.")
        where.setObjectName("missing_where")
        where.setWordWrap(True)
        self.retry = QPushButton("Thử lại")
        self.retry.clicked.connect(lambda: open_path(missing))
        self.other = QPushButton("Mở tệp khác…")
        self.other.clicked.connect(open_other)
        self.new = QPushButton("Tạo tệp dữ liệu mới…")
        self.new.clicked.connect(new_file)

        self.list = marks_fit(QListWidget())
        self.list.setObjectName("recent_list")
        for path in recent:
            if Path(path) != missing and Path(path).exists():
                item = QListWidgetItem(f"{Path(path).name}  —  {Path(path).parent}")
                item.setToolTip(path)
                item.setData(256, path)  # Qt.ItemDataRole.UserRole (no `Qt` at start-up)
                self.list.addItem(item)
        self.list.itemActivated.connect(self._open_item)
        self.open_chosen = QPushButton("Mở tệp đã chọn")
        self.open_chosen.clicked.connect(lambda: self._open_item(self.list.currentItem()))
        self.list.currentRowChanged.connect(
            lambda row: self.open_chosen.setEnabled(row >= 0))
        # as tall as the five files the menu keeps, in rows tall enough for stacked marks
        row = max(self.list.sizeHintForRow(0), row_height_for(self.list.fontMetrics()))
        self.list.setFixedHeight(5 * (row + 4) + 2 * self.list.frameWidth())
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.open_chosen.setEnabled(False)
        listed = QLabel("Các tệp đã dùng gần đây:" if self.list.count() else
                        "Không có tệp nào khác đã dùng gần đây.")

        buttons = QHBoxLayout()
        for button in (self.retry, self.other, self.new):
            buttons.addWidget(button)
        buttons.addStretch()
        chosen = QHBoxLayout()
        chosen.addWidget(self.open_chosen)
        chosen.addStretch()
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(where)
        box.addLayout(buttons)
        box.addSpacing(12)
        box.addWidget(listed)
        box.addWidget(self.list)
        box.addLayout(chosen)
        box.addStretch()
        self.list.setVisible(self.list.count() > 0)
        self.open_chosen.setVisible(self.list.count() > 0)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(760)
        outer = QHBoxLayout(self)
        outer.addStretch()
        outer.addWidget(inner, 10)
        outer.addStretch()

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_path(Path(item.data(256)))
