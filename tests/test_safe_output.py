"""Every output (exchange workbook, PDF, Excel report, audit export, copy, backup) goes
through one safe path: never onto the data file, verified before it replaces anything,
text cells stay text, one sentence on failure and no temporary file left."""

import hashlib
import os
import subprocess
import sys
import time
import zipfile

import pytest
from openpyxl import load_workbook

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import xlsx
from tanhoi_desktop.safety import audit_export, backups, output
from tanhoi_desktop.store import Store, StoreError


@pytest.fixture
def env(tmp_path):
    """The user's data and log folders inside the test's folder."""
    e = dict(os.environ)
    e["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    e["XDG_STATE_HOME"] = str(tmp_path / "xdg-state")
    return e


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)


def _fill(path):
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
        s.records.save("cadres", {"code": "CB1", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ",
                                  "unit_code": "A"})
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


# --- outputs onto the data file --------------------------------------------------------

def test_export_and_print_onto_the_data_file_are_refused_and_touch_nothing(tmp_path, env):
    db = _fill(tmp_path / "xa.sqlite")
    with Store.open(db) as s:
        backup = backups.make_backup(s, "thu-cong", tmp_path)
    before = {p: _digest(p) for p in (db, backup)}
    listing = _files(tmp_path)
    side = tmp_path / "xa.sqlite-wal"
    for command in ("export", "print"):
        for target in (db, side, backup, tmp_path / "." / "xa.sqlite"):
            out = run(command, "--db", db, target, env=env)
            assert out.returncode == 2, (command, target, out.stdout)
            assert "Không ghi vào" in out.stderr and "Traceback" not in out.stderr
            assert len(out.stderr.strip().splitlines()) == 1
    assert {p: _digest(p) for p in before} == before
    assert _files(tmp_path) == listing  # no -wal, -shm, temporary file or output left


def test_import_into_the_workbook_itself_is_refused(tmp_path, env):
    book = tmp_path / "book.xlsx"
    with Store.open(tmp_path / "src.sqlite", create=True) as s:
        s.records.save("units", {"code": "A", "name": "A"})
        exchange.export_workbook(s, book)
    digest = _digest(book)
    out = run("import", "--db", book, book, env=env)
    assert out.returncode == 2 and "cùng một tệp" in out.stderr
    assert _digest(book) == digest


def test_every_writer_refuses_the_open_data_file(store, tmp_path, d):
    digest = _digest(store.path)
    writers = [lambda: exchange.export_workbook(store, store.path),
               lambda: xlsx.write_xlsx(store, d, store.path),
               lambda: audit_export.write_xlsx(store.audit.entries(), store.path),
               lambda: backups.save_copy(store, store.path)]
    for write in writers:
        with pytest.raises(output.OutputError) as err:
            write()
        assert "Không ghi vào" in err.value.message
    assert _digest(store.path) == digest


@pytest.mark.skipif(sys.platform == "win32",
                    reason="symlinks need administrator rights or developer mode on Windows")
def test_an_existing_output_is_replaced_only_if_it_is_a_regular_file(store, tmp_path):
    folder = tmp_path / "out.xlsx"
    folder.mkdir()
    link = tmp_path / "link.xlsx"
    link.symlink_to(tmp_path / "elsewhere.xlsx")
    for target in (folder, link):
        with pytest.raises(output.OutputError) as err:
            exchange.export_workbook(store, target)
        assert "không phải một tệp thường" in err.value.message
    assert folder.is_dir() and link.is_symlink() and not (tmp_path / "elsewhere.xlsx").exists()
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"old")
    exchange.export_workbook(store, old)  # a regular file: replaced by a complete workbook
    assert zipfile.is_zipfile(old)


def test_a_copy_never_lands_on_another_data_file(store, tmp_path):
    other = _fill(tmp_path / "xa-khac.sqlite")
    digest = _digest(other)
    with pytest.raises(StoreError):
        backups.save_copy(store, other)
    assert _digest(other) == digest


# --- one sentence, never a traceback or a flood ----------------------------------------

def test_outputs_to_a_missing_folder_give_one_sentence(tmp_path, env):
    db = _fill(tmp_path / "xa.sqlite")
    for command, name in (("export", "x.xlsx"), ("print", "x.pdf")):
        out = run(command, "--db", db, tmp_path / "khong-co" / name, env=env)
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "không tồn tại" in lines[0], out.stderr[:500]


