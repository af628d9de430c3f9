"""Vocabularies, record shapes and validation. Pure Python: no Qt, no SQL.

Every value that enters the data file (from a form or a workbook) goes through
`validate`, which returns the canonical stored form or Vietnamese messages.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from . import vntext

# --- vocabularies (canonical spellings, spec/exchange-workbook.md) -----------------

UNIT_KINDS = (
    "Cơ quan QLNN, chính quyền",
    "Đơn vị sự nghiệp công lập",
    "MTTQ, tổ chức CT-XH",
    "Khác",
)
UNIT_KIND_DEFAULT = UNIT_KINDS[0]
GENDERS = ("Nam", "Nữ")
FEMALE = "Nữ"
YES, NO = "Có", "Không"
CATEGORIES = ("Cán bộ", "Công chức", "Viên chức", "Người lao động")
EDUCATION = ("Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
POLITICAL_THEORY = ("Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân")
STATE_MANAGEMENT = ("Chuyên viên", "Chuyên viên chính", "Chuyên viên cao cấp")
LEVELS = ("Cấp trưởng", "Cấp phó")
COURSE_KINDS = (
    "Chuyên môn, nghiệp vụ",
    "Lý luận chính trị",
    "Quản lý nhà nước",
    "Ngoại ngữ",
    "Tin học",
    "Kỹ năng lãnh đạo, quản lý",
    "Hội nhập quốc tế, CMCN 4.0",
    "Bình đẳng giới",
    "Khác",
)
UNIT_ROLES = ("HĐND", "UBND")  # the commune's council and committee (CT1 national)
RESULTS = ("Hoàn thành", "Chưa hoàn thành")
RESULT_DONE = RESULTS[0]
ETHNICITY_DEFAULT = "Kinh"

# The plan's activities (Hoạt động) and budget (Kinh phí), plan sections III and IV.
ACTIVITY_KINDS = (
    "Tuyên truyền, giáo dục",
    "Hội nghị, tập huấn",
    "Thanh tra, kiểm tra",
    "Giám sát, phản biện xã hội (MTTQ, đoàn thể)",
    "Lồng ghép giới trong văn bản",
    "Khác",
)
INSPECTION = ACTIVITY_KINDS[2]
# The plan's five task groups (section III): stored as the code, shown with a short title.
TASK_GROUPS: dict[str, str] = {
    "III.1": "Nâng cao nhận thức, trách nhiệm về công tác cán bộ nữ",
    "III.2": "Đào tạo, bồi dưỡng gắn với quy hoạch, tạo nguồn cán bộ nữ",
    "III.3": "Bình đẳng giới trong bố trí, sử dụng cán bộ",
    "III.4": "Nâng cao năng lực nữ cán bộ, hội nhập quốc tế",
    "III.5": "Thanh tra, kiểm tra việc thực hiện chính sách",
}
FUNDING_SOURCES = (
    "Ngân sách nhà nước",
    "Chương trình mục tiêu quốc gia",
    "Tài trợ, đóng góp",
    "Khác",
)
STATE_BUDGET = FUNDING_SOURCES[0]
FOLLOW_UP_STATUSES = ("Đã khắc phục", "Đang khắc phục", "Chưa khắc phục")
NOT_FIXED = FOLLOW_UP_STATUSES[2]
# An activity's state (spec/plan-work.md); empty means done. Done on d also needs its
# last day on or before d: report/yearly_work and store/plan apply that rule.
ACTIVITY_STATES = ("Đã thực hiện", "Kế hoạch", "Hủy")
DONE, PLANNED, CANCELLED = ACTIVITY_STATES
MIN_YEAR, MAX_YEAR = 2000, 2100

MAX_TEXT = 200
MAX_NOTE = 2000


def default_in_scope(kind: str | None) -> bool:
    """Tính chỉ tiêu 1 defaults to yes for state agencies only (spec/indicators.md)."""
    return (kind or UNIT_KIND_DEFAULT) == UNIT_KIND_DEFAULT


@functools.cache
def _folded_choices(choices: tuple[str, ...]) -> dict[str, str]:
    return {vntext.fold_compact(choice): choice for choice in choices}


@functools.cache
def _folded_aliases(aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {vntext.fold_compact(alias): choice for alias, choice in aliases}


@functools.lru_cache(maxsize=4096)  # a workbook repeats the same few spellings
def match_choice(raw: str, choices: tuple[str, ...],
                 aliases: tuple[tuple[str, str], ...] = ()) -> str | None:
    """The canonical spelling of `raw`, ignoring case, diacritics, spacing and punctuation."""
    key = vntext.fold_compact(raw)
    found = _folded_choices(choices).get(key)
    if found is None and aliases:
        found = _folded_aliases(aliases).get(key)
    return found


# --- dates -------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


# Dates the program takes (spec/exchange-workbook.md): anything outside is a typo
# («01/06/0202»), and would break the computations around it (a day before 01/01/0001).
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DATE_RANGE_TEXT = "01/01/1900 đến 31/12/2100"


def check_date_range(day: dt.date, shown: str | None = None) -> dt.date:
    """`day` when it lies in the range the program takes; else ValueError (Vietnamese)."""
    if not FIRST_DATE <= day <= LAST_DATE:
        shown = shown or f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
        raise ValueError(f"ngày «{shown}» nằm ngoài khoảng {DATE_RANGE_TEXT} (có lẽ gõ nhầm "
                         "năm)")
    return day


def iso_in_range(iso: str | None) -> bool:
    """Whether a stored ISO date (or a bare year) lies in the range the program takes."""
    return not iso or FIRST_DATE.isoformat()[:len(iso)] <= iso <= LAST_DATE.isoformat()


def parse_date(raw: Any, *, check_range: bool = True) -> dt.date:
    """A date from a date/datetime cell or text dd/mm/yyyy (day first), d/m/yyyy,
    dd-mm-yyyy or yyyy-mm-dd, between 01/01/1900 and 31/12/2100 (unless told not to
    check). Raises ValueError with a Vietnamese message."""
    if isinstance(raw, dt.datetime):
        day, text = raw.date(), None
    elif isinstance(raw, dt.date):
        day, text = raw, None
    else:
        text = _number_text(raw, "ngày hợp lệ (dùng dạng dd/mm/yyyy)")
        if match := _YMD.match(text):
            y, m, d = (int(g) for g in match.groups())
        elif match := _DMY.match(text):
            d, m, y = (int(g) for g in match.groups())
        else:
            raise ValueError(f"«{text}» không phải ngày hợp lệ (dùng dạng dd/mm/yyyy)")
        try:
            day = dt.date(y, m, d)
        except ValueError:
            raise ValueError(f"ngày «{text}» không tồn tại") from None
    return check_date_range(day, text) if check_range else day


def format_date(iso: str | None) -> str:
    """ISO date (or a bare year) as shown to users: dd/mm/yyyy."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    if len(parts) != 3:  # a bare year, or text another program stored: shown as it is
        return str(iso)
    y, m, d = parts
    return f"{d}/{m}/{y}"


