"""The menu bar, as a list: adding a command is adding one Item to MENUS.

Each Item names a method of the main window (its `slot`); `name` keeps the QAction as
an attribute of the window when other code needs it (enabling, tests)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

MAX_RECENT = 5
Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Item:
    text: str
    slot: str  # the main window's method
    shortcut: str | QKeySequence.StandardKey | None = None
    name: str | None = None  # window attribute holding the QAction
    tip: str = ""  # said when the item is pointed at (what the name cannot say)


SEPARATOR = Item("", "")
RECENT = Item("Mở gần đây", "")  # the submenu of recently opened files

MENUS: list[tuple[str, list[Item]]] = [
    ("&Tệp", [
        Item("Tạo tệp dữ liệu mới…", "new_file"),
        Item("Tạo tệp tổng hợp tỉnh…", "new_province_file"),
        Item("Mở tệp dữ liệu…", "open_file", Key.Open),
        RECENT,
        SEPARATOR,
        Item("Nhập từ Excel…", "import_workbook", "Ctrl+I", "act_import"),
        Item("Xuất ra Excel…", "export_workbook", "Ctrl+E"),
        Item("In báo cáo tổng hợp…", "print_report", Key.Print, "act_print"),
        Item("In báo cáo giai đoạn…", "print_period_report", None, "act_print_period"),
        SEPARATOR,
        Item("Lưu bản sao…", "save_copy"),
        Item("Sao lưu ngay…", "backup_now"),
        Item("Khôi phục từ bản sao lưu…", "restore_backup", tip=(
            "Thay dữ liệu đang mở bằng một bản sao lưu. Không hoàn tác được bằng Sửa → "
            "Hoàn tác (dữ liệu hiện tại được sao lưu trước, có thể khôi phục lại), và các "
            "thay đổi trước đó không hoàn tác được nữa.")),
        SEPARATOR,
        Item("Mở dữ liệu mẫu", "open_demo"),
        SEPARATOR,
        Item("Thoát", "close", Key.Quit),
    ]),
    ("&Sửa", [
        Item("Hoàn tác", "undo", "Ctrl+Z", "act_undo", tip=(
            "Bỏ thay đổi vừa làm trong phiên này: thêm, sửa, xóa bản ghi, kinh phí, cài đặt, "
            "nội dung báo cáo, hoặc cả một lần nhập từ Excel.")),
        Item("Làm lại", "redo", "Ctrl+Y", "act_redo", tip="Làm lại thay đổi vừa hoàn tác."),
        SEPARATOR,
        Item("Thêm bản ghi mới", "add_record", Key.New, "act_add"),
        Item("Sửa bản ghi đang chọn", "edit_record"),
        Item("Xóa bản ghi đang chọn", "delete_record"),
        Item("Tìm kiếm", "focus_search", Key.Find),
    ]),
    ("&Báo cáo", [
        Item("In báo cáo tổng hợp năm…", "print_report"),
        Item("In báo cáo giai đoạn…", "print_period_report"),
        SEPARATOR,
        Item("Tình hình gửi báo cáo của các đơn vị…", "open_submissions"),
        Item("Báo cáo viết của các đơn vị…", "open_unit_reports"),
        Item("Thực trạng đội ngũ theo giới tính…", "open_workforce"),
        SEPARATOR,
        Item("Chỉ tiêu của các đơn vị…", "open_unit_targets"),
        Item("Rà soát, bổ sung quy hoạch hằng năm…", "open_pool_review"),
        SEPARATOR,
        Item("Xuất biểu số liệu gửi tỉnh…", "export_for_province"),
    ]),
    ("&Công cụ", [
        Item("Cài đặt…", "open_settings"),
        Item("Nhật ký thay đổi…", "open_audit"),
        Item("Chốt số liệu năm…", "save_snapshot", tip=(
            "Chốt hoặc mở lại số liệu của một năm. Không hoàn tác được bằng Sửa → Hoàn tác "
            "(bỏ chốt bằng «Mở lại»), và các thay đổi trước đó không hoàn tác được nữa.")),
    ]),
    ("Trợ &giúp", [
        Item("Hướng dẫn sử dụng", "open_help", "F1", "act_help"),
        SEPARATOR,
        Item("Giới thiệu", "about"),
    ]),
]


class RecentFiles:
    """The Mở gần đây submenu (the last five files opened), kept in the settings; the
    first is the file the next start opens (ui/last_file)."""

    def __init__(self, menu: QMenu, settings: QSettings, open_path: Callable[[Path], object]):
        self.menu, self.settings, self.open_path = menu, settings, open_path
        self.refresh()

    def paths(self) -> list[str]:
        return [p for p in self.settings.value("recent", [], list) or [] if p]

    def refresh(self) -> None:
        self.menu.clear()
        for number, path in enumerate(self.paths(), 1):
            where = Path(path)
            missing = "" if where.exists() else "  (không tìm thấy)"
            action = self.menu.addAction(f"&{number} {where.name}  —  {where.parent}{missing}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(Path(p)))
        self.menu.setEnabled(bool(self.paths()))

    def remember(self, path: Path) -> None:
        def key(p) -> str:  # the same file however written (its case, on Windows)
            return os.path.normcase(os.path.abspath(p))

        others = [p for p in self.paths() if key(p) != key(path)]
        self.settings.setValue("recent", [str(path), *others][:MAX_RECENT])
        self.refresh()


def build_menus(window: QMainWindow, menus: list[tuple[str, list[Item]]] = MENUS
                ) -> QMenu | None:
    """Fill the window's menu bar; returns the recent-files submenu."""
    recent = None
    bar = window.menuBar()
    for title, items in menus:
        menu = bar.addMenu(title)
        menu.setToolTipsVisible(True)
        for item in items:
            if item is SEPARATOR:
                menu.addSeparator()
            elif item is RECENT:
                recent = menu.addMenu(item.text)
            else:
                action = _action(window, menu, item)
                if item.name:
                    setattr(window, item.name, action)
    return recent


def _action(window: QMainWindow, menu: QMenu, item: Item) -> QAction:
    action = QAction(item.text, window)
    # setShortcuts, not setShortcut: the latter's overloads make PySide6 build the `Qt`
    # namespace's type (~20 ms) before the first paint. A standard key gets every binding
    # the platform has for it.
    if isinstance(item.shortcut, str):
        action.setShortcuts([QKeySequence.fromString(item.shortcut)])
    elif item.shortcut is not None:
        action.setShortcuts(item.shortcut)
    if item.tip:
        action.setToolTip(item.tip)
        action.setStatusTip(item.tip)
    slot = getattr(window, item.slot)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action
