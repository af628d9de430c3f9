"""The window and every dialog fit the screens communes have (tests/offscreen-screens.json:
1366 x 768, and 1280 x 720 beside it, each also with a taskbar's height taken away), and
every table shows a cut-off text whole in its tooltip."""

import datetime as dt
import re

import pytest
from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store
from tanhoi_desktop.ui.main_window import MainWindow
from tanhoi_desktop.ui.screen_fit import FRAME
from tanhoi_desktop.ui.tabs import TABS

from .waiting import figures_settled

D = dt.date(2026, 11, 15)
# the screens, and what is left of them under Windows' taskbar (40 px at 100 %, 32 px
# more for a two-row or scaled one)
SCREENS = ["1366x768", "1280x720", "1366x728", "1280x688"]


def screen(name):
    found = [s for s in QGuiApplication.screens() if s.name() == name]
    assert found, "tests/offscreen-screens.json is not the platform's configuration"
    return found[0]


def inside(widget, scr=None) -> bool:
    area = (scr or widget.screen()).availableGeometry()
    return area.contains(widget.frameGeometry())


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


@pytest.fixture
def window(qtbot, tmp_path, demo):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(demo)
    win.panel.set_as_of(D)
    figures_settled(qtbot, win.panel)
    win.show()
    yield win
    win.close_store()


def test_the_first_window_fits_the_screen(window, qtbot):
    assert window.screen().name() == "1366x768"
    qtbot.waitExposed(window)
    assert inside(window)
    # as large as the screen allows, not the 800 px that did not fit
    assert window.frameGeometry().height() >= 768 - 40
    assert window.frameGeometry().width() >= 1366 - 20


def test_the_indicator_panel_leaves_the_tables_most_of_the_width(window, qtbot):
    """The panel asks for the width its cards need, not the width its long note would
    take on one line: at 1366 px the tables get about 70 % of the window, and nothing of
    the panel is cut."""
    from PySide6.QtWidgets import QLabel

    qtbot.waitExposed(window)
    panel = window.panel
    assert panel.width() <= 400 and window.tabs.width() >= 0.68 * window.width()
    assert panel.width() >= panel.minimumSizeHint().width()
    for card in panel.cards.values():
        assert card.height() >= card.layout().minimumSize().height()
        for label in card.findChildren(QLabel):
            if label.wordWrap() and not label.isHidden():
                assert label.height() >= label.heightForWidth(label.width())
                assert " %" not in label.text()  # «30» and «%» on one line
    note = panel.window_note
    assert note.height() >= note.heightForWidth(note.width()) and " %" not in note.text()
    assert note.geometry().bottom() <= panel.height()


