"""Looking at a data file before anything writes to it.

A received file is checked without writing a byte beside it: its header, then the
database as SQLite would see it (with its -wal, if one lies beside it), its schema
against the one this program's migrations build, and, where a left-over -wal would be
replayed, an integrity check. Only a file that passes is opened for writing. Every
connection has `trusted_schema` off; the schema check refuses triggers and views this
program never creates, so code planted in a file never runs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .audit_chain import GENESIS, extends
from .errors import StoreError, classify
from .schema import (
    APPLICATION_ID,
    MIGRATIONS,
    PROVINCE_APPLICATION_ID,
    SCHEMA_VERSION,
    _split_sql,
)
from .sqlite_uri import sqlite_uri

_SQLITE_MAGIC = b"SQLite format 3\x00"

READ_ONLY_PLACE = ("Tệp «{path}» nằm ở nơi chỉ cho phép đọc (ổ đĩa hoặc thẻ nhớ bị khóa ghi, "
                   "hoặc thư mục không có quyền ghi), nên không sửa được. Hãy chép tệp vào "
                   "máy này rồi mở bản chép để nhập liệu.")


def connect(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    """Every connection of this program: autocommit, and no trust in the file's schema
    (functions with side effects cannot run from a trigger, view or index in it)."""
    conn = sqlite3.connect(target, uri=uri, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


# -- files this process has open ------------------------------------------------------
#
# SQLite's locks on a file are POSIX record locks, which belong to the process: closing
# ANY descriptor of that file in the process drops all of them. Once the window's
# connection has lost its lock, a command-line run on the same file sees no one else
# and, as the last connection, checkpoints and deletes the -wal and -shm the window is
# still using. So while a connection here has a file open, nothing in this process
# opens that file with a plain descriptor: its header is read through SQLite, it is
# never copied with a plain file copy.

_HELD: dict[tuple[int, int], int] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def hold(path: Path) -> tuple[int, int] | None:
    """Note that a connection of this process has `path` open; returns the key to
    give back to `let_go`."""
    key = _identity(path)
    if key is not None:
        _HELD[key] = _HELD.get(key, 0) + 1
    return key


def let_go(key: tuple[int, int] | None) -> None:
    if key is None or key not in _HELD:
        return
    _HELD[key] -= 1
    if _HELD[key] <= 0:
        del _HELD[key]


def held_here(path: Path) -> bool:
    """Whether a connection of this process has the file open (by device and inode,
    so another name for the same file counts too)."""
    key = _identity(Path(path))
    return key is not None and key in _HELD


def in_use_elsewhere(path: Path) -> bool:
    """Whether another process has the data file open through SQLite: it holds a read
    lock on the -shm's dead-man byte (WAL mode), or on the main file's shared range.
    Only asked about a file this process does not have open (see `held_here`). On
    Windows an open file cannot be moved or deleted at all, so the answer is no and
    the operating system refuses the move instead."""
    if sys.platform == "win32" or held_here(path):
        return False
    import fcntl  # POSIX only

    def locked(file: Path, start: int, length: int) -> bool:
        try:
            fd = os.open(file, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return True
        finally:
            os.close(fd)  # (releases the probe's lock too)
        return False

    # os_unix.c: UNIX_SHM_DMS = (22 + 8) * 4 + 8; SHARED_FIRST = 0x40000000 + 2, 510 bytes
    return locked(_side(path, "-shm"), 128, 1) or locked(path, 0x40000002, 510)


def _side(path: Path, suffix: str) -> Path:
    return Path(str(path) + suffix)


def _has_wal(path: Path) -> bool:
    try:
        return _side(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def _damaged(path: Path) -> StoreError:
    return StoreError(f"Tệp dữ liệu «{path}» bị hỏng, chương trình không dùng được.", "damaged")


# -- the checks ----------------------------------------------------------------------

_LIVE_RETRIES = 6


def _state(path: Path) -> tuple:
    """What a writer changes: the file and its side files (presence, size, time)."""
    out: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal", "-shm"):
        try:
            st = os.stat(str(path) + suffix)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def check_file(path: Path, thorough: bool = True) -> list[str]:
    """`_check_file`, looked at again while another program is writing the file: a
    look taken while a writer checkpoints or closes can see a half-moved page, which
    is not damage. A file that stays still and fails is damaged; one that never
    stays still is said to be in use. A left-over -wal that was not written for this
    file is set aside first (`_set_aside`); returns what the user must be told."""
    notices: list[str] = []
    for attempt in range(_LIVE_RETRIES):
        before = _state(path)
        try:
            _check_file(path, thorough)
            return notices
        except _ForeignWal:
            notices.append(_set_aside(path))
            continue
        except StoreError as error:
            if error.kind not in ("damaged", "io") or _state(path) == before:
                raise
            if attempt == _LIVE_RETRIES - 1:
                raise StoreError(BUSY_FILE, "busy") from error
        time.sleep(0.05 * (attempt + 1))
    return notices


class _ForeignWal(Exception):
    """A left-over -wal beside the file that was not written for it."""


def _set_aside(path: Path) -> str:
    """Rename the -wal (and -shm) beside `path` to new names, never removing them:
    only called when no program has the file open (see `_wal_not_ours`)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = []
    for suffix in ("-wal", "-shm"):
        side = _side(path, suffix)
        if not side.exists():
            continue
        target = _side(path, f"{suffix}.khong-dung-{stamp}")
        n = 1
        while target.exists():
            target = _side(path, f"{suffix}.khong-dung-{stamp}-{n}")
            n += 1
        try:
            os.rename(side, target)
        except OSError as exc:
            raise classify(exc, path) from exc
        moved.append(target.name)
    return (f"Tệp «{path.name}-wal» bên cạnh tệp dữ liệu không phải của tệp này (có thể là "
            "của một tệp dữ liệu khác, chép sang cùng chỗ), nên chương trình không dùng nó: "
            f"đã đổi tên thành «{moved[0] if moved else '?'}» và giữ lại trong thư mục, rồi "
            "mở tệp dữ liệu như trước khi có tệp đó.")


