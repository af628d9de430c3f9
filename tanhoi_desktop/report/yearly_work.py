"""The yearly report's account of the work done: per task group of the plan (section
III), a wording generated from the year's activities, which the user may edit before
printing (kept per year once edited), and the budget table. No widgets."""

from __future__ import annotations

from collections import Counter

from .. import domain
from ..store import Store
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


def generated_wording(group: dict, year: int) -> str:
    """What the year's activities of a task group say, in one or two paragraphs."""
    items = group["items"]
    if not items:
        return (f"Năm {year} chưa ghi nhận hoạt động nào thuộc nhóm nhiệm vụ này trong "
                "chương trình.")
    n = group["activities"]
    text = (f"Năm {year}, các cơ quan, đơn vị đã thực hiện {n} hoạt động "
            f"({_count_phrase(Counter(i['kind'] for i in items))})")
    if group["participants"]:
        text += f" với {group['participants']} lượt người tham gia"
        if group["women"]:
            share = domain.format_percent(group["women"] / group["participants"])
            text += f", trong đó {group['women']} lượt nữ ({share})"
    if group["cost"]:
        text += f"; kinh phí {domain.format_dong(group['cost'])} đồng"
    text += "."
    named = "; ".join(f"{i['title']} ({domain.format_date(i['from_date'])}, "
                      f"{i['unit_name']})" for i in items[:5])
    more = f" và {n - 5} hoạt động khác" if n > 5 else ""
    lines = [text, f"Các hoạt động: {named}{more}."]
    checks = [i for i in items if i["kind"] == domain.INSPECTION]
    if checks:
        status = Counter(i["follow_up"] for i in checks if i["follow_up"])
        if status:
            lines.append("Việc khắc phục sau kiểm tra: " + ", ".join(
                f"{n} cuộc {s[0].lower() + s[1:]}" for s, n in sorted(status.items())) + ".")
    return "\n".join(lines)


def task_texts(store: Store, year: int) -> list[tuple[dict, str, str]]:
    """(group, generated wording, wording to print) for each task group: the edited
    wording kept for the year, or the generated one."""
    settings = store.settings()
    out = []
    for group in store.activities_by_task_group(year):
        generated = generated_wording(group, year)
        out.append((group, generated, settings.get(task_key(group["code"], year)) or generated))
    return out


def tasks_section(store: Store, year: int, number: int) -> list[Section]:
    texts = task_texts(store, year)
    rows, totals = [], [0, 0, 0, 0]
    for group, _generated, _text in texts:
        numbers = [group["activities"], group["participants"], group["women"], group["cost"]]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        rows.append([domain.task_group_text(group["code"]), str(numbers[0]), str(numbers[1]),
                     str(numbers[2]), domain.format_dong(numbers[3])])
    rows.append(["Cộng", str(totals[0]), str(totals[1]), str(totals[2]),
                 domain.format_dong(totals[3])])
    table = Table(f"{number}. Kết quả thực hiện nhiệm vụ theo Kế hoạch",
                  ["Nhóm nhiệm vụ", "Số hoạt động", "Lượt người tham gia", "Trong đó nữ",
                   "Kinh phí (đồng)"], rows, [44, 12, 14, 12, 18], {1, 2, 3, 4})
    out = [Section(tables=[table], bold_last=True)]
    for i, (group, _generated, text) in enumerate(texts, start=1):
        out.append(Section(f"{number}.{i}. {domain.task_group_text(group['code'])}",
                           paragraphs=[text]))
    return out


def budget_section(store: Store, year: int, number: int) -> Section:
    rows, estimate, spent = [], 0, 0
    for i, r in enumerate(store.budget_table(year), start=1):
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
    note = ("Thực hiện gồm kinh phí các hoạt động, các lớp đào tạo, bồi dưỡng trong năm và "
            "khoản chi khác đã nhập.") if rows else ""
    return Section(tables=[table], bold_last=bool(rows), note=note, part=True)