def format_dong(amount: int | None) -> str:
    """An amount of đồng with dot thousands separators: 1250000 -> '1.250.000'; '' for
    None. Amounts are integers everywhere, never floats."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".")


def task_group_text(code: str | None) -> str:
    """'III.1. Nâng cao nhận thức…' as the workbook and the window show a task group."""
    if not code:
        return ""
    title = TASK_GROUPS.get(code)
    return f"{code}. {title}" if title else code


def _hundredths(value: float | Fraction, digits: int) -> str:
    """value × 100 with `digits` decimals, a tie rounded up as a hand count and Excel's
    ROUND do (5/16 = 31,25 % → 31,3 %; Python's format rounds a tie to even: 31,2 %).
    A float is taken at its shortest decimal spelling (0.3125, not its binary tail)."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    else:
        exact = Decimal(repr(value)) * 100
    return str(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def format_percent(value: float | Fraction | None, digits: int = 1) -> str:
    """66,7 % — one decimal, comma as the decimal mark; '—' when undefined."""
    if value is None:
        return "—"
    return _hundredths(value, digits).replace(".", ",") + " %"


def format_points(change: Fraction | float | None) -> str:
    """+10,0 điểm %: the change between two percentages, in percentage points."""
    if change is None:
        return "—"
    text = _hundredths(-change if change < 0 else change, 1).replace(".", ",")
    if text == "0,0":
        return "0,0 điểm %"
    return f"{'+' if change > 0 else '−'}{text} điểm %"


# --- record shapes ---------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str  # column name in the data file
    header: str  # Vietnamese header in the workbook and the UI
    # text | note | choice | bool | date | birth | money | count | year | code | ref | refs
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    ref: str | None = None  # for kind "ref"/"refs": the entity whose code(s) this is
    # for a choice: other spellings that mean a choice (folded-equal), e.g. a task group's
    # title or its "III.1. title" for the code "III.1"
    aliases: tuple[tuple[str, str], ...] = ()
    display: Callable[[Any], str] | None = None  # how a stored value is shown, if not as is


# A rule across fields: (validated values, names present) -> {field: message}
Rule = Callable[[dict[str, Any], set[str]], dict[str, str]]


@dataclass(frozen=True)
class Entity:
    name: str  # table name
    sheet: str  # workbook sheet name
    label: str  # what one record is called, for messages
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # fields that identify a record on import
    # what the stored sort_key is made of (Vietnamese order) and whether it is a
    # person's name (sorted by given name); the text folded into search_text
    sort_field: str | None = None
    sort_as_name: bool = False
    search_fields: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()  # checks across fields, after each field is valid
    # the field a user knows one record by (a unit's name, a post's title); None: the
    # record has no name of its own, its key says which it is
    name_field: str | None = None
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def name_of(self, record: dict[str, Any]) -> str:
        """What a user calls one record in a question or a message: its name, else its
        code, else nothing."""
        return (self.name_field and record.get(self.name_field)) or record.get("code") or ""


_FROM = Field("from_date", "Từ ngày", "date")
_TO = Field("to_date", "Đến ngày", "date")
_NOTE = Field("note", "Ghi chú", "note")
_DECISION = Field("decision_no", "Số quyết định")
# a post or planning title that the Party committee's Standing Committee manages (plan I.1)
_BTV = Field("btv", "Diện BTV Đảng ủy quản lý", "bool", default=False)

UNITS = Entity(
    "units", "Đơn vị", "đơn vị",
    (
        Field("code", "Mã đơn vị", "code", True),
        Field("name", "Tên đơn vị", required=True),
        Field("kind", "Loại đơn vị", "choice", choices=UNIT_KINDS, default=UNIT_KIND_DEFAULT),
        Field("in_scope_ct1", "Tính chỉ tiêu 1", "bool"),
        Field("special_sector", "Ngành đặc thù", "bool", default=False),
        Field("special_reason", "Lý do đặc thù", "note"),
        Field("role", "Vai trò", "choice", choices=UNIT_ROLES),
        _FROM, _TO, _NOTE,
    ),
    key=("code",), sort_field="name", search_fields=("name", "code"),
    name_field="name",
)
CADRES = Entity(
    "cadres", "Cán bộ", "cán bộ",
    (
        Field("code", "Mã cán bộ", "code", True),
        Field("full_name", "Họ và tên", required=True),
        Field("gender", "Giới tính", "choice", True, choices=GENDERS),
        Field("birth", "Ngày sinh", "birth"),
        Field("ethnicity", "Dân tộc", default=ETHNICITY_DEFAULT),
        Field("unit_code", "Mã đơn vị", "ref", True, ref="units"),
        Field("category", "Đối tượng", "choice", choices=CATEGORIES),
        Field("position", "Chức vụ"),
        Field("education", "Trình độ chuyên môn", "choice", choices=EDUCATION),
        Field("political_theory", "Lý luận chính trị", "choice", choices=POLITICAL_THEORY),
        Field("state_management", "Quản lý nhà nước", "choice", choices=STATE_MANAGEMENT),
        Field("languages_it", "Ngoại ngữ, Tin học"),
        _FROM, _TO, _NOTE,
    ),
    key=("code",), sort_field="full_name", sort_as_name=True,
    search_fields=("full_name", "code"), name_field="full_name",
)
POSTS = Entity(
    "posts", "Lãnh đạo", "chức vụ lãnh đạo",
    (
        Field("cadre_code", "Mã cán bộ", "ref", True, ref="cadres"),
        Field("unit_code", "Mã đơn vị", "ref", True, ref="units"),
        Field("title", "Chức vụ", required=True),
        Field("level", "Cấp", "choice", True, choices=LEVELS),
        _DECISION, _FROM, _TO, _BTV,
    ),
    key=("cadre_code", "unit_code", "title", "from_date"), name_field="title",
)
PLANNING = Entity(
    "planning", "Quy hoạch", "mục quy hoạch",
    (
        Field("cadre_code", "Mã cán bộ", "ref", True, ref="cadres"),
        Field("title", "Chức danh quy hoạch", required=True),
        Field("unit_code", "Mã đơn vị", "ref", ref="units"),
        Field("period", "Giai đoạn"),
        _DECISION, _FROM, _TO, _NOTE, _BTV,
    ),
    key=("cadre_code", "unit_code", "title", "from_date"), name_field="title",
)
COURSES = Entity(
    "courses", "Lớp học", "lớp học",
    (
        Field("code", "Mã lớp", "code", True),
        Field("name", "Tên lớp", required=True),
        Field("kind", "Loại", "choice", True, choices=COURSE_KINDS),
        Field("organizer", "Đơn vị tổ chức"),
        _FROM, _TO,
        Field("location", "Địa điểm"),
        Field("cost", "Kinh phí", "money"),
    ),
    key=("code",), sort_field="name", search_fields=("name", "code"),
    name_field="name",
)
ENROLMENTS = Entity(
    "enrolments", "Học viên", "học viên",
    (
        Field("course_code", "Mã lớp", "ref", True, ref="courses"),
        Field("cadre_code", "Mã cán bộ", "ref", True, ref="cadres"),
        Field("result", "Kết quả", "choice", choices=RESULTS, default=RESULT_DONE),
        Field("certificate_no", "Số chứng chỉ"),
    ),
    key=("course_code", "cadre_code"),
)



def _women_within_total(v: dict[str, Any], names: set[str]) -> dict[str, str]:
    total, women = v.get("participants"), v.get("participants_women")
    if total is None and women and "participants" in names:
        return {"participants_women": "có số nữ thì phải ghi tổng số người tham gia"}
    if total is not None and women is not None and women > total:
        return {"participants_women": f"số nữ ({women}) không được lớn hơn tổng số người "
                                      f"tham gia ({total})"}
    return {}


def _inspection_fields(v: dict[str, Any], names: set[str]) -> dict[str, str]:
    """Findings, recommendations and their follow-up belong to inspections only."""
    if "kind" not in names or v.get("kind") == INSPECTION:
        problems = {}
        if v.get("follow_up_date") and "follow_up" in names and not v.get("follow_up"):
            problems["follow_up"] = "có ngày cập nhật thì phải chọn tình trạng khắc phục"
        start = v.get("from_date")
        if v.get("follow_up_date") and start and v["follow_up_date"] < start:
            problems["follow_up_date"] = "ngày cập nhật khắc phục không được trước «Từ ngày»"
        return problems
    return {name: f"chỉ ghi cho hoạt động loại «{INSPECTION}»"
            for name in ("findings", "recommendations", "follow_up", "follow_up_date")
            if v.get(name)}


def _funding_for_cost(v: dict[str, Any], names: set[str]) -> dict[str, str]:
    if v.get("cost") and "funding" in names and not v.get("funding"):
        return {"funding": "có kinh phí thì phải chọn nguồn kinh phí"}
    return {}


ACTIVITIES = Entity(
    "activities", "Hoạt động", "hoạt động",
    (
        Field("code", "Mã hoạt động", "code", True),
        Field("kind", "Loại hoạt động", "choice", True, choices=ACTIVITY_KINDS),
        Field("task_group", "Nhóm nhiệm vụ", "choice", True, choices=tuple(TASK_GROUPS),
              aliases=tuple((alias, code) for code, title in TASK_GROUPS.items()
                            for alias in (title, task_group_text(code))),
              display=task_group_text),
        Field("title", "Tên hoạt động", required=True),
        Field("from_date", "Từ ngày", "date", True), _TO,
        Field("state", "Tình trạng", "choice", choices=ACTIVITY_STATES, default=DONE),
        Field("unit_code", "Đơn vị chủ trì", "ref", True, ref="units"),
        Field("partner_codes", "Đơn vị phối hợp", "refs", ref="units", default=()),
        Field("participants", "Số người tham gia", "count"),
        Field("participants_women", "Trong đó nữ", "count"),
        Field("cost", "Kinh phí", "money"),
        Field("funding", "Nguồn kinh phí", "choice", choices=FUNDING_SOURCES),
        Field("findings", "Kết quả kiểm tra", "note"),
        Field("recommendations", "Kiến nghị", "note"),
        Field("follow_up", "Tình trạng khắc phục", "choice", choices=FOLLOW_UP_STATUSES),
        Field("follow_up_date", "Ngày cập nhật khắc phục", "date"),
        _NOTE,
    ),
    key=("code",), sort_field="title", search_fields=("title", "code"), name_field="title",
    rules=(_women_within_total, _inspection_fields, _funding_for_cost),
)
BUDGET = Entity(
    "budget", "Kinh phí", "dòng kinh phí",
    (
        Field("year", "Năm", "year", True),
        Field("unit_code", "Mã đơn vị", "ref", True, ref="units"),
        Field("funding", "Nguồn kinh phí", "choice", True, choices=FUNDING_SOURCES),
        Field("estimate", "Dự toán", "money"),
        Field("spent", "Thực hiện", "money"),
        _NOTE,
    ),
    key=("year", "unit_code", "funding"),
)



def _within(part: str, whole: str, part_text: str, whole_text: str) -> Rule:
    def rule(v: dict[str, Any], names: set[str]) -> dict[str, str]:
        if v.get(part) is not None and v.get(whole) is not None and v[part] > v[whole]:
            return {part: f"{part_text} ({v[part]}) không được lớn hơn {whole_text} "
                          f"({v[whole]})"}
        return {}
    return rule


# The plan's planning duties (plan III.2, V.4): what the commune plans, beside what it did.
TRAINING_PLAN = Entity(
    "training_plan", "Kế hoạch đào tạo", "dòng kế hoạch đào tạo",
    (
        Field("year", "Năm", "year", True),
        Field("kind", "Loại lớp", "choice", True, choices=COURSE_KINDS),
        Field("planned", "Số người cần đào tạo", "count", True),
        Field("planned_women", "Trong đó nữ", "count"),
        Field("planned_pool_women", "Trong đó nữ trong quy hoạch", "count"),
        Field("unit_code", "Mã đơn vị", "ref", ref="units"),
        Field("estimate", "Kinh phí dự kiến", "money"),
        _NOTE,
    ),
    key=("year", "kind", "unit_code"),
    rules=(_within("planned_women", "planned", "số nữ", "số người cần đào tạo"),
           _within("planned_pool_women", "planned_women", "số nữ trong quy hoạch",
                   "số nữ")),
)
POOL_REVIEWS = Entity(
    "pool_reviews", "Rà soát quy hoạch", "lần rà soát quy hoạch",
    (
        Field("year", "Năm", "year", True),
        Field("review_date", "Ngày rà soát", "date", True),
        _DECISION, _NOTE,
    ),
    key=("year",),
)
UNIT_TARGETS = Entity(
    "unit_targets", "Chỉ tiêu đơn vị", "chỉ tiêu của đơn vị",
    (
        Field("unit_code", "Mã đơn vị", "ref", True, ref="units"),
        # empty: the whole plan period; else one year of it
        Field("year", "Năm (trống: cả giai đoạn)", "year"),
        Field("female_key_leader", "Có nữ lãnh đạo chủ chốt", "bool"),
        Field("pool_women_percent", "Tỷ lệ nữ trong quy hoạch (%)", "count"),
        Field("women_to_train", "Số nữ cần đào tạo", "count"),
        _NOTE,
    ),
    key=("unit_code", "year"),
    rules=(lambda v, names: {"pool_women_percent": "tỷ lệ phải từ 0 đến 100"}
           if (v.get("pool_women_percent") or 0) > 100 else {},),
)

ENTITIES: tuple[Entity, ...] = (UNITS, CADRES, POSTS, PLANNING, COURSES, ENROLMENTS,
                                ACTIVITIES, BUDGET, TRAINING_PLAN, POOL_REVIEWS,
                                UNIT_TARGETS)
ENTITY = {e.name: e for e in ENTITIES}


# --- validation --------------------------------------------------------------------

class Invalid(ValueError):
    """One or more fields are wrong; `problems` maps field name -> Vietnamese message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        text = raw.strip()
        # a cell holding only a zero-width space or a BOM is empty too
        return not text or (not text.isprintable() and not vntext.clean(text))
    return False


CONTROL_CHARS = "có ký tự điều khiển không hợp lệ"


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    key = vntext.fold_compact(raw)
    if key in ("co", "x", "yes", "true", "1"):
        return True
    if key in ("khong", "no", "false", "0"):
        return False
    raise ValueError(f"«{vntext.clean(raw)}» phải là «Có» hoặc «Không»")


# Money as offices type it (spec/exchange-workbook.md): plain digits, or groups of three
# split by dots (a comma before zero cents), by commas (a dot before zero cents) or by
# spaces; a unit word after it is allowed.
MAX_MONEY_DIGITS = 15
MAX_MONEY = 10 ** MAX_MONEY_DIGITS - 1
_MONEY_FORMS = (
    re.compile(r"(\d+)(?:[.,]00?)?"),
    re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,00?)?"),
    re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.00?)?"),
    re.compile(r"(\d{1,3}(?: \d{3})+)(?:[.,]00?)?"),  # "1 250 000", as some type it
)
_MONEY_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)
# Longer text is no amount: it is refused before any pattern or number parsing looks at
# it ("1e999999999", a cell of thousands of digits).
_MAX_NUMBER_TEXT = 40


def _number_text(raw: Any, what: str) -> str:
    """A cell or field meant as a number, as short text; ValueError for anything longer."""
    text = raw if type(raw) is str else str(raw)
    if len(text) > 4 * _MAX_NUMBER_TEXT:
        raise ValueError(f"không phải {what}: quá dài")
    text = vntext.clean(text)
    if len(text) > _MAX_NUMBER_TEXT:
        raise ValueError(f"«{text[:_MAX_NUMBER_TEXT]}…» không phải {what}: quá dài")
    return text


def _whole_number(raw: float | int, what: str) -> int:
    """A number cell that must hold a whole number (Excel stores every number as a
    float): never infinity, NaN or a fraction."""
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw):
            raise ValueError(f"«{_number_text(raw, what)}» không phải {what}")
        return int(raw)
    return raw


def _parse_money(raw: Any) -> int:
    """Whole đồng, read exactly as spec/exchange-workbook.md says; anything else (a
    fraction of a đồng, an exponent, Infinity, more than 15 digits) is refused."""
    if isinstance(raw, bool):
        raise ValueError("kinh phí phải là một số tiền")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and math.isfinite(raw) and raw != int(raw):
            raise ValueError(f"«{_number_text(raw, 'số tiền')}» không phải số đồng nguyên"
                             " (không ghi phần lẻ của đồng)")
        value = _whole_number(raw, "số tiền")
        if value < 0:
            raise ValueError("kinh phí không được âm")
    else:
        text = _MONEY_UNIT.sub("", _number_text(raw, "số tiền"))
        digits = next((m[1] for form in _MONEY_FORMS if (m := form.fullmatch(text))),
                      None)
        if digits is None:
            if text[:1] == "-" and any(f.fullmatch(text[1:].strip()) for f in _MONEY_FORMS):
                raise ValueError("kinh phí không được âm")
            raise ValueError(f"«{text}» không phải số tiền (ghi số đồng nguyên, ví dụ "
                             "15.000.000 hoặc 15000000)")
        digits = re.sub(r"[., ]", "", digits).lstrip("0") or "0"
        if len(digits) > MAX_MONEY_DIGITS:
            raise ValueError(f"«{text}» quá lớn: kinh phí có nhiều nhất "
                             f"{MAX_MONEY_DIGITS} chữ số")
        value = int(digits)
    if value > MAX_MONEY:
        raise ValueError(f"«{format_dong(value)}» quá lớn: kinh phí có nhiều nhất "
                         f"{MAX_MONEY_DIGITS} chữ số")
    return value


_MAX_COUNT = 10 ** 9  # people: far above any commune's, far below SQLite's integer


def _parse_count(raw: Any) -> int:
    """A number of people: a whole number, 0 or more ("1.200" is twelve hundred)."""
    if isinstance(raw, bool):
        raise ValueError("phải là một số người")
    if isinstance(raw, int | float):
        value = _whole_number(raw, "số người (số nguyên)")
    else:
        text = _number_text(raw, "số người (số nguyên)").replace(".", "").replace(" ", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"«{vntext.clean(raw)}» không phải số người (số nguyên)")
        value = int(text)
    if value < 0:
        raise ValueError("số người không được âm")
    if value > _MAX_COUNT:
        raise ValueError(f"«{format_dong(value)}» người: số quá lớn")
    return value


def _parse_year(raw: Any) -> int:
    if isinstance(raw, float) and math.isfinite(raw) and raw == int(raw):
        raw = int(raw)
    text = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else \
        _number_text(raw, "năm hợp lệ (ví dụ 2026)")
    if not re.fullmatch(r"\d{4}", text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValueError(f"«{text}» không phải năm hợp lệ (ví dụ 2026)")
    return int(text)


def _parse_codes(raw: Any) -> tuple[str, ...]:
    """Unit codes in one cell, separated by commas or semicolons: sorted, each once."""
    text = _parse_text(raw, MAX_NOTE)
    codes = {check_code(upper_code(vntext.clean(part))) for part in re.split(r"[,;]", text)
             if vntext.clean(part)}
    return tuple(sorted(codes))


# Codes (spec: after NFC): letters and digits of one script, and - _ . / ; so that two
# codes that look the same are the same (no invisible filler, no Cyrillic К in PKT).
# Stored in capitals (upper_code): «vhxh» and «VHXH» are one code.
_PLAIN_CODE = re.compile(r"[A-Za-z0-9._/\-]+")
CODE_PUNCTUATION = "-_./"
CODE_RULE = ("mã chỉ gồm chữ cái, chữ số của cùng một bộ chữ và các dấu - _ . / "
             "(không có khoảng trắng)")


def _script_of(ch: str) -> str | None:
    """The script a letter or digit of a code belongs to ("LATIN", "CYRILLIC"), "" for
    the digits 0-9 (any script), None when it may not be in a code at all."""
    if "0" <= ch <= "9":
        return ""
    if not unicodedata.category(ch).startswith(("L", "N")) or \
            unicodedata.category(ch) in ("Nl", "No") or \
            unicodedata.normalize("NFKC", ch) != ch:  # fullwidth, ligatures, fillers...
        return None
    name = unicodedata.name(ch, "")
    if not name or "FILLER" in name:
        return None
    return name.split(" ")[0]


def code_problem(code: str) -> str | None:
    """Why `code` (already NFC and trimmed) is no safe code, naming the character; None
    when it is one."""
    if _PLAIN_CODE.fullmatch(code):
        return None
    first: tuple[str, str] | None = None  # (script, the letter that set it)
    for ch in code:
        if ch in CODE_PUNCTUATION:
            continue
        script = _script_of(ch)
        name = unicodedata.name(ch, "")
        visible = unicodedata.category(ch)[0] in "LNPS" and "FILLER" not in name \
            and "BLANK" not in name
        shown = f"«{ch}» (U+{ord(ch):04X})" if visible else f"U+{ord(ch):04X}"
        if script is None:
            what = "khoảng trắng" if ch.isspace() else f"ký tự {shown}"
            return f"mã «{code}» có {what}; {CODE_RULE}"
        if script and first is None:
            first = (script, ch)
        elif script and first is not None and script != first[0]:
            return (f"mã «{code}» có ký tự {shown} thuộc bộ chữ khác với «{first[1]}» "
                    f"(U+{ord(first[1]):04X}); {CODE_RULE}")
    return None


def upper_code(code: str) -> str:
    """A code as it is stored: in capitals («vhxh» is VHXH), so that codes differing only
    by case are one code. NFC again: a few letters' capitals are a letter and a mark."""
    upper = code.upper()
    return upper if upper.isascii() else unicodedata.normalize("NFC", upper)


def check_code(code: str) -> str:
    """`code` when it is a safe code; ValueError (Vietnamese) naming the character."""
    problem = code_problem(code)
    if problem is not None:
        raise ValueError(problem)
    return code


def _parse_birth(raw: Any, today: dt.date) -> str:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and \
            _whole_number(raw, "năm sinh hợp lệ") == raw:
        year = int(raw)
        if FIRST_DATE.year <= year <= LAST_DATE.year:
            value, born = str(year), dt.date(year, 1, 1)
        else:
            raise ValueError(f"«{year}» không phải năm sinh hợp lệ (từ {FIRST_DATE.year} "
                             f"đến {LAST_DATE.year})")
    else:
        text = _number_text(raw, "ngày sinh hợp lệ")
        if re.fullmatch(r"\d{4}", text):
            born = check_date_range(dt.date(int(text), 1, 1), text)
            value = text
        else:
            born = parse_date(raw)
            value = born.isoformat()
    if born > today:
        raise ValueError("ngày sinh ở tương lai")
    if today.year - born.year > 100:
        raise ValueError("ngày sinh cho tuổi trên 100")
    return value


def _parse_text(raw: Any, limit: int) -> str:
    if type(raw) is not str:  # most cells are text: skip the other checks for them
        if isinstance(raw, float) and math.isfinite(raw) and raw == int(raw):
            raw = int(raw)  # a code typed as a number in Excel: 101.0 -> "101"
        if isinstance(raw, dt.datetime | dt.date):
            raw = raw.strftime("%d/%m/%Y")
    text = vntext.clean(raw)
    # isprintable() is one C pass and true for nearly every cell; only then the regex
    if not text.isprintable() and vntext.has_control_chars(text):
        raise ValueError(CONTROL_CHARS)
    if len(text) > limit:
        raise ValueError(f"dài quá {limit} ký tự")
    return text


def parse_field(f: Field, raw: Any, today: dt.date | None = None) -> Any:
    """Stored form of one non-blank value; raises ValueError with a Vietnamese message."""
    if type(raw) is str and not raw.isprintable() and vntext.has_control_chars(raw):
        raise ValueError(CONTROL_CHARS)  # in any column, never echoed in the message
    if f.kind == "choice":
        text = _parse_text(raw, MAX_TEXT)
        found = match_choice(text, f.choices, f.aliases)
        if found is None:
            allowed = ", ".join(f"«{c}»" for c in f.choices)
            raise ValueError(f"«{text}» không thuộc danh mục ({allowed})")
        return found
    if f.kind == "bool":
        return _parse_bool(raw)
    if f.kind == "date":
        return parse_date(raw).isoformat()
    if f.kind == "birth":
        return _parse_birth(raw, today or dt.date.today())
    if f.kind == "money":
        return _parse_money(raw)
    if f.kind == "count":
        return _parse_count(raw)
    if f.kind == "year":
        return _parse_year(raw)
    if f.kind == "refs":
        return _parse_codes(raw)
    if f.kind in ("code", "ref"):
        return check_code(upper_code(_parse_text(raw, MAX_TEXT)))
    return _parse_text(raw, MAX_NOTE if f.kind == "note" else MAX_TEXT)


_CODE_KINDS = ("code", "ref")
_TEXT_LIMITS = {"text": MAX_TEXT, "code": MAX_TEXT, "ref": MAX_TEXT, "note": MAX_NOTE}
_normalize = unicodedata.normalize
_DATE_TYPES = (dt.datetime, dt.date)
_FIELDS_OF: dict[int, tuple[Entity, tuple[tuple[Field, int], ...]]] = {}


def _fields_of(entity: Entity) -> tuple[tuple[Field, int], ...]:
    """(field, length limit if it is plain text else 0) for each field: validate runs
    once per row of a workbook. (The entity is kept with it, so its id stays its own.)"""
    found = _FIELDS_OF.get(id(entity))
    if found is None or found[0] is not entity:
        found = _FIELDS_OF[id(entity)] = (
            entity, tuple((f, _TEXT_LIMITS.get(f.kind, 0)) for f in entity.fields))
    return found[1]


def validate(entity: Entity, raw: dict[str, Any], *, present: set[str] | None = None,
             today: dt.date | None = None) -> dict[str, Any]:
    """Canonical values for the fields in `present` (default: all), defaults applied to
    blank ones. Raises Invalid listing every wrong field."""
    names = present if present is not None else {f.name for f in entity.fields}
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f, limit in _fields_of(entity):
        if f.name not in names:
            continue
        value = raw.get(f.name)
        if type(value) is str and value and value.isprintable() and \
                (limit or f.kind == "choice"):
            # most cells: plain text (no control, invisible or line-break character), as
            # vntext.clean makes it
            text = " ".join(_normalize("NFC", value).split())
            if text and limit:
                if len(text) > limit:
                    problems[f.name] = f"dài quá {limit} ký tự"
                elif f.kind in _CODE_KINDS:
                    text = upper_code(text)
                    if (problem := code_problem(text)) is not None:
                        problems[f.name] = problem
                    else:
                        out[f.name] = text
                else:
                    out[f.name] = text
                continue
            if text and len(text) <= MAX_TEXT and \
                    (found := match_choice(text, f.choices, f.aliases)) is not None:
                out[f.name] = found
                continue
        elif f.kind == "date" and type(value) in _DATE_TYPES \
                and isinstance(value, dt.date):  # a date cell (isinstance: for the types)
            day = value.date() if isinstance(value, dt.datetime) else value
            if FIRST_DATE <= day <= LAST_DATE:
                out[f.name] = day.isoformat()
                continue
        if value is None or value == "" or (type(value) is str and is_blank(value)):
            if f.required:
                problems[f.name] = f"«{f.header}» không được để trống"
            out[f.name] = f.default
            continue
        try:
            out[f.name] = parse_field(f, value, today)
        except ValueError as exc:
            problems[f.name] = str(exc)
    if entity is UNITS and "in_scope_ct1" in names and out.get("in_scope_ct1") is None \
            and "kind" in names:
        # Without the kind at hand (a sheet lacking that column) the value stays None:
        # the store then takes it from the unit's stored kind.
        out["in_scope_ct1"] = default_in_scope(out.get("kind"))
    start, end = out.get("from_date"), out.get("to_date")
    if start and end and end < start and "to_date" not in problems:
        problems["to_date"] = "«Đến ngày» không được trước «Từ ngày»"
    for rule in entity.rules:
        for name, message in rule(out, names).items():
            if name in names:
                problems.setdefault(name, message)
    if problems:
        raise Invalid(problems)
    return out


# --- settings ------------------------------------------------------------------------

# Decision 2282's targets and the plan's years: the commune's file and the province's
# file start from the same plan
PLAN_DEFAULTS: dict[str, str] = {
    "target_ct1": "0.75",
    "target_ct2": "0.50",
    "target_ct3": "0.90",
    "target_year": "2030",
    "plan_start": "2026-01-01",
}

DEFAULT_SETTINGS: dict[str, str] = {
    "commune_name": "Tân Hội",
    # the commune's code in the national list of administrative units (5 digits): what a
    # province combining many communes' files keys them by (docs/province-merge.md)
    "commune_code": "",
    "province_name": "An Giang",
    # the letterhead's line above the issuing body: none for an Ủy ban nhân dân (NĐ 30)
    "parent_body": "",
    **PLAN_DEFAULTS,
    # typed baselines (Cài đặt) override the figures computed on the day before plan_start;
    # empty means "compute it"; stored as an exact fraction such as "1/4" or "0.25"
    "baseline_ct1": "",
    "baseline_ct1_adj": "",
    "baseline_ct2": "",
    "baseline_ct3": "",
    "training_since": "2021-01-01",
    "signer_name": "Lê Quang Nhựt",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    "document_number": "…/BC-UBND",
    # the commune's plan, cited by the reports' opening sentence once set (Cài đặt)
    "plan_number": "",
    "plan_date": "",
    "recipients": "Sở Nội vụ (b/c);\nThường trực Đảng ủy;\nThường trực Hội đồng nhân dân;\n"
                  "Chủ tịch, các PCT. UBND;\nLưu: VT, PVHXH.",
    "entered_by": "",
    # Mục VI of the plan: units report before this day (day/month) each year
    "report_deadline": "15/11",
    # plan III.2: the planning pool is reviewed each year, recorded by this day (day/month)
    "pool_review_by": "31/12",
    # a target for the women's share of BTV posts (empty: the figure is informational)
    "target_btv": "",
}

# How the settings that figures and reports depend on must look. A bad value (stored by
# another program, an older version, a hand edit) is named in one sentence, and refused
# when saved, instead of silently changing a figure or failing deep inside a computation.
SETTING_RULES: dict[str, tuple[str, str]] = {
    "plan_start": ("Ngày bắt đầu kế hoạch", "date"),
    "training_since": ("Ngày bắt đầu tính đào tạo", "date"),
    "target_year": ("Năm đạt mục tiêu", "year"),
    "target_ct1": ("Mục tiêu CT1", "share"),
    "target_ct2": ("Mục tiêu CT2", "share"),
    "target_ct3": ("Mục tiêu CT3", "share"),
    "baseline_ct1": ("Số liệu gốc CT1", "share_or_empty"),
    "baseline_ct1_adj": ("Số liệu gốc CT1 điều chỉnh", "share_or_empty"),
    "baseline_ct2": ("Số liệu gốc CT2", "share_or_empty"),
    "baseline_ct3": ("Số liệu gốc CT3", "share_or_empty"),
    "report_deadline": ("Hạn gửi báo cáo hằng năm", "day_month"),
    "pool_review_by": ("Hạn rà soát quy hoạch hằng năm", "day_month"),
    "target_btv": ("Chỉ tiêu nữ giữ chức vụ diện BTV", "share_or_empty"),
    "commune_code": ("Mã xã", "commune_code"),
    "plan_date": ("Ngày kế hoạch", "date_or_empty"),
}
# what a refused value should look like, where the label alone does not say it
SETTING_HINTS = {"commune_code": "cần đúng 5 chữ số, hoặc để trống"}
_DAY_MONTH = re.compile(r"\s*(\d{1,2})/(\d{1,2})\s*")


# A share as stored ("0.75", "3/4", "7.5e-1"): short, with a short exponent, so that
# Fraction never expands "1e-999999999" (which takes forever).
_SHARE_TEXT = re.compile(r"\d{1,20}(?:\.\d{1,20})?(?:[eE][+-]?\d{1,2})?|\d{1,20}/\d{1,20}")


def parse_share(text: Any) -> Fraction:
    """An exact fraction from a stored share; ValueError for anything else."""
    text = "" if text is None else str(text)
    if len(text) > 64 or not _SHARE_TEXT.fullmatch(text.strip()):
        raise ValueError(text[:64])
    return Fraction(text.strip())


def _setting_ok(kind: str, value: Any) -> bool:
    text = "" if value is None else str(value).strip()
    try:
        if kind == "date" or (kind == "date_or_empty" and text):
            check_date_range(dt.date.fromisoformat(text))
        elif kind == "year":
            return 2000 <= int(text) <= 2100
        elif kind == "share" or (kind == "share_or_empty" and text):
            return 0 <= parse_share(text) <= 1
        elif kind == "commune_code":
            return text == "" or (len(text) == 5 and text.isascii() and text.isdigit())
        elif kind == "day_month":
            match = _DAY_MONTH.fullmatch(text)
            return match is not None and bool(dt.date(2024, int(match[2]), int(match[1])))
    except (ValueError, ZeroDivisionError):
        return False
    return True


def setting_problems(values: dict[str, Any], keys: Any = None) -> dict[str, str]:
    """key -> Vietnamese message, for the checked settings among `values` (or `keys`)."""
    problems = {}
    for key, (label, kind) in SETTING_RULES.items():
        if (keys is None or key in keys) and key in values \
                and not _setting_ok(kind, values[key]):
            hint = SETTING_HINTS.get(key)
            shown = str(values[key])
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            problems[key] = f"{label} «{shown}» không hợp lệ" + (f": {hint}" if hint else "")
    return problems


def settings_sentence(problems: dict[str, str]) -> str:
    return ("Cài đặt có giá trị không hợp lệ: " + "; ".join(problems.values())
            + ". Hãy sửa trong Cài đặt rồi thử lại.")


def usable_settings(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings with every bad value replaced by its default, and what was bad."""
    problems = setting_problems(values)
    return {**values, **{k: DEFAULT_SETTINGS[k] for k in problems}}, problems
