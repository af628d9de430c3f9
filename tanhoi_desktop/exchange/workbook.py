"""The exchange workbook (spec/exchange-workbook.md).

Import checks the whole workbook first and lists every problem; only a workbook with no
problem is written, in one transaction. Export writes the same shape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell import cell as _openpyxl_cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import domain, vntext
from ..domain import ENTITIES, ENTITY, Entity, Invalid
from ..figures import duties
from ..safety import output, sheets
from ..store import CODED_TABLES, NAME_COLUMN, ImportCount, Store, code_reused_message
from . import legacy, report_texts
from .reader import ExchangeReader, WorkbookError, WorkbookRefused

HEADER_SEARCH_ROWS = 10
COVER_SHEET = "Thông tin"
COVER_FILE_ID = "Mã tệp dữ liệu"
COVER_UNIT = "Mã đơn vị"  # on the cover of a per-unit export: whose file it is
COVER_COMMUNE = "Xã"
COVER_COMMUNE_CODE = "Mã xã"  # the commune's code in the national list of administrative units
COVER_PROVINCE = "Tỉnh"
COVER_YEAR = "Năm báo cáo"
# a unit's own written report, typed on the cover of its workbook (plan V.4): stored with
# the submission the import records, for the commune's report to draw on
COVER_REPORT = {"report_results": "Kết quả thực hiện",
                "report_difficulties": "Khó khăn, hạn chế",
                "report_proposals": "Kiến nghị, đề xuất"}
_CHECK_CANCEL_EVERY = 500


@dataclass
class ImportPlan:
    batches: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    present: dict[str, set[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # who sent the workbook, when it says so: the unit code on the cover sheet of a
    # per-unit export, or the one unit that all its cadres belong to
    sender: str | None = None
    sender_source: str = ""  # "cover" or "cadres"
    report_year: int | None = None  # "Năm báo cáo" on the cover sheet
    cover_unit: str | None = None  # the unit code the cover sheet names, known or not
    # the commune the cover sheet names when it is not the open file's ("xã «…» (mã …)"):
    # its units and cadres would update this commune's records of the same codes
    other_commune: str | None = None
    # the unit's written report on the cover (COVER_REPORT keys), when it typed one
    unit_report: dict[str, str] = field(default_factory=dict)
    file_name: str = ""
    sha256: str = ""
    # the sheet «Nội dung báo cáo»: the reports' written sections (exchange/report_texts)
    report_texts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Sender:
    """The unit whose yearly report an import is (Mục VI of the plan)."""

    unit_code: str
    year: int
    received_at: str  # ISO date-time

    @classmethod
    def for_plan(cls, plan: ImportPlan, unit_code: str | None = None, year: int | None = None,
                 received: dt.datetime | None = None) -> Sender | None:
        """The sender given, else the one the workbook names; None for neither."""
        code = unit_code or plan.sender
        if not code:
            return None
        received = received or dt.datetime.now()
        return cls(code, year or plan.report_year or received.year,
                   received.isoformat(timespec="seconds"))


@dataclass
class _Row:
    number: int  # the row number Excel shows
    record: dict[str, Any]  # validated values (may be partial when the row has problems)
    ok: bool


# --- reading -------------------------------------------------------------------------

def _find_header(rows: Sequence[Sequence[Any]], entity: Entity
                 ) -> tuple[int, dict[int, str], list[str]]:
    """(index of the header row, column index -> field name, unknown headers) or -1."""
    by_key = {vntext.fold_compact(f.header): f.name for f in entity.fields}
    required = {vntext.fold_compact(f.header) for f in entity.fields if f.required}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [vntext.fold_compact(v) if v is not None else "" for v in row]
        if not required <= set(keys):
            continue
        columns: dict[int, str] = {}
        unknown = []
        for col, key in enumerate(keys):
            if not key:
                continue
            name = by_key.get(key)
            if name is None:
                unknown.append(vntext.clean(row[col]))
            elif name not in columns.values():
                columns[col] = name
        return i, columns, unknown
    return -1, {}, []


def _blank_row(row: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def read_workbook(path: Path | str, store: Store | None,
                  progress: Callable[[int, int], None] | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Check the whole workbook against the spec and the data file; write nothing.
    A file that is not a workbook raises WorkbookError; a hostile or broken workbook
    gives a plan whose problems say why it is refused."""
    path = Path(path)
    try:
        book = ExchangeReader.open(path)
    except WorkbookRefused as exc:
        return ImportPlan(problems=[exc.message], file_name=path.name)
    plan = ImportPlan(file_name=path.name, sha256=_sha256(path))
    with book:
        sheets = _match_sheets(book.sheet_names, plan)
        total = sum(book.row_count(title) for title in sheets.values()) or 1
        done = 0
        today = dt.date.today()  # one day for the whole workbook's checks
        parsed: dict[str, list[_Row]] = {}
        wanted = [(e, sheets[e.name]) for e in ENTITIES if e.name in sheets]
        # the next sheet is parsed while this one is checked
        for (entity, title), sheet in zip(wanted, book.read_in_turn([t for _, t in wanted]),
                                          strict=True):
            if isinstance(sheet, WorkbookRefused):
                plan.problems.append(sheet.message)
                continue
            rows = sheet.rows
            plan.warnings.extend(legacy.warning(title, sheet.legacy))
            header_at, columns, unknown = _find_header(rows, entity)
            if header_at < 0:
                needed = ", ".join(f"«{f.header}»" for f in entity.fields if f.required)
                plan.problems.append(
                    f"{title}, dòng 1-{HEADER_SEARCH_ROWS}: không tìm thấy dòng tiêu đề có "
                    f"đủ các cột bắt buộc ({needed})")
                continue
            for name in unknown:
                plan.warnings.append(f"{title}: cột «{name}» không có trong mẫu, đã bỏ qua")
            present = set(columns.values())
            plan.present[entity.name] = present
            parsed[entity.name] = []
            # a row as long as the header is picked in one C call
            names, width = list(columns.values()), max(columns, default=-1) + 1
            pick = operator.itemgetter(*columns) if len(columns) > 1 else None
            for offset, row in enumerate(rows[header_at + 1:], start=header_at + 2):
                done += 1
                if done % _CHECK_CANCEL_EVERY == 0:
                    if is_cancelled is not None and is_cancelled():
                        raise WorkbookError("Đã hủy nhập dữ liệu; không có gì thay đổi.")
                    if progress is not None:
                        progress(done, total)
                if _blank_row(row):
                    continue
                if pick is not None and len(row) >= width:
                    raw = dict(zip(names, pick(row), strict=True))
                else:
                    raw = {name: row[col] if col < len(row) else None
                           for col, name in columns.items()}
                parsed[entity.name].append(_validate_row(entity, title, offset, raw,
                                                         present, plan, today))
        texts = next((t for t in book.sheet_names if report_texts.is_sheet(t)), None)
        if texts is not None:
            try:
                found, wrong = report_texts.read_sheet(texts, book.read(texts).rows)
            except WorkbookRefused as exc:
                found, wrong = [], [exc.message]
            plan.report_texts = found
            plan.problems.extend(wrong)
        stored = {t: store.records.existing_codes(t) if store is not None else set()
                  for t in CODED_TABLES}
        cover = _cover_values(book)
        _find_sender(cover, parsed, stored, plan)
        if store is not None and stored["units"]:  # (an empty file has nothing to lose)
            _check_commune(cover, store.settings.read(), plan)
        _check_references(parsed, sheets, stored, plan)
        _check_duplicates(parsed, sheets, plan)
        _check_code_kinds(parsed, sheets, stored, store, plan)
        plan.problems.sort(key=_problem_order(book.sheet_names))
        if not plan.problems:
            plan.batches = {name: [r.record for r in rows] for name, rows in parsed.items()}
        if progress is not None:
            progress(total, total)
    return plan


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with contextlib.suppress(OSError), path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _cover_values(book: ExchangeReader) -> dict[str, Any]:
    """Label (folded) -> value of the cover sheet's two-column rows."""
    title = next((t for t in book.sheet_names
                  if vntext.fold_compact(t) == vntext.fold_compact(COVER_SHEET)), None)
    if title is None:
        return {}
    try:
        rows = book.read(title).rows
    except WorkbookRefused:
        return {}  # a cover sheet only names the sender
    out: dict[str, Any] = {}
    for row in rows[:40]:
        if len(row) > 1 and isinstance(row[0], str) and not domain.is_blank(row[1]):
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # Excel keeps every number as a float: 2026.0
            out.setdefault(vntext.fold_compact(row[0]), value)
    return out


