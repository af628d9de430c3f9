"""Khôi phục từ bản sao lưu: the backups with their date and the four figures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from .. import domain
from ..figures import indicators
from ..safety import backups
from .common import full_text_tooltips
from .item_rows import marks_fit
from .message_box import MessageBox
from .screen_fit import FitsScreen

REASONS = {"": "Sao lưu", "mo": "Tự động khi mở", "dong": "Tự động khi đóng",
           "thu-cong": "Sao lưu thủ công", "truoc-khoi-phuc": "Trước khi khôi phục"}


class RestoreDialog(FitsScreen, QDialog):
    """Lists backups newest first; `chosen()` is the one to restore after confirming."""

    def __init__(self, data_file: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Khôi phục từ bản sao lưu")
        self.resize(900, 420)
        self.data_file = data_file
        self._chosen: Path | None = None

        intro = QLabel(
            "Chọn bản sao lưu cần khôi phục. Tệp dữ liệu hiện tại sẽ được sao lưu trước, "
            "nên có thể quay lại nếu cần. Số liệu của mỗi bản là số liệu tại ngày sao lưu.")
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        marks_fit(self.list)
        self.list.setHeaderLabels(["Thời điểm", "Loại", "Xã", "Đơn vị", "Cán bộ", "CT1",
                                   "CT1 điều chỉnh", "CT2", "CT3"])
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        folder = backups.backup_dir(data_file)
        self.contents: dict[str, backups.Listed] = {}
        for b in backups.list_backups(data_file, folder):
            # from the backups' index: listing opens (downloads) no backup it knows
            contents = backups.listed_contents(b)
            if contents is None:
                values = ["(không đọc được)"] + [""] * 6
            else:
                self.contents[str(b.path)] = contents
                values = [contents.commune, str(contents.counts.get("units", 0)),
                          str(contents.counts.get("cadres", 0)),
                          *(domain.format_percent(contents.figures.get(k))
                            for k in indicators.KEYS)]
            item = QTreeWidgetItem([b.taken.strftime("%d/%m/%Y %H:%M:%S"),
                                    REASONS.get(b.reason, b.reason), *values])
            item.setData(0, Qt.ItemDataRole.UserRole, str(b.path))
            for col in (3, 4):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            if contents is None:
                item.setDisabled(True)
            self.list.addTopLevelItem(item)
        for col in range(self.list.columnCount()):
            self.list.resizeColumnToContents(col)
        full_text_tooltips(self.list)
        self.empty = QLabel(f"Chưa có bản sao lưu nào trong «{folder}».")
        self.empty.setVisible(self.list.topLevelItemCount() == 0)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            "Khôi phục", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.setEnabled(False)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.restore_button.setEnabled(
                item is not None and not item.isDisabled()))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isDisabled():
            return
        contents = self.contents[item.data(0, Qt.ItemDataRole.UserRole)]
        box = MessageBox(MessageBox.Icon.Question, "Khôi phục dữ liệu",
                          f"Thay dữ liệu hiện tại bằng bản sao lưu lúc {item.text(0)}, dữ "
                          f"liệu của {contents.in_words()}?\n"
                          "Tệp hiện tại sẽ được sao lưu trước khi khôi phục.", parent=self)
        yes = box.addButton("Khôi phục", MessageBox.ButtonRole.YesRole)
        box.addButton("Hủy", MessageBox.ButtonRole.NoRole)
        box.exec()
        if box.clickedButton() is not yes:
            return
        self._chosen = Path(item.data(0, Qt.ItemDataRole.UserRole))
        super().accept()

    def chosen(self) -> Path | None:
        return self._chosen
