"""Money read as offices type it (spec/exchange-workbook.md, Values), amounts bounded and
summed in Python integers, and numbers that would take forever to parse refused first."""

import datetime
import sqlite3
import subprocess
import sys

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.store import Store

from .hostile_workbooks import inline, sheet_xml, write_xlsx

COURSE = {"code": "K1", "name": "Lớp tin học", "kind": "Tin học"}


def cost_of(raw):
    return domain.validate(domain.COURSES, {**COURSE, "cost": raw})["cost"]


def cost_problem(raw):
    with pytest.raises(domain.Invalid) as err:
        cost_of(raw)
    return err.value.problems["cost"]


@pytest.mark.parametrize("typed", ["1250000", "1.250.000", "1.250.000,00", "1,250,000",
                                   "1,250,000.00", "1.250.000 đ", "1250000,00",
                                   1250000, 1250000.0])
def test_every_spelling_the_spec_lists_reads_one_and_a_quarter_million(typed):
    assert cost_of(typed) == 1_250_000


@pytest.mark.parametrize(("typed", "words"), [
    ("2500000.5", "không phải số tiền"),
    ("1.250.000,5", "không phải số tiền"),
    ("1,250,000.5", "không phải số tiền"),
    (2500000.5, "số đồng nguyên"),
    ("-1.250.000", "không được âm"),
    (-5, "không được âm"),
    ("1e9", "không phải số tiền"),
    ("Infinity", "không phải số tiền"),
    ("NaN", "không phải số tiền"),
    (float("inf"), "không phải số tiền"),
    (float("nan"), "không phải số tiền"),
    (1e30, "15 chữ số"),
    ("1" + "0" * 29, "15 chữ số"),
    ("1.000.000.000.000.000", "15 chữ số"),
    (10 ** 15, "15 chữ số"),
    ("1.25.000", "không phải số tiền"),
    ("1.250,000.00", "không phải số tiền"),
    ("1e999999999", "không phải số tiền"),
    ("9" * 100_000, "quá dài"),
])
def test_anything_else_is_refused_in_vietnamese(typed, words):
    message = cost_problem(typed)
    assert words in message
    assert len(message) < 200  # a cell of a hundred thousand digits is not echoed


def test_the_largest_amount_is_fifteen_digits():
    assert cost_of("999.999.999.999.999") == 10 ** 15 - 1


@pytest.mark.parametrize("typed", ["1e999999999", float("inf"), float("nan"), "9" * 5000,
                                   1e300])
def test_counts_years_and_codes_refuse_bombs_as_problems(typed):
    meeting = {"code": "H1", "kind": "Hội nghị, tập huấn", "task_group": "III.1",
               "title": "Hội nghị", "from_date": "01/03/2026", "unit_code": "A"}
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.ACTIVITIES, {**meeting, "participants": typed})
    assert "participants" in err.value.problems
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.BUDGET, {"year": typed, "unit_code": "A",
                                        "funding": "Ngân sách nhà nước"})
    assert "năm" in err.value.problems["year"]
    with pytest.raises(domain.Invalid) as err:
        domain.validate(domain.CADRES, {"code": "c", "full_name": "A", "gender": "Nữ",
                                        "unit_code": "A", "birth": typed})
    assert "birth" in err.value.problems


def _course_book(path, costs):
    """A «Lớp học» sheet whose Kinh phí cells are exactly `costs`: text, or a number cell
    written as the XML holds it (("n", "1e999999999"))."""
    header = ["Mã lớp", "Tên lớp", "Loại", "Kinh phí"]
    rows = ['<row r="1">' + "".join(inline(f"{chr(65 + i)}1", h)
                                     for i, h in enumerate(header)) + "</row>"]
    for n, cost in enumerate(costs, start=2):
        cell = (f'<c r="D{n}"><v>{cost[1]}</v></c>' if isinstance(cost, tuple)
                else inline(f"D{n}", cost))
        rows.append(f'<row r="{n}">{inline(f"A{n}", f"K{n}")}{inline(f"B{n}", "Lớp")}'
                    f'{inline(f"C{n}", "Tin học")}{cell}</row>')
    return write_xlsx(path, {"Lớp học": sheet_xml("".join(rows))})


