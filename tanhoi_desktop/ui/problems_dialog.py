"""A refused workbook: every problem listed, in a box the user can copy from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .screen_fit import FitsScreen


class ProblemsDialog(FitsScreen, QDialog):
    """Every problem of a refused workbook, in a box the user can copy from."""

    def __init__(self, problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tệp Excel có lỗi: chưa nhập gì")
        intro = QLabel(f"Tệp có {len(problems)} lỗi. Chưa có dữ liệu nào được ghi. Hãy sửa "
                       "các ô dưới đây trong Excel rồi nhập lại.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(problems))
        self.text.setReadOnly(True)
        copy = QPushButton("Sao chép danh sách lỗi")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
