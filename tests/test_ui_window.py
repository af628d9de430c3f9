"""The main window on real widgets (offscreen): every edit reaches the indicator panel."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store
from tanhoi_desktop.ui.drill_dialog import DrillDialog
from tanhoi_desktop.ui.main_window import MainWindow
from tanhoi_desktop.ui.record_dialog import RecordDialog
from tanhoi_desktop.ui.table_model import BrowseModel
from tanhoi_desktop.ui.tabs import TABS

from .waiting import figures_settled, operation_done

D = dt.date(2026, 11, 15)


@pytest.fixture
def window(open_window):
    return open_window(as_of=D)


def seed(store):
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("units", {"code": "B", "name": "Phòng Kinh tế"})
    for code, name, gender, unit in [("c1", "Nguyễn Thị Hồng", "Nữ", "A"),
                                     ("c2", "Trần Văn Bình", "Nam", "B"),
                                     ("c3", "Lê Văn Đức", "Nam", "B"),
                                     ("c4", "Phạm Thị Ánh", "Nữ", "A"),
                                     ("c5", "Võ Văn Anh", "Nam", "A")]:
        store.records.save("cadres", {"code": code, "full_name": name, "gender": gender,
                                      "unit_code": unit})
    store.records.save("planning", {"cadre_code": "c2", "title": "Trưởng phòng"})
    store.records.save("planning", {"cadre_code": "c3", "title": "Phó Trưởng phòng"})


def card_text(qtbot, window, key):
    card = figures_settled(qtbot, window.panel).cards[key]
    # (no-break spaces keep each part of the detail line whole when it wraps)
    return card.value.text(), card.detail.text().replace("\u00a0", " "), card.status.text()


def test_welcome_page_on_an_empty_file(window):
    assert window.stack.currentWidget() is window.welcome
    seed(window.store)
    assert window.stack.currentWidget() is window.tabs


def test_editing_a_cadres_gender_changes_ct2(window, qtbot):
    seed(window.store)
    assert card_text(qtbot, window, "CT2")[0] == "0,0 %"
    table = window.cadres_tab.table
    assert table.select_id(window.store.browse.page("cadres", search="tran van binh")[0]["id"])
    dialog = RecordDialog(window.store, "cadres", table.current_id(), parent=window)
    qtbot.addWidget(dialog)
    gender = dialog.editors["gender"]
    gender.setCurrentIndex(gender.findData("Nữ"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    value, detail, status = card_text(qtbot, window, "CT2")
    assert value == "50,0 %" and detail.startswith("1/2 người") and status == "Đạt"


def test_adding_a_female_deputy_changes_ct1(window, qtbot):
    seed(window.store)
    assert card_text(qtbot, window, "CT1")[0] == "0,0 %"
    dialog = RecordDialog(window.store, "posts", preset={"cadre_code": "c1"}, parent=window)
    qtbot.addWidget(dialog)
    unit = dialog.editors["unit_code"]
    unit.setCurrentIndex(unit.findData("A"))
    dialog.editors["title"].insert("Phó Trưởng phòng")  # keyClicks types Latin-1 only
    level = dialog.editors["level"]
    level.setCurrentIndex(level.findData("Cấp phó"))
    qtbot.keyClicks(dialog.editors["from_date"], "01/01/2026")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    # the post began in 2026: baseline (31/12/2025) 0 %, m(2026) = 75 % / 5 = 15 %
    assert card_text(qtbot, window, "CT1")[:2] == ("50,0 %",
                                            "1/2 đơn vị · mục tiêu 75,0 % · mốc năm 2026 15,0 %")
    # the cadre's detail pane shows the new post
    window.cadres_tab.table.select_id(window.store.browse.page("cadres", search="hong")[0]["id"])
    assert window.cadres_tab.posts.model.rowCount() == 1


def test_the_cadre_pane_says_to_choose_a_cadre_then_whose_records_it_shows(window):
    seed(window.store)
    tab = window.cadres_tab
    title = tab.details_title
    assert not title.isHidden() and not tab.details.isEnabled()
    assert title.text().startswith("Chọn một cán bộ ở bảng trên để xem")
    cadre = window.store.browse.page("cadres", search="hong")[0]
    tab.table.select_id(cadre["id"])
    assert tab.details.isEnabled()
    assert title.text() == f"<b>{cadre['full_name']} ({cadre['code']})</b>"


def test_moving_the_date_changes_the_figures(window, qtbot):
    seed(window.store)
    window.store.records.save("posts", {"cadre_code": "c1", "unit_code": "A",
                                        "title": "Trưởng phòng",
                                        "level": "Cấp trưởng", "from_date": "2026-06-01"})
    assert card_text(qtbot, window, "CT1")[0] == "50,0 %"
    window.panel.date_edit.setDate(QDate(2026, 5, 31))
    assert card_text(qtbot, window, "CT1")[0] == "0,0 %"
    assert window.units_tab.model.rows[0]["has_female_key_leader"] is False


def test_an_import_updates_the_panel(window, monkeypatch, qtbot):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # the summary message
    assert card_text(qtbot, window, "CT2")[2] == "Chưa có dữ liệu"
    assert operation_done(qtbot, window.import_path(demo_workbook()))
    assert card_text(qtbot, window, "CT2")[2] == "Đạt"
    assert card_text(qtbot, window, "CT1")[1].startswith("3/6")
    assert window.stack.currentWidget() is window.tabs


def test_a_refused_import_lists_every_problem_and_writes_nothing(qtbot, window, tmp_path,
                                                                  monkeypatch):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Cán bộ"
    ws.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Mã đơn vị"])
    ws.append(["x1", "Lê Văn A", "khác", "KHONG"])
    wb.save(tmp_path / "sai.xlsx")
    shown = []
    monkeypatch.setattr("tanhoi_desktop.ui.problems_dialog.ProblemsDialog.exec",
                        lambda self: shown.append(self.text.toPlainText()))
    assert not operation_done(qtbot, window.import_path(tmp_path / "sai.xlsx"))
    assert "Cán bộ, dòng 2, Giới tính" in shown[0] and "Cán bộ, dòng 2, Mã đơn vị" in shown[0]
    assert window.store.records.count("cadres") == 0


def test_required_field_left_empty_shows_its_message_and_writes_nothing(window, qtbot):
    seed(window.store)
    before = window.store.records.count("cadres")
    dialog = RecordDialog(window.store, "cadres", parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.editors["code"], "c9")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.errors["full_name"].text() == "«Họ và tên» không được để trống"
    assert not dialog.errors["full_name"].isHidden()
    assert dialog.errors["code"].isHidden()
    assert window.store.records.count("cadres") == before
    dialog.editors["full_name"].insert("Đinh Thị Chín")
    dialog.editors["gender"].setCurrentIndex(dialog.editors["gender"].findData("Nữ"))
    dialog.editors["unit_code"].setCurrentIndex(dialog.editors["unit_code"].findData("A"))
    dialog.save()
    assert window.store.records.count("cadres") == before + 1


def test_a_units_code_is_refused_for_a_cadre_under_the_code_field(window, qtbot):
    seed(window.store)
    dialog = RecordDialog(window.store, "cadres", parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.editors["code"], "B")
    dialog.editors["full_name"].insert("Đinh Thị Chín")
    dialog.editors["gender"].setCurrentIndex(dialog.editors["gender"].findData("Nữ"))
    dialog.editors["unit_code"].setCurrentIndex(dialog.editors["unit_code"].findData("A"))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.errors["code"].text().startswith("Mã «B» đã được dùng cho đơn vị «Phòng Kinh tế»")
    assert not dialog.errors["code"].isHidden()
    assert dialog.editors["full_name"].text() == "Đinh Thị Chín"  # nothing typed is lost
    dialog.show()
    dialog.editors["gender"].setCurrentIndex(-1)
    dialog.save()  # now with two messages, one of them under a short combo box
    for name in ("code", "gender"):
        label = dialog.errors[name]
        assert label.isVisible()
        assert label.width() > dialog.editors["gender"].width()  # the message's own row
        assert label.height() >= label.heightForWidth(label.width())  # shown whole
    assert window.store.records.count("cadres") == 5
    dialog.editors["gender"].setCurrentIndex(dialog.editors["gender"].findData("Nữ"))
    dialog.editors["code"].setText("c9")
    dialog.save()
    assert window.store.records.count("cadres") == 6


def test_delete_asks_and_says_what_goes_with_it(window, monkeypatch):
    seed(window.store)
    table = window.cadres_tab.table
    assert not table.delete_button.isEnabled()
    table.select_id(window.store.browse.page("cadres", search="binh")[0]["id"])
    assert table.delete_button.isEnabled() and table.edit_button.isEnabled()
    asked = []

    def answer(box, reply):
        asked.append(box.text())
        return next(b for b in box.buttons() if b.text() == reply).click()

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Hủy"))
    table.delete_current()
    assert "Cùng bị xóa: 1 mục quy hoạch" in asked[0]
    assert window.store.records.count("cadres") == 5
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Xóa"))
    table.delete_current()
    assert window.store.records.count("cadres") == 4 and window.store.records.count("planning") == 1
    assert table.model.total == 4


def test_a_unit_in_use_is_not_deleted(window, monkeypatch, qtbot):
    seed(window.store)
    figures_settled(qtbot, window.panel)  # the units' rows follow the panel's figures
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()))
    window.units_tab.select_id(window.store.browse.page("units", search="kinh te")[0]["id"])
    window.units_tab.delete_current()
    assert "còn 2 cán bộ" in told[0] and window.store.records.count("units") == 2


def test_search_ignores_diacritics_and_case(window, qtbot):
    seed(window.store)
    window.tabs.setCurrentWidget(window.cadres_tab)
    table = window.cadres_tab.table
    qtbot.keyClicks(table.search, "nguyen thi hong")
    assert [r["full_name"] for r in table.model.rows] == ["Nguyễn Thị Hồng"]
    table.search.clear()
    table.search.insert("ĐỨC")
    assert [r["full_name"] for r in table.model.rows] == ["Lê Văn Đức"]


def test_names_sort_in_vietnamese_order_by_given_name(window):
    seed(window.store)
    table = window.cadres_tab.table
    table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [r["full_name"] for r in table.model.rows]
    assert names == ["Võ Văn Anh", "Phạm Thị Ánh", "Trần Văn Bình", "Lê Văn Đức",
                     "Nguyễn Thị Hồng"]
    table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [r["full_name"] for r in table.model.rows] == names[::-1]


def test_filters_women_and_pool(window, qtbot):
    seed(window.store)
    tab = window.cadres_tab
    tab.gender.setCurrentIndex(tab.gender.findData("Nữ"))
    assert {r["gender"] for r in tab.table.model.rows} == {"Nữ"}
    tab.gender.setCurrentIndex(0)
    tab.in_pool.setChecked(True)
    assert {r["code"] for r in tab.table.model.rows} == {"C2", "C3"}


def test_drill_down_lists_the_records_behind_each_figure(window, qtbot):
    seed(window.store)
    window.store.records.save("units",
                              {"code": "K", "name": "Phòng Kỹ thuật", "special_sector": True})
    window.store.records.save("posts", {"cadre_code": "c1", "unit_code": "A",
                                        "title": "Trưởng phòng",
                                        "level": "Cấp trưởng"})
    figures = figures_settled(qtbot, window.panel).figures
    dialog = DrillDialog(window.store, "CT1", figures, window)
    qtbot.addWidget(dialog)
    groups = dialog.rows()
    missing = next(v for k, v in groups.items() if k.startswith("Đơn vị trong phạm vi chưa có"))
    assert missing == ["Phòng Kinh tế", "Phòng Kỹ thuật"]
    leaders = next(v for k, v in groups.items() if k.startswith("Nữ lãnh đạo"))
    assert leaders == ["Nguyễn Thị Hồng"]
    dialog = DrillDialog(window.store, "CT2", figures, window)
    qtbot.addWidget(dialog)
    assert dialog.rows() == {"Nữ (0)": [], "Nam (2)": ["Trần Văn Bình", "Lê Văn Đức"]}
    opened = []
    dialog.open_record.connect(lambda e, i: opened.append((e, i)))
    item = dialog.tree.topLevelItem(1).child(0)
    dialog.tree.itemDoubleClicked.emit(item, 0)
    assert opened == [("cadres", window.store.browse.page("cadres", search="binh")[0]["id"])]


def test_ct3_drill_down_shows_untrained_women(window, qtbot):
    seed(window.store)
    window.store.records.save("planning", {"cadre_code": "c1", "title": "Trưởng phòng"})
    window.store.records.save("planning", {"cadre_code": "c4", "title": "Phó Trưởng phòng"})
    window.store.records.save("courses", {"code": "K", "name": "Lớp", "kind": "Bình đẳng giới",
                                          "from_date": "2026-01-01", "to_date": "2026-01-05"})
    window.store.records.save("enrolments", {"course_code": "K", "cadre_code": "c4"})
    assert card_text(qtbot, window, "CT3")[:2] == ("50,0 %",
                                            "1/2 người · mục tiêu 90,0 % · mốc năm 2026 18,0 %")
    dialog = DrillDialog(window.store, "CT3", window.panel.figures, window)
    qtbot.addWidget(dialog)
    rows = list(dialog.rows().values())
    assert rows == [["Nguyễn Thị Hồng"], ["Phạm Thị Ánh"]]


def test_models_pass_the_model_tester(window, qtmodeltester):
    seed(window.store)
    for spec in TABS:
        window.tab(spec.key)  # every tab built
    assert len(window._tables()) == 10  # with the training plan (Đào tạo tab)
    for table in window._tables():
        qtmodeltester.check(table.model)
    qtmodeltester.check(window.tab("budget").model)


def test_an_empty_table_says_why_and_what_to_do(window, qtbot, tmp_path):
    units = window.units_tab
    note = units.empty_note
    assert not note.isHidden() and note.text() == (
        "Chưa có đơn vị nào. Bấm «Thêm…» để nhập, hoặc nhập từ tệp Excel "
        "(Tệp → Nhập từ Excel…).")
    assert note.parent() is units.view.viewport()
    seed(window.store)
    qtbot.waitUntil(lambda: units.model.rowCount() == 2)  # (after the panel's figures)
    assert note.isHidden()
    units.search.setText("không có ai")
    assert not note.isHidden() and note.text() == \
        "Không có đơn vị nào khớp với nội dung tìm kiếm và bộ lọc đang chọn."
    units.search.clear()
    assert note.isHidden()
    # the detail tables of a cadre say nothing of their own: the pane's title speaks
    assert window.cadres_tab.posts.empty_note.isHidden()
    # a copy opened read-only is not told to add
    reader = MainWindow(QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(reader)
    empty = tmp_path / "trong.sqlite"
    window.open_store(empty, create=True)
    assert reader.open_store(empty) and reader.store.read_only
    assert reader.units_tab.empty_note.text() == "Chưa có đơn vị nào."
    reader.close_store()


def test_demo_title_banner_and_read_only_second_copy(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    first = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    second = MainWindow(QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.open_demo()
    assert "DỮ LIỆU MẪU" in first.windowTitle() and "DỮ LIỆU MẪU" in first.banner.text()
    path = tmp_path / "chung.sqlite"
    first.open_store(path, create=True)
    assert second.open_store(path)
    assert second.store.read_only and "CHỈ ĐỌC" in second.windowTitle()
    assert "chỉ đọc" in second.banner.text().lower()
    assert not second.units_tab.add_button.isEnabled()
    first.store.records.save("units", {"code": "A", "name": "A"})  # the writer keeps writing
    assert not second.reopen_button.isHidden()
    second.reopen_for_writing()  # too early: the first copy still has it
    assert second.store.read_only and not second.reopen_button.isHidden()
    first.close_store()
    qtbot.mouseClick(second.reopen_button, Qt.MouseButton.LeftButton)
    assert not second.store.read_only and "CHỈ ĐỌC" not in second.windowTitle()
    assert second.reopen_button.isHidden() and second.units_tab.add_button.isEnabled()
    assert [u["code"] for u in second.store.records.iter_records("units")] == ["A"]
    second.close_store()


def test_a_file_on_a_write_protected_medium_opens_read_only(qtbot, tmp_path, small_volume,
                                                            monkeypatch):
    path = small_volume.path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        seed(s)
    small_volume.write_protect()
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(path)
    assert win.store.read_only and "CHỈ ĐỌC" in win.windowTitle()
    assert "chỉ cho phép đọc" in win.banner.text() and not win.banner.isHidden()
    assert not win.cadres_tab.table.add_button.isEnabled()
    assert win.cadres_tab.table.model.rowCount() == 5
    # the figures on another date, on a read-only connection of their own off the GUI thread
    with qtbot.waitSignal(win.panel.figures_ready, timeout=10000):
        win.panel.set_as_of(D)
    assert win.panel.error.isHidden() and win.panel.figures.as_of == D
    assert win.panel.cards["CT2"].value.text() == "0,0 %"
    assert not win.copy_here_button.isHidden() and win.reopen_button.isHidden()
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    taken = tmp_path / "cu.sqlite"  # an existing file is never overwritten by the copy
    taken.write_bytes(b"du lieu cu")
    before = taken.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(taken), ""))
    qtbot.mouseClick(win.copy_here_button, Qt.MouseButton.LeftButton)
    assert win.store.read_only and taken.read_bytes() == before and "đã có" in told[-1]
    copy = tmp_path / "tren-may.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    qtbot.mouseClick(win.copy_here_button, Qt.MouseButton.LeftButton)
    assert win.store.path == copy and not win.store.read_only
    assert win.banner.isHidden() and win.cadres_tab.table.add_button.isEnabled()
    assert win.store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    win.store.records.save("units", {"code": "M", "name": "Đơn vị mới"})
    assert win.store.records.count("units") == 3
    win.close_store()  # no backup, no lock file on the stick: nothing was written there
    assert sorted(p.name for p in small_volume.path.iterdir()) == ["xa.sqlite"]


def test_shortcuts_new_record_and_find(window, qtbot):
    seed(window.store)
    window.tabs.setCurrentWidget(window.cadres_tab)
    window.show()
    qtbot.waitExposed(window)
    seen = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    window.act_add.trigger()
    assert seen == ["Thêm cán bộ"]


def test_report_dialog_keeps_the_years_texts_and_writes_pdf(window, qtbot, tmp_path,
                                                            monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tanhoi_desktop.ui.report_preview import ReportDialog

    seed(window.store)
    dialog = ReportDialog(window.store, D, window)
    qtbot.addWidget(dialog)
    for key, edit in dialog.texts.items():  # every section written: no question asked
        edit.setPlainText(f"Nội dung {key}.")
    dialog.texts["difficulties"].setPlainText("Nguồn cán bộ nữ còn ít.")
    out = tmp_path / "bc.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    assert operation_done(qtbot, dialog.export_pdf())
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert said == [f"Đã ghi «{out}»."]
    assert window.store.texts.for_report("2026")["difficulties"] == "Nguồn cán bộ nữ còn ít."
    again = ReportDialog(window.store, D, window)
    qtbot.addWidget(again)
    assert again.texts["difficulties"].toPlainText() == "Nguồn cán bộ nữ còn ít."
    again.as_of.setDate(QDate(2027, 11, 15))
    assert again.texts["difficulties"].toPlainText() == ""


def test_a_backup_is_made_shortly_after_opening(qtbot, tmp_path):
    from tanhoi_desktop.safety import backups

    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    path = tmp_path / "du-lieu.sqlite"
    win.open_store(path, create=True)
    qtbot.waitUntil(lambda: len(backups.list_backups(path)) == 1, timeout=3000)
    assert backups.list_backups(path)[0].reason == "mo"
    win.close_store()  # and one on closing
    assert {b.reason for b in backups.list_backups(path)} == {"mo", "dong"}


def test_main_flows_never_open_a_network_connection(window, monkeypatch, tmp_path, qtbot):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network connection attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    assert operation_done(qtbot, window.import_path(demo_workbook()))
    window.store.records.save("units", {"code": "MOI", "name": "Đơn vị mới"})
    assert figures_settled(qtbot, window.panel).cards['CT1'].detail.text().startswith('3/7')
    from tanhoi_desktop.exchange import workbook as exchange
    from tanhoi_desktop.report import pdf

    exchange.export_workbook(window.store, tmp_path / "ra.xlsx")
    pdf.write_pdf(window.store, D, tmp_path / "bc.pdf")
    assert (tmp_path / "bc.pdf").exists() and (tmp_path / "ra.xlsx").exists()


def test_column_widths_and_splitters_are_remembered(qtbot, tmp_path):
    ini = str(tmp_path / "nho.ini")
    path = tmp_path / "d.sqlite"
    first = MainWindow(QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.open_store(path, create=True)
    first.cadres_tab.table.view.setColumnWidth(0, 333)
    first.cadres_tab.splitter.setSizes([300, 120])
    sizes = first.cadres_tab.splitter.sizes()
    first.close()
    second = MainWindow(QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.open_store(path)
    assert second.cadres_tab.table.view.columnWidth(0) == 333
    assert second.cadres_tab.splitter.sizes() == sizes
    assert str(path) in second.qsettings.value("recent", [], list)
    second.close()


def test_opening_a_file_reads_each_table_and_the_figures_once(qtbot, tmp_path, monkeypatch):
    from tanhoi_desktop.figures import indicators

    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        seed(s)
    settings = QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.open_store(path)
    first.cadres_tab.table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    first.close_store()  # remembers the columns and the sort order

    loads, computes = [], []
    real_reload, real_compute = BrowseModel.reload, indicators.compute
    monkeypatch.setattr(BrowseModel, "reload", lambda self, *a: loads.append(self) or
                        real_reload(self, *a))
    monkeypatch.setattr(indicators, "compute", lambda *a, **kw: computes.append(1) or
                        real_compute(*a, **kw))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_store(path)
    assert len(computes) == 1
    # only the visible tab is built and read at opening; the others when first shown
    assert [m.view for m in loads] == ["units"]
    assert window.tabs.built() == [window.tabs.currentWidget()]
    window.tabs.setCurrentIndex(1)
    assert window.tabs.currentWidget() is window.cadres_tab
    window.tabs.setCurrentIndex(3)
    assert window.tabs.currentWidget() is window.training_tab
    assert len(loads) == len(set(map(id, loads)))  # no table read twice
    assert {m.view for m in loads} >= {"units", "cadres", "courses"}
    assert len(window.tabs.built()) == 3  # Quy hoạch, never shown, never built
    assert len(computes) == 1
    model = window.cadres_tab.table.model
    assert (model.sort_key, model.descending) == ("gender", True)  # the remembered order
    assert [r["gender"] for r in model.rows] == sorted((r["gender"] for r in model.rows),
                                                       reverse=True)
    window.close_store()


def test_every_menu_shortcut_is_bound(window):
    """Shortcuts are set through setShortcuts (ui/menus.py); each one is on its action,
    a standard key with every binding the platform has for it."""
    from PySide6.QtGui import QKeySequence

    from tanhoi_desktop.ui.menus import MENUS

    actions = {a.text(): a for menu in window.menuBar().findChildren(QMenu)
               for a in menu.actions()}
    bound = 0
    for _title, items in MENUS:
        for item in items:
            if item.shortcut is None:
                continue
            action = actions[item.text]
            expected = ([QKeySequence.fromString(item.shortcut)]
                        if isinstance(item.shortcut, str)
                        else QKeySequence.keyBindings(item.shortcut))
            assert action.shortcuts() == expected, item.text
            bound += 1
    assert bound == 10
    assert actions["Nhập từ Excel…"].shortcut().toString() == "Ctrl+I"
    assert actions["Hướng dẫn sử dụng"].shortcut().toString() == "F1"


def test_the_title_names_the_program_the_commune_and_the_file_with_one_dash(open_window):
    window = open_window()
    assert window.windowTitle() == "Theo dõi bình đẳng giới — xã Tân Hội — data.sqlite"
    window.store.settings.save({"commune_name": "Mỹ Hòa Hưng"})
    assert window.windowTitle() == "Theo dõi bình đẳng giới — xã Mỹ Hòa Hưng — data.sqlite"
