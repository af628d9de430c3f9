"""Saving a form whose record was changed elsewhere meanwhile (the lost update): both
versions are shown and the official chooses; nothing is written back silently."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tanhoi_desktop.store import Store
from tanhoi_desktop.ui import conflict_dialog
from tanhoi_desktop.ui.record_dialog import RecordDialog


@pytest.fixture
def cadre(store):
    store.records.save("units", {"code": "VP", "name": "Văn phòng"})
    cadre_id = store.records.save("cadres", {"code": "C1", "full_name": "Lê Thị Mai",
                                             "gender": "Nữ",
                                             "unit_code": "VP", "position": "Chuyên viên",
                                             "birth": "1980"})
    return cadre_id


def _changed_by_another_program(path, cadre_id):
    """What an import in another process does to the cadre: a connection of its own."""
    with Store.open(path) as other:
        record = other.records.get("cadres", cadre_id)
        other.records.save("cadres", {**record, "position": "Phó Chánh Văn phòng",
                                      "birth": "12/03/1981"}, cadre_id)


def _open_form(qtbot, store, cadre_id, answer, seen):
    def ask(dialog):
        table = dialog.table
        seen.append({table.item(r, 0).text(): (table.item(r, 1).text(),
                                               table.item(r, 2).text())
                     for r in range(table.rowCount())})
        return answer

    qtbot_dialog = RecordDialog(store, "cadres", cadre_id)
    qtbot.addWidget(qtbot_dialog)
    return qtbot_dialog, ask


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("answer", [conflict_dialog.GO_BACK, conflict_dialog.TAKE_THEIRS,
                                    conflict_dialog.KEEP_MINE])
def test_a_form_never_writes_its_old_values_over_a_change_made_meanwhile(
        qtbot, store, cadre, monkeypatch, answer):
    seen: list[dict] = []
    dialog, ask = _open_form(qtbot, store, cadre, answer, seen)
    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", ask)
    dialog.editors["note"].setPlainText("Đã nhắc nộp hồ sơ")
    _changed_by_another_program(store.path, cadre)
    _save(qtbot, dialog)
    # both versions were shown: the other program's change, and the official's note
    assert seen == [{"Chức vụ": ("Phó Chánh Văn phòng", "Chuyên viên"),
                     "Ngày sinh": ("12/03/1981", "1980"),
                     "Ghi chú": ("(trống)", "Đã nhắc nộp hồ sơ")}]
    stored = store.records.get("cadres", cadre)
    if answer == conflict_dialog.KEEP_MINE:  # asked, and chosen: the form's version
        assert (stored["position"], stored["birth"], stored["note"]) == (
            "Chuyên viên", "1980", "Đã nhắc nộp hồ sơ")
        assert dialog.result() == dialog.DialogCode.Accepted
        return
    # nothing written yet, the form still open
    assert (stored["position"], stored["birth"], stored["note"]) == (
        "Phó Chánh Văn phòng", "1981-03-12", None)
    assert dialog.result() != dialog.DialogCode.Accepted
    if answer == conflict_dialog.TAKE_THEIRS:
        # the file's version, the official's own edit kept; saving again writes both
        assert dialog.values()["position"] == "Phó Chánh Văn phòng"
        assert dialog.values()["note"] == "Đã nhắc nộp hồ sơ"
        _save(qtbot, dialog)
        stored = store.records.get("cadres", cadre)
        assert (stored["position"], stored["birth"], stored["note"]) == (
            "Phó Chánh Văn phòng", "1981-03-12", "Đã nhắc nộp hồ sơ")
        assert len(seen) == 1  # no second question: nothing changed since


def test_a_form_saves_without_asking_when_nothing_changed_elsewhere(
        qtbot, store, cadre, monkeypatch):
    seen: list[dict] = []
    dialog, ask = _open_form(qtbot, store, cadre, conflict_dialog.GO_BACK, seen)
    monkeypatch.setattr(conflict_dialog.ConflictDialog, "ask", ask)
    dialog.editors["note"].setPlainText("Ghi chú")
    _save(qtbot, dialog)
    assert seen == [] and store.records.get("cadres", cadre)["note"] == "Ghi chú"


def test_the_conflict_dialog_shows_data_as_plain_text(qtbot, store, cadre):
    from tanhoi_desktop.domain import ENTITY

    record = store.records.get("cadres", cadre)
    dialog = conflict_dialog.ConflictDialog(
        ENTITY["cadres"], "Cán bộ", {**record, "note": "<h1>Lớn</h1>"},
        {**record, "note": "<b>x</b>"}, ["note"], ["note"])
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "<h1>Lớn</h1>"
    assert dialog.table.item(0, 0).text() == "Ghi chú ▲"
