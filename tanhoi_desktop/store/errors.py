"""The data file's problems as one Vietnamese sentence each (StoreError), decided by
SQLite's result code and the OS error number (classify)."""

from __future__ import annotations

import errno
from pathlib import Path

from ..safety.crashlog import write_crash_log


class StoreError(Exception):
    """A problem with the data file, already put in one Vietnamese sentence for the user.

    `kind` lets callers react. Problems of the file or of the computer, which the user
    can act on: missing, not_database, foreign, newer, damaged, unsafe (planted code),
    busy, readonly, full, io (the disk or the operating system failed). Refusals of an
    operation: refused, closed, output. And bug: an error of this program itself (an
    SQL statement SQLite rejected, a constraint the checks should have caught); its
    details are in the crash log, whose path the sentence names."""

    def __init__(self, message: str, kind: str = "io"):
        super().__init__(message)
        self.message = message
        self.kind = kind


# SQLite's primary result codes (the low byte of an extended code, sqlite3.h)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB, SQLITE_AUTH = 26, 23

BUSY_SENTENCE = ("Tệp dữ liệu đang được một chương trình khác sử dụng. "
                 "Hãy đóng chương trình đó rồi thử lại.")


def classify(exc: BaseException, path: Path | str = "", *, log: bool = True) -> StoreError:
    """One Vietnamese sentence for an SQLite or OS error, decided by SQLite's result
    code and the OS error number, never by the words of the message (a column named
    full_name or a table named locked says nothing about the disk). What is not a
    problem of the file or the computer is this program's own error: it goes to the
    crash log (unless `log` is off: a received file being looked at) and the sentence
    says where."""

    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        number = exc.errno
        if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return _full()
        if number == errno.EROFS:
            return _readonly()
        if number == errno.ENOENT:
            return StoreError(f"Không tìm thấy tệp «{path}».", "missing")
        if number in (errno.EACCES, errno.EPERM):
            return StoreError(f"Không mở được tệp «{path}»: không có quyền truy cập.", "io")
        if number == errno.ENAMETOOLONG:
            return StoreError(f"Tên hoặc đường dẫn của tệp «{path}» quá dài; hãy đặt tệp ở "
                              "thư mục có đường dẫn ngắn hơn.", "io")
        return StoreError(f"Lỗi khi đọc hoặc ghi tệp «{path}»: {exc.strerror or exc}.", "io")
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL:
        return _full()
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(BUSY_SENTENCE, "busy")
    if primary == SQLITE_READONLY:
        return _readonly()
    if primary == SQLITE_NOTADB:
        return StoreError(f"Tệp «{path}» không phải tệp dữ liệu của chương trình.",
                          "not_database")
    if primary == SQLITE_CORRUPT:
        return StoreError(f"Tệp dữ liệu «{path}» bị hỏng, chương trình không dùng được.",
                          "damaged")
    if primary in (SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH):
        return StoreError(f"Không mở được tệp «{path}»: không có quyền truy cập, hoặc "
                          "thư mục không còn.", "io")
    if primary == SQLITE_IOERR:
        return StoreError(f"Lỗi ổ đĩa khi đọc hoặc ghi tệp dữ liệu «{path}» (ổ đĩa bị rút "
                          "ra, hỏng hoặc mạng bị ngắt); thay đổi vừa rồi chưa được lưu.",
                          "io")
    if primary == SQLITE_NOMEM or isinstance(exc, MemoryError):
        return StoreError("Máy không đủ bộ nhớ để làm việc này; hãy đóng bớt chương trình "
                          "khác rồi thử lại.", "io")
    return own_error(exc, log=log)


def own_error(exc: BaseException, *, log: bool = True) -> StoreError:
    """This program's own error, with a crash-log entry and a sentence naming it."""
    where = ""
    if log:

        where = f" Chi tiết đã ghi vào «{write_crash_log(exc)}»; hãy gửi tệp này cho " \
                "cán bộ kỹ thuật."
    return StoreError("Chương trình gặp lỗi khi đọc hoặc ghi tệp dữ liệu; thay đổi vừa rồi "
                      f"chưa được lưu, dữ liệu đã lưu không bị ảnh hưởng.{where}", "bug")


def _full() -> StoreError:
    return StoreError("Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng "
                      "rồi thử lại; dữ liệu đang nhập vẫn được giữ.", "full")


def _readonly() -> StoreError:
    return StoreError("Tệp dữ liệu chỉ cho phép đọc (ổ đĩa hoặc thư mục không cho ghi), "
                      "không lưu được thay đổi.", "readonly")
