"""Cài đặt: the commune, the letterhead, the targets, the plan's start and typed baselines,
the training window, the signer, who enters data."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures import indicators, submissions
from ..store import Store, StoreError
from .common import save_cancel_buttons, tell
from .date_field import DateField
from .screen_fit import FitsForm, fit_scrolling_height, scrolling
from .undo import remember_values


def parse_baseline(text: str) -> str:
    """A typed baseline as stored: "" (compute it), a percentage ("25", "25,5 %") as an
    exact decimal, or a count "3/6" kept as a fraction. Raises ValueError (Vietnamese)."""
    text = text.strip().replace(" ", "").rstrip("%")
    if not text:
        return ""
    if "/" in text:
        num, _, den = text.partition("/")
        if not (re.fullmatch(r"\d{1,9}", num) and re.fullmatch(r"\d{1,9}", den)) \
                or int(den) == 0 or int(num) > int(den):
            raise ValueError(f"«{text}» không phải tỷ lệ hợp lệ (ví dụ 3/6)")
        return f"{int(num)}/{int(den)}"
    # bounded before Decimal: no exponent, no thousand digits ("1e-999999999")
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d{1,4})?", text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(f"«{shown}» không phải tỷ lệ phần trăm (ví dụ 33,3)")
    value = Decimal(text.replace(",", "."))
    if not 0 <= value <= 100:
        raise ValueError("tỷ lệ phải từ 0 đến 100 %")
    return f"{value / 100:f}"  # never an exponent ("0E-6")


def show_baseline(stored: str) -> str:
    """A stored typed baseline as the user typed it: "3/6" or "33,3"."""
    if "/" in stored:
        return stored
    value = indicators.parse_fraction(stored)
    if value is None:
        return ""
    text = f"{Decimal(value.numerator) / Decimal(value.denominator) * 100:f}"
    if "." in text:  # 25.00 -> 25, 33.30 -> 33,3; never 100 -> 1
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _percent_box(value: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(1)
    box.setSuffix(" %")
    box.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))  # 75,0 %
    box.setValue(float(Fraction(value)) * 100)
    return box


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


class SettingsDialog(FitsForm, QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Cài đặt")
        # a value the figures cannot use (another program, an older version) is shown
        # as its default, and said, so that saving puts a good one back
        s, stored_problems = domain.usable_settings(store.settings.read())
        self.commune = QLineEdit(s["commune_name"])
        self.commune_code = QLineEdit(s["commune_code"])
        self.commune_code.setObjectName("commune_code")
        self.commune_code.setMaxLength(5)
        self.commune_code.setMaximumWidth(90)
        self.commune_code.setPlaceholderText("5 chữ số")
        self.commune_code.setToolTip(
            "Mã của xã trong danh mục đơn vị hành chính Việt Nam. Ghi vào tệp Excel xuất ra, "
            "để khi tỉnh tổng hợp dữ liệu của nhiều xã không nhầm xã này với xã khác.")
        self.province = QLineEdit(s["province_name"])
        self.parent_body = QLineEdit(s["parent_body"])
        self.parent_body.setObjectName("parent_body")
        self.parent_body.setPlaceholderText("Để trống đối với Ủy ban nhân dân xã")
        parent_note = QLabel(
            "Dòng in phía trên tên cơ quan ban hành ở góc trái văn bản. Theo Nghị định "
            "30/2020/NĐ-CP, văn bản của Ủy ban nhân dân không ghi cơ quan chủ quản: để "
            "trống ô này. Chỉ ghi khi cơ quan ban hành có cơ quan chủ quản trực tiếp; dòng "
            "này được in chữ in hoa.")
        parent_note.setWordWrap(True)
        parent_note.setStyleSheet("color: #555;")
        self.targets = {i: _percent_box(s[f"target_ct{i}"]) for i in (1, 2, 3)}
        self.target_year = QSpinBox()
        self.target_year.setRange(2021, 2100)
        self.target_year.setValue(int(s["target_year"]))
        self.training_since = DateField()
        self.training_since.set_iso(s["training_since"])
        plan = indicators.plan_settings(s)
        self.plan_start = DateField()
        self.plan_start.setObjectName("plan_start")
        self.plan_start.set_iso(plan.plan_start.isoformat())
        try:
            computed = indicators.computed_baseline(store)
        except StoreError:  # a stored setting the figures cannot use: said above, fixed here
            computed = dict.fromkeys(indicators.KEYS)
        self.baselines: dict[str, QLineEdit] = {}
        for key in indicators.KEYS:
            edit = QLineEdit(show_baseline(s.get(indicators.BASELINE_SETTING[key], "")))
            edit.setObjectName(f"baseline_{key}")
            edit.setPlaceholderText(
                f"{domain.format_percent(_float(computed[key]))} (tự tính)")  # — if unknown
            # as wide as its hint, which is read whole («66,7 % (tự tính)»)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText())
                                 + 24)
            edit.setMaximumWidth(max(170, edit.minimumWidth()))
            self.baselines[key] = edit
        self.baseline_note = QLabel(
            f"Số liệu ngày {plan.baseline_date:%d/%m/%Y}, để trống thì tự tính.")
        self.baseline_note.setToolTip(
            "Số liệu gốc là số liệu ngày trước ngày bắt đầu kế hoạch, tính từ các bản ghi có "
            "ngày. Chỉ nhập khi có số liệu gốc chính thức khác, theo phần trăm (33,3) hoặc "
            "theo số lượng (2/6).")
        self.baseline_note.setWordWrap(True)
        self.baseline_note.setStyleSheet("color: #555;")
        self.signer_name = QLineEdit(s["signer_name"])
        self.signer_title = QLineEdit(s["signer_title"])
        self.signer_authority = QPlainTextEdit(s["signer_authority"])
        self.signer_authority.setFixedHeight(48)
        self.document_number = QLineEdit(s["document_number"])
        self.plan_number = QLineEdit(s["plan_number"])
        self.plan_number.setObjectName("plan_number")
        self.plan_number.setPlaceholderText("ví dụ 125/KH-UBND; để trống nếu chưa có")
        self.plan_date = DateField()
        self.plan_date.setObjectName("plan_date")
        self.plan_date.set_iso(s["plan_date"] if not domain.setting_problems(
            {"plan_date": s["plan_date"]}) else "")
        self.recipients = QPlainTextEdit(s["recipients"])
        self.recipients.setFixedHeight(90)
        self.report_deadline = QLineEdit(s["report_deadline"])
        self.report_deadline.setObjectName("report_deadline")
        self.report_deadline.setMaximumWidth(90)
        self.report_deadline.setToolTip("Các đơn vị gửi báo cáo năm trước ngày này (Mục VI "
                                        "của Kế hoạch: trước ngày 15/11); gửi đúng ngày "
                                        "này là muộn")
        self.pool_review_by = QLineEdit(s["pool_review_by"])
        self.pool_review_by.setObjectName("pool_review_by")
        self.pool_review_by.setMaximumWidth(90)
        self.pool_review_by.setToolTip("Kế hoạch (III.2): định kỳ hằng năm rà soát, điều chỉnh, "
                                       "bổ sung quy hoạch; từ ngày này chương trình nhắc nếu "
                                       "năm đó chưa ghi nhận lần rà soát")
        self.target_btv = QLineEdit(show_baseline(s["target_btv"]))
        self.target_btv.setObjectName("target_btv")
        self.target_btv.setMaximumWidth(90)
        self.target_btv.setPlaceholderText("không đặt")
        self.target_btv.setToolTip("Tỷ lệ nữ giữ các chức vụ diện Ban Thường vụ Đảng ủy quản "
                                   "lý (%); để trống: chỉ theo dõi, không đánh giá")
        self.entered_by = QLineEdit(s["entered_by"])
        self.entered_by.setPlaceholderText("Họ tên người nhập liệu, ghi vào nhật ký thay đổi")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        if stored_problems:
            self.error.setText("Giá trị đang lưu không dùng được, đã thay bằng giá trị mặc "
                               "định: " + "; ".join(stored_problems.values())
                               + ". Bấm Lưu để ghi lại.")
            self.error.setWordWrap(True)
            self.error.show()

        form = QFormLayout()
        form.addRow("Tên xã:", self.commune)
        form.addRow("Mã xã (danh mục hành chính):", self.commune_code)
        form.addRow("Tỉnh:", self.province)
        form.addRow("Cơ quan chủ quản:", self.parent_body)
        form.addRow("", parent_note)
        form.addRow("Mục tiêu CT1 (đơn vị có nữ lãnh đạo chủ chốt):", self.targets[1])
        form.addRow("Mục tiêu CT2 (nữ trong quy hoạch):", self.targets[2])
        form.addRow("Mục tiêu CT3 (nữ quy hoạch được đào tạo):", self.targets[3])
        form.addRow("Năm đạt mục tiêu:", self.target_year)
        form.addRow("Ngày bắt đầu kế hoạch:", self.plan_start)
        grid = QGridLayout()  # four short fields, two to a row: the dialog stays short
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, edit) in enumerate(self.baselines.items()):
            label = QLabel(f"{indicators.SHORT[key]}:")
            label.setBuddy(edit)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        grid.addWidget(self.baseline_note, 2, 0, 1, 4)
        form.addRow("Số liệu gốc:", grid)
        form.addRow("Tính đào tạo từ ngày:", self.training_since)
        form.addRow("Số kế hoạch:", self.plan_number)
        form.addRow("Ngày kế hoạch:", self.plan_date)
        form.addRow("Số văn bản báo cáo:", self.document_number)
        form.addRow("Thẩm quyền ký:", self.signer_authority)
        form.addRow("Chức vụ người ký:", self.signer_title)
        form.addRow("Họ tên người ký:", self.signer_name)
        form.addRow("Nơi nhận (mỗi dòng một nơi):", self.recipients)
        form.addRow("Đơn vị gửi báo cáo năm trước ngày (ngày/tháng):", self.report_deadline)
        form.addRow("Rà soát quy hoạch hằng năm trước ngày (ngày/tháng):", self.pool_review_by)
        form.addRow("Chỉ tiêu nữ giữ chức vụ diện BTV Đảng ủy (%):", self.target_btv)
        form.addRow("Người nhập liệu:", self.entered_by)
        buttons = save_cancel_buttons(self, self.save)
        fields = QWidget()
        fields.setLayout(form)
        self.scroll = scrolling(fields)  # on a small screen the form scrolls
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(680)
        fit_scrolling_height(self.scroll, self)

    def values(self) -> dict[str, str]:
        """The settings to save; raises ValueError with a Vietnamese sentence."""
        try:
            since = self.training_since.date() or dt.date(2021, 1, 1)
        except ValueError as exc:
            raise ValueError(f"Ngày bắt đầu tính đào tạo: {exc}.") from None
        try:
            start = self.plan_start.date() or dt.date(2026, 1, 1)
        except ValueError as exc:
            raise ValueError(f"Ngày bắt đầu kế hoạch: {exc}.") from None
        if start.year >= self.target_year.value():
            raise ValueError("Ngày bắt đầu kế hoạch phải trước năm đạt mục tiêu.")
        deadline = self.report_deadline.text().strip() or \
            domain.DEFAULT_SETTINGS["report_deadline"]
        try:
            day = submissions.parse_deadline(deadline, 2024)  # a leap year: 29/2 is a day
        except ValueError as exc:
            raise ValueError(f"Hạn gửi báo cáo: {exc}.") from None
        try:
            plan_date = self.plan_date.date()
        except ValueError as exc:
            raise ValueError(f"Ngày kế hoạch: {exc}.") from None
        review_by = self.pool_review_by.text().strip() or \
            domain.DEFAULT_SETTINGS["pool_review_by"]
        try:
            review_day = submissions.parse_deadline(review_by, 2024)
        except ValueError as exc:
            raise ValueError(f"Hạn rà soát quy hoạch: {exc}.") from None
        try:
            target_btv = parse_baseline(self.target_btv.text())
        except ValueError as exc:
            raise ValueError(f"Chỉ tiêu nữ giữ chức vụ diện BTV: {exc}.") from None
        out = {
            "pool_review_by": f"{review_day.day:02d}/{review_day.month:02d}",
            "target_btv": target_btv,
            "plan_start": start.isoformat(),
            "commune_name": self.commune.text().strip(),
            "commune_code": self.commune_code.text().strip(),
            "province_name": " ".join(self.province.text().split()),
            "parent_body": " ".join(self.parent_body.text().split()),
            "target_year": str(self.target_year.value()),
            "training_since": since.isoformat(),
            "signer_name": self.signer_name.text().strip(),
            "signer_title": self.signer_title.text().strip(),
            "signer_authority": self.signer_authority.toPlainText().strip(),
            "document_number": self.document_number.text().strip(),
            "plan_number": " ".join(self.plan_number.text().split()),
            "plan_date": plan_date.isoformat() if plan_date else "",
            "recipients": self.recipients.toPlainText().strip(),
            "entered_by": self.entered_by.text().strip(),
            "report_deadline": f"{day.day:02d}/{day.month:02d}",
        }
        for i, box in self.targets.items():
            # an exact decimal string: 75 % -> "0.75", compared as a fraction
            out[f"target_ct{i}"] = str(Decimal(round(box.value() * 10)) / Decimal(1000))
        for key, edit in self.baselines.items():
            try:
                out[indicators.BASELINE_SETTING[key]] = parse_baseline(edit.text())
            except ValueError as exc:
                raise ValueError(f"Số liệu gốc {indicators.SHORT[key]}: {exc}.") from None
        return out

    def save(self) -> None:
        try:
            values = self.values()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if not values["commune_name"]:
            self.error.setText("Tên xã không được để trống.")
            self.error.show()
            return
        before = self.store.settings.read()
        try:
            self.store.settings.save(values)
        except domain.Invalid as exc:
            self.error.setText("; ".join(exc.problems.values()) + ".")
            self.error.show()
            return
        except StoreError as exc:
            tell(self, "Không lưu được cài đặt", exc.message)
            return

        remember_values(self, "sửa cài đặt", self.store.settings.read, self.store.settings.save,
                        before)
        self.accept()
