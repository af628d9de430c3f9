"""One writer per data file: a lock beside the file, held while the window has it open.

SQLite's own locks protect each transaction, but two people editing the same file
would each overwrite the other's form; the second instance opens the file read-only.
The lock is an OS lock on `<file>.lock`, so it disappears with the process, even after a
crash or a power cut; the file also says who holds it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sys
from pathlib import Path

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


class InstanceLock:
    def __init__(self, data_file: Path, role: str = "window"):
        """`role`: "window" (held while a window has the file open) or "command" (held
        for one command-line run that writes), written in the lock for the next one."""
        self.path = Path(str(data_file) + ".lock")
        self.role = role
        self._fh = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does."""
        for _attempt in range(5):
            try:
                fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
            except OSError:
                return True  # a read-only folder: nobody can write there anyway
            try:
                if sys.platform == "win32":
                    fh.seek(0)
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                else:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                return False
            if self._still_the_file(fh):
                break
            # the holder removed the lock file between our open and our lock: the lock we
            # got is on a file nobody else will look at; take the one at the path
            fh.close()
        else:
            return False
        self._fh = fh
        with contextlib.suppress(OSError):
            info = json.dumps({"user": _user(), "host": _host(), "pid": os.getpid(),
                               "role": self.role}, ensure_ascii=False).encode()
            # On Windows the first byte is locked: the holder's info goes after it.
            fh.seek(0)
            fh.truncate()
            fh.write(b" " + info)
            fh.flush()
        return True

    def _still_the_file(self, fh) -> bool:
        if sys.platform == "win32":
            return True  # an open file cannot be removed there
        try:
            return os.path.samestat(os.fstat(fh.fileno()), os.stat(self.path))
        except OSError:
            return False

    def _holder_info(self) -> dict:
        try:
            # past the first byte: the holder locks it, and on Windows a locked byte
            # cannot be read (a read from offset 0 fails there)
            with open(self.path, "rb") as fh:
                fh.seek(1)
                raw = fh.read()
            info = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    def holder(self) -> str:
        """'user trên máy host' of the other instance, as far as it can be read."""
        info = self._holder_info()
        if not info:
            return "một người dùng khác"
        return f"{info.get('user') or '?'} trên máy {info.get('host') or '?'}"

    def held_by_command(self) -> bool:
        """Whether the other holder is a command-line run (not a window)."""
        return self._holder_info().get("role") == "command"

    def release(self) -> None:
        """The lock file is removed while still held (so it is never another holder's
        file that goes), then unlocked."""
        if self._fh is None:
            return
        if self._still_the_file(self._fh):
            with contextlib.suppress(OSError):
                self.path.unlink()
        with contextlib.suppress(OSError):
            if sys.platform == "win32":
                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
                self._fh.close()
                self.path.unlink()  # closed first there: an open file cannot go
        if self._fh is not None and not self._fh.closed:
            self._fh.close()
        self._fh = None


class WindowHoldsFile(Exception):
    """A window has the data file open for writing (its lock beside the file), or
    another command is writing it."""

    def __init__(self, db: Path, holder: str, window: str, by_command: bool = False):
        if by_command:  # another command's run, not a window: it ends by itself
            super().__init__(
                f"Tệp dữ liệu đang được một chương trình khác sử dụng: một lệnh khác đang ghi "
                f"tệp «{db}» ({holder}); không ghi gì. Hãy đợi lệnh đó xong rồi chạy lại.")
            return
        super().__init__(
            f"Tệp dữ liệu «{db}» đang được mở để ghi trong {window} của {holder}; không ghi "
            "gì để khỏi ghi đè thay đổi đang làm trong cửa sổ đó. Hãy làm việc này ngay trong "
            "cửa sổ, hoặc đóng tệp trong cửa sổ rồi chạy lại lệnh. (Các lệnh chỉ đọc như "
            "report, export, print vẫn chạy được.)")


@contextlib.contextmanager
def no_window_writing(db: Path, window: str = "cửa sổ chương trình Theo dõi bình đẳng giới"):
    """A command that writes takes the window's lock for its run: while a window holds
    the file for writing, its open forms would write their old values back over ours
    (and it would not know of our change), so the command is refused instead."""
    if not db.exists():
        yield
        return
    lock = InstanceLock(db, role="command")
    if not lock.acquire():
        if lock.held_by_command():
            raise WindowHoldsFile(db, lock.holder(), window, by_command=True)
        raise WindowHoldsFile(db, lock.holder(), window)
    try:
        yield
    finally:
        lock.release()


def lock_present(data_file: Path) -> bool:
    """Whether a window may have the file open (its lock file is there), looked at
    without taking the lock or creating anything. A lock file left by a window that
    crashed counts too, until the next window opens and closes the file."""
    return Path(str(data_file) + ".lock").exists()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return ""


def is_network_path(path: Path) -> bool:
    """True on a network share, where SQLite's locking is unreliable."""
    from ..store.network import on_network_share  # only when a file is opened

    return on_network_share(path)


def _host() -> str:
    """This computer's name (socket.gethostname without importing socket: a start-up
    pays some milliseconds for the socket module's enums)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")
