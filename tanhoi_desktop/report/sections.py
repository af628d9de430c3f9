"""Parts of the printed sheets beyond the figures: the year's submissions, the workforce
by sex (the appendix), and the sheets that print one of these on its own (the list of
who has reported, the workforce table). No widgets: document.py renders them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import domain
from ..figures import submissions, workforce
from ..store import Store
from .parts import Letterhead, Table, letterhead_fields
from .written import BLANK_LINES, ORDER, YEARLY_TITLES


@dataclass
class Section:
    """A heading, paragraphs (one per line of text), tables, then an italic note."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""
    new_page: bool = False  # the appendix starts on a page of its own
    centred: bool = False  # a centred capital heading (PHỤ LỤC)
    bold_last: bool = False  # a total row
    part: bool = False  # starts a numbered part of the yearly report (5., 6., ...)
    chart: Any = None  # a trajectory.Trajectory, drawn as a figure after the tables
    caption: str = ""  # under the chart
    blank: int = 0  # dotted lines to write on by hand (a written section left empty)


@dataclass
class ListSheet(Letterhead):
    """A sheet with the same header and signature as the yearly report, and sections."""

    sections: list[Section]


# --- who has reported ---------------------------------------------------------------

def submissions_line(status: submissions.YearStatus) -> str:
    n = status.counts
    return (f"Hạn gửi báo cáo năm {status.year}: trước ngày {status.deadline:%d/%m/%Y} (Mục VI "
            f"của Kế hoạch). Có {len(status.rows)} cơ quan, đơn vị phải báo cáo: "
            f"{n[submissions.SENT]} đã gửi đúng hạn, {n[submissions.LATE]} gửi muộn, "
            f"{n[submissions.MISSING]} chưa gửi.")


def submissions_table(status: submissions.YearStatus, title: str) -> Table:
    rows = []
    for i, u in enumerate(status.units, start=1):
        rows.append([str(i), u.name, u.state, u.received,
                     (u.last_file or "") + (f" ({u.count} lần)" if u.count > 1 else "")])
    return Table(title, ["TT", "Cơ quan, đơn vị", "Tình trạng", "Ngày nhận", "Tệp nhận"],
                 rows, [5, 35, 13, 13, 34], {0, 3}, empty="Không có đơn vị nào.")


def submissions_section(store: Store, year: int, number: int,
                        as_of: dt.date | None = None) -> Section:
    """Who has reported, as known on the report's date `as_of`."""
    status = submissions.year_status(store, year, as_of)
    return Section(tables=[submissions_table(
        status, f"{number}. Tình hình gửi báo cáo của các cơ quan, đơn vị")],
        note=submissions_line(status), part=True)


def submissions_sheet(store: Store, year: int, issued: dt.date | None = None) -> ListSheet:
    """The printable list «Tình hình gửi báo cáo năm YYYY»."""
    issued = issued or dt.date.today()
    status = submissions.year_status(store, year)
    commune = store.settings.read()["commune_name"]
    return ListSheet(
        title="DANH SÁCH",
        summary=f"Tình hình gửi báo cáo năm {year} của các cơ quan, đơn vị trên địa bàn "
                f"xã {commune}",
        sections=[Section(paragraphs=[submissions_line(status)]),
                  Section(tables=[submissions_table(status, "Các cơ quan, đơn vị")])],
        **letterhead_fields(store.settings.read(), issued))


# --- the workforce by sex --------------------------------------------------------------

_COUNT_HEADERS = ["Tổng số", "Nữ", "Nam", "Tỷ lệ nữ"]


def _count_cells(c: workforce.Count) -> list[str]:
    return [str(c.total), str(c.women), str(c.men), domain.format_percent(c.share)]


def population_table(p: workforce.Population, title: str, units: bool = True) -> Table:
    """One population: the total, then each characteristic with its values (the units
    too, unless `units` is false: the printed sheet has them in one table, unit_table)."""
    rows = [["Tổng số", *_count_cells(p.total)]]
    bold = {0}
    for b in p.breakdowns:
        if not units and b.title == workforce.BY_UNIT:
            continue
        bold.add(len(rows))
        rows.append([b.title, "", "", "", ""])
        rows.extend([f"- {label}", *_count_cells(c)] for label, c in b.rows.items())
    return Table(title, ["Tiêu chí", *_COUNT_HEADERS], rows, [44, 14, 14, 14, 14],
                 {1, 2, 3, 4}, bold_rows=bold, keep_with_next=bold - {0})


def unit_table(w: workforce.Workforce, title: str) -> Table:
    """The three populations side by side, one row per unit (a province has thousands
    of units: one table of them, not three)."""
    by = {p.key: next(b for b in p.breakdowns if b.title == workforce.BY_UNIT).rows
          for p in w.populations}
    rows = []
    for name, c in by["cadres"].items():
        pool = by["pool"].get(name, workforce.Count())
        lead = by["leaders"].get(name, workforce.Count())
        rows.append([name, str(c.total), str(c.women), domain.format_percent(c.share),
                     f"{pool.women}/{pool.total}", f"{lead.women}/{lead.total}"])
    extra = dict.fromkeys(n for n in [*by["pool"], *by["leaders"]] if n not in by["cadres"])
    for name in extra:  # a unit whose pool or leaders work elsewhere, no staff of its own
        pool = by["pool"].get(name, workforce.Count())
        lead = by["leaders"].get(name, workforce.Count())
        rows.append([name, "0", "0", "—", f"{pool.women}/{pool.total}",
                     f"{lead.women}/{lead.total}"])
    return Table(title, ["Cơ quan, đơn vị", "Số người", "Nữ", "Tỷ lệ nữ",
                         "Quy hoạch (nữ/tổng)", "Lãnh đạo chủ chốt (nữ/tổng)"],
                 rows, [34, 11, 9, 12, 16, 18], {1, 2, 3, 4, 5})


