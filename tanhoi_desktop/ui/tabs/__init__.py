"""The main window's tabs. Each tab is a module; TABS lists them in the order shown.

A new tab: write its module (a TabPage widget, see page.py) and add one TabSpec below.
A tab's module is imported when the tab is first shown: a start-up imports the visible
tab's only."""

from __future__ import annotations

from .page import TabContext, TabPage, TabSpec
from .record_table import READS, RecordTable


def _units(ctx: TabContext):
    from .units import UnitsTab  # when the tab is first shown

    return UnitsTab(ctx.store, service=ctx.figures)


def _cadres(ctx: TabContext):
    from .cadres import CadresTab  # when the tab is first shown

    return CadresTab(ctx.store)


def _planning(ctx: TabContext):
    from .planning import PlanningTab  # when the tab is first shown

    return PlanningTab(ctx.store)


def _training(ctx: TabContext):
    from .training import TrainingTab  # when the tab is first shown

    return TrainingTab(ctx.store, figures=ctx.figures)


def _activities(ctx: TabContext):
    from .activities import ActivitiesTab  # when the tab is first shown

    return ActivitiesTab(ctx.store)


def _budget(ctx: TabContext):
    from .budget import BudgetTab  # when the tab is first shown

    return BudgetTab(ctx.store)


def _trajectory(ctx: TabContext):
    from .trajectory import TrajectoryTab  # when the tab is first shown

    return TrajectoryTab(ctx.store, ctx.figures)


TABS: list[TabSpec] = [
    TabSpec("units", "Đơn vị", _units),
    TabSpec("cadres", "Cán bộ", _cadres),
    TabSpec("planning", "Quy hoạch", _planning),
    TabSpec("training", "Đào tạo", _training),
    TabSpec("activities", "Hoạt động", _activities),
    TabSpec("budget", "Kinh phí", _budget),
    TabSpec("trajectory", "Tiến độ", _trajectory),
]

__all__ = ["READS", "TABS", "RecordTable", "TabContext", "TabPage", "TabSpec"]
