"""Small shared pieces of the window: Vietnamese message boxes, colours (the date field
is in date_field: it needs the `Qt` namespace, which the first paint does without)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox


GREEN = QColor("#1b7f3b")
RED = QColor("#b3261e")
GREY = QColor("#6b6b6b")
AMBER = QColor("#a15c00")


# QMessageBox, QDialog and QDialogButtonBox are imported where a box opens: PySide6
# makes a class's Python type (and its enums) on first import, a cost the start-up need
# not pay.


def ask(parent: QWidget | None, title: str, text: str, yes: str = "Có",
        no: str = "Không", icon=None) -> bool:
    """A yes/no question with Vietnamese buttons (Qt ships no Vietnamese translation)."""
    from .message_box import MessageBox  # a dialog: on first use

    box = MessageBox(icon or MessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, MessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no, MessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def tell(parent: QWidget | None, title: str, text: str, icon=None, details: str = "") -> None:
    from .message_box import MessageBox  # a dialog: on first use

    box = MessageBox(icon or MessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton("Đóng", MessageBox.ButtonRole.AcceptRole)
    if details:
        shown = box.detailedText()  # a long text is there already (message_box)
        box.setDetailedText(f"{shown}\n\n{details}" if shown else details)
        for button in box.buttons():
            if box.buttonRole(button) == MessageBox.ButtonRole.ActionRole:
                button.setText("Xem chi tiết…")
    box.exec()


def as_tooltip(text: str) -> str:
    """`text` as a tooltip shows it as typed: Qt takes a tooltip that looks like markup
    («<img …>», «&lt;») for rich text, so such a one is escaped."""
    from PySide6.QtGui import Qt as GuiQt  # the Qt namespace: ~20 ms, not at start-up

    return GuiQt.convertFromPlainText(text) if text and GuiQt.mightBeRichText(text) \
        else text


def full_text_tooltips(tree) -> None:
    """Every filled cell of a QTreeWidget gets its whole text as its tooltip: a name cut
    off by a narrow column stays readable (table models do it with ToolTipRole)."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator  # a Qt type costs on first import

    items = QTreeWidgetItemIterator(tree)
    while items.value():
        item = items.value()
        for column in range(tree.columnCount()):
            if item.text(column) and not item.toolTip(column):
                item.setToolTip(column, as_tooltip(item.text(column)))
        items += 1


def save_cancel_buttons(dialog: QDialog, save) -> QDialogButtonBox:
    """Lưu / Hủy: Qt would write Save / Cancel."""
    from PySide6.QtWidgets import QDialogButtonBox  # a Qt type costs on first import

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def file_dialog():
    """QFileDialog, made when a file is first chosen (its type and QDialog's are not free);
    the dialog its static function opens next is made readable (ui/file_dialogs)."""
    from PySide6.QtWidgets import QFileDialog  # a Qt type costs on first import

    from .file_dialogs import watch_next  # a dialog: on first use

    watch_next()
    return QFileDialog


class ProblemLine(QLabel):
    """A line in red under a table, shown only while it has a problem to say."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet("color: #b3261e;")
        self.setWordWrap(True)
        self.hide()

    def say(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def wrote(parent: QWidget | None, title: str, path: str, write) -> bool:
    """Run `write()`, an output to `path` the user asked for; a failure is said in one
    sentence (the output's own, from safety.output, or the system's) and False returned."""
    from ..store import StoreError  # (not at start-up: see main_window)

    try:
        write()
    except StoreError as exc:
        tell(parent, title, exc.message)
        return False
    except OSError as exc:
        tell(parent, title, f"Không ghi được tệp «{path}»: {exc.strerror or exc}")
        return False
    return True


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from .message_box import MessageBox  # a dialog: on first use

    tell(parent, title, text, icon=MessageBox.Icon.Information)
