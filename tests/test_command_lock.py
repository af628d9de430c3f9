"""A command that writes takes the file's lock for its run: refused beside a window (it
says so) and beside another command that writes (it says that, not «a window»)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.safety.instance_lock import InstanceLock
from tanhoi_desktop.store import Store


def _import(db):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", "import", "--db", str(db),
                           str(demo_workbook())], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.mark.parametrize(("role", "said", "not_said"), [
    ("window", "đang được mở để ghi trong cửa sổ", "một lệnh khác"),
    ("command", "một lệnh khác đang ghi", "cửa sổ"),
])
def test_a_writing_command_names_who_holds_the_file(tmp_path, role, said, not_said):
    db = tmp_path / "xa.sqlite"
    Store.open(db, create=True).close()
    lock = InstanceLock(db, role=role)
    assert lock.acquire()
    try:
        out = _import(db)
    finally:
        lock.release()
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert said in out.stderr and not_said not in out.stderr, out.stderr
    with Store.open(db) as store:
        assert store.records.count("units") == 0  # nothing written
    assert _import(db).returncode == 0  # once let go, the same command runs
