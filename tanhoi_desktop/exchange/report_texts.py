"""The sheet «Nội dung báo cáo» of the exchange workbook: the texts a person wrote in the
reports (store/report_texts.py) travel with the export and come back on import, with who
changed them and when (docs/exchange-report-texts.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from typing import Any

from .. import vntext
from ..safety import sheets
from ..store.report_texts import MAX_TEXT, SECTIONS

SHEET = "Nội dung báo cáo"
HEADERS = ("Báo cáo", "Phần", "Nội dung", "Người sửa", "Thời điểm sửa")
_REPORT = re.compile(r"(\d{4})(?:\s*-\s*(\d{4}))?")
_WHEN = "%d/%m/%Y %H:%M:%S"
_BY_NAME = {vntext.fold_compact(name): key for key, name in SECTIONS.items()}


def is_sheet(title: str) -> bool:
    return vntext.fold_compact(title) == vntext.fold_compact(SHEET)


def write_sheet(wb, store) -> None:
    """The sheet, after the others (a write-only workbook)."""
    ws = wb.create_sheet(SHEET)
    for letter, width in zip("ABCDE", (12, 24, 90, 22, 20), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(list(HEADERS))
    for row in store.texts.rows():
        when = row["changed_at"]
        with contextlib.suppress(TypeError, ValueError):
            when = dt.datetime.fromisoformat(when).strftime(_WHEN)
        ws.append([sheets.text_value(ws, row["report"]),
                   sheets.text_value(ws, SECTIONS.get(row["section"], row["section"])),
                   sheets.text_value(ws, row["text"]),
                   sheets.text_value(ws, row["changed_by"] or ""),
                   sheets.text_value(ws, when or "")])


def _text(value: Any) -> str:
    """A cell's text with its line breaks (one paragraph a line), NFC, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def read_sheet(title: str, rows: list[list[Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(rows to import, problems «Nội dung báo cáo, dòng N, column: what is wrong»)."""
    folded = [vntext.fold_compact(h) for h in HEADERS]
    header_at, columns = -1, {}
    for i, row in enumerate(rows[:10]):
        keys = [vntext.fold_compact(v) if v not in (None, "") else "" for v in row]
        if folded[0] in keys and folded[1] in keys:
            header_at = i
            columns = {name: keys.index(key) for name, key in zip(HEADERS, folded,
                                                                  strict=True) if key in keys}
            break
    if header_at < 0:
        return [], [f"{title}, dòng 1-10: không tìm thấy dòng tiêu đề có đủ các cột bắt "
                    "buộc («Báo cáo», «Phần»)"]
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}  # (report, section) -> its row

    def cell(row, name):
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else None

    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        values = {name: _text(cell(row, name)) for name in HEADERS}
        if not any(values.values()):
            continue
        wrong = []
        match = _REPORT.fullmatch(values["Báo cáo"])
        if not match:
            wrong.append(f"Báo cáo: «{values['Báo cáo']}» phải là một năm (2026) hoặc một "
                         "giai đoạn (2026-2030)")
        section = _BY_NAME.get(vntext.fold_compact(values["Phần"]))
        if section is None:
            allowed = ", ".join(f"«{name}»" for name in SECTIONS.values())
            wrong.append(f"Phần: «{values['Phần']}» không thuộc danh mục ({allowed})")
        text = values["Nội dung"]
        if vntext.has_control_chars(text.replace("\n", " ")):
            wrong.append("Nội dung: có ký tự điều khiển không hợp lệ")
        elif len(text) > MAX_TEXT:
            wrong.append(f"Nội dung: dài quá {MAX_TEXT} ký tự")
        when = values["Thời điểm sửa"]
        changed_at = None
        try:
            changed_at = dt.datetime.strptime(when, _WHEN).isoformat() if when else None
        except ValueError:
            wrong.append(f"Thời điểm sửa: «{when}» phải ghi dd/mm/yyyy hh:mm:ss")
        if wrong or match is None or section is None:  # (either is a wrong line)
            problems.extend(f"{title}, dòng {number}, {w}" for w in wrong)
            continue
        report = match[1] if match[2] is None else f"{match[1]}-{match[2]}"
        key = (report, section)
        if key in seen:
            problems.append(f"{title}, dòng {number}, Phần: trùng với dòng {seen[key]}")
            continue
        seen[key] = number
        out.append({"report": report, "section": section, "text": text,
                    "changed_at": changed_at, "changed_by": values["Người sửa"]})
    return out, problems
