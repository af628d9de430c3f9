"""Qt's own words in Vietnamese.

Qt ships no Vietnamese translation of its widgets, so the right-click menu of every
text field, the print preview's toolbar and a few box buttons would speak English.
These are the texts an official meets: the editing menus, the print preview, and Qt's
own file, print and page-setup dialogs (used where the system has none of its own, as
on Linux; Windows' native ones speak the system's language)."""

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

_FILE_COLUMNS = {
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa",
}

_FILE_DIALOG = {
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "Files of &type:": "&Loại tệp:",
    "File &name:": "&Tên tệp:",
    "Files of type:": "Loại tệp:",
    "&Open": "&Mở",
    "&Save": "&Lưu",
    "&Choose": "&Chọn",
    "Open": "Mở",
    "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục",
    "Directory:": "Thư mục:",
    "Directories": "Thư mục",
    "Files": "Tệp",
    "File": "Tệp",
    "%1 File": "Tệp %1",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Alias": "Lối tắt",
    "Shortcut": "Lối tắt",
    "Drive": "Ổ đĩa",
    "Unknown": "Không rõ",
    "All Files (*)": "Mọi tệp (*)",
    "All files (*)": "Mọi tệp (*)",
    "Back": "Lùi lại",
    "Forward": "Tiến tới",
    "Go back": "Quay lại thư mục trước",
    "Go forward": "Đi tới thư mục sau",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo một thư mục mới",
    "New Folder": "Thư mục mới",
    "&New Folder": "Thư mục &mới",
    "List View": "Xem dạng danh sách",
    "Detail View": "Xem chi tiết",
    "Change to list view mode": "Xem dạng danh sách",
    "Change to detail view mode": "Xem dạng chi tiết",
    "Sidebar": "Thanh bên",
    "List of places and bookmarks": "Các nơi và dấu trang",
    "Recent Places": "Nơi dùng gần đây",
    "My Computer": "Máy tính",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Delete": "Xóa",
    "Remove": "Bỏ",
    "Show ": "Hiện ",
    "Show &hidden files": "Hiện các tệp &ẩn",
    "Alt+Left": "Alt+Trái",
    "Alt+Right": "Alt+Phải",
    "Alt+Up": "Alt+Lên",
    "%1 already exists.\nDo you want to replace it?":
        "%1 đã có.\nBạn có muốn thay tệp đó không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    "'%1' is write protected.\nDo you want to delete it anyway?":
        "«%1» đang được chống ghi.\nVẫn xóa?",
    "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa «%1»?",
    "Could not delete directory.": "Không xóa được thư mục.",
}

_FILE_MODEL = {
    **_FILE_COLUMNS,
    "Computer": "Máy tính",
    "My Computer": "Máy tính",
    "Invalid filename": "Tên tệp không hợp lệ",
    '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters '
    'or no punctuation marks.':
        "<b>Không dùng được tên «%1».</b><p>Hãy đặt tên khác, ngắn hơn hoặc không có dấu "
        "chấm câu.",
}

_PRINT_DIALOG = {
    "Print": "In",
    "&Print": "&In",
    "OK": "Đồng ý",
    "&Options >>": "&Tùy chọn >>",
    "&Options <<": "&Tùy chọn <<",
    "Local file": "Tệp trên máy",
    "Write PDF file": "Ghi tệp PDF",
    "Print To File ...": "In ra tệp…",
    "Print to File (PDF)": "In ra tệp (PDF)",
    "All Pages": "Tất cả các trang",
    "Odd Pages": "Các trang lẻ",
    "Even Pages": "Các trang chẵn",
    "1 (1x1)": "1 (1x1)",
    "2 (2x1)": "2 (2x1)",
    "4 (2x2)": "4 (2x2)",
    "6 (2x3)": "6 (2x3)",
    "9 (3x3)": "9 (3x3)",
    "16 (4x4)": "16 (4x4)",
    "Left to Right, Top to Bottom": "Trái sang phải, trên xuống dưới",
    "Left to Right, Bottom to Top": "Trái sang phải, dưới lên trên",
    "Right to Left, Bottom to Top": "Phải sang trái, dưới lên trên",
    "Right to Left, Top to Bottom": "Phải sang trái, trên xuống dưới",
    "Bottom to Top, Left to Right": "Dưới lên trên, trái sang phải",
    "Bottom to Top, Right to Left": "Dưới lên trên, phải sang trái",
    "Top to Bottom, Left to Right": "Trên xuống dưới, trái sang phải",
    "Top to Bottom, Right to Left": "Trên xuống dưới, phải sang trái",
    "Invalid Pages Definition": "Trang in không hợp lệ",
    "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, "
    "'-' to define ranges and make sure ranges do not intersect with each other.":
        "«%1» viết chưa đúng. Dùng dấu «,» để ngăn các trang hoặc khoảng trang, dấu «-» "
        "cho một khoảng trang, và các khoảng không được chồng lên nhau.",
    "The 'From' value cannot be greater than the 'To' value.":
        "Trang «Từ» không được lớn hơn trang «Đến».",
    "%1 already exists.\nDo you want to overwrite it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    "%1 is a directory.\nPlease choose a different file name.":
        "%1 là một thư mục.\nHãy chọn tên tệp khác.",
    "File %1 is not writable.\nPlease choose a different file name.":
        "Không ghi được tệp %1.\nHãy chọn tên tệp khác.",
    "Duplex Settings Conflicts": "Thiết lập in hai mặt mâu thuẫn",
    "There are conflicts in duplex settings. Do you want to fix them?":
        "Thiết lập in hai mặt đang mâu thuẫn. Bạn có muốn sửa không?",
    "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of "
    "those options off.":
        "Không dùng được cùng lúc «Số trang mỗi tờ» và «Nhóm trang».\nHãy tắt một trong hai.",
}

