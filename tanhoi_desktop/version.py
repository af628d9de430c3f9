"""The program's version, from the installed package metadata (pyproject.toml)."""

from __future__ import annotations


def version() -> str:
    from importlib import metadata  # 8 ms to import: only when asked

    try:
        return metadata.version("tanhoi-desktop")
    except metadata.PackageNotFoundError:  # frozen without metadata, or not installed
        return "0.1.0"
