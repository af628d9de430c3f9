"""The window's process lets the GUI thread have Python's lock back within 1 ms: with
Python's default 5 ms a worker writing a workbook kept the window from its events for
more than a second (measured in bench/bench_pauses.py)."""

import sys

from tanhoi_desktop.ui import app


def test_the_window_process_switches_threads_within_a_millisecond(qapp):
    default = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's default
        app.make_app()
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(default)
