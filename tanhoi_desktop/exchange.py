"""The exchange workbook (spec/exchange-workbook.md).

Import checks the whole workbook first and lists every problem; only a workbook with no
problem is written, in one transaction. Export writes the same shape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell import cell as _openpyxl_cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import domain, vntext
from .domain import ENTITIES, ENTITY, Entity, Invalid
from .store import CODED_TABLES, NAME_COLUMN, ImportCount, Store, code_reused_message

HEADER_SEARCH_ROWS = 10
COVER_SHEET = "Thông tin"
_CHECK_CANCEL_EVERY = 500


class WorkbookError(Exception):
    """The workbook cannot be read or written at all: one Vietnamese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImportPlan:
    batches: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    present: dict[str, set[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    number: int  # the row number Excel shows
    record: dict[str, Any]  # validated values (may be partial when the row has problems)
    ok: bool


# --- reading -------------------------------------------------------------------------

def _open(path: Path):
    if not path.exists():
        raise WorkbookError(f"Không tìm thấy tệp «{path}».")
    if not path.is_file():
        raise WorkbookError(f"«{path}» không phải là một tệp.")
    try:
        # data_only=False: a cell holding "=HYPERLINK(...)" yields what was typed, whether
        # the sender's program stored it as text or as a formula (never its result).
        return load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            EOFError) as exc:
        raise WorkbookError(f"Tệp «{path.name}» không phải tệp Excel (.xlsx) hợp lệ "
                            "hoặc đã bị hỏng.") from exc
    except OSError as exc:
        raise WorkbookError(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}.") \
            from exc


def _find_header(rows: list[tuple], entity: Entity) -> tuple[int, dict[int, str], list[str]]:
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


def _blank_row(row: tuple) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def read_workbook(path: Path | str, store: Store | None,
                  progress: Callable[[int, int], None] | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Check the whole workbook against the spec and the data file; write nothing."""
    path = Path(path)
    wb = _open(path)
    plan = ImportPlan()
    try:
        sheets = _match_sheets(wb, plan)
        total = sum((ws.max_row or 0) for ws in sheets.values()) or 1
        done = 0
        parsed: dict[str, list[_Row]] = {}
        for entity in ENTITIES:
            ws = sheets.get(entity.name)
            if ws is None:
                continue
            ws.reset_dimensions()  # some writers store a wrong <dimension>
            rows = list(ws.iter_rows(values_only=True))
            header_at, columns, unknown = _find_header(rows, entity)
            if header_at < 0:
                needed = ", ".join(f"«{f.header}»" for f in entity.fields if f.required)
                plan.problems.append(
                    f"{ws.title}, dòng 1-{HEADER_SEARCH_ROWS}: không tìm thấy dòng tiêu đề có "
                    f"đủ các cột bắt buộc ({needed})")
                continue
            for name in unknown:
                plan.warnings.append(f"{ws.title}: cột «{name}» không có trong mẫu, đã bỏ qua")
            present = set(columns.values())
            plan.present[entity.name] = present
            parsed[entity.name] = []
            for offset, row in enumerate(rows[header_at + 1:], start=header_at + 2):
                done += 1
                if done % _CHECK_CANCEL_EVERY == 0:
                    if is_cancelled is not None and is_cancelled():
                        raise WorkbookError("Đã hủy nhập dữ liệu; không có gì thay đổi.")
                    if progress is not None:
                        progress(done, total)
                if _blank_row(row):
                    continue
                raw = {name: row[col] if col < len(row) else None
                       for col, name in columns.items()}
                parsed[entity.name].append(_validate_row(entity, ws.title, offset, raw,
                                                         present, plan))
        stored = {t: store.existing_codes(t) if store is not None else set()
                  for t in CODED_TABLES}
        _check_references(parsed, sheets, stored, plan)
        _check_duplicates(parsed, sheets, plan)
        _check_code_kinds(parsed, sheets, stored, store, plan)
        plan.problems.sort(key=_problem_order(wb.sheetnames))
        if not plan.problems:
            plan.batches = {name: [r.record for r in rows] for name, rows in parsed.items()}
        if progress is not None:
            progress(total, total)
    finally:
        wb.close()
    return plan


def _problem_order(sheet_names: list[str]) -> Callable[[str], tuple[int, int]]:
    """Problems listed as the user will fix them: sheet by sheet, top to bottom (the
    checks find them cell by cell, then across rows)."""
    position = {name: i for i, name in enumerate(sheet_names)}

    def key(problem: str) -> tuple[int, int]:
        sheet, _, rest = problem.partition(", dòng ")
        digits = "".join(itertools.takewhile(str.isdigit, rest))
        return position.get(sheet, -1), int(digits) if digits else 0

    return key


def _match_sheets(wb, plan: ImportPlan) -> dict[str, Any]:
    wanted = {vntext.fold_compact(e.sheet): e.name for e in ENTITIES}
    sheets: dict[str, Any] = {}
    for ws in wb.worksheets:
        name = wanted.get(vntext.fold_compact(ws.title))
        if name is None:
            continue
        if name in sheets:
            plan.warnings.append(f"Trang «{ws.title}» trùng với trang «{sheets[name].title}», "
                                 "đã bỏ qua")
            continue
        sheets[name] = ws
    if not sheets:
        names = ", ".join(f"«{e.sheet}»" for e in ENTITIES)
        plan.problems.append(f"Tệp không có trang nào theo mẫu trao đổi ({names})")
    return sheets


def _validate_row(entity: Entity, sheet: str, number: int, raw: dict[str, Any],
                  present: set[str], plan: ImportPlan) -> _Row:
    try:
        return _Row(number, domain.validate(entity, raw, present=present), True)
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
                    domain.parse_field(entity.by_name[name], value)
            except ValueError:
                pass
        return _Row(number, partial, False)


def _check_references(parsed: dict[str, list[_Row]], sheets: dict[str, Any],
                      stored: dict[str, set[str]], plan: ImportPlan) -> None:
    known = {}
    for table in CODED_TABLES:
        in_file = {r.record["code"] for r in parsed.get(table, []) if r.record.get("code")}
        known[table] = in_file | stored[table]
    for name, rows in parsed.items():
        entity = ENTITY[name]
        refs = [f for f in entity.fields if f.kind in ("ref", "refs")]
        for row in rows:
            for f in refs:
                value = row.record.get(f.name)
                table = f.ref
                codes = (value,) if f.kind == "ref" else value or ()
                unknown = [code for code in codes if code and code not in known[table]]
                if unknown:
                    label = ENTITY[table].label
                    listed = ", ".join(f"«{code}»" for code in unknown)
                    plan.problems.append(
                        f"{sheets[name].title}, dòng {row.number}, {f.header}: không có {label} "
                        f"mã {listed} trong tệp hoặc trong dữ liệu")


def _check_duplicates(parsed: dict[str, list[_Row]], sheets: dict[str, Any],
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
                    f"{sheets[name].title}, dòng {row.number}, {header}: {what} trùng với "
                    f"dòng {first_at[key]}")
            else:
                first_at[key] = row.number


def _check_code_kinds(parsed: dict[str, list[_Row]], sheets: dict[str, Any],
                      stored: dict[str, set[str]], store: Store | None,
                      plan: ImportPlan) -> None:
    """A new unit, cadre or course may not take a code that another kind of record
    has, in the file or in the data file. Pairs that the data file already holds
    (from before this rule) are left alone, so that re-importing an export works."""
    owner_of: dict[str, tuple[str, str | None, str]] = {}  # code -> (table, name, where)
    for table in CODED_TABLES:
        for code in stored[table]:
            owner_of.setdefault(code, (table, None, ""))
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
                    name = (store.code_owner(code, besides=table) or (other, None))[1]
                plan.problems.append(
                    f"{sheets[table].title}, dòng {row.number}, {entity.by_name['code'].header}: "
                    f"{code_reused_message(code, other, name)}{where}")
            elif owner is None:
                owner_of[code] = (table, row.record.get(name_field),
                                  f" ({sheets[table].title}, dòng {row.number})")


def apply(plan: ImportPlan, store: Store) -> dict[str, ImportCount]:
    """Write a checked plan in one transaction."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    return store.import_records(plan.batches, plan.present)


def summary(counts: dict[str, ImportCount]) -> str:
    parts = []
    for entity in ENTITIES:
        c = counts.get(entity.name)
        if c is None:
            continue
        parts.append(f"{entity.sheet}: thêm {c.added}, sửa {c.updated}, "
                     f"không đổi {c.unchanged}")
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
        return ", ".join(value)
    if f.kind in ("count", "year"):
        return int(value)
    if f.display is not None:
        return f.display(value)
    if f.kind == "date" or (f.kind == "birth" and len(value) == 10):
        return dt.date.fromisoformat(value)  # formatted DD/MM/YYYY, see _vietnamese_dates
    if f.kind == "birth":
        return int(value)
    if f.kind == "bool":
        return domain.YES if value else domain.NO
    if f.kind == "money":
        cell = WriteOnlyCell(ws, value=int(value))
        cell.number_format = "#,##0"
        return cell
    text = str(value)
    if text.startswith("="):  # text stays text: it must never become a formula
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        return cell
    return text


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


def export_workbook(store: Store, path: Path | str) -> None:
    """The six sheets (after a cover sheet), written to a temporary file then renamed."""
    path = Path(path)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    cover = wb.create_sheet(COVER_SHEET)
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 60
    settings = store.settings()
    title = WriteOnlyCell(cover, value="Dữ liệu trao đổi - Kế hoạch thực hiện Quyết định "
                                       "số 2282/QĐ-TTg")
    title.font = Font(bold=True, size=13)
    cover.append([title])
    cover.append(["Xã", settings.get("commune_name", "")])
    cover.append(["Ngày xuất", dt.date.today().strftime("%d/%m/%Y")])
    cover.append([])
    cover.append(["Hướng dẫn", "Mỗi trang là một loại dữ liệu; giữ nguyên tên trang và "
                               "dòng tiêu đề. Cột có dấu * trong mẫu là bắt buộc. Ngày ghi "
                               "dd/mm/yyyy."])
    for entity in ENTITIES:
        ws = wb.create_sheet(entity.sheet)
        ws.freeze_panes = "A2"
        for i, f in enumerate(entity.fields, start=1):
            width = max(_WIDTHS[f.kind], len(f.header) + 4)
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for f in entity.fields:
            cell = WriteOnlyCell(ws, value=f.header)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        ws.append(header)
        with _vietnamese_dates():
            for record in store.iter_records(entity.name):
                ws.append([_value(ws, f, record.get(f.name)) for f in entity.fields])
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbookError(f"Không ghi được tệp «{path}»: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
