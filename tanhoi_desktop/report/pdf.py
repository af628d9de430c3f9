"""The printed sheets (yearly and period) as PDF, headless (the `print` command) or from
the window."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ..store import Store
from . import content

_app = None  # the Gui application created for headless use, kept alive


def ensure_gui_app():
    """Fonts and layout need a QGuiApplication; with no display, the offscreen platform."""
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    return _app


def write_pdf(store: Store, as_of: dt.date, out: Path, issued: dt.date | None = None) -> int:
    """Write the yearly sheet to `out`. Returns the number of pages."""
    ensure_gui_app()
    return write_sheet(content.build(store, as_of, issued), out)


def write_period_pdf(store: Store, as_of: dt.date, out: Path,
                     issued: dt.date | None = None) -> int:
    """Write the period report (báo cáo giai đoạn) to `out`. Returns the number of pages."""
    ensure_gui_app()
    from . import period, period_document  # noqa: F401  (registers the period layout)

    return write_sheet(period.build(store, as_of, issued), out)


def write_sheet(sheet, out: Path) -> int:
    """Write a built sheet (yearly or period) to `out` (a temporary file first, so no half
    PDF is left). Returns the number of pages."""
    ensure_gui_app()
    from PySide6.QtGui import QPdfWriter

    from .document import render

    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(96)  # 1 px rules (hr) come out 0,26 mm, as a pen would draw them
        writer.setTitle(f"{sheet.title} {sheet.summary}")
        writer.setCreator("Theo dõi bình đẳng giới")
        pages = render(sheet, writer)
        del writer  # closes the file
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise OSError(f"không ghi được tệp «{out.name}»")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return pages
