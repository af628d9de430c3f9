"""The one way this program names a data file to SQLite as a URI.

`Path.resolve().as_uri()` breaks on Windows: `resolve()` turns a mapped drive (`Z:\\x`)
into its share (`\\\\server\\share\\x`), and `as_uri()` makes that `file://server/share/x`,
whose authority SQLite refuses. Here the path is made absolute without resolving, a UNC
path keeps its server inside the URI's path (`file:////server/share/x`, as SQLite reads
UNC names), and every byte outside plain ASCII, and `?`, `#`, `%`, is percent-encoded.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote


def sqlite_uri(path: str | os.PathLike, **params: str | int) -> str:
    """`file:` URI of `path` for sqlite3.connect(..., uri=True), with `params` as its
    query (`mode="ro"`, `immutable=1`). A PureWindowsPath is built by Windows' rules
    on any system (the tests use that)."""
    if not isinstance(path, PurePath):
        path = Path(path)
    if not path.is_absolute():
        path = Path(os.path.abspath(path))  # not resolve(): a mapped drive stays a drive
    text = str(path)
    if isinstance(path, PureWindowsPath):
        text = _windows_uri_path(text)
    uri = "file:" + ("//" if text.startswith("/") else "///") + quote(text, safe="/:")
    # quote() keeps `~` and the unreserved ASCII; `?`, `#`, `%` and spaces are encoded
    if params:
        uri += "?" + "&".join(f"{key}={quote(str(value), safe='')}"
                              for key, value in params.items())
    return uri


def _windows_uri_path(text: str) -> str:
    r"""`C:\a\b` -> `C:/a/b` (the URI gets `///` before it); `\\server\share\a` ->
    `//server/share/a` (the URI gets `//`: `file:////server/share/a`); the long-path
    forms `\\?\C:\a` and `\\?\UNC\server\share\a` lose their prefix."""
    if text.startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[len("\\\\?\\UNC\\"):]
    elif text.startswith("\\\\?\\"):
        text = text[len("\\\\?\\"):]
    return text.replace("\\", "/")
