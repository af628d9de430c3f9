"""The report of Sở Nội vụ (spec/province.md, «Outputs»): the NĐ 30 format of a Sở
(ỦY BAN NHÂN DÂN TỈNH … over SỞ NỘI VỤ, «Số: …/BC-SNV», KT. GIÁM ĐỐC), the province's
figures, who sent on time, and the table of communes as an appendix. Built as one
description (report/sections.py), rendered by the same PDF and .xlsx code as the
commune's reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import domain
from ..figures import indicators
from ..figures.indicators import ALL_KEYS, KEYS
from ..report import pdf, xlsx
from ..report.content import FIGURE_NAMES, Table
from ..report.parts import date_in_words, signature_fields
from ..report.sections import ListSheet, Section
from . import figures as province_figures
from .figures import LATE, MISSING, ON_TIME, ProvinceFigures
from .store import ProvinceStore

SHORT = {"CT1": "CT1", "CT1_adj": "CT1 đ/c", "CT2": "CT2", "CT3": "CT3"}


@dataclass
class ProvinceSheet(ListSheet):
    appendix: list[Section] = field(default_factory=list)  # after the signature
    values: dict[str, float | None] = field(default_factory=dict)  # for checking


def _pct(value: float | None) -> str:
    return domain.format_percent(value)


def _figures_table(pf: ProvinceFigures) -> Table:
    rows = []
    for key in ALL_KEYS:
        ind = pf[key]
        milestone = "" if ind.milestone is None else _pct(float(ind.milestone))
        target = "" if ind.target is None else _pct(float(ind.target))
        rows.append([FIGURE_NAMES[key], str(ind.numerator), str(ind.denominator),
                     _pct(ind.value), milestone, target, ind.status or "(để so sánh)"])
    return Table("2. Kết quả thực hiện các chỉ tiêu của toàn tỉnh",
                 ["Chỉ tiêu", "Số đạt", "Tổng số", "Tỷ lệ", f"Mốc năm {pf.as_of.year}",
                  f"Mục tiêu {pf.target_year}", "Đánh giá"],
                 rows, [34, 8, 9, 9, 10, 10, 14], {1, 2, 3, 4, 5})


def _trajectory_table(store: ProvinceStore) -> Table | None:
    points = province_figures.trajectory(store)
    if len(points) < 2:
        return None
    rows = []
    for p in points:
        rows.append([f"Năm {p.year} (ngày {p.as_of:%d/%m/%Y})", str(p.communes),
                     *[_pct(p.indicators[k].value) for k in KEYS]])
    return Table("3. Kết quả qua các năm",
                 ["Thời điểm", "Số xã gửi", *(indicators.SHORT[k] for k in KEYS)],
                 rows, [30, 12, 14, 16, 14, 14], {1, 2, 3, 4, 5})


def _sent(c, key: str) -> str:
    f = c.figures.get(key)
    if f is None:
        return ""
    # two lines in a narrow column: the break falls between the counts and the share
    return f"{f.numerator}/{f.denominator} {_pct(f.value).replace(' ', chr(0xA0))}"


def communes_table(pf: ProvinceFigures, title: str) -> Table:
    rows = []
    for i, c in enumerate(pf.communes, start=1):
        status = c.status[:1].upper() + c.status[1:]
        if c.report is not None:
            exported = dt.datetime.fromisoformat(c.report.exported_at)
            status += f" (xuất ngày {exported:%d/%m/%Y})"
        rows.append([str(i), f"{c.name} ({c.code})", status,
                     *[_sent(c, k) for k in KEYS]])
    return Table(title, ["TT", "Xã, phường, đặc khu", "Tình trạng",
                         *[SHORT[k] for k in KEYS]],
                 rows, [5, 27, 20, 12, 12, 12, 12], {0},
                 empty="Chưa có xã nào trong danh sách.")


def _sending_line(pf: ProvinceFigures) -> str:
    total = len(pf.communes)
    deadline = (f"hạn gửi ngày {pf.deadline:%d/%m/%Y}" if pf.deadline
                else "chưa đặt hạn gửi")
    text = (f"Có {total} xã, phường, đặc khu phải báo cáo ({deadline}): "
            f"{pf.count(ON_TIME)} gửi đúng hạn, {pf.count(LATE)} gửi muộn, "
            f"{pf.count(MISSING)} chưa gửi.")
    missing = [c.name for c in pf.communes if c.status == MISSING]
    if missing:
        shown = ", ".join(missing[:30]) + (f" và {len(missing) - 30} đơn vị khác"
                                           if len(missing) > 30 else "")
        text += f" Chưa gửi: {shown}."
    return text


def _note(pf: ProvinceFigures) -> str:
    waived = pf.waived
    text = ("Tỷ lệ của tỉnh bằng tổng tử số chia tổng mẫu số của các xã đã gửi biểu (không "
            "lấy bình quân tỷ lệ của các xã). ")
    if waived:
        text += (f"CT1 điều chỉnh không tính {len(waived)} đơn vị ngành đặc thù có tỷ lệ nữ "
                 "dưới 30 % và chưa có nữ lãnh đạo chủ chốt, theo biểu của các xã. ")
    text += ("Việc đạt chỉ tiêu 1 được đánh giá theo CT1 điều chỉnh; CT1 theo định nghĩa quốc "
             "gia chỉ tính HĐND, UBND các xã, để so sánh với số liệu của Bộ Nội vụ.")
    return text


def build(store: ProvinceStore, as_of: dt.date | None = None,
          issued: dt.date | None = None) -> ProvinceSheet:
    issued = issued or dt.date.today()
    pf = province_figures.compute(store, as_of)
    s = store.settings()
    province = " ".join((s.get("province_name") or "").split())
    year = pf.as_of.year
    sections = [
        Section(paragraphs=[
            f"Thực hiện Quyết định số 2282/QĐ-TTg ngày 31 tháng 12 năm 2020 của Thủ tướng "
            f"Chính phủ phê duyệt Chương trình «Tăng cường sự tham gia bình đẳng của phụ nữ "
            f"trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn "
            f"2021 - 2030», trên cơ sở biểu số liệu của các xã, phường, đặc khu, Sở Nội vụ "
            f"tổng hợp kết quả thực hiện năm {year} trên địa bàn tỉnh {province}, số liệu "
            f"tính đến ngày {pf.as_of:%d/%m/%Y}, như sau:"]),
        Section("1. Tình hình gửi báo cáo của các xã, phường, đặc khu",
                paragraphs=[_sending_line(pf)]),
        Section(tables=[_figures_table(pf)], note=_note(pf)),
    ]
    trajectory = _trajectory_table(store)
    if trajectory is not None:
        sections.append(Section(tables=[trajectory]))
    appendix = [
        Section("PHỤ LỤC", new_page=True, centred=True),
        Section(f"Số liệu các chỉ tiêu của các xã, phường, đặc khu tính đến ngày "
                f"{pf.as_of:%d/%m/%Y}", centred=True),
        Section(paragraphs=["Mỗi ô ghi số đạt/tổng số và tỷ lệ, đúng như biểu xã đã gửi. "
                            "CT1 đ/c: CT1 điều chỉnh."]),
        Section(tables=[communes_table(pf, "Các xã, phường, đặc khu")]),
    ]
    return ProvinceSheet(
        parent_body=f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}",
        issuing_body="SỞ NỘI VỤ",
        number=f"Số: {s['document_number']}",
        place_date=date_in_words(province, issued),
        title="BÁO CÁO",
        summary=(f"Kết quả thực hiện Quyết định số 2282/QĐ-TTg trên địa bàn tỉnh {province} "
                 f"năm {year}"),
        sections=sections, appendix=appendix,
        values={k: pf[k].value for k in ALL_KEYS}, **signature_fields(s))


def write_pdf(store: ProvinceStore, as_of: dt.date | None, out: Path,
              issued: dt.date | None = None) -> int:

    pdf.ensure_gui_app()
    return pdf.write_sheet_pdf(build(store, as_of, issued), Path(out), protect=[store.path])


def write_xlsx(store: ProvinceStore, as_of: dt.date | None, out: Path,
               issued: dt.date | None = None) -> None:

    xlsx.render_list(build(store, as_of, issued), Path(out), protect=(store.path,))
