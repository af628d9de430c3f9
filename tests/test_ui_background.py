"""The figures computed off the GUI thread (figures/service.py) on real widgets: an edit
returns at once, the panel keeps its last good figures until the new ones arrive, a burst
of edits is folded into one more computation, errors are a sentence, the Đơn vị rows and
the drill-down get current figures, the demo works (a write-protected file: test_ui_window), and no
computation outlives the window's file."""

import datetime as dt
import threading
from fractions import Fraction

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QMessageBox

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.ui.drill_dialog import DrillDialog
from tanhoi_desktop.ui.indicator_panel import IndicatorPanel
from tanhoi_desktop.ui.main_window import MainWindow

from .test_ui_window import D, seed
from .waiting import figures_settled


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "data.sqlite", create=True)
    win.panel.set_as_of(D)
    seed(win.store)
    figures_settled(qtbot, win.panel)
    yield win
    win.close_store()


@pytest.fixture
def computes(monkeypatch):
    """The thread of every indicators.compute call."""
    threads = []
    real = indicators.compute
    monkeypatch.setattr(indicators, "compute", lambda *a, **kw: threads.append(
        threading.current_thread()) or real(*a, **kw))
    return threads


def make_woman(store, code):
    record = next(r for r in store.records.iter_records("cadres") if r["code"] == code)
    store.records.save("cadres", {**record, "gender": "Nữ"}, record["id"])


def test_an_edit_is_computed_off_the_gui_thread_and_the_last_figures_stay(
        window, qtbot, computes):
    panel = window.panel
    card = panel.cards["CT2"]
    assert card.value.text() == "0,0 %" and panel.busy_note.isHidden()
    with qtbot.waitSignal(panel.figures_ready, timeout=10000):
        make_woman(window.store, "C2")  # Trần Văn Bình, in the pool
        # the edit returned at once: the last good figures stay (a hint only if it lasts)
        assert panel.computing and card.value.text() == "0,0 %"
        assert panel.current_figures() is None
    assert card.value.text() == "50,0 %" and card.detail.text().startswith("1/2\u00a0người")
    assert panel.busy_note.isHidden() and panel.current_figures() is panel.figures
    assert computes and threading.main_thread() not in computes  # nor the units' rows


class Shows(QObject):
    """Counts the times a widget is shown."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False


def test_a_quick_computation_shows_no_hint(window, qtbot, monkeypatch):
    """Figures that come before the hint's delay never show it: no flicker after edits."""
    monkeypatch.setattr(IndicatorPanel, "HINT_DELAY_MS", 60_000)  # longer than any run
    window.show()
    qtbot.waitExposed(window)
    panel = window.panel
    shows = Shows(panel.busy_note)
    for code in ("C2", "C3"):
        with qtbot.waitSignal(panel.figures_ready, timeout=10000):
            make_woman(window.store, code)
            assert panel.computing and panel.busy_note.isHidden()
            assert panel.hint_timer.isActive()
        # the figures came first: the hint's timer is stopped, the hint never showed
        assert not panel.hint_timer.isActive() and panel.busy_note.isHidden()
    assert shows.count == 0 and panel.cards["CT2"].value.text() == "100,0 %"


def test_a_long_computation_shows_the_hint_until_the_figures_come(
        window, qtbot, monkeypatch):
    monkeypatch.setattr(IndicatorPanel, "HINT_DELAY_MS", 20)
    release = threading.Event()
    real = indicators.compute

    def slow(*args, **kwargs):  # a province-sized file: held until the hint has shown
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(indicators, "compute", slow)
    window.show()
    panel = window.panel
    shows = Shows(panel.busy_note)
    with qtbot.waitSignal(panel.figures_ready, timeout=15000):
        make_woman(window.store, "C2")
        assert panel.busy_note.isHidden()  # not at once
        qtbot.waitUntil(lambda: not panel.busy_note.isHidden(), timeout=5000)
        assert panel.computing and shows.count == 1
        release.set()
    assert panel.busy_note.isHidden() and not panel.hint_timer.isActive()
    assert panel.cards["CT2"].value.text() == "50,0 %"


def test_a_burst_of_edits_is_folded_into_one_more_computation(window, qtbot, computes):
    for code in ("C2", "C3", "C5"):
        make_woman(window.store, code)
    figures_settled(qtbot, window.panel)
    assert window.panel.cards["CT2"].value.text() == "100,0 %"
    assert window.panel.figures.as_of == D
    # the edits of one burst (one turn of the event loop): one computation
    assert len(computes) == 1


