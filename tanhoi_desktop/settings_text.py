"""Settings as text (`settings --db F [--set KEY=VALUE …]`, spec/cli.md): listing them as
`KEY = value` lines, and checking typed values with the rules of Cài đặt before they are
saved (store.settings.save audits them). No Qt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from . import domain
from .figures import submissions

# the keys a user may set: the defaults' keys (file_id is the file's identity, not a setting)
SETTABLE = tuple(domain.DEFAULT_SETTINGS)
_DATES = ("plan_start", "training_since")
_SHARES = ("target_ct1", "target_ct2", "target_ct3")
_BASELINES = ("baseline_ct1", "baseline_ct1_adj", "baseline_ct2", "baseline_ct3")
_MULTILINE = ("signer_authority", "recipients")


def listed(settings: dict[str, str]) -> list[str]:
    """`KEY = value` for every settable key (a line break shown as \\n)."""
    return [f"{key} = {(settings.get(key) or '').replace(chr(10), chr(92) + 'n')}"
            for key in SETTABLE]


def _share(text: str) -> str:
    """A share as Cài đặt stores it: "0.75", from "0.75", "75 %", "75,0" or "3/4"."""
    raw = text.strip().replace(" ", "")
    if "/" in raw:
        value = Fraction(raw)
    elif raw.endswith("%") or Decimal(raw.replace(",", ".")) > 1:
        value = Fraction(Decimal(raw.rstrip("%").replace(",", "."))) / 100
    else:
        value = Fraction(Decimal(raw.replace(",", ".")))
    if not 0 <= value <= 1:
        raise ValueError("tỷ lệ phải từ 0 đến 100 %")
    if "/" in raw:
        return f"{value.numerator}/{value.denominator}"
    return str(Decimal(value.numerator) / Decimal(value.denominator))


def parse_value(key: str, text: str) -> str:
    """The value of `key` as stored, from what was typed. Raises ValueError (Vietnamese)."""
    text = text.strip()
    if key in _DATES:
        return domain.parse_date(text).isoformat()
    if key == "plan_date":  # may be left empty; typed as every date on the command line
        return domain.parse_date(text).isoformat() if text else ""
    if key == "target_year":
        if not text.isdigit() or not domain.MIN_YEAR <= int(text) <= domain.MAX_YEAR:
            raise ValueError(f"«{text}» không phải năm hợp lệ (ví dụ 2030)")
        return str(int(text))
    if key in _SHARES or (key in _BASELINES and text):
        try:
            return _share(text)
        except (ValueError, ZeroDivisionError, InvalidOperation, ArithmeticError):
            raise ValueError(f"«{text}» không phải tỷ lệ hợp lệ (ví dụ 75 %, 0.75 hoặc "
                             "3/4)") from None
    if key == "report_deadline":
        day = submissions.parse_deadline(text, 2024)  # a leap year: 29/2 is a day
        return f"{day.day:02d}/{day.month:02d}"
    if key in _MULTILINE:
        return "\n".join(line.strip() for line in text.replace("\\n", "\n").splitlines()
                         if line.strip())
    if key in ("province_name", "parent_body"):
        return " ".join(text.split())
    return text


def checked(current: dict[str, str], assignments: list[str]
            ) -> tuple[dict[str, str], list[str], list[str]]:
    """(values to save, problems of the typed values, unusable arguments). `assignments`
    are `KEY=VALUE` texts; every problem is one Vietnamese line naming the key."""
    values: dict[str, str] = {}
    problems: list[str] = []
    unusable: list[str] = []
    for item in assignments:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep:
            unusable.append(f"«{item}» không có dạng KHÓA=GIÁ_TRỊ.")
            continue
        if key not in SETTABLE:
            unusable.append(f"Không có cài đặt «{key}». Các khóa: {', '.join(SETTABLE)}.")
            continue
        try:
            values[key] = parse_value(key, text)
        except ValueError as exc:
            problems.append(f"{key}: {exc}.")
    merged = {**current, **values}
    if "commune_name" in values and not values["commune_name"]:
        problems.append("commune_name: tên xã không được để trống.")
    for key, message in domain.setting_problems(values).items():
        problems.append(f"{key}: {message}.")
    if not problems and ({"plan_start", "target_year"} & set(values)):
        try:
            start = dt.date.fromisoformat(merged["plan_start"])
            if start.year >= int(merged["target_year"]):
                problems.append("plan_start, target_year: ngày bắt đầu kế hoạch phải "
                                "trước năm đạt mục tiêu.")
        except ValueError:
            pass  # a bad stored value: setting_problems names it when it is typed
    return values, problems, unusable


def shown_share(stored: str) -> str:
    """A stored share as typed in a form: "0.75" -> "75,0 %" (a decimal comma, as every
    percentage is shown), "0.6667" -> "66,67 %", "3/4" stays."""
    if "/" in stored:
        return stored
    try:
        value = Decimal(stored) * 100
    except (InvalidOperation, ArithmeticError):
        return stored
    text = f"{value.normalize():f}"
    if "." not in text:
        text += ".0"
    return f"{text.replace('.', ',')} %"
