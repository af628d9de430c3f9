"""Reads for the window's tables: paged, filtered, sorted lists (SQL stays in store)."""

from __future__ import annotations


class BrowseMixin:
    pass