# --- disk full: verified before anything is replaced ------------------------------------

def _fill_volume(volume, leave):
    """Fill the small volume until only `leave` bytes are free."""
    free = os.statvfs(volume.path).f_bavail * os.statvfs(volume.path).f_frsize
    (volume.path / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_printing_onto_a_full_disk_leaves_no_partial_pdf(small_volume, tmp_path, env):
    db = _fill(tmp_path / "xa.sqlite")
    old = small_volume.path / "bao-cao.pdf"
    old.write_bytes(b"%PDF-1.4 the report of last month")
    _fill_volume(small_volume, 8 * 1024)
    out = run("print", "--db", db, "--as-of", "2026-11-15", old, env=env)
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "đầy" in out.stderr or "không trọn vẹn" in out.stderr
    assert old.read_bytes() == b"%PDF-1.4 the report of last month"
    assert _files(small_volume.path) == ["bao-cao.pdf", "filler"]


def test_export_backup_and_copy_onto_a_full_disk_leave_nothing(small_volume, tmp_path, d):
    with Store.open(tmp_path / "xa.sqlite", create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng Văn hóa", "note": "Ghi chú " * 40})
        for i in range(400):
            s.records.save("cadres", {"code": f"c{i}", "full_name": "Nguyễn Thị " + "Hồng " * 20,
                                      "gender": "Nữ", "unit_code": "A"})
        _fill_volume(small_volume, 0)
        for write in (lambda: exchange.export_workbook(s, small_volume.path / "x.xlsx"),
                      lambda: xlsx.write_xlsx(s, d, small_volume.path / "bc.xlsx"),
                      lambda: audit_export.write_xlsx(s.audit.entries(),
                                                      small_volume.path / "nk.xlsx"),
                      lambda: backups.make_backup(s, "thu-cong", small_volume.path),
                      lambda: backups.save_copy(s, small_volume.path / "ban-sao.sqlite")):
            with pytest.raises(StoreError) as err:
                write()
            assert "đầy" in err.value.message or "không trọn vẹn" in err.value.message
            assert _files(small_volume.path) == ["filler"]


def test_a_truncated_pdf_or_workbook_is_never_accepted(qapp, store, tmp_path, d):
    from tanhoi_desktop.report import pdf

    good = tmp_path / "good.pdf"
    pdf.write_pdf(store, d, good)
    output.verify_pdf(good)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(output.OutputError):
        output.verify_pdf(cut)
    book = tmp_path / "good.xlsx"
    exchange.export_workbook(store, book)
    output.verify_xlsx(book)
    cut.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    with pytest.raises(output.OutputError):
        output.verify_xlsx(cut)


def test_temporary_files_of_a_killed_run_are_removed_at_the_next_start(tmp_path, env):
    db = _fill(tmp_path / "xa.sqlite")
    code = ("import os, sys; from pathlib import Path;"
            "from tanhoi_desktop.safety import output;"
            "cm = output.replacing(Path(sys.argv[1]), output.verify_pdf);"
            "tmp = cm.__enter__(); tmp.write_bytes(b'%PDF half'); os._exit(9)")
    killed = subprocess.run([sys.executable, "-c", code, str(tmp_path / "r.pdf")], env=env,
                            capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].name.startswith(".~th.")  # short whatever the name
    out = run("report", "--db", db, "--json", env=env)
    assert out.returncode == 0, out.stderr
    assert not left[0].exists() and not (tmp_path / "r.pdf").exists()


# --- text stays text --------------------------------------------------------------------

RISKY = ["=HYPERLINK(\"http://x\",\"bấm\")", "=1+1", "#N/A", "#REF!", "@SUM(A1)",
         "_x0041_ giữ nguyên"]


def test_text_that_looks_like_a_formula_stays_text_in_every_sheet(store, tmp_path, d):
    store.settings.save({"commune_name": RISKY[0], "signer_name": RISKY[1]})
    store.records.save("units", {"code": "A", "name": "Phòng A", "note": RISKY[2]})
    for i, text in enumerate(RISKY):
        store.records.save("cadres", {"code": f"c{i}", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                      "unit_code": "A", "note": text})
    written = {"exchange": tmp_path / "x.xlsx", "report": tmp_path / "r.xlsx",
               "audit": tmp_path / "a.xlsx"}
    exchange.export_workbook(store, written["exchange"])
    xlsx.write_xlsx(store, d, written["report"])
    audit_export.write_xlsx(store.audit.entries(), written["audit"])
    for kind, path in written.items():
        wb = load_workbook(path)
        cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type in ("s", "n", "d") for c in cells), \
            (kind, [(c.coordinate, c.value) for c in cells if c.data_type not in "snd"])
        texts = {c.value for c in cells if c.data_type == "s"}
        expected = {"exchange": RISKY, "report": RISKY[:1], "audit": RISKY}[kind]
        for text in expected:
            assert any(text in t for t in texts), (kind, text)
    cover = load_workbook(written["exchange"])["Thông tin"]
    assert cover["B2"].value == RISKY[0] and cover["B2"].data_type == "s"


def test_characters_a_sheet_cannot_hold_are_escaped_not_fatal(tmp_path):
    from openpyxl import Workbook

    from tanhoi_desktop.safety import sheets

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    ws.append([sheets.text_value(ws, "chuông\x07reo"), sheets.text_value(ws, "bình thường")])
    wb.save(tmp_path / "x.xlsx")
    row = next(load_workbook(tmp_path / "x.xlsx")["x"].iter_rows(values_only=True))
    assert row == ("chuông_x0007_reo", "bình thường")  # as Excel itself writes it


@pytest.mark.skipif(sys.platform == "win32", reason="the writer's lock is held with fcntl")
def test_a_killed_runs_temporary_folder_and_backup_leftovers_go_at_the_next_start(tmp_path,
                                                                                  env):
    db = _fill(tmp_path / "xa.sqlite")
    env["TMPDIR"] = str(tmp_path / "tam")
    (tmp_path / "tam").mkdir()
    code = ("import os, tempfile; from tanhoi_desktop.safety import processes;"
            "processes.use_private_temp();"
            "open(os.path.join(tempfile.gettempdir(), 'openpyxl.abc'), 'w').write('x');"
            "os._exit(9)")
    killed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    assert len(list((tmp_path / "tam").iterdir())) == 1
    # a backup half written by a run that died (its process id is in the name)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    half = tmp_path / f".xa-20261201-090000-mo.sqlite.{dead}-0123abcd.tmp"
    half.write_bytes(b"half")
    hour_ago = time.time() - output.STALE_AFTER - 60
    os.utime(half, (hour_ago, hour_ago))
    # a shared folder: another PC's backup being written (its process id means nothing
    # here), just begun, or written for over an hour and still locked by its writer
    other_pc = tmp_path / f".xa-20261201-090001-mo.sqlite.{dead}-4567abcd.tmp"
    other_pc.write_bytes(b"being written on another PC")
    slow = tmp_path / f".xa-20261201-090002-mo.sqlite.{dead}-89abcdef.tmp"
    slow.write_bytes(b"a long write")
    os.utime(slow, (hour_ago, hour_ago))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys; f = open(sys.argv[1], 'rb');"
        "fcntl.flock(f.fileno(), fcntl.LOCK_EX); print('held', flush=True);"
        "sys.stdin.read()"), str(slow)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    assert holder.stdout.readline().strip() == "held"
    try:
        out = run("report", "--db", db, "--json", env=env)
    finally:
        holder.communicate("")
    assert out.returncode == 0, out.stderr
    assert list((tmp_path / "tam").iterdir()) == []  # the new run's own folder went at exit
    assert not half.exists() and other_pc.exists() and slow.exists()


def test_library_warnings_reach_the_log_not_the_console(tmp_path, env):
    code = ("import sys, warnings; from tanhoi_desktop import __main__ as m;"
            "m.COMMANDS['report'] = lambda args: warnings.warn("
            "'Data Validation extension is not supported', UserWarning) or 0;"
            "sys.exit(m.main(['report', '--db', sys.argv[1], '--json']))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.sqlite")], env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    log = (tmp_path / "xdg-state" / "TanHoiDesktop" / "log" / "crash.log")
    assert "Data Validation extension is not supported" in log.read_text(encoding="utf-8")

