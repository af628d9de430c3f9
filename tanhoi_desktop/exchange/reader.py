"""An .xlsx file received from elsewhere, read into sheets of cell values, safely.

The cells are read by python-calamine (fast, but it builds each sheet as one dense block
in memory: 32 bytes for every cell between A1 and the farthest cell holding a value,
whatever <dimension> says; a block it cannot allocate aborts the whole process, no
exception: one cell at row 300,000,000 does it). So, before
it sees the file, every part it may read is decompressed here once, counting what comes
out (a zip header's sizes are never trusted), and refused beyond limits that a commune's
workbook never reaches: rows, columns and cells per sheet, characters per cell, size of a
part. Parts that declare entities (billion laughs, XXE) are refused too: a spreadsheet
program never writes a DTD. Every refusal is one Vietnamese sentence naming the sheet.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import python_calamine

from ..store.opening import held_here
from . import legacy

MAX_ROWS = 200_000  # per sheet; a province-wide file has 50,000 cadres
MAX_COLUMNS = 256  # per sheet (column IV); the widest exchange sheet has 15
MAX_CELLS = 4_000_000  # per sheet: the dense block calamine allocates (rows x columns)
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_PART_BYTES = 128 * 1024 * 1024  # one decompressed part (a 200,000-row sheet: ~90 MB)
# All decompressed parts together, as they come out (a province's workbook of 50,000
# cadres is about 150 MB); what is decompressed takes time, so this bounds the time of a
# refusal too (about 4 s for 400 MB on a busy machine).
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_SHARED_STRINGS = 2_000_000
MAX_PARTS = 10_000

# A run of bytes without any '<' is the text of one cell or the space between two tags.
# A cell of 32,767 characters takes at most 6 bytes a character (UTF-8, or &amp;): a
# window of that many bytes without '<' is refused; every run twice as long contains one.
_RUN_WINDOW = MAX_CELL_CHARS * 6
_MAX_RUN = 2 * _RUN_WINDOW
_CHUNK = 4 * 1024 * 1024
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Cells and rows as spreadsheet programs write them: r="..." first, in double quotes.
# In an exchange sheet every cell is in columns A-Z and rows below 100,000, so one search
# for any other cell or row tag usually proves the sheet small: 26 x 99,999 cells is
# within MAX_CELLS. Only when it finds one are the references read one by one.
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]\d{1,5}")')
_ODD_ROW = re.compile(rb'<row(?=[\s/>])(?! r="\d{1,5}")')
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
# a cell that closes itself holds no value: calamine leaves it out of the block
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d+"[^>]*(?<!/)>')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d+)"[^>]*(?<!/)>')
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
# Any other spelling of a cell or row tag (namespace prefix, no r, other quotes or
# spacing): such a part is then measured tag by tag, as calamine would place the cells.
_UNUSUAL_TAG = re.compile(
    rb'<[^\s/>!?<]+:(?:c|row)[\s/>]|<(?:c|row)(?=[\s/>])(?! r="[A-Z]{0,3}\d+")')
_ANY_TAG = re.compile(rb"<(?:[^\s/>!?<]+:)?(c|row)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)\s*(\d*)""")
# Formula cells: calamine yields their cached value; one without (a file written by a
# program that never calculates) yields the formula text as typed, to be stored as text.
_HAS_FORMULA = re.compile(rb"<f[\s>]")
_FORMULA_ONLY = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f(?:\s[^>]*)?>([^<]*)</f>\s*(?:<v\s*/>|<v></v>)?\s*</c>')
_PART_LABEL_SST = "phần chứa chữ dùng chung của tệp"


class WorkbookError(Exception):
    """The file cannot be read at all (not a workbook, unreadable): one sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class WorkbookRefused(Exception):
    """A workbook, but a hostile or broken one: one sentence naming the sheet."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def column_letters(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


@dataclass
class SheetRows:
    title: str
    rows: list[list[Any]]  # from A1 (rows[0] is row 1); "" for an empty cell
    # cells converted from a legacy Vietnamese encoding, by encoding (legacy_text)
    legacy: Counter[str] = field(default_factory=Counter)


@dataclass
class _PartFacts:
    max_row: int = 0
    max_column: int = 0
    cells: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 1-based
    unusual: bool = False  # measured tag by tag (below)
    cursor_row: int = 0
    cursor_column: int = 0
    inflated: int = 0  # bytes that actually came out of the part


class _Refuse(Exception):
    """Raised inside the scan; turned into WorkbookRefused with the sheet's name."""


# --- the zip, decompressed and counted --------------------------------------------

