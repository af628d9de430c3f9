"""The trajectory (spec/indicators.md, Trajectory): the figures on 31/12 of each plan year
up to d and on d, the baseline and milestones, the target, and the closed values."""

import datetime as dt
from fractions import Fraction

import pytest

from tanhoi_desktop.figures import indicators, trajectory

D = dt.date(2028, 6, 30)


def plan_story(store):
    """Two units in CT1's scope. A woman of A becomes its head on 01/03/2027: CT1 is 0/2
    at the baseline and at the end of 2026, then 1/2."""
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("units", {"code": "B", "name": "Phòng Kinh tế"})
    for code, name, gender, unit in [("c1", "Nguyễn Thị Hồng", "Nữ", "A"),
                                     ("c2", "Trần Văn Bình", "Nam", "B")]:
        store.records.save("cadres", {"code": code, "full_name": name, "gender": gender,
                                      "unit_code": unit, "from_date": "2020-01-01"})
    store.records.save("posts", {"cadre_code": "c2", "unit_code": "B", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng", "from_date": "2020-01-01"})
    store.records.save("posts", {"cadre_code": "c1", "unit_code": "A", "title": "Trưởng phòng",
                                 "level": "Cấp trưởng", "from_date": "2027-03-01"})


def values(series):
    return [(p.day, p.value) for p in series.points]


def test_one_point_per_year_end_before_d_then_d(store):
    plan_story(store)
    traj = trajectory.build(store, D)
    ct1 = traj["CT1"]
    assert values(ct1) == [(dt.date(2026, 12, 31), 0), (dt.date(2027, 12, 31), Fraction(1, 2)),
                           (D, Fraction(1, 2))]
    assert ct1.baseline == 0 and not ct1.baseline_typed
    assert traj.baseline_day == dt.date(2025, 12, 31)
    assert ct1.change == Fraction(1, 2)
    # the figures are those of indicators.compute on each date
    for p in ct1.points:
        assert p.indicator.counts == indicators.compute(store, p.day)["CT1"].counts


def test_milestones_run_from_the_baseline_to_the_target(store):
    plan_story(store)
    ct1 = trajectory.build(store, D)["CT1"]
    step = Fraction(3, 4) / 5
    assert ct1.milestones == tuple((2025 + i, step * i) for i in range(1, 6))
    assert ct1.target == Fraction(3, 4)
    # each point is judged against its own year's milestone
    assert [p.indicator.status for p in ct1.points] == [
        indicators.BEHIND, indicators.ON_TRACK, indicators.ON_TRACK]
    assert [p.indicator.milestone for p in ct1.points] == [step, 2 * step, 3 * step]


def test_a_typed_baseline_moves_the_milestones(store):
    plan_story(store)
    store.settings.save({"baseline_ct1": "1/4"})
    ct1 = trajectory.build(store, D)["CT1"]
    assert ct1.baseline == Fraction(1, 4) and ct1.baseline_typed
    assert ct1.baseline_computed.ratio == 0  # still shown beside it
    assert ct1.milestone(2026) == Fraction(1, 4) + (Fraction(3, 4) - Fraction(1, 4)) / 5


def test_a_closed_year_keeps_its_reported_value_and_shows_a_late_correction(store):
    plan_story(store)
    indicators.close_year(store, 2026, dt.date(2026, 12, 31))
    point = trajectory.build(store, D)["CT1"].points[0]
    assert point.closed.year == 2026 and point.reported.counts == (0, 2)
    assert not point.differs
    # a late correction: the post of c1 really began in 2026
    post = next(r for r in store.browse.page("posts") if r["unit_code"] == "A")
    store.records.save("posts", {**store.records.get("posts", post["id"]),
                                 "from_date": "2026-06-01"},
                       post["id"])
    point = trajectory.build(store, D)["CT1"].points[0]
    assert point.reported.counts == (0, 2)  # as reported, frozen
    assert point.indicator.counts == (1, 2)  # today's data for that date
    assert point.differs and point.shown is point.reported


def test_a_close_on_another_day_is_a_point_of_its_own(store):
    plan_story(store)
    indicators.close_year(store, 2027, dt.date(2027, 11, 15))
    days = [p.day for p in trajectory.build(store, D)["CT2"].points]
    assert days == [dt.date(2026, 12, 31), dt.date(2027, 11, 15), dt.date(2027, 12, 31), D]
    assert trajectory.days(store, D) == [dt.date(2025, 12, 31), *days]


def test_one_computation_per_date_and_the_panels_figures_reused(store, monkeypatch):
    plan_story(store)
    calls = []  # the dates the figures are computed for (each computation reads the pool)
    real = store.figures.pool_counts
    monkeypatch.setattr(store.figures, "pool_counts", lambda d, *a: calls.append(d) or real(d, *a))
    late = dt.date(2030, 6, 30)
    trajectory.build(store, late)
    assert sorted(calls) == [d.isoformat() for d in trajectory.days(store, late)]
    assert len(calls) == 6  # six dates, six computations
    calls.clear()
    at_base = indicators.baseline_figures(store)
    current = indicators.compute(store, late,
                                 baseline=indicators.baseline_from(store.settings.read(), at_base))
    assert len(calls) == 2  # the day before the plan, then d
    calls.clear()
    traj = trajectory.build(store, late, current=current, at_base=at_base)
    # d and the day before the plan are the caller's (the figures service keeps them):
    # one computation per year end
    assert late.isoformat() not in calls and len(calls) == 4
    assert at_base.as_of.isoformat() not in calls
    assert traj["CT2"].last.indicator.counts == current["CT2"].counts


@pytest.mark.parametrize("as_of", [dt.date(2025, 12, 31), dt.date(2025, 6, 1)])
def test_a_date_before_the_plan_gives_one_point(store, as_of):
    plan_story(store)
    traj = trajectory.build(store, as_of)
    assert [p.day for p in traj["CT1"].points] == [as_of]


def test_undefined_figures_stay_undefined(store):
    traj = trajectory.build(store, D)  # an empty file
    for key in trajectory.KEYS:
        s = traj[key]
        assert s.baseline is None and s.milestones == () and s.change is None
        assert all(p.value is None for p in s.points)
        assert s.last.indicator.status == indicators.NO_DATA
