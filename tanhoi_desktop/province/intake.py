"""Receiving communes' workbooks (spec/province.md, «Intake and keys»).

Each file is first copied into the province's intake folder while its SHA-256 is taken
(the original is only ever opened for reading), and the copy is what is read. A workbook
is then checked on its own (its cover, its figures against its own unit rows), and
against the province file: the commune on the list, the reporting date, a file already
taken, a newer or an older export of the same commune and date. Every refusal is one
line that names the file; the other files are still added."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import domain, vntext
from ..exchange.reader import ExchangeReader, WorkbookError, WorkbookRefused
from . import form
from .store import ADDED, OLDER_ACCEPTED, REPLACED, ProvinceStore, Report

ROLES = ("HĐND", "UBND")

# what happened to one file
ADDED_KIND, REPLACED_KIND, OLDER_KIND, SAME_KIND, REFUSED_KIND = (
    "added", "replaced", "older_accepted", "unchanged", "refused")


class Refused(Exception):
    """The workbook is refused; the message is the one line naming its file."""


@dataclass
class Outcome:
    file_name: str
    kind: str
    message: str
    code: str | None = None


@dataclass
class Received:
    """One workbook read and checked on its own (`report` is what put_report stores)."""

    path: Path
    copy: Path
    sha256: str
    report: dict[str, Any] = field(default_factory=dict)


# -- reading ------------------------------------------------------------------------

def copy_with_digest(source: Path, folder: Path) -> tuple[Path, str]:
    """A copy of `source` in `folder` under a temporary name, and its SHA-256, in one
    pass over the source, opened for reading only."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".nhan-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, tmp.open("xb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                dst.write(chunk)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp, digest.hexdigest()


def _find(names: list[str], wanted: str) -> str | None:
    key = vntext.fold_compact(wanted)
    return next((n for n in names if vntext.fold_compact(n) == key), None)


def _table(book: ExchangeReader, title: str, headers: tuple[str, ...], name: str
           ) -> list[dict[str, Any]]:
    """The rows of a sheet as header -> value, the header in row 1."""
    sheet = _find(book.sheet_names, title)
    if sheet is None:
        raise Refused(f"«{name}»: không có trang «{title}»; đây không phải biểu số liệu gửi "
                      "tỉnh do chương trình lập.")
    rows = book.read(sheet).rows
    head = [vntext.fold_compact(v) for v in (rows[0] if rows else [])]
    columns = {}
    for h in headers:
        key = vntext.fold_compact(h)
        if key not in head:
            raise Refused(f"«{name}»: trang «{title}» thiếu cột «{h}».")
        columns[h] = head.index(key)
    out = []
    for row in rows[1:]:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        out.append({h: row[i] if i < len(row) else None for h, i in columns.items()})
    return out


def _cover(book: ExchangeReader, name: str) -> dict[str, Any]:
    sheet = _find(book.sheet_names, form.COVER)
    if sheet is None:
        raise Refused(f"«{name}»: không có trang «{form.COVER}»; đây không phải biểu số liệu "
                      "gửi tỉnh do chương trình lập.")
    out = {}
    for row in book.read(sheet).rows:
        if len(row) >= 2 and isinstance(row[0], str):
            out[vntext.fold_compact(row[0])] = row[1]
    return out


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vntext.clean(value)


def _count(value: Any, where: str, name: str) -> int:
    """A whole number >= 0 (a numeric cell comes back as a float)."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 12:
        value = int(value.strip())  # (bounded: a cell of a million digits is no count)
    if not isinstance(value, int) or not 0 <= value <= 10 ** 12:
        raise Refused(f"«{name}»: {where}: «{_text(value)}» không phải số nguyên không âm.")
    return value


def _share(value: Any, where: str, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and \
            math.isfinite(value) and 0 <= value <= 1:  # never infinity, NaN or 1e300
        return float(value)
    raise Refused(f"«{name}»: {where}: «{_text(value)}» không phải tỷ lệ.")


def _flag(value: Any, where: str, name: str) -> bool:
    text = vntext.fold_compact(_text(value))
    if text in (vntext.fold_compact(domain.YES),):
        return True
    if text in (vntext.fold_compact(domain.NO), ""):
        return False
    raise Refused(f"«{name}»: {where}: «{_text(value)}» phải là «Có» hoặc «Không».")


def _moment(value: Any, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.strptime(_text(value), form.EXPORTED_FORMAT)
    except ValueError:
        raise Refused(f"«{name}»: «{form.EXPORTED}» «{_text(value)}» không có dạng "
                      "dd/mm/yyyy hh:mm:ss.") from None


def parse(path: Path, name: str) -> dict[str, Any]:
    """The workbook's content as put_report stores it, checked on its own. Raises
    Refused with one line naming `name`."""
    try:
        book = ExchangeReader.open(path)
    except (WorkbookError, WorkbookRefused) as exc:  # said of the file sent, not the copy
        raise Refused(f"«{name}»: {exc.message.replace(path.name, name)}") from None
    with book:
        try:
            cover = _cover(book, name)
            figures = _table(book, form.FIGURES, form.FIGURE_HEADERS, name)
            units = _table(book, form.UNITS, form.UNIT_HEADERS, name)
            work = _table(book, form.WORK, form.WORK_HEADERS, name)
            budget = _table(book, form.BUDGET, form.BUDGET_HEADERS, name)
        except WorkbookRefused as exc:
            raise Refused(f"«{name}»: {exc.message.replace(path.name, name)}") from None

    def cover_value(label: str) -> Any:
        return cover.get(vntext.fold_compact(label))

    code = _text(cover_value(form.COMMUNE_CODE))
    if not code:
        raise Refused(f"«{name}»: không có «{form.COMMUNE_CODE}» trên trang «{form.COVER}»; "
                      "xã gửi cần nhập Mã xã trong Cài đặt rồi xuất lại biểu.")
    if not (len(code) == 5 and code.isascii() and code.isdigit()):
        raise Refused(f"«{name}»: «{form.COMMUNE_CODE}» «{code}» không phải mã 5 chữ số.")
    try:
        as_of = domain.parse_date(cover_value(form.AS_OF))
    except ValueError as exc:
        raise Refused(f"«{name}»: «{form.AS_OF}»: {exc}.") from None
    exported = _moment(cover_value(form.EXPORTED), name)
    report: dict[str, Any] = {
        "code": code, "as_of": as_of.isoformat(),
        "commune_name": _text(cover_value(form.COMMUNE)),
        "province": _text(cover_value(form.PROVINCE)),
        "exported_at": exported.isoformat(timespec="seconds"),
        "file_id": _text(cover_value(form.FILE_ID)),
        "closed": _flag(cover_value(form.CLOSED), form.CLOSED, name),
    }
    rows = {}
    for i, r in enumerate(figures, start=2):
        key = _text(r["Chỉ tiêu"])
        where = f"trang «{form.FIGURES}», dòng {i}"
        if key not in form.KEYS or key in rows:
            raise Refused(f"«{name}»: {where}: chỉ tiêu «{key}» không có trong mẫu hoặc bị "
                          "lặp.")
        n, d = _count(r["Tử số"], where, name), _count(r["Mẫu số"], where, name)
        if n > d:
            raise Refused(f"«{name}»: biểu tự mâu thuẫn: {key} có tử số {n} lớn hơn mẫu số "
                          f"{d}.")
        rows[key] = {"key": key, "numerator": n, "denominator": d,
                     "target": _share(r["Mục tiêu"], where, name),
                     "milestone": _share(r["Mốc"], where, name),
                     "status": _text(r["Đánh giá"])}
    missing = [k for k in form.KEYS if k not in rows]
    if missing:
        raise Refused(f"«{name}»: trang «{form.FIGURES}» thiếu chỉ tiêu {', '.join(missing)}.")
    report["figures"] = [rows[k] for k in form.KEYS]
    report["units"] = _units(units, name)
    report["work"] = [{"group": _text(w["Nhóm nhiệm vụ"]).split(" ")[0].rstrip("."),
                       **{k: _count(w[h], f"trang «{form.WORK}», dòng {i}", name)
                          for k, h in (("activities", "Số hoạt động"),
                                       ("participants", "Số người tham gia"),
                                       ("women", "Trong đó nữ"), ("cost", "Kinh phí"))}}
                      for i, w in enumerate(work, start=2)]
    report["budget"] = [{"funding": _text(b["Nguồn kinh phí"]),
                         "estimate": _count(b["Dự toán"], f"trang «{form.BUDGET}»", name),
                         "spent": _count(b["Thực hiện"], f"trang «{form.BUDGET}»", name)}
                        for b in budget]
    _check_consistent(report, name)
    return report


def _units(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    out, seen = [], set()
    for i, r in enumerate(rows, start=2):
        where = f"trang «{form.UNITS}», dòng {i}"
        code = _text(r["Mã đơn vị"])
        if not code or code in seen:
            raise Refused(f"«{name}»: {where}: mã đơn vị «{code}» trống hoặc bị lặp.")
        seen.add(code)
        role = _text(r["Vai trò"])
        if role and role not in ROLES:
            raise Refused(f"«{name}»: {where}: vai trò «{role}» phải là HĐND, UBND hoặc "
                          "trống.")
        unit = {"code": code, "name": _text(r["Tên đơn vị"]) or code,
                "kind": _text(r["Loại đơn vị"]),
                "in_scope_ct1": _flag(r["Tính chỉ tiêu 1"], where, name),
                "special_sector": _flag(r["Ngành đặc thù"], where, name),
                "role": role, "staff": _count(r["Số người"], where, name),
                "women": _count(r["Nữ"], where, name),
                "has_female_key_leader": _flag(r["Có nữ lãnh đạo chủ chốt"], where, name),
                "waived": _flag(r["Không tính (điều chỉnh)"], where, name)}
        if unit["women"] > unit["staff"]:
            raise Refused(f"«{name}»: biểu tự mâu thuẫn: đơn vị «{code}» có {unit['women']} "
                          f"nữ trong {unit['staff']} người.")
        out.append(unit)
    return out


def _check_consistent(report: dict[str, Any], name: str) -> None:
    """The figures against the workbook's own unit rows (spec/province.md)."""
    fig = {f["key"]: (f["numerator"], f["denominator"]) for f in report["figures"]}
    units = report["units"]
    scope = [u for u in units if u["in_scope_ct1"]]
    ct1 = (sum(u["has_female_key_leader"] for u in scope), len(scope))
    waived = [u for u in units if u["waived"]]
    adj = (ct1[0] - sum(u["has_female_key_leader"] for u in waived), ct1[1] - len(waived))
    national_units = [u for u in units if u["role"] in ROLES]
    national = (sum(u["has_female_key_leader"] for u in national_units), len(national_units))

    def say(what: str) -> Refused:
        return Refused(f"«{name}»: biểu tự mâu thuẫn: {what}.")

    if fig["CT1"] != ct1:
        raise say(f"CT1 ghi {fig['CT1'][0]}/{fig['CT1'][1]} nhưng trang «{form.UNITS}» có "
                  f"{ct1[0]}/{ct1[1]} đơn vị tính chỉ tiêu 1 có nữ lãnh đạo chủ chốt")
    if any(not u["in_scope_ct1"] for u in waived):
        raise say(f"trang «{form.UNITS}» ghi «Không tính (điều chỉnh)» cho đơn vị không tính "
                  "chỉ tiêu 1")
    if fig["CT1_adj"] != adj:
        raise say(f"CT1_adj ghi {fig['CT1_adj'][0]}/{fig['CT1_adj'][1]} nhưng CT1 trừ "
                  f"{len(waived)} đơn vị không tính là {adj[0]}/{adj[1]}")
    if fig["CT1_national"] != national:
        raise say(f"CT1_national ghi {fig['CT1_national'][0]}/{fig['CT1_national'][1]} "
                  f"nhưng trang «{form.UNITS}» có {national[0]}/{national[1]} đơn vị HĐND, "
                  "UBND có nữ lãnh đạo chủ chốt")


def receive(path: Path, folder: Path) -> Received:
    """Copy and read one file; raises Refused (one line naming it)."""
    name = path.name
    try:
        copy, sha = copy_with_digest(path, folder)
    except OSError as exc:
        raise Refused(f"«{name}»: không đọc được tệp ({exc.strerror or exc}).") from None
    try:
        report = parse(copy, name)
    except BaseException:
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    report.update(file_name=name, sha256=sha)
    return Received(path, copy, sha, report)


# -- deciding and storing -------------------------------------------------------------

def described(figures: list[dict[str, Any]] | dict[str, dict[str, Any]]) -> dict[str, str]:
    """Figures in words for the audit trail: {"CT1": "2/5"}."""
    rows = figures.values() if isinstance(figures, dict) else figures
    return {f["key"]: f"{f['numerator']}/{f['denominator']}" for f in rows}


def _keep(received: Received, folder: Path) -> None:
    """The copy is kept under its SHA-256 (the same file twice is one copy)."""
    final = folder / f"{received.sha256}.xlsx"
    if final.exists():
        received.copy.unlink()
    else:
        os.replace(received.copy, final)
    received.copy = final


def add(store: ProvinceStore, received: Received, as_of: dt.date,
        confirm_older: Callable[[Received, Report], bool] | None = None) -> Outcome:
    """Decide about one workbook read by `receive`, and store it if it is taken."""
    try:
        return _add(store, received, as_of, confirm_older)
    finally:
        if received.copy.name.startswith(".nhan-"):  # a copy not kept goes
            with contextlib.suppress(OSError):
                received.copy.unlink()


def _refuse(store: ProvinceStore, name: str, message: str, code: str | None = None,
            as_of: str | None = None) -> Outcome:
    store.note_refusal(name, message, code, as_of)
    return Outcome(name, REFUSED_KIND, message, code)


def _add(store: ProvinceStore, received: Received, as_of: dt.date,
         confirm_older: Callable[[Received, Report], bool] | None) -> Outcome:
    r = received.report
    name, code = r["file_name"], r["code"]
    listed = store.commune_name(code)
    if listed is None:
        return _refuse(store, name, f"«{name}»: xã mã {code} ({r['commune_name']}) không có "
                                    "trong danh sách xã của tỉnh.", code, r["as_of"])
    if r["as_of"] != as_of.isoformat():
        sent = dt.date.fromisoformat(r["as_of"])
        return _refuse(store, name, f"«{name}»: số liệu tính đến ngày {sent:%d/%m/%Y}, không "
                                    f"phải ngày {as_of:%d/%m/%Y} tỉnh yêu cầu.", code,
                       r["as_of"])
    label = f"{listed} ({code})"
    if store.seen(received.sha256):
        return Outcome(name, SAME_KIND, f"«{name}»: tệp này đã nhận trước đây; không thay "
                                        "đổi gì.", code)
    existing = store.report_for(code, r["as_of"])
    after = described(r["figures"])
    if existing is None:
        _keep(received, store.intake_folder)
        store.put_report(r, action=ADDED, after=after)
        return Outcome(name, ADDED_KIND, f"«{name}»: đã nhận biểu của {label}.", code)
    before = described(store.figures_on(r["as_of"]).get(existing.id, {}))
    note = (f" Mã tệp dữ liệu khác lần trước ({existing.file_id or 'trống'} → "
            f"{r['file_id'] or 'trống'}).") if existing.file_id != r["file_id"] else ""
    then = dt.datetime.fromisoformat(existing.exported_at)
    sent = dt.datetime.fromisoformat(r["exported_at"])
    change = (f"{_words(before)} → {_words(after)}" if before != after
              else "số liệu không đổi")
    if sent > then:
        _keep(received, store.intake_folder)
        store.put_report(r, action=REPLACED, replaces=existing,
                         before={"ngày xuất": f"{then:%d/%m/%Y %H:%M:%S}", **before},
                         after={"ngày xuất": f"{sent:%d/%m/%Y %H:%M:%S}", **after,
                                **({"ghi chú": note.strip()} if note else {})})
        return Outcome(name, REPLACED_KIND, f"«{name}»: biểu xuất lúc {sent:%d/%m/%Y %H:%M:%S} "
                       f"thay biểu xuất lúc {then:%d/%m/%Y %H:%M:%S} của {label}: "
                       f"{change}.{note}", code)
    if confirm_older is not None and confirm_older(received, existing):
        _keep(received, store.intake_folder)
        store.put_report(r, action=OLDER_ACCEPTED, replaces=existing,
                         before={"ngày xuất": f"{then:%d/%m/%Y %H:%M:%S}", **before},
                         after={"ngày xuất": f"{sent:%d/%m/%Y %H:%M:%S}", **after})
        return Outcome(name, OLDER_KIND, f"«{name}»: đã nhận biểu cũ hơn (xuất lúc "
                       f"{sent:%d/%m/%Y %H:%M:%S}) của {label} theo xác nhận: {change}.", code)
    return _refuse(store, name, f"«{name}»: biểu xuất lúc {sent:%d/%m/%Y %H:%M:%S}, cũ hơn "
                                f"biểu đã nhận của {label} (xuất lúc {then:%d/%m/%Y %H:%M:%S});"
                                " không thay.", code, r["as_of"])


def _words(figures: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in figures.items())


def add_files(store: ProvinceStore, paths: list[Path], as_of: dt.date,
              confirm_older: Callable[[Received, Report], bool] | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Every file in turn; a refused one never stops the others."""
    out = []
    for i, path in enumerate(paths):
        try:
            received = receive(Path(path), store.intake_folder)
        except Refused as exc:
            out.append(_refuse(store, Path(path).name, str(exc)))
        else:
            out.append(add(store, received, as_of, confirm_older))
        if progress is not None:
            progress(i + 1, len(paths))
    return out


def workbooks_in(folder: Path) -> list[Path]:
    """The .xlsx files of a folder (not its sub-folders, not Excel's lock files ~$…)."""
    return sorted(p for p in Path(folder).iterdir()
                  if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith("~$"))


# -- the list of communes --------------------------------------------------------------

def read_communes(path: Path) -> list[tuple[str, str]]:
    """(code, name) rows of the sheet «Danh sách xã». Raises Refused with every problem,
    one a line."""
    name = path.name
    try:
        book = ExchangeReader.open(path)
    except (WorkbookError, WorkbookRefused) as exc:
        raise Refused(exc.message) from None
    with book:
        try:
            rows = _table(book, form.LIST_SHEET, form.LIST_HEADERS, name)
        except WorkbookRefused as exc:
            raise Refused(exc.message) from None
    out, problems, seen = [], [], {}
    for i, r in enumerate(rows, start=2):
        code, commune = _text(r["Mã xã"]), _text(r["Tên xã"])
        where = f"«{name}», trang «{form.LIST_SHEET}», dòng {i}"
        if not (len(code) == 5 and code.isascii() and code.isdigit()):
            problems.append(f"{where}: mã xã «{code}» phải có đúng 5 chữ số.")
        elif not commune:
            problems.append(f"{where}: thiếu tên xã.")
        elif code in seen:
            problems.append(f"{where}: mã xã {code} đã có ở dòng {seen[code]}.")
        else:
            seen[code] = i
            out.append((code, commune))
    if problems:
        raise Refused("\n".join(problems))
    if not out:
        raise Refused(f"«{name}»: trang «{form.LIST_SHEET}» không có xã nào.")
    return out
