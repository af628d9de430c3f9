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


# --- bombs: each a few KB (or MB) on disk, far more once read ---------------------------

UNITS_HEADER = ["Mã đơn vị", "Tên đơn vị"]
SHEET = "Đơn vị"


def _header_row() -> str:
    return rows_xml([UNITS_HEADER, ["KT", "Phòng Kinh tế"]])


def row_bomb(path: Path) -> Path:
    """Two cells, the second claiming row 300,000,000."""
    body = _header_row() + '<row r="300000000">' + inline("A300000000", "X") + "</row>"
    return write_xlsx(path, {SHEET: sheet_xml(body)})


def column_bomb(path: Path) -> Path:
    """A value at column XFD (16,384), with a dimension claiming the whole grid."""
    body = _header_row() + '<row r="3">' + inline("XFD3", "X") + "</row>"
    return write_xlsx(path, {SHEET: sheet_xml(body, '<dimension ref="A1:XFD1048576"/>')})


def area_bomb(path: Path) -> Path:
    """Within the row and column limits, but 99,999 rows x 256 columns as one block."""
    body = _header_row() + '<row r="99999">' + inline("IV99999", "X") + "</row>"
    return write_xlsx(path, {SHEET: sheet_xml(body)})


def styled_rows_bomb(path: Path, rows: int = 1_048_576) -> Path:
    """A styled, empty cell at column XFD on every row of the grid."""
    def chunks():
        yield sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
        yield _header_row().encode()
        batch = []
        for r in range(3, rows + 1):
            batch.append(f'<row r="{r}"><c r="XFD{r}" s="1"/></row>')
            if len(batch) == 10000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode() + b"</sheetData></worksheet>"
    return write_xlsx(path, {SHEET: chunks()})


def unreferenced_cells_bomb(path: Path, cells: int = 20_000, rows: int = 30_000) -> Path:
    """Cells without a reference: each comes after the previous one (20,000 columns),
    then many rows: the block is 20,000 x 30,000 cells."""
    def chunks():
        yield sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
        yield _header_row().encode()
        yield b"<row>" + b"<c><v>1</v></c>" * cells + b"</row>"
        yield b"".join(b"<row><c><v>1</v></c></row>" for _ in range(rows))
        yield b"</sheetData></worksheet>"
    return write_xlsx(path, {SHEET: chunks()})


