"""The only package that speaks SQL. `Store` is the data file."""

from __future__ import annotations

from .backup import BackupMixin, restore_file
from .browse import BrowseMixin
from .core import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Change,
    StoreCore,
    StoreError,
)
from .duties import DutiesMixin
from .figures import FiguresMixin
from .import_undo import ImportMoved, ImportUndoMixin, UndoneImport
from .opening import can_write, check_file, file_id_of
from .plan import PlanMixin
from .records import (
    CODED_TABLES,
    NAME_COLUMN,
    ImportCount,
    RecordChanged,
    RecordsMixin,
    code_reused_message,
    delete_refused,
)
from .report_texts import ReportTextsMixin
from .reports import ReportQueriesMixin
from .submissions import SubmissionsMixin
from .workforce import WorkforceMixin


class Store(BackupMixin, BrowseMixin, ReportQueriesMixin, ReportTextsMixin, PlanMixin,
            RecordsMixin, ImportUndoMixin, FiguresMixin, DutiesMixin, SubmissionsMixin,
            WorkforceMixin, StoreCore):
    """One open data file: reads, write operations and change announcements."""


__all__ = [
    "APPLICATION_ID",
    "CODED_TABLES",
    "NAME_COLUMN",
    "SCHEMA_VERSION",
    "Change",
    "ImportCount",
    "ImportMoved",
    "RecordChanged",
    "Store",
    "StoreError",
    "UndoneImport",
    "can_write",
    "check_file",
    "code_reused_message",
    "delete_refused",
    "file_id_of",
    "restore_file",
]
