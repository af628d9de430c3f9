"""Writing a file the user asked for (exchange workbook, PDF, Excel report, audit export,
copy, backup) without ever harming their data.

Every writer goes through `replacing`: the target is checked first (never the open data
file, its -wal/-shm, a data file or backup of this program, or the workbook being read;
an existing target only if it is a regular file), the content goes to a temporary file
beside the target, is verified (PDF trailer, zip directory, SQLite quick_check), and only
then renamed over the target. On any failure the temporary file is removed and the
target is untouched. Temporary files left by a killed process are removed at the next
start (`remove_leftovers`), through a small record kept in the user's data folder; in a
shared folder, where a temporary file may be another PC's, only once it is an hour old
and nobody holds the lock its writer keeps on it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from platformdirs import user_data_dir

from ..store import APPLICATION_ID, StoreError, check_file
from ..store import replacing as replacing_file
from ..store.core import temp_beside
from ..store.opening import held_here
from .crashlog import APP_NAME
from .processes import alive as _alive
from .processes import pid_in as _pid_in

SIDECARS = ("-wal", "-shm", "-journal", ".lock")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TEMP_NAME = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp$")
_LEGACY_TEMP = re.compile(r"\.sqlite\.tmp$|\.sqlite\.restore$")
# A temporary file found in a folder (perhaps a shared one: another PC's, whose process
# ids mean nothing here) is left alone until it is this old, and while locked.
STALE_AFTER = 3600
# The byte a writer locks in its temporary file: past any content (SQLite's own locks
# sit at 1 GiB), so that on Windows, where locks are mandatory, nobody's reads meet it.
_LOCK_OFFSET = 0x7FFFFF00


class OutputError(StoreError):
    """An output that cannot be written, in one Vietnamese sentence; nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message, "output")


# -- which targets are refused ------------------------------------------------------

def is_data_file(path: Path) -> bool:
    """A data file (or backup) of this program, known by its SQLite header. One open in
    this process is one, and is not read again (see store.opening.held_here)."""
    if held_here(path):
        return True
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return (len(header) == 100 and header.startswith(_SQLITE_MAGIC)
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def _base_of_sidecar(path: Path) -> Path | None:
    name = os.path.normcase(path.name)  # (X.SQLITE-WAL is a -wal on Windows)
    for suffix in SIDECARS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return path.with_name(path.name[:-len(suffix)])
    return None


_INPUTS: set[Path] = set()  # files read for an import in this run


def note_input(path: str | Path) -> None:
    """A workbook read for an import (a unit's report): no output of this run may
    replace it."""
    _INPUTS.add(Path(path).resolve())


def check_target(target: str | Path, protect: Iterable[str | Path] = ()) -> Path:
    """Refuse, with a sentence, a target that must not be written; returns the target."""
    target = Path(target)
    if target.name in ("", ".", ".."):
        raise OutputError(f"«{target}» không phải tên tệp; hãy chọn tên tệp để ghi.")
    folder = target.absolute().parent
    if not folder.is_dir():
        raise OutputError(f"Thư mục «{folder}» không tồn tại; hãy chọn thư mục khác để ghi "
                          f"tệp «{target.name}».")
    resolved = target.resolve()
    guarded = set(_INPUTS)
    for base in protect:
        base = Path(base).resolve()
        guarded.add(base)
        guarded.update(base.with_name(base.name + s) for s in SIDECARS)
    base = _base_of_sidecar(resolved)
    if resolved in guarded or is_data_file(resolved) or (base and is_data_file(base)):
        raise OutputError(f"Không ghi vào «{target}»: đó là tệp dữ liệu (hoặc bản sao lưu, "
                          "tệp đi kèm của tệp dữ liệu, tệp đang đọc) — ghi vào đó sẽ mất dữ "
                          "liệu. Hãy chọn tên tệp khác.")
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise _os_sentence(exc, target) from exc
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"«{target}» không phải một tệp thường (là thư mục, lối tắt hoặc "
                          "thiết bị), không ghi đè được. Hãy chọn tên tệp khác.")
    return target


# -- writing through a verified temporary file ----------------------------------------

def _os_sentence(exc: OSError, target: Path) -> OutputError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"Ổ đĩa đã đầy, không ghi được tệp «{target}». Hãy giải phóng dung "
                           "lượng hoặc chọn nơi khác; không có tệp nào bị thay đổi.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"Không có quyền ghi tệp «{target}» (thư mục hoặc ổ đĩa chỉ cho "
                           "phép đọc). Hãy chọn nơi khác.")
    reason = exc.strerror or str(exc)
    return OutputError(f"Không ghi được tệp «{target}»: {reason}.")


