"""Which processes are still running, and this run's private temporary folder.

Kept apart from output.py (which needs the store): the window's start-up sets up the
temporary folder before anything else and should not pay for the data layer then."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path


def alive(pid: int) -> bool:
    """Whether process `pid` is still running (this one is)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes  # Windows only

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def pid_in(text: str) -> int | None:
    return int(text) if text.isdigit() else None


_SYSTEM_TEMP: Path | None = None


def use_private_temp() -> Path:
    """Every temporary file of this run (openpyxl's sheet files, private copies read
    instead of a file) goes in one folder of its own, removed at exit; those of runs
    that were killed are removed now."""
    global _SYSTEM_TEMP
    if _SYSTEM_TEMP is None:  # a second call (tests run main() many times) must not
        _SYSTEM_TEMP = Path(tempfile.gettempdir())  # nest in the first one's folder
    base = _SYSTEM_TEMP
    with contextlib.suppress(OSError):
        for old in base.glob("tanhoi-tam-*"):
            pid = pid_in(old.name.split("-")[2]) if old.name.count("-") >= 3 else None
            if pid is not None and not alive(pid) and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    mine = Path(tempfile.mkdtemp(prefix=f"tanhoi-tam-{os.getpid()}-", dir=base))
    tempfile.tempdir = str(mine)
    atexit.register(shutil.rmtree, mine, True)
    return mine
