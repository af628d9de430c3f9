"""Budget totals per funding source (Mục IV of the plan) in the Kinh phí tab and in both
reports, adding up to the budget table's total."""

import datetime as dt

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import content, period
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

D = dt.date(2026, 11, 15)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sources") / "demo.sqlite"
    with Store.open(path, create=True) as store:
        exchange.apply(exchange.read_workbook(demo_workbook(), store), store)
    return path


def money(text):
    return int(text.replace(".", "")) if text not in ("", "—") else 0


def test_both_reports_total_the_budget_per_funding_source(demo_db):
    with Store.open(demo_db) as store:
        sheet = content.build(store, D)
        gd = period.build(store, D)
    tables = {t.title: t for s in sheet.tasks for t in s.tables}
    budget = next(t for title, t in tables.items() if "Kinh phí thực hiện năm 2026" in title)
    sources = next(t for title, t in tables.items() if "Tổng hợp theo nguồn kinh phí" in title)
    assert [r[0] for r in sources.rows] == [*domain.FUNDING_SOURCES, "Tổng cộng"]
    total = sources.rows[-1]
    assert [money(total[1]), money(total[2])] == [money(budget.rows[-1][3]),
                                                   money(budget.rows[-1][4])]
    for source, estimate, spent in sources.rows[:-1]:  # each source: its lines' sum
        lines = [r for r in budget.rows[:-1] if r[2] == source]
        assert money(estimate) == sum(money(r[3]) for r in lines)
        assert money(spent) == sum(money(r[4]) for r in lines)
    assert money(total[2]) > 0
    by_year = next(t for s in gd.sections for t in s.tables if "theo nguồn" in t.title)
    assert by_year.rows[0][0].startswith("2026")
    assert [r[1:] for r in by_year.rows] == sources.rows


def test_the_budget_tab_shows_the_totals_per_source(demo_db, qtbot, tmp_path):
    import shutil

    from tanhoi_desktop.ui.tabs.budget import BudgetTab

    copy = tmp_path / "b.sqlite"
    shutil.copy(demo_db, copy)
    with Store.open(copy) as store:
        tab = BudgetTab(store)
        qtbot.addWidget(tab)
        tab.fill_years(2026)
        tab.refresh()
        text = tab.by_source.text()
        totals = store.plan.budget_totals(2026)
        assert "Theo nguồn kinh phí năm 2026" in text
        for source in domain.FUNDING_SOURCES:
            if totals[source]["spent"]:
                assert f"{source}: dự toán {domain.format_dong(totals[source]['estimate'])}, " \
                       f"thực hiện {domain.format_dong(totals[source]['spent'])}" in text
        assert (f"Tổng cộng: dự toán {domain.format_dong(tab.model.total['estimate'])}, "
                f"thực hiện {domain.format_dong(tab.model.total['spent'])}") in text
        tab.resize(1000, 600)
        assert not tab.grab().isNull()
