"""Baseline, milestones, statuses, CT1 national and the yearly close (spec/indicators.md)."""

import datetime as dt
import sqlite3
from fractions import Fraction

import pytest

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.safety.audit_export import describe, row_of
from tanhoi_desktop.store import Store, StoreError
from tanhoi_desktop.store.schema import SCHEMA_V1, SCHEMA_V2

from .test_indicators import cadre, post, unit

D27 = dt.date(2027, 11, 15)


def _five_units_one_led_by_a_woman_since_2025(store):
    for code in "ABCDE":
        unit(store, code, from_date="2024-01-01")
        cadre(store, f"C{code}", code, female=False, from_date="2024-01-01")
    cadre(store, "w", "A", from_date="2024-01-01")
    post(store, "w", "A", from_date="2025-06-01")


def test_baseline_is_the_figure_on_the_day_before_plan_start(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    cadre(store, "w2", "B", from_date="2026-02-01")
    post(store, "w2", "B", "Cấp phó", from_date="2026-03-01")  # after the baseline day
    assert indicators.baseline(store)["CT1"] == Fraction(1, 5)
    f = indicators.compute(store, D27)
    # m(2027) = 1/5 + (3/4 - 1/5) * (2027 - 2025) / (2030 - 2025) = 21/50
    assert f["CT1"].milestone == Fraction(21, 50)
    assert f["CT1"].ratio == Fraction(2, 5) and f["CT1"].status == "Chậm tiến độ"
    cadre(store, "w3", "C", from_date="2026-02-01")
    post(store, "w3", "C", from_date="2027-01-01")
    f = indicators.compute(store, D27)
    assert f["CT1"].ratio == Fraction(3, 5) and f["CT1"].status == "Đúng tiến độ"
    assert f.as_json()["indicators"]["CT1"]["milestone"] == 21 / 50
    assert f.as_json()["indicators"]["CT1"]["baseline"] == 0.2


def test_a_correction_of_history_moves_the_baseline_at_once(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    assert indicators.compute(store, D27)["CT1"].milestone == Fraction(21, 50)
    cadre(store, "w2", "B", from_date="2024-01-01")
    post(store, "w2", "B", from_date="2025-01-01")  # a post held since 2025, entered late
    assert indicators.baseline(store)["CT1"] == Fraction(2, 5)
    # m(2027) = 2/5 + (3/4 - 2/5) * 2/5 = 27/50
    assert indicators.compute(store, D27)["CT1"].milestone == Fraction(27, 50)


def test_a_typed_baseline_overrides_the_computed_one(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    store.settings.save({"baseline_ct1": "1/2"})
    assert indicators.baseline(store)["CT1"] == Fraction(1, 2)
    assert indicators.baseline(store)["CT1_adj"] == Fraction(1, 5)  # not typed: computed
    assert indicators.computed_baseline(store)["CT1"] == Fraction(1, 5)
    # m(2027) = 1/2 + (3/4 - 1/2) * 2/5 = 3/5
    assert indicators.compute(store, D27)["CT1"].milestone == Fraction(3, 5)
    store.settings.save({"baseline_ct1": ""})
    assert indicators.compute(store, D27)["CT1"].milestone == Fraction(21, 50)


def test_plan_start_moves_the_baseline_day_and_its_year(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    cadre(store, "w2", "B", from_date="2024-01-01")
    post(store, "w2", "B", from_date="2026-06-01")
    store.settings.save({"plan_start": "2027-01-01"})  # baseline 31/12/2026: 2/5, y0 2026
    plan_ = indicators.plan_settings(store.settings.read())
    assert plan_.baseline_date == dt.date(2026, 12, 31)
    assert indicators.baseline(store)["CT1"] == Fraction(2, 5)
    # m(2027) = 2/5 + (3/4 - 2/5) * 1/4 = 39/80
    assert indicators.compute(store, D27)["CT1"].milestone == Fraction(39, 80)
    # in the baseline's own year there is no milestone yet
    assert indicators.compute(store, dt.date(2026, 11, 15))["CT1"].status == "Chưa có mốc"


def test_the_five_statuses(store):
    f = indicators.compute(store, D27)
    assert {f[k].status for k in indicators.KEYS} == {"Chưa có dữ liệu"}
    unit(store, "A", from_date="2026-05-01")  # not there on the baseline day
    cadre(store, "m", "A", female=False)
    f = indicators.compute(store, D27)
    assert f["CT1"].ratio == 0 and f["CT1"].milestone is None
    assert f["CT1"].status == "Chưa có mốc"
    cadre(store, "w", "A")
    post(store, "w", "A")
    assert indicators.compute(store, D27)["CT1"].status == "Đạt"
    assert set(indicators.STATUSES) == {"Đạt", "Đúng tiến độ", "Chậm tiến độ", "Chưa có mốc",
                                        "Chưa có dữ liệu", "Chưa đạt"}


@pytest.mark.parametrize(("year", "expected"), [
    (2025, None), (2026, Fraction(1, 5) + Fraction(11, 20) / 5), (2030, Fraction(3, 4)),
    (2031, Fraction(3, 4)), (2035, Fraction(3, 4))])  # after the target year: the target
def test_milestone_value(year, expected):
    assert indicators.milestone_value(Fraction(1, 5), Fraction(3, 4), year, 2025, 2030) == \
        expected
    assert indicators.milestone_value(None, Fraction(3, 4), year, 2025, 2030) is None


@pytest.mark.parametrize("year", [2026, 2027, 2030, 2032])
def test_the_target_is_a_floor_a_baseline_above_it_stays_there(year):
    # CT1 điều chỉnh at 4/5 on the baseline day against a 75 % target: the milestones
    # no longer run downward (mốc 2026 was 79,0 %), every year asks for the target
    assert indicators.milestone_value(Fraction(4, 5), Fraction(3, 4), year, 2025, 2030) == \
        Fraction(3, 4)
    assert indicators.milestone_value(Fraction(3, 4), Fraction(3, 4), year, 2025, 2030) == \
        Fraction(3, 4)
    assert indicators.milestone_value(Fraction(4, 5), Fraction(3, 4), 2025, 2025, 2030) is None


def test_below_the_target_after_the_target_year_is_not_met(store):
    _five_units_one_led_by_a_woman_since_2025(store)  # baseline 1/5, target 3/4
    on_time = indicators.compute(store, dt.date(2030, 12, 31))["CT1"]
    assert on_time.milestone == Fraction(3, 4) and on_time.status == "Chậm tiến độ"
    late = indicators.compute(store, dt.date(2031, 3, 1))
    assert late["CT1"].milestone == Fraction(3, 4)
    assert late["CT1"].status == "Chưa đạt"
    assert late.as_json()["indicators"]["CT1"]["status"] == "Chưa đạt"
    for code in "BCD":
        cadre(store, f"w{code}", code, from_date="2024-01-01")
        post(store, f"w{code}", code, from_date="2031-01-01")
    assert indicators.compute(store, dt.date(2031, 3, 1))["CT1"].status == "Đạt"


def test_a_figure_above_its_target_on_the_baseline_day_is_asked_to_stay_there(store):
    for code in "ABCD":
        unit(store, code, from_date="2024-01-01")
        cadre(store, f"w{code}", code, from_date="2024-01-01")
        post(store, f"w{code}", code, from_date="2024-06-01")
    unit(store, "E", from_date="2024-01-01")
    cadre(store, "m", "E", female=False, from_date="2024-01-01")
    assert indicators.baseline(store)["CT1"] == Fraction(4, 5)
    # a woman leaves A in 2026: 3/5 = 60 % is below the target, behind its milestone
    post_a = next(r for r in store.browse.page("posts") if r["unit_code"] == "A")
    store.records.save("posts", {**store.records.get("posts", post_a["id"]),
                                 "to_date": "2026-03-31"},
                       post_a["id"])
    f = indicators.compute(store, dt.date(2026, 11, 15))
    assert f["CT1"].milestone == Fraction(3, 4) and f["CT1"].status == "Chậm tiến độ"


def test_baseline_is_kept_by_the_figures_service_until_the_data_change(store, monkeypatch):
    from tanhoi_desktop.figures.service import FiguresService

    _five_units_one_led_by_a_woman_since_2025(store)
    calls = []
    real = store.figures.pool_counts
    monkeypatch.setattr(store.figures, "pool_counts", lambda *a: calls.append(a[0]) or real(*a))
    service = FiguresService(store)
    service.figures_now(D27)
    service.figures_now(dt.date(2028, 1, 1))
    assert calls.count("2025-12-31") == 1  # the second date reused the baseline
    unit(store, "F")
    service.figures_now(D27)
    assert calls.count("2025-12-31") == 2
    base = indicators.baseline(store)
    indicators.compute(store, dt.date(2028, 1, 1), baseline=base)
    assert calls.count("2025-12-31") == 3  # baseline() computed it; compute() did not


def test_old_plan_start_year_becomes_plan_start(tmp_path):
    path = tmp_path / "v2.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.executescript(SCHEMA_V2)
    conn.execute("INSERT INTO settings VALUES ('plan_start_year', '2027')")
    conn.execute("PRAGMA application_id = 0x54483232")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s.settings.read()["plan_start"] == "2027-01-01"
        assert "plan_start_year" not in s.settings.read()
    assert indicators.plan_settings({"plan_start_year": "2028"}).plan_start == \
        dt.date(2028, 1, 1)


# --- CT1 national -----------------------------------------------------------------------

def test_ct1_national_counts_only_hdnd_and_ubnd(store):
    unit(store, "HD", role="HĐND")
    unit(store, "UB", role="UBND", in_scope=False)
    unit(store, "VP")
    cadre(store, "w", "UB")
    post(store, "w", "UB")
    cadre(store, "v", "VP")
    post(store, "v", "VP")
    f = indicators.compute(store, D27)
    assert f["CT1_national"].counts == (1, 2)
    assert f["CT1_national"].status == "" and f["CT1_national"].met is None
    assert f.as_json()["indicators"]["CT1_national"] == {"numerator": 1, "denominator": 2,
                                                          "value": 0.5}
    assert f["CT1"].counts == (1, 2)  # HĐND and VP are in scope
    assert {u.code: u.role for u in f.units} == {"HD": "HĐND", "UB": "UBND", "VP": None}


def test_role_is_matched_loosely_and_checked(store):
    unit(store, "HD", role="hdnd")
    assert next(store.records.iter_records("units"))["role"] == "HĐND"
    with pytest.raises(Exception) as err:
        unit(store, "X", role="Đảng ủy")
    assert "không thuộc danh mục" in str(err.value)


# --- yearly close ------------------------------------------------------------------------

def test_close_freezes_the_year_and_a_late_correction_shows(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    store.settings.save({"entered_by": "Nguyễn Thị Lan"})
    closed = indicators.close_year(store, 2026, dt.date(2026, 12, 31))
    assert closed.indicators["CT1"] == (1, 5) and closed.closed_by == "Nguyễn Thị Lan"
    assert closed.counts["units"] == 5 and closed.counts["cadres"] == 6
    assert closed.closed_at[:4] == str(dt.date.today().year)
    assert [c.year for c in indicators.closed_years(store)] == [2026]
    now = indicators.compute(store, closed.as_of)
    assert indicators.corrections(closed, now) == {}
    # a post held since 2025 is entered late: the reported 2026 figure stays, the difference
    # is there to explain
    cadre(store, "w2", "B", from_date="2024-01-01")
    post(store, "w2", "B", from_date="2025-01-01")
    again = indicators.closed_years(store)[0]
    assert again.indicators["CT1"] == (1, 5)
    now = indicators.compute(store, again.as_of)
    assert indicators.corrections(again, now)["CT1"] == ((1, 5), (2, 5))
    with pytest.raises(StoreError) as err:
        indicators.close_year(store, 2026, dt.date(2026, 12, 31))
    assert "đã được chốt" in err.value.message
    assert indicators.closed_years(store)[0].indicators["CT1"] == (1, 5)


def test_reopen_is_explicit_and_in_the_audit_trail(store):
    _five_units_one_led_by_a_woman_since_2025(store)
    indicators.close_year(store, 2026, dt.date(2026, 12, 15))
    indicators.reopen_year(store, 2026)
    assert indicators.closed_years(store) == []
    trail = store.audit.entries(table="snapshots")
    assert [e["action"] for e in trail][:2] == ["reopen", "snapshot"]
    assert trail[0]["before"]["CT1"] == "20,0 % (1/5)"  # what had been reported, in words
    assert trail[0]["before"]["Ngày chốt số liệu"] == "2026-12-15"
    assert trail[1]["after"]["CT1 điều chỉnh"] == "20,0 % (1/5)"
    assert "Ngày chốt số liệu: 15/12/2026; CT1: 20,0 % (1/5)" in describe(trail[0]["before"])
    assert row_of(trail[0])[3] == "Mở lại năm đã chốt"
    closed = indicators.close_year(store, 2026, dt.date(2026, 12, 31))
    assert closed.as_of == dt.date(2026, 12, 31)
    with pytest.raises(StoreError):
        indicators.reopen_year(store, 2025)


def test_a_close_date_must_lie_in_its_year(store):
    with pytest.raises(ValueError):
        indicators.close_year(store, 2026, dt.date(2027, 1, 1))
    assert indicators.closed_years(store) == []


def test_close_keeps_the_waived_units(store):
    unit(store, "A", special=True)
    cadre(store, "m", "A", female=False)
    unit(store, "B")
    closed = indicators.close_year(store, 2026, dt.date(2026, 12, 31))
    assert closed.waived == (indicators.WaivedUnit("A", "Đơn vị A", 1, 0),)
    assert closed.indicators["CT1_adj"] == (0, 1)
    cadre(store, "w", "A")  # a late correction: A is no longer below 30 %
    assert indicators.closed_years(store)[0].waived[0].share == 0  # as reported
    assert closed.indicators["CT1_national"] == (0, 0)


def test_default_close_date():
    assert indicators.default_close_date(2026, dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
    assert indicators.default_close_date(2025, dt.date(2026, 12, 1)) == dt.date(2025, 12, 31)


# --- the unit role in the exchange workbook --------------------------------------------

def test_vai_tro_column_is_optional_and_read_loosely(store, tmp_path):
    from openpyxl import Workbook, load_workbook

    from tanhoi_desktop.exchange import workbook as exchange

    def book(path, header, rows):
        wb = Workbook()
        ws = wb.active
        ws.title = "Đơn vị"
        ws.append(header)
        for row in rows:
            ws.append(row)
        wb.save(path)
        return path

    first = book(tmp_path / "a.xlsx", ["Mã đơn vị", "Tên đơn vị", "vai tro"],
                 [["HD", "Hội đồng nhân dân xã", "hđnd"], ["UB", "Ủy ban nhân dân xã", " UBND "],
                  ["VP", "Văn phòng", None]])
    plan_ = exchange.read_workbook(first, store)
    assert plan_.problems == []
    exchange.apply(plan_, store)
    roles = {u["code"]: u["role"] for u in store.records.iter_records("units")}
    assert roles == {"HD": "HĐND", "UB": "UBND", "VP": None}
    # a workbook without the column leaves the roles alone
    second = book(tmp_path / "b.xlsx", ["Mã đơn vị", "Tên đơn vị"], [["HD", "HĐND xã"]])
    exchange.apply(exchange.read_workbook(second, store), store)
    assert {u["code"]: u["role"] for u in store.records.iter_records("units")}["HD"] == "HĐND"
    bad = book(tmp_path / "c.xlsx", ["Mã đơn vị", "Tên đơn vị", "Vai trò"],
               [["X", "Đảng ủy", "Đảng ủy"]])
    problems = exchange.read_workbook(bad, store).problems
    assert len(problems) == 1 and "Vai trò" in problems[0]
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(store, out)
    ws = load_workbook(out)["Đơn vị"]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    col = header.index("Vai trò")
    values = {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert values["HD"] == "HĐND" and values["UB"] == "UBND"


def test_after_an_edit_the_panel_and_the_chart_compute_the_baseline_once(store, monkeypatch):
    _five_units_one_led_by_a_woman_since_2025(store)
    calls = []
    real = store.figures.pool_counts
    monkeypatch.setattr(store.figures, "pool_counts", lambda *a: calls.append(a[0]) or real(*a))
    from tanhoi_desktop.figures.service import DAY, TRAJECTORY, FiguresService

    service = FiguresService(store)
    service.now(DAY, D27)
    unit(store, "F")  # an edit: whatever was kept no longer holds
    calls.clear()
    service.now(DAY, D27)  # the panel
    traj = service.now(TRAJECTORY, D27)  # the chart
    assert traj["CT1"].last.value.denominator == 6
    assert calls.count("2025-12-31") == 1 and calls.count("2027-11-15") == 1
    assert sorted(set(calls)) == ["2025-12-31", "2026-12-31", "2027-11-15"]
