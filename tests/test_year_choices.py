"""The lines under the Hoạt động and Kinh phí tables. The years offered: those with
data, the plan's years and this year; what could not be read is said under the table,
never dropped in silence, and the years that could be read are still offered."""

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt

from tanhoi_desktop.store import StoreError
from tanhoi_desktop.ui.tabs.activities import year_choices

READ_FAILED = "Không đọc được tệp dữ liệu: ổ đĩa báo lỗi khi đọc."


def _activity(store):
    store.records.save("units", {"code": "VH", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("activities", {"code": "HD001", "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "title": "Hội nghị quán triệt",
                                      "from_date": "2019-03-05", "unit_code": "VH"})


def _poke_setting(path, key, value):
    """As another program (or a hand edit) could have stored it."""
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
    conn.commit()
    conn.close()


def _failing_read(*_args, **_kwargs):
    raise StoreError(READ_FAILED, "io")


def test_the_years_are_those_with_data_the_plans_and_this_one(store):
    _activity(store)
    years, problem = year_choices(store, 2041)
    assert years == [2041, *range(2030, 2025, -1), 2019] and problem is None


def test_a_year_list_that_could_not_be_read_is_said(store, monkeypatch):
    _activity(store)
    monkeypatch.setattr(store.plan, "plan_years", _failing_read)
    years, problem = year_choices(store, 2026)
    assert years == list(range(2030, 2025, -1))  # the plan's years are still there
    assert problem == f"Danh sách năm có thể chưa đủ. {READ_FAILED}"


@pytest.mark.parametrize("tab_name", ["activities", "budget"])
def test_the_tabs_say_why_their_years_may_be_missing(open_window, monkeypatch, tab_name):
    window = open_window(_activity, settle=False)
    _poke_setting(window.store.path, "target_year", "năm sau")
    monkeypatch.setattr(window.store.plan, "plan_years", _failing_read)
    tab = window.show_tab(tab_name)
    tab.fill_years(2026)
    line = tab.years_problem
    assert line.isVisibleTo(tab)
    assert line.text().startswith("Danh sách năm có thể chưa đủ. Cài đặt có giá trị không "
                                  "hợp lệ: ")
    assert line.text().endswith(f"Hãy sửa trong Cài đặt rồi thử lại. {READ_FAILED}")
    assert tab.year.findData(2026) >= 0  # the year asked for is offered all the same
    monkeypatch.undo()
    _poke_setting(window.store.path, "target_year", "2030")
    tab.fill_years(2026)
    assert not line.isVisibleTo(tab) and tab.year.findData(2019) >= 0


def test_this_year_is_offered_when_nothing_else_can_be_read(store, monkeypatch):
    monkeypatch.setattr(store.plan, "plan_years", _failing_read)
    monkeypatch.setattr(store.settings, "read", _failing_read)
    this_year = dt.date.today().year
    years, problem = year_choices(store, this_year)
    assert years == [this_year]
    assert problem == f"Danh sách năm có thể chưa đủ. {READ_FAILED}"  # said once


def test_the_budget_sums_line_shows_bold_words_not_tags(open_window):
    window = open_window(_activity, settle=False)
    tab = window.show_tab("budget")
    tab.refresh()
    assert tab.by_source.text().startswith("<b>Theo nguồn kinh phí năm")
    # (auto-detection left the tags on screen: the text format is said)
    assert tab.by_source.textFormat() == Qt.TextFormat.RichText
