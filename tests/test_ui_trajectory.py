"""The Tiến độ tab (trajectory chart) on real widgets: it follows every edit and the
panel's date, computed off the GUI thread; the period report from the Tệp menu."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tanhoi_desktop.figures import trajectory
from tanhoi_desktop.report import chart, period

from .test_trajectory import plan_story
from .waiting import operations_settled

D = dt.date(2028, 6, 30)


@pytest.fixture
def window(open_window):
    win = open_window(seed=plan_story, as_of=D)
    win.resize(1366, 768)
    win.show()
    return win


def shown_tab(window, qtbot):
    with qtbot.waitSignal(window.tab("trajectory").updated, timeout=10000):
        tab = window.show_tab("trajectory")
    return tab


def last_values(traj):
    return {k: traj[k].last.value for k in trajectory.KEYS}


def test_the_chart_shows_the_trajectory_of_the_panels_date(window, qtbot):
    tab = shown_tab(window, qtbot)
    expected = trajectory.build(window.store, D)
    assert tab.trajectory.as_of == D
    for key in trajectory.KEYS:
        assert [(p.day, p.value) for p in tab.trajectory[key].points] == \
            [(p.day, p.value) for p in expected[key].points]
        assert tab.trajectory[key].milestones == expected[key].milestones
    assert "30/06/2028" in tab.title.text()
    assert "CT1 điều chỉnh: ban đầu 0,0 %" in tab.view.accessibleDescription()


def test_every_edit_reaches_the_chart(window, qtbot):
    tab = shown_tab(window, qtbot)
    assert tab.trajectory["CT2"].last.value is None
    before = tab.view.grab().toImage()
    with qtbot.waitSignal(tab.updated, timeout=10000):
        window.store.records.save("planning", {"cadre_code": "c1", "title": "Phó Chủ tịch UBND",
                                               "from_date": "2026-03-01"})
    ct2 = tab.trajectory["CT2"]
    assert [p.value for p in ct2.points] == [1, 1, 1]  # the one woman of the pool
    assert ct2.baseline is None  # she entered the pool after the baseline day
    assert tab.view.grab().toImage() != before  # and it was painted


def test_the_chart_follows_the_panels_date(window, qtbot):
    tab = shown_tab(window, qtbot)
    with qtbot.waitSignal(tab.updated, timeout=10000):
        window.panel.date_edit.setDate(QDate(2027, 6, 30))
    assert tab.trajectory.as_of == dt.date(2027, 6, 30)
    assert [p.day for p in tab.trajectory["CT1"].points] == [dt.date(2026, 12, 31),
                                                             dt.date(2027, 6, 30)]


def test_a_hidden_chart_waits_until_it_is_shown(window, qtbot):
    tab = shown_tab(window, qtbot)
    window.show_tab("units")
    with qtbot.waitSignal(window.panel.figures_ready, timeout=10000):
        window.store.records.save("planning", {"cadre_code": "c1", "title": "Phó Chủ tịch UBND"})
    # nothing was asked for the hidden chart
    assert not window.figures.busy and tab.trajectory["CT2"].last.value is None
    with qtbot.waitSignal(tab.updated, timeout=10000):
        window.show_tab("trajectory")
    assert tab.trajectory["CT2"].last.value == 1


def test_edits_in_a_burst_end_with_the_latest_data(window, qtbot):
    tab = shown_tab(window, qtbot)
    for i in range(4):  # while the first computation runs, the others fold into one
        window.store.records.save("cadres", {"code": f"n{i}", "full_name": f"Lê Thị Lan {i}",
                                             "gender": "Nữ", "unit_code": "B"})
        window.store.records.save("planning", {"cadre_code": f"n{i}", "title": "Trưởng phòng"})
    qtbot.waitUntil(lambda: tab.settled, timeout=10000)
    assert last_values(tab.trajectory) == last_values(trajectory.build(window.store, D))
    assert tab.trajectory["CT2"].last.indicator.counts == (4, 4)


def test_the_chart_paints_the_values_and_the_milestones(qtbot, window):
    """Both lines are on the painted chart, in their colours (their pen styles and
    markers tell them apart in grey print)."""
    tab = shown_tab(window, qtbot)
    image = tab.view.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2)}
    assert chart.VALUE.name() in colours and chart.MILESTONE.name() in colours


def test_period_report_from_the_file_menu(window, qtbot, tmp_path, monkeypatch):
    from tanhoi_desktop.ui import period_preview

    opened = []
    monkeypatch.setattr(period_preview.PeriodReportDialog, "exec",
                        lambda self: opened.append(self) or 0)
    window.act_print_period.trigger()
    assert opened and opened[0].as_of.date() == D
    dialog = opened[0]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "In báo cáo giai đoạn 2026 - 2030"
    for key, edit in dialog.texts.items():  # every section written: no question asked
        edit.setPlainText(f"Nội dung {key}.")
    dialog.texts["directions"].setPlainText("Tiếp tục đào tạo cán bộ nữ trong quy hoạch.")
    out = tmp_path / "gd.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    dialog.pdf_button.click()
    operations_settled(qtbot)
    assert out.read_bytes().startswith(b"%PDF")
    assert said == [f"Đã ghi «{out}»."]
    assert window.store.texts.for_report("2026-2030")["directions"] == \
        "Tiếp tục đào tạo cán bộ nữ trong quy hoạch."
    again = period_preview.PeriodReportDialog(window.store, D, window)
    qtbot.addWidget(again)
    assert again.texts["directions"].toPlainText() == \
        "Tiếp tục đào tạo cán bộ nữ trong quy hoạch."


def test_a_failed_computation_says_so_in_a_sentence(window, qtbot, monkeypatch):
    from tanhoi_desktop.store import StoreError

    tab = shown_tab(window, qtbot)

    def refuse(*args, **kwargs):
        raise StoreError("Không đọc được tệp dữ liệu.")

    monkeypatch.setattr(trajectory, "build", refuse)
    window.store.records.save("planning", {"cadre_code": "c1", "title": "Phó Chủ tịch UBND"})
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=10000)
    assert tab.error.text() == "Không đọc được tệp dữ liệu."
    assert tab.trajectory is not None  # the last good chart stays
    monkeypatch.undo()
    with qtbot.waitSignal(tab.updated, timeout=10000):
        window.store.records.save("planning", {"cadre_code": "c2", "title": "Trưởng phòng"})
    assert tab.error.isHidden()


def test_period_preview_prints_through_the_printer(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    from tanhoi_desktop.report import document
    from tanhoi_desktop.ui import period_preview
    from tanhoi_desktop.ui import report_preview as preview

    shown = []
    monkeypatch.setattr(preview, "show_sheet_preview",
                        lambda parent, sheet, title: shown.append((sheet, title)))
    monkeypatch.setattr(preview, "ask", lambda *a, **k: True)  # empty sections: dotted
    dialog = period_preview.PeriodReportDialog(window.store, D, window)
    qtbot.addWidget(dialog)
    dialog.preview_button.click()
    sheet, title = shown[0]
    assert isinstance(sheet, period.PeriodSheet) and title == "Xem trước báo cáo giai đoạn"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # what the preview paints on
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in.pdf"))
    assert document.render(sheet, printer) >= 2
    assert (tmp_path / "in.pdf").read_bytes().startswith(b"%PDF")


def test_a_chart_without_data_says_so_on_a_white_box_not_across_the_target(store):
    """An empty file: each chart says «Chưa có dữ liệu» in the middle of the plot, where
    the target's dotted line runs for CT2 (50 %): the line stops at the words."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from tanhoi_desktop.ui.app import make_app

    make_app()
    traj = trajectory.build(store, D)
    image = QImage(900, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    chart.paint_series(painter, QRectF(0, 0, 900, 600), traj, traj["CT2"])
    painter.end()

    def near(colour, wanted, tolerance=40):
        return all(abs(a - b) <= tolerance for a, b in zip(
            colour.getRgb()[:3], wanted.getRgb()[:3], strict=True))

    target_rows = [y for y in range(image.height())
                   if sum(near(image.pixelColor(x, y), chart.TARGET)
                          for x in range(image.width())) > 50]
    assert target_rows, "the target's line is drawn"
    row = target_rows[len(target_rows) // 2]
    # the words: dark pixels on the line's row, in the middle of the plot
    middle = range(image.width() // 4, 3 * image.width() // 4)  # (not the axes)
    dark = [x for x in middle if image.pixelColor(x, row).lightness() < 100
            and not near(image.pixelColor(x, row), chart.TARGET)]
    assert dark, "«Chưa có dữ liệu» is written across the target's height"
    left, right = min(dark), max(dark)
    assert not any(near(image.pixelColor(x, y), chart.TARGET)
                   for x in range(left, right + 1) for y in target_rows)