def _raw_chunks(fp, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The decompressed bytes of one part, from its compressed data (whatever the header
    says it will decompress to), stopping with _Refuse beyond MAX_PART_BYTES."""
    if info.flag_bits & 0x1:
        raise WorkbookError("encrypted")
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    else:
        raise zipfile.BadZipFile("unsupported compression")
    produced = 0
    while left > 0 or (inflate is not None and inflate.unconsumed_tail):
        if inflate is not None and inflate.unconsumed_tail:
            out = inflate.decompress(inflate.unconsumed_tail, _CHUNK)
        else:
            raw = fp.read(min(left, _CHUNK))
            if not raw:
                raise zipfile.BadZipFile("truncated")
            left -= len(raw)
            out = inflate.decompress(raw, _CHUNK) if inflate is not None else raw
        produced += len(out)
        if produced > MAX_PART_BYTES:
            raise _Refuse(f"khi giải nén lớn hơn {_n(MAX_PART_BYTES // 2**20)} MB "
                          "(giới hạn cho một phần của tệp)")
        if out:
            yield out
        if inflate is not None and inflate.eof:
            break


_DTD_MESSAGE = ("khai báo thực thể (DOCTYPE/ENTITY), điều mà Excel không bao giờ ghi; tệp "
                "có thể chứa mã độc")


def _scan_part(fp, info: zipfile.ZipInfo, is_sheet: bool, is_shared: bool) -> _PartFacts:
    """Decompress one part once, chunk by chunk (each cut before a '<', so that no tag
    is split), checking it as it comes."""
    facts = _PartFacts()
    carry = b""
    shared = 0
    for chunk in itertools.chain(_raw_chunks(fp, info), [None]):
        if chunk is None:  # the end: what is left is complete
            done, carry = carry, b""
        else:
            facts.inflated += len(chunk)
            buf = carry + chunk
            last = buf.rfind(b"<")
            done, carry = (b"", buf) if last <= 0 else (buf[:last], buf[last:])
            if len(carry) > _MAX_RUN:
                raise _Refuse(_long_run())
        if b"<!" in done and _DTD.search(done):  # "<!" is rare: comments, CDATA
            raise _Refuse(_DTD_MESSAGE)
        if any(done.find(b"<", at, at + _RUN_WINDOW) < 0
               for at in range(0, len(done) - _RUN_WINDOW + 1, _RUN_WINDOW)):
            raise _Refuse(_long_run())
        if is_shared:
            shared += done.count(b"<si>") + done.count(b"<si ")
            if shared > MAX_SHARED_STRINGS:
                raise _Refuse(f"có hơn {_n(MAX_SHARED_STRINGS)} đoạn chữ, quá giới hạn")
        if is_sheet:
            if facts.unusual:
                _measure_unusual(done, facts)
            else:
                _measure_usual(done, facts)
    return facts


def _long_run() -> str:
    return (f"có một ô (hoặc một đoạn dữ liệu) dài quá {_n(MAX_CELL_CHARS)} ký tự "
            "(giới hạn của Excel)")


def _check_limits(facts: _PartFacts) -> None:
    if facts.max_row > MAX_ROWS:
        raise _Refuse(f"dài đến dòng {_n(facts.max_row)}, quá giới hạn "
                      f"{_n(MAX_ROWS)} dòng một trang")
    if facts.max_column > MAX_COLUMNS:
        raise _Refuse(f"có dữ liệu đến cột {column_letters(min(facts.max_column, 16384))} "
                      f"(cột thứ {_n(facts.max_column)}), quá giới hạn {_n(MAX_COLUMNS)} cột "
                      "một trang")
    if facts.cells > MAX_CELLS:
        raise _Refuse(f"có hơn {_n(MAX_CELLS)} ô, quá giới hạn {_n(MAX_CELLS)} ô một trang")
    if facts.max_row * facts.max_column > MAX_CELLS:
        raise _Refuse(f"có vùng dữ liệu quá lớn ({_n(facts.max_row)} dòng × "
                      f"{_n(facts.max_column)} cột), quá giới hạn {_n(MAX_CELLS)} ô một trang")


def _measure_usual(data: bytes, facts: _PartFacts) -> None:
    """Rows, columns and cells of sheet XML as spreadsheet programs write it, with
    searches that run at C speed."""
    cells = data.count(b'<c r="')
    facts.cells += cells
    if _ODD_CELL.search(data) or _ODD_ROW.search(data) or _PREFIXED.search(data):
        if _UNUSUAL_TAG.search(data):
            facts.unusual = True
            facts.cursor_row = facts.max_row
            facts.cells -= cells
            _measure_unusual(data, facts)
            return
        columns = set(_CELL_COLUMN.findall(data))
        if columns:
            facts.max_column = max(facts.max_column, *map(_column_number, columns))
            facts.max_row = max(facts.max_row, *map(int, set(_CELL_ROW.findall(data))))
        row_numbers = _ROW_NUMBER.findall(data)
        if row_numbers:
            facts.max_row = max(facts.max_row, *map(int, set(row_numbers)))
    else:  # columns A-Z, rows below 100,000: the last row tells the sheet's height
        if cells:
            facts.max_column = 26
        last = data.rfind(b'<row r="')
        if last >= 0:
            digits = data[last + 8:data.index(b'"', last + 8)]
            facts.max_row = max(facts.max_row, int(digits))
    _check_limits(facts)
    if _HAS_FORMULA.search(data):
        for letters, row, text in _FORMULA_ONLY.findall(data):
            formula = html.unescape(text.decode("utf-8", "replace"))
            facts.formulas[(int(row), _column_number(letters))] = "=" + formula


def _measure_unusual(data: bytes, facts: _PartFacts) -> None:
    """Tag by tag, placing cells as calamine does: a row or cell without a reference
    comes after the previous one. Counts every cell, valued or not (an upper bound)."""
    for match in _ANY_TAG.finditer(data):
        name, attrs = match.groups()
        ref = _R_ATTR.search(b" " + attrs)
        if name == b"row":
            facts.cursor_row = int(ref.group(2)) if ref and ref.group(2) else \
                facts.cursor_row + 1
            facts.cursor_column = 0
        else:
            facts.cells += 1
            if ref and ref.group(1):
                facts.cursor_column = _column_number(ref.group(1))
                if ref.group(2):
                    facts.cursor_row = int(ref.group(2))
            else:
                facts.cursor_column += 1
            if not attrs.endswith(b"/"):  # a cell closing itself holds no value
                facts.max_column = max(facts.max_column, facts.cursor_column)
        facts.max_row = max(facts.max_row, facts.cursor_row)
        if facts.max_column > MAX_COLUMNS or facts.max_row > MAX_ROWS or \
                facts.cells % 65536 == 0:
            _check_limits(facts)
    _check_limits(facts)


# --- the workbook ------------------------------------------------------------------

_SHEET_TAG = re.compile(rb"<(?:[^\s/>!?<]+:)?sheet\s[^>]*>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REL_TAG = re.compile(rb"<(?:[^\s/>!?<]+:)?Relationship\s[^>]*>")


def _attrs(tag: bytes) -> dict[str, str]:
    """Attributes by local name ("r:id" -> "id"), values unescaped."""
    out = {}
    for key, double, single in _ATTR.findall(tag):
        local = key.decode("ascii", "replace").rpartition(":")[2]
        prefixed = b":" in key
        if local in out and not prefixed:
            continue  # "id" of the relationship namespace wins over a plain one
        out[local] = html.unescape((double or single).decode("utf-8", "replace"))
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Zip part name -> sheet title, from workbook.xml and its relationships."""
    try:
        workbook = zf.read("xl/workbook.xml")[:MAX_PART_BYTES]
        rels = zf.read("xl/_rels/workbook.xml.rels")[:MAX_PART_BYTES]
    except KeyError:
        return {}
    targets = {}
    for tag in _REL_TAG.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        target = target[1:] if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[a.get("Id")] = target
    parts = {}
    for tag in _SHEET_TAG.findall(workbook):
        a = _attrs(tag)
        rid = a.get("id")
        if rid in targets:
            parts[targets[rid]] = a.get("name", "")
    return parts


def _not_a_workbook(path: Path) -> WorkbookError:
    return WorkbookError(f"Tệp «{path.name}» không phải tệp Excel (.xlsx) hợp lệ hoặc đã "
                         "bị hỏng.")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise WorkbookError(f"Không tìm thấy tệp «{path}».")
    if not path.is_file():
        raise WorkbookError(f"«{path}» không phải là một tệp.")

    if held_here(path):  # (a plain read of it would drop this process's locks on it)
        raise WorkbookError(f"«{path.name}» là tệp dữ liệu đang mở, không phải tệp Excel "
                            "trao đổi; hãy chọn tệp .xlsx cần nhập.")
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 16)
    except OSError as exc:
        raise WorkbookError(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}.") \
            from exc
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE compound file
        with contextlib.suppress(OSError), path.open("rb") as fh:
            head = fh.read(64 * 1024 * 1024)  # its directory may sit anywhere
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise WorkbookError(f"Tệp «{path.name}» được đặt mật khẩu. Hãy mở bằng Excel, "
                                "bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu "
                                "lại dạng .xlsx.")
        raise WorkbookError(f"Tệp «{path.name}» là tệp Excel cũ (.xls) hoặc không phải tệp "
                            ".xlsx. Hãy mở bằng Excel và lưu lại dạng «Sổ làm việc Excel "
                            "(.xlsx)».")


