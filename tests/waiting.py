"""Waiting for what the window computes off the GUI thread."""


def figures_settled(qtbot, panel, timeout: int = 10000):
    """The indicator panel computes in the background after every change and date: wait
    until it shows the data as it is now (its figures_ready has come for the last one)."""
    qtbot.waitUntil(lambda: not panel.computing, timeout=timeout)
    return panel