def cell_count_bomb(path: Path, cells: int = 5_000_000) -> Path:
    """Millions of cells, all at the same place."""
    def chunks():
        yield sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
        yield _header_row().encode() + b'<row r="3">'
        for _ in range(cells // 100_000):
            yield b'<c r="A3"><v>1</v></c>' * 100_000
        yield b"</row></sheetData></worksheet>"
    return write_xlsx(path, {SHEET: chunks()})


def big_cell_bomb(path: Path, size: int = 3 * 1024**3, shared: bool = True) -> Path:
    """One cell of `size` characters (3 GB by default), in the shared strings."""
    def chunks():
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>'.encode()
        block = b"a" * (1 << 24)
        left = size
        while left > 0:
            yield block[:left]
            left -= len(block)
        yield b"</t></si></sst>"
    if shared:
        body = _header_row() + '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'
        return write_xlsx(path, {SHEET: sheet_xml(body)}, shared_strings=chunks())
    body = _header_row() + '<row r="3">' + inline("B3", "a" * size) + "</row>"
    return write_xlsx(path, {SHEET: sheet_xml(body)})


def whitespace_bomb(path: Path, size: int = 100 * 1024**2) -> Path:
    """Megabytes of spaces between two rows."""
    def chunks():
        yield sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
        yield _header_row().encode()
        block = b" " * (1 << 20)
        for _ in range(size // len(block)):
            yield block
        yield b"</sheetData></worksheet>"
    return write_xlsx(path, {SHEET: chunks()})


def shared_count_bomb(path: Path, strings: int = 3_000_000) -> Path:
    """Millions of empty shared strings."""
    def chunks():
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'.encode()
        for _ in range(strings // 100_000):
            yield b"<si><t></t></si>" * 100_000
        yield b"</sst>"
    return write_xlsx(path, {SHEET: sheet_xml(_header_row())}, shared_strings=chunks())


def part_size_bomb(path: Path, size: int = 300 * 1024**2, declared: int | None = None
                   ) -> Path:
    """A sheet part of `size` bytes of elements that hold nothing; with `declared`, the
    zip headers claim that size instead (a lie)."""
    def chunks():
        yield sheet_xml("").split("<sheetData>")[0].encode() + b"<sheetData>"
        yield _header_row().encode()
        block = b"<x/>" * (1 << 18)
        for _ in range(size // len(block)):
            yield block
        yield b"</sheetData></worksheet>"
    write_xlsx(path, {SHEET: chunks()})
    if declared is not None:
        _declare_size(path, "xl/worksheets/sheet1.xml", declared)
    return path


def _declare_size(path: Path, member: str, size: int) -> None:
    """Overwrite the uncompressed size that the zip headers give for `member`."""
    import struct
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, size)
    pos = 0
    while True:
        central = data.find(b"PK\x01\x02", pos)
        if central < 0:
            break
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, size)
        pos = central + 4
    path.write_bytes(bytes(data))


def overlapping_entries_bomb(path: Path, copies: int = 9_990,
                             size: int = 100 * 1024**2) -> Path:
    """One deflated part (`size` bytes of empty elements: about 100 KB on disk) listed
    `copies` more times in the central directory under other names, every listing
    pointing at the same compressed bytes."""
    import struct

    body = _header_row().encode() + b"<x/>" * ((size - 200) // 4)
    write_xlsx(path, {SHEET: sheet_xml("").replace("<sheetData></sheetData>", "")},
               extra={"xl/big.xml": b"<a>" + body + b"</a>"})
    data = path.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack_from("<HII", data, end + 10)
    records, pos = [], cd_offset
    while pos < cd_offset + cd_size:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        records.append(data[pos:pos + 46 + name_len + extra_len + comment_len])
        pos += 46 + name_len + extra_len + comment_len
    big = next(r for r in records if r[46:46 + 10] == b"xl/big.xml")
    name_len, extra_len, comment_len = struct.unpack_from("<HHH", big, 28)
    tail = big[46 + name_len:]
    copies_ = []
    for i in range(copies):
        name = f"xl/p{i:05d}.xml".encode()
        head = bytearray(big[:46])
        struct.pack_into("<H", head, 28, len(name))
        copies_.append(bytes(head) + name + tail)
    directory = b"".join(records + copies_)
    total = count + copies
    eocd = bytearray(data[end:end + 22])
    struct.pack_into("<HHII", eocd, 8, total, total, len(directory), cd_offset)
    path.write_bytes(data[:cd_offset] + directory + bytes(eocd))
    return path


def many_parts_bomb(path: Path, parts: int = 6, size: int = 110 * 1024**2,
                    declared: int | None = 1024) -> Path:
    """`parts` parts of `size` bytes each (each under the limit for one part, together
    over the limit for the file), each declaring `declared` bytes in the zip headers."""
    block = b"<x/>" * (1 << 18)

    def chunks() -> Iterable[bytes]:
        yield b"<a>"
        for _ in range(size // len(block)):
            yield block
        yield b"</a>"

    names = [f"xl/p{i}.xml" for i in range(parts)]
    write_xlsx(path, {SHEET: sheet_xml(_header_row())},
               extra={name: chunks() for name in names})
    if declared is not None:
        for name in names:
            _declare_size(path, name, declared)
    return path


def money_bombs(path: Path) -> Path:
    """«Lớp học» whose Kinh phí cells would take forever as numbers: as text and as
    number cells."""
    header = ["Mã lớp", "Tên lớp", "Loại", "Kinh phí"]
    rows = ['<row r="1">' + "".join(inline(f"{chr(65 + i)}1", h)
                                     for i, h in enumerate(header)) + "</row>"]
    for n, (kind, value) in enumerate([("t", "1e999999999"), ("n", "1e999999999"),
                                       ("t", "Infinity"), ("t", "9" * 30),
                                       ("t", "1e-999999999")], start=2):
        cell = f'<c r="D{n}"><v>{value}</v></c>' if kind == "n" else inline(f"D{n}", value)
        rows.append(f'<row r="{n}">{inline(f"A{n}", f"K{n}")}{inline(f"B{n}", "Lớp")}'
                    f'{inline(f"C{n}", "Tin học")}{cell}</row>')
    return write_xlsx(path, {"Lớp học": sheet_xml("".join(rows))})


_LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
    for i in range(1, 10)) + "]>")


def billion_laughs(path: Path) -> Path:
    body = _header_row() + '<row r="3"><c r="A3" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    xml = sheet_xml(body).replace("?>", "?>" + _LAUGHS, 1)
    return write_xlsx(path, {SHEET: xml})


def external_entity(path: Path) -> Path:
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = _header_row() + '<row r="3"><c r="B3" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_xlsx(path, {SHEET: sheet_xml(body).replace("?>", "?>" + doctype, 1)})


def malformed(path: Path) -> Path:
    body = _header_row() + '<row r="3"><c r="A3" t="inlineStr"><is><t>X</t></is></row>'
    return write_xlsx(path, {SHEET: sheet_xml(body)})


# name -> (builder, what the refusal says); sizes as received, for the bench
BOMBS = {
    "dòng 300.000.000": (row_bomb, "300.000.000"),
    "ô ở cột XFD": (column_bomb, "XFD"),
    "vùng 99.999 × 256 ô": (area_bomb, "4.000.000 ô"),
    "ô định dạng ở cột XFD mọi dòng": (styled_rows_bomb, "200.000 dòng"),
    "20.000 ô không ghi vị trí": (unreferenced_cells_bomb, "256 cột"),
    "5 triệu ô": (cell_count_bomb, "4.000.000 ô"),
    "một ô 3 GB": (big_cell_bomb, "32.767 ký tự"),
    "100 MB khoảng trắng": (whitespace_bomb, "32.767 ký tự"),
    "3 triệu chuỗi dùng chung": (shared_count_bomb, "2.000.000"),
    "phần 300 MB": (part_size_bomb, "128 MB"),
    "phần 300 MB, khai 1 KB": (lambda p: part_size_bomb(p, declared=1024), "128 MB"),
    "billion laughs": (billion_laughs, "DOCTYPE"),
    "9.990 phần chồng lên nhau": (overlapping_entries_bomb, "chồng lên nhau"),
    "6 phần 110 MB, mỗi phần khai 1 KB": (many_parts_bomb, "400 MB"),
    "ô kinh phí 1e999999999": (money_bombs, "Kinh phí"),
    "XXE": (external_entity, "DOCTYPE"),
}