class ExchangeReader:
    """One workbook, checked at opening; `read(title)` gives one sheet's rows.

        with ExchangeReader.open(path) as book:
            for title in book.sheet_names: rows = book.read(title)
    """

    def __init__(self, path: Path, facts: dict[str, _PartFacts], calamine,
                 legacy_fonts: dict[str, dict] | None = None):
        self.path = path
        self._facts = facts
        self._legacy_fonts = legacy_fonts or {}
        self._book = calamine
        self.sheet_names: list[str] = list(calamine.sheet_names)

    @classmethod
    def open(cls, path: Path | str) -> ExchangeReader:
        path = Path(path)
        _check_file(path)
        try:
            with zipfile.ZipFile(path) as zf:
                facts = _scan_zip(path, zf)
                fonts = legacy.legacy_cells(zf, _sheet_parts(zf))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
                struct.error, zlib.error) as exc:
            raise _not_a_workbook(path) from exc
        except OSError as exc:
            raise WorkbookError(f"Không đọc được tệp «{path.name}»: "
                                f"{exc.strerror or exc}.") from exc
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise WorkbookError(f"Tệp «{path.name}» được đặt mật khẩu.") from exc
        except BaseException as exc:  # calamine's panics are BaseException
            _reraise_ours(exc)
            raise WorkbookRefused(f"Tệp «{path.name}» bị hỏng (cấu trúc bên trong không "
                                  "đúng định dạng Excel), không đọc được.") from exc
        return cls(path, facts, book, fonts)

    def __enter__(self) -> ExchangeReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(python_calamine.CalamineError):
            self._book.close()

    def row_count(self, title: str) -> int:
        facts = self._facts.get(title)
        return facts.max_row if facts else 0

    def read(self, title: str) -> SheetRows:
        """The sheet's rows; raises WorkbookRefused when calamine cannot parse it."""
        try:
            sheet = self._book.get_sheet_by_name(title)
            # from A1, so that a row's index gives the row number Excel shows
            rows = _rows_from_a1(sheet)
        except BaseException as exc:  # calamine's panics are BaseException
            _reraise_ours(exc)
            raise WorkbookRefused(_parse_failure(title, exc)) from exc
        facts = self._facts.get(title)
        if facts and facts.formulas:
            _fill_formulas(rows, facts.formulas)
        converted = legacy.convert_rows(rows, self._legacy_fonts.get(title, {}))
        return SheetRows(title, rows, converted)


    def read_in_turn(self, titles: list[str]) -> Iterator[SheetRows | WorkbookRefused]:
        """The sheets in this order, parsed ahead in a second thread while the caller
        works on the one before (calamine parses without holding Python's lock); ahead
        by at most MAX_CELLS cells, so that memory stays that of about two sheets."""
        cells = [self._facts[t].cells if t in self._facts else 0 for t in titles]
        pool = ThreadPoolExecutor(max_workers=1)
        try:
            ahead: dict[int, Future] = {}
            submitted = 0
            for i in range(len(titles)):
                while submitted < len(titles) and (
                        submitted <= i or sum(cells[i + 1:submitted + 1]) <= MAX_CELLS):
                    ahead[submitted] = pool.submit(self._read_or_refusal, titles[submitted])
                    submitted += 1
                yield ahead.pop(i).result()
        finally:  # a cancelled import does not wait for the sheets not yet begun
            pool.shutdown(wait=True, cancel_futures=True)

    def _read_or_refusal(self, title: str) -> SheetRows | WorkbookRefused:
        try:
            return self.read(title)
        except WorkbookRefused as exc:
            return exc


