"""The program's version, from the installed package metadata (pyproject.toml)."""

from __future__ import annotations

from importlib import metadata


def version() -> str:
    try:
        return metadata.version("tanhoi-desktop")
    except metadata.PackageNotFoundError:  # frozen without metadata, or not installed
        return "0.1.0"
