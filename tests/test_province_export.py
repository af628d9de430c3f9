"""The commune's workbook for the province (spec/province.md) and `settings` (cli.md)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from tanhoi_desktop.__main__ import main
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.province import export, form
from tanhoi_desktop.store import Store

from .province_communes import D, commune_file, workbook_of


def _sheets(path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture
def tan_hoi(tmp_path):
    return commune_file(tmp_path, "30856", "Tân Hội")


def test_sheets_columns_and_figures_on_the_date(tan_hoi, tmp_path, capsys):
    out = tmp_path / "gui-tinh.xlsx"
    assert main(["export", "--db", str(tan_hoi), "--for-province", "--as-of", "2026-11-15",
                 str(out)]) == 0
    sheets = _sheets(out)
    assert list(sheets) == list(form.SHEETS)
    cover = {r[0]: r[1] for r in sheets[form.COVER]}
    assert list(cover) == list(form.COVER_LABELS)
    assert cover[form.COMMUNE_CODE] == "30856" and cover[form.AS_OF] == "15/11/2026"
    assert cover[form.CLOSED] == "Không"
    dt.datetime.strptime(cover[form.EXPORTED], form.EXPORTED_FORMAT)
    assert tuple(sheets[form.FIGURES][0]) == form.FIGURE_HEADERS
    assert tuple(sheets[form.UNITS][0]) == form.UNIT_HEADERS
    assert tuple(sheets[form.WORK][0]) == form.WORK_HEADERS
    assert tuple(sheets[form.BUDGET][0]) == form.BUDGET_HEADERS
    # the figures are those of report --json on the same date
    assert main(["report", "--db", str(tan_hoi), "--as-of", "2026-11-15", "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)
    rows = {r[0]: r for r in sheets[form.FIGURES][1:]}
    assert list(rows) == list(form.KEYS)
    for key in form.KEYS:
        want = reported["indicators"][key]
        assert (rows[key][1], rows[key][2]) == (want["numerator"], want["denominator"])
        if key != "CT1_national":
            assert rows[key][5] == want["status"]
    codes = [r[0] for r in sheets[form.UNITS][1:]]
    assert codes == [u["code"] for u in reported["units"]]
    waived = [r[0] for r in sheets[form.UNITS][1:] if r[9] == "Có"]
    assert waived == reported["indicators"]["CT1_adj"]["waived"]
    assert [r[0][:5] for r in sheets[form.WORK][1:]] == ["III.1", "III.2", "III.3", "III.4",
                                                         "III.5"]
    # the work per task group is the work done on D that report --json gives
    by_group = reported["work"]["by_group"]
    for row in sheets[form.WORK][1:]:
        group = by_group[row[0][:5]]
        assert row[1:] == [group["done"], group["participants"], group["women"],
                           group["cost"]]


def test_activities_after_the_date_are_not_counted(tan_hoi, tmp_path):
    with Store.open(tan_hoi) as store:
        early = export.collect(store, dt.date(2026, 3, 31)).work
        late = export.collect(store, D).work
    assert sum(g["activities"] for g in early) < sum(g["activities"] for g in late)


def test_no_personal_data_anywhere_in_the_workbook(tmp_path):
    path = commune_file(tmp_path, "30856", "Tân Hội")
    with Store.open(path) as store:  # a cadre whose details are found nowhere else
        cadre = next(c for c in store.records.iter_records("cadres") if c["code"] == "CB001")
        cadre.update(full_name="Trịnh Thị Độc Nhất", birth="1977-03-29", ethnicity="Chơ Ro")
        store.records.save("cadres", {k: v for k, v in cadre.items() if k != "id"}, cadre["id"])
        cadres = list(store.records.iter_records("cadres"))
    out = workbook_of(path, tmp_path / "gui-tinh.xlsx")
    with zipfile.ZipFile(out) as zf:
        text = html.unescape("".join(zf.read(n).decode("utf-8") for n in zf.namelist()))
    cells = set(re.findall(r"<t[^>]*>([^<]*)</t>", text))
    assert "Phòng Văn hóa - Xã hội" in cells  # units are named, people are not
    for c in cadres:
        assert c["full_name"] not in text
        if c["birth"] and len(c["birth"]) == 10:
            y, m, d = c["birth"].split("-")
            for shown in (c["birth"], f"{d}/{m}/{y}"):
                assert shown not in text
        if c["ethnicity"]:
            assert c["ethnicity"] not in cells
    assert "Chơ Ro" not in text and "1977" not in text
    assert "Dân tộc" not in text and "Ngày sinh" not in text and "Họ và tên" not in text


def test_a_commune_without_code_is_told_how_and_gets_no_workbook(tmp_path, capsys):
    path = commune_file(tmp_path, None, "Tân Hội")
    out = tmp_path / "gui-tinh.xlsx"
    code = main(["export", "--db", str(path), "--for-province", "--as-of", "2026-11-15",
                 str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Mã xã" in err and "Cài đặt" in err and "commune_code" in err
    assert not out.exists() and list(tmp_path.glob("*.xlsx")) == []


def test_for_province_needs_the_date(tan_hoi, tmp_path, capsys):
    assert main(["export", "--db", str(tan_hoi), "--for-province",
                 str(tmp_path / "x.xlsx")]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_a_closed_year_carries_the_figures_as_reported(tan_hoi, tmp_path, capsys):
    with Store.open(tan_hoi) as store:
        closed = indicators.close_year(store, 2026, D)
        # a late correction: PKT gets a female deputy head (a post of a woman there)
        woman = next(c for c in store.records.iter_records("cadres")
                     if c["gender"] == "Nữ" and c["unit_code"] == "PKT")
        store.records.save("posts", {"cadre_code": woman["code"], "unit_code": "PKT",
                                     "title": "Phó Trưởng phòng", "level": "Cấp phó",
                                     "from_date": "2026-01-01"})
        today = indicators.compute(store, D)
    assert today["CT1"].counts != closed.indicators["CT1"]
    out = tmp_path / "gui-tinh.xlsx"
    assert main(["export", "--db", str(tan_hoi), "--for-province", "--as-of", "2026-11-15",
                 str(out)]) == 0
    assert "đã chốt" in capsys.readouterr().err
    sheets = _sheets(out)
    assert dict(r[:2] for r in sheets[form.COVER])[form.CLOSED] == "Có"
    rows = {r[0]: (r[1], r[2]) for r in sheets[form.FIGURES][1:]}
    assert rows["CT1"] == closed.indicators["CT1"]
    assert rows["CT2"] == closed.indicators["CT2"]


# --- settings ------------------------------------------------------------------------

def test_settings_lists_and_sets_with_audit(tan_hoi, capsys):
    assert main(["settings", "--db", str(tan_hoi)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "commune_code = 30856" in lines and "province_name = An Giang" in lines
    assert main(["settings", "--db", str(tan_hoi), "--set", "commune_code=30999",
                 "target_ct1=80 %", "plan_start=01/01/2026",
                 "recipients=Sở Nội vụ (b/c);\\nLưu: VT."]) == 0
    with Store.open(tan_hoi) as store:
        s = store.settings.read()
        audit = store.audit.entries(table="settings")
    assert s["commune_code"] == "30999" and s["target_ct1"] == "0.8"
    assert s["plan_start"] == "2026-01-01" and s["recipients"] == "Sở Nội vụ (b/c);\nLưu: VT."
    assert any("30999" in str(a["after"]) for a in audit)


@pytest.mark.parametrize("assignment", ["commune_code=3085", "target_ct2=150",
                                        "plan_start=31/02/2026", "commune_name=",
                                        "report_deadline=40/11", "target_year=2020"])
def test_settings_refuses_what_cai_dat_refuses(tan_hoi, capsys, assignment):
    with Store.open(tan_hoi) as store:
        trail = store.audit.entries(table="settings")
    assert main(["settings", "--db", str(tan_hoi), "--set", assignment]) == 1
    assert assignment.split("=")[0] in capsys.readouterr().err
    with Store.open(tan_hoi) as store:
        assert store.settings.read()["commune_code"] == "30856"
        assert store.audit.entries(table="settings") == trail


def test_settings_unknown_key_and_missing_file_exit_2(tan_hoi, tmp_path, capsys):
    assert main(["settings", "--db", str(tan_hoi), "--set", "no_such_key=1"]) == 2
    assert "no_such_key" in capsys.readouterr().err
    missing = tmp_path / "none.sqlite"
    assert main(["settings", "--db", str(missing)]) == 2
    assert not missing.exists()
