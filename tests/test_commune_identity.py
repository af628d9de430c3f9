"""Whose data a file is (docs/province-merge.md): the commune's name, its code in the
national list and its province travel on the exchange workbook's cover sheet; a workbook
of another commune is said (command line) and asked about (window) before its units and
cadres update this commune's records of the same codes."""

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store

from .waiting import operation_done


def _commune(path, name, code="", units=(("PKT", "Phòng Kinh tế"),)):
    store = Store.open(path, create=True)
    store.settings.save({"commune_name": name, "commune_code": code,
                         "province_name": "An Giang"})
    for unit_code, unit_name in units:
        store.records.save("units", {"code": unit_code, "name": unit_name})
    return store


def _cover(path) -> dict:
    sheet = load_workbook(path)["Thông tin"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


@pytest.mark.parametrize(("code", "ok"), [("", True), ("30307", True), (" 30307 ", True),
                                          ("3030", False), ("303070", False),
                                          ("3030a", False), ("３０３０７", False)])
def test_the_commune_code_is_five_digits_or_empty(code, ok):
    problems = domain.setting_problems({"commune_code": code})
    assert (problems == {}) is ok
    if not ok:
        assert problems["commune_code"] == (f"Mã xã «{code}» không hợp lệ: cần đúng 5 chữ "
                                            "số, hoặc để trống")


def test_the_cover_sheet_names_the_commune_its_code_province_and_file(tmp_path):
    with _commune(tmp_path / "a.sqlite", "Tân Hội", "30307") as store:
        exchange.export_workbook(store, tmp_path / "a.xlsx")
        file_id = store.settings.read()["file_id"]
    cover = _cover(tmp_path / "a.xlsx")
    assert cover["Xã"] == "Tân Hội" and cover["Mã xã"] == "30307"
    assert cover["Tỉnh"] == "An Giang" and cover["Mã tệp dữ liệu"] == file_id
    with _commune(tmp_path / "b.sqlite", "Tân Hội") as store:  # no code: no row for it
        exchange.export_workbook(store, tmp_path / "b.xlsx")
    assert "Mã xã" not in _cover(tmp_path / "b.xlsx")


@pytest.mark.parametrize(("theirs", "ours", "other"), [
    (("Mỹ Hòa Hưng", "30310"), ("Tân Hội", "30307"), "xã «Mỹ Hòa Hưng» (mã 30310)"),
    (("Mỹ Hòa Hưng", ""), ("Tân Hội", ""), "xã «Mỹ Hòa Hưng»"),
    (("Mỹ Hòa Hưng", ""), ("Tân Hội", "30307"), "xã «Mỹ Hòa Hưng»"),
    # the same code: the same commune, whatever its name was when the file left
    (("Tân Hội (cũ)", "30307"), ("Tân Hội", "30307"), None),
    # the same name, written with other case, spacing and composition (NFD)
    (("TÂN  HỘI", ""), ("Ta\u0302n Ho\u0323\u0302i", "30307"), None),
    # a tone is a letter: another commune
    (("Tân Hòa", ""), ("Tân Hội", ""), "xã «Tân Hòa»"),
])
def test_a_workbook_of_another_commune_is_told_apart(tmp_path, theirs, ours, other):
    with _commune(tmp_path / "theirs.sqlite", *theirs) as store:
        exchange.export_workbook(store, tmp_path / "theirs.xlsx")
    with _commune(tmp_path / "ours.sqlite", *ours) as store:
        plan = exchange.read_workbook(tmp_path / "theirs.xlsx", store)
    assert plan.problems == [] and plan.other_commune == other
    said = [w for w in plan.warnings if "còn tệp dữ liệu là của" in w]
    assert len(said) == (other is not None)
    if other:
        assert said[0].startswith(f"Thông tin: tệp này là dữ liệu của {other}, còn tệp dữ "
                                  "liệu là của xã «")
        assert said[0].endswith("; nếu nhập, đơn vị, cán bộ… cùng mã sẽ được ghi đè bằng số "
                                "liệu của tệp Excel này")


def test_an_empty_file_takes_any_communes_workbook_without_a_word(tmp_path):
    with _commune(tmp_path / "theirs.sqlite", "Mỹ Hòa Hưng", "30310") as store:
        exchange.export_workbook(store, tmp_path / "theirs.xlsx")
    with Store.open(tmp_path / "new.sqlite", create=True) as store:  # nothing to overwrite
        plan = exchange.read_workbook(tmp_path / "theirs.xlsx", store)
    assert plan.other_commune is None and plan.problems == []


def test_the_command_line_imports_another_communes_workbook_with_a_warning(tmp_path):
    with _commune(tmp_path / "theirs.sqlite", "Mỹ Hòa Hưng", "30310",
                  units=(("PKT", "Phòng Kinh tế Mỹ Hòa Hưng"),)) as store:
        exchange.export_workbook(store, tmp_path / "theirs.xlsx")
    _commune(tmp_path / "ours.sqlite", "Tân Hội", "30307").close()
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "import", "--db",
                          str(tmp_path / "ours.sqlite"), str(tmp_path / "theirs.xlsx")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr  # cli.md: the cover sheet is not the data
    assert ("Cảnh báo: Thông tin: tệp này là dữ liệu của xã «Mỹ Hòa Hưng» (mã 30310), còn tệp "
            "dữ liệu là của xã «Tân Hội» (mã 30307); nếu nhập") in out.stderr
    with Store.open(tmp_path / "ours.sqlite") as store:
        assert store.browse.page("units")[0]["name"] == "Phòng Kinh tế Mỹ Hòa Hưng"


@pytest.mark.parametrize("answer", [False, True])
def test_the_window_asks_before_importing_another_communes_workbook(qtbot, open_window, tmp_path,
                                                                     monkeypatch, answer):
    from tanhoi_desktop.ui import exchange_actions
    from tanhoi_desktop.ui.sender_dialog import SenderDialog

    with _commune(tmp_path / "theirs.sqlite", "Mỹ Hòa Hưng", "30310",
                  units=(("PKT", "Phòng Kinh tế Mỹ Hòa Hưng"),)) as store:
        exchange.export_workbook(store, tmp_path / "theirs.xlsx")

    def seed(store):
        store.settings.save({"commune_name": "Tân Hội", "commune_code": "30307"})
        store.records.save("units", {"code": "PKT", "name": "Phòng Kinh tế"})

    window = open_window(seed)
    asked = []
    monkeypatch.setattr(exchange_actions, "ask",
                        lambda parent, title, text, **kw: asked.append((text, kw)) or answer)
    monkeypatch.setattr(exchange_actions, "inform", lambda *a: None)
    monkeypatch.setattr(SenderDialog, "exec", lambda self: 1)  # «Không ghi nhận»
    before = window.store.records.count("audit_log")
    assert operation_done(qtbot, window.import_path(tmp_path / "theirs.xlsx")) is answer
    text, buttons = asked[0]
    assert text.startswith("Tệp «theirs.xlsx» là dữ liệu của xã «Mỹ Hòa Hưng» (mã 30310), còn "
                           "tệp dữ liệu đang mở là của xã «Tân Hội» (mã 30307).")
    assert buttons == {"yes": "Vẫn nhập", "no": "Không nhập"}
    name = window.store.browse.page("units")[0]["name"]
    if answer:
        assert name == "Phòng Kinh tế Mỹ Hòa Hưng"
    else:
        assert name == "Phòng Kinh tế" and window.store.records.count("audit_log") == before


def test_the_commune_code_and_province_are_edited_in_the_settings(open_window, qtbot):
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    window = open_window()
    dialog = SettingsDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert dialog.commune_code.text() == "" and dialog.province.text() == "An Giang"
    dialog.commune_code.setText("3030")
    dialog.save()
    assert dialog.error.text() == "Mã xã «3030» không hợp lệ: cần đúng 5 chữ số, hoặc để trống."
    assert window.store.settings.read()["commune_code"] == ""
    dialog.commune_code.setText("30307")
    dialog.province.setText("  An   Giang ")
    dialog.save()
    settings = window.store.settings.read()
    assert (settings["commune_code"], settings["province_name"]) == ("30307", "An Giang")


def test_report_json_says_whose_figures_they_are(tmp_path):
    import json

    with _commune(tmp_path / "a.sqlite", "Tân Hội", "30307") as store:
        file_id = store.settings.read()["file_id"]
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "report", "--db",
                          str(tmp_path / "a.sqlite"), "--as-of", "2026-11-15", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["commune"] == {"name": "Tân Hội", "code": "30307", "province": "An Giang",
                                 "file_id": file_id}
    assert set(report) >= {"as_of", "indicators", "units"}  # cli.md's keys, unchanged


def test_two_communes_files_combine_by_commune_and_code(tmp_path):
    """docs/province-merge.md's example: files attached read-only, side by side."""
    import sqlite3

    _commune(tmp_path / "a.sqlite", "Tân Hội", "30307",
             units=(("PKT", "Phòng Kinh tế"), ("VP", "Văn phòng"))).close()
    _commune(tmp_path / "b.sqlite", "Mỹ Hòa Hưng", "30310",
             units=(("PKT", "Phòng Kinh tế"),)).close()
    conn = sqlite3.connect(":memory:", uri=True)
    for alias, name in (("a", "a.sqlite"), ("b", "b.sqlite")):
        conn.execute(f"ATTACH 'file:{tmp_path / name}?mode=ro' AS {alias}")
    rows = conn.execute(
        "SELECT (SELECT value FROM a.settings WHERE key = 'commune_code'), code FROM a.units "
        "UNION ALL "
        "SELECT (SELECT value FROM b.settings WHERE key = 'commune_code'), code FROM b.units"
    ).fetchall()
    assert sorted(rows) == [("30307", "PKT"), ("30307", "VP"), ("30310", "PKT")]
    assert len(set(rows)) == len(rows)  # (commune, code) is a key across files
    with pytest.raises(sqlite3.OperationalError):  # attached read-only: nothing changes
        conn.execute("DELETE FROM a.units")
