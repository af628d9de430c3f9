"""The report's font: Times New Roman where installed (Windows), else the shipped
Liberation Serif 2, which has every Vietnamese letter and the same metrics.

Qt writes a PDF with no text at all when it finds no font, so the shipped font is
registered before anything is laid out."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from ..resources import resource

SHIPPED_FAMILY = "Liberation Serif"
PREFERRED_FAMILY = "Times New Roman"
FILES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
         "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")
_registered = False


def register() -> None:
    """Load the shipped TTFs into Qt's font database (once; needs a Gui application)."""
    global _registered
    if _registered:
        return
    for name in FILES:
        QFontDatabase.addApplicationFont(str(resource("fonts", name)))
    _registered = True


def family() -> str:
    """An explicit family, never the generic 'Times' (which may lack Vietnamese)."""
    register()
    families = set(QFontDatabase.families())
    return PREFERRED_FAMILY if PREFERRED_FAMILY in families else SHIPPED_FAMILY
