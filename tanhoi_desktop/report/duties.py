"""The plan's planning duties in the printed reports (docs/planning-duties.md): the
training plan against what was done, what CT3 lacks, the yearly review of the pool, the
posts under the Party committee's Standing Committee, and, in an appendix, each unit
against its own targets. No widgets: document.py renders the sections."""

from __future__ import annotations

import datetime as dt

from ..domain import format_date, format_dong, format_percent
from ..figures import duties
from ..store import Store
from .parts import Table
from .sections import Section


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def _split(total: int | None, women: int | None, pool_women: int | None) -> str:
    """«8 (5 nữ; 4 nữ QH)»: a count with its women and its women of the pool."""
    parts = []
    if women is not None:
        parts.append(f"{women} nữ")
    if pool_women is not None:
        parts.append(f"{pool_women} nữ QH")
    return f"{_n(total)} ({'; '.join(parts)})" if parts else _n(total)


def training_table(plan: duties.TrainingPlan, title: str) -> Table:
    rows = [[line.kind, line.unit_name or "Toàn xã",
             _split(line.planned, line.planned_women, line.planned_pool_women),
             _split(line.done, line.done_women, line.done_pool_women),
             format_dong(line.estimate)] for line in plan.lines]
    if rows:
        rows.append(["Cộng", "",
                     _split(plan.total("planned"), plan.total("planned_women"),
                            plan.total("planned_pool_women")),
                     _split(plan.total("done"), plan.total("done_women"),
                            plan.total("done_pool_women")),
                     format_dong(plan.total("estimate")) if plan.total("estimate") else ""])
    return Table(title, ["Loại lớp", "Đơn vị", "Kế hoạch (người)", "Đã đào tạo (người)",
                         "Kinh phí dự kiến (đồng)"],
                 rows, [26, 18, 20, 20, 16], numeric={2, 3, 4},
                 empty=f"Chưa có kế hoạch đào tạo năm {plan.year}.",
                 bold_rows={len(rows) - 1} if rows else set())


def gap_paragraph(gap: duties.CT3Gap, year: int) -> str:
    share = format_percent(gap.trained / gap.women if gap.women else None)
    text = (f"Nữ trong quy hoạch đã được đào tạo, bồi dưỡng: {gap.trained}/{gap.women} "
            f"({share}).")
    needs, reached = gap.steps(year)
    said = [text, *(f"Đã đạt {step}." for step in reached)]
    if needs:
        said.append(f"Cần đào tạo thêm {', '.join(needs)}.")
    return " ".join(said)


NAMES_PER_UNIT = 10  # the report names this many per unit; the window lists them all


def gap_table(gap: duties.CT3Gap, title: str) -> Table:
    """Per unit, the women of its pool not yet trained: how many, and who (the first
    NAMES_PER_UNIT; the Đào tạo tab lists everyone), so that a large pool stays a table."""
    by_unit: dict[str, list[str]] = {}
    for u in gap.untrained:
        by_unit.setdefault(u.unit_name or "(chưa rõ đơn vị)", []).append(u.full_name)
    rows = []
    for i, (unit, names) in enumerate(by_unit.items(), start=1):
        shown = ", ".join(names[:NAMES_PER_UNIT])
        if len(names) > NAMES_PER_UNIT:
            shown += f" và {len(names) - NAMES_PER_UNIT} người khác"
        rows.append([str(i), unit, str(len(names)), shown])
    if rows:
        rows.append(["", "Cộng", str(len(gap.untrained)), ""])
    return Table(title, ["TT", "Đơn vị", "Số người", "Họ và tên"], rows, [5, 30, 10, 55],
                 numeric={0, 2},
                 empty="Không còn nữ nào trong quy hoạch chưa được đào tạo, bồi dưỡng.",
                 bold_rows={len(rows) - 1} if rows else set())


def review_paragraphs(review: duties.PoolReview, day_text: str) -> list[str]:
    return [duties.review_sentence(review),
            f"Trong năm {review.year} (đến ngày {day_text}) bổ sung "
            f"{review.added_women + review.added_men} mục quy hoạch ({review.added_women} nữ, "
            f"{review.added_men} nam), đưa ra khỏi quy hoạch "
            f"{review.ended_women + review.ended_men} mục ({review.ended_women} nữ, "
            f"{review.ended_men} nam); tỷ lệ nữ trong quy hoạch "
            f"{duties.share_text(*review.before)} ngày 31/12/{review.year - 1}, "
            f"{duties.share_text(*review.after)} ngày {day_text}."]


