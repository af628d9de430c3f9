"""The workforce by sex (Mục III.2.1): who counts on the date, age bands at the date,
the pool and key leaders as spec/indicators.md defines them, appointments from the pool."""

import datetime as dt

import pytest

from tanhoi_desktop.figures import workforce
from tanhoi_desktop.report import sections

D = dt.date(2026, 11, 15)


@pytest.mark.parametrize("birth,band", [
    ("1996-11-16", "Dưới 30 tuổi"),  # 30 tomorrow
    ("1996-11-15", "Từ 30 đến 39 tuổi"),  # 30 today
    ("1987-01-01", "Từ 30 đến 39 tuổi"),
    ("1986-11-15", "Từ 40 đến 49 tuổi"),
    ("1977-11-16", "Từ 40 đến 49 tuổi"),
    ("1976-11-15", "Từ 50 tuổi trở lên"),
    ("1996", "Từ 30 đến 39 tuổi"),  # a year alone: the age reached that year
    ("1997", "Dưới 30 tuổi"),
    (None, "Không rõ"),
])
def test_age_band_on_the_date(birth, band):
    assert workforce.age_band(birth, D) == band


@pytest.fixture
def unit_people(store):
    for code in ("A", "B"):
        store.records.save("units", {"code": code, "name": f"Phòng {code}"})
    people = [  # code, gender, unit, birth, category, from, to
        ("w1", "Nữ", "A", "1996-11-16", "Công chức", None, None),
        ("w2", "Nữ", "A", "1970-05-01", "Cán bộ", None, None),
        ("w3", "Nữ", "B", None, None, None, None),
        ("m1", "Nam", "A", "1985", "Công chức", None, None),
        ("m2", "Nam", "B", "1960-01-01", "Viên chức", None, "2026-11-14"),  # left
        ("m3", "Nam", "B", "1990-01-01", "Viên chức", "2026-11-16", None),  # not yet
    ]
    for code, gender, unit, birth, category, start, end in people:
        store.records.save("cadres", {"code": code, "full_name": f"Người {code}", "gender": gender,
                                      "unit_code": unit, "birth": birth, "category": category,
                                      "from_date": start, "to_date": end,
                                      "education": "Đại học" if gender == "Nữ" else None})
    return store


def test_active_cadres_by_sex_category_age_and_unit(unit_people):
    w = workforce.compute(unit_people, D)
    cadres = w.population("cadres")
    assert (cadres.total.women, cadres.total.men) == (3, 1)
    by = {b.title: {k: (c.women, c.men) for k, c in b.rows.items()} for b in cadres.breakdowns}
    assert by["Theo đối tượng"] == {"Cán bộ": (1, 0), "Công chức": (1, 1), "Không rõ": (1, 0)}
    assert by["Theo độ tuổi"] == {"Dưới 30 tuổi": (1, 0), "Từ 30 đến 39 tuổi": (0, 0),
                                  "Từ 40 đến 49 tuổi": (0, 1), "Từ 50 tuổi trở lên": (1, 0),
                                  "Không rõ": (1, 0)}
    assert by["Theo trình độ chuyên môn"] == {"Đại học": (3, 0), "Chưa có": (0, 1)}
    assert by["Theo dân tộc"] == {"Kinh": (3, 1)}  # the default of the form and workbook
    assert by["Theo đơn vị"] == {"Phòng A": (2, 1), "Phòng B": (1, 0)}
    assert cadres.total.share == 3 / 4