def _rows_from_a1(sheet) -> list[list[Any]]:
    """The sheet's rows from A1. Row by row in a Python loop where the data starts at A1
    (as the program's workbooks do): calamine holds Python's lock while it makes Python
    values, and to_python() makes a whole sheet at once (60-120 ms for 50,000 rows,
    during which the window, on another thread, cannot run); between two rows the
    window's thread gets its turn."""
    if sheet.start not in ((0, 0), None):
        return sheet.to_python(skip_empty_area=False)
    rows: list[list[Any]] = []
    append = rows.append
    for row in sheet.iter_rows():
        append(row)
    return rows


def _fill_formulas(rows: list[list[Any]], formulas: dict[tuple[int, int], str]) -> None:
    for (row, col), text in formulas.items():
        if row - 1 >= len(rows):
            rows.extend([] for _ in range(row - len(rows)))
        cells = rows[row - 1]
        if len(cells) < col:
            cells.extend([""] * (col - len(cells)))
        if cells[col - 1] == "":
            cells[col - 1] = text


def _reraise_ours(exc: BaseException) -> None:
    if isinstance(exc, KeyboardInterrupt | SystemExit | WorkbookError | WorkbookRefused):
        raise exc


def _parse_failure(title: str, exc: BaseException) -> str:
    where = ""
    match = re.search(r"\b([A-Z]{1,3})(\d+)\b", str(exc))
    if match and isinstance(exc, python_calamine.CalamineError):
        where = f" (gần ô {match.group(0)})"
    return (f"Trang «{title}» bị hỏng{where}: nội dung không đúng định dạng Excel, không "
            "đọc được. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.")