def test_a_remembered_geometry_from_a_larger_screen_is_brought_back(qtbot, tmp_path, demo):
    ini = str(tmp_path / "s.ini")
    first = MainWindow(QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.resize(1900, 1040)  # as on a 1920 x 1080 screen
    first.move(400, 300)
    first.close()
    assert isinstance(QSettings(ini, QSettings.Format.IniFormat).value("window/geometry"),
                      QByteArray)
    second = MainWindow(QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.open_store(demo)
    second.show()
    qtbot.waitExposed(second)
    assert inside(second)
    second.close()


@pytest.mark.parametrize("name", SCREENS)
def test_the_window_fits_when_moved_to_a_smaller_screen(window, qtbot, name):
    scr = screen(name)
    window.hide()  # opened again on the other screen
    window.setScreen(scr)
    window.move(scr.geometry().topLeft() + scr.geometry().bottomRight() / 8)
    window.resize(1360, 800)
    window.show()
    qtbot.waitExposed(window)
    assert inside(window, scr)


def dialogs(window):
    """Every dialog of the window, made as its menu or button makes it."""
    from tanhoi_desktop.domain import ENTITY
    from tanhoi_desktop.ui.about_dialog import AboutDialog
    from tanhoi_desktop.ui.audit_dialog import AuditDialog
    from tanhoi_desktop.ui.close_dialog import CloseYearDialog
    from tanhoi_desktop.ui.drill_dialog import DrillDialog
    from tanhoi_desktop.ui.message_box import MessageBox
    from tanhoi_desktop.ui.problems_dialog import ProblemsDialog
    from tanhoi_desktop.ui.record_dialog import RecordDialog
    from tanhoi_desktop.ui.report_preview import PrintPreview, ReportDialog
    from tanhoi_desktop.ui.restore_dialog import RestoreDialog
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    store = window.store
    yield "settings", SettingsDialog(store, window)
    for entity in ENTITY:
        try:
            record = store.browse.page(entity, limit=1)
        except KeyError:  # no browse view of its own: a new record's form
            record = []
        yield f"record {entity}", RecordDialog(store, entity, record[0]["id"] if record
                                               else None, None, window)
    yield "audit", AuditDialog(store, window)
    for key in ("CT1", "CT1_adj", "CT2", "CT3"):
        yield f"drill {key}", DrillDialog(store, key, window.panel.figures, window)
    yield "about", AboutDialog(store, window)
    yield "report", ReportDialog(store, D, window)
    preview = PrintPreview(window)
    preview.resize(900, 1000)  # as the report dialog opens it
    yield "preview", preview
    yield "restore", RestoreDialog(store.path, window)
    yield "close year", CloseYearDialog(store, D, window)
    yield "problems", ProblemsDialog([f"Đơn vị, dòng {i}: thiếu tên" for i in range(200)],
                                     window)
    # an import's summary with many warnings (ui/common.inform)
    yield "message", MessageBox(MessageBox.Icon.Information, "Nhập từ Excel", "\n".join(
        f"Cán bộ, dòng {i}: ngày sinh để trống" for i in range(80)), parent=window)


@pytest.mark.parametrize("name", SCREENS)
def test_every_dialog_fits_the_screen(window, qtbot, name):
    scr = screen(name)
    seen = 0
    for label, dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.setScreen(scr)
        dialog.move(scr.geometry().topLeft() + scr.geometry().bottomRight() / 8)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.screen() is scr, label
        assert inside(dialog, scr), (label, dialog.frameGeometry(), scr.availableGeometry())
        # shrunk to fit, not cut: nothing is narrower or shorter than it needs
        hint = dialog.minimumSizeHint()
        assert dialog.width() >= hint.width() and dialog.height() >= hint.height(), label
        dialog.close()
        seen += 1
    assert seen >= 16


def test_a_tall_form_scrolls_on_a_small_screen_and_shows_whole_on_a_larger(window, qtbot):
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    for name in SCREENS:
        scr = screen(name)
        dialog = SettingsDialog(window.store, window)
        qtbot.addWidget(dialog)
        dialog.setScreen(scr)
        dialog.move(scr.geometry().topLeft())
        dialog.show()
        qtbot.waitExposed(dialog)
        bar = dialog.scroll.verticalScrollBar()
        assert inside(dialog, scr)
        # the whole form shows, or it scrolls because the dialog is as tall as the screen
        # lets it be (a scroll area alone would open it short, scrolling for nothing)
        tallest = scr.availableGeometry().height() - FRAME.height()
        assert bar.maximum() == 0 or dialog.height() >= tallest - 4, (name, dialog.height())
        # the last field is reachable
        dialog.scroll.ensureWidgetVisible(dialog.entered_by)
        assert dialog.entered_by.visibleRegion().boundingRect().height() > 0
        dialog.close()


def views_of(widget):
    return [v for v in widget.findChildren(QAbstractItemView) if v.model() is not None
            and v.isVisibleTo(widget)]


def cells(model, parent=QModelIndex()):  # noqa: B008
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model: one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index):
                yield from cells(model, index)


def test_every_table_shows_its_full_text_in_a_tooltip(window, qtbot):
    checked = 0
    window.show()
    for spec in TABS:
        window.show_tab(spec.key)
        page = window.tabs.currentWidget()
        for table in page.tables():
            if table.entity == "cadres":
                table.select_id(table.model.rows[0]["id"])
        for view in views_of(page):
            for index in cells(view.model()):
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text:
                    assert index.data(Qt.ItemDataRole.ToolTipRole) == text
                    checked += 1
    for label, dialog in dialogs(window):
        qtbot.addWidget(dialog)
        for view in views_of(dialog):
            for index in cells(view.model()):
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text:
                    assert index.data(Qt.ItemDataRole.ToolTipRole) == text, label
                    checked += 1
    assert checked > 500


def test_rows_of_lists_and_trees_do_not_cut_vietnamese_marks(window, qtbot):
    """«Trần», «Nguyễn»: the marks above and the dot below need more than the font's
    height (a row of 14 px cut them); every row is as tall as they need."""
    from PySide6.QtWidgets import QListWidget, QTreeWidget

    from tanhoi_desktop.ui.item_rows import ABOVE, BELOW

    checked = 0
    for label, dialog in dialogs(window):
        qtbot.addWidget(dialog)
        dialog.show()
        for view in dialog.findChildren(QTreeWidget) + dialog.findChildren(QListWidget):
            model = view.model()
            if not view.isVisible() or not model.rowCount():
                continue
            metrics = view.fontMetrics()
            top = -metrics.tightBoundingRect(ABOVE).top()  # from the baseline up
            bottom = metrics.tightBoundingRect(BELOW).bottom()  # and down
            assert top > metrics.ascent()  # what makes a row of the font's height cut
            index = model.index(0, 0)
            for row in range(8):  # the first rows in view, groups and their members
                if not index.isValid():
                    break
                rect = view.visualRect(index)
                index = (view.indexBelow(index) if isinstance(view, QTreeWidget)
                         else model.index(index.row() + 1, 0))
                # the text is centred in its row
                baseline = rect.top() + (rect.height() - metrics.height()) / 2 \
                    + metrics.ascent()
                assert baseline - top >= rect.top() and baseline + bottom <= rect.bottom(), \
                    (label, row, rect.height())
                checked += 1
        dialog.close()
    assert checked >= 30


def test_record_forms_name_a_picked_record_by_what_it_is(window, qtbot):
    """A picker shows «Trần Thị Hoa (CB012)»: its label says «Cán bộ», not the
    workbook's «Mã cán bộ»; the footer speaks of dates only on a form that has one."""
    from PySide6.QtWidgets import QComboBox, QLabel

    from tanhoi_desktop.ui.record_dialog import RecordDialog, form_label

    labels = {}
    for label, dialog in dialogs(window):
        qtbot.addWidget(dialog)
        if not isinstance(dialog, RecordDialog):
            continue
        texts = {w.buddy(): w.text() for w in dialog.findChildren(QLabel) if w.buddy()}
        for f in dialog.entity.fields:
            text = texts[dialog.editors[f.name]]
            labels[(label, f.name)] = text
            if f.kind == "ref":
                assert not text.startswith("Mã "), (label, text)
                assert isinstance(dialog.editors[f.name], QComboBox)
            assert text.startswith(form_label(f))
        has_dates = any(f.kind in ("date", "birth") for f in dialog.entity.fields)
        footer = dialog.findChild(QLabel, "form_hint").text()
        assert footer.startswith("Các ô có dấu * là bắt buộc.")
        assert ("dd/mm/yyyy" in footer) == has_dates, label
    assert labels[("record posts", "cadre_code")] == "Cán bộ *:"
    assert labels[("record posts", "unit_code")] == "Đơn vị *:"
    assert labels[("record enrolments", "course_code")] == "Lớp *:"
    assert labels[("record planning", "unit_code")] == "Đơn vị:"
    assert labels[("record cadres", "code")] == "Mã cán bộ *:"  # a code typed in: its name


def test_record_forms_show_their_hints_whole_and_name_fields_as_labelled(window, qtbot):
    from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

    from tanhoi_desktop.ui.record_dialog import RecordDialog

    checked = 0
    for label, dialog in dialogs(window):
        qtbot.addWidget(dialog)
        if not isinstance(dialog, RecordDialog):
            continue
        dialog.show()
        qtbot.waitExposed(dialog)
        for edit in dialog.findChildren(QLineEdit):
            hint = edit.placeholderText()
            if not hint or not edit.isVisible():
                continue
            option = QStyleOptionFrame()
            edit.initStyleOption(option)
            room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents,
                                               option, edit).width()
            room -= edit.height() if edit.isClearButtonEnabled() else 0
            assert edit.fontMetrics().horizontalAdvance(hint) <= room, (label, hint)
            checked += 1
        dialog.close()
    assert checked >= 15
    # a picker's message says the name its label gives it
    form = RecordDialog(window.store, "cadres", None, None, window)
    qtbot.addWidget(form)
    form.editors["code"].selectAll()  # (the next free code is filled in)
    qtbot.keyClick(form.editors["code"], Qt.Key.Key_Delete)
    form.save()
    assert form.errors["unit_code"].text() == "«Đơn vị» không được để trống"
    assert form.errors["code"].text() == "«Mã cán bộ» không được để trống"


