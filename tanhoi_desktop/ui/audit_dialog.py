"""Nhật ký thay đổi: who changed what, when; filterable and exportable to Excel."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..safety import audit_export
from ..store import Store, StoreError
from ..store.audit_chain import sentence
from .common import as_tooltip, inform, tell, wrote
from .date_field import DateField
from .file_places import ask_save_path
from .screen_fit import FitsScreen


class AuditModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[dict] = []
        self._rows: list[tuple[str, ...]] = []
        self.untrusted_from: int | None = None  # entries from this id on (audit_chain)

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self._entries = entries
        self._rows = [audit_export.row_of(e) for e in entries]
        self.endResetModel()

    def entries(self) -> list[dict]:
        return self._entries

    def untrusted(self, row: int) -> bool:
        return self.untrusted_from is not None and \
            self._entries[row]["id"] >= self.untrusted_from

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(audit_export.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # as typed, never markup
            return as_tooltip(str(self._rows[index.row()][index.column()] or ""))
        if role == Qt.ItemDataRole.ForegroundRole and self.untrusted(index.row()):
            return QColor("#b3261e")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return audit_export.HEADERS[section]
        return None


def demo_entry(entries: list[dict]) -> dict:
    """The demo's making as one entry: what it added, by kind of record."""
    added: dict[str, int] = {}
    for entry in entries:
        if entry["action"] == "import":
            for table, counts in (entry.get("after") or {}).items():
                added[table] = added.get(table, 0) + counts.get("thêm", 0)
        elif entry["action"] in ("add", "submission") and entry.get("batch_id") is None:
            added[entry["table_name"]] = added.get(entry["table_name"], 0) + 1
    oldest = min(entries, key=lambda e: e["id"])
    return {"id": max(e["id"] for e in entries), "at": oldest["at"], "person": "",
            "os_user": oldest.get("os_user"), "action": "demo", "table_name": None,
            "record_code": None, "before": None,
            "after": {label: f"thêm {added[t]}" for t, label in audit_export.TABLES.items()
                      if added.get(t)},
            "batch_id": None}


class AuditDialog(FitsScreen, QDialog):
    """Filters: kind of record, record code, person, date range (inclusive). An import
    is one line (what it added and changed) unless its records are asked for: each one
    ticked, or a kind of record or a record chosen. On the demo, its making is one line
    too (`demo_made_through`: its last entry)."""

    def __init__(self, store: Store, parent=None, demo_made_through: int | None = None):
        super().__init__(parent)
        self.store = store
        self.demo_made_through = demo_made_through
        self.setWindowTitle("Nhật ký thay đổi")
        self.resize(1300, 600)  # «Sau khi sửa» readable (a smaller screen: fitted)

        self.table_filter = QComboBox()
        self.table_filter.addItem("Tất cả", None)
        for name, label in audit_export.TABLES.items():
            self.table_filter.addItem(label, name)
        self.record_filter = QLineEdit(placeholderText="Mã hoặc khóa bản ghi")
        self.person_filter = QLineEdit(placeholderText="Tên người nhập hoặc tài khoản")
        today = QDate.currentDate()
        self.since = DateField(today.addMonths(-1).toPython(), required=True)
        self.until = DateField(today.toPython(), required=True)

        filters = QFormLayout()
        filters.addRow("Loại bản ghi:", self.table_filter)
        filters.addRow("Bản ghi:", self.record_filter)
        filters.addRow("Người nhập:", self.person_filter)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.until)
        dates.addStretch()
        filters.addRow("Từ ngày:", dates)
        self.each_imported = QCheckBox("Hiện từng bản ghi của mỗi lần nhập từ Excel")
        self.each_imported.setObjectName("each_imported")
        filters.addRow("", self.each_imported)

        self.model = AuditModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        # checked each time the Nhật ký opens (not at every start: it reads every entry)
        self.trail_warning = QLabel()
        self.trail_warning.setObjectName("trail_warning")
        self.trail_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.trail_warning.setWordWrap(True)
        self.trail_warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.trail_warning.hide()
        self._check_trail()

        self.export_button = QPushButton("Xuất ra Excel…")
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.trail_warning)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)

        self.table_filter.currentIndexChanged.connect(self.refresh)
        self.record_filter.textChanged.connect(self.refresh)
        self.person_filter.textChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.each_imported.toggled.connect(self.refresh)
        self.refresh()
        for col, width in enumerate((140, 110, 90, 130, 100, 130, 240)):
            self.view.setColumnWidth(col, width)

    def _check_trail(self) -> None:
        try:
            _entries, broken = self.store.audit.check()
        except StoreError as exc:
            self.trail_warning.setText(exc.message)
            self.trail_warning.show()
            return
        if broken is None:
            return
        self.model.untrusted_from = broken.entry_id
        self.trail_warning.setText(sentence(broken) + (
            " Các mục đó được tô đỏ." if broken.entry_id is not None else ""))
        self.trail_warning.show()

    def refresh(self) -> None:
        try:
            entries = self.store.audit.entries(
                table=self.table_filter.currentData(),
                record_code=self.record_filter.text().strip() or None,
                person=self.person_filter.text().strip() or None,
                since=self.since.date().isoformat(),
                until=self.until.date().isoformat())
        except StoreError as exc:
            tell(self, "Nhật ký thay đổi", exc.message)
            return
        if not (self.each_imported.isChecked() or self.table_filter.currentData()
                or self.record_filter.text().strip()):
            entries = [e for e in entries if e.get("batch_id") is None]
            made = self.demo_made_through
            if made is not None and (making := [e for e in entries if e["id"] <= made]):
                entries = [e for e in entries if e["id"] > made] + [demo_entry(making)]
        self.model.set_entries(entries)
        self.count_label.setText(f"{len(entries)} mục")

    def export(self) -> None:
        name = f"nhat-ky-thay-doi-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, "Xuất nhật ký ra Excel", name, "Tệp Excel (*.xlsx)",
                             self.store.path)
        if path is None:
            return
        if not wrote(self, "Xuất nhật ký", path, lambda: audit_export.write_xlsx(
                self.model.entries(), path, protect=(self.store.path,))):
            return
        inform(self, "Xuất nhật ký", f"Đã ghi {len(self.model.entries())} mục vào «{path}».")
