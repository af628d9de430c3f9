"""What the period report (báo cáo giai đoạn) says: the figures of each plan year against
the milestones and the target, the change since the baseline, the trajectory chart and
the period's free-text sections. Built from trajectory.build, no widgets; rendered by
period_document (PDF, preview, printer) and period_xlsx, in the yearly sheet's format."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from .. import domain
from ..figures import plan_work, trajectory, workforce
from ..figures.indicators import SHORT
from ..figures.trajectory import Point, Series, Trajectory
from ..store import Store
from . import content, duties, parts, sections, written
from .budget_sources import period_sources_table
from .content import FIGURE_NAMES, Table
from .parts import letterhead_fields
from .sections import ListSheet, Section, written_sections

KEYS = trajectory.KEYS
CHART_KEYS = trajectory.CHART_KEYS
YEAR_HEADERS = ["Thời điểm", "Số đạt / Tổng số", "Tỷ lệ", "Mốc kế hoạch", "Đánh giá", "Ghi chú"]


@dataclass
class PeriodSheet(ListSheet):
    """The period report: the yearly sheet's header and signature, and its sections."""

    trajectory: Trajectory | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # the figures on d


def period_of(store: Store) -> tuple[int, int]:
    """The plan's years, from the settings: (start year, target year)."""
    plan = trajectory.plan_settings(store)
    return plan.plan_start.year, plan.target_year


def percent(value: Fraction | None) -> str:
    return domain.format_percent(None if value is None else float(value))


def _counts(ind) -> str:
    return f"{ind.numerator}/{ind.denominator}" if ind.denominator else "—"


def _day_label(point: Point, as_of: dt.date) -> str:
    if point.day == as_of:
        return f"Đến ngày {as_of:%d/%m/%Y}"
    if point.day.month == 12 and point.day.day == 31:
        return f"Năm {point.day.year} (31/12/{point.day.year})"
    return f"Ngày {point.day:%d/%m/%Y}"


def waived_names(point: Point) -> str:
    return _names(point.waived)


