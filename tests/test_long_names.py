"""A legal file name of 239 bytes (a long Vietnamese name) works for every output: the
temporary names beside it stay short, and its backups' names are cut to fit."""

import datetime as dt
import subprocess
import sys

import pytest

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.safety import audit_export, backups
from tanhoi_desktop.store import Store

WORDS = "Báo cáo kết quả thực hiện bình đẳng giới xã Tân Hội "


def long_name(suffix: str, size: int = 239) -> str:
    """A name of exactly `size` bytes in UTF-8, ending in `suffix`."""
    stem = ""
    while len((stem + WORDS[len(stem) % len(WORDS)] + suffix).encode()) <= size:
        stem += WORDS[len(stem) % len(WORDS)]
    stem = stem.rstrip()
    while len((stem + suffix).encode()) < size:
        stem += "x"
    assert len((stem + suffix).encode()) == size
    return stem + suffix


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / long_name(".sqlite")
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng A"})
    return path


def test_a_data_file_with_a_239_byte_name_is_made_copied_and_backed_up(data_file, tmp_path):
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    with Store.open(data_file) as s:
        first = backups.make_backup(s, "thu-cong", folder,
                                    dt.datetime(2026, 11, 1, 8, 0, 0))
        backups.make_backup(s, "truoc-khoi-phuc", folder, dt.datetime(2026, 11, 1, 8, 0, 1))
        copy = backups.save_copy(s, tmp_path / long_name(".db"))
        audit_export.write_xlsx(s.audit.entries(), tmp_path / long_name(".xlsx"))
    assert all(len(p.name.encode()) <= 255 for p in folder.iterdir())
    assert [b.path for b in backups.list_backups(data_file, folder)][-1] == first
    assert len(backups.list_backups(data_file, folder)) == 2
    with Store.open(copy) as c:
        assert c.records.count("units") == 1
    # a restore from such a backup, with the current file backed up first
    with Store.open(data_file) as s:
        s.records.save("units", {"code": "B", "name": "Phòng B"})
    backups.restore(first, data_file, Store.open(data_file))
    with Store.open(data_file) as s:
        assert s.records.count("units") == 1
    assert not [p for p in tmp_path.rglob(".*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("command", "suffix"), [("export", ".xlsx"), ("print", ".pdf")])
def test_every_command_writes_to_a_239_byte_name(data_file, tmp_path, command, suffix):
    out = tmp_path / long_name(suffix)
    result = subprocess.run([sys.executable, "-m", "tanhoi_desktop", command, "--db",
                             str(data_file), str(out)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_an_export_and_a_new_file_in_process(tmp_path):
    path = tmp_path / long_name(".sqlite")
    with Store.open(path, create=True) as s:
        exchange.export_workbook(s, tmp_path / long_name(".xlsx"))
    assert (tmp_path / long_name(".xlsx")).exists()
