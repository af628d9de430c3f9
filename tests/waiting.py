"""Waiting for what the window computes off the GUI thread."""


def figures_settled(qtbot, panel, timeout: int = 10000):
    """The indicator panel computes in the background after every change and date: wait
    until it shows the data as it is now (its figures_ready has come for the last one)."""
    qtbot.waitUntil(lambda: not panel.computing, timeout=timeout)
    return panel


def operation_done(qtbot, operation, timeout: int = 60000) -> bool:
    """Long work runs as an operation on a worker (ui/operations): wait until it (and the
    operations it went on with) ended; True when it succeeded."""
    if operation is None:
        return False
    if operation.ok is None:
        with qtbot.waitSignal(operation.finished, timeout=timeout):
            pass
    return operation.ok


def operations_settled(qtbot, timeout: int = 60000) -> None:
    """Every long operation started (by a button, say) has ended."""
    from tanhoi_desktop.ui import operations

    qtbot.waitUntil(lambda: not operations.busy(), timeout=timeout)