def commune_label(name: str, code: str) -> str:
    return f"xã «{name or '(không rõ tên)'}»" + (f" (mã {code})" if code else "")


def _same_name(name: str) -> str:
    return " ".join(vntext.clean(name).casefold().split())


def _check_commune(cover: dict[str, Any], settings: dict[str, str], plan: ImportPlan) -> None:
    """A workbook whose cover sheet names another commune (by its code when both have one,
    else by its name): said, so that nobody merges another commune's units into this one
    by mistake. The spec imports it all the same (a cover sheet is not part of the data);
    the window asks first."""
    def text(label: str) -> str:
        return vntext.clean(str(cover.get(vntext.fold_compact(label)) or "")).strip()

    name, code = text(COVER_COMMUNE), text(COVER_COMMUNE_CODE)
    ours_name = (settings.get("commune_name") or "").strip()
    ours_code = (settings.get("commune_code") or "").strip()
    if code and ours_code:
        other = code != ours_code
    else:
        # letters and tones count (Tân Hội is not Tân Hòa), case and spacing do not
        other = bool(name and ours_name) and _same_name(name) != _same_name(ours_name)
    if other:
        plan.other_commune = commune_label(name, code)
        plan.warnings.append(
            f"{COVER_SHEET}: tệp này là dữ liệu của {plan.other_commune}, còn tệp dữ liệu là "
            f"của {commune_label(ours_name, ours_code)}; nếu nhập, đơn vị, cán bộ… cùng mã sẽ "
            "được ghi đè bằng số liệu của tệp Excel này")


