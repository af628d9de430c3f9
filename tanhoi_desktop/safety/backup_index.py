"""What the list of backups shows, kept beside them so that listing opens none.

A backups folder inside a OneDrive folder holds, with Files On-Demand, placeholders: a
backup is downloaded when it is opened. Every start (the backup on opening, the keeping
policy) and the restore dialog used to open every backup for its identity and figures.
The index keeps, per backup name, its size and time (a stat, which downloads nothing)
with its identity and the figures shown; an entry whose backup changed is read again.
The index is a convenience: a missing or unreadable one is rebuilt, and a restore
still checks the backup itself.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

INDEX_NAME = "chi-muc-sao-luu.json"
_VERSION = 1


class BackupIndex:
    def __init__(self, folder: Path):
        self.path = Path(folder) / INDEX_NAME
        self._entries: dict[str, dict] = {}
        self._changed = False
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == _VERSION and isinstance(data.get("backups"), dict):
                self._entries = data["backups"]

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns

    def _entry(self, path: Path) -> dict | None:
        """The entry of `path` while the file is the one it was made for."""
        entry = self._entries.get(path.name)
        if not isinstance(entry, dict):
            return None
        stamp = self._stamp(path)
        if stamp is None or [entry.get("size"), entry.get("mtime_ns")] != list(stamp):
            return None
        return entry

    def get(self, path: Path, key: str) -> tuple[bool, object]:
        """(known, value) of `key` for the backup `path`."""
        entry = self._entry(path)
        if entry is None or key not in entry:
            return False, None
        return True, entry[key]

    def note(self, path: Path, **values: object) -> None:
        entry = self._entry(path)
        if entry is None:
            stamp = self._stamp(path)
            if stamp is None:
                return
            entry = {"size": stamp[0], "mtime_ns": stamp[1]}
            self._entries[path.name] = entry
        entry.update(values)
        self._changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget the backups that are gone."""
        for name in set(self._entries) - names:
            del self._entries[name]
            self._changed = True

    def save(self) -> None:
        """Best effort: a folder that takes no file keeps no index (and lists as before)."""
        if not self._changed:
            return
        tmp = self.path.with_name(f".{INDEX_NAME}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            tmp.write_text(json.dumps({"version": _VERSION, "backups": self._entries},
                                      ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
            self._changed = False
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
