"""Đơn vị: units with their staff, women and female key leader on the panel's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QMenu, QPushButton, QWidget

from ... import domain
from ...figures import indicators
from ...figures.service import DAY, DayFigures, FiguresService
from ...store import Store, StoreError
from ..common import inform, tell
from ..file_places import ask_save_path
from ..table_model import BrowseModel, Column, yes_no
from .record_table import RecordTable


def _share(value: Any) -> str:
    return domain.format_percent(value) if value is not None else "—"


class UnitsModel(BrowseModel):
    """Units with their staff, women and female key leader on the panel's date, from the
    figures service (the tab reloads only once it has them)."""

    _stats: dict[int, indicators.UnitRow] = {}  # noqa: RUF012 - replaced on every reload
    service: FiguresService | None = None

    def reload(self, stale: set[int] | None = None) -> None:
        shown = None
        if self.service is not None:
            shown = self.service.result(DAY, dt.date.fromisoformat(self.as_of))
        if isinstance(shown, DayFigures):
            self._stats = {u.id: u for u in shown.figures.units}
        elif shown is not None:  # a sentence: the figures cannot be computed
            self._stats = {}
        # (None: newer ones are on their way, the tab reloads then; a sort meanwhile
        # keeps the last ones)
        super().reload(None)  # every kept row carries figures that may have moved

    def reads_date(self) -> bool:
        return True  # the figures of each unit are those of the date

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        rows = super()._fetch(ids)
        for row in rows.values():
            self._merge(row, self._stats.get(row["id"]))
        return rows

    @staticmethod
    def _merge(row: dict[str, Any], unit: indicators.UnitRow | None) -> None:
        if unit is None:  # not active on the date
            row.update(staff=None, women=None, female_share=None,
                       has_female_key_leader=None, hint="Không hoạt động vào ngày này")
            return
        hint = ""
        if unit.waived:
            hint = "Ngành đặc thù: không tính ở CT1 điều chỉnh"
        elif unit.flag_without_effect:  # the flag alone waives nothing (spec)
            hint = f"Ngành đặc thù nhưng vẫn tính ở CT1 điều chỉnh: {indicators.why_counted(unit)}"
        elif unit.suggest_special and not unit.special_sector:
            hint = "Tỷ lệ nữ dưới 30 %: có thể đề nghị điều chỉnh mục tiêu"
        row.update(staff=unit.staff, women=unit.women, female_share=unit.female_share,
                   has_female_key_leader=unit.has_female_key_leader, hint=hint)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.row_at(index.row())
            key = self.columns[index.column()].key
            if key == "hint" and row.get("hint", "").startswith("Tỷ lệ nữ dưới"):
                return QColor("#a15c00")
            if key == "has_female_key_leader" and row.get("in_scope_ct1") \
                    and row.get("has_female_key_leader") is False:
                return QColor("#b3261e")
        return super().data(index, role)


def _fkl_text(value: Any) -> str:
    return "—" if value is None else ("Có" if value else "Chưa có")


class UnitsTab(RecordTable):
    """The per-unit figures come from the figures service: while it computes newer ones
    (off the GUI thread) the rows wait for them rather than compute them here."""

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 service: FiguresService | None = None):
        self.service = service if service is not None else FiguresService(store)
        self._waiting = False
        columns = [
            Column("name", "Tên đơn vị", width=215), Column("code", "Mã", width=60),
            Column("kind", "Loại đơn vị", width=170),
            Column("role", "Vai trò", lambda v: v or "", width=60),
            Column("staff", "Số người", lambda v: "—" if v is None else str(v), False, 65,
                   right=True),
            Column("women", "Nữ", lambda v: "—" if v is None else str(v), False, 40, right=True),
            Column("female_share", "Tỷ lệ nữ", _share, False, 65, right=True),
            Column("has_female_key_leader", "Nữ lãnh đạo chủ chốt", _fkl_text, False, 135),
            Column("in_scope_ct1", "Tính CT1", yes_no, False, 62),
            Column("special_sector", "Ngành đặc thù", yes_no, False, 92),
            Column("hint", "Gợi ý", None, False, 300),
        ]
        self.service.figures_changed.connect(self._figures_ready)
        super().__init__(store, "units", "units", columns, parent, model_class=UnitsModel)
        self.model.service = self.service
        self.kind = QComboBox()
        self.kind.addItem("Mọi loại đơn vị", None)
        for kind in domain.UNIT_KINDS:
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(
            lambda: self.set_filter("kind", self.kind.currentData()))
        self.in_scope = QCheckBox("Chỉ đơn vị tính CT1")
        self.in_scope.toggled.connect(lambda on: self.set_filter("in_scope", on))
        self.filter_bar.addWidget(self.kind)
        self.filter_bar.addWidget(self.in_scope)
        # A pre-filled workbook for one unit to correct and send back as its yearly report
        self.export_button = QPushButton("Xuất tệp cho đơn vị…")
        self.export_button.setObjectName("export_unit_button")
        self.export_button.setToolTip("Tệp Excel chỉ có dữ liệu của đơn vị đang chọn, để đơn "
                                      "vị kiểm tra, sửa và gửi lại làm báo cáo năm")
        self.export_button.clicked.connect(lambda: self.export_for_unit())
        self.button_bar.insertWidget(3, self.export_button)
        self.selection_changed.connect(
            lambda row: self.export_button.setEnabled(row is not None))
        self.export_button.setEnabled(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def refresh(self) -> None:
        day = dt.date.fromisoformat(self.model.as_of)
        if not self.service.request(DAY, day):
            self._waiting = True  # the last rows stay until the figures arrive
            return
        self._waiting = False
        super().refresh()

    def _figures_ready(self, kind: str, day: dt.date) -> None:
        if self._waiting and kind == DAY:
            self.refresh()

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Sửa…", self.edit_current)
        menu.addAction("Xuất tệp cho đơn vị…", lambda: self.export_for_unit())
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def export_for_unit(self, path: Path | None = None, year: int | None = None) -> bool:
        """Write the selected unit's own workbook (exchange.unit_records)."""
        from ...exchange import workbook as exchange  # openpyxl: loaded when first needed

        row = self.current_row()
        if row is None:
            return False
        year = year or dt.date.today().year
        if path is None:
            path = ask_save_path(self, f"Xuất tệp cho đơn vị «{row['name']}»",
                                 f"bao-cao-{year}-{row['code'].lower()}.xlsx",
                                 "Tệp Excel (*.xlsx)", self.store.path)
            if path is None:
                return False
        try:
            exchange.export_workbook(self.store, path, row["code"], year)
        except (StoreError, exchange.WorkbookError) as exc:
            tell(self, "Không xuất được", exc.message)
            return False
        inform(self, "Xuất tệp cho đơn vị",
               f"Đã ghi «{path}». Gửi tệp này cho «{row['name']}» kiểm tra, sửa và gửi lại; "
               f"khi nhập tệp gửi lại, chương trình ghi nhận báo cáo năm {year} của đơn vị.")
        return True