def btv_paragraph(btv: duties.BTV) -> str:
    text = (f"Chức vụ, chức danh thuộc diện Ban Thường vụ Đảng ủy quản lý: nữ giữ chức vụ "
            f"{duties.share_text(btv.holders_women, btv.holders)}; nữ trong quy hoạch các "
            f"chức danh này {duties.share_text(btv.pool_women, btv.pool)}")
    if btv.target is not None:
        text += f" (chỉ tiêu {format_percent(float(btv.target))}: {btv.status()})"
    return text + "."


def duties_sections(found: duties.Duties, title: str) -> list[Section]:
    """The yearly report's part on the plan's planning duties, as of d: the training
    plan and its results, the untrained women of the pool, the pool's review, BTV posts."""
    year, day_text = found.as_of.year, format_date(found.as_of.isoformat())
    return [
        Section(title, paragraphs=[f"a) Kế hoạch đào tạo, bồi dưỡng năm {year} và kết quả "
                                   f"đến ngày {day_text}:"],
                tables=[training_table(found.training,
                                       f"Kế hoạch đào tạo, bồi dưỡng năm {year}")],
                part=True, bold_last=bool(found.training.lines)),
        Section(paragraphs=[f"b) {gap_paragraph(found.gap, year)}"],
                tables=[gap_table(found.gap, "Nữ trong quy hoạch chưa được đào tạo, "
                                             "bồi dưỡng")]),
        Section(paragraphs=[f"c) {line}" if i == 0 else line for i, line in
                            enumerate(review_paragraphs(found.review, day_text))]
                + [f"d) {btv_paragraph(found.btv)}"]),
    ]


def unit_targets_table(found: duties.Duties, title: str) -> Table:
    rows = []
    for u in found.units:
        if not u.has_targets:
            continue
        wanted = u.targets_in_words(pool="nữ QH", percent="\u00a0%")
        rows.append([u.name, str(u.target_year) if u.target_year else "Giai đoạn",
                     "; ".join(wanted), "Có" if u.has_female_key_leader else "Chưa",
                     duties.share_text(u.pool_women, u.pool), str(u.women_trained),
                     "; ".join(u.behind()) or "Đạt"])
    return Table(title, ["Đơn vị", "Chỉ tiêu năm", "Nội dung chỉ tiêu", "Có nữ LĐCC",
                         "Nữ trong quy hoạch", "Nữ đã đào tạo", "Đánh giá"],
                 rows, [18, 10, 22, 9, 13, 9, 19], numeric={5},
                 empty="Chưa đơn vị nào có chỉ tiêu riêng.")


def unit_targets_section(found: duties.Duties) -> Section:
    day_text = format_date(found.as_of.isoformat())
    return Section(f"Chỉ tiêu của từng đơn vị và kết quả đến ngày {day_text}",
                   tables=[unit_targets_table(found, "Chỉ tiêu của các đơn vị")],
                   note="Chỉ tiêu năm: chỉ tiêu của năm, hoặc của cả giai đoạn; số nữ cần đào "
                        "tạo của cả giai đoạn được đánh giá vào cuối giai đoạn. LĐCC: lãnh "
                        "đạo chủ chốt; QH: quy hoạch.")


def period_year_lines(found: duties.Duties) -> list[str]:
    """One year of the period report: the same duties, told in a few lines."""
    plan = found.training
    lines = [f"Kế hoạch đào tạo, bồi dưỡng năm {plan.year}: {plan.total('planned')} người "
             f"(nữ {plan.total('planned_women')}), đã đào tạo {plan.total('done')} người "
             f"(nữ {plan.total('done_women')})." if plan.lines else
             f"Chưa có kế hoạch đào tạo, bồi dưỡng năm {plan.year}.",
             gap_paragraph(found.gap, plan.year),
             duties.review_sentence(found.review),
             btv_paragraph(found.btv)]
    behind = [u.name for u in found.units if u.has_targets and u.behind()]
    if behind:
        lines.append("Đơn vị chưa đạt chỉ tiêu riêng: " + ", ".join(behind) + ".")
    return lines


def period_section(store: Store, as_of: dt.date, start: int, end: int, title: str
                   ) -> Section:
    """The period report's account of the planning duties, year by year: each year as
    of its 31/12, the current year as of d."""
    paragraphs = []
    for year in range(start, min(end, as_of.year) + 1):
        day = min(as_of, dt.date(year, 12, 31))
        lines = period_year_lines(duties.compute(store, day))
        paragraphs.append(f"Năm {year} (đến ngày {format_date(day.isoformat())}): "
                          + " ".join(lines))
    return Section(title, paragraphs=paragraphs or ["Chưa đến năm đầu của giai đoạn."])
