"""The audit trail (Nhật ký thay đổi) as an .xlsx file and in Vietnamese words."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .. import domain
from . import output, sheets

ACTIONS = {"add": "Thêm", "edit": "Sửa", "delete": "Xóa", "import": "Nhập từ Excel",
           "settings": "Cài đặt", "snapshot": "Chốt số liệu năm",
           "reopen": "Mở lại năm đã chốt", "submission": "Nhận báo cáo năm của đơn vị",
           "restore": "Khôi phục từ bản sao lưu",
           "undo_import": "Hoàn tác lần nhập từ Excel",
           "redo_import": "Làm lại lần nhập từ Excel", "demo": "Tạo dữ liệu mẫu"}
TABLES = {e.name: e.sheet for e in domain.ENTITIES} | {"settings": "Cài đặt",
                                                       "snapshots": "Số liệu năm",
                                                       "submissions": "Báo cáo của đơn vị"}
HEADERS = ("Thời gian", "Người nhập", "Tài khoản máy", "Thao tác", "Loại bản ghi", "Bản ghi",
           "Trước khi sửa", "Sau khi sửa")


def when(entry: dict[str, Any]) -> str:
    stamp = dt.datetime.fromisoformat(entry["at"])
    return stamp.strftime("%d/%m/%Y %H:%M:%S")


@functools.cache  # asked twice for every entry of the trail
def _headers_of(table: str | None) -> dict[str, str]:
    """The column headers of the record's own kind: «code» is «Mã đơn vị» for a unit and
    «Mã lớp» for a course. Another table's keys get a header only where every kind
    agrees on it."""
    entity = domain.ENTITY.get(table or "")
    if entity is not None:
        return {f.name: f.header for f in entity.fields}
    seen: dict[str, set[str]] = {}
    for e in domain.ENTITIES:
        for f in e.fields:
            seen.setdefault(f.name, set()).add(f.header)
    return {name: next(iter(headers)) for name, headers in seen.items() if len(headers) == 1}


def describe(values: Any, table: str | None = None) -> str:
    """Field values in words: 'Họ và tên: Lê Thị Mai; Giới tính: Nữ', with the headers of
    the record's kind (`table`)."""
    if values is None:
        return ""
    if not isinstance(values, dict):
        return json.dumps(values, ensure_ascii=False)
    headers = _headers_of(table)
    parts = []
    for key, value in values.items():
        if isinstance(value, bool):
            value = domain.YES if value else domain.NO
        elif isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = domain.format_date(value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        # (an import's summary is by kind of record: «Cán bộ: thêm 3, sửa 1, …»)
        label = headers.get(key) or TABLES.get(key, key)
        parts.append(f"{label}: {'' if value is None else value}")
    return "; ".join(parts)


def row_of(entry: dict[str, Any]) -> tuple[str, ...]:
    return (when(entry), entry.get("person") or "", entry.get("os_user") or "",
            ACTIONS.get(entry["action"], entry["action"]),
            TABLES.get(entry.get("table_name") or "", entry.get("table_name") or ""),
            entry.get("record_code") or "",
            describe(entry.get("before"), entry.get("table_name")),
            describe(entry.get("after"), entry.get("table_name")))


def write_xlsx(entries: list[dict[str, Any]], path: Path,
               protect: tuple[Path, ...] = ()) -> None:
    """All entries, as text cells (never formulas), written beside `path`, checked, then
    put in place (never over `protect`, a data file or a backup)."""
    with sheets.saving(), output.replacing(path, output.verify_xlsx, protect) as tmp:
        _workbook(entries).save(tmp)


def _workbook(entries: list[dict[str, Any]]) -> Workbook:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nhật ký thay đổi")
    for col, width in zip("ABCDEFGH", (20, 18, 14, 16, 14, 22, 50, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws)
        sheets.put_text(cell, text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for entry in entries:
        cells = []
        for text in row_of(entry):
            cell = WriteOnlyCell(ws)
            sheets.put_text(cell, text)
            cells.append(cell)
        ws.append(cells)
    return wb