def test_the_units_rows_wait_for_the_panels_figures(window, qtbot, computes):
    rows = lambda: {r["code"]: r for r in window.units_tab.model.rows}  # noqa: E731
    assert rows()["B"]["women"] == 0
    make_woman(window.store, "C2")
    assert rows()["B"]["women"] == 0  # not computed again on the GUI thread
    figures_settled(qtbot, window.panel)
    assert rows()["B"]["women"] == 1 and rows()["B"]["female_share"] == 0.5
    assert threading.main_thread() not in computes


def test_an_error_is_a_sentence_and_the_last_good_figures_stay(window, qtbot):
    panel = window.panel
    shown = panel.cards["CT2"].value.text()
    window.store._conn.execute(  # a bad value the settings dialog would refuse
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('training_since', 'abc')")
    with qtbot.waitSignal(panel.figures_ready, timeout=10000):
        panel.recompute()
    assert not panel.error.isHidden() and "«abc» không hợp lệ" in panel.error.text()
    assert panel.cards["CT2"].value.text() == shown and panel.current_figures() is None
    window.store._conn.execute("DELETE FROM settings WHERE key = 'training_since'")
    with qtbot.waitSignal(panel.figures_ready, timeout=10000):
        panel.recompute()
    assert panel.error.isHidden() and panel.current_figures() is panel.figures


def test_the_drill_down_right_after_an_edit_lists_what_is_true_now(window, monkeypatch):
    opened = []
    monkeypatch.setattr(DrillDialog, "exec", lambda self: opened.append(self.rows()))

    def missing():
        return next(v for k, v in opened[-1].items()
                    if k.startswith("Đơn vị trong phạm vi chưa có"))

    window.show_drill("CT1")
    assert missing() == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    window.store.records.save("posts", {"cadre_code": "c1", "unit_code": "A",
                                        "title": "Trưởng phòng",
                                        "level": "Cấp trưởng"})
    assert window.panel.computing
    window.show_drill("CT1")  # before the panel's figures arrive
    assert missing() == ["Phòng Kinh tế"]


def test_closing_the_file_waits_for_the_computation(qtbot, tmp_path):
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "d.sqlite", create=True)
    seed(win.store)
    service = win.figures
    win.panel.set_as_of(dt.date(2028, 6, 30))
    win.panel.set_as_of(dt.date(2029, 6, 30))  # waits for the first
    assert service.busy
    shown = win.panel.figures
    arrived = []
    service.figures_changed.connect(lambda kind, day: arrived.append(day))
    win.close_store()
    assert win.figures is None and not service.busy
    assert service._thread is None  # the worker ended, its connection closed
    qtbot.wait(50)  # what the first run brought is dropped, nothing starts after it
    assert arrived == [] and win.panel.figures is shown


def test_the_demo_computes_in_the_background(qtbot, tmp_path, monkeypatch):
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: said.append(self.text()) or 0)
    win.open_demo()
    assert win.panel is not None, said
    with qtbot.waitSignal(win.panel.figures_ready, timeout=10000):
        win.panel.set_as_of(D)
    assert win.panel.error.isHidden() and win.panel.figures.as_of == D
    assert win.panel.cards["CT1"].detail.text().startswith("3/6")
    win.close_store()


def test_the_chart_reuses_the_panels_figures_after_an_edit(window, qtbot, monkeypatch):
    window.resize(1366, 768)
    window.show()
    tab = window.tab("trajectory")
    with qtbot.waitSignal(tab.updated, timeout=10000):
        window.show_tab("trajectory")
    days = []  # every computation of the figures, by its date
    real = indicators._figures
    monkeypatch.setattr(indicators, "_figures", lambda store, day, *a: days.append(day)
                        or real(store, day, *a))
    with qtbot.waitSignal(tab.updated, timeout=10000):
        make_woman(window.store, "C2")
    assert tab.trajectory["CT2"].last.value == Fraction(1, 2)
    # the panel's run computes d and the day before the plan; the chart only the rest
    base_day = window.panel.figures.plan.baseline_date
    assert days.count(base_day) == 1 and days.count(D) == 1
    assert len(days) == len(tab.trajectory["CT2"].points) + 1  # + the baseline
    assert window.panel.figures.as_of == D == tab.trajectory.as_of
