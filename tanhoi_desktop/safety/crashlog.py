"""Unexpected errors go to a log file in the user's data folder, never to the screen."""

from __future__ import annotations

import datetime as dt
import traceback
import warnings
from pathlib import Path

APP_NAME = "TanHoiDesktop"


def log_dir() -> Path:
    from platformdirs import user_log_dir  # not at start-up: only an error needs it

    return Path(user_log_dir(APP_NAME, appauthor=False))


def _append(entry: str) -> Path:
    """One dated entry at the end of crash.log; a log that cannot be written is let go."""
    path = log_dir() / "crash.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}{entry}\n")
    except OSError:
        pass
    return path


def write_crash_log(exc: BaseException) -> Path:
    """Append the traceback to crash.log; returns its path (or a best effort one)."""
    return _append("\n" + "".join(traceback.format_exception(exc)))


def write_note(text: str) -> None:
    """One line in crash.log for what the user need not see (library and Qt warnings)."""
    _append(f" {text}")


def route_warnings() -> None:
    """Library warnings (openpyxl's name Python files) go to the log, not the console."""

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        write_note(f"{category.__name__}: {message} ({Path(filename).name}:{lineno})")

    warnings.showwarning = show
