"""Names typed by users are shown as typed, never as markup: a unit named «<h1>…» shows
those characters, it does not become a big heading on the panel. Every label, tooltip,
message and table cell with user data is checked through the window, its panel, the
drill-downs and the dialogs."""

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from .waiting import figures_settled

HOSTILE = {
    "unit": "<h1>CT1 ĐẠT 100 %</h1>",
    "unit2": 'Phòng <img src="x.png"> Y tế',
    "cadre": "Lê &lt;Thị&gt; Hoa",
    "course": '<a href="http://x">Lớp</a> tin học',
    "commune": "<b>Tân</b> Hội",
}


def rendered(text: str, fmt) -> str:
    """What a label or tooltip shows for `text`."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def broken(text: str, fmt) -> list[str]:
    """The hostile names that `text` holds but that would not be shown as typed."""
    shown = rendered(text, fmt).replace("\xa0", " ")  # (no-break spaces keep "100 %")
    return [name for name in HOSTILE.values() if _core(name) in text and name not in shown]


def _core(name: str) -> str:
    return {"unit": "CT1 ĐẠT", "unit2": "x.png", "cadre": "Thị", "course": "http://x",
            "commune": "Tân</b>"}[next(k for k, v in HOSTILE.items() if v == name)]


def scan(where: str) -> list[str]:
    """Every label and tooltip of every widget now alive."""
    bad = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and (b := broken(widget.text(), widget.textFormat())):
            bad.append(f"{where}: label {widget.objectName() or widget.text()[:60]!r}: {b}")
        tip = widget.toolTip()
        if tip and (b := broken(tip, Qt.TextFormat.AutoText)):
            bad.append(f"{where}: tooltip of {type(widget).__name__}: {b}")
        model = widget.model() if isinstance(widget, QAbstractItemView) else None
        if model is not None:
            for r in range(min(_count(model.rowCount), 30)):
                for c in range(min(_count(model.columnCount), 40)):
                    tip = model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and (b := broken(tip, Qt.TextFormat.AutoText)):
                        bad.append(f"{where}: cell tooltip ({r},{c}): {b}")
    found = sorted(set(bad))
    return found


def _count(method) -> int:
    try:
        return method(QModelIndex())
    except TypeError:  # a list model's columnCount is private to it: one column
        return 1


def seed(store):
    store.settings.save({"commune_name": HOSTILE["commune"]})
    store.records.save("units", {"code": "A", "name": HOSTILE["unit"], "special_sector": True})
    store.records.save("units", {"code": "B", "name": HOSTILE["unit2"]})
    store.records.save("cadres", {"code": "c", "full_name": HOSTILE["cadre"], "gender": "Nữ",
                                  "unit_code": "B", "position": HOSTILE["unit"]})
    store.records.save("cadres", {"code": "d", "full_name": "Trần Văn Dũng", "gender": "Nam",
                                  "unit_code": "A"})
    store.records.save("posts", {"cadre_code": "c", "unit_code": "B", "title": HOSTILE["unit"],
                                 "level": "Cấp trưởng", "from_date": "2025-01-01"})
    store.records.save("planning", {"cadre_code": "c", "title": HOSTILE["course"]})
    store.records.save("courses", {"code": "K", "name": HOSTILE["course"], "kind": "Tin học",
                                   "from_date": "2025-01-01", "to_date": "2025-02-01"})
    store.records.save("enrolments", {"course_code": "K", "cadre_code": "c"})
    store.records.save("activities", {"code": "H", "kind": "Hội nghị, tập huấn",
                                      "task_group": "III.1", "title": HOSTILE["unit"],
                                      "from_date": "01/03/2026", "unit_code": "A",
                                      "partner_codes": "B"})


@pytest.fixture
def window(open_window):
    return open_window(seed, as_of=dt.date(2026, 11, 15))


def test_the_window_its_panel_and_tabs_show_names_as_typed(window, qtbot):
    window.resize(1366, 768)
    window.show()
    bad = scan("panel")
    for key in ("units", "cadres", "planning", "training", "activities", "budget",
                "trajectory"):
        page = window.show_tab(key)
        qtbot.wait(50)
        for view in page.findChildren(QAbstractItemView):
            if view.model() is not None and _count(view.model().rowCount):
                view.setCurrentIndex(view.model().index(0, 0))  # details under a list
        qtbot.wait(20)
        bad += scan(key)
    assert bad == []


@pytest.mark.parametrize("key", ["CT1", "CT1_adj", "CT2", "CT3"])
def test_the_drill_downs_show_names_as_typed(window, qtbot, key):
    from tanhoi_desktop.ui.drill_dialog import DrillDialog

    figures_settled(qtbot, window.panel)
    dialog = DrillDialog(window.store, key, window.panel.figures_now(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert scan(f"drill {key}") == []


@pytest.mark.parametrize("entity", ["units", "cadres", "courses", "activities"])
def test_the_forms_show_names_as_typed(window, qtbot, entity):
    from tanhoi_desktop.ui.record_dialog import RecordDialog

    record_id = window.store.browse.page(entity, limit=1)[0]["id"]
    dialog = RecordDialog(window.store, entity, record_id, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert scan(f"form {entity}") == []


def test_a_message_box_shows_a_name_as_typed(qtbot):
    from tanhoi_desktop.ui.message_box import MessageBox

    box = MessageBox(MessageBox.Icon.Warning, "Xóa", f"Xóa đơn vị «{HOSTILE['unit']}»?")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert scan("message box") == []


def test_the_other_dialogs_show_names_as_typed(window, qtbot):
    from tanhoi_desktop.ui.audit_dialog import AuditDialog
    from tanhoi_desktop.ui.close_dialog import CloseYearDialog
    from tanhoi_desktop.ui.duties_dialogs import PoolReviewDialog, UnitTargetsDialog
    from tanhoi_desktop.ui.problems_dialog import ProblemsDialog
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog
    from tanhoi_desktop.ui.workforce_dialog import WorkforceDialog

    store, day = window.store, dt.date(2026, 11, 15)
    store.submissions.record("B", 2026, "2026-11-10T09:30:00", HOSTILE["course"] + ".xlsx")
    dialogs = [SubmissionsDialog(store, 2026, window), AuditDialog(store, window),
               CloseYearDialog(store, day, window), WorkforceDialog(store, day, window),
               PoolReviewDialog(store, day, window), UnitTargetsDialog(store, day, window),
               ProblemsDialog([f"Đơn vị, dòng 2, Tên đơn vị: «{HOSTILE['unit']}»"], window)]
    bad = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(20)
        bad += scan(type(dialog).__name__)
        dialog.close()
    assert bad == []