BUSY_FILE = ("Tệp dữ liệu đang được một chương trình khác sử dụng. "
             "Hãy đóng chương trình đó rồi thử lại.")


def _check_file(path: Path, thorough: bool = True) -> None:
    """Refuse anything that is not a healthy data file of this program, without
    writing a byte: no connection that could create or replay -wal/-shm files.

    `thorough` runs PRAGMA quick_check (the window, backups, restores); the quick
    command-line reads check the header, the length and the schema instead (and a full
    check whenever a left-over -wal would be replayed); any damage met later is still
    reported as a sentence by `classify`."""
    if not path.exists():
        raise StoreError(f"Không tìm thấy tệp dữ liệu «{path}».", "missing")
    if not path.is_file():
        raise StoreError(f"«{path}» không phải là một tệp.", "not_database")
    if not held_here(path):  # (open here: already checked, and a plain read would
        try:                  # drop this process's locks on it)
            with path.open("rb") as fh:
                header = fh.read(100)
        except OSError as exc:
            raise classify(exc, path) from exc
        _check_header(path, header)
        if not thorough:
            _check_length(path, header)
    try:
        with looking(path) as (conn, replayed):
            _check_header(path, _header_through(conn))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check_schema(conn, version, path)
            if thorough or replayed:
                result = conn.execute("PRAGMA quick_check").fetchone()
                if not result or result[0] != "ok":
                    raise _damaged(path)
            if _wal_not_ours(path, conn, version):
                raise _ForeignWal()
            if replayed and _file_id_without_wal(path) not in (None, _file_id(conn)):
                raise StoreError(f"Tệp «{path.name}-wal» bên cạnh tệp dữ liệu «{path}» là "
                                 "của một tệp khác; chương trình không dùng tệp này để khỏi "
                                 "làm hỏng dữ liệu. Hãy chuyển tệp -wal đó đi nơi khác rồi "
                                 "mở lại.", "damaged")
    except sqlite3.Error as exc:
        # a received file's schema can make SQLite fail in any way: it is not ours
        error = classify(exc, path, log=False)
        raise (_damaged(path) if error.kind in ("io", "not_database", "bug") else error) \
            from exc


def _check_header(path: Path, header: bytes) -> None:
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"Tệp «{path}» không phải tệp dữ liệu của chương trình.",
                         "not_database")
    app_id = int.from_bytes(header[68:72], "big")
    version = int.from_bytes(header[60:64], "big")
    if app_id == PROVINCE_APPLICATION_ID:
        raise StoreError(f"Tệp «{path}» là tệp tổng hợp tỉnh (Sở Nội vụ), không phải tệp dữ "
                         "liệu của một xã; hãy mở bằng cửa sổ chương trình hoặc dùng lệnh "
                         "«province …».", "province")
    if app_id != APPLICATION_ID:
        raise StoreError(f"Tệp «{path}» là cơ sở dữ liệu của một chương trình khác, "
                         "không phải tệp dữ liệu của chương trình này.", "foreign")
    if version > SCHEMA_VERSION:
        raise StoreError(f"Tệp «{path}» được tạo bởi phiên bản mới hơn của chương trình; "
                         "hãy cập nhật chương trình để mở tệp này.", "newer")


