"""Reads for the printed summary sheet (lists behind the figures)."""

from __future__ import annotations


class ReportQueriesMixin:
    pass