def cover_disagrees(plan: ImportPlan, unit_code: str | None, year: int | None,
                    given: str) -> str | None:
    """The sentence refusing an import whose cover sheet names another unit or year than
    the one `given` (command-line flags, the window's choice); None when they agree or
    the cover does not say. A unit's report must never be recorded as another's."""
    unit_differs = bool(unit_code and plan.cover_unit and unit_code != plan.cover_unit)
    year_differs = bool(year and plan.report_year and year != plan.report_year)
    if not (unit_differs or year_differs):
        return None
    cover = ", ".join(part for part in (
        f"đơn vị «{plan.cover_unit}»" if plan.cover_unit else "",
        f"năm {plan.report_year}" if plan.report_year else "") if part)
    return (f"Trang bìa của tệp «{plan.file_name}» ghi {cover}, khác với {given}; không "
            "nhập gì. Hãy kiểm tra xem có nhầm tệp của đơn vị hoặc năm khác không.")


def _find_sender(cover: dict[str, Any], parsed: dict[str, list[_Row]],
                 stored: dict[str, set[str]], plan: ImportPlan) -> None:
    known = stored["units"] | {r.record["code"] for r in parsed.get("units", [])
                               if r.record.get("code")}
    for key, label in COVER_REPORT.items():
        text = cover.get(vntext.fold_compact(label))
        if text is not None and not domain.is_blank(text):
            # its lines kept (a written report has paragraphs), each line cleaned
            plan.unit_report[key] = "\n".join(
                vntext.clean(line) for line in str(text).splitlines()).strip()
    code = domain.upper_code(vntext.clean(cover.get(vntext.fold_compact(COVER_UNIT)) or ""))
    year = cover.get(vntext.fold_compact(COVER_YEAR))
    with contextlib.suppress(TypeError, ValueError):
        year = int(str(year).strip()) if year is not None else None
        if year is not None and 2000 <= year <= 2100:
            plan.report_year = year
    if code:
        plan.cover_unit = code
        if code in known:
            plan.sender, plan.sender_source = code, "cover"
        else:
            plan.warnings.append(f"{COVER_SHEET}: không có đơn vị mã «{code}», chưa ghi "
                                 "nhận tệp là báo cáo của đơn vị nào")
        return
    units = {r.record.get("unit_code") for r in parsed.get("cadres", [])}
    if len(units) == 1 and (only := next(iter(units))) in known:
        plan.sender, plan.sender_source = only, "cadres"


