"""Where the bundled resources are, the same way from source and from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


DEMO_WORKBOOK_NAME = "du-lieu-mau.xlsx"


def demo_workbook() -> Path:
    return resource("demo", DEMO_WORKBOOK_NAME)
