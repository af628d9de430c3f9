"""The NĐ 30 header block of an Ủy ban nhân dân: no parent body line by default, the
issuing body as ỦY BAN NHÂN DÂN over XÃ TÂN HỘI; the parent line is a setting."""

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import content, xlsx
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store
from tanhoi_desktop.store.schema import SCHEMA_V1, SCHEMA_V2

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed")
AS_OF = dt.date(2026, 11, 15)


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def pdf_header_lines(db, out):
    """The first lines of page 1 as pdftotext lays them out, stripped and split into the
    left and right columns."""
    result = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "print", "--db", str(db),
                             "--as-of", AS_OF.isoformat(), str(out)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = text[:text.index("BÁO CÁO")].splitlines()
    return [[part.strip() for part in line.strip().split("   ") if part.strip()]
            for line in lines if line.strip()]


@needs_poppler
def test_pdf_has_no_parent_line_by_default_and_the_body_on_two_lines(demo_db, tmp_path):
    rows = pdf_header_lines(demo_db, tmp_path / "bc.pdf")
    left = [r[0] for r in rows]
    # the issuing body starts level with Quốc hiệu, on two lines
    assert rows[0] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert left[1] == "XÃ TÂN HỘI"
    text = "\n".join(" ".join(r) for r in rows)
    assert "TỈNH" not in text and "AN GIANG" not in text
    assert "ỦY BAN NHÂN DÂN XÃ TÂN HỘI" not in text  # not on one line any more


@needs_poppler
def test_a_parent_body_set_in_the_settings_is_printed_above(demo_db, tmp_path):
    with Store.open(demo_db) as store:
        store.settings.save({"parent_body": "Sở Nội vụ"})
    rows = pdf_header_lines(demo_db, tmp_path / "bc.pdf")
    assert rows[0] == ["SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert [r[0] for r in rows[1:3]] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HỘI"]


def test_xlsx_letterhead(demo_db, tmp_path):
    out = tmp_path / "bc.xlsx"
    with Store.open(demo_db) as store:
        xlsx.write_xlsx(store, AS_OF, out)
        ws = load_workbook(out).active
        assert [ws["A1"].value, ws["A2"].value] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HỘI"]
        assert ws["A1"].font.b and ws["A2"].font.b
        assert ws["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert ws["A3"].value is None  # no parent line pushed in anywhere
        store.settings.save({"parent_body": "Sở Nội vụ"})
        xlsx.write_xlsx(store, AS_OF, out)
    ws = load_workbook(out).active
    assert ws["A1"].value == "SỞ NỘI VỤ" and not ws["A1"].font.b
    assert [ws["A2"].value, ws["A3"].value] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HỘI"]


def _v2_file(path, province):
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.executescript(SCHEMA_V2)
    conn.execute("INSERT INTO settings VALUES ('province_name', ?)", (province,))
    conn.execute("PRAGMA application_id = 0x54483232")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("province,parent", [
    ("An Giang", ""),  # the old default: the new default, no parent line
    ("Đồng Tháp", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"),  # chosen by the commune: kept
])
def test_an_older_file_gets_the_new_default_unless_it_chose_its_own(tmp_path, province,
                                                                    parent):
    path = tmp_path / "v2.sqlite"
    _v2_file(path, province)
    with Store.open(path) as store:
        sheet = content.build(store, AS_OF, AS_OF)
    assert sheet.parent_body == parent
    assert sheet.issuing_body.splitlines() == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HỘI"]


def test_a_new_file_has_no_parent_line(store):
    assert store.settings.read()["parent_body"] == ""
    assert content.build(store, AS_OF, AS_OF).parent_body == ""
