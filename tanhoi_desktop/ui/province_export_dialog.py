"""Báo cáo → Xuất biểu số liệu gửi tỉnh…: the province's date D, then the file; counts
only (spec/province.md). A commune without «Mã xã» is told how to set it and gets none."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..province import export
from ..store import StoreError
from .common import inform, tell
from .date_field import DateField
from .file_places import ask_save_path
from .screen_fit import FitsScreen

TITLE = "Xuất biểu số liệu gửi tỉnh"


class ProvinceDateDialog(FitsScreen, QDialog):
    """Asks for the date the province wants the figures on."""

    def __init__(self, initial: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        text = QLabel("Biểu gồm số liệu các chỉ tiêu, số người và số nữ của từng đơn vị, "
                      "hoạt động theo nhóm nhiệm vụ và kinh phí; không có họ tên, ngày sinh "
                      "hay dân tộc của cán bộ nào.")
        text.setWordWrap(True)
        self.date = DateField()
        self.date.setText(f"{initial:%d/%m/%Y}")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Số liệu tính đến ngày (theo yêu cầu của tỉnh):", self.date)
        buttons = QDialogButtonBox()
        buttons.addButton("Xuất…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> dt.date | None:
        try:
            return self.date.date()
        except ValueError:
            return None

    def _accept(self) -> None:
        try:
            day = self.date.date()
        except ValueError as exc:
            self.error.setText(f"Ngày số liệu: {exc}.")
            self.error.show()
            return
        if day is None:
            self.error.setText("Hãy nhập ngày số liệu mà tỉnh yêu cầu (dd/mm/yyyy).")
            self.error.show()
            return
        self.accept()


def export_for_province(parent: QWidget, store) -> bool:
    """The whole command from the window; True when a workbook was written."""

    if not (store.settings.read().get("commune_code") or "").strip():
        tell(parent, TITLE, export.NO_CODE)
        return False
    dialog = ProvinceDateDialog(dt.date.today(), parent)
    if not dialog.exec() or dialog.chosen() is None:
        return False
    day = dialog.chosen()
    name = f"bieu-gui-tinh-{store.settings.read()['commune_code']}-{day:%Y%m%d}.xlsx"
    path = ask_save_path(parent, TITLE, name, "Tệp Excel (*.xlsx)", store.path)
    if path is None:
        return False
    try:
        warnings = export.write(store, day, path)
    except export.NoCommuneCode as exc:
        tell(parent, TITLE, exc.message)
        return False
    except StoreError as exc:
        tell(parent, TITLE, exc.message)
        return False
    except OSError as exc:
        tell(parent, TITLE, f"Không ghi được tệp «{path}»: {exc.strerror or exc}")
        return False
    message = f"Đã ghi biểu số liệu gửi tỉnh, tính đến ngày {day:%d/%m/%Y}, vào «{path}»."
    if warnings:
        message += "\n\nLưu ý:\n" + "\n".join(warnings)
    inform(parent, TITLE, message)
    return True
