"""The commune's side: its «Biểu số liệu gửi tỉnh» on the province's date D
(spec/province.md). Counts only: no sheet holds a name, a birth date or an ethnicity of
a person, only units (by code and name) and numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .. import domain
from ..figures import indicators, plan_work
from ..safety import output, sheets
from ..store import Store
from . import form

NO_CODE = ("Xã chưa có «Mã xã» (mã của xã trong danh mục đơn vị hành chính, 5 chữ số; Tân "
           "Hội là 30856), nên chưa lập được biểu số liệu gửi tỉnh: tỉnh nhận biểu theo mã "
           "xã. Hãy nhập mã ở Công cụ → Cài đặt → «Mã xã», hoặc dùng lệnh "
           "«settings --db TỆP --set commune_code=MÃ_XÃ», rồi xuất lại.")


class NoCommuneCode(Exception):
    """The commune has no «Mã xã»: it gets no workbook, and this sentence says why."""

    def __init__(self) -> None:
        super().__init__(NO_CODE)
        self.message = NO_CODE


@dataclass
class ProvinceReport:
    """What the workbook holds, as plain values (the writer and the tests read it)."""

    cover: dict[str, str]
    figures: list[dict[str, Any]]  # per key of form.KEYS
    units: list[dict[str, Any]]
    work: list[dict[str, Any]]  # per task group
    budget: list[dict[str, Any]]  # per funding source
    warnings: list[str] = field(default_factory=list)


def _yes(flag: bool) -> str:
    return domain.YES if flag else domain.NO


def _work(store: Store, as_of: dt.date) -> list[dict[str, Any]]:
    """Per task group, the activities done on d (figures/plan_work, plan-work.md)."""
    work = plan_work.compute(store, as_of)
    return [{"group": g.code, "activities": g.done, "participants": g.participants,
             "women": g.women, "cost": g.cost} for g in work.groups]


def _budget(store: Store, as_of: dt.date) -> list[dict[str, Any]]:
    """Per funding source, the year's estimate and what was spent up to d."""
    totals = store.plan.budget_totals(as_of.year, as_of)
    return [{"funding": name, "estimate": totals[name]["estimate"],
             "spent": totals[name]["spent"]}
            for name in domain.FUNDING_SOURCES if name in totals]


def collect(store: Store, as_of: dt.date, now: dt.datetime | None = None) -> ProvinceReport:
    """The workbook's content on `as_of`. Raises NoCommuneCode when «Mã xã» is empty.
    When the year of `as_of` is closed, the figures are the ones reported at the close."""
    settings = store.settings.read()
    code = (settings.get("commune_code") or "").strip()
    if not code:
        raise NoCommuneCode()
    now = now or dt.datetime.now()
    figures = indicators.compute(store, as_of)
    closed = next((c for c in indicators.closed_years(store) if c.year == as_of.year), None)
    warnings: list[str] = []
    rows = []
    for key in form.KEYS:
        today = figures[key]
        n, d = closed.indicators.get(key, today.counts) if closed else today.counts
        ind = indicators.Indicator(key, n, d, today.target, today.milestone)
        rows.append({"key": key, "numerator": n, "denominator": d,
                     "target": None if ind.target is None else float(ind.target),
                     "milestone": None if ind.milestone is None else float(ind.milestone),
                     "status": ind.status})
        if closed and (n, d) != today.counts:
            warnings.append(
                f"Năm {as_of.year} đã chốt: biểu mang số liệu đã báo cáo của "
                f"{indicators.SHORT[key]} ({n}/{d}), khác số liệu hiện nay ({today.numerator}/"
                f"{today.denominator}) mà trang «{form.UNITS}» ghi theo từng đơn vị; tỉnh sẽ "
                "coi biểu là tự mâu thuẫn. Muốn gửi số liệu đã sửa thì mở lại năm đã chốt.")
    units = [{"code": u.code, "name": u.name, "kind": u.kind,
              "in_scope_ct1": u.in_scope_ct1, "special_sector": u.special_sector,
              "role": u.role or "", "staff": u.staff, "women": u.women,
              "has_female_key_leader": u.has_female_key_leader, "waived": u.waived}
             for u in figures.units]
    cover = {
        form.COMMUNE: settings.get("commune_name") or "",
        form.COMMUNE_CODE: code,
        form.PROVINCE: settings.get("province_name") or "",
        form.AS_OF: f"{as_of:%d/%m/%Y}",
        form.EXPORTED: now.strftime(form.EXPORTED_FORMAT),
        form.FILE_ID: settings.get("file_id") or "",
        form.CLOSED: _yes(closed is not None),
    }
    return ProvinceReport(cover, rows, units, _work(store, as_of),
                          _budget(store, as_of), warnings)


def _header(ws, headers: tuple[str, ...]) -> None:
    bold = Font(bold=True)
    cells = []
    for text in headers:
        cell = WriteOnlyCell(ws)
        sheets.put_text(cell, text)
        cell.font = bold
        cells.append(cell)
    ws.append(cells)


def _percent(ws, value: float | None):
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = "0.0%"
    return cell


def _money(ws, value: int):
    cell = WriteOnlyCell(ws, value=int(value))
    cell.number_format = "#,##0"
    return cell


def workbook(report: ProvinceReport) -> Workbook:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(form.COVER)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 40
    for label in form.COVER_LABELS:
        ws.append([label, sheets.text_value(ws, report.cover[label])])
    ws = wb.create_sheet(form.FIGURES)
    _header(ws, form.FIGURE_HEADERS)
    for r in report.figures:
        ws.append([r["key"], r["numerator"], r["denominator"], _percent(ws, r["target"]),
                   _percent(ws, r["milestone"]), r["status"] or None])
    ws = wb.create_sheet(form.UNITS)
    ws.column_dimensions["B"].width = 36
    _header(ws, form.UNIT_HEADERS)
    for u in report.units:
        ws.append([sheets.text_value(ws, u["code"]), sheets.text_value(ws, u["name"]),
                   u["kind"], _yes(u["in_scope_ct1"]), _yes(u["special_sector"]),
                   u["role"] or None, u["staff"], u["women"],
                   _yes(u["has_female_key_leader"]), _yes(u["waived"])])
    ws = wb.create_sheet(form.WORK)
    ws.column_dimensions["A"].width = 50
    _header(ws, form.WORK_HEADERS)
    for g in report.work:
        ws.append([domain.task_group_text(g["group"]), g["activities"], g["participants"],
                   g["women"], _money(ws, g["cost"])])
    ws = wb.create_sheet(form.BUDGET)
    ws.column_dimensions["A"].width = 32
    _header(ws, form.BUDGET_HEADERS)
    for b in report.budget:
        ws.append([b["funding"], _money(ws, b["estimate"]), _money(ws, b["spent"])])
    return wb


def write(store: Store, as_of: dt.date, path: Path | str,
          now: dt.datetime | None = None) -> list[str]:
    """Write the workbook to `path` (verified, then put in place; never over the data
    file). Returns the warnings (a closed year whose figures differ from today's).
    Raises NoCommuneCode before anything is written."""
    report = collect(store, as_of, now)
    with sheets.saving(), output.replacing(Path(path), output.verify_xlsx,
                                           protect=[store.path]) as tmp:
        workbook(report).save(tmp)
    return report.warnings