def test_a_workbook_lists_every_bad_amount_and_reads_the_good_ones(tmp_path):
    costs = ["1.250.000,00", "1,250,000.00", "2500000.5", "1e999999999", "Infinity",
             "1" + "0" * 29, ("n", "1e999999999"), ("n", "1E+30"), ("n", "15000000")]
    plan = exchange.read_workbook(_course_book(tmp_path / "k.xlsx", costs), None)
    wrong = sorted(int(p.split("dòng ")[1].split(",")[0]) for p in plan.problems)
    assert wrong == [4, 5, 6, 7, 8, 9], plan.problems
    assert all("Kinh phí" in p for p in plan.problems)


def test_the_command_line_lists_a_bomb_cell_and_exits_1(tmp_path):
    db = tmp_path / "xa.sqlite"
    Store.open(db, create=True).close()
    book = _course_book(tmp_path / "k.xlsx", ["1e999999999", ("n", "1e999999999"),
                                              "Infinity", "1" + "0" * 30])
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "import", "--db", str(db),
                          str(book)], capture_output=True, text=True, encoding="utf-8",
                         timeout=60)
    assert out.returncode == 1, out.stderr
    lines = out.stderr.strip().splitlines()
    assert sum("Lớp học, dòng" in line and "Kinh phí" in line for line in lines) == 4
    assert "Lỗi không mong đợi" not in out.stderr and "Traceback" not in out.stderr


def test_forms_and_the_budget_table_read_money_the_same_way(store):
    store.records.save("units", {"code": "A", "name": "Phòng A"})
    store.records.save("courses", {**COURSE, "cost": "1,250,000.00"})
    assert store.browse.page("courses")[0]["cost"] == 1_250_000
    store.plan.set_budget_amount(2026, "A", "Ngân sách nhà nước", "estimate", "1.250.000,00")
    with pytest.raises(domain.Invalid) as err:
        store.plan.set_budget_amount(2026, "A", "Ngân sách nhà nước", "spent", "2500000.5")
    assert "không phải số tiền" in err.value.problems["spent"]
    assert store.plan.budget_table(2026)[0]["estimate"] == 1_250_000


def test_sums_of_amounts_already_stored_do_not_overflow(tmp_path):
    """A file from an older version may hold amounts past today's limit: totals are
    Python integers, never SQLite's SUM (which overflows at 9.2 * 10^18)."""
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng A"})
        for code in ("H1", "H2"):
            s.records.save("activities", {"code": code, "kind": "Hội nghị, tập huấn",
                                          "task_group": "III.1", "title": "Hội nghị",
                                          "from_date": "01/03/2026", "unit_code": "A", "cost": 1,
                                          "funding": "Ngân sách nhà nước"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE activities SET cost = 5000000000000000000")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s.browse.sums("activities", ("cost",))["cost"] == 10 ** 19
        spent = s.plan.budget_totals(2026)["Tổng cộng"]["spent"]
        assert spent == 10 ** 19
        from tanhoi_desktop.report import yearly_work
        section = yearly_work.budget_section(s, datetime.date(2026, 12, 31), 5)
        assert section.tables[0].rows[-1][-1] == domain.format_dong(10 ** 19)


def test_a_typed_baseline_is_bounded_before_it_is_parsed():
    from tanhoi_desktop.ui.settings_dialog import parse_baseline

    assert parse_baseline("33,3") == "0.333" and parse_baseline("3/6") == "3/6"
    for typed in ("1e-999999999", "9" * 5000, "1/" + "9" * 5000, "Infinity"):
        with pytest.raises(ValueError):
            parse_baseline(typed)
    with pytest.raises(ValueError):
        domain.parse_share("1e-999999999")
    assert domain.parse_share("7.5e-1") == domain.parse_share("3/4")


def test_the_years_work_sums_money_in_python_integers(tmp_path):
    """report --json's work summary: two stored costs of 5 * 10^18 (an older file)."""
    from tanhoi_desktop.figures import plan_work

    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "Phòng A"})
        for code in ("H1", "H2"):
            s.records.save("activities", {"code": code, "kind": "Hội nghị, tập huấn",
                                          "task_group": "III.1", "title": "Hội nghị",
                                          "from_date": "01/03/2026", "unit_code": "A", "cost": 1,
                                          "funding": "Ngân sách nhà nước"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE activities SET cost = 5000000000000000000")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        work = plan_work.summary(s, datetime.date(2026, 11, 15))
    assert work["activities"]["cost"] == 10 ** 19 and work["activities"]["done"] == 2
    assert work["by_group"]["III.1"]["cost"] == 10 ** 19