def _names(waived) -> str:
    """The units left out of CT1 điều chỉnh on a date, with their female share."""
    if not waived:
        return ""
    return "Không tính: " + "; ".join(
        f"{w.name} ({domain.format_percent(float(w.share))} nữ)" for w in waived)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def year_table(number: str, traj: Trajectory, series: Series) -> Table:
    """One figure over the plan: baseline, each year end (the reported value where the
    year is closed, today's under it where they differ), d, the milestones of the years
    still to come, and the target."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    base = series.baseline_computed
    note = ""
    if series.baseline_typed:
        note = f"Nhập trong Cài đặt; theo dữ liệu: {_counts(base)} = {percent(base.ratio)}"
    if series.key == "CT1_adj":
        note = _join(note, _names(series.baseline_waived))
    rows.append([f"Ban đầu ({traj.baseline_day:%d/%m/%Y})",
                 "—" if series.baseline_typed else _counts(base), percent(series.baseline),
                 "", "", note])
    for point in series.points:
        milestone = series.milestone(point.day.year)
        # judged against the milestone printed beside it
        shown = dataclasses.replace(point.shown, milestone=milestone)
        remark = ""
        if point.closed is not None:
            remark = "Số đã chốt, đã báo cáo"
            closed_at = point.closed.closed_at[:10]
            if closed_at:
                # when it was closed (the row says for which day), as the yearly report does
                remark = f"Số đã chốt lúc {dt.date.fromisoformat(closed_at):%d/%m/%Y}"
            if point.closed.closed_by:
                remark += f" ({point.closed.closed_by})"
        if series.key == "CT1_adj":  # the waived units are named wherever it is printed
            if point.reported is not None and point.closed.waived:
                # as reported: the units waived on the closing day, with their share
                remark = _join(remark, _names(point.closed.waived))
            elif point.reported is None and point.waived:
                remark = _join(remark, waived_names(point))
        rows.append([_day_label(point, traj.as_of), _counts(shown), percent(shown.ratio),
                     percent(milestone), shown.status, remark])
        if point.differs:
            bold.add(len(rows))
            now = dataclasses.replace(point.indicator, milestone=milestone)
            change = (None if now.ratio is None or shown.ratio is None
                      else now.ratio - shown.ratio)
            rows.append(["- Theo dữ liệu hiện nay", _counts(now), percent(now.ratio),
                         percent(milestone), now.status,
                         _join(f"Khác số đã chốt ({domain.format_points(change)})",
                               waived_names(point) if series.key == "CT1_adj" else "")])
    for year, milestone in series.milestones:
        if year > traj.as_of.year:  # the years still to come: their milestones
            rows.append([f"Năm {year} (mốc)", "", "", percent(milestone), "", "Chưa đến"])
    rows.append([f"Mục tiêu năm {traj.target_year}", "", percent(series.target), "", "", ""])
    return Table(f"{number}. {FIGURE_NAMES[series.key]}", list(YEAR_HEADERS), rows,
                 [24, 12, 11, 12, 18, 23], {1, 2, 3}, bold_rows=bold)


def overview_table(traj: Trajectory) -> Table:
    rows = []
    for key in KEYS:
        s = traj[key]
        last = s.last
        now = dataclasses.replace(last.indicator, milestone=s.milestone(last.day.year))
        rows.append([FIGURE_NAMES[key], percent(s.baseline), percent(last.value),
                     domain.format_points(s.change), percent(s.target), now.status])
    return Table(
        "1. Các chỉ tiêu so với ban đầu và mục tiêu",
        ["Chỉ tiêu", f"Ban đầu {traj.baseline_day:%d/%m/%Y}",
         f"Đến ngày {traj.as_of:%d/%m/%Y}", "Thay đổi", f"Mục tiêu {traj.target_year}",
         "Đánh giá"],
        rows, [26, 15, 15, 15, 12, 17], {1, 2, 3, 4})


def build(store: Store, as_of: dt.date, issued: dt.date | None = None) -> PeriodSheet:
    issued = issued or dt.date.today()
    s = store.settings.read()
    traj = trajectory.build(store, as_of)
    start, end = traj.start_year, traj.target_year
    commune = s["commune_name"]
    period = f"giai đoạn {start} - {end}"
    typed = [SHORT[k] for k in KEYS if traj[k].baseline_typed]
    base_note = (f"Số liệu ban đầu là số liệu ngày {traj.baseline_day:%d/%m/%Y}, ngày trước khi "
                 f"Kế hoạch bắt đầu ({traj.plan.plan_start:%d/%m/%Y}), tính từ dữ liệu")
    if typed:
        base_note += f"; số liệu ban đầu của {', '.join(typed)} nhập trong Cài đặt"
    overview_note = (
        f"{base_note}. Mốc kế hoạch từng năm chia đều khoảng cách từ số liệu ban đầu đến "
        f"mục tiêu năm {end}. Thay đổi tính bằng điểm phần trăm (điểm %). Việc đạt chỉ tiêu 1 "
        f"được đánh giá theo CT1 điều chỉnh{waived_note(traj)}. CT3 tính các lớp hoàn "
        f"thành, kết thúc từ ngày {traj.plan.training_since:%d/%m/%Y} đến ngày chốt số liệu.")
    closed = sorted({p.closed.year for k in KEYS for p in traj[k].points if p.closed})
    years_note = ("Số liệu từng năm tính đến ngày 31/12 của năm. " + (
        f"Năm {', '.join(map(str, closed))} đã chốt số liệu: dòng của năm ghi số đã báo "
        "cáo; nếu dữ liệu hiện nay cho số khác (do cập nhật, điều chỉnh sau khi chốt), "
        "dòng in đậm ngay dưới ghi số theo dữ liệu hiện nay."
        if closed else "Chưa có năm nào chốt số liệu."))
    intro = (f"Thực hiện {written.plan_words(s)} Quyết định số 2282/QĐ-TTg ngày 31 tháng "
             f"12 năm 2020 của Thủ tướng Chính phủ trên địa bàn xã {commune} {period}, "
             f"Ủy ban nhân dân xã {commune} báo cáo kết quả thực hiện các chỉ tiêu từ "
             f"đầu giai đoạn đến ngày {as_of:%d/%m/%Y} như sau:")
    body = [
        Section(paragraphs=[intro]),
        Section(tables=[overview_table(traj)], note=overview_note),
        Section("2. Kết quả các chỉ tiêu theo từng năm", paragraphs=[years_note],
                tables=[year_table(f"2.{i}", traj, traj[key])
                        for i, key in enumerate(KEYS, start=1)]),
        Section("3. Biểu đồ diễn biến các chỉ tiêu", chart=traj,
                caption=(f"Hình 1. CT1 điều chỉnh, CT2 và CT3 từ {traj.baseline_day:%d/%m/%Y}"
                         f" đến {as_of:%d/%m/%Y}, so với mốc kế hoạch từng năm và mục tiêu "
                         f"năm {end}")),
    ]
    n = 4  # the next section's number
    years = list(range(start, min(end, as_of.year) + 1))
    if years:  # each year's work, training and appointments, as they stand on d
        body += years_sections(store, years, as_of, n)
        n += 1
    # the plan's planning duties year by year
    body.append(duties.period_section(
        store, as_of, start, end,
        f"{n}. Kế hoạch đào tạo, rà soát quy hoạch và chỉ tiêu của đơn vị theo từng năm"))
    n += 1
    if years:
        body.append(Section(f"{n}. Kinh phí thực hiện theo nguồn từng năm", tables=[
            period_sources_table(store, years, as_of, f"{n}.1. Dự toán và thực hiện theo "
                                 "nguồn kinh phí")],
            note="Thực hiện gồm kinh phí các hoạt động đã thực hiện, các lớp đào tạo, bồi "
                 "dưỡng đã khai giảng và khoản chi khác đã nhập, đến hết năm (năm chưa hết: "
                 "đến ngày chốt số liệu)."))
        n += 1
    body += written_sections(written.period_texts(store, start, end), written.PERIOD_TITLES,
                             n)
    return PeriodSheet(
        **letterhead_fields(store.settings.read(), issued),
        title="BÁO CÁO",
        summary=(f"Kết quả thực hiện Kế hoạch triển khai Quyết định số 2282/QĐ-TTg "
                 f"trên địa bàn xã {commune} {period}"),
        sections=body,
        trajectory=traj,
        values={k: traj[k].last.indicator.value for k in KEYS},
    )


# --- the plan's work, training and appointments of each year (spec/plan-work.md) ------

TASK_HEADERS = ["Năm", "Nhóm nhiệm vụ", "Số hoạt động", "Lượt người tham gia",
                "Trong đó nữ", "Kinh phí (đồng)"]
TRAINING_HEADERS = ["Năm", *content.TRAINING_HEADERS]


def _by_year(blocks: list[tuple[str, list[list[str]]]]) -> tuple[list[list[str]], set[int]]:
    """Each year's rows under its label (written on its first row only), its last row
    (the year's total) in bold."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    for label, block in blocks:
        rows.extend([label if i == 0 else "", *row] for i, row in enumerate(block))
        bold.add(len(rows) - 1)
    return rows, bold


def tasks_table(store: Store, years: list[int], as_of: dt.date, title: str
                ) -> tuple[Table, str]:
    """Per year, each task group of section III: the activities done on d, their
    participants, women and cost (figures/plan_work); and what was left out."""
    blocks, left = [], []
    for year in years:
        work = plan_work.summary(store, as_of, year)
        block = []
        for code in domain.TASK_GROUPS:
            g = work["by_group"][code]
            block.append([domain.task_group_text(code), str(g["done"]),
                          str(g["participants"]), str(g["women"]),
                          domain.format_dong(g["cost"])])
        a = work["activities"]
        total = "Cộng"
        if not a["done"]:  # five rows of zeros say less than one line
            block, total = [], "Cộng (chưa có hoạt động nào đã thực hiện)"
        block.append([total, str(a["done"]), str(a["participants"]), str(a["women"]),
                      domain.format_dong(a["cost"])])
        blocks.append((parts.year_until(year, as_of)[1], block))
        out = [f"{a[k]} hoạt động {word}" for k, word in (("planned", "dự kiến"),
                                                           ("cancelled", "đã hủy")) if a[k]]
        if out:
            left.append(f"năm {year} có {', '.join(out)}")
    rows, bold = _by_year(blocks)
    note = (f"Tính các hoạt động đã thực hiện đến ngày {as_of:%d/%m/%Y}, mỗi hoạt động vào "
            "năm của «Từ ngày»." + (f" Không tính các hoạt động dự kiến, đã hủy: "
                                    f"{'; '.join(left)}." if left else ""))
    return Table(title, list(TASK_HEADERS), rows, [13, 41, 10, 12, 10, 14], {2, 3, 4, 5},
                 bold_rows=bold), note


def training_table(store: Store, years: list[int], as_of: dt.date, title: str) -> Table:
    """Per year, the courses that ended in it up to d, by kind: enrolments and
    completions, of them women (CT3 keeps its own window)."""
    blocks = []
    for year in years:
        day, label = parts.year_until(year, as_of)
        blocks.append((label, content.training_rows(store, year, day)
                       or [["Cộng", "0", "0", "0", "0", "0"]]))
    rows, bold = _by_year(blocks)
    return Table(title, list(TRAINING_HEADERS), rows, [13, 27, 10, 13, 12, 12, 13],
                 {2, 3, 4, 5, 6}, bold_rows=bold)


def appointments_table(store: Store, years: list[int], as_of: dt.date, title: str
                       ) -> Table:
    """Per year, the leadership posts that began in it up to d, by level and sex. The
    year heads its rows (the spreadsheet has no eighth column for it)."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    for year in years:
        day, label = parts.year_until(year, as_of)
        made = sections.appointment_rows(workforce.appointments(store, year, day))
        bold.add(len(rows))
        if made[-1][1] == "0":  # none: one line, not a heading and three rows of zeros
            rows.append([f"Năm {label}: chưa có bổ nhiệm", *made[-1][1:]])
            continue
        rows.append([f"Năm {label}"] + [""] * (len(sections.APPOINTMENT_HEADERS) - 1))
        rows += made
        bold.add(len(rows) - 1)
    return Table(title, list(sections.APPOINTMENT_HEADERS), rows,
                 [22, 11, 9, 9, 12, 19, 14], {1, 2, 3, 4, 5, 6}, bold_rows=bold,
                 keep_with_next={i for i in bold if rows[i][0].startswith("Năm")
                                 and not rows[i][1]})


def years_sections(store: Store, years: list[int], as_of: dt.date, n: int) -> list[Section]:
    tasks, tasks_note = tasks_table(store, years, as_of,
                                    f"{n}.1. Kết quả thực hiện các nhóm nhiệm vụ (Mục III "
                                    "của Kế hoạch)")
    return [
        Section(f"{n}. Kết quả thực hiện nhiệm vụ, đào tạo và bổ nhiệm theo từng năm",
                tables=[tasks], note=tasks_note),
        Section(tables=[training_table(store, years, as_of,
                                       f"{n}.2. Đào tạo, bồi dưỡng theo từng năm")],
                note=f"Các lớp kết thúc (chưa có ngày kết thúc: khai giảng) trong năm, đến "
                     f"ngày {as_of:%d/%m/%Y}."),
        Section(tables=[appointments_table(
            store, years, as_of, f"{n}.3. Bổ nhiệm chức vụ lãnh đạo, quản lý theo từng năm "
                                 "và giới tính")],
                note="Chức vụ có «Từ ngày» trong năm, đến ngày "
                     f"{as_of:%d/%m/%Y}. «Từ nguồn quy hoạch»: người có tên trong quy hoạch "
                     "vào ngày trước ngày bổ nhiệm."),
    ]


def waived_note(traj: Trajectory) -> str:
    """The units waived from CT1 điều chỉnh on d, named with their share (spec)."""
    waived = traj["CT1_adj"].last.waived
    if not waived:
        return ""
    names = "; ".join(f"{w.name} ({domain.format_percent(float(w.share))} nữ)"
                      for w in waived)
    return (f"; ngày {traj.as_of:%d/%m/%Y} không tính {len(waived)} đơn vị ngành đặc thù "
            f"có tỷ lệ nữ dưới 30 % chưa có nữ lãnh đạo chủ chốt: {names}")