def _header_through(conn: sqlite3.Connection) -> bytes:
    """The marks as SQLite sees them (a -wal may hold a newer first page)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    header = bytearray(_SQLITE_MAGIC + bytes(84))
    header[60:64] = version.to_bytes(4, "big", signed=True)
    header[68:72] = app_id.to_bytes(4, "big", signed=True)
    return bytes(header)


def _check_length(path: Path, header: bytes) -> None:
    """A truncated file is shorter than its header says (when no WAL holds newer pages)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    if header_valid and pages and not _side(path, "-wal").exists() \
            and path.stat().st_size < pages * page_size:
        raise _damaged(path)


def _file_id(conn: sqlite3.Connection) -> str | None:
    with contextlib.suppress(sqlite3.Error):
        row = conn.execute("SELECT value FROM settings WHERE key = 'file_id'").fetchone()
        return row[0] if row else None
    return None


def file_id_of(path: Path) -> str | None:
    """The identity (settings.file_id) of a data file or backup that is not open here,
    read without writing anything; None when there is none or it cannot be read."""
    try:
        with looking(Path(path)) as (conn, _replayed):
            return _file_id(conn)
    except (StoreError, sqlite3.Error, OSError):
        return None


CHAIN_SINCE = 6  # the schema version from which every write extends the audit chain


def _wal_not_ours(path: Path, conn: sqlite3.Connection, version: int) -> bool:
    """Whether a left-over -wal (no program has the file open) was not written for this
    file. Since the audit chain, every write of this program adds entries that chain on
    from the newest entry in the file: a -wal of this file holds exactly that; another
    file's -wal (or one that adds nothing to the trail) does not. Files from before the
    chain are judged by their identity alone (`_check_file`)."""
    if not _has_wal(path) or version < CHAIN_SINCE or held_here(path) \
            or in_use_elsewhere(path):
        return False
    main_head = _head_without_wal(path)
    if main_head is None:  # the main file alone cannot be read so: nothing to compare
        return False

    head = conn.execute("SELECT last_id, chain FROM audit_head").fetchone()
    ours = (0, GENESIS) if main_head == () else main_head
    return not extends(conn, ours, tuple(head) if head else (0, GENESIS))


