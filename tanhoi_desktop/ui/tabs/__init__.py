"""The main window's tabs. Each tab is a module; TABS lists them in the order shown.

A new tab: write its module (a TabPage widget, see page.py) and add one TabSpec below."""

from __future__ import annotations

from .cadres import CadresTab
from .page import TabContext, TabPage, TabSpec
from .planning import PlanningTab
from .record_table import LABELS, READS, RecordTable
from .training import TrainingTab
from .trajectory import TrajectoryTab
from .units import UnitsModel, UnitsTab

TABS: list[TabSpec] = [
    TabSpec("units", "Đơn vị", lambda ctx: UnitsTab(ctx.store, figures=ctx.figures)),
    TabSpec("cadres", "Cán bộ", lambda ctx: CadresTab(ctx.store)),
    TabSpec("planning", "Quy hoạch", lambda ctx: PlanningTab(ctx.store)),
    TabSpec("training", "Đào tạo", lambda ctx: TrainingTab(ctx.store)),
    TabSpec("trajectory", "Tiến độ", lambda ctx: TrajectoryTab(ctx.store, ctx.figures)),
]

__all__ = ["LABELS", "READS", "TABS", "CadresTab", "PlanningTab", "RecordTable", "TabContext",
           "TabPage", "TabSpec", "TrainingTab", "TrajectoryTab", "UnitsModel", "UnitsTab"]
