"""The figures service (figures/service.py): one owner of the figures, cached by data
version and date, one long-lived reader on one worker thread, and a write by another
program noticed and shown."""

import os
import subprocess
import sys
import threading

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.figures import service as figures_service
from tanhoi_desktop.figures.service import DAY, TRAJECTORY, FiguresService

from .test_ui_window import D, seed
from .waiting import figures_settled


def _count_figures(monkeypatch):
    """Every computation of the figures, by thread and date."""
    calls = []
    real = indicators._figures
    monkeypatch.setattr(indicators, "_figures", lambda store, day, *a: calls.append(
        (threading.current_thread(), day)) or real(store, day, *a))
    return calls


def test_results_are_kept_by_data_version_and_date(qtbot, store, monkeypatch):
    seed(store)
    service = FiguresService(store)
    calls = _count_figures(monkeypatch)
    first = service.now(DAY, D)
    assert len(calls) == 2  # d and the day before the plan
    assert service.now(DAY, D) is first and len(calls) == 2  # same data, same date
    other = D.replace(year=D.year + 1)
    service.now(DAY, other)
    assert len(calls) == 3  # another date: the baseline of this data is used again
    assert service.now(DAY, D) is first
    store.records.save("planning", {"cadre_code": "c1", "title": "Phó Chủ tịch"})
    again = service.now(DAY, D)
    assert again is not first and again.figures["CT2"].numerator == 1
    # a write the store did not announce (another connection) moves the version too
    with store.__class__.open(store.path) as other_conn:
        # (the seed's «c3» is stored in capitals)
        other_conn._conn.execute("UPDATE cadres SET gender = 'Nữ' WHERE code = 'C3'")
    assert service.now(DAY, D).figures["CT2"].numerator == 2
    service.close()


def test_one_reader_on_one_worker_thread_and_no_file_made_beside_the_data(
        open_window, qtbot, monkeypatch):
    win = open_window(seed, as_of=D)
    made = []  # every file this process makes with os.open from now on
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **kw: made.append(str(path))
                        or real_open(path, *a, **kw))
    service = win.figures
    win.show_tab("trajectory")
    calls = _count_figures(monkeypatch)
    readers = set()
    for code in ("C2", "C3", "C5"):  # the seed typed c2…: stored in capitals
        record = next(r for r in win.store.records.iter_records("cadres") if r["code"] == code)
        win.store.records.save("cadres", {**record, "gender": "Nữ"}, record["id"])
        figures_settled(qtbot, win.panel)
        readers.add(id(service._worker._reader))
    qtbot.waitUntil(lambda: not service.busy, timeout=10000)
    assert win.panel.cards["CT2"].value.text() == "100,0 %"
    threads = {t for t, _day in calls}
    assert len(threads) == 1 and threading.main_thread() not in threads
    assert len(readers) == 1  # the same connection for every computation
    beside = [p for p in made if os.path.dirname(p) == str(win.store.path.parent)
              and os.path.basename(p) != win.store.path.name]
    assert not [p for p in beside if "thu-ghi" in p or p.endswith(".tmp")], beside


def test_the_chart_and_the_panel_share_the_service(open_window, qtbot):
    win = open_window(seed, as_of=D)
    win.resize(1366, 768)
    win.show()
    tab = win.tab("trajectory")
    with qtbot.waitSignal(tab.updated, timeout=10000):
        win.show_tab("trajectory")
    assert win.figures.result(TRAJECTORY, D) is tab.trajectory
    assert win.figures.result(DAY, D).figures is win.panel.figures


WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA busy_timeout = 5000")
conn.execute("UPDATE cadres SET gender = 'Nữ' WHERE code = 'C2'")
conn.execute("UPDATE cadres SET full_name = 'Trần Thị Bình' WHERE code = 'C2'")
conn.close()
"""


def test_a_write_by_another_program_refreshes_the_window_once(open_window, qtbot,
                                                               monkeypatch):
    monkeypatch.setattr(FiguresService, "POLL_MS", 50)
    win = open_window(seed, as_of=D)
    cadres = win.show_tab("cadres").table
    names = lambda: [r["full_name"] for r in cadres.model.rows]  # noqa: E731
    assert "Trần Văn Bình" in names()
    assert win.panel.cards["CT2"].value.text() == "0,0 %"
    said = []
    win.figures.changed_elsewhere.connect(lambda: said.append(True))
    subprocess.run([sys.executable, "-c", WRITER, str(win.store.path)], check=True,
                   timeout=60)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    figures_settled(qtbot, win.panel)
    assert win.panel.cards["CT2"].value.text() == "50,0 %"
    assert "Trần Thị Bình" in names() and "Trần Văn Bình" not in names()
    assert win.statusBar().currentMessage() == win.CHANGED_ELSEWHERE
    assert "chương trình khác" in win.CHANGED_ELSEWHERE
    qtbot.wait(300)  # several more looks: nothing new was written, nothing more is said
    assert said == [True]
    # the window's own edits are not another program's
    record = next(r for r in win.store.records.iter_records("cadres") if r["code"] == "C3")
    win.store.records.save("cadres", {**record, "gender": "Nữ"}, record["id"])
    qtbot.wait(300)
    assert said == [True]


def test_an_error_reaches_the_panel_as_a_sentence(qtbot, store):
    seed(store)
    store._conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('training_since', 'abc')")
    service = FiguresService(store)
    with qtbot.waitSignal(service.figures_changed, timeout=10000):
        assert not service.request(DAY, D)
    assert "«abc» không hợp lệ" in service.result(DAY, D)
    service.close()
    assert figures_service.FAILURE[DAY].startswith("Không tính được")
