"""The four tabs: Đơn vị, Cán bộ, Quy hoạch, Đào tạo. Each is a searchable, filterable,
sortable table over the store with add / edit / delete through the record form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import domain, indicators
from ..store import Change, Store, StoreError
from .common import ask, tell
from .table_model import ID_ROLE, ROW_ROLE, BrowseModel, Column, date_text, money_text, yes_no

LABELS = {"units": "đơn vị", "cadres": "cán bộ", "posts": "chức vụ lãnh đạo",
          "planning": "mục quy hoạch", "courses": "lớp học", "enrolments": "học viên"}
# Which tables a view reads, so that a change elsewhere does not reload it.
READS = {"units": {"units", "cadres", "posts"}, "cadres": {"cadres", "units", "planning"},
         "planning": {"planning", "cadres", "units"},
         "courses": {"courses", "enrolments", "cadres"},
         "enrolments": {"enrolments", "cadres", "courses", "units"},
         "posts": {"posts", "cadres", "units"}}


def _share(value: Any) -> str:
    return domain.format_percent(value) if value is not None else "—"


class RecordTable(QWidget):
    """A table of one browse view with Thêm / Sửa / Xóa; the base of every tab."""

    selection_changed = Signal(object)  # the selected row dict, or None

    def __init__(self, store: Store, entity: str, view: str, columns: list[Column],
                 parent: QWidget | None = None, searchable: bool = True,
                 preset: dict[str, Any] | None = None, model_class: type = BrowseModel):
        super().__init__(parent)
        self.store = store
        self.entity = entity
        self.preset = preset or {}
        self.model = model_class(store, view, columns, self)
        self.as_of = dt.date.today()
        self.model.as_of = self.as_of.isoformat()

        self.search = QLineEdit()
        self.search.setObjectName(f"search_{view}")
        self.search.setPlaceholderText("Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.setVisible(searchable)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(8)

        self.add_button = QPushButton("Thêm…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        self.view = QTableView()
        self.view.setObjectName(f"table_{view}")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for i, col in enumerate(columns):
            self.view.setColumnWidth(i, col.width)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self.edit_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                  self.delete_current, context=Qt.ShortcutContext.WidgetShortcut)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addLayout(self.filter_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current_id()
        self.model.reload()
        if self.model.error:
            self.count_label.setText(self.model.error)
        else:
            shown = f"{self.model.total} {LABELS[self.entity]}"
            self.count_label.setText(shown)
        if selected is not None:
            self.select_id(selected)
        self._update_buttons()
        self.selection_changed.emit(self.current_row())

    def on_change(self, change: Change) -> None:
        if change.tables & READS[self.model.view]:
            self.refresh()

    def set_as_of(self, day: dt.date) -> None:
        self.as_of = day
        self.model.as_of = day.isoformat()
        self.refresh()

    def set_filter(self, name: str, value: Any) -> None:
        if value in (None, False, ""):
            self.model.filters.pop(name, None)
        else:
            self.model.filters[name] = value
        self.refresh()

    def _search_changed(self, text: str) -> None:
        self.model.search = text
        self.refresh()

    # -- selection ----------------------------------------------------------------------

    def current_row(self) -> dict[str, Any] | None:
        index = self.view.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of_id(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def _current_changed(self, *_args) -> None:
        self._update_buttons()
        self.selection_changed.emit(self.current_row())

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.add_button.setEnabled(not self.store.read_only)
        if self.store.read_only:
            self.delete_button.setEnabled(False)

    # -- actions ------------------------------------------------------------------------

    def add(self, preset: dict[str, Any] | None = None) -> int | None:
        from .record_dialog import RecordDialog  # on first use: a faster start-up

        dialog = RecordDialog(self.store, self.entity, None, {**self.preset, **(preset or {})},
                              self)
        if dialog.exec() and dialog.saved_id is not None:
            self.select_id(dialog.saved_id)
            return dialog.saved_id
        return None

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        from .record_dialog import RecordDialog

        dialog = RecordDialog(self.store, self.entity, record_id, None, self)
        dialog.exec()

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.store.read_only:
            return
        record = self.store.get(self.entity, record_id) or {}
        name = record.get("full_name") or record.get("name") or record.get("title") or \
            record.get("code") or ""
        deps = self.store.dependents(self.entity, record_id)
        if self.entity == "units" and deps:
            listing = ", ".join(f"{n} {label}" for label, n in deps.items())
            tell(self, "Không xóa được",
                 f"Đơn vị «{name}» còn {listing}. Hãy chuyển hoặc xóa các bản ghi đó trước.")
            return
        text = f"Xóa {LABELS[self.entity]} «{name}»?"
        if deps:
            listing = ", ".join(f"{n} {label}" for label, n in deps.items())
            text += f"\n\nCùng bị xóa: {listing}."
        text += "\n\nThao tác được ghi vào nhật ký thay đổi."
        if not ask(self, "Xác nhận xóa", text, yes="Xóa", no="Hủy"):
            return
        try:
            self.store.delete(self.entity, record_id)
        except StoreError as exc:
            tell(self, "Không xóa được", exc.message)


# --- Đơn vị -------------------------------------------------------------------------------

class UnitsModel(BrowseModel):
    """Units with their staff, women and female key leader on the panel's date."""

    _stats: dict[int, indicators.UnitRow] = {}  # noqa: RUF012 - replaced on every reload
    figures: indicators.Figures | None = None  # the panel's, when it is for the same day

    def reload(self) -> None:
        day = dt.date.fromisoformat(self.as_of)
        figures = self.figures
        try:
            if figures is None or figures.as_of != day:
                figures = indicators.compute(self.store, day)
            self._stats = {u.id: u for u in figures.units}
        except StoreError:
            self._stats = {}
        super().reload()

    def _page(self, offset: int) -> list[dict[str, Any]]:
        rows = super()._page(offset)
        for row in rows:
            self._merge(row, self._stats.get(row["id"]))
        return rows

    @staticmethod
    def _merge(row: dict[str, Any], unit: indicators.UnitRow | None) -> None:
        if unit is None:  # not active on the date
            row.update(staff=None, women=None, female_share=None,
                       has_female_key_leader=None, hint="Không hoạt động vào ngày này")
            return
        hint = ""
        if unit.suggest_special:
            hint = ("Đã là ngành đặc thù" if unit.special_sector else
                    "Tỷ lệ nữ dưới 30 %: có thể đề nghị điều chỉnh mục tiêu")
        row.update(staff=unit.staff, women=unit.women, female_share=unit.female_share,
                   has_female_key_leader=unit.has_female_key_leader, hint=hint)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.rows[index.row()]
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
    def __init__(self, store: Store, parent: QWidget | None = None):
        columns = [
            Column("name", "Tên đơn vị", width=215), Column("code", "Mã", width=60),
            Column("kind", "Loại đơn vị", width=170),
            Column("staff", "Số người", lambda v: "—" if v is None else str(v), False, 65),
            Column("women", "Nữ", lambda v: "—" if v is None else str(v), False, 40),
            Column("female_share", "Tỷ lệ nữ", _share, False, 65),
            Column("has_female_key_leader", "Nữ lãnh đạo chủ chốt", _fkl_text, False, 135),
            Column("in_scope_ct1", "Tính CT1", yes_no, False, 62),
            Column("special_sector", "Ngành đặc thù", yes_no, False, 92),
            Column("hint", "Gợi ý", None, False, 300),
        ]
        super().__init__(store, "units", "units", columns, parent, model_class=UnitsModel)
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