def test_the_print_preview_shows_the_sheet(window, qtbot, monkeypatch):
    """«Xem trước và in…»: the preview lays out every page with its own printer (one made
    for the call and not kept was freed at once: the program crashed on the first page)."""
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from tanhoi_desktop.ui import report_preview as preview

    shown = []

    def exec_(dialog):
        gc.collect()  # what would free a printer nobody holds
        dialog.show()
        pages = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: pages.pageCount() > 0, timeout=10000)
        shown.append((dialog.windowTitle(), pages.pageCount(), dialog.printer().resolution()))
        dialog.close()
        return 0

    monkeypatch.setattr(preview.PrintPreview, "exec", exec_)
    monkeypatch.setattr(preview, "ask", lambda *a, **k: True)  # empty sections: dotted
    report = preview.ReportDialog(window.store, D, window)
    qtbot.addWidget(report)
    report.preview()
    assert shown and shown[0][0] == report.preview_title
    assert shown[0][1] >= 3 and shown[0][2] == 96


def test_every_date_field_reads_dd_mm_yyyy_and_is_as_wide_as_a_date(window, qtbot):
    from tanhoi_desktop.ui.date_field import DateField
    from tanhoi_desktop.ui.sender_dialog import SenderDialog
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog
    from tanhoi_desktop.ui.workforce_dialog import WorkforceDialog

    more = [("sender", SenderDialog(window.store, "bao-cao.xlsx", window)),
            ("submissions", SubmissionsDialog(window.store, 2026, window)),
            ("workforce", WorkforceDialog(window.store, D, window))]
    seen = 0
    for label, dialog in [*dialogs(window), *more]:
        qtbot.addWidget(dialog)
        dialog.show()
        for edit in dialog.findChildren(DateField):
            if edit.isVisible():
                shown = edit.text() or edit.placeholderText()  # an empty form date: its hint
                assert re.fullmatch(r"\d\d/\d\d/\d{4}|dd/mm/yyyy", shown), label
                assert edit.width() <= 200, (label, edit.width())
                seen += 1
        dialog.close()
    assert seen >= 6
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", window.panel.date_edit.text())


