"""Whether a data file lies on a network share (a mapped drive, a \\\\server\\share path,
an NFS or SMB mount).

There SQLite's WAL mode is unsafe: its -shm is shared memory that two PCs cannot share,
so two PCs writing one file in WAL mode can damage it. Such a file is kept in rollback-
journal mode instead (SQLite's file locks go through the file server, and the main file
holds every commit), and the window says that only one PC may edit it at a time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p"}


def on_network_share(path: str | os.PathLike) -> bool:
    path = Path(path)
    try:
        text = str(path.resolve()) if path.exists() else str(path.absolute())
    except OSError:
        text = str(path.absolute())
    if sys.platform == "win32":
        if text.startswith("\\\\"):  # (resolve() turns a mapped drive into its share)
            return True
        import ctypes  # Windows only

        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3 or len(parts[1]) <= len(best):
            continue
        if text == parts[1] or text.startswith(parts[1].rstrip("/") + "/"):
            best, fstype = parts[1], parts[2]
    return fstype in _NETWORK_FILESYSTEMS


def journal_mode_for(path: str | os.PathLike) -> str:
    """WAL on a local disk; a rollback journal on a network share."""
    return "delete" if on_network_share(path) else "wal"
