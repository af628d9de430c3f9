"""Builds the demo workbook `du-lieu-mau.xlsx`: a fictional commune after the 2025
reorganisation, with invented people. Deterministic: `python resources/demo/build_demo.py`.

Designed so that, as of 15/11/2026, CT1 is not met (3 of 6 units in scope), CT1 adjusted
differs from CT1 (Phòng Kinh tế is a special sector under 30 % women), CT2 is met and CT3
is not; CT1 national (HĐND and UBND) is 2 of 2. The workbook is an ordinary export, so it
also serves as the fill-in example.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tanhoi_desktop.exchange import workbook as exchange  # noqa: E402
from tanhoi_desktop.store import Store  # noqa: E402

STATE = "Cơ quan QLNN, chính quyền"
PUBLIC = "Đơn vị sự nghiệp công lập"
MASS = "MTTQ, tổ chức CT-XH"

# code, name, kind, staff, women, special reason
UNITS = [
    ("HDND", "Hội đồng nhân dân xã", STATE, 4, 2, None),
    ("UBND", "Ủy ban nhân dân xã", STATE, 4, 1, None),
    ("VP", "Văn phòng HĐND và UBND", STATE, 12, 5, None),
    ("PKT", "Phòng Kinh tế", STATE, 12, 2,
     "Lĩnh vực nông nghiệp, địa chính, xây dựng; tỷ lệ nữ dưới 30 %"),
    ("VHXH", "Phòng Văn hóa - Xã hội", STATE, 10, 6, None),
    ("TTHCC", "Trung tâm phục vụ hành chính công", STATE, 10, 5, None),
    ("THCS", "Trường THCS Tân Hội", PUBLIC, 28, 17, None),
    ("MN", "Trường Mầm non Tân Hội", PUBLIC, 16, 15, None),
    ("TYT", "Trạm Y tế xã Tân Hội", PUBLIC, 10, 6, None),
    ("MTTQ", "Ủy ban MTTQ Việt Nam xã", MASS, 4, 1, None),
    ("HLHPN", "Hội Liên hiệp Phụ nữ xã", MASS, 3, 3, None),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", MASS, 3, 1, None),
    ("HND", "Hội Nông dân xã", MASS, 3, 0, None),
    ("HCCB", "Hội Cựu chiến binh xã", MASS, 3, 0, None),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Châu", "Thái", "Lâm", "Tô", "Quách"]
MIDDLE_F = ["Thị", "Thị", "Thị Ngọc", "Ngọc", "Thị Kim", "Thị Thanh", "Hồng", "Thị Mỹ",
            "Thị Bích", "Thùy"]
MIDDLE_M = ["Văn", "Văn", "Minh", "Hoàng", "Quốc", "Thanh", "Hữu", "Công", "Đức", "Tấn"]
GIVEN_F = ["Hồng", "Lan", "Mai", "Thảo", "Ngân", "Trinh", "Hạnh", "Diễm", "Yến", "Nhung",
           "Phượng", "Tuyết", "Loan", "Hằng", "Thủy", "Oanh", "Xuân", "Vân", "Ánh", "Châu",
           "Dung", "Giang", "Hiền", "Kiều", "Liên", "My", "Nga", "Quyên", "Thư", "Uyên"]
GIVEN_M = ["Hùng", "Dũng", "Tâm", "Phúc", "Nghĩa", "Tuấn", "Khang", "Lộc", "Thịnh", "Bảo",
           "Cường", "Định", "Em", "Hải", "Khoa", "Lâm", "Nhân", "Quang", "Sơn", "Trí",
           "Vinh", "Toàn", "Đạt", "Hiếu", "Kiệt"]

CATEGORY = {STATE: "Công chức", PUBLIC: "Viên chức", MASS: "Cán bộ"}


def _people(rng: random.Random):
    """(code, name, female, unit code) for every cadre, unique names."""
    used: set[str] = set()
    n = 0
    for code, _name, _kind, staff, women, _reason in UNITS:
        for i in range(staff):
            female = i < women
            while True:
                if female:
                    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
                else:
                    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
                if name not in used:
                    used.add(name)
                    break
            n += 1
            yield f"CB{n:03d}", name, female, code


ROLES = {"HDND": "HĐND", "UBND": "UBND"}  # the units CT1 national counts


def build(store: Store) -> None:
    rng = random.Random(2282)
    for code, name, kind, _staff, _women, reason in UNITS:
        store.records.save("units", {"code": code, "name": name, "kind": kind,
                                     "special_sector": reason is not None, "special_reason": reason,
                                     "role": ROLES.get(code), "from_date": "2025-07-01"})
    by_unit: dict[str, list[tuple[str, bool]]] = {}
    for code, name, female, unit in _people(rng):
        kind = next(u[2] for u in UNITS if u[0] == unit)
        store.records.save("cadres", {
            "code": code, "full_name": name, "gender": "Nữ" if female else "Nam",
            "birth": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                     f"{rng.randint(1966, 1999)}",
            "ethnicity": "Khmer" if rng.random() < 0.06 else "Kinh",
            "unit_code": unit, "category": CATEGORY[kind],
            "education": rng.choice(["Đại học"] * 6 + ["Thạc sĩ", "Cao đẳng", "Trung cấp"]),
            "political_theory": rng.choice(["Trung cấp", "Trung cấp", "Sơ cấp", "Cao cấp", None]),
            "state_management": rng.choice(["Chuyên viên", "Chuyên viên", "Chuyên viên chính",
                                                    None]),
            "languages_it": rng.choice(["Tiếng Anh B1; Tin học cơ bản", "Tin học cơ bản",
                                                "Tiếng Anh A2", None]),
            "from_date": f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-01",
            "position": {STATE: "Chuyên viên", PUBLIC: "Giáo viên" if unit in ("THCS", "MN")
                                 else "Viên chức", MASS: "Cán bộ chuyên trách"}[kind],
        })
        by_unit.setdefault(unit, []).append((code, female))
    # One cadre who left the commune: still in the file, no longer counted.
    leaver = by_unit["THCS"][-1][0]
    cadre = next(c for c in store.records.iter_records("cadres") if c["code"] == leaver)
    store.records.save("cadres", {**cadre, "to_date": "2026-08-31"}, record_id=cadre["id"])

    def women(unit):
        return [c for c, f in by_unit[unit] if f]

    def men(unit):
        return [c for c, f in by_unit[unit] if not f]

    def post(cadre, unit, title, level, start="2025-07-01", end=None, decision=None):
        store.records.save("posts", {"cadre_code": cadre, "unit_code": unit, "title": title,
                                     "level": level, "from_date": start, "to_date": end,
                                     "decision_no": decision or f"{rng.randint(10, 480)}/QĐ-UBND"})
        if end is None:  # the cadre's current position is the post
            record = next(c for c in store.records.iter_records("cadres") if c["code"] == cadre)
            store.records.save("cadres", {**record, "position": title}, record_id=record["id"])

    post(men("HDND")[0], "HDND", "Chủ tịch HĐND", "Cấp trưởng")
    post(women("HDND")[0], "HDND", "Phó Chủ tịch HĐND", "Cấp phó")
    post(men("UBND")[0], "UBND", "Chủ tịch UBND", "Cấp trưởng")
    post(women("UBND")[0], "UBND", "Phó Chủ tịch UBND", "Cấp phó")
    post(men("UBND")[1], "UBND", "Phó Chủ tịch UBND", "Cấp phó")
    post(men("VP")[0], "VP", "Chánh Văn phòng", "Cấp trưởng")
    post(men("VP")[1], "VP", "Phó Chánh Văn phòng", "Cấp phó")
    post(men("PKT")[0], "PKT", "Trưởng phòng", "Cấp trưởng")
    post(men("PKT")[1], "PKT", "Phó Trưởng phòng", "Cấp phó")
    post(women("VHXH")[0], "VHXH", "Trưởng phòng", "Cấp trưởng")
    post(men("VHXH")[0], "VHXH", "Phó Trưởng phòng", "Cấp phó")
    post(men("TTHCC")[0], "TTHCC", "Giám đốc", "Cấp trưởng")
    # Her term as deputy ended before the reporting date: TTHCC has no female leader now.
    post(women("TTHCC")[0], "TTHCC", "Phó Giám đốc", "Cấp phó", end="2026-06-30")
    post(men("THCS")[0], "THCS", "Hiệu trưởng", "Cấp trưởng")
    post(women("THCS")[0], "THCS", "Phó Hiệu trưởng", "Cấp phó")
    post(women("MN")[0], "MN", "Hiệu trưởng", "Cấp trưởng")
    post(men("TYT")[0], "TYT", "Trạm trưởng", "Cấp trưởng")
    post(women("TYT")[0], "TYT", "Phó Trạm trưởng", "Cấp phó")
    post(men("MTTQ")[0], "MTTQ", "Chủ tịch Ủy ban MTTQ", "Cấp trưởng")
    post(women("HLHPN")[0], "HLHPN", "Chủ tịch Hội LHPN", "Cấp trưởng")
    post(men("DTN")[0], "DTN", "Bí thư Đoàn", "Cấp trưởng")
    post(men("HND")[0], "HND", "Chủ tịch Hội Nông dân", "Cấp trưởng")
    post(men("HCCB")[0], "HCCB", "Chủ tịch Hội CCB", "Cấp trưởng")

    # Planning pool: 16 women, 12 men; two women planned for two titles.
    pool_women = (women("VP")[1:4] + women("VHXH")[1:4] + women("TTHCC")[1:4]
                  + women("THCS")[1:4] + women("MN")[1:3] + women("PKT")[:1]
                  + women("TYT")[1:2])
    pool_men = (men("VP")[2:4] + men("PKT")[2:5] + men("TTHCC")[1:3] + men("THCS")[1:3]
                + men("TYT")[1:2] + men("HDND")[1:2] + men("VHXH")[1:2])
    titles = {"VP": "Chánh Văn phòng", "VHXH": "Trưởng phòng Văn hóa - Xã hội",
              "TTHCC": "Giám đốc Trung tâm", "THCS": "Hiệu trưởng", "MN": "Hiệu trưởng",
              "PKT": "Trưởng phòng Kinh tế", "TYT": "Trạm trưởng", "HDND": "Phó Chủ tịch HĐND"}
    unit_of = {c: u for u, people in by_unit.items() for c, _f in people}
    for i, cadre in enumerate(pool_women + pool_men):
        unit = unit_of[cadre]
        store.records.save("planning", {"cadre_code": cadre, "title": titles[unit],
                                        "unit_code": unit,
                                        "period": "2025-2030" if i % 3 else "2026-2031",
                                        "decision_no": f"{100 + i}/QĐ-ĐU",
                                        "from_date": "2025-09-15"})
    for cadre in pool_women[:2]:
        store.records.save("planning", {"cadre_code": cadre, "title": "Phó Chủ tịch UBND",
                                        "unit_code": "UBND", "period": "2025-2030",
                                        "decision_no": "215/QĐ-ĐU", "from_date": "2025-09-15"})
    # One man dropped out of the pool before the reporting date.
    store.records.save("planning", {"cadre_code": men("VP")[4], "title": "Phó Chánh Văn phòng",
                                    "unit_code": "VP", "period": "2025-2030",
                                    "from_date": "2025-09-15",
                                    "to_date": "2026-03-31", "note": "Chuyển công tác"})

    courses = [
        ("BD2020", "Bồi dưỡng kiến thức quản lý nhà nước", "Quản lý nhà nước",
         "2020-09-07", "2020-11-20"),
        ("LLCT21", "Trung cấp lý luận chính trị - hành chính", "Lý luận chính trị",
         "2021-03-01", "2021-12-24"),
        ("QLNN22", "Bồi dưỡng ngạch chuyên viên", "Quản lý nhà nước", "2022-05-09",
         "2022-07-15"),
        ("TH22", "Ứng dụng công nghệ thông tin trong công tác văn phòng", "Tin học",
         "2022-10-03", "2022-10-14"),
        ("BDG23", "Tập huấn lồng ghép bình đẳng giới", "Bình đẳng giới", "2023-04-11",
         "2023-04-13"),
        ("KNLD23", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ",
         "Kỹ năng lãnh đạo, quản lý", "2023-08-21", "2023-08-25"),
        ("NN24", "Tiếng Anh giao tiếp cơ bản", "Ngoại ngữ", "2024-02-26", "2024-05-31"),
        ("CMNV24", "Nghiệp vụ một cửa, một cửa liên thông", "Chuyên môn, nghiệp vụ",
         "2024-06-10", "2024-06-14"),
        ("CDS25", "Chuyển đổi số và cách mạng công nghiệp 4.0", "Hội nhập quốc tế, CMCN 4.0",
         "2025-05-19", "2025-05-23"),
        ("BDG25", "Nâng cao năng lực cán bộ nữ trong quy hoạch", "Bình đẳng giới",
         "2025-10-06", "2025-10-10"),
        ("KNLD26", "Kỹ năng lãnh đạo, quản lý cấp xã sau sắp xếp",
         "Kỹ năng lãnh đạo, quản lý", "2026-09-14", "2026-09-18"),
        ("LLCT26", "Trung cấp lý luận chính trị khóa 2026-2027", "Lý luận chính trị",
         "2026-10-05", None),
    ]
    for i, (code, name, kind, start, end) in enumerate(courses):
        store.records.save("courses", {"code": code, "name": name, "kind": kind,
                                       "organizer": "Trường Chính trị tỉnh An Giang" if i % 3 == 1
                                       else "UBND xã Tân Hội",
                                       "from_date": start, "to_date": end,
                                       "location": "Hội trường UBND xã" if i % 2 else "Long Xuyên",
                                       "cost": (i + 3) * 5_000_000})
    # 12 of the 16 women in the pool are trained in the window; of the other four, one
    # was trained only in 2020, one did not finish, and two have had no course yet.
    trained, rest = pool_women[:12], pool_women[12:]
    plan_courses = ["LLCT21", "QLNN22", "BDG23", "KNLD23", "CMNV24", "CDS25", "BDG25",
                    "KNLD26"]
    for i, cadre in enumerate(trained):
        store.records.save("enrolments", {"course_code": plan_courses[i % len(plan_courses)],
                                          "cadre_code": cadre, "certificate_no": f"CC-{2100 + i}"})
        if i % 3 == 0:
            store.records.save("enrolments", {"course_code": "TH22", "cadre_code": cadre})
    store.records.save("enrolments", {"course_code": "BD2020", "cadre_code": rest[0]})
    store.records.save("enrolments", {"course_code": "KNLD26", "cadre_code": rest[1],
                                      "result": "Chưa hoàn thành"})
    store.records.save("enrolments", {"course_code": "LLCT26", "cadre_code": rest[1],
                                      "result": "Chưa hoàn thành"})
    for cadre in pool_men[:6]:
        store.records.save("enrolments", {"course_code": "QLNN22", "cadre_code": cadre})
    for cadre in women("MN")[3:8] + women("THCS")[5:9]:
        store.records.save("enrolments", {"course_code": "NN24", "cadre_code": cadre})

    # The year's appointments (the workforce appendix): two women from the planning pool,
    # one man from outside it; no unit's CT1 standing changes (VHXH already has a woman
    # leading it, the schools and the health station are not in CT1's scope).
    post(women("VHXH")[1], "VHXH", "Phó Trưởng phòng", "Cấp phó", start="2026-03-02",
         decision="58/QĐ-UBND")
    post(women("THCS")[1], "THCS", "Phó Hiệu trưởng", "Cấp phó", start="2026-09-05",
         decision="301/QĐ-UBND")
    post(men("TYT")[2], "TYT", "Phó Trạm trưởng", "Cấp phó", start="2026-08-01",
         decision="266/QĐ-UBND")


# The plan's activities in 2026 (section III): code, kind, task group, title, from, to,
# unit in charge, units taking part, participants, women, cost, funding source.
TT, HN, KT, GS, LG, KH = ("Tuyên truyền, giáo dục", "Hội nghị, tập huấn", "Thanh tra, kiểm tra",
                          "Giám sát, phản biện xã hội (MTTQ, đoàn thể)",
                          "Lồng ghép giới trong văn bản", "Khác")
NSNN, CTMT, TAITRO, KHAC = ("Ngân sách nhà nước", "Chương trình mục tiêu quốc gia",
                            "Tài trợ, đóng góp", "Khác")
ACTIVITIES = [
    ("HD2601", HN, "III.1", "Hội nghị triển khai Kế hoạch thực hiện Quyết định 2282/QĐ-TTg "
     "giai đoạn 2026-2030", "2026-01-20", None, "VHXH", "VP; MTTQ; HLHPN", 85, 41,
     6_500_000, NSNN),
    ("HD2602", TT, "III.1", "Tuyên truyền về bình đẳng giới trên hệ thống truyền thanh xã",
     "2026-02-02", "2026-11-30", "VHXH", "TTHCC", None, None, 2_400_000, NSNN),
    ("HD2603", TT, "III.1", "Tọa đàm Ngày Quốc tế Phụ nữ 8/3: vai trò của nữ cán bộ lãnh đạo",
     "2026-03-06", None, "HLHPN", "VHXH; MTTQ", 120, 96, 4_000_000, TAITRO),
    ("HD2604", TT, "III.1", "Cấp phát tờ rơi, pa-nô tuyên truyền Luật Bình đẳng giới",
     "2026-04-15", "2026-04-30", "VHXH", "", None, None, 3_200_000, CTMT),
    ("HD2605", TT, "III.1", "Thi tìm hiểu pháp luật về bình đẳng giới trong đoàn viên, "
     "thanh niên", "2026-03-26", None, "DTN", "VHXH", 150, 84, 3_500_000, TAITRO),
    ("HD2606", KH, "III.2", "Đánh giá thực trạng đội ngũ nữ cán bộ, công chức, viên chức xã",
     "2026-02-10", "2026-03-15", "VHXH", "VP", None, None, 2_000_000, NSNN),
    ("HD2607", HN, "III.2", "Hội nghị rà soát, bổ sung quy hoạch cán bộ nữ giai đoạn "
     "2026-2031", "2026-03-24", None, "VHXH", "VP; TTHCC; THCS; MN; TYT", 32, 18,
     1_500_000, NSNN),
    ("HD2608", HN, "III.2", "Tập huấn xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ nữ",
     "2026-07-08", "2026-07-09", "VHXH", "VP; TTHCC", 45, 30, 8_000_000, CTMT),
    ("HD2609", HN, "III.2", "Hội nghị sơ kết một năm thực hiện Kế hoạch 2282",
     "2026-11-24", None, "VHXH", "VP; PKT; MTTQ; HLHPN", 70, 38, 4_500_000, NSNN),
    ("HD2610", LG, "III.3", "Rà soát quy chế làm việc của UBND xã bảo đảm bình đẳng giới "
     "trong bố trí cán bộ", "2026-05-18", "2026-06-10", "VP", "UBND", 8, 3, None, None),
    ("HD2611", GS, "III.3", "Giám sát việc thực hiện chính sách đối với nữ cán bộ trong bổ "
     "nhiệm, bố trí công tác", "2026-05-05", "2026-05-20", "MTTQ", "HLHPN; HDND", 9, 5,
     1_800_000, NSNN),
    ("HD2612", KH, "III.3", "Tổng hợp tỷ lệ nữ giữ chức vụ lãnh đạo sau sắp xếp tổ chức bộ "
     "máy", "2026-07-01", "2026-07-20", "VP", "VHXH", None, None, None, None),
    ("HD2613", KH, "III.3", "Khảo sát nguyện vọng của nữ cán bộ về luân chuyển, bố trí công "
     "tác", "2026-08-17", "2026-09-04", "HLHPN", "VHXH", 64, 64, 1_000_000, KHAC),
    ("HD2614", LG, "III.3", "Lồng ghép bình đẳng giới trong dự thảo Nghị quyết HĐND xã về "
     "kinh tế - xã hội năm 2027", "2026-10-12", "2026-11-05", "VP", "HDND; PKT", 12, 5,
     None, None),
    ("HD2615", HN, "III.4", "Tập huấn kỹ năng lãnh đạo, quản lý cho nữ cán bộ trong quy "
     "hoạch", "2026-06-16", "2026-06-18", "VHXH", "HLHPN", 38, 38, 12_500_000, NSNN),
    ("HD2616", HN, "III.4", "Bồi dưỡng kỹ năng chuyển đổi số cho nữ cán bộ, công chức",
     "2026-08-11", "2026-08-13", "TTHCC", "VHXH", 40, 27, 9_600_000, TAITRO),
    ("HD2617", KH, "III.4", "Giao lưu, chia sẻ kinh nghiệm của nữ lãnh đạo với xã bạn",
     "2026-09-25", None, "HLHPN", "VHXH; UBND", 25, 22, 5_000_000, TAITRO),
    ("HD2618", GS, "III.5", "Phản biện xã hội dự thảo Kế hoạch đào tạo, bồi dưỡng cán bộ, "
     "công chức năm 2027", "2026-10-20", None, "MTTQ", "HLHPN; DTN", 15, 8, None, None),
    ("HD2619", HN, "III.4", "Tập huấn kỹ năng thuyết trình, phát biểu cho nữ cán bộ trong "
     "quy hoạch", "2026-12-16", "2026-12-17", "VHXH", "HLHPN", 40, 36, 6_000_000, NSNN),
    ("HD2620", KH, "III.1", "Hội thi «Nữ cán bộ, công chức giỏi việc nước, đảm việc nhà»",
     "2026-10-16", None, "HLHPN", "VHXH; DTN", None, None, None, None),
]
# The state of the activities not carried out (spec/plan-work.md); the others were done.
# HD2609, the «Hội nghị sơ kết» of 24/11, was done, after the report date of 15/11: on
# that date it is still to come, on 31/12 it is done.
STATES = {"HD2619": "Kế hoạch", "HD2620": "Hủy"}
# Inspections (III.5): code, title, from, to, unit inspected, participants, women, cost,
# findings, recommendations, follow-up status and its date.
INSPECTIONS = [
    ("KT2601", "Kiểm tra công tác quy hoạch, bổ nhiệm nữ cán bộ tại Trung tâm phục vụ hành "
     "chính công", "2026-04-07", "2026-04-09", "TTHCC", 5, 3, 1_200_000,
     "Quy hoạch chức danh Phó Giám đốc chưa có nữ; hồ sơ đánh giá cán bộ nữ chưa đầy đủ.",
     "Bổ sung nữ vào quy hoạch Phó Giám đốc; hoàn thiện hồ sơ trước 30/6/2026.",
     "Đã khắc phục", "2026-06-25"),
    ("KT2602", "Kiểm tra việc thực hiện chính sách đối với nữ viên chức tại Trường THCS Tân "
     "Hội", "2026-09-08", "2026-09-10", "THCS", 6, 4, 1_200_000,
     "Chưa cử nữ viên chức trong quy hoạch đi bồi dưỡng nghiệp vụ quản lý giáo dục.",
     "Cử ít nhất 2 nữ viên chức trong quy hoạch đi bồi dưỡng trong năm học 2026-2027.",
     "Đang khắc phục", "2026-11-10"),
    ("KT2603", "Kiểm tra công tác cán bộ nữ tại Phòng Kinh tế", "2026-11-03", "2026-11-04",
     "PKT", 5, 2, 800_000,
     "Tỷ lệ nữ 2/12; chưa có nữ trong quy hoạch Phó Trưởng phòng.",
     "Xây dựng kế hoạch tạo nguồn nữ cán bộ lĩnh vực nông nghiệp, địa chính.",
     "Chưa khắc phục", "2026-11-20"),
]
# Budget lines (plan section IV): year, unit, funding, estimate, spent outside the
# recorded activities and courses.
BUDGET = [
    (2026, "VHXH", NSNN, 45_000_000, 3_500_000), (2026, "VHXH", CTMT, 12_000_000, None),
    (2026, "VP", NSNN, 5_000_000, 1_200_000), (2026, "MTTQ", NSNN, 3_000_000, None),
    (2026, "HLHPN", TAITRO, 10_000_000, None), (2026, "HLHPN", KHAC, 1_000_000, None),
    (2026, "TTHCC", TAITRO, 10_000_000, None), (2026, "DTN", TAITRO, 4_000_000, None),
    (2026, "MN", NSNN, 100_000_000, None), (2026, "TTHCC", NSNN, 35_000_000, None),
    (2027, "VHXH", NSNN, 50_000_000, None), (2027, "VHXH", CTMT, 15_000_000, None),
    (2027, "HLHPN", TAITRO, 10_000_000, None),
]


def build_plan_work(store: Store) -> None:
    """The year's activities and the budget lines."""
    for (code, kind, group, title, start, end, unit, partners, people, women, cost,
         funding) in ACTIVITIES:
        store.records.save("activities", {
            "code": code, "kind": kind, "task_group": group, "title": title,
            "from_date": start, "to_date": end, "unit_code": unit, "partner_codes": partners,
            "participants": people, "participants_women": women, "cost": cost,
            "funding": funding, "state": STATES.get(code)})
    for (code, title, start, end, inspected, people, women, cost, findings, advice, status,
         status_date) in INSPECTIONS:
        store.records.save("activities", {
            "code": code, "kind": KT, "task_group": "III.5", "title": title,
            "from_date": start, "to_date": end, "unit_code": "VHXH",
            "partner_codes": f"VP; {inspected}", "participants": people,
            "participants_women": women, "cost": cost, "funding": NSNN,
            "findings": findings, "recommendations": advice, "follow_up": status,
            "follow_up_date": status_date})
    for year, unit, funding, estimate, spent in BUDGET:
        store.records.save("budget", {"year": year, "unit_code": unit, "funding": funding,
                                      "estimate": estimate, "spent": spent})