_PRINT_WIDGET = {
    "Printer": "Máy in",
    "&Name:": "&Tên:",
    "P&roperties": "Th&uộc tính",
    "Location:": "Vị trí:",
    "Preview": "Xem trước",
    "Type:": "Loại:",
    "Output &file:": "&Tệp ra:",
    "...": "…",
    "Form": "Mẫu",
}

_PRINT_OUTPUT = {
    "Form": "Mẫu",
    "Copies": "Số bản",
    "Copies:": "Số bản:",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Các trang từ",
    "to": "đến",
    "Pages": "Các trang",
    "Current Page": "Trang hiện tại",
    "Selection": "Phần đã chọn",
    "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
    "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.":
        "Ghi các trang hoặc khoảng trang, cách nhau bởi dấu phẩy; một khoảng là hai số "
        "nối bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.",
    "Output Settings": "Thiết lập in",
    "Page Set:": "Nhóm trang:",
    "Page &Set:": "&Nhóm trang:",
    "Collate": "Theo bộ",
    "Reverse": "In ngược thứ tự",
    "Options": "Tùy chọn",
    "Color Mode": "Chế độ màu",
    "Color": "Màu",
    "Grayscale": "Đen trắng",
    "Double Sided Printing": "In hai mặt",
    "Off": "Tắt",
    "Long side binding": "Lật theo cạnh dài",
    "Short side binding": "Lật theo cạnh ngắn",
}

_PAGE_SETUP = {
    "Form": "Mẫu",
    "Paper": "Giấy",
    "Page size:": "Khổ giấy:",
    "Width:": "Rộng:",
    "Height:": "Cao:",
    "Paper source:": "Khay giấy:",
    "Orientation": "Hướng giấy",
    "Portrait": "Dọc",
    "Landscape": "Ngang",
    "Reverse landscape": "Ngang ngược",
    "Reverse portrait": "Dọc ngược",
    "Margins": "Lề",
    "top margin": "lề trên",
    "left margin": "lề trái",
    "right margin": "lề phải",
    "bottom margin": "lề dưới",
    "Page Layout": "Bố cục trang",
    "Page order:": "Thứ tự trang:",
    "Pages per sheet:": "Số trang mỗi tờ:",
    "Page &order:": "&Thứ tự trang:",  # (Qt 6.11 writes them with a shortcut key)
    "Pages &per sheet:": "Số trang &mỗi tờ:",
    "Custom": "Tùy chỉnh",
    "Millimeters (mm)": "Milimét (mm)",
    "Points (pt)": "Point (pt)",
    "Inches (in)": "Inch (in)",
    "Pica (P̸)": "Pica (P̸)",
    "Didot (DD)": "Didot (DD)",
    "Cicero (CC)": "Cicero (CC)",
    "mm": "mm",
    "pt": "pt",
    "in": "in",
}

_PRINT_PROPERTIES = {
    "Printer Properties": "Thuộc tính máy in",
    "Job Options": "Tùy chọn lệnh in",
    "Page Setup Conflicts": "Thiết lập trang mâu thuẫn",
    "There are conflicts in page setup options. Do you want to fix them?":
        "Thiết lập trang đang mâu thuẫn. Bạn có muốn sửa không?",
    "Advanced Option Conflicts": "Tùy chọn nâng cao mâu thuẫn",
    "There are conflicts in some advanced options. Do you want to fix them?":
        "Một số tùy chọn nâng cao đang mâu thuẫn. Bạn có muốn sửa không?",
}

TEXTS: dict[str, dict[str, str]] = {
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_MODEL,
    "QDirModel": _FILE_COLUMNS,
    "QPrintDialog": _PRINT_DIALOG,
    "QPrintWidget": _PRINT_WIDGET,
    "QPrintSettingsOutput": _PRINT_OUTPUT,
    "QPageSetupWidget": _PAGE_SETUP,
    "QPrintPropertiesDialog": _PRINT_PROPERTIES,
    "QPrintPropertiesWidget": {"Form": "Mẫu", "Page": "Trang", "Advanced": "Nâng cao",
                               "There are conflicts in some options. Please fix them.":
                                   "Một số tùy chọn đang mâu thuẫn. Hãy sửa lại."},
    "QPageSetupDialog": {"Page Setup": "Thiết lập trang"},
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
