"""The form for adding or editing one record of any entity, built from domain's fields.

Every vocabulary is a combo box, dates are typed dd/mm/yyyy, required fields carry a *,
and each problem the store reports is shown under its own field; nothing is written
until the whole record is right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .. import domain, vntext
from ..domain import ENTITY, Field, Invalid
from ..figures import indicators
from ..store import RecordChanged, Store, StoreError
from ..store.records import changed_fields
from .common import as_tooltip, save_cancel_buttons, tell
from .conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog
from .date_field import DateField
from .item_rows import marks_fit, row_height_for
from .message_box import MessageBox
from .screen_fit import FitsForm, fit_scrolling_height, scrolling
from .undo import remember, stored

# Long forms in two columns, to fit a 1366x768 screen: the field that opens the second
_SECOND_COLUMN = {"activities": "participants"}
# Fields that only mean something for one value of another field: (field, value, fields)
_ONLY_FOR = {"activities": ("kind", domain.INSPECTION,
                            ("findings", "recommendations", "follow_up", "follow_up_date"))}


class CodeChecklist(QWidget):
    """Several records chosen by ticking them (the units taking part): a filter line
    above a list of «Name (CODE)». Its text is the codes, as the workbook cell has them."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc theo tên hoặc mã…")
        self.filter.setClearButtonEnabled(True)
        self.list = marks_fit(QListWidget())
        for label, code in items:
            item = QListWidgetItem(label)
            item.setToolTip(as_tooltip(label))  # a long unit name cut off stays readable
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setData(Qt.ItemDataRole.UserRole + 1, vntext.fold(label))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        # five names in view, in rows as tall as Vietnamese marks need
        row = max(self.list.sizeHintForRow(0), row_height_for(self.list.fontMetrics()))
        self.list.setFixedHeight(5 * row + 2 * self.list.frameWidth())
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._unknown: list[str] = []  # codes given that are not in the list

    def _filter(self, text: str) -> None:
        words = vntext.fold(text).split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            folded = item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not all(w in folded for w in words))

    def set_codes(self, codes: Any) -> None:
        wanted = set(codes or ())
        for i in range(self.list.count()):
            item = self.list.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        # the ticked ones first, in their order: seen without scrolling
        for i in sorted(i for i in range(self.list.count())
                         if self.list.item(i).checkState() == Qt.CheckState.Checked):
            self.list.insertItem(sum(1 for j in range(i) if self.list.item(j).checkState()
                                     == Qt.CheckState.Checked), self.list.takeItem(i))
        known = {self.list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.list.count())}
        self._unknown = sorted(wanted - known)

    def codes(self) -> list[str]:
        ticked = [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.list.count())
                  if self.list.item(i).checkState() == Qt.CheckState.Checked]
        return ticked + self._unknown

    def text(self) -> str:
        return ", ".join(self.codes())


