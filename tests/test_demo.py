"""The bundled demo workbook imports cleanly and shows what it was designed to show."""

import datetime as dt
import json
import subprocess
import sys

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import indicators, plan_work
from tanhoi_desktop.resources import demo_workbook


def test_demo_imports_without_problems_and_tells_its_story(store):
    plan = exchange.read_workbook(demo_workbook(), store)
    assert plan.problems == [] and plan.warnings == []
    exchange.apply(plan, store)
    assert 110 <= store.records.count("cadres") <= 130
    f = indicators.compute(store, dt.date(2026, 11, 15))
    assert f["CT1"].met is False
    assert f["CT1_adj"].denominator < f["CT1"].denominator  # a special sector waived
    assert f["CT2"].met is True and f["CT3"].met is False
    in_scope = [u for u in f.units if u.in_scope_ct1]
    assert len(in_scope) == 6
    assert any(u.suggest_special and u.special_sector for u in in_scope)
    assert {u.kind for u in f.units} >= {"Cơ quan QLNN, chính quyền",
                                         "Đơn vị sự nghiệp công lập", "MTTQ, tổ chức CT-XH"}


def test_demo_through_the_command_line(tmp_path):
    db = tmp_path / "demo.sqlite"
    run = [sys.executable, "-m", "tanhoi_desktop"]
    out = subprocess.run([*run, "import", "--db", str(db), str(demo_workbook())],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == ""
    report = subprocess.run([*run, "report", "--db", str(db), "--as-of", "2026-11-15",
                             "--json"], capture_output=True, text=True)
    data = json.loads(report.stdout)
    assert data["indicators"]["CT2"]["met"] is True
    assert len(data["units"]) == 14


def test_demo_has_a_year_of_activities_and_budget(store):
    from tanhoi_desktop import domain

    exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    work = plan_work.compute(store, dt.date(2026, 12, 31))
    groups = work.groups
    assert all(g.done >= 2 for g in groups)  # every task group has work
    assert 18 <= sum(g.done for g in groups) <= 25
    items = [i for g in groups for i in g.items]
    assert {i["kind"] for i in items} == set(domain.ACTIVITY_KINDS)
    inspections = [i for i in items if i["kind"] == domain.INSPECTION]
    assert len(inspections) >= 2 and all(i["findings"] and i["follow_up"]
                                         for i in inspections)
    assert {i["follow_up"] for i in inspections} == set(domain.FOLLOW_UP_STATUSES)
    budget = store.plan.budget_table(2026)
    assert any(r["estimate"] for r in budget)
    assert any(r["spent_activities"] for r in budget) and any(r["spent_courses"]
                                                              for r in budget)
    assert {r["funding"] for r in budget} == set(domain.FUNDING_SOURCES)
