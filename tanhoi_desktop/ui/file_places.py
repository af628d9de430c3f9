"""Where the file dialogs start, what they suggest, and how a chosen path is shown.

A dialog given a bare file name starts in the working folder, which for a shortcut is
the program's own folder: each one here starts beside the data file, or in the user's
Documents. A suggested name loses what Windows refuses in a name (a unit's code may be
«VP/HĐND»), and a chosen path is returned as a Path, so that it is shown with the
system's separators (Qt's dialogs answer `C:/…` on Windows).

Each kind of file (Excel, PDF, data file, backup folder…) remembers the folder last
chosen for it, in the window's QSettings (kept across restarts): the next dialog of that
kind starts there, while the folder is still there.
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


_KINDS = (("*.xlsx", "excel"), ("*.pdf", "pdf"), ("*.sqlite", "data"))


def kind_of(file_filter: str) -> str:
    """The kind of file a dialog asks for, from its filter: each kind has its folder."""
    return next((kind for pattern, kind in _KINDS if pattern in file_filter), "other")


def _settings_of(parent: QWidget | None):
    """The QSettings of the window `parent` is in (MainWindow.qsettings, which the
    province window shares); None outside one, where nothing is remembered."""
    while parent is not None:
        settings = getattr(parent, "qsettings", None)
        if settings is not None:
            return settings
        parent = parent.parentWidget()
    return None


def _folder_key(kind: str) -> str:
    return f"file_dialogs/last_folder_{kind}"


def dialog_folder(parent: QWidget | None, kind: str, data_file: Path | None = None) -> Path:
    """Where a dialog of `kind` starts: the folder last chosen for that kind while it is
    still there, else start_folder (beside the data file, else Documents)."""
    settings = _settings_of(parent)
    remembered = settings.value(_folder_key(kind)) if settings is not None else None
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return start_folder(data_file)


def remember_folder(parent: QWidget | None, kind: str, folder: Path) -> None:
    """The folder just chosen for `kind`: the next dialog of that kind starts there.
    (Not the demo's temporary folder, which is gone after the session.)"""
    settings = _settings_of(parent)
    folder = Path(os.path.abspath(folder))
    if settings is None or any(part.startswith(DEMO_FOLDER_PREFIX) for part in folder.parts):
        return
    settings.setValue(_folder_key(kind), str(folder))


def ask_save_path(parent: QWidget | None, caption: str, name: str, file_filter: str,
                  data_file: Path | None = None, kind: str | None = None) -> Path | None:
    """The Save dialog, starting in the folder of this kind of file (dialog_folder) with
    `name` made safe; the chosen path, or None."""
    QFileDialog = file_dialog()  # (not at start-up; made readable: ui/file_dialogs)

    kind = kind or kind_of(file_filter)
    start = dialog_folder(parent, kind, data_file) / safe_file_name(name)
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(start), file_filter)
    if not path:
        return None
    remember_folder(parent, kind, Path(path).parent)
    return Path(path)


def ask_open_path(parent: QWidget | None, caption: str, file_filter: str,
                  data_file: Path | None = None, kind: str | None = None) -> Path | None:
    paths = _ask_open(parent, caption, file_filter, data_file, kind, many=False)
    return paths[0] if paths else None


def ask_open_paths(parent: QWidget | None, caption: str, file_filter: str,
                   data_file: Path | None = None, kind: str | None = None) -> list[Path]:
    return _ask_open(parent, caption, file_filter, data_file, kind, many=True)


def _ask_open(parent: QWidget | None, caption: str, file_filter: str,
              data_file: Path | None, kind: str | None, many: bool) -> list[Path]:
    QFileDialog = file_dialog()

    kind = kind or kind_of(file_filter)
    start = str(dialog_folder(parent, kind, data_file))
    if many:
        paths, _ = QFileDialog.getOpenFileNames(parent, caption, start, file_filter)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, caption, start, file_filter)
        paths = [path] if path else []
    if paths:
        remember_folder(parent, kind, Path(paths[0]).parent)
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, caption: str,
               data_file: Path | None = None, kind: str = "folder") -> Path | None:
    QFileDialog = file_dialog()

    path = QFileDialog.getExistingDirectory(parent, caption,
                                            str(dialog_folder(parent, kind, data_file)))
    if not path:
        return None
    remember_folder(parent, kind, Path(path))
    return Path(path)