def _problem_order(sheet_names: list[str]) -> Callable[[str], tuple[int, int]]:
    """Problems listed as the user will fix them: sheet by sheet, top to bottom (the
    checks find them cell by cell, then across rows)."""
    position = {name: i for i, name in enumerate(sheet_names)}

    def key(problem: str) -> tuple[int, int]:
        sheet, _, rest = problem.partition(", dòng ")
        digits = "".join(itertools.takewhile(str.isdigit, rest))
        return position.get(sheet, -1), int(digits) if digits else 0

    return key


def _match_sheets(titles: list[str], plan: ImportPlan) -> dict[str, str]:
    """Entity name -> the title of its sheet in the workbook."""
    wanted = {vntext.fold_compact(e.sheet): e.name for e in ENTITIES}
    sheets: dict[str, str] = {}
    for title in titles:
        name = wanted.get(vntext.fold_compact(title))
        if name is None:
            continue
        if name in sheets:
            plan.warnings.append(f"Trang «{title}» trùng với trang «{sheets[name]}», "
                                 "đã bỏ qua")
            continue
        sheets[name] = title
    if not sheets:
        names = ", ".join(f"«{e.sheet}»" for e in ENTITIES)
        plan.problems.append(f"Tệp không có trang nào theo mẫu trao đổi ({names})")
    return sheets


def _validate_row(entity: Entity, sheet: str, number: int, raw: dict[str, Any],
                  present: set[str], plan: ImportPlan, today: dt.date | None = None) -> _Row:
    try:
        return _Row(number, domain.validate(entity, raw, present=present, today=today), True)
    except Invalid as exc:
        for name, message in exc.problems.items():
            plan.problems.append(f"{sheet}, dòng {number}, {entity.by_name[name].header}: "
                                 f"{message}")
        partial = {}
        for name in present:  # keep what is readable, for reference checks
            if name in exc.problems:
                continue
            try:
                value = raw.get(name)
                partial[name] = None if domain.is_blank(value) else \
                    domain.parse_field(entity.by_name[name], value, today)
            except ValueError:
                pass
        return _Row(number, partial, False)


def _check_references(parsed: dict[str, list[_Row]], sheets: dict[str, str],
                      stored: dict[str, set[str]], plan: ImportPlan) -> None:
    known = {}
    for table in CODED_TABLES:
        in_file = {r.record["code"] for r in parsed.get(table, []) if r.record.get("code")}
        known[table] = in_file | stored[table]
    for name, rows in parsed.items():
        entity = ENTITY[name]
        refs = [(f, f.ref) for f in entity.fields
                if f.kind in ("ref", "refs") and f.ref is not None]
        for row in rows:
            for f, table in refs:
                value = row.record.get(f.name)
                codes = (value,) if f.kind == "ref" else value or ()
                unknown = [code for code in codes if code and code not in known[table]]
                if unknown:
                    label = ENTITY[table].label
                    listed = ", ".join(f"«{code}»" for code in unknown)
                    plan.problems.append(
                        f"{sheets[name]}, dòng {row.number}, {f.header}: không có {label} "
                        f"mã {listed} trong tệp hoặc trong dữ liệu")


def _check_duplicates(parsed: dict[str, list[_Row]], sheets: dict[str, str],
                      plan: ImportPlan) -> None:
    for name, rows in parsed.items():
        entity = ENTITY[name]
        first_at: dict[tuple, int] = {}
        for row in rows:
            if not row.ok:
                continue
            key = tuple(row.record.get(k) for k in entity.key)
            if key in first_at:
                header = entity.by_name[entity.key[0]].header
                what = "mã" if len(entity.key) == 1 else "bản ghi"
                plan.problems.append(
                    f"{sheets[name]}, dòng {row.number}, {header}: {what} trùng với "
                    f"dòng {first_at[key]}")
            else:
                first_at[key] = row.number


