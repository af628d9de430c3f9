"""The records behind one figure: the work still to do, each one a double-click from its form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import indicators
from ..store import Store
from .common import full_text_tooltips
from .item_rows import marks_fit
from .screen_fit import FitsScreen

ENTITY_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DrillDialog(FitsScreen, QDialog):
    open_record = Signal(str, int)  # entity name, record id

    def __init__(self, store: Store, key: str, figures: indicators.Figures,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.key = key
        as_of = figures.as_of
        self.setWindowTitle(f"{indicators.SHORT[key]}: {indicators.LABELS[key]}")
        ind = figures[key]
        milestone = ("" if ind.milestone is None else
                     f" · mốc năm {as_of.year} {domain.format_percent(float(ind.milestone))}")
        summary = QLabel(
            f"<b>{domain.format_percent(ind.value)}</b> ({ind.numerator}/{ind.denominator}) "
            f"tính đến ngày {as_of:%d/%m/%Y} · mục tiêu năm {figures.target_year} "
            f"{domain.format_percent(float(ind.target))}{milestone} · {ind.status}")
        summary.setTextFormat(Qt.TextFormat.RichText)  # figures and our words only
        self.tree = QTreeWidget()
        self.tree.setObjectName("drill_tree")
        marks_fit(self.tree)
        self.tree.setColumnCount(4)
        self.tree.itemDoubleClicked.connect(self._open)
        if key in ("CT1", "CT1_adj"):
            self._ct1(figures, as_of)
        elif key == "CT2":
            self._pool(figures, women_untrained_only=False)
        else:
            self._pool(figures, women_untrained_only=True)
        self.tree.expandAll()
        full_text_tooltips(self.tree)
        for col in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
        hint = QLabel("Bấm đúp vào một dòng để mở và sửa bản ghi đó.")
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem([title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFirstColumnSpanned(True)
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        return group

    def _item(self, parent: QTreeWidgetItem, texts: list[str], entity: str,
              record_id: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts)
        item.setData(0, ENTITY_ROLE, entity)
        item.setData(0, ID_ROLE, record_id)
        return item

    def _ct1(self, figures: indicators.Figures, as_of: dt.date) -> None:
        self.tree.setHeaderLabels(["Đơn vị", "Mã", "Ghi chú", ""])
        rows = {u.id: u for u in figures.units}
        missing = self.store.browse.units_without_female_leader(as_of.isoformat())
        group = self._group(f"Đơn vị trong phạm vi chưa có lãnh đạo chủ chốt là nữ "
                            f"({len(missing)})")
        for u in missing:
            note = ""
            row = rows.get(u["id"])
            if u["special_sector"] and row is not None:
                note = ("Ngành đặc thù, tỷ lệ nữ dưới 30 %: không tính ở CT1 điều chỉnh"
                        if row.waived else
                        "Ngành đặc thù nhưng vẫn tính ở CT1 điều chỉnh "
                        f"({indicators.why_counted(row)})")
            self._item(group, [u["name"], u["code"], note], "units", u["id"])
        group = self._group(f"Đơn vị không tính ở CT1 điều chỉnh ({len(figures.waived)})")
        ids = {u.code: u.id for u in figures.units}
        for w in figures.waived:
            self._item(group, [w.name, w.code, f"Ngành đặc thù, {w.women}/{w.staff} nữ = "
                               f"{domain.format_percent(float(w.share))}, chưa có nữ lãnh đạo "
                               "chủ chốt"], "units", ids[w.code])
        kept = [u for u in figures.units if u.flag_without_effect]
        if kept:
            group = self._group(f"Đánh dấu ngành đặc thù nhưng vẫn được tính ({len(kept)})")
            for u in kept:
                self._item(group, [u.name, u.code, indicators.why_counted(u)], "units", u.id)
        national = figures[indicators.NATIONAL]
        roles = [u for u in figures.units if u.role]
        group = self._group(
            f"CT1 theo định nghĩa quốc gia: HĐND, UBND xã "
            f"({national.numerator}/{national.denominator} = "
            f"{domain.format_percent(national.value)})")
        for u in roles:
            self._item(group, [u.name, u.code, f"{u.role}: " + (
                "có nữ lãnh đạo chủ chốt" if u.has_female_key_leader
                else "chưa có nữ lãnh đạo chủ chốt")], "units", u.id)
        low = [u for u in figures.units if u.suggest_special]
        group = self._group(f"Đơn vị có tỷ lệ nữ dưới 30 %: có thể đề nghị điều chỉnh mục "
                            f"tiêu ({len(low)})")
        for u in low:
            flags = []
            if u.special_sector:
                flags.append("đã là ngành đặc thù")
            if not u.in_scope_ct1:
                flags.append("ngoài phạm vi CT1")
            self._item(group, [u.name, u.code,
                               f"{u.women}/{u.staff} nữ = {domain.format_percent(u.female_share)}"
                               + (f" ({', '.join(flags)})" if flags else "")], "units", u.id)
        leaders = [r for r in self.store.browse.female_key_leaders(as_of.isoformat())
                   if r["in_scope_ct1"]]
        group = self._group(f"Nữ lãnh đạo chủ chốt ở đơn vị trong phạm vi ({len(leaders)})")
        for r in leaders:
            self._item(group, [r["full_name"], "", f"{r['title']} ({r['level']}), "
                               f"{r['unit_name']}"], "cadres", r["cadre_id"])

    def _pool(self, figures: indicators.Figures, women_untrained_only: bool) -> None:
        self.tree.setHeaderLabels(["Họ và tên", "Giới tính", "Đơn vị", "Chức danh quy hoạch"])
        members = self.store.browse.pool_members(figures.as_of.isoformat(),
                                                 figures.training_since.isoformat())
        women = [m for m in members if m["gender"] == domain.FEMALE]
        if women_untrained_only:
            groups = [
                (f"Nữ trong quy hoạch chưa được đào tạo, bồi dưỡng "
                 f"({sum(not m['trained'] for m in women)})",
                 [m for m in women if not m["trained"]]),
                (f"Nữ trong quy hoạch đã được đào tạo ({sum(bool(m['trained']) for m in women)})",
                 [m for m in women if m["trained"]]),
            ]
        else:
            men = [m for m in members if m["gender"] != domain.FEMALE]
            groups = [(f"Nữ ({len(women)})", women), (f"Nam ({len(men)})", men)]
        for title, rows in groups:
            group = self._group(title)
            for m in rows:
                self._item(group, [m["full_name"], m["gender"], m["unit_name"],
                                   m["titles"] or ""], "cadres", m["id"])

    def _open(self, item: QTreeWidgetItem) -> None:
        entity = item.data(0, ENTITY_ROLE)
        if entity:
            self.open_record.emit(entity, int(item.data(0, ID_ROLE)))

    def rows(self) -> dict[str, list[str]]:
        """Group title -> first column of its rows (for tests and copying)."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out[group.text(0)] = [group.child(j).text(0) for j in range(group.childCount())]
        return out