# --- Cán bộ ---------------------------------------------------------------------------------

def _birth_text(value: Any) -> str:
    return domain.format_date(value) if value else ""


class CadresTab(QWidget):
    """Cadres, and below them the selected cadre's posts, planning entries and training."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        columns = [
            Column("full_name", "Họ và tên", width=190), Column("code", "Mã", width=70),
            Column("gender", "Giới tính", width=70), Column("birth", "Ngày sinh", _birth_text,
                                                            width=90),
            Column("unit_name", "Đơn vị", width=220), Column("category", "Đối tượng",
                                                             width=100),
            Column("position", "Chức vụ", width=150),
            Column("in_pool", "Trong quy hoạch", yes_no, width=110),
        ]
        self.table = RecordTable(store, "cadres", "cadres", columns, self)
        self.unit = QComboBox()
        self.unit.setObjectName("filter_unit")
        self.unit.setMinimumWidth(180)
        self.unit.currentIndexChanged.connect(
            lambda: self.table.set_filter("unit_id", self.unit.currentData()))
        self.gender = QComboBox()
        self.gender.addItem("Nam và nữ", None)
        for g in domain.GENDERS:
            self.gender.addItem(g, g)
        self.gender.currentIndexChanged.connect(
            lambda: self.table.set_filter("gender", self.gender.currentData()))
        self.category = QComboBox()
        self.category.addItem("Mọi đối tượng", None)
        for c in domain.CATEGORIES:
            self.category.addItem(c, c)
        self.category.currentIndexChanged.connect(
            lambda: self.table.set_filter("category", self.category.currentData()))
        self.in_pool = QCheckBox("Đang trong quy hoạch")
        self.in_pool.toggled.connect(lambda on: self.table.set_filter("in_pool", on))
        for w in (self.unit, self.gender, self.category, self.in_pool):
            self.table.filter_bar.addWidget(w)
        self.fill_units()

        self.details = QTabWidget()
        self.details.setObjectName("cadre_details")
        self.posts = RecordTable(store, "posts", "posts", [
            Column("unit_name", "Đơn vị", width=200), Column("title", "Chức vụ", width=160),
            Column("level", "Cấp", width=90), Column("decision_no", "Số quyết định", width=110),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90)], self, searchable=False)
        self.planning = RecordTable(store, "planning", "planning", [
            Column("title", "Chức danh quy hoạch", width=200),
            Column("unit_name", "Đơn vị", width=200), Column("period", "Giai đoạn", width=90),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90)], self, searchable=False)
        self.training = RecordTable(store, "enrolments", "enrolments", [
            Column("course_name", "Lớp học", width=260), Column("kind", "Loại", width=160),
            Column("to_date", "Kết thúc", date_text, width=90),
            Column("result", "Kết quả", width=110),
            Column("certificate_no", "Số chứng chỉ", width=100)], self, searchable=False)
        self.details.addTab(self.posts, "Chức vụ lãnh đạo")
        self.details.addTab(self.planning, "Quy hoạch")
        self.details.addTab(self.training, "Đào tạo, bồi dưỡng")
        self.details.setEnabled(False)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("cadres_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.table.selection_changed.connect(self._cadre_selected)

    def fill_units(self) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("Mọi đơn vị", None)
        for row in self.store.browse("units", sort="name", limit=100_000):
            self.unit.addItem(row["name"], row["id"])
        index = self.unit.findData(current)
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.blockSignals(False)

    def _cadre_selected(self, row: dict[str, Any] | None) -> None:
        self.details.setEnabled(row is not None)
        cadre_id = row["id"] if row else -1
        code = row["code"] if row else None
        for table in (self.posts, self.planning, self.training):
            table.model.filters = {"cadre_id": cadre_id}
            table.preset = {"cadre_code": code}
            table.refresh()

    def refresh(self) -> None:
        self.table.refresh()

    def on_change(self, change: Change) -> None:
        if "units" in change.tables:
            self.fill_units()
        self.table.on_change(change)
        for table in (self.posts, self.planning, self.training):
            table.on_change(change)

    def set_as_of(self, day: dt.date) -> None:
        for table in (self.table, self.posts, self.planning, self.training):
            table.as_of = day
            table.model.as_of = day.isoformat()
        self.table.refresh()


# --- Quy hoạch --------------------------------------------------------------------------------

class PlanningTab(RecordTable):
    def __init__(self, store: Store, parent: QWidget | None = None):
        columns = [
            Column("full_name", "Họ và tên", width=190), Column("gender", "Giới tính", width=70),
            Column("title", "Chức danh quy hoạch", width=220),
            Column("unit_name", "Đơn vị", width=220), Column("period", "Giai đoạn", width=90),
            Column("decision_no", "Số quyết định", sortable=False, width=110),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, sortable=False, width=90),
        ]
        super().__init__(store, "planning", "planning", columns, parent)
        self.women = QCheckBox("Chỉ nữ")
        self.women.toggled.connect(lambda on: self.set_filter("women", on))
        self.active = QCheckBox("Đang trong quy hoạch")
        self.active.setToolTip("Chỉ các mục còn hiệu lực vào ngày chốt số liệu")
        self.active.toggled.connect(lambda on: self.set_filter("active", on))
        self.filter_bar.addWidget(self.women)
        self.filter_bar.addWidget(self.active)


# --- Đào tạo ----------------------------------------------------------------------------------

class TrainingTab(QWidget):
    """Courses, and the cadres enrolled in the selected course."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.courses = RecordTable(store, "courses", "courses", [
            Column("name", "Tên lớp", width=300), Column("code", "Mã lớp", width=80),
            Column("kind", "Loại", width=180),
            Column("from_date", "Từ ngày", date_text, width=90),
            Column("to_date", "Đến ngày", date_text, width=90),
            Column("participants", "Học viên", lambda v: str(v), False, 70),
            Column("women", "Nữ", lambda v: str(v), False, 50),
            Column("cost", "Kinh phí (đồng)", money_text, False, 120),
            Column("organizer", "Đơn vị tổ chức", sortable=False, width=200),
        ], self)
        self.kind = QComboBox()
        self.kind.addItem("Mọi loại lớp", None)
        for kind in domain.COURSE_KINDS:
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(
            lambda: self.courses.set_filter("kind", self.kind.currentData()))
        self.courses.filter_bar.addWidget(self.kind)
        self.enrolled = RecordTable(store, "enrolments", "enrolments", [
            Column("full_name", "Học viên", width=200), Column("gender", "Giới tính", width=70),
            Column("unit_name", "Đơn vị", width=220), Column("result", "Kết quả", width=120),
            Column("certificate_no", "Số chứng chỉ", width=110)], self, searchable=False)
        self.enrolled_title = QLabel("Chọn một lớp để xem học viên")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.enrolled_title)
        lower_layout.addWidget(self.enrolled)
        self.enrolled.setEnabled(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("training_splitter")
        self.splitter.addWidget(self.courses)
        self.splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.courses.selection_changed.connect(self._course_selected)

    def _course_selected(self, row: dict[str, Any] | None) -> None:
        self.enrolled.setEnabled(row is not None)
        self.enrolled_title.setText(f"<b>Học viên lớp «{row['name']}»</b>" if row else
                                    "Chọn một lớp để xem học viên")
        self.enrolled.model.filters = {"course_id": row["id"] if row else -1}
        self.enrolled.preset = {"course_code": row["code"] if row else None}
        self.enrolled.refresh()

    def refresh(self) -> None:
        self.courses.refresh()

    def on_change(self, change: Change) -> None:
        self.courses.on_change(change)
        self.enrolled.on_change(change)

    def set_as_of(self, day: dt.date) -> None:
        self.courses.set_as_of(day)
