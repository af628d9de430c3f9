"""Generates a commune-scale or province-scale data file and its exchange workbook.

    python bench/generate.py --scale province --out DIR

Province scale: 2,000 units, 50,000 cadres, 6,000 posts, 10,000 pool entries,
400 courses, 30,000 enrolments, 20,000 activities (2026-2030), 4,000 budget lines and
the units' 2026 reports (submissions: about 75 % on time, 10 % late, 15 % missing);
seeded, so every run makes the same data."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store

SCALES = {
    "commune": dict(units=14, cadres=120, posts=25, planning=30, courses=12, enrolments=40,
                    activities=20, budget=10),
    "province": dict(units=2000, cadres=50000, posts=6000, planning=10000, courses=400,
                     enrolments=30000, activities=20000, budget=4000),
}
ACTIVITY_WORDS = ["Hội nghị", "Tập huấn", "Tuyên truyền", "Kiểm tra", "Giám sát", "Tọa đàm",
                  "Khảo sát", "Rà soát", "Đối thoại", "Ứng dụng"]
TOPICS = ["bình đẳng giới", "công tác cán bộ nữ", "quy hoạch cán bộ nữ", "kỹ năng lãnh đạo",
          "chuyển đổi số", "Luật Bình đẳng giới", "bố trí, sử dụng cán bộ"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hữu", "Kim", "Quốc"]
GIVEN = ["Hồng", "Lan", "Mai", "Hùng", "Dũng", "Tâm", "Phúc", "Ánh", "Đức", "Yến", "Bảo"]


def _date(rng: random.Random, y0: int, y1: int) -> str:
    return f"{rng.randint(y0, y1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def records(scale: str, seed: int = 2282) -> dict[str, list[dict]]:
    n = SCALES[scale]
    rng = random.Random(seed)
    units = [{"code": f"U{i:04d}", "name": f"Đơn vị số {i}",
              "kind": rng.choice(domain.UNIT_KINDS), "special_sector": rng.random() < 0.05,
              "from_date": None if rng.random() < 0.8 else _date(rng, 2015, 2025)}
             for i in range(n["units"])]
    cadres = [{"code": f"C{i:05d}", "gender": rng.choice(domain.GENDERS),
               "full_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
               "unit_code": rng.choice(units)["code"], "birth": str(rng.randint(1966, 2000)),
               "category": rng.choice(domain.CATEGORIES),
               "from_date": _date(rng, 2000, 2024),
               "to_date": None if rng.random() < 0.9 else _date(rng, 2025, 2027)}
              for i in range(n["cadres"])]
    posts, seen = [], set()
    while len(posts) < n["posts"]:
        c, u = rng.choice(cadres)["code"], rng.choice(units)["code"]
        level = rng.choice(domain.LEVELS)
        key = (c, u, level)
        if key in seen:
            continue
        seen.add(key)
        start = _date(rng, 2018, 2026)
        end = None if rng.random() < 0.8 else _date(rng, 2026, 2028)
        posts.append({"cadre_code": c, "unit_code": u, "level": level,
                      "title": "Trưởng phòng" if level == "Cấp trưởng" else "Phó Trưởng phòng",
                      "from_date": start, "to_date": end if end and end >= start else None})
    planning, seen = [], set()
    while len(planning) < n["planning"]:
        c = rng.choice(cadres)["code"]
        title = rng.choice(["Trưởng phòng", "Phó Chủ tịch UBND", "Giám đốc"])
        if (c, title) in seen:
            continue
        seen.add((c, title))
        planning.append({"cadre_code": c, "title": title, "unit_code": None,
                         "period": "2025-2030", "from_date": _date(rng, 2024, 2026)})
    courses = [{"code": f"K{i:03d}", "name": f"Lớp bồi dưỡng {i}",
                "kind": rng.choice(domain.COURSE_KINDS), "from_date": _date(rng, 2019, 2026),
                "to_date": None} for i in range(n["courses"])]
    for k in courses:
        if rng.random() < 0.9:
            k["to_date"] = k["from_date"][:8] + "28"
    enrolments, seen = [], set()
    while len(enrolments) < n["enrolments"]:
        k, c = rng.choice(courses)["code"], rng.choice(cadres)["code"]
        if (k, c) in seen:
            continue
        seen.add((k, c))
        enrolments.append({"course_code": k, "cadre_code": c,
                           "result": "Hoàn thành" if rng.random() < 0.9 else "Chưa hoàn thành"})
    activities = []
    for i in range(n["activities"]):
        kind = rng.choice(domain.ACTIVITY_KINDS)
        people = rng.randint(0, 150)
        cost = rng.choice([None, rng.randint(5, 300) * 100_000])
        record = {"code": f"A{i:05d}", "kind": kind,
                  "task_group": rng.choice(list(domain.TASK_GROUPS)),
                  "title": f"{rng.choice(ACTIVITY_WORDS)} về {rng.choice(TOPICS)} số {i}",
                  "from_date": _date(rng, 2026, 2030), "to_date": None,
                  "unit_code": rng.choice(units)["code"],
                  "partner_codes": tuple(sorted({rng.choice(units)["code"]
                                                 for _ in range(rng.randint(0, 3))})),
                  "participants": people, "participants_women": rng.randint(0, people),
                  "cost": cost, "funding": rng.choice(domain.FUNDING_SOURCES) if cost else None,
                  "findings": None, "recommendations": None, "follow_up": None}
        if kind == domain.INSPECTION:
            record.update(findings="Phát hiện một số hạn chế", recommendations="Khắc phục",
                          follow_up=rng.choice(domain.FOLLOW_UP_STATUSES))
        activities.append(record)
    budget, seen = [], set()
    while len(budget) < n["budget"]:
        key = (rng.randint(2026, 2030), rng.choice(units)["code"],
               rng.choice(domain.FUNDING_SOURCES))
        if key in seen:
            continue
        seen.add(key)
        budget.append({"year": key[0], "unit_code": key[1], "funding": key[2],
                       "estimate": rng.randint(10, 500) * 100_000, "spent": None})
    return {"units": units, "cadres": cadres, "posts": posts, "planning": planning,
            "courses": courses, "enrolments": enrolments, "activities": activities,
            "budget": budget}


def submissions(unit_codes: list[str], year: int = 2026, seed: int = 2282
                ) -> list[tuple[str, int, str, str]]:
    """The units' yearly reports: most on time (before 15/11), some late, some missing.
    (unit code, year, received at, file name)."""
    rng = random.Random(seed)
    out = []
    for code in unit_codes:
        roll = rng.random()
        if roll < 0.15:
            continue  # not sent
        day = (f"{year}-11-{rng.randint(16, 30):02d}" if roll < 0.25 else
               f"{year}-{rng.choice(['10', '11'])}-{rng.randint(1, 15):02d}")
        out.append((code, year, f"{day}T{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:00",
                    f"bao-cao-{year}-{code.lower()}.xlsx"))
    return out


def add_submissions(store: Store) -> int:
    rows = submissions(sorted(store.records.existing_codes("units")))
    for code, year, received, name in rows:
        store.submissions.record(code, year, received, name)
    return len(rows)


def generate(scale: str, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    db, workbook = out / f"{scale}.sqlite", out / f"{scale}.xlsx"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    batches = records(scale)
    present = {name: {k for row in rows[:1] for k in row} for name, rows in batches.items()}
    with Store.open(db, create=True) as store:
        store.records.import_records(batches, present)
        add_submissions(store)
        exchange.export_workbook(store, workbook)
    return db, workbook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="commune")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    for path in generate(args.scale, args.out):
        print(path)


if __name__ == "__main__":
    main()
