"""Rows by id (ui/table_model.py): a search returns the ids, rows are fetched by id when
painted and kept; a change refetches only the rows it touched; selecting a record never
pages through the table."""

from tanhoi_desktop.store import Store
from tanhoi_desktop.ui.tabs.record_table import RecordTable

MANY = 1500  # more than seven blocks of rows


def _many_cadres(store: Store) -> None:
    store.records.import_records(
        {"units": [{"code": "A", "name": "Phòng A"}],
         "cadres": [{"code": f"c{i:04}", "full_name": f"Nguyễn Văn An {i:04}",
                             "gender": "Nam", "unit_code": "A"} for i in range(MANY)]},
        {"units": {"code", "name"}, "cadres": {"code", "full_name", "gender", "unit_code"}})


def _fetches(store, monkeypatch):
    """The ids of every fetch of rows by id; and whether a page was read by offset."""
    fetched, paged = [], []
    real_rows, real_browse = store.browse.rows, store.browse.page
    monkeypatch.setattr(store.browse, "rows", lambda view, ids, **kw: fetched.append(
        (view, list(ids))) or real_rows(view, ids, **kw))
    monkeypatch.setattr(store.browse, "page", lambda *a, **kw: paged.append(a) or
                        real_browse(*a, **kw))
    return fetched, paged


def test_a_record_added_is_selected_without_paging_through_the_table(
        open_window, qtbot, monkeypatch):
    win = open_window(_many_cadres)
    table = win.show_tab("cadres").table
    model = table.model
    assert model.rowCount() == MANY == model.total  # every row is there to scroll to
    fetched, paged = _fetches(win.store, monkeypatch)
    # a given name that sorts after every other: the last row of the table
    new = win.store.records.save("cadres", {"code": "zz", "full_name": "Trần Thị Yến",
                                            "gender": "Nữ", "unit_code": "A"})
    assert table.select_id(new)
    assert table.current_id() == new and table.view.currentIndex().row() == MANY
    assert table.current_row()["full_name"] == "Trần Thị Yến"
    assert paged == []  # no page read by offset
    # only the block of the selected row (and what the view paints) was read
    assert all(view == "cadres" and len(ids) <= 200 for view, ids in fetched)
    assert new in {i for _v, ids in fetched for i in ids}


def test_an_edit_refetches_only_the_rows_it_touched(open_window, qtbot, monkeypatch):
    win = open_window(_many_cadres)
    table: RecordTable = win.show_tab("cadres").table
    model = table.model
    first = [model.row_at(i)["full_name"] for i in range(50)]  # kept, as painting does
    assert first[0] == "Nguyễn Văn An 0000"
    fetched, _paged = _fetches(win.store, monkeypatch)
    edited = model.ids[3]
    record = win.store.records.get("cadres", edited)
    win.store.records.save("cadres", {**record, "education": "Đại học"}, edited)
    assert [model.row_at(i)["full_name"] for i in range(50)] == first
    assert fetched == [("cadres", [edited])]  # the others came from what was kept
    assert model.row_at(3)["education"] == "Đại học"
    # a change to another table the view reads (a unit's name): every row is read again
    unit = win.store.browse.page("units")[0]
    win.store.records.save("units", {**win.store.records.get("units", unit["id"]),
                                     "name": "Phòng B"},
                           unit["id"])
    fetched.clear()
    assert model.row_at(0)["unit_name"] == "Phòng B"
    assert len(fetched[0][1]) == 200


def test_a_date_change_fetches_the_rows_again_without_searching(open_window, qtbot,
                                                                monkeypatch):
    import datetime as dt

    win = open_window(_many_cadres, as_of=dt.date(2026, 11, 15))
    table = win.show_tab("cadres").table
    model = table.model
    first = model.ids[0]
    win.store.records.save("cadres", {**win.store.records.get("cadres", first),
                                      "to_date": "2028-12-31"},
                           first)
    assert model.row_at(0)["active"] == 1
    searched = []
    real = win.store.browse.ids
    monkeypatch.setattr(win.store.browse, "ids", lambda view, **kw: searched.append(view)
                        or real(view, **kw))
    fetched, _paged = _fetches(win.store, monkeypatch)
    ids = list(model.ids)
    win.panel.set_as_of(dt.date(2029, 6, 30))
    assert "cadres" not in searched and model.ids == ids  # same records, same order
    assert model.row_at(0)["active"] == 0  # the row itself was read again, for 2029
    assert fetched and fetched[0][0] == "cadres"
    # a filter that reads the date (only those active on it): searched again
    table.set_filter("active", True)
    assert "cadres" in searched and first not in model.ids