def test_the_units_hint_is_readable_in_full(window):
    units = window.tab("units")
    column = [c.key for c in units.model.columns].index("hint")
    rows = [i for i, r in enumerate(units.model.rows) if r.get("hint")]
    assert rows, "the demo data has a unit with a hint"
    index = units.model.index(rows[0], column)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == units.model.rows[rows[0]]["hint"]


def test_every_search_hint_is_shown_whole_and_said_in_full_by_its_tooltip(window, qtbot):
    """At 1366 px the filters beside a search line leave it narrow on some tabs: its hint
    is then the short one, never a cut one; the whole hint is its tooltip."""
    from tanhoi_desktop.ui.search_field import SearchField

    qtbot.waitExposed(window)
    short = 0
    for spec in TABS:
        page = window.show_tab(spec.key)
        qtbot.wait(1)  # (the page's first layout)
        for field in page.findChildren(SearchField):
            if not field.isVisible():
                continue
            shown = field.placeholderText()
            assert field.fontMetrics().horizontalAdvance(shown) <= field.room(), spec.key
            assert shown in (field.hint, field.short_hint)
            assert field.toolTip() == field.hint.rstrip("…") and "(gõ có dấu" in field.hint
            short += shown == field.short_hint
    assert short >= 1  # the Cán bộ tab's, beside its four filters
    assert window.tab("units").search.placeholderText().endswith("không dấu)…")


def menu_paths(window) -> set[str]:
    """«Menu → Item» for every item of the window's menus, as the texts name them."""
    paths = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu else ():
            if not action.isSeparator():
                paths.add(f"{menu_action.text().replace('&', '')} → "
                          f"{action.text().replace('&', '')}")
    return paths


