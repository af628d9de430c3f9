import datetime as dt

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.domain import CADRES, COURSES, UNITS, Invalid


@pytest.mark.parametrize("raw", ["nu", "NỮ", "Nữ", " nữ ", "N Ữ"])
def test_gender_matches_loosely(raw):
    assert domain.match_choice(raw, domain.GENDERS) == "Nữ"


def test_choice_with_punctuation_matches():
    assert domain.match_choice("co quan qlnn chinh quyen", domain.UNIT_KINDS) == \
        "Cơ quan QLNN, chính quyền"


@pytest.mark.parametrize("raw,expected", [
    ("03/04/2026", dt.date(2026, 4, 3)),  # day first, always
    ("3/4/2026", dt.date(2026, 4, 3)),
    ("03-04-2026", dt.date(2026, 4, 3)),
    ("2026-04-03", dt.date(2026, 4, 3)),
    (dt.datetime(2026, 4, 3, 0, 0), dt.date(2026, 4, 3)),
])
def test_parse_date(raw, expected):
    assert domain.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "2026/13/01", "hôm qua", "13-13-2026"])
def test_bad_dates_give_vietnamese_messages(raw):
    with pytest.raises(ValueError, match="ngày"):
        domain.parse_date(raw)


def test_validate_reports_every_wrong_field():
    with pytest.raises(Invalid) as err:
        domain.validate(CADRES, {"code": "", "full_name": "A", "gender": "X",
                                 "unit_code": "U", "from_date": "02/01/2026",
                                 "to_date": "01/01/2026"})
    assert set(err.value.problems) == {"code", "gender", "to_date"}
    assert "không được để trống" in err.value.problems["code"]
    assert "Đến ngày" in err.value.problems["to_date"]


def test_to_date_equal_to_from_date_is_fine():
    out = domain.validate(UNITS, {"code": "A", "name": "A", "from_date": "01/01/2026",
                                  "to_date": "01/01/2026"})
    assert out["from_date"] == out["to_date"] == "2026-01-01"


def test_in_scope_defaults_from_kind():
    assert domain.validate(UNITS, {"code": "A", "name": "A"})["in_scope_ct1"] is True
    school = domain.validate(UNITS, {"code": "S", "name": "Trường",
                                     "kind": "don vi su nghiep cong lap"})
    assert school["in_scope_ct1"] is False
    assert school["kind"] == "Đơn vị sự nghiệp công lập"
    forced = domain.validate(UNITS, {"code": "S", "name": "T", "kind": "Khác",
                                     "in_scope_ct1": "có"})
    assert forced["in_scope_ct1"] is True


def test_birth_accepts_year_or_date_and_refuses_absurd_ones():
    today = dt.date(2026, 11, 24)
    base = {"code": "c", "full_name": "A", "gender": "Nam", "unit_code": "U"}
    assert domain.validate(CADRES, {**base, "birth": 1984}, today=today)["birth"] == "1984"
    assert domain.validate(CADRES, {**base, "birth": "05/06/1984"}, today=today)["birth"] == \
        "1984-06-05"
    for bad in ("01/01/2030", "1900"):
        with pytest.raises(Invalid) as err:
            domain.validate(CADRES, {**base, "birth": bad}, today=today)
        assert "birth" in err.value.problems


def test_names_limits_and_control_characters():
    base = {"code": "c", "gender": "Nam", "unit_code": "U"}
    with pytest.raises(Invalid) as err:
        domain.validate(CADRES, {**base, "full_name": "x" * 201})
    assert "200" in err.value.problems["full_name"]
    with pytest.raises(Invalid) as err:
        domain.validate(CADRES, {**base, "full_name": "Lê\x00Văn"})
    assert "điều khiển" in err.value.problems["full_name"]


@pytest.mark.parametrize("raw,expected", [(15000000, 15000000), ("15.000.000", 15000000),
                                          ("15,000,000", 15000000), (2.5e6, 2500000)])
def test_money(raw, expected):
    base = {"code": "K", "name": "Lớp", "kind": "Tin học"}
    assert domain.validate(COURSES, {**base, "cost": raw})["cost"] == expected


def test_formula_like_text_is_kept_as_typed():
    out = domain.validate(UNITS, {"code": "A", "name": "@SUM(1)", "note": "-2+3",
                                  "special_reason": "=1+1"})
    assert (out["special_reason"], out["name"], out["note"]) == ("=1+1", "@SUM(1)", "-2+3")
    # a code is no text: its alphabet is letters, digits and - _ . /
    with pytest.raises(Invalid) as err:
        domain.validate(UNITS, {"code": "=1+1", "name": "A"})
    assert "U+003D" in err.value.problems["code"]


def test_format_percent_and_date():
    assert domain.format_percent(2 / 3) == "66,7 %"
    assert domain.format_percent(None) == "—"
    assert domain.format_date("2026-04-03") == "03/04/2026"
