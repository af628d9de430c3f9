"""The yellow bar above the tabs: why the file is read-only or a demo, and what to do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..safety.instance_lock import is_network_path


def opening_notes(path: Path, *, demo: bool, held_by: str | None,
                  read_only_place: bool) -> list[str]:
    """What the user must know about the file just opened (none: no bar)."""

    notes = []
    if demo:
        notes.append("DỮ LIỆU MẪU: đây là một xã giả định để xem thử; mọi thay đổi chỉ "
                     "nằm trong bản sao tạm thời.")
    if held_by is not None:
        notes.append(f"Tệp đang được {held_by} mở để ghi. Chương trình mở tệp ở "
                     "chế độ CHỈ ĐỌC để không ghi đè lên thay đổi của người đó.")
    if read_only_place:
        notes.append("Tệp nằm ở nơi chỉ cho phép đọc (ổ đĩa hoặc thẻ nhớ bị khóa ghi, hoặc "
                     "thư mục không có quyền ghi). Chương trình mở tệp ở chế độ CHỈ ĐỌC: "
                     "xem và in được, không sửa được. Muốn nhập liệu, hãy chép tệp vào "
                     "máy này rồi mở bản chép.")
    if is_network_path(path):
        notes.append("Tệp nằm trên ổ mạng (thư mục dùng chung). Mỗi lúc chỉ một máy được "
                     "sửa tệp: hai máy cùng sửa một tệp có thể làm hỏng dữ liệu. Ở đây "
                     "chương trình ghi thẳng vào tệp, không dùng tệp «-wal» đi kèm, nên "
                     "lưu chậm hơn một chút. Nếu mạng chập chờn, hãy chép tệp về máy này "
                     "để nhập liệu.")
    return notes


def bad_dates_note(found: list[str], shown: int = 3) -> str | None:
    """The records holding a date outside 1900-2100 (Store.dates_out_of_range), named so
    that the user can open and fix each one."""
    if not found:
        return None
    more = f"; và {len(found) - shown} chỗ khác" if len(found) > shown else ""
    return ("Tệp có ngày nằm ngoài khoảng 01/01/1900 đến 31/12/2100 (có lẽ gõ nhầm năm), "
            "hãy mở các bản ghi sau và sửa ngày: " + "; ".join(found[:shown]) + more + ".")


class BannerBar(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner_bar")
        self.setStyleSheet("QFrame#banner_bar { background: #fff4ce; "
                           "border-bottom: 1px solid #e0c060; }")
        self.label = QLabel()
        self.label.setObjectName("banner")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #5c4400; padding: 6px;")
        # A second copy opened read-only can take over once the first one closes.
        self.reopen_button = QPushButton("Mở lại để nhập liệu")
        self.reopen_button.setObjectName("reopen_button")
        self.reopen_button.setToolTip("Khi người kia đã đóng chương trình, mở lại tệp để ghi")
        self.copy_here_button = QPushButton("Chép vào máy này để nhập liệu…")
        self.copy_here_button.setObjectName("copy_here_button")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 6, 0)
        bar.addWidget(self.label, 1)
        # (a push button's fixed height is centred in its row: no alignment, which would
        # make the `Qt` namespace before the first paint)
        bar.addWidget(self.reopen_button)
        bar.addWidget(self.copy_here_button)
        self.show_notes([])

    def show_notes(self, notes: list[str], *, can_reopen: bool = False,
                   can_copy_here: bool = False) -> None:
        if notes:  # (the `Qt` namespace only once there is something to show)
            from PySide6.QtCore import Qt  # the Qt namespace: ~20 ms, not at start-up

            # names, a computer's name and records come from data: never rich text
            self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText("\n".join(notes))
        self.label.setVisible(bool(notes))
        self.setVisible(bool(notes))
        self.reopen_button.setVisible(can_reopen)
        self.copy_here_button.setVisible(can_copy_here)
