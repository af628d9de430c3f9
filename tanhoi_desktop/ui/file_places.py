"""Where the file dialogs start, what they suggest, and how a chosen path is shown.

A dialog given a bare file name starts in the working folder, which for a shortcut is
the program's own folder: each one here starts beside the data file, or in the user's
Documents. A suggested name loses what Windows refuses in a name (a unit's code may be
«VP/HĐND»), and a chosen path is returned as a Path, so that it is shown with the
system's separators (Qt's dialogs answer `C:/…` on Windows).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from .common import file_dialog

DEMO_FOLDER_PREFIX = "tanhoi-mau-"  # the demo's data file: a temporary folder so named

# what Windows refuses in a file name: / \ : * ? " < > | and the control characters
_REFUSED = re.compile(r'[/\\:*?"<>|\x00-\x1f]')
# names Windows keeps for devices, whatever follows the first dot
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10)), "COM¹", "COM²", "COM³", "LPT¹", "LPT²",
             "LPT³"}


def safe_file_name(name: str) -> str:
    """`name` as a file name any Windows folder takes: refused characters become «-»,
    trailing dots and spaces go, and a device's name (CON, NUL, COM1…) gets a «_»."""
    name = _REFUSED.sub("-", name).strip().rstrip(". ")
    stem, dot, rest = name.partition(".")
    if stem.rstrip(" ").upper() in _RESERVED:
        name = f"{stem}_{dot}{rest}"
    return name or "tep"


def documents_folder() -> Path:
    """The user's Documents (on Windows, where OneDrive may have moved it), else home."""
    from PySide6.QtCore import QStandardPaths  # a Qt type costs on first import

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(data_file: Path | None = None) -> Path:
    """Beside the open data file when its folder is there, else Documents (the demo's
    file lives in a temporary folder: nothing is saved there)."""
    if data_file is not None:
        folder = Path(os.path.abspath(Path(data_file).parent))
        if folder.is_dir() and not folder.name.startswith(DEMO_FOLDER_PREFIX):
            return folder
    return documents_folder()


def shown(path: str | os.PathLike) -> str:
    """A path as the user's system writes it (backslashes on Windows)."""
    return os.path.normpath(path)


def ask_save_path(parent: QWidget | None, caption: str, name: str, file_filter: str,
                  data_file: Path | None = None) -> Path | None:
    """The Save dialog, starting beside the data file (or in Documents) with `name`
    made safe; the chosen path, or None."""
    QFileDialog = file_dialog()  # (not at start-up; made readable: ui/file_dialogs)

    start = start_folder(data_file) / safe_file_name(name)
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
    return Path(path) if path else None


def ask_open_path(parent: QWidget | None, caption: str, file_filter: str,
                  data_file: Path | None = None) -> Path | None:
    QFileDialog = file_dialog()

    path, _ = QFileDialog.getOpenFileName(parent, caption, str(start_folder(data_file)),
                                          file_filter)
    return Path(path) if path else None


def ask_open_paths(parent: QWidget | None, caption: str, file_filter: str,
                   data_file: Path | None = None) -> list[Path]:
    QFileDialog = file_dialog()

    paths, _ = QFileDialog.getOpenFileNames(parent, caption, str(start_folder(data_file)),
                                            file_filter)
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, caption: str,
               data_file: Path | None = None) -> Path | None:
    QFileDialog = file_dialog()

    path = QFileDialog.getExistingDirectory(parent, caption, str(start_folder(data_file)))
    return Path(path) if path else None