def test_texts_that_point_to_a_menu_name_its_items_as_they_are(window, qtbot):
    import re

    from tanhoi_desktop.ui.report_preview import ReportDialog

    paths = menu_paths(window)
    window.show_no_file()
    report = ReportDialog(window.store, D, window)
    qtbot.addWidget(report)
    hint = next(w.text() for w in report.findChildren(type(window.opening))
                if "Cài đặt" in w.text())
    named = re.findall(r"((?:Tệp|Sửa|Báo cáo|Công cụ|Trợ giúp) [→›] [^.\n]*?…?)(?= hoặc|\.|$)",
                       window.opening.text() + "\n" + hint, re.MULTILINE)
    assert len(named) == 3, named
    for path in named:  # («…» may be left out before a full stop)
        assert path.rstrip("…") in {p.rstrip("…") for p in paths}, (path, sorted(paths))


def test_keyboard_focus_starts_in_the_search_field(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert window.focusWidget() is window.tab("units").search


def test_every_dialog_class_of_the_program_fits_itself_when_shown():
    """Dialogs are fitted by their own showEvent (screen_fit.FitsScreen), not by a filter
    on every event of the application: a new dialog class must not forget it."""
    import importlib
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import tanhoi_desktop
    from tanhoi_desktop.ui.screen_fit import FitsScreen

    for info in pkgutil.walk_packages(tanhoi_desktop.__path__, "tanhoi_desktop."):
        if info.name.startswith(("tanhoi_desktop.ui", "tanhoi_desktop.report")):
            importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {cls for cls in subclasses(QDialog) if cls.__module__.startswith("tanhoi_desktop")}
    assert len(ours) >= 14
    assert [c.__qualname__ for c in ours if not issubclass(c, FitsScreen)] == []


def test_a_long_message_shows_its_first_lines_and_the_whole_under_details(qtbot):
    from tanhoi_desktop.ui.message_box import MessageBox

    lines = [f"Cán bộ, dòng {i}: ngày sinh để trống" for i in range(80)]
    box = MessageBox(MessageBox.Icon.Information, "Nhập từ Excel", "\n".join(lines))
    qtbot.addWidget(box)
    shown = box.text().split("\n")
    assert shown[:18] == lines[:18] and len(shown) == 20
    assert shown[-1] == "… và 62 dòng nữa: bấm «Xem chi tiết…» để xem hết."
    assert box.detailedText() == "\n".join(lines)
    short = MessageBox(MessageBox.Icon.Information, "Nhập từ Excel", "\n".join(lines[:20]))
    qtbot.addWidget(short)
    assert short.text() == "\n".join(lines[:20]) and short.detailedText() == ""


@pytest.mark.parametrize("text", [
    " ".join(["Cán bộ Nguyễn Thị Hồng, dòng 12: ngày sinh để trống."] * 120),  # one line
    "\n".join([" ".join(["đơn vị chưa có mã trong tệp"] * 9)] * 19),  # 19 long lines
    "Đã nhập 14 đơn vị, 120 cán bộ.\n\nLưu ý:\n" + "\n".join(
        f"Cán bộ, dòng {i}: cột «Ghi chú» không có trong mẫu, đã bỏ qua" for i in range(40)),
], ids=["one long line", "long lines", "a summary"])
def test_a_long_message_of_any_shape_fits_the_screen(qtbot, text):
    from tanhoi_desktop.ui.message_box import MessageBox

    scr = screen("1366x768")
    box = MessageBox(MessageBox.Icon.Information, "Nhập từ Excel", text)
    qtbot.addWidget(box)
    box.setScreen(scr)
    box.show()
    qtbot.waitExposed(box)
    assert inside(box, scr), box.frameGeometry()
    assert box.detailedText() == text
    assert box.text().endswith("dòng nữa: bấm «Xem chi tiết…» để xem hết.")
    box.close()


@pytest.mark.parametrize("name", SCREENS)
def test_the_province_window_fits_the_screen(qtbot, tmp_path, name):
    from tanhoi_desktop.province.store import ProvinceStore
    from tanhoi_desktop.ui.province_window import ProvinceWindow

    store = ProvinceStore.create(tmp_path / "tinh.sqlite")
    scr = screen(name)
    window = ProvinceWindow(store)
    qtbot.addWidget(window)
    window.setScreen(scr)
    window.move(scr.geometry().topLeft() + scr.geometry().bottomRight() / 8)
    window.show()
    qtbot.waitExposed(window)
    assert inside(window, scr), (window.frameGeometry(), scr.availableGeometry())
    hint = window.minimumSizeHint()  # shrunk to fit, not cut
    assert window.width() >= hint.width() and window.height() >= hint.height()
    window.close()
    store.close()
