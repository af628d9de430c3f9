"""The summary sheet as a PDF, headless (the `print` command) or from the window."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QPdfWriter

from ..safety import output
from ..store import Store
from . import content, document, period

_app = None  # the Gui application created for headless use, kept alive


def ensure_gui_app():
    """Fonts and layout need a QGuiApplication; with no display, the offscreen platform."""
    global _app

    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    return _app


def write_pdf(store: Store, as_of: dt.date, out: Path, issued: dt.date | None = None) -> int:
    """Write the sheet to `out` (a verified temporary file first, so no half PDF is left
    and nothing but a regular output file is ever replaced). Returns the number of pages."""
    ensure_gui_app()
    return write_sheet_pdf(content.build(store, as_of, issued), out, protect=[store.path])


def write_period_pdf(store: Store, as_of: dt.date, out: Path,
                     issued: dt.date | None = None) -> int:
    """The period report (báo cáo giai đoạn) to `out`. Returns the number of pages."""
    ensure_gui_app()

    return write_sheet_pdf(period.build(store, as_of, issued), out, protect=[store.path])


def write_sheet_pdf(sheet, out: Path, protect: list[Path] | tuple[Path, ...] = (),
                    check: Callable[[], None] | None = None) -> int:
    """Any sheet (the yearly report, a list of report/sections.py) to a PDF file;
    `protect`: files it must never replace (the data file). `check()` runs before the
    file is put in place: what it raises (a cancel) leaves nothing written."""
    ensure_gui_app()

    with output.replacing(out, output.verify_pdf, protect=list(protect)) as tmp:
        pages = write_into(sheet, tmp)
        if check is not None:
            check()
    return pages


def write_into(sheet, path: Path, laid_out: Callable[[int], None] | None = None,
               painted: Callable[[int, int], None] | None = None) -> int:
    """The sheet's PDF written straight into `path`, a temporary file whose safety its
    maker owns (write_sheet_pdf, or the window for its child process: report/child.py).
    `laid_out`, `painted`: as document.render's."""
    ensure_gui_app()

    writer = QPdfWriter(str(path))
    writer.setResolution(96)  # 1 px rules (hr) come out 0,26 mm, as a pen would draw them
    writer.setTitle(f"{sheet.title} {sheet.summary}")
    writer.setCreator("Theo dõi bình đẳng giới")
    pages = document.render(sheet, writer, laid_out, painted)
    del writer  # closes the file; Qt does not report a failed write, verify_pdf does
    return pages
