"""The yearly report's account of the work done on its date d (spec/plan-work.md): per
task group of the plan (section III), a wording generated from the activities done on d,
which the user may edit before printing (kept per year once edited), the activities
still to come listed apart («dự kiến»), and the budget table. Cancelled activities are
left out. The counts come from figures/plan_work. No widgets."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .. import domain
from ..figures import plan_work
from ..figures.plan_work import GroupWork
from ..store import Store
from .budget_sources import sources_table
from .parts import Table
from .sections import Section


def task_groups() -> list[tuple[str, str]]:
    return list(domain.TASK_GROUPS.items())


def task_key(code: str, year: int) -> str:
    """Settings key of the edited wording of a task group for a year."""
    return f"report_task_{code}_{year}"


def _count_phrase(kinds: Counter) -> str:
    """'Hội nghị, tập huấn: 2; Tuyên truyền, giáo dục: 1'."""
    return "; ".join(f"{kind}: {n}" for kind, n in
                     sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))


def _period(as_of: dt.date) -> str:
    """'Năm 2026' when d is the year's last day, else 'Từ đầu năm 2026 đến ngày ...'."""
    if (as_of.month, as_of.day) == (12, 31):
        return f"Năm {as_of.year}"
    return f"Từ đầu năm {as_of.year} đến ngày {as_of:%d/%m/%Y}"


def generated_wording(group: GroupWork, as_of: dt.date) -> str:
    """What the activities of a task group done on d say, in one or two paragraphs."""
    items = group.items
    when = _period(as_of)
    if not items:
        return (f"{when} chưa ghi nhận hoạt động nào đã thực hiện thuộc nhóm nhiệm vụ này "
                "trong chương trình.")
    n = group.done
    text = (f"{when}, các cơ quan, đơn vị đã thực hiện {n} hoạt động "
            f"({_count_phrase(Counter(i['kind'] for i in items))})")
    if group.participants:
        text += f" với {group.participants} lượt người tham gia"
        if group.women:
            share = domain.format_percent(group.women / group.participants)
            text += f", trong đó {group.women} lượt nữ ({share})"
    if group.cost:
        text += f"; kinh phí {domain.format_dong(group.cost)} đồng"
    text += "."
    named = "; ".join(f"{i['title']} ({domain.format_date(i['from_date'])}, "
                      f"{i['unit_name']})" for i in items[:5])
    more = f" và {n - 5} hoạt động khác" if n > 5 else ""
    lines = [text, f"Các hoạt động: {named}{more}."]
    checks = [i for i in items if i["kind"] == domain.INSPECTION]
    if checks:  # the follow-up as known on d (plan_work.follow_up_on)
        status = Counter(i["follow_up"] for i in checks if i["follow_up"])
        if status:
            lines.append("Việc khắc phục sau kiểm tra: " + ", ".join(
                f"{n} cuộc {s[0].lower() + s[1:]}" for s, n in sorted(status.items())) + ".")
    return "\n".join(lines)


def task_texts(store: Store, as_of: dt.date, work: plan_work.YearWork | None = None
               ) -> list[tuple[GroupWork, str, str]]:
    """(group, generated wording, wording to print) for each task group: the edited
    wording kept for the year, or the one generated from the work done on d."""
    work = work or plan_work.compute(store, as_of)
    settings = store.settings.read()
    out = []
    for group in work.groups:
        generated = generated_wording(group, as_of)
        out.append((group, generated, settings.get(task_key(group.code, as_of.year))
                    or generated))
    return out


def planned_table(work: plan_work.YearWork) -> Table:
    """The year's activities still to come on d, listed apart from the results."""
    rows = []
    for i, item in enumerate(work.planned, start=1):
        when = domain.format_date(item["from_date"])
        if item.get("to_date") and item["to_date"] != item["from_date"]:
            when += f" - {domain.format_date(item['to_date'])}"
        rows.append([str(i), item["title"], item["task_group"], when, item["unit_name"],
                     domain.format_dong(item.get("cost"))])
    return Table(f"Các hoạt động dự kiến của năm {work.year} (chưa thực hiện đến ngày "
                 f"{work.as_of:%d/%m/%Y})",
                 ["TT", "Hoạt động dự kiến", "Nhóm", "Thời gian", "Đơn vị chủ trì",
                  "Kinh phí dự kiến (đồng)"], rows, [5, 34, 10, 16, 20, 15], {0, 5})


def tasks_section(store: Store, as_of: dt.date, number: int) -> list[Section]:
    work = plan_work.compute(store, as_of)
    texts = task_texts(store, as_of, work)
    rows, totals = [], [0, 0, 0, 0]
    for group, _generated, _text in texts:
        numbers = [group.done, group.participants, group.women, group.cost]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        rows.append([domain.task_group_text(group.code), str(numbers[0]), str(numbers[1]),
                     str(numbers[2]), domain.format_dong(numbers[3])])
    rows.append(["Cộng", str(totals[0]), str(totals[1]), str(totals[2]),
                 domain.format_dong(totals[3])])
    table = Table(f"{number}. Kết quả thực hiện nhiệm vụ theo Kế hoạch",
                  ["Nhóm nhiệm vụ", "Số hoạt động", "Lượt người tham gia", "Trong đó nữ",
                   "Kinh phí (đồng)"], rows, [44, 12, 14, 12, 18], {1, 2, 3, 4})
    left = []
    if work.planned:
        left.append(f"{len(work.planned)} hoạt động dự kiến được liệt kê riêng")
    if work.cancelled:
        left.append(f"{len(work.cancelled)} hoạt động đã hủy không tính")
    note = (f"Tính các hoạt động đã thực hiện đến ngày {as_of:%d/%m/%Y}"
            + (f"; {', '.join(left)}" if left else "") + ".")
    out = [Section(tables=[table], bold_last=True, note=note)]
    for i, (group, _generated, text) in enumerate(texts, start=1):
        out.append(Section(f"{number}.{i}. {domain.task_group_text(group.code)}",
                           paragraphs=[text]))
    if work.planned:
        out.append(Section(tables=[planned_table(work)]))
    return out


def budget_section(store: Store, as_of: dt.date, number: int) -> Section:
    year = as_of.year
    rows, estimate, spent = [], 0, 0
    for i, r in enumerate(store.plan.budget_table(year, as_of), start=1):
        estimate += r["estimate"] or 0
        spent += r["spent"] or 0
        rows.append([str(i), r["unit_name"] or "Lớp học chưa có học viên", r["funding"],
                     domain.format_dong(r["estimate"]), domain.format_dong(r["spent"])])
    if rows:
        rows.append(["", "Cộng", "", domain.format_dong(estimate), domain.format_dong(spent)])
    table = Table(f"{number}. Kinh phí thực hiện năm {year}",
                  ["TT", "Cơ quan, đơn vị", "Nguồn kinh phí", "Dự toán (đồng)",
                   "Thực hiện (đồng)"], rows, [5, 33, 24, 19, 19], {0, 3, 4},
                  empty="Chưa có dự toán hoặc khoản chi nào trong năm.")
    note = (f"Thực hiện tính đến ngày {as_of:%d/%m/%Y}, gồm kinh phí các hoạt động đã thực "
            "hiện, các lớp đào tạo, bồi dưỡng của năm đã khai giảng và khoản chi khác đã "
            "nhập.") if rows else ""

    by_source = sources_table(store, year, as_of, f"{number}.1. Tổng hợp theo nguồn kinh phí")
    return Section(tables=[table, by_source] if rows else [table], bold_last=bool(rows),
                   note=note, part=True)
