"""Courses are searched like the other tables: on a folded text of their name and code,
with or without diacritics (schema v5 adds it and fills it for the courses already there)."""

import sqlite3

import pytest

from tanhoi_desktop import vntext
from tanhoi_desktop.store import SCHEMA_VERSION, Store

from .test_data_generation import undo_generation
from .test_ui_forms import type_text


def _courses(store):
    store.records.save("courses", {"code": "BD01", "name": "Lớp bồi dưỡng kỹ năng lãnh đạo",
                                   "kind": "Kỹ năng lãnh đạo, quản lý"})
    store.records.save("courses", {"code": "TC02", "name": "Trung cấp lý luận chính trị",
                                   "kind": "Lý luận chính trị"})


def _found(store, text):
    return [r["code"] for r in store.browse.page("courses", search=vntext.fold(text))]


def test_course_search_ignores_diacritics_and_finds_names_and_codes(store):
    _courses(store)
    assert _found(store, "bồi dưỡng") == ["BD01"]
    assert _found(store, "boi duong") == ["BD01"]
    assert _found(store, "lop") == ["BD01"]
    assert _found(store, "Lý luận") == ["TC02"] and _found(store, "tc02") == ["TC02"]
    record = store.records.get("courses", store.browse.page("courses", search="tc02")[0]["id"])
    store.records.save("courses", {**record, "name": "Cao cấp lý luận chính trị"}, record["id"])
    assert _found(store, "cao cap") == ["TC02"] and _found(store, "trung cap") == []


def test_the_training_tab_finds_a_course_typed_without_diacritics(open_window, qtbot):
    win = open_window(_courses)
    tab = win.show_tab("training")
    tab.courses.search.setText("boi duong")
    assert [r["code"] for r in tab.courses.model.rows] == ["BD01"]
    tab.courses.search.setText("lop")
    assert [r["code"] for r in tab.courses.model.rows] == ["BD01"]


def test_a_file_of_schema_4_gets_the_courses_search_text(tmp_path):
    path = tmp_path / "v4.sqlite"
    with Store.open(path, create=True) as store:
        _courses(store)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE courses DROP COLUMN search_text")
    # and what v7 added (the activities' state), so that the file is the v4 one
    conn.execute("DROP INDEX activities_year")
    conn.execute("ALTER TABLE activities DROP COLUMN state")
    conn.execute("CREATE INDEX activities_year ON activities(from_date, unit_id, funding, "
                 "cost, participants, participants_women)")
    conn.execute("DROP TABLE audit_head")  # and what v6 (the audit chain) adds
    conn.execute("ALTER TABLE audit_log DROP COLUMN chain")
    conn.execute("DROP TABLE report_texts")  # and what v8 (the reports' texts) adds
    undo_generation(conn)  # and what v9 and v10 add
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _found(store, "bồi dưỡng") == ["BD01"] and _found(store, "lop") == ["BD01"]


@pytest.mark.parametrize("typed", ["bồi dưỡng", "boi duong", "BOI DUONG", "lop", "Lớp bồi",
                                   "bd01"])
def test_typing_in_the_course_search_finds_the_course(open_window, qtbot, typed):
    """As an official types it, keys on the real search line: with or without
    diacritics, in any case, a word of the name or the code."""
    window = open_window(_courses)
    tab = window.show_tab("training")
    field = tab.courses.search
    field.setFocus()
    type_text(field, typed)
    assert field.text() == typed
    assert [r["code"] for r in tab.courses.model.rows] == ["BD01"]
    assert tab.courses.count_label.text() == "1 lớp học"
    field.clear()
    type_text(field, "chinh tri")
    assert [r["code"] for r in tab.courses.model.rows] == ["TC02"]
