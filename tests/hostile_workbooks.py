"""Small .xlsx files built byte by byte: bombs and malformed parts that a spreadsheet
program would never write, but that a hostile or broken sender can."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = ('<?xml version="1.0" encoding="UTF-8"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_SST_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
           'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def rows_xml(rows: list[list[str]]) -> str:
    """Plain text rows from A1, as inline strings."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(inline(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(body: str, head: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{head}'
            f"<sheetData>{body}</sheetData></worksheet>")


def write_xlsx(path: Path, sheets: dict[str, str | bytes | Iterable[bytes]],
               shared_strings: str | bytes | Iterable[bytes] | None = None,
               date1904: bool = False, extra: dict[str, bytes] | None = None) -> Path:
    """A workbook whose sheet parts are exactly the given XML (a big part may be given
    as an iterable of byte chunks, written compressed as it comes)."""
    names = list(sheets)
    overrides = "".join(_SHEET_CT.format(i=i) for i in range(1, len(names) + 1))
    if shared_strings is not None:
        overrides += _SST_CT
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{_REL_NS}">'
                f"{pr}<sheets>" + "".join(
                    f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in enumerate(names, start=1)) + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">' + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1)))
    if shared_strings is not None:
        rels += (f'<Relationship Id="rId{len(names) + 1}" Type="{_REL_NS}/sharedStrings" '
                 'Target="sharedStrings.xml"/>')
    rels += "</Relationships>"
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                 'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                 f'Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
                 "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(overrides=overrides))
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        parts = {f"xl/worksheets/sheet{i}.xml": sheets[n] for i, n in
                 enumerate(names, start=1)}
        if shared_strings is not None:
            parts["xl/sharedStrings.xml"] = shared_strings
        for name, content in {**parts, **(extra or {})}.items():
            if isinstance(content, str):
                content = content.encode("utf-8")
            if isinstance(content, bytes):
                zf.writestr(name, content)
                continue
            with zf.open(name, "w", force_zip64=True) as out:
                for chunk in content:
                    out.write(chunk)
    return path