# The plan's planning duties (III.2, V.4): the commune plans its training, reviews its
# pool once a year, holds each unit to its own targets; PKT falls behind on all three.
BTV_POSTS = {"Chủ tịch HĐND", "Phó Chủ tịch HĐND", "Chủ tịch UBND", "Phó Chủ tịch UBND",
             "Chủ tịch Ủy ban MTTQ", "Chủ tịch Hội LHPN", "Bí thư Đoàn",
             "Chủ tịch Hội Nông dân", "Chủ tịch Hội CCB"}
BTV_TITLES = {"Phó Chủ tịch UBND", "Phó Chủ tịch HĐND"}
TRAINING_PLAN = [  # year, kind, planned, women, women in the pool, unit, estimate
    (2026, "Kỹ năng lãnh đạo, quản lý", 8, 5, 4, None, 40_000_000),
    (2026, "Lý luận chính trị", 4, 2, 2, None, 30_000_000),
    (2026, "Quản lý nhà nước", 6, 3, 2, None, 24_000_000),
    (2026, "Bình đẳng giới", 3, 2, 1, "PKT", 6_000_000),
    (2027, "Kỹ năng lãnh đạo, quản lý", 8, 5, 4, None, 42_000_000),
    (2027, "Lý luận chính trị", 4, 3, 3, None, 32_000_000),
]
UNIT_TARGETS = [  # unit, year (None: the period), female key leader, pool %, women to train
    ("VHXH", None, True, 50, 3), ("VP", None, False, 50, 2), ("THCS", None, True, 50, 2),
    ("MN", None, True, 60, 1), ("TYT", None, True, 40, 1), ("PKT", None, True, 40, 2),
    ("PKT", 2026, True, 30, 1),
]


