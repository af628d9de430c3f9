"""What the summary sheet says: built from the store and the indicators, no widgets.

Both renderings (PDF/printer via Qt, and .xlsx) read this one description, so the
printed figures are by construction those of `indicators.compute`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .. import domain
from ..figures import duties as planning_duties
from ..figures import indicators, workforce
from ..figures.indicators import ALL_KEYS, SHORT
from ..store import Store
from . import duties, sections, written, yearly_work
from .parts import Letterhead, Table, letterhead_fields

FIGURE_NAMES = {
    "CT1": "CT1. Cơ quan QLNN, chính quyền có lãnh đạo chủ chốt là nữ",
    "CT1_adj": ("CT1 điều chỉnh (không tính ngành đặc thù có tỷ lệ nữ dưới 30 % chưa có nữ "
                "lãnh đạo chủ chốt)"),
    "CT1_national": "CT1 theo định nghĩa quốc gia (HĐND, UBND xã có lãnh đạo chủ chốt là nữ)",
    "CT2": "CT2. Cán bộ nữ trong diện quy hoạch lãnh đạo, quản lý",
    "CT3": "CT3. Cán bộ nữ trong diện quy hoạch được đào tạo, bồi dưỡng",
}


@dataclass
class Sheet(Letterhead):
    intro: str
    figures_note: str
    figures: Table
    units: Table
    pool: Table
    training: Table
    texts: dict[str, str]  # the written sections (report/written.py), empty when unwritten
    values: dict[str, float | None]  # the exact values printed, for checking
    # report/sections.py: the year's work, budget and submissions (after the figures'
    # tables), and the appendix (after the signature, on a new page)
    tasks: list = field(default_factory=list)
    appendix: list = field(default_factory=list)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def waived_note(figures: indicators.Figures) -> str:
    """Which units CT1_adj leaves out, each with its female share on d; and the flagged
    units it does not leave out. Never claims a share below 30 % that is not."""
    if figures.waived:
        names = "; ".join(f"{w.name} (tỷ lệ nữ {domain.format_percent(float(w.share))}, "
                          f"{w.women}/{w.staff} người)" for w in figures.waived)
        text = (f"CT1 điều chỉnh không tính {len(figures.waived)} đơn vị ngành đặc thù có tỷ lệ "
                f"nữ dưới 30 % và chưa có nữ lãnh đạo chủ chốt tại ngày chốt số liệu: {names}.")
    else:
        text = ("CT1 điều chỉnh không loại trừ đơn vị nào (không có đơn vị ngành đặc thù nào "
                "có tỷ lệ nữ dưới 30 % mà chưa có nữ lãnh đạo chủ chốt tại ngày chốt số liệu).")
    kept = [u for u in figures.units if u.flag_without_effect]
    if kept:
        names = "; ".join(f"{u.name} ({indicators.why_counted(u)})" for u in kept)
        text += f" Đơn vị ngành đặc thù vẫn được tính: {names}."
    return text


def figures_note(figures: indicators.Figures) -> str:
    as_of, since, plan = figures.as_of, figures.training_since, figures.plan
    base_day = plan.baseline_date if plan else as_of
    return (f"Số liệu tính đến ngày {as_of:%d/%m/%Y}. {waived_note(figures)} Việc đạt chỉ "
            "tiêu 1 được đánh giá theo CT1 điều chỉnh (Mục II.1 của Kế hoạch); CT1 theo định "
            "nghĩa quốc gia chỉ tính HĐND, UBND xã, để so sánh với số liệu của Bộ Nội vụ. "
            f"Tiến độ so với mốc năm {as_of.year}, tính từ số liệu ngày {base_day:%d/%m/%Y} "
            f"đến mục tiêu năm {figures.target_year}. CT3 tính các lớp hoàn thành, kết thúc "
            f"từ ngày {since:%d/%m/%Y} (đầu Chương trình giai đoạn 2021 - 2030) đến ngày chốt "
            "số liệu.")


def _figure_row(name: str, ind: indicators.Indicator) -> list[str]:
    target = "" if ind.target is None else domain.format_percent(float(ind.target), 0)
    return [name, str(ind.numerator), str(ind.denominator), domain.format_percent(ind.value),
            target, ind.status or "(để so sánh)"]


def closed_figure_rows(closed: indicators.ClosedYear, now: indicators.Figures
                       ) -> tuple[list[list[str]], set[int]]:
    """The figures table of a closed year: each figure as reported (judged against the
    year's milestone), and under a figure whose value today's data give differently for
    the same day, a bold row with today's value and the difference."""
    rows, bold = [], set()
    for key in ALL_KEYS:
        today = now[key]
        n, den = closed.indicators.get(key, today.counts)
        reported = dataclasses.replace(today, numerator=n, denominator=den)
        rows.append(_figure_row(FIGURE_NAMES[key], reported))
        if reported.ratio != today.ratio:
            change = None if reported.ratio is None or today.ratio is None else \
                today.ratio - reported.ratio
            bold.add(len(rows))
            label = f"- Theo dữ liệu hiện nay (chênh lệch {domain.format_points(change)})"
            rows.append(_figure_row(label, today))
    return rows, bold


def closed_note(closed: indicators.ClosedYear, now: indicators.Figures,
                on_d: indicators.Figures) -> str:
    """What the figures of a closed year are, the units CT1 điều chỉnh left out then."""
    by = f" ({closed.closed_by})" if closed.closed_by else ""
    at = dt.date.fromisoformat(closed.closed_at[:10]) if closed.closed_at[:10] else None
    when = f", chốt lúc {at:%d/%m/%Y}" if at else ""
    differs = [SHORT[k] for k in ALL_KEYS if k in closed.indicators
               and closed.ratio(k) != now[k].ratio]
    text = (f"Năm {closed.year} đã chốt số liệu ngày {closed.as_of:%d/%m/%Y}{when}{by}: "
            "bảng ghi số liệu đã báo cáo. ")
    if differs:
        text += (f"Dữ liệu hiện nay cho {', '.join(differs)} số khác cho cùng ngày đó (cập "
                 "nhật, điều chỉnh sau khi chốt): dòng in đậm ngay dưới ghi số theo dữ liệu "
                 "hiện nay và chênh lệch. ")
    else:
        text += "Dữ liệu hiện nay cho cùng số liệu. "
    if closed.waived and tuple(closed.waived) != tuple(now.waived):
        # (the same units as today's data for that day: named once, by figures_note)
        names = "; ".join(f"{w.name} (tỷ lệ nữ {domain.format_percent(float(w.share))}, "
                          f"{w.women}/{w.staff} người)" for w in closed.waived)
        text += (f"Khi chốt, CT1 điều chỉnh không tính {len(closed.waived)} đơn vị ngành đặc "
                 f"thù có tỷ lệ nữ dưới 30 % và chưa có nữ lãnh đạo chủ chốt: {names}. ")
    text += figures_note(now)  # the table's day: the closing day
    if on_d.as_of != closed.as_of:  # then the day of what follows, not before it
        text += f" Các bảng sau tính đến ngày {on_d.as_of:%d/%m/%Y}."
    return text


TRAINING_HEADERS = ["Loại lớp", "Số lớp", "Lượt học viên", "Trong đó nữ", "Hoàn thành",
                    "Nữ hoàn thành"]


def training_rows(store: Store, year: int, until: dt.date) -> list[list[str]]:
    """The courses of `year` that ended (started, where the end is empty) on or before
    `until`, per kind: courses, enrolments, of women, completions, of women; then
    «Cộng». Empty when there are none (spec/plan-work.md, «Training of the year»)."""
    by_kind = {r["kind"]: r for r in store.reports.training_by_kind(until.isoformat(),
                                                                    f"{year:04d}-01-01")}
    rows = []
    totals = [0, 0, 0, 0, 0]
    for kind in domain.COURSE_KINDS:
        r = by_kind.get(kind)
        if r is None:
            continue
        numbers = [r["courses"], r["participants"], r["women"], r["completed"],
                   r["completed_women"]]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        rows.append([kind, *map(str, numbers)])
    if rows:
        rows.append(["Cộng", *map(str, totals)])
    return rows


def build(store: Store, as_of: dt.date, issued: dt.date | None = None, *,
          figures: indicators.Figures | None = None) -> Sheet:
    """`figures`: those on `as_of` when the caller has them (the figures service)."""
    issued = issued or dt.date.today()
    s = store.settings.read()
    if figures is None or figures.as_of != as_of:
        figures = indicators.compute(store, as_of)
    since = figures.training_since
    commune = s["commune_name"]
    year = as_of.year

    closed = next((c for c in indicators.closed_years(store) if c.year == year), None)
    if closed is None or as_of < closed.as_of:
        # a date before the close: its own figures (what was reported came later)
        fig_rows, bold = [_figure_row(FIGURE_NAMES[key], figures[key]) for key in ALL_KEYS], set()
        note = figures_note(figures)
    else:  # a closed year states what was reported; today's figures where they differ
        at_close = figures if closed.as_of == as_of else indicators.compute(
            store, closed.as_of, with_units=False)
        fig_rows, bold = closed_figure_rows(closed, at_close)
        note = closed_note(closed, at_close, figures)
    figures_table = Table(
        "1. Kết quả thực hiện các chỉ tiêu",
        ["Chỉ tiêu", "Số đạt", "Tổng số", "Tỷ lệ", f"Mục tiêu {figures.target_year}", "Đánh giá"],
        fig_rows, [37, 9, 9, 11, 12, 18], {1, 2, 3, 4}, bold_rows=bold)

    leaders: dict[int, list[str]] = {}
    for r in store.browse.female_key_leaders(as_of.isoformat()):
        leaders.setdefault(r["unit_id"], []).append(f"{r['full_name']} ({r['title']})")
    unit_rows = []
    for i, u in enumerate([u for u in figures.units if u.in_scope_ct1], start=1):
        unit_rows.append([str(i), u.name, str(u.staff), str(u.women),
                          domain.format_percent(u.female_share),
                          "; ".join(leaders.get(u.id, [])) or "Chưa có",
                          "Có" if u.special_sector else ""])
    units_table = Table(
        "2. Các cơ quan, đơn vị tính chỉ tiêu 1",
        ["TT", "Cơ quan, đơn vị", "Số người", "Nữ", "Tỷ lệ nữ", "Nữ lãnh đạo chủ chốt",
         "Ngành đặc thù"],
        unit_rows, [5, 27, 9, 6, 9, 32, 10], {0, 2, 3, 4})

    courses = store.reports.pool_training(as_of.isoformat(), since.isoformat())
    pool_rows = []
    women = [m for m in store.browse.pool_members(as_of.isoformat(), since.isoformat())
             if m["gender"] == domain.FEMALE]
    for i, m in enumerate(women, start=1):
        names = courses.get(m["id"], [])
        pool_rows.append([str(i), m["full_name"], m["unit_name"], m["titles"] or "",
                          "; ".join(names) if names else "Chưa"])
    pool_table = Table(
        "3. Cán bộ nữ trong diện quy hoạch",
        ["TT", "Họ và tên", "Đơn vị công tác", "Chức danh quy hoạch",
         "Đã đào tạo, bồi dưỡng (lớp)"],
        pool_rows, [5, 23, 23, 20, 29], {0})

    # the year's training up to d (spec/plan-work.md); CT3 keeps its own window (above)
    training_table = Table(
        f"4. Đào tạo, bồi dưỡng năm {year} (các lớp kết thúc từ 01/01/{year} đến "
        f"{as_of:%d/%m/%Y})", list(TRAINING_HEADERS), training_rows(store, year, as_of),
        [35, 11, 14, 13, 13, 14], {1, 2, 3, 4, 5})

    sheet = Sheet(
        title="BÁO CÁO",
        summary=(f"Kết quả thực hiện Kế hoạch triển khai Quyết định số 2282/QĐ-TTg "
                 f"trên địa bàn xã {commune} năm {year}"),
        intro=(f"Thực hiện {written.plan_words(s)} Quyết định số 2282/QĐ-TTg ngày 31 "
               f"tháng 12 năm 2020 của Thủ tướng Chính phủ trên địa bàn xã {commune} giai đoạn "
               f"{figures.plan.plan_start.year} - {figures.target_year}, Ủy ban nhân dân xã "
               f"{commune} báo cáo kết quả thực hiện năm {year} như sau:"),
        figures_note=note,
        figures=figures_table, units=units_table, pool=pool_table, training=training_table,
        texts=written.yearly_texts(store, year),
        values={k: figures[k].value for k in ALL_KEYS},
        **letterhead_fields(s, issued),
    )
    _complete(sheet, store, as_of, figures)
    return sheet


def _complete(sheet: Sheet, store: Store, as_of: dt.date,
              figures: indicators.Figures) -> None:
    """Add the year's sections and the workforce appendix to the yearly sheet."""
    year = as_of.year
    number = sections.FIRST_TASK_NUMBER
    tasks = yearly_work.tasks_section(store, as_of, number)
    tasks[0].part = True
    found = planning_duties.compute(store, as_of, figures)  # (the sheet's figures on d)
    sheet.tasks = [*tasks,
                   *duties.duties_sections(found, f"{number + 1}. Kế hoạch đào tạo, bồi "
                                                  "dưỡng; rà soát quy hoạch"),
                   yearly_work.budget_section(store, as_of, number + 2),
                   sections.submissions_section(store, year, number + 3, as_of)]
    sheet.appendix = [*sections.workforce_sections(workforce.compute(store, as_of),
                                                   appendix=True),
                      duties.unit_targets_section(found)]