def _check_code_kinds(parsed: dict[str, list[_Row]], sheets: dict[str, str],
                      stored: dict[str, set[str]], store: Store | None,
                      plan: ImportPlan) -> None:
    """A new unit, cadre or course may not take a code that another kind of record
    has, in the file or in the data file. Pairs that the data file already holds
    (from before this rule) are left alone, so that re-importing an export works."""
    owner_of: dict[str, tuple[str, str | None, str]] = {}  # code -> (table, name, where)
    for table in CODED_TABLES:
        for stored_code in stored[table]:
            owner_of.setdefault(stored_code, (table, None, ""))
    for table in CODED_TABLES:
        entity = ENTITY[table]
        name_field = NAME_COLUMN[table]
        for row in parsed.get(table, []):
            code = row.record.get("code")
            if not code:
                continue
            owner = owner_of.get(code)
            if owner is not None and owner[0] != table and code not in stored[table]:
                other, name, where = owner
                if not where and store is not None:  # in the data file
                    name = (store.records.code_owner(code, besides=table) or (other, None))[1]
                plan.problems.append(
                    f"{sheets[table]}, dòng {row.number}, {entity.by_name['code'].header}: "
                    f"{code_reused_message(code, other, name)}{where}")
            elif owner is None:
                owner_of[code] = (table, row.record.get(name_field),
                                  f" ({sheets[table]}, dòng {row.number})")