@contextlib.contextmanager
def replacing(target: str | Path, verify: Callable[[Path], None],
              protect: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yields a fresh temporary path beside `target`; when the block succeeds the file
    written there is verified and renamed over `target`. Raises OutputError (or lets the
    block's own StoreError through), always leaving no temporary file behind."""
    protect = list(protect)
    target = check_target(target, protect)
    tmp = temp_beside(target)
    record = held = None
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        record = _remember(tmp)
        held = _hold(tmp)  # says «being written» to a cleaner on another PC
        yield tmp
        verify(tmp)
        check_target(target, protect)  # still the same kind of target after the writing
        held = _let_go(held)  # (Windows renames no file that is open)
        replacing_file.replace(tmp, target)
    except OSError as exc:
        if replacing_file.in_use_by_another_program(exc, target):
            raise OutputError(replacing_file.in_use_sentence(target)) from exc
        raise _os_sentence(exc, target) from exc
    finally:
        _let_go(held)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        _forget(record)


def _lock(fh) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt  # Windows only

            fh.seek(_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl  # POSIX only

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _let_go(fh) -> None:
    """Unlock (Windows wants a region unlocked before its file is closed) and close."""
    if fh is None:
        return None
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt  # Windows only

            fh.seek(_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    with contextlib.suppress(OSError):
        fh.close()
    return None


def _hold(path: Path):
    """An open handle of `path` with its lock taken (None when that cannot be done)."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - held while the file is written
    except OSError:
        return None
    if _lock(fh):
        return fh
    fh.close()
    return None


def _being_written(path: Path) -> bool:
    """Whether a writer (on this PC or another) holds the lock on its temporary file."""
    held = _hold(path)
    if held is None:
        return path.exists()  # locked, or not even readable: not ours to remove
    _let_go(held)
    return False


def incomplete(target: Path) -> OutputError:
    return OutputError(f"Tệp «{target.name}» ghi ra không trọn vẹn (có thể ổ đĩa đã đầy); "
                       "đã hủy bản ghi dở, không có tệp nào bị thay đổi.")


def verify_pdf(path: Path) -> None:
    """The file ends with a cross-reference pointer that lands on the cross-reference."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(8)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
        match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
        if not head.startswith(b"%PDF-") or not match or int(match[1]) >= size:
            raise incomplete(path)
        fh.seek(int(match[1]))
        xref = fh.read(32)
    if not (xref.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", xref)):
        raise incomplete(path)


def verify_xlsx(path: Path) -> None:
    """A complete zip: its central directory (written last) reads, names a workbook, and
    every member it lists lies within the file. (Checking every member's checksum would
    cost a tenth of the export; a failed write is an exception, this catches the rest.)"""

    size = path.stat().st_size
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise incomplete(path) from exc
    names = {i.filename for i in infos}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names or any(
            i.header_offset + i.compress_size > size for i in infos):
        raise incomplete(path)


def verify_data_file(path: Path) -> None:
    """A copy of a data file: this program's marks, as long as its header says, and the
    schema this program makes (a full quick_check would double a backup's time; SQLite's
    backup reports its own write errors)."""
    try:
        check_file(path, thorough=False)
    except StoreError as exc:
        raise incomplete(path) from exc


# -- temporary files left by a process that died -----------------------------------

def _records_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "dang-ghi"


def _remember(tmp: Path) -> Path | None:
    """A note of the temporary file, removed when done; best effort."""
    try:
        folder = _records_dir()
        folder.mkdir(parents=True, exist_ok=True)
        record = folder / f"{os.getpid()}-{secrets.token_hex(4)}.txt"
        record.write_text(str(tmp.absolute()), encoding="utf-8")
        return record
    except OSError:
        return None


def _forget(record: Path | None) -> None:
    if record is not None:
        with contextlib.suppress(OSError):
            record.unlink()


def remove_leftovers(folders: Iterable[Path] = ()) -> list[Path]:
    """Temporary files of processes that are gone; returns what was removed. They are
    found through the records kept while writing, and by their names (which carry the
    writer's process id) in `folders` (the data file's folder, its backups folder).
    Older versions' fixed names there (`x.sqlite.tmp`, `x.sqlite.restore`) go too once
    they are an hour old."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for record in list(_records_dir().glob("*.txt")):
            pid = _pid_in(record.name.split("-", 1)[0])
            if pid is None or _alive(pid):  # (a record is this PC's: its pid is ours)
                continue
            with contextlib.suppress(OSError, UnicodeDecodeError):
                tmp = Path(record.read_text(encoding="utf-8").strip())
                if _being_written(tmp):
                    continue
                removed += _remove_temp(tmp)
            with contextlib.suppress(OSError):
                record.unlink()
    for folder in folders:
        with contextlib.suppress(OSError):
            for path in list(Path(folder).iterdir()):
                if _abandoned(path):
                    removed += _remove_temp(path)
    return removed


def _abandoned(path: Path) -> bool:
    """An hour old, and no writer's lock on it. Not its process id: in a shared folder
    it may be another PC's, whose backup would go between its writing and its rename."""
    if not (_TEMP_NAME.match(path.name) or _LEGACY_TEMP.search(path.name)):
        return False
    return path.is_file() and time.time() - path.stat().st_mtime > STALE_AFTER \
        and not _being_written(path)


def _remove_temp(tmp: Path) -> list[Path]:
    """A temporary file of ours and SQLite's side files of it; only ever our names."""
    if not (_TEMP_NAME.match(tmp.name) or _LEGACY_TEMP.search(tmp.name)):
        return []
    gone = []
    for path in (tmp, *(Path(str(tmp) + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            if path.is_file():
                path.unlink()
                gone.append(path)
    return gone


# -- a private temporary folder per run -------------------------------------------------