def build_planning_duties(store: Store) -> None:
    for post in list(store.records.iter_records("posts")):
        if post["title"] in BTV_POSTS:
            store.records.save("posts", {**post, "btv": True}, record_id=post["id"])
    for entry in list(store.records.iter_records("planning")):
        if entry["title"] in BTV_TITLES:
            store.records.save("planning", {**entry, "btv": True}, record_id=entry["id"])
    for year, kind, planned, women, pool, unit, estimate in TRAINING_PLAN:
        store.records.save("training_plan", {"year": year, "kind": kind, "planned": planned,
                                             "planned_women": women, "planned_pool_women": pool,
                                             "unit_code": unit, "estimate": estimate})
    store.records.save("pool_reviews", {"year": 2026, "review_date": "2026-10-20",
                                        "decision_no": "245/QĐ-ĐU",
                                        "note": "Rà soát, bổ sung quy hoạch giai đoạn 2025-2030; "
                                        "đưa ra 1 đồng chí chuyển công tác."})
    for unit, year, leader, pool, train in UNIT_TARGETS:
        store.records.save("unit_targets", {"unit_code": unit, "year": year,
                                            "female_key_leader": leader, "pool_women_percent": pool,
                                            "women_to_train": train})


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, \
            Store.open(Path(tmp) / "demo.sqlite", create=True) as store:
        build(store)
        build_plan_work(store)
        build_planning_duties(store)
        exchange.export_workbook(store, HERE / "du-lieu-mau.xlsx")
    print(HERE / "du-lieu-mau.xlsx")


if __name__ == "__main__":
    main()