def apply(plan: ImportPlan, store: Store, sender: Sender | None = None,
          step: Callable[[int, int], None] | None = None) -> dict[str, ImportCount]:
    """Write a checked plan in one transaction; with `sender`, record in the same
    transaction that this workbook is that unit's yearly report. `step(done, total)`:
    how far it has come; what it raises (a cancel) rolls it all back."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    submission = None if sender is None else {
        "unit_code": sender.unit_code, "year": sender.year,
        "received_at": sender.received_at, "file_name": plan.file_name or None,
        "sha256": plan.sha256 or None, **plan.unit_report}
    if not plan.report_texts:
        return store.records.import_records(plan.batches, plan.present, submission, step)
    return store.texts.import_with_records(plan.batches, plan.present, submission, step,
                                           plan.report_texts)


def submission_summary(sender: Sender | None, counts: dict[str, ImportCount]) -> str:
    """What the import says of the submission it recorded ('' for none)."""
    if sender is None or "submissions" not in counts:
        return ""
    when = dt.datetime.fromisoformat(sender.received_at)
    if counts["submissions"].added:
        return (f"Đã ghi nhận báo cáo năm {sender.year} của đơn vị «{sender.unit_code}», "
                f"nhận ngày {when:%d/%m/%Y}.")
    return (f"Tệp này đã được ghi nhận là báo cáo năm {sender.year} của đơn vị "
            f"«{sender.unit_code}» trước đây.")


def summary(counts: dict[str, ImportCount]) -> str:
    parts = []
    for entity in ENTITIES:
        c = counts.get(entity.name)
        if c is None:
            continue
        parts.append(f"{entity.sheet}: thêm {c.added}, sửa {c.updated}, "
                     f"không đổi {c.unchanged}")
    if (c := counts.get("report_texts")) is not None:
        parts.append(f"{report_texts.SHEET}: sửa {c.updated}, không đổi {c.unchanged}")
    return "Đã nhập dữ liệu. " + ("; ".join(parts) if parts else "Tệp không có dòng nào.")


# --- writing -------------------------------------------------------------------------

_WIDTHS = {"text": 24, "note": 30, "choice": 22, "bool": 12, "date": 12, "birth": 12,
           "money": 14, "count": 12, "year": 8, "code": 14, "ref": 14, "refs": 20}


def _value(ws, f: domain.Field, value: Any) -> Any:
    """The value to append. Plain values take openpyxl's fast path; only text that
    would turn into a formula and the money column need a cell object of their own."""
    if value is None or value == "" or value == ():
        return None
    if f.kind == "refs":
        return sheets.text_value(ws, ", ".join(value))
    if f.kind in ("count", "year"):
        return int(value)
    if f.display is not None:
        return sheets.text_value(ws, f.display(value))
    if f.kind == "date" or (f.kind == "birth" and len(value) == 10):
        if not domain.iso_in_range(value):  # an older version's typo: as text, so that
            return sheets.text_value(ws, domain.format_date(value))  # it reads back as is
        return dt.date.fromisoformat(value)  # formatted DD/MM/YYYY, see _vietnamese_dates
    if f.kind == "birth":
        return int(value)
    if f.kind == "bool":
        return domain.YES if value else domain.NO
    if f.kind == "money":
        cell = WriteOnlyCell(ws, value=int(value))
        cell.number_format = "#,##0"
        return cell
    return sheets.text_value(ws, str(value))  # text stays text, never a formula


@contextlib.contextmanager
def _vietnamese_dates():
    """Date cells shown dd/mm/yyyy. openpyxl picks a date cell's format from this table;
    setting it for the export keeps every date on the fast path (a styled cell object
    per date costs twice the time of the whole floor)."""
    saved = _openpyxl_cell.TIME_FORMATS.get(dt.date)
    _openpyxl_cell.TIME_FORMATS[dt.date] = "DD/MM/YYYY"
    try:
        yield
    finally:
        _openpyxl_cell.TIME_FORMATS[dt.date] = saved


def unit_records(store: Store, unit_code: str) -> dict[str, list[dict[str, Any]]]:
    """What one unit's own file holds: the unit, its cadres, their posts, pool entries
    and enrolments, the courses these enrolments need, the activities it is in charge
    of and its budget lines."""
    units = [u for u in store.records.iter_records("units") if u["code"] == unit_code]
    if not units:
        raise WorkbookError(f"Không có đơn vị mã «{unit_code}».")
    cadres = [c for c in store.records.iter_records("cadres") if c["unit_code"] == unit_code]
    people = {c["code"] for c in cadres}
    out = {"units": units, "cadres": cadres}
    for name in ("posts", "planning", "enrolments"):
        out[name] = [r for r in store.records.iter_records(name) if r["cadre_code"] in people]
    needed = {e["course_code"] for e in out["enrolments"]}
    out["courses"] = [k for k in store.records.iter_records("courses") if k["code"] in needed]
    # what the unit is in charge of, its money, its share of the training plan, its targets
    for name in ("activities", "budget", "training_plan", "unit_targets"):
        out[name] = [r for r in store.records.iter_records(name) if r["unit_code"] == unit_code]
    out["pool_reviews"] = []  # the commune's own review, not a unit's
    return out


def unit_figures_lines(store: Store, unit_code: str, year: int) -> list[tuple[str, str]]:
    """The unit's own figures and targets on the day the file is made (in the year asked
    for, at most its last day), for the cover of its pre-filled workbook."""

    day = min(dt.date.today(), dt.date(year, 12, 31))
    found = next((u for u in duties.compute(store, day).units if u.code == unit_code), None)
    if found is None:
        return []
    lines = [("Số liệu của đơn vị đến ngày", day.strftime("%d/%m/%Y")),
             ("Có nữ lãnh đạo chủ chốt", "Có" if found.has_female_key_leader else "Chưa có"),
             ("Nữ trong quy hoạch", duties.share_text(found.pool_women, found.pool)),
             (f"Nữ đã đào tạo năm {year}", str(found.women_trained))]
    if found.has_targets:
        period = str(found.target_year) if found.target_year else "cả giai đoạn"
        lines.append((f"Chỉ tiêu ({period})", "; ".join(found.targets_in_words())))
        lines.append(("Chưa đạt", "; ".join(found.behind()) or "—"))
    return lines


def export_workbook(store: Store, path: Path | str, unit_code: str | None = None,
                    year: int | None = None,
                    step: Callable[[int, int], None] | None = None) -> None:
    """The sheets (after a cover sheet), written beside `path`, checked, then put in
    place (never over the data file or one of its backups).

    With `unit_code`: that unit's own records (unit_records) and a cover sheet naming
    the unit and the report year, for the unit to correct and send back; importing it
    then records the unit's report for that year. `step(done, total)`: how far it has
    come; what it raises (a cancel) leaves no file written."""
    only = unit_records(store, unit_code) if unit_code else None
    with sheets.saving(), output.replacing(path, output.verify_xlsx,
                                           protect=[store.path]) as tmp:
        _exchange_workbook(store, only, year, step).save(tmp)


def _exchange_workbook(store: Store, only: dict[str, list[dict[str, Any]]] | None = None,
                       year: int | None = None,
                       step: Callable[[int, int], None] | None = None) -> Workbook:
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    cover = wb.create_sheet(COVER_SHEET)
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 60
    settings = store.settings.read()
    title = WriteOnlyCell(cover)
    sheets.put_text(title, "Dữ liệu trao đổi - Kế hoạch thực hiện Quyết định số 2282/QĐ-TTg")
    title.font = Font(bold=True, size=13)
    cover.append([title])
    # whose data these are (docs/province-merge.md): the commune, its code in the national
    # list, its province, and the data file they came from (a file sent back can be
    # traced to the file it was made from)
    cover.append([COVER_COMMUNE, sheets.text_value(cover, settings.get("commune_name") or "")])
    if settings.get("commune_code"):
        cover.append([COVER_COMMUNE_CODE, sheets.text_value(cover, settings["commune_code"])])
    cover.append([COVER_PROVINCE, sheets.text_value(cover, settings.get("province_name") or "")])
    cover.append(["Ngày xuất", dt.date.today().strftime("%d/%m/%Y")])
    cover.append([COVER_FILE_ID, sheets.text_value(cover, settings.get("file_id") or "")])
    if only is not None:
        unit = only["units"][0]
        year = year or dt.date.today().year
        cover.append([COVER_UNIT, sheets.text_value(cover, unit["code"])])
        cover.append(["Tên đơn vị", sheets.text_value(cover, unit["name"])])
        cover.append([COVER_YEAR, year])
        deadline = settings.get("report_deadline") or ""
        cover.append(["Gửi lại", f"Đơn vị kiểm tra, sửa, bổ sung số liệu rồi gửi lại tệp này "
                                 f"về Phòng Văn hóa - Xã hội trước ngày {deadline}/{year}. "
                                 f"Không sửa ô «{COVER_UNIT}»."])
        for line in unit_figures_lines(store, unit["code"], year):
            cover.append([sheets.text_value(cover, line[0]), sheets.text_value(cover, line[1])])
        cover.append(["Báo cáo của đơn vị", "Đơn vị ghi báo cáo của mình vào ba ô dưới đây "
                                            "(mỗi ô có thể nhiều dòng)."])
        for label in COVER_REPORT.values():
            cover.append([label, ""])
    cover.append([])
    cover.append(["Hướng dẫn", "Mỗi trang là một loại dữ liệu; giữ nguyên tên trang và "
                               "dòng tiêu đề. Cột có dấu * trong mẫu là bắt buộc. Ngày ghi "
                               "dd/mm/yyyy."])
    for done, entity in enumerate(ENTITIES):
        if step is not None:
            step(done, len(ENTITIES))
        ws = wb.create_sheet(entity.sheet)
        ws.freeze_panes = "A2"
        for i, f in enumerate(entity.fields, start=1):
            width = max(_WIDTHS[f.kind], len(f.header) + 4)
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for f in entity.fields:
            cell = WriteOnlyCell(ws)
            sheets.put_text(cell, f.header)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        ws.append(header)
        with _vietnamese_dates():
            records = store.records.iter_records(entity.name) if only is None else only[entity.name]
            for record in records:
                ws.append([_value(ws, f, record.get(f.name)) for f in entity.fields])
    if only is None:  # the whole file: the reports' written sections too
        report_texts.write_sheet(wb, store)
    return wb