def _head_without_wal(path: Path) -> tuple | None:
    """(last_id, chain) of the newest audit entry in the main file alone; () when it
    has none; None when it cannot be read so (or is from before the chain)."""
    try:
        conn = connect(sqlite_uri(path, mode="ro", immutable=1), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT last_id, chain FROM audit_head").fetchone()
        return tuple(row) if row else ()
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def backup_origin_of(path: Path) -> tuple[str | None, str | None]:
    """(file_id, the exact name of the data file it was backed up from) of a backup,
    read without writing anything; None for what it does not say or cannot be read
    (backups made before the name was noted have none)."""
    try:
        with looking(Path(path)) as (conn, _replayed):
            file_id = _file_id(conn)
            with contextlib.suppress(sqlite3.Error):
                row = conn.execute(
                    "SELECT value FROM settings WHERE key = 'backup_of'").fetchone()
                return file_id, (row[0] if row else None)
            return file_id, None
    except (StoreError, sqlite3.Error, OSError):
        return None, None


def _file_id_without_wal(path: Path) -> str | None:
    """The identity in the main file alone (None when it cannot be read so)."""
    try:
        conn = connect(sqlite_uri(path, mode="ro", immutable=1), uri=True)
    except sqlite3.Error:
        return None
    try:
        return _file_id(conn)
    finally:
        conn.close()


# -- the schema this program creates -----------------------------------------------

# SQLite's own objects, by name, with the one type SQLite gives each: the index of a
# UNIQUE or PRIMARY KEY constraint (no SQL of its own; compared like any index below),
# AUTOINCREMENT's counters and ANALYZE's statistics (tables, never code).
_INTERNAL_INDEX = re.compile(r"sqlite_autoindex_.+_\d+")
_INTERNAL_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple]:
    """Every table, index, trigger and view, with what defines it (columns with their
    types, defaults and keys; an index's table and columns). Every row of sqlite_master
    is looked at: a name SQLite reserves is SQLite's only for the type SQLite makes
    under it; anything else under such a name is kept, to be refused as planted."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    found: dict[tuple[str, str], tuple] = {}
    for kind, name, table, sql in rows:
        if name.lower().startswith("sqlite_"):
            if kind == "table" and name.lower() in _INTERNAL_TABLES:
                continue  # SQLite's bookkeeping, never compared
            if kind == "index" and sql is None and _INTERNAL_INDEX.fullmatch(name):
                pass  # a constraint's index: compared with the expected ones below
            elif kind not in ("trigger", "view"):
                kind = f"{kind} (không phải của SQLite)"  # never matches the expected
        if kind == "table":
            detail = tuple(conn.execute("SELECT * FROM pragma_table_xinfo(?)", (name,)))
        elif kind == "index":
            detail = (table, tuple(conn.execute("SELECT * FROM pragma_index_xinfo(?)",
                                                (name,))))
        else:  # code that runs by itself: what it does, not only its name
            detail = (table, sql)
        found[(kind, name)] = detail
    return found


@functools.cache
def expected_schema(version: int) -> dict[tuple[str, str], tuple]:
    """What the migrations up to `version` build, taken from a fresh database in memory,
    so that the check follows the migrations as they grow."""
    conn = connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in _split_sql(MIGRATIONS[step]):
                conn.execute(statement)
        return _objects(conn)
    finally:
        conn.close()


def check_schema(conn: sqlite3.Connection, version: int, path: Path) -> None:
    found = _objects(conn)
    expected = expected_schema(version) if 0 < version <= SCHEMA_VERSION else None
    # a trigger or view this program does not make, or one of its own made to do else
    planted = sorted(name for (kind, name), detail in found.items()
                     if kind in ("trigger", "view")
                     and (expected or {}).get((kind, name)) != detail)
    if planted:
        raise StoreError(
            f"Tệp «{path}» chứa mã lệnh tự chạy không do chương trình này tạo ra "
            f"({', '.join(planted)}); để bảo vệ dữ liệu, chương trình không mở tệp này. "
            "Hãy hỏi lại người gửi tệp, hoặc dùng một bản sao lưu.", "unsafe")
    if found != expected:
        raise StoreError(f"Tệp dữ liệu «{path}» bị hỏng hoặc đã bị sửa ngoài chương trình "
                         "(thiếu hoặc thừa bảng, cột); chương trình không dùng được tệp "
                         "này.", "damaged")


# -- reading without writing beside the file ---------------------------------------

@contextlib.contextmanager
def looking(path: Path) -> Iterator[tuple[sqlite3.Connection, bool]]:
    """A read-only view of the file with its committed -wal content, creating nothing
    beside it; yields (connection, whether a left-over -wal was replayed in a copy)."""
    conn, cleanup, replayed = reader(path)
    try:
        yield conn, replayed
    finally:
        conn.close()
        cleanup()


def _nothing() -> None:
    pass


def reader(path: Path) -> tuple[sqlite3.Connection, Callable[[], None], bool]:
    """(connection, cleanup, replayed). No -wal: the file alone, immutable (no locks, no
    side files). A -wal and its -shm (a program has the file open, or had): read in
    place, read-only. A -wal without -shm: SQLite would replay it, and create files
    beside it: the file and its -wal are read from a private copy instead."""
    if not _has_wal(path):
        return connect(sqlite_uri(path, mode="ro", immutable=1), uri=True), _nothing, False
    if _side(path, "-shm").exists() or held_here(path):
        conn = connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            # a writer that is checkpointing or closing holds the file for a moment:
            # wait for it rather than read a copy taken while pages move
            conn.execute("PRAGMA busy_timeout = 3000")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn, _nothing, False
        except sqlite3.Error as exc:
            conn.close()
            if classify(exc, path).kind == "busy":
                raise StoreError(BUSY_FILE, "busy") from exc
    return (*_copy_reader(path), True)


def _copy_reader(path: Path) -> tuple[sqlite3.Connection, Callable[[], None]]:
    folder = Path(tempfile.mkdtemp(prefix="tanhoi-doc-"))

    def cleanup() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    try:
        copy = folder / "du-lieu.sqlite"
        shutil.copyfile(path, copy)
        shutil.copyfile(_side(path, "-wal"), _side(copy, "-wal"))
        return connect(sqlite_uri(copy, mode="ro"), uri=True), cleanup
    except (OSError, sqlite3.Error) as exc:
        cleanup()
        raise classify(exc, path) from exc


def can_write(path: Path) -> bool:
    """Whether the file may be changed here: SQLite writes the file itself and creates
    its -wal and -shm files in the same folder. The folder is tried by creating a file:
    on Windows, os.access says yes to any folder, even on a write-protected stick."""
    return os.access(path, os.W_OK) and _folder_takes_files(path)


def _folder_takes_files(path: Path) -> bool:
    probe = path.parent / f".{path.name}.{os.getpid()}.thu-ghi"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except OSError:
        return False
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def read_only_connection(path: Path) -> tuple[sqlite3.Connection, Callable[[], None]]:
    """A reader for Store.open(read_only=True). Where the file may be written (a second
    window while the first one writes) it follows the writer through the -wal; where it
    may not, nothing can be created beside it (see `reader`)."""
    if can_write(path):
        return connect(sqlite_uri(path, mode="ro"), uri=True), _nothing
    conn, cleanup, _replayed = reader(path)
    return conn, cleanup