def test_pool_and_key_leaders_follow_the_indicator_definitions(unit_people):
    s = unit_people
    # w1 planned for two titles counts once; m1's entry has ended; m2 has left
    s.records.save("planning", {"cadre_code": "w1", "title": "Trưởng phòng"})
    s.records.save("planning", {"cadre_code": "w1", "title": "Phó Chủ tịch UBND"})
    s.records.save("planning",
                   {"cadre_code": "m1", "title": "Trưởng phòng", "to_date": "2026-11-14"})
    s.records.save("planning", {"cadre_code": "m2", "title": "Trưởng phòng"})
    # w2 leads A and B (once in each unit, once in the total); m1's post is over
    s.records.save("posts", {"cadre_code": "w2", "unit_code": "A", "title": "Trưởng phòng",
                             "level": "Cấp trưởng"})
    s.records.save("posts", {"cadre_code": "w2", "unit_code": "B", "title": "Phó Trưởng phòng",
                             "level": "Cấp phó"})
    s.records.save("posts", {"cadre_code": "m1", "unit_code": "A", "title": "Phó Trưởng phòng",
                             "level": "Cấp phó", "to_date": "2026-06-30"})
    w = workforce.compute(s, D)
    pool, leaders = w.population("pool"), w.population("leaders")
    assert (pool.total.women, pool.total.men) == (1, 0)
    assert (leaders.total.women, leaders.total.men) == (1, 0)
    units = next(b for b in leaders.breakdowns if b.title == "Theo đơn vị")
    assert {k: c.women for k, c in units.rows.items()} == {"Phòng A": 1, "Phòng B": 1}


def test_appointments_of_the_year_and_those_from_the_pool(unit_people):
    s = unit_people
    # w1: in the pool until the day before her appointment -> from the pool
    s.records.save("planning", {"cadre_code": "w1", "title": "Trưởng phòng",
                                "from_date": "2025-01-01", "to_date": "2026-03-31"})
    s.records.save("posts", {"cadre_code": "w1", "unit_code": "A", "title": "Trưởng phòng",
                             "level": "Cấp trưởng", "from_date": "2026-04-01"})
    # m1: planned only from the day of his appointment -> not from the pool
    s.records.save("planning", {"cadre_code": "m1", "title": "Phó Trưởng phòng",
                                "from_date": "2026-05-01"})
    s.records.save("posts", {"cadre_code": "m1", "unit_code": "A", "title": "Phó Trưởng phòng",
                             "level": "Cấp phó", "from_date": "2026-05-01"})
    # w2: appointed in 2025 -> not this year's
    s.records.save("posts", {"cadre_code": "w2", "unit_code": "B", "title": "Phó Trưởng phòng",
                             "level": "Cấp phó", "from_date": "2025-12-31"})
    a = workforce.compute(s, D).appointments
    assert [(x.full_name, x.from_pool) for x in a.items] == [("Người w1", True),
                                                             ("Người m1", False)]
    assert (a.count().women, a.count().men) == (1, 1)
    assert a.count(from_pool=True).women == 1
    assert a.count("Cấp phó", from_pool=True).total == 0
    table = sections.appointments_table(a, "t")
    assert table.rows[-1] == ["Cộng", "2", "1", "1", "50,0 %", "1", "1"]


def test_population_table_shows_every_characteristic(unit_people):
    w = workforce.compute(unit_people, D)
    table = sections.population_table(w.population("cadres"), "1. Đội ngũ")
    assert table.rows[0] == ["Tổng số", "4", "3", "1", "75,0 %"]
    headings = [table.rows[i][0] for i in sorted(table.bold_rows)][1:]
    assert headings == ["Theo đối tượng", "Theo độ tuổi", "Theo dân tộc",
                        "Theo trình độ chuyên môn", "Theo trình độ lý luận chính trị",
                        "Theo trình độ quản lý nhà nước", "Theo đơn vị"]
    assert ["- Phòng B", "1", "1", "0", "100,0 %"] in table.rows


def test_printed_unit_table_puts_the_three_populations_side_by_side(unit_people):
    s = unit_people
    s.records.save("planning", {"cadre_code": "w1", "title": "Trưởng phòng"})
    # w3 (of B) leads A: A's key leaders count her although she works in B
    s.records.save("posts", {"cadre_code": "w3", "unit_code": "A", "title": "Trưởng phòng",
                             "level": "Cấp trưởng"})
    w = workforce.compute(s, D)
    table = sections.unit_table(w, "t")
    assert table.rows == [["Phòng A", "3", "2", "66,7 %", "1/1", "1/1"],
                          ["Phòng B", "1", "1", "100,0 %", "0/0", "0/0"]]
    printed = sections.population_table(w.population("cadres"), "t", units=False)
    assert "Theo đơn vị" not in [r[0] for r in printed.rows]
