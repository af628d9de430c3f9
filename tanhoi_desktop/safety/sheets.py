"""Every sheet we write with openpyxl: text stays text, and a failed save stays quiet.

openpyxl turns a str that starts with "=" into a formula and "#N/A"-like text into an
error value, and refuses control characters. A commune name such as "=HYPERLINK(...)"
from the settings, or a note typed as "#N/A", must reach the sheet exactly as typed, as
a string cell. `text_value` is for write-only sheets (`ws.append`), `put_text` for cells
of a normal sheet; both follow one rule. `saving` wraps building and saving a workbook:
on failure openpyxl's temporary files go and its half-closed writers are finalised
without printing "Exception ignored ... Traceback" on the user's console.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
import traceback
from collections.abc import Iterator
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet import _writer as _openpyxl_writer

from .crashlog import write_crash_log

_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _needs_care(text: str) -> bool:
    return (text[:1] in ("=", "#") or "_x" in text
            or ILLEGAL_CHARACTERS_RE.search(text) is not None)


def _escape(text: str) -> str:
    """Characters a sheet cannot hold are written as Excel does, _xHHHH_ (and a literal
    _xHHHH_ as _x005F_xHHHH_), so that a reader gets the text back unchanged."""
    text = _ESCAPED.sub(lambda m: "_x005F" + m[0], text)
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def put_text(cell, text: str) -> None:
    """Set `cell` (of a normal or a write-only sheet) to `text` as a string cell."""
    cell.value = _escape(text) if _needs_care(text) else text
    cell.data_type = "s"  # never "f" (formula) nor "e" (error value)


def text_value(ws, value: Any) -> Any:
    """What to append to a write-only sheet for `value`: plain values as they are (the
    fast path), a string cell for text that openpyxl would otherwise reinterpret."""
    if isinstance(value, str) and value and _needs_care(value):
        cell = WriteOnlyCell(ws)
        put_text(cell, value)
        return cell
    return value



@contextlib.contextmanager
def saving() -> Iterator[None]:
    """Around building and saving one workbook (build it inside a function called in
    this block, so that it is garbage once the block ends)."""
    before = set(_openpyxl_writer.ALL_TEMP_FILES)
    hook = sys.unraisablehook
    sys.unraisablehook = _log_unraisable
    try:
        yield
    except BaseException as exc:
        _let_go(exc)
        raise
    finally:
        try:
            gc.collect()  # finalise a failed save's writers while the hook is quiet
        finally:
            sys.unraisablehook = hook
        for path in set(_openpyxl_writer.ALL_TEMP_FILES) - before:
            with contextlib.suppress(OSError, ValueError):
                os.remove(path)
                _openpyxl_writer.ALL_TEMP_FILES.remove(path)


def _let_go(exc: BaseException | None) -> None:
    """Drop what the failed save's frames hold (an open zip file, sheet writers), so that
    they are finalised now, while the hook keeps them quiet."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def _log_unraisable(info) -> None:
    if info.exc_value is not None:
        write_crash_log(info.exc_value)
