"""Tables you can read: no header is cut (a selected row's headers stay as they are),
columns take the width of their content within bounds, remembered per table, and the
header's menu puts them back; dates sit the same way in every list."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from tanhoi_desktop.ui.list_view import FIT_MAX, header_width
from tanhoi_desktop.ui.main_window import MainWindow

from .waiting import figures_settled


def seed(store):
    store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("activities", {
        "code": "HD001", "title": "Hội nghị tập huấn về bình đẳng giới cho cán bộ chủ chốt "
        "của xã và các thôn, ấp trên địa bàn", "year": 2026, "task_group": "III.1",
        "kind": "Hội nghị, tập huấn", "from_date": "2026-03-08", "unit_code": "VHXH",
        "participants": 120, "participants_women": 70, "cost": 15_000_000,
        "funding": "Ngân sách nhà nước"})


def _whole_headers(view):
    header = view.horizontalHeader()
    return [(view.model().headerData(c, Qt.Orientation.Horizontal), header.sectionSize(c),
             header_width(view, c)) for c in range(header.count() - 1)
            if header.sectionSize(c) < header_width(view, c)]


def test_headers_are_whole_and_stay_so_on_a_selected_row(open_window, qtbot):
    window = open_window(seed=seed)
    window.resize(1366, 768)
    window.show()
    tab = window.show_tab("activities")
    view = tab.view
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert _whole_headers(view) == []
    assert not view.horizontalHeader().highlightSections()  # no bold on a selected row
    view.selectRow(0)
    assert _whole_headers(view) == []
    title = view.columnWidth(1)
    assert title <= FIT_MAX  # a long title fits within bounds, whole in its tooltip
    # narrowing a column below its header gives the header back its room
    view.horizontalHeader().resizeSection(2, 10)
    assert view.columnWidth(2) == header_width(view, 2)


def test_widths_are_remembered_and_reset_from_the_headers_menu(qtbot, tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)

    def open_():
        win = MainWindow(settings)
        qtbot.addWidget(win)
        assert win.open_store(tmp_path / "data.sqlite", create=True)
        return win

    first = open_()
    seed(first.store)
    figures_settled(qtbot, first.panel)
    tab = first.show_tab("activities")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    fitted = tab.view.columnWidth(1)
    tab.view.horizontalHeader().resizeSection(1, fitted + 150)
    first.close()
    second = open_()
    tab = second.show_tab("activities")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.view.columnWidth(1) == fitted + 150  # the user's width, not fitted again
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda self, pos, at=None: shown.append(self))
    header = tab.view.horizontalHeader()
    header.customContextMenuRequested.emit(header.rect().center())
    (reset,) = [a for a in shown[0].actions() if a.text() == "Đặt lại độ rộng cột"]
    reset.trigger()
    assert tab.view.columnWidth(1) == fitted
    second.close()


def test_dates_are_centred_in_the_lists(open_window, qtbot):
    window = open_window(seed=seed)
    tab = window.show_tab("activities")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    model = tab.model
    column = [c.key for c in model.columns].index("from_date")
    index = model.index(0, column)
    assert index.data() == "08/03/2026"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)


def test_a_birth_date_and_a_received_date_sit_as_the_other_dates(open_window, qtbot):
    """The cadres' «Ngày sinh» and the submissions' «Ngày nhận» are dates like any other:
    centred, not left (cadres) or right (submissions) as they were."""
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog

    def seed_more(store):
        seed(store)
        store.records.save("cadres", {"code": "CB001", "full_name": "Lê Thị Hoa",
                                      "gender": "Nữ", "birth": "1984-02-14",
                                      "unit_code": "VHXH"})
        store.submissions.record("VHXH", 2026, "2026-11-10T08:00:00", "vhxh.xlsx")

    window = open_window(seed=seed_more)
    tab = window.show_tab("cadres")
    model = tab.table.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    index = model.index(0, [c.key for c in model.columns].index("birth"))
    assert index.data() == "14/02/1984"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)

    dialog = SubmissionsDialog(window.store, 2026, window)
    qtbot.addWidget(dialog)
    received = dialog.proxy.index(0, 3)
    assert received.data() == "10/11/2026"
    assert received.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)


def test_the_baseline_hints_in_the_settings_are_read_whole(open_window, qtbot):
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    window = open_window(seed=seed)
    dialog = SettingsDialog(window.store, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    for key, edit in dialog.baselines.items():
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option,
                                           edit).width()
        assert "(tự tính)" in edit.placeholderText()
        assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room, key
    dialog.done(0)


def test_a_row_is_copied_from_the_tables_menu(open_window, qtbot):
    from PySide6.QtGui import QGuiApplication

    window = open_window(seed=seed)
    tab = window.show_tab("activities")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    view = tab.view
    view.selectRow(0)
    (copy,) = [a for a in view.actions() if a.text() == "Sao chép dòng"]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    copy.trigger()
    cells = QGuiApplication.clipboard().text().split("\t")
    assert cells[0].startswith("Hội nghị tập huấn về bình đẳng giới")
    assert "08/03/2026" in cells and "15.000.000" in cells


def test_columns_fit_the_first_page_of_rows_not_every_row(store, qtbot):
    """As when a table loaded its first 200 rows: a long title far down the list (past
    the first page) does not widen the column, and fitting asks no more rows than that
    (a province's 50,000 cadres: not 1,000 rows of cells on the GUI thread)."""
    import datetime as dt

    from tanhoi_desktop.ui.tabs.activities import ActivitiesTab

    store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    base = {"year": 2026, "task_group": "III.1", "kind": "Hội nghị, tập huấn",
            "from_date": "2026-03-08", "unit_code": "VHXH"}
    for i in range(200):
        store.records.save("activities", {**base, "code": f"H{i:03d}", "title": f"Họp {i:03d}"})
    store.records.save("activities", {**base, "code": "Z", "title": "Tuyên truyền " * 12})
    tab = ActivitiesTab(store)
    qtbot.addWidget(tab)
    tab.set_as_of(dt.date(2026, 12, 31))
    assert tab.model.rowCount() == 201 and tab.model.row_of_id(
        tab.model.ids[-1]) == 200  # the long title sorts last
    title = [c.key for c in tab.model.columns].index("title")
    assert tab.view.columnWidth(title) < FIT_MAX
    assert len(tab.model._cache) == 200  # the rows fitted to: the first page alone


def test_numbers_line_up_right_in_every_list_of_the_demo(qtbot, tmp_path, monkeypatch):
    """Counts, amounts and shares sit right, as in the Hoạt động and Kinh phí tabs: the
    units' «Số người», «Nữ», «Tỷ lệ nữ» and the courses' «Học viên», «Nữ», «Kinh phí»
    sat left. (A year stays on the left: it is a name, not an amount.)"""
    import re

    from PySide6.QtWidgets import QMessageBox

    from tanhoi_desktop.ui.tabs import TABS

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    window = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.open_demo()
    number = re.compile(r"^\d[\d.]*( |,\d %)?$|^\d+,\d\s%$")
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    try:
        left = []
        for spec in TABS:
            tables = window.show_tab(spec.key).tables()
            if not tables:
                continue
            qtbot.waitUntil(lambda t=tables: t[0].model.rowCount() > 0)
            figures_settled(qtbot, window.panel)
            for table in tables:  # (a selected record's lists are empty: nothing to see)
                model = table.model
                for column, col in enumerate(model.columns):
                    cells = [model.index(r, column) for r in range(min(20, model.rowCount()))]
                    amounts = col.header != "Năm" and any(number.match(c.data() or "")
                                                          for c in cells)
                    if amounts and cells[0].data(Qt.ItemDataRole.TextAlignmentRole) != right:
                        left.append((spec.key, col.header))
        assert left == []
    finally:
        window.close_store()
