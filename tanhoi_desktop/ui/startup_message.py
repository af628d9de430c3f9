"""A message of the command line shown in a dialog: the windowed program on Windows has
no console, so a bad argument, or `--help`, would otherwise vanish (or end in
PyInstaller's English «Unhandled exception» box)."""

from __future__ import annotations

from .app import make_app
from .message_box import MessageBox

TITLE = "Theo dõi bình đẳng giới"


def show_message(text: str, error: bool = True) -> None:
    make_app()
    icon = MessageBox.Icon.Warning if error else MessageBox.Icon.Information
    box = MessageBox(icon, TITLE, text)
    box.addButton("Đóng", MessageBox.ButtonRole.AcceptRole)
    box.exec()
