"""A record changed elsewhere while its form was open: both versions side by side, and
the official chooses. Nothing is overwritten without being asked."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import domain
from ..domain import Entity
from .common import as_tooltip
from .screen_fit import FitsScreen

TAKE_THEIRS, KEEP_MINE, GO_BACK = "theirs", "mine", "back"


def shown(field: domain.Field, value: Any) -> str:
    """A stored value as the form would show it."""
    if value is None or value == "" or value == ():
        return "(trống)"
    if isinstance(value, bool):
        return domain.YES if value else domain.NO
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if field.kind in ("date", "birth") and isinstance(value, str) and len(value) == 10:
        return domain.format_date(value)
    if field.kind == "money" and isinstance(value, int):
        return domain.format_dong(value)
    return str(value)


class ConflictDialog(FitsScreen, QDialog):
    """`theirs`: the record as the file holds it now; `mine`: the form's values (stored
    form); `elsewhere`/`by_me`: the fields each side changed since the form opened."""

    def __init__(self, entity: Entity, label: str, theirs: dict[str, Any],
                 mine: dict[str, Any], elsewhere: list[str], by_me: list[str], parent=None):
        super().__init__(parent)
        self.choice = GO_BACK
        self.setWindowTitle("Bản ghi vừa được sửa ở nơi khác")
        both = [name for name in elsewhere if name in by_me]
        intro = QLabel(
            f"{label} này đã được sửa ở nơi khác (một chương trình khác, hoặc một người "
            "khác trên tệp này) sau khi bạn mở biểu mẫu. Chưa lưu gì.\n\n"
            "Dưới đây là các ô khác nhau giữa bản trong tệp bây giờ và bản trong biểu mẫu "
            "của bạn." + (" Các ô đánh dấu ▲ được sửa ở cả hai nơi." if both else ""))
        intro.setWordWrap(True)
        intro.setTextFormat(intro.textFormat().PlainText)

        rows = [f for f in entity.fields if f.name in elsewhere or f.name in by_me]
        table = QTableWidget(len(rows), 3)
        table.setObjectName("versions")
        table.setHorizontalHeaderLabels(["Mục", "Trong tệp bây giờ", "Trong biểu mẫu của bạn"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for row, f in enumerate(rows):
            mark = " ▲" if f.name in both else ""
            for column, text in enumerate((f.header + mark, shown(f, theirs.get(f.name)),
                                           shown(f, mine.get(f.name)))):
                item = QTableWidgetItem(text)  # plain text: never rich text from data
                item.setToolTip(as_tooltip(text))  # as typed, never markup
                table.setItem(row, column, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        self.table = table

        self.take_theirs = QPushButton("Lấy bản trong tệp, giữ các ô tôi đã sửa")
        self.take_theirs.setToolTip("Biểu mẫu hiện lại bản trong tệp; các ô chỉ bạn sửa vẫn "
                                    "giữ nội dung của bạn. Xem lại rồi bấm Lưu.")
        self.keep_mine = QPushButton("Ghi đè bằng bản của tôi")
        self.go_back = QPushButton("Quay lại biểu mẫu")
        self.take_theirs.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.keep_mine.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.go_back.clicked.connect(lambda: self._choose(GO_BACK))
        self.take_theirs.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        for button in (self.take_theirs, self.keep_mine, self.go_back):
            layout.addWidget(button)
        self.resize(760, 340)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def ask(self) -> str:
        self.exec()
        return self.choice
