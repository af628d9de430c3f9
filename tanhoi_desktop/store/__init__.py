"""The only package that speaks SQL. `Store` is the data file: its connection and
lifecycle (core.StoreCore), and its parts, one attribute each, like Anki's collection
(col.decks, col.models): store.records.save(…), store.browse.page(…), …"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .audit import Audit
from .backup import Backups, restore_file
from .browse import Browse
from .core import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Change,
    StoreCore,
    StoreError,
)
from .duties import Duties
from .figures import Figures
from .import_undo import ImportMoved, Imports, UndoneImport
from .opening import can_write, check_file, file_id_of
from .plan import Plan
from .records import (
    CODED_TABLES,
    NAME_COLUMN,
    ImportCount,
    RecordChanged,
    Records,
    Settings,
    code_reused_message,
    delete_refused,
)
from .report_texts import Texts
from .reports import Reports
from .submissions import Submissions
from .workforce import Workforce


class Store(StoreCore):
    """One open data file: its lifecycle here (open, close, subscribe, file_id, …), its
    reads and writes in its parts."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        super().__init__(conn, path, read_only)
        self.records = Records(self)  # records by entity: get, save, delete, import
        self.settings = Settings(self)
        self.audit = Audit(self)  # the trail of changes: entries, check
        self.backups = Backups(self)
        self.browse = Browse(self)  # the rows the window lists, the drill-down's records
        self.figures = Figures(self)  # the counts behind the indicators; closed years
        self.duties = Duties(self)
        self.plan = Plan(self)  # activities and budget
        self.reports = Reports(self)
        self.submissions = Submissions(self)
        self.workforce = Workforce(self)
        self.texts = Texts(self)  # the texts a person writes in a report
        self.imports = Imports(self)  # an import undone and done again


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
