"""Smoke test of the frozen one-folder build, from a clean checkout.

It takes a few minutes, so it runs only when asked:

    TANHOI_BUNDLE_TEST=1 python -m pytest -q tests/test_bundle.py
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(os.environ.get("TANHOI_BUNDLE_TEST") != "1",
                                reason="set TANHOI_BUNDLE_TEST=1 to build and smoke-test")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bundle")
    checkout = tmp / "src"
    subprocess.run(["git", "clone", "-q", str(REPO), str(checkout)], check=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath",
                    str(tmp / "dist"), "--workpath", str(tmp / "build"), "build.spec"],
                   cwd=checkout, check=True, capture_output=True)
    return tmp / "dist" / "tanhoi-desktop"


def no_fonts_env(tmp: Path) -> dict:
    conf = tmp / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><cachedir>{tmp / 'fc'}</cachedir>"
                    "</fontconfig>")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}


def test_frozen_command_line_and_window(bundle, tmp_path):
    cli = bundle / ("tanhoi-desktop-cli.exe" if sys.platform == "win32" else "tanhoi-desktop-cli")
    db = tmp_path / "du-lieu.sqlite"
    demo = bundle / "_internal" / "resources" / "demo" / "du-lieu-mau.xlsx"
    run = subprocess.run([str(cli), "import", "--db", str(db), str(demo)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    report = subprocess.run([str(cli), "report", "--db", str(db), "--as-of", "2026-11-15",
                             "--json"], capture_output=True, text=True, check=True)
    assert json.loads(report.stdout)["indicators"]["CT2"]["met"] is True
    # output redirected on a Windows PC: the ANSI code page; the frozen program (UTF-8
    # mode, and stdout set to UTF-8 at start) writes Vietnamese all the same
    redirected = subprocess.run([str(cli), "report", "--db", str(db), "--json"],
                                capture_output=True, check=True,
                                env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert json.loads(redirected.stdout.decode("utf-8"))["units"]
    pdf = tmp_path / "bao-cao.pdf"
    printed = subprocess.run([str(cli), "print", "--db", str(db), "--as-of", "2026-11-15",
                              str(pdf)], capture_output=True, text=True,
                             env=no_fonts_env(tmp_path))
    assert printed.returncode == 0, printed.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # the window's «Xuất PDF…» runs this very command as its child (report/child.py)
    child_pdf = tmp_path / "con.pdf"
    child = subprocess.run([str(cli), "print", "--db", str(db), "--as-of", "2026-11-15",
                            "--issued", "20/11/2026", "--progress", str(child_pdf)],
                           capture_output=True, text=True, env=no_fonts_env(tmp_path))
    assert child.returncode == 0, child.stderr
    assert any(line.startswith("progress ") for line in child.stdout.splitlines())
    assert child_pdf.read_bytes().startswith(b"%PDF")
    gui = bundle / ("tanhoi-desktop.exe" if sys.platform == "win32" else "tanhoi-desktop")
    window = subprocess.Popen([str(gui), "--db", str(db)], stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    time.sleep(4)
    alive = window.poll() is None
    window.kill()
    _out, err = window.communicate()
    assert alive, err
    assert "Traceback" not in err
    # The file is opened after the window's first paint, importing the data layer, the
    # panel and the visible tab then: the frozen program must have them all. It quits at
    # the first paint of the table with its rows (a failure would hang on an error box).
    shown = subprocess.run([str(gui), "--db", str(db)], capture_output=True, text=True,
                           timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                            "TANHOI_QUIT_AFTER_FIRST_PAINT": "data"})
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
