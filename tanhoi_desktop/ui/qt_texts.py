"""Qt's own words in Vietnamese.

Qt ships no Vietnamese translation of its widgets, so the right-click menu of every
text field, the print preview's toolbar and a few box buttons would speak English.
These are the texts an official meets; the rest of Qt's words never show in this program
(file and print dialogs are the operating system's own, in its language)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

_EDITING = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
}

TEXTS: dict[str, dict[str, str]] = {
    "QLineEdit": _EDITING,
    "QWidgetTextControl": _EDITING,
    "QAbstractSpinBox": {"&Step up": "&Tăng", "Step &down": "&Giảm",
                         "&Select All": "&Chọn tất cả"},
    "QPrintPreviewDialog": {
        "Print Preview": "Xem trước khi in",
        "First page": "Trang đầu",
        "Previous page": "Trang trước",
        "Next page": "Trang sau",
        "Last page": "Trang cuối",
        "Fit width": "Vừa chiều rộng",
        "Fit page": "Vừa trang",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Portrait": "Khổ dọc",
        "Landscape": "Khổ ngang",
        "Show single page": "Xem từng trang",
        "Show facing pages": "Xem hai trang cạnh nhau",
        "Show overview of all pages": "Xem tất cả các trang",
        "Print": "In",
        "Page setup": "Thiết lập trang",
        "Page Setup": "Thiết lập trang",
        "Export to PDF": "Xuất PDF",
    },
    "QProgressDialog": {"Cancel": "Hủy"},
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…"},
    "QCalendarWidget": {"Previous Month": "Tháng trước", "Next Month": "Tháng sau"},
    "QPlatformTheme": {
        "OK": "Đồng ý",
        "Save": "Lưu",
        "Save All": "Lưu tất cả",
        "Open": "Mở",
        "&Yes": "&Có",
        "Yes to &All": "Có với &tất cả",
        "&No": "&Không",
        "N&o to All": "&Không với tất cả",
        "Abort": "Hủy bỏ",
        "Retry": "Thử lại",
        "Ignore": "Bỏ qua",
        "Close": "Đóng",
        "Cancel": "Hủy",
        "Discard": "Bỏ",
        "Help": "Trợ giúp",
        "Apply": "Áp dụng",
        "Reset": "Đặt lại",
        "Restore Defaults": "Khôi phục mặc định",
    },
}


class VietnameseQtTexts(QTranslator):
    """A translator from the table above; any other text stays as Qt has it."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return TEXTS.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:
        return False
