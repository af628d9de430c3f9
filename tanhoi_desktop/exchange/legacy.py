"""Text of a received workbook typed in a legacy Vietnamese encoding, made Unicode.

A cell is converted when its font is a legacy one, or, whatever its font, when its
characters can only be read as such text (legacy_text.guess).

Calamine gives values, not fonts, so the font of a cell is read here from the zip:
a cell's style (`s`) names a font in styles.xml; a shared or inline string may name
its own fonts run by run. Only workbooks whose styles or strings name a «.Vn…» or
«VNI…» font are read this way; every other workbook costs one search of two parts.
The parts were checked against the reader's limits before this runs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from typing import Any

from ..legacy_text import LABELS, convert, font_encoding, guess, may_be_legacy

Font = tuple[str, bool]  # (encoding, upper)
_LEGACY_NAME = re.compile(rb"""val\s*=\s*["'](?:\.vn|vni)""", re.IGNORECASE)
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        return b""


def _run_font(element: ET.Element) -> Font | None:
    """The legacy font of a string item (<si> or <is>): its first run naming one."""
    for node in element.iter():
        if _local(node.tag) in {"rFont", "name"} and node.get("val"):
            found = font_encoding(node.get("val", ""))
            if found:
                return found
    return None


def _style_fonts(styles: bytes) -> dict[int, Font]:
    """Cell style index -> legacy font, for the styles whose font is one."""
    root = ET.fromstring(styles)
    fonts: list[Font | None] = []
    xfs: list[int] = []
    for node in root:
        if _local(node.tag) == "fonts":
            for font in node:
                name = next((c.get("val", "") for c in font if _local(c.tag) == "name"), "")
                fonts.append(font_encoding(name))
        elif _local(node.tag) == "cellXfs":
            xfs = [int(xf.get("fontId", "0") or 0) for xf in node]
    return {i: found for i, f in enumerate(xfs)
            if 0 <= f < len(fonts) and (found := fonts[f]) is not None}


def _shared_fonts(shared: bytes) -> dict[int, Font]:
    out: dict[int, Font] = {}
    for i, item in enumerate(ET.fromstring(shared)):
        found = _run_font(item)
        if found:
            out[i] = found
    return out


def _cell_position(ref: str) -> tuple[int, int] | None:
    match = _REF.fullmatch(ref)
    if not match:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col


def _sheet_cells(zf: zipfile.ZipFile, part: str, styles: dict[int, Font],
                 shared: dict[int, Font]) -> dict[tuple[int, int], Font]:
    out: dict[tuple[int, int], Font] = {}
    with zf.open(part) as fp:
        for _, cell in ET.iterparse(fp):
            if _local(cell.tag) != "c":
                continue
            where = _cell_position(cell.get("r", ""))
            if where is not None:
                found = None
                if cell.get("t") == "s":
                    value = next((v.text for v in cell if _local(v.tag) == "v"), None)
                    if value and value.isdigit():
                        found = shared.get(int(value))
                elif cell.get("t") == "inlineStr":
                    found = next((_run_font(c) for c in cell if _local(c.tag) == "is"), None)
                style = cell.get("s") or "0"  # no style is style 0, the workbook's default
                if found is None and style.isdigit():
                    found = styles.get(int(style))
                if found is not None:
                    out[where] = found
            cell.clear()
    return out


def legacy_cells(zf: zipfile.ZipFile, parts: dict[str, str]
                 ) -> dict[str, dict[tuple[int, int], Font]]:
    """Sheet title -> {(row, column) 1-based: font} for the cells set in a legacy font.
    `parts` maps zip part names to sheet titles. Empty for the usual workbook."""
    styles_xml = _read(zf, "xl/styles.xml")
    shared_xml = _read(zf, "xl/sharedStrings.xml")
    if not (_LEGACY_NAME.search(styles_xml) or _LEGACY_NAME.search(shared_xml)):
        return {}
    try:
        styles = _style_fonts(styles_xml) if styles_xml else {}
        shared = _shared_fonts(shared_xml) if _LEGACY_NAME.search(shared_xml) else {}
        out = {}
        for part, title in parts.items():
            cells = _sheet_cells(zf, part, styles, shared)
            if cells:
                out[title] = cells
    except (ET.ParseError, KeyError, ValueError):
        return {}  # fonts unreadable: the text alone decides (guess)
    return out


def convert_rows(rows: list[list[Any]], fonts: dict[tuple[int, int], Font]) -> Counter[str]:
    """Convert the legacy text of a sheet's rows in place; how many cells, by encoding."""
    converted: Counter[str] = Counter()
    if not fonts:  # the usual sheet: one regex pass over all its text decides
        text = "\n".join(v for row in rows for v in row if isinstance(v, str))
        if not may_be_legacy(text):
            return converted
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if not isinstance(value, str) or not value or _UNICODE_VIETNAMESE.search(value):
                continue  # (legacy text is Latin-1 only: ạ, ư, đ... say it is Unicode)
            font = fonts.get((r, c))
            encoding: str | None
            if font is not None:
                encoding, upper = font
            else:
                encoding, upper = guess(value), False
            if encoding is None:
                continue
            new = convert(value, encoding, upper)
            if new != value:
                row[c - 1] = new
                converted[encoding] += 1
    return converted


def warning(title: str, converted: Counter[str]) -> list[str]:
    return [f"{title}: {n} ô gõ theo bảng mã {LABELS[enc]} đã được chuyển sang Unicode; "
            "hãy xem lại các tên trước khi lưu" for enc, n in sorted(converted.items())]