class RecordDialog(FitsForm, QDialog):
    def __init__(self, store: Store, entity_name: str, record_id: int | None = None,
                 preset: dict[str, Any] | None = None, parent: QWidget | None = None,
                 as_of: dt.date | None = None):
        super().__init__(parent)
        self.store = store
        # the figures' date: what the special-sector flag does is said for that day
        self.as_of = as_of or _panel_date(parent) or dt.date.today()
        self.entity = ENTITY[entity_name]
        self.record_id = record_id
        self.saved_id: int | None = None
        verb = "Sửa" if record_id is not None else "Thêm"
        self.setWindowTitle(f"{verb} {self.entity.label}")
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        forms = QHBoxLayout()
        forms.addLayout(form, 1)
        for f in self.entity.fields:
            if f.name == _SECOND_COLUMN.get(entity_name):
                form = QFormLayout()
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                forms.addSpacing(16)
                forms.addLayout(form, 1)
            editor = self._editor(f)
            self.editors[f.name] = editor
            error = QLabel()
            error.setObjectName(f"error_{f.name}")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            # The message takes the whole row, not the width of a short combo box above.
            error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            error.hide()
            self.errors[f.name] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            grows = editor.sizePolicy().horizontalPolicy() in (
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
            box.addWidget(editor, 0, Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft)
            box.addWidget(error)
            if f.name == "position" and entity_name == "cadres":
                box.addLayout(self._position_note())
            if f.name == "special_sector":
                self.special_hint = QLabel()
                self.special_hint.setObjectName("special_hint")
                self.special_hint.setWordWrap(True)
                self.special_hint.setStyleSheet("color: #a15c00;")
                self.special_hint.setSizePolicy(QSizePolicy.Policy.Expanding,
                                                QSizePolicy.Policy.Preferred)
                box.addWidget(self.special_hint)
            label = QLabel(f"{form_label(f)}{' *' if f.required else ''}:")
            label.setBuddy(editor)
            form.addRow(label, box)
        suggests_code = record_id is None and self.entity.by_name.get("code") is not None \
            and not (preset or {}).get("code")
        hint = QLabel("Các ô có dấu * là bắt buộc." + (
            " Mã đã điền sẵn là mã còn trống tiếp theo, có thể sửa."
            if suggests_code and store.records.next_code(entity_name) else "") + (
            " Ngày ghi theo dạng dd/mm/yyyy." if any(f.kind in ("date", "birth")
                                                     for f in self.entity.fields) else ""))
        hint.setObjectName("form_hint")
        hint.setStyleSheet("color: #555;")

        buttons = save_cancel_buttons(self, self.save)
        self.buttons = buttons

        fields = QWidget()
        fields.setLayout(forms)
        self.scroll = scrolling(fields)  # a long form scrolls on a small screen
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(520 if entity_name not in _SECOND_COLUMN else 900)

        values = dict(preset or {})
        # the record as loaded: saving compares the file's version with it
        self.loaded = store.records.get(entity_name, record_id) if record_id is not None else None
        if record_id is not None:
            values = {**(self.loaded or {}), **values}
        self._fill(values)
        if suggests_code and (code := store.records.next_code(entity_name)):
            self.editors["code"].setText(code)  # the next free one: nobody invents codes
            self.editors["code"].selectAll()  # typing another replaces it
            self.editors["code"].setFocus()
        if entity_name == "posts":
            self._follow_cadre_unit()
        if self.entity.name == "units" and record_id is None:
            kind = self.editors["kind"]
            kind.currentIndexChanged.connect(self._kind_changed)
        for name in (preset or {}):
            given = self.entity.by_name.get(name)
            if given and given.kind == "ref":  # opened from a cadre or course: fixed
                self.editors[name].setEnabled(False)
        if entity_name in _ONLY_FOR:
            self.editors[_ONLY_FOR[entity_name][0]].currentIndexChanged.connect(
                self._enable_dependent)
            self._enable_dependent()
        if self.entity.name == "units":
            self._unit_on = (store.figures.unit_on(record_id, self.as_of.isoformat())
                             if record_id is not None else
                             {"staff": 0, "women": 0, "has_female_key_leader": False})
            for name in ("special_sector", "in_scope_ct1"):
                self.editors[name].toggled.connect(self._update_special_hint)
            self._update_special_hint()
        fit_scrolling_height(self.scroll, self)
        self._initial = self.values()  # what closing compares with: unsaved edits?
        self._closing = False

    # -- a cadre's title is not a leadership post ------------------------------------------

    def _position_note(self) -> QVBoxLayout:
        note = QLabel("Chỉ là chức danh ghi trong hồ sơ. Các chỉ tiêu chỉ tính chức vụ lãnh "
                      "đạo đã nhập ở mục «Chức vụ lãnh đạo».")
        note.setObjectName("position_note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.make_post = QPushButton("Tạo chức vụ lãnh đạo…")
        self.make_post.setObjectName("make_post")
        self.make_post.setToolTip("Lưu cán bộ này rồi mở mẫu chức vụ lãnh đạo, điền sẵn cán "
                                  "bộ, đơn vị và chức danh.")
        self.make_post.clicked.connect(self.create_post)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(self.make_post, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout()
        box.addLayout(row)
        return box

    def create_post(self) -> None:
        """Save the cadre (the post needs it), then open the post form with the cadre,
        the unit and the title filled in."""
        if not self._save_record():
            return
        cadre = self.store.records.get("cadres", self.saved_id) or {}
        self.record_id = self.saved_id
        self.setWindowTitle(f"Sửa {ENTITY['cadres'].label}")
        self._initial = self.values()
        preset = {"cadre_code": cadre.get("code")}
        if cadre.get("position"):
            preset["title"] = cadre["position"]
        RecordDialog(self.store, "posts", None, preset, self, as_of=self.as_of).exec()

    # -- a post's unit is its cadre's, unless chosen ----------------------------------------

    def _follow_cadre_unit(self) -> None:
        self._cadre_units = {r["code"]: r["unit_code"] for r in
                             self.store.browse.page("cadres", sort="full_name", limit=100_000)}
        self._filled_unit = None
        # picked, or typed (a code or a name); a method, not a closure: disconnected when
        # the form goes
        self.editors["cadre_code"].currentTextChanged.connect(self._fill_cadre_unit)
        self._fill_cadre_unit()

    def _fill_cadre_unit(self) -> None:
        unit = self.editors["unit_code"]
        current = _combo_value(unit)
        if current and current != self._filled_unit:
            return  # the user chose a unit: left alone
        cadre = _combo_value(self.editors["cadre_code"])  # typed «cb12» is CB12
        code = self._cadre_units.get(domain.upper_code(cadre)) if cadre else None
        index = unit.findData(code) if code else -1
        if index >= 0:
            unit.setCurrentIndex(index)
            self._filled_unit = code

    # -- closing with unsaved edits -----------------------------------------------------

    def reject(self) -> None:
        """Hủy, Esc or the window's ×: edits not saved are asked about first."""
        if self._closing or self.values() == self._initial:
            super().reject()
            return

        # a record not yet saved is not one «đã sửa»: it is being entered
        what = (f"sửa {self.entity.label} này" if self.record_id is not None
                else f"nhập {self.entity.label} mới")
        box = MessageBox(MessageBox.Icon.Question, "Chưa lưu",
                         f"Bạn đã {what} mà chưa lưu. "
                         "Lưu các thay đổi trước khi đóng?", parent=self)
        save = box.addButton("Lưu", MessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Không lưu", MessageBox.ButtonRole.DestructiveRole)
        back = box.addButton("Quay lại", MessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() is save:
            self.save()
        elif box.clickedButton() is discard:
            self._closing = True
            super().reject()

    def _update_special_hint(self) -> None:
        counts = self._unit_on
        text = indicators.special_flag_hint(
            counts["staff"], counts["women"], bool(counts["has_female_key_leader"]),
            self.editors["in_scope_ct1"].isChecked(), self.editors["special_sector"].isChecked(),
            self.as_of)
        self.special_hint.setText(text)
        self.special_hint.setVisible(bool(text))

    # -- editors ------------------------------------------------------------------------

    def _editor(self, f: Field) -> QWidget:
        if f.kind == "choice":
            combo = QComboBox()
            if not f.required and f.default is None:
                combo.addItem("", None)
            for choice in f.choices:
                combo.addItem(f.display(choice) if f.display else choice, choice)
            return combo
        if f.kind == "bool":
            return QCheckBox()
        if f.kind == "date":
            return DateField()
        if f.kind == "ref":
            return self._ref_combo(f)
        if f.kind == "refs":
            sort = ENTITY[f.ref].name_field
            rows = self.store.browse.page(f.ref, sort=sort, limit=100_000)
            return CodeChecklist([(f"{r[sort]} ({r['code']})", r["code"]) for r in rows])
        if f.kind == "note":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(56)
            return edit
        edit = QLineEdit()
        if f.kind == "birth":
            edit.setPlaceholderText("dd/mm/yyyy hoặc năm, ví dụ 1984")
            # as wide as its hint, which is read whole
            edit.setMaximumWidth(max(200, edit.fontMetrics().horizontalAdvance(
                edit.placeholderText()) + 16))
        elif f.kind == "money":
            edit.setPlaceholderText("số đồng, ví dụ 15.000.000")
            edit.setMaximumWidth(200)
        elif f.kind in ("count", "year"):
            edit.setMaximumWidth(120)
        elif f.kind == "code":
            edit.setMaximumWidth(200)
        return edit

    def _ref_combo(self, f: Field) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not f.required:
            combo.addItem("", None)
        view = f.ref
        name = ENTITY[view].name_field
        for row in self.store.browse.page(view, sort=name, limit=100_000):
            combo.addItem(f"{row[name]} ({row['code']})", row["code"])
        completer = combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCurrentIndex(-1 if f.required else 0)
        return combo

    def _enable_dependent(self) -> None:
        """Inspection fields are for inspections: greyed out for other kinds, unless they
        hold something (then the form says why it cannot be saved, nothing is dropped)."""
        name, value, dependent = _ONLY_FOR[self.entity.name]
        applies = self.editors[name].currentData() == value
        current = self.values()
        for field_name in dependent:
            self.editors[field_name].setEnabled(applies or not domain.is_blank(
                current.get(field_name)))

    def _kind_changed(self) -> None:
        kind = self.editors["kind"].currentData()
        self.editors["in_scope_ct1"].setChecked(domain.default_in_scope(kind))

    def _fill(self, values: dict[str, Any]) -> None:
        for f in self.entity.fields:
            editor = self.editors[f.name]
            value = values.get(f.name, f.default)
            if f.name == "in_scope_ct1" and value is None:
                value = domain.default_in_scope(values.get("kind"))
            if isinstance(editor, QComboBox):
                index = editor.findData(value)
                editor.setCurrentIndex(index if index >= 0 or value is not None else
                                       (-1 if f.required else 0))
                if index < 0 and value is not None and editor.isEditable():
                    editor.setEditText(str(value))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, CodeChecklist):
                editor.set_codes(value)
            elif isinstance(editor, DateField):
                editor.set_iso(value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")
            elif isinstance(editor, QLineEdit):
                if f.kind == "birth" and value and len(value) == 10:
                    value = domain.format_date(value)
                elif f.kind == "money" and value is not None:
                    value = domain.format_dong(value)
                editor.setText("" if value is None else str(value))
                editor.setCursorPosition(0)  # a long title shows its beginning

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.entity.fields:
            editor = self.editors[f.name]
            if isinstance(editor, QComboBox):
                out[f.name] = _combo_value(editor)
            elif isinstance(editor, QCheckBox):
                out[f.name] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                out[f.name] = editor.toPlainText()
            else:
                out[f.name] = editor.text()
        return out

    # -- saving -------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        first = None
        for name, label in self.errors.items():
            message = problems.get(name)
            f = self.entity.by_name.get(name)
            if message and f is not None and form_label(f) != f.header:
                # said under the field: by the name the form gives it
                message = message.replace(f"«{f.header}»", f"«{form_label(f)}»")
            # Messages are written to follow "Sheet, dòng N, column:"; alone, a sentence.
            label.setText(message[:1].upper() + message[1:] if message else "")
            label.setVisible(bool(message))
            if message and first is None:
                first = self.editors[name]
        if first is not None:
            first.setFocus()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every message whole (as far as the screen allows; the form
        scrolls beyond); wrapped labels are not in the minimum size."""
        fit_scrolling_height(self.scroll, self)

    def save(self) -> None:
        if self._save_record():
            self.accept()

    def _save_record(self) -> bool:
        """Write the record; False (the problems shown, the form as typed) when refused.
        Each write is one step of Sửa → Hoàn tác, wherever the form was opened from."""

        try:
            before = stored(self.store, self.entity.name, self.record_id) \
                if self.record_id is not None else None
            self.saved_id = self.store.records.save(self.entity.name, self.values(), self.record_id,
                                                    expected=self.loaded)
        except RecordChanged as exc:
            self.show_problems({})
            self._changed_elsewhere(exc)
            return False
        except Invalid as exc:
            self.show_problems(exc.problems)
            return False
        except StoreError as exc:
            self.show_problems({})
            tell(self, "Không lưu được", exc.message)
            return False  # the form keeps what the user typed
        remember(self, self.store, self.entity.name, self.saved_id, before)
        return True


    def _changed_elsewhere(self, exc: RecordChanged) -> None:
        """Both versions, and the official's choice: the file's version with their own
        edits kept, theirs written over it, or back to the form."""

        mine = domain.validate(self.entity, self.values())  # (the store took it as valid)
        by_me = changed_fields(self.entity, self.loaded or {}, mine)
        label = self.entity.label
        choice = ConflictDialog(self.entity, label[:1].upper() + label[1:], exc.current,
                                mine, exc.fields, by_me, self).ask()
        self.loaded = exc.current
        if choice == KEEP_MINE:
            self.save()
        elif choice == TAKE_THEIRS:
            kept = {name: mine[name] for name in by_me if name not in exc.fields}
            self._fill({**exc.current, **kept})


def form_label(f: Field) -> str:
    """The field's name on the form: the workbook's column header, except for a picked
    record, which the form shows by its name and code («Trần Thị Hoa (CB012)»), not by
    the code the workbook column holds: «Cán bộ», not «Mã cán bộ»."""
    if f.kind == "ref" and f.header.startswith("Mã "):
        rest = f.header[len("Mã "):]
        return rest[:1].upper() + rest[1:]
    return f.header


def _panel_date(widget: QWidget | None) -> dt.date | None:
    """The date of the figures where the form was opened from: a tab's, or the window's
    indicator panel."""
    while widget is not None:
        day = getattr(widget, "as_of", None)
        if isinstance(day, dt.date):
            return day
        panel = getattr(widget, "panel", None)
        if panel is not None and hasattr(panel, "as_of"):
            return panel.as_of()
        widget = widget.parentWidget()
    return None


def _combo_value(combo: QComboBox) -> Any:
    """The chosen item's data; for a typed reference, the code in "Name (CODE)" or the
    text itself, so that the store can say precisely what is unknown."""
    index = combo.currentIndex()
    if not combo.isEditable():
        return combo.currentData()
    text = combo.currentText().strip()
    if index >= 0 and text == combo.itemText(index):
        return combo.itemData(index)
    if text.endswith(")") and "(" in text:
        return text.rsplit("(", 1)[1][:-1].strip()
    return text or None