APPOINTMENT_HEADERS = ["Chức vụ", *_COUNT_HEADERS, "Từ nguồn quy hoạch", "Trong đó nữ"]


def appointment_rows(a: workforce.Appointments) -> list[list[str]]:
    """Cấp trưởng, Cấp phó and their total: by sex, and from the pool."""
    rows = []
    for label, level in (("Cấp trưởng", "Cấp trưởng"), ("Cấp phó", "Cấp phó"),
                         ("Cộng", None)):
        all_ = a.count(level)
        pool = a.count(level, from_pool=True)
        rows.append([label, *_count_cells(all_), str(pool.total), str(pool.women)])
    return rows


def appointments_table(a: workforce.Appointments, title: str) -> Table:
    return Table(title, list(APPOINTMENT_HEADERS), appointment_rows(a),
                 [22, 11, 9, 9, 12, 19, 14], {1, 2, 3, 4, 5, 6}, bold_rows={2})


def workforce_sections(w: workforce.Workforce, *, appendix: bool) -> list[Section]:
    """The tables; `appendix` puts them on a new page under «PHỤ LỤC»."""
    lead = (f"Số liệu tính đến ngày {w.as_of:%d/%m/%Y}: cán bộ, công chức, viên chức và "
            "người lao động đang công tác; tuổi tính đến ngày đó (chỉ có năm sinh thì "
            "tính theo năm). Lãnh đạo chủ chốt là người giữ chức vụ cấp trưởng, cấp phó "
            "đang có hiệu lực; người lãnh đạo hai đơn vị được tính ở mỗi đơn vị. Bổ nhiệm "
            "«từ nguồn quy hoạch»: người có tên trong quy hoạch vào ngày trước ngày bổ nhiệm.")
    out = []
    if appendix:
        out.append(Section("PHỤ LỤC", new_page=True, centred=True))
        out.append(Section(f"Thực trạng đội ngũ cán bộ, công chức, viên chức theo giới "
                           f"tính năm {w.as_of.year}", centred=True))
    out.append(Section(paragraphs=[lead]))
    for n, p in enumerate(w.populations, start=1):
        out.append(Section(tables=[population_table(p, f"{n}. {p.title}", units=False)]))
    n = len(w.populations)
    out.append(Section(tables=[unit_table(w, f"{n + 1}. Theo cơ quan, đơn vị")]))
    out.append(Section(tables=[appointments_table(
        w.appointments, f"{n + 2}. Bổ nhiệm chức vụ lãnh đạo, quản lý năm "
                        f"{w.appointments.year} theo giới tính")]))
    return out


def workforce_sheet(store: Store, as_of: dt.date, issued: dt.date | None = None
                    ) -> ListSheet:
    """The printable table «Thực trạng đội ngũ theo giới tính»."""
    w = workforce.compute(store, as_of)
    return ListSheet(
        title="BẢNG TỔNG HỢP",
        summary=f"Thực trạng đội ngũ cán bộ, công chức, viên chức theo giới tính, tính đến "
                f"ngày {as_of:%d/%m/%Y}",
        sections=workforce_sections(w, appendix=False),
        **letterhead_fields(store.settings.read(), issued or dt.date.today()))


# --- the yearly report ---------------------------------------------------------------

FIRST_TASK_NUMBER = 5  # the figures' sheet has four tables before these sections


def written_sections(texts: dict[str, str], titles: dict[str, str], first: int
                     ) -> list[Section]:
    """The sections a person writes, numbered from `first`: the text, or when nothing
    is written the heading and dotted lines to write on by hand."""

    out = []
    for n, key in enumerate(ORDER, start=first):
        text = (texts.get(key) or "").strip()
        out.append(Section(f"{n}. {titles[key]}", paragraphs=[text] if text else [],
                           blank=0 if text else BLANK_LINES))
    return out


def text_titles(sheet) -> list[Section]:
    """The yearly report's written sections, numbered after the sections added."""

    n = FIRST_TASK_NUMBER + sum(section.part for section in sheet.tasks)
    return written_sections(sheet.texts, YEARLY_TITLES, n)


# --- the order in which a sheet is printed (document.py and pagination.py read it) -----

def body_sections(sheet) -> list[Section]:
    """The sheet between its title and its signature, as sections."""
    if isinstance(sheet, ListSheet):
        return sheet.sections
    return [
        Section(paragraphs=[sheet.intro]),
        Section(tables=[sheet.figures], note=sheet.figures_note),
        Section(tables=[sheet.units]), Section(tables=[sheet.pool]),
        Section(tables=[sheet.training], bold_last=True),
        *sheet.tasks,
        *text_titles(sheet),
    ]


def appendix_sections(sheet) -> list[Section]:
    # a ListSheet may carry an appendix too (the province report's table of communes)
    return getattr(sheet, "appendix", [])


def all_sections(sheet) -> list[Section]:
    return [*body_sections(sheet), *appendix_sections(sheet)]


def data_tables(sheet) -> tuple[Table, ...]:
    """Every table, in the order they are printed."""
    return tuple(t for section in all_sections(sheet) for t in section.tables)


def section_headings(sheet) -> set[str]:
    return {s.title for s in all_sections(sheet) if s.title}