def _scan_zip(path: Path, zf: zipfile.ZipFile) -> dict[str, _PartFacts]:
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise WorkbookRefused(f"Tệp «{path.name}» có {_n(len(infos))} phần bên trong, quá "
                              f"giới hạn {_n(MAX_PARTS)}.")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise WorkbookRefused(f"Tệp «{path.name}» có hai phần bên trong trùng tên; tệp bị "
                              "hỏng hoặc đã bị sửa bằng công cụ khác Excel.")
    if "xl/workbook.xml" not in names:
        raise _not_a_workbook(path)
    by_name = {i.filename: i for i in infos}
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookError(f"Tệp «{path.name}» được đặt mật khẩu.")
    _refuse_overlapping(path, zf.fp, infos)
    # workbook.xml and its relationships are read (to name the sheets) once checked
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if name in by_name:
            _scan_one(path, zf, by_name[name], name, False, False)
    sheet_parts = _sheet_parts(zf)
    facts: dict[str, _PartFacts] = {}
    total = 0
    for info in infos:
        name = info.filename
        is_sheet = name in sheet_parts or name.startswith("xl/worksheets/")
        if not (is_sheet or name.endswith((".xml", ".rels"))):
            continue  # images and other parts calamine never opens
        label = f"Trang «{sheet_parts[name]}»" if name in sheet_parts else (
            f"Tệp «{path.name}» ({_PART_LABEL_SST})" if name == "xl/sharedStrings.xml"
            else f"Tệp «{path.name}» (phần {name})")
        part = _scan_one(path, zf, info, label, is_sheet, name == "xl/sharedStrings.xml")
        total += part.inflated  # what came out, never what the headers declare
        if total > MAX_TOTAL_BYTES:
            raise WorkbookRefused(f"Tệp «{path.name}» khi giải nén lớn hơn "
                                  f"{_n(MAX_TOTAL_BYTES // 2**20)} MB, quá giới hạn.")
        if name in sheet_parts:
            facts[sheet_parts[name]] = part
    for name in sheet_parts:
        if name not in by_name:
            raise WorkbookRefused(f"Trang «{sheet_parts[name]}» không có trong tệp "
                                  f"«{path.name}»; tệp bị hỏng.")
    return facts


def _refuse_overlapping(path: Path, fp, infos: list[zipfile.ZipInfo]) -> None:
    """Each part's bytes belong to that part alone. A directory that lists one compressed
    part many times (under other names) makes every listing decompress it again: a
    124 KB part listed 10,000 times is hours of work. A spreadsheet program never writes
    that, so such a file is refused before anything is decompressed."""
    spans = []
    for info in infos:
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local header")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        spans.append((info.header_offset,
                      info.header_offset + 30 + name_len + extra_len + info.compress_size))
    spans.sort()
    if any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans)):
        raise WorkbookRefused(f"Tệp «{path.name}» có các phần bên trong chồng lên nhau (một "
                              "phần dữ liệu được khai nhiều lần), điều mà Excel không bao "
                              "giờ ghi; tệp có thể chứa mã độc, không được nhập.")


def _scan_one(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str,
              is_sheet: bool, is_shared: bool) -> _PartFacts:
    try:
        return _scan_part(zf.fp, info, is_sheet, is_shared)
    except _Refuse as exc:
        if label.startswith("xl/"):
            label = f"Tệp «{path.name}» (phần {label})"
        raise WorkbookRefused(f"{label} {exc}; tệp không được nhập.") from None
