"""Renaming a finished file over its target on a Windows PC, where another program may
hold either one for a moment or for good.

An antivirus scans every new file and holds it while it does: a rename just after the
write fails with «sharing violation» (WinError 32) or «access denied» (WinError 5), and
succeeds a moment later. A workbook open in Excel, or a PDF open in a reader, holds the
target until it is closed: the rename then fails however long one waits, and the user
must be told that the file is open in another program, not that the folder is read-only.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

SHARING_VIOLATION, LOCK_VIOLATION, ACCESS_DENIED = 32, 33, 5
# about a second and a half in all: what an antivirus scan of a fresh file takes
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)


def in_use_by_another_program(exc: BaseException, target: str | os.PathLike) -> bool:
    """Whether a failed rename over `target` means that another program holds a file
    (rather than that the folder or the target may not be written)."""
    if not isinstance(exc, PermissionError):
        return False
    code = getattr(exc, "winerror", None)
    if code in (SHARING_VIOLATION, LOCK_VIOLATION):
        return True
    # «access denied» also comes from a read-only target: only a writable one is held
    return code == ACCESS_DENIED and (not os.path.exists(target)
                                      or os.access(target, os.W_OK))


def replace(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """os.replace, tried again for a moment while another program holds a file."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if delay is None or getattr(exc, "winerror", None) not in (
                    SHARING_VIOLATION, LOCK_VIOLATION, ACCESS_DENIED):
                raise
        time.sleep(delay)


def in_use_sentence(target: Path) -> str:
    return (f"Không ghi được tệp «{target}»: tệp đang mở trong một chương trình khác (ví "
            "dụ Excel hoặc trình đọc PDF). Hãy đóng tệp đó rồi thử lại; không có tệp nào "
            "bị thay đổi.")
