"""The main window: the tabs (ui/tabs, built when first shown), the indicator panel and
the menus (ui/menus). Its commands live in mixins, one module per group: file_actions
(the data file), exchange_actions (Excel in and out), tool_actions (tools, printing)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from .banner import BannerBar
from .common import tell
from .exchange_actions import ExchangeActions
from .file_actions import FileActions
from .last_file import MissingFilePage
from .menus import RecentFiles, build_menus
from .report_actions import ReminderBar, ReportActions
from .screen_fit import FitsScreen, fit_window, initial_size, plain_labels
from .tool_actions import ToolActions

if TYPE_CHECKING:
    from ..figures.service import FiguresService
    from ..safety.instance_lock import InstanceLock
    from ..store import Change, Store
    from .indicator_panel import IndicatorPanel
    from .lazy_tabs import LazyTabs
    from .signals import StoreSignals
    from .tabs import RecordTable
    from .welcome import WelcomePage

# What the first paint shows is built here: menus, the two bars (hidden) and a line saying
# which file is being opened. The data layer, the panel, the tabs and the dialogs are
# imported when a file is opened, after that paint (ui/app.run). Nothing here may touch
# the `Qt` namespace before then: its Python type alone, ~95 enums, costs ~20 ms.

APP_TITLE = "Theo dõi bình đẳng giới"


class MainWindow(FitsScreen, FileActions, ExchangeActions, ToolActions, ReportActions,
                 QMainWindow):
    plain_text_labels = False  # the panel and each tab as built (_build_views, _prepare_tab)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.qsettings = settings or QSettings()
        self.store: Store | None = None
        self.signals: StoreSignals | None = None
        self.lock: InstanceLock | None = None
        self.checkpointer = None  # ui.checkpointing.Checkpointer of a file open to write
        self.demo = False
        self.demo_made_through: int | None = None  # the demo's last audit entry (open_demo)
        self.tabs: LazyTabs | None = None
        self.welcome: WelcomePage | None = None
        self.panel: IndicatorPanel | None = None
        self.figures: FiguresService | None = None  # made with the views of a file

        self.banner_bar = BannerBar()
        self.banner = self.banner_bar.label
        self.reopen_button = self.banner_bar.reopen_button
        self.copy_here_button = self.banner_bar.copy_here_button
        self.reopen_button.clicked.connect(self.reopen_for_writing)
        self.copy_here_button.clicked.connect(self.copy_here_and_open)
        self.reminder_bar = ReminderBar()
        self._connect_reminder()
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner_bar)
        layout.addWidget(self.reminder_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.opening = QLabel()  # "Đang mở tệp …" until the file is open
        self.opening.setObjectName("opening")
        # (alignment through the style sheet: the Qt.AlignmentFlag enum would need `Qt`)
        self.opening.setStyleSheet("color: #555; font-size: 11pt; "
                                   "qproperty-alignment: AlignCenter;")
        self.stack.addWidget(self.opening)
        self.dock = None  # the indicator panel's, made with the first panel
        self.recent_menu = build_menus(self)
        self.recent = RecentFiles(self.recent_menu, self.qsettings, self.open_store)
        self.resize(initial_size(self))
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)  # from another screen, perhaps a larger one
        fit_window(self)
        self._update_title()
        self._update_undo_actions()  # nothing to undo before a file is open

    def closeEvent(self, event: QCloseEvent) -> None:
        operations = sys.modules.get("tanhoi_desktop.ui.operations")  # (loaded by one)
        if operations is not None and operations.busy():
            # its worker reads or writes the file: it ends first (or is cancelled)

            tell(self, "Chưa đóng được", "Đang có một việc chạy dở (nhập, xuất, in, sao lưu "
                 "hoặc khôi phục). Hãy đợi việc đó xong, hoặc bấm «Hủy» ở hộp tiến độ, rồi "
                 "đóng chương trình.")
            event.ignore()
            return
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.close_store()
        super().closeEvent(event)

    # -- views --------------------------------------------------------------------------

    def show_opening(self, name: str, *, demo: bool = False) -> None:
        """No file open yet: which file is coming (the first paint of a start-up)."""
        self.opening.setText("Đang mở dữ liệu mẫu…" if demo else
                             f"Đang mở tệp dữ liệu «{name}»…")
        self.stack.setCurrentWidget(self.opening)

    def show_no_file(self) -> None:
        """The start-up's file could not be opened (and the user was told why)."""
        self.opening.setText("Chưa mở tệp dữ liệu nào.\nChọn Tệp → Mở tệp dữ liệu… hoặc "
                             "Tệp → Tạo tệp dữ liệu mới…")
        self.stack.setCurrentWidget(self.opening)

    def show_missing_file(self, path) -> None:
        """The last file used is not where it was: say where, offer the recent ones."""

        page = MissingFilePage(path, self.recent.paths(), self.open_store, self.open_file,
                               self.new_file)
        page.setObjectName("missing_file")
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _indicator_dock(self):
        if self.dock is None:
            from PySide6.QtCore import Qt  # the Qt namespace: ~20 ms, not at start-up
            from PySide6.QtWidgets import QDockWidget  # a Qt type costs on first import

            self.dock = QDockWidget("Chỉ tiêu", self)
            self.dock.setObjectName("indicator_dock")
            self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        return self.dock

    def _build_views(self) -> None:
        from ..figures.service import FiguresService  # figures: after the first paint
        from .indicator_panel import IndicatorPanel, scrolling  # after the first paint
        from .lazy_tabs import LazyTabs  # after the first paint
        from .tabs import TABS, TabContext  # after the first paint
        from .welcome import WelcomePage  # after the first paint

        store = self.store
        while self.stack.count() > 1:  # all but the "Đang mở" line
            widget = self.stack.widget(1)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        dock = self._indicator_dock()
        old_panel = dock.widget()
        if self.figures is not None:
            self.figures.close()
        self.figures = FiguresService(store, self, watch=True)
        self.figures.changed_elsewhere.connect(self._changed_elsewhere)
        self.panel = IndicatorPanel(store, service=self.figures)
        self.panel.drill.connect(self.show_drill)
        self.panel.show_gap.connect(lambda: self.show_tab("training").show_gap())
        self.panel.date_changed.connect(self._date_changed)
        dock.setWidget(scrolling(self.panel))

        plain_labels(self.panel)  # unit names in its cards are data, never markup
        if old_panel is not None:
            old_panel.deleteLater()
        state = self.qsettings.value("view/window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        context = TabContext(store, figures=self.figures, open_record=self.open_record)
        self.tabs = LazyTabs(TABS, context, self._prepare_tab)
        self.tabs.current_page()  # the visible tab only; the others when first shown
        self.stack.addWidget(self.tabs)
        self.welcome = None  # only an empty file shows it
        if store.records.is_empty() and not store.read_only:
            self.welcome = WelcomePage(self.import_workbook, self.open_demo,
                                       self.start_entering, self)
            self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome or self.tabs)
        self._new_history()
        # the keyboard starts where work starts: the first way to begin, or the search
        table = self.current_table()
        focus = self.welcome.import_button if self.welcome else table.search if table else None
        if focus is not None:
            focus.setFocus()

    def _prepare_tab(self, page) -> None:
        """A tab just built: its remembered columns first (the tables then load once)."""

        plain_labels(page)  # names in its labels are data, never markup
        page.restore_state(self.qsettings)
        page.set_as_of(self.panel.as_of())

    def tab(self, key: str):
        """The tab `key` of ui/tabs.TABS (built if it was not yet)."""
        return self.tabs.page(key)

    def show_tab(self, key: str):
        self.stack.setCurrentWidget(self.tabs)
        return self.tabs.show_page(key)

    units_tab = property(lambda self: self.tab("units"))
    cadres_tab = property(lambda self: self.tab("cadres"))
    planning_tab = property(lambda self: self.tab("planning"))
    training_tab = property(lambda self: self.tab("training"))

    def _tabs(self) -> list:
        """The tabs built so far: the others read the store when first shown."""
        return self.tabs.built() if self.tabs is not None else []

    def _tables(self) -> list[RecordTable]:
        return [table for tab in self._tabs() for table in tab.tables()]

    def _store_changed(self, change: Change) -> None:
        """The one path after every write: panel, then the tables that read what changed."""
        if self.panel is not None:
            self.panel.recompute()
        for tab in self._tabs():
            tab.on_change(change)
        self.refresh_reminder(change)
        if self.store is not None and self.welcome is not None \
                and self.stack.currentWidget() is self.welcome \
                and not self.store.records.is_empty():
            self.stack.setCurrentWidget(self.tabs)
        if "settings" in change.tables:
            self._update_title()

    # what the window says once after another program wrote the file it shows
    CHANGED_ELSEWHERE = ("Tệp dữ liệu vừa được một chương trình khác thay đổi. Các bảng và "
                         "chỉ tiêu đã được cập nhật theo dữ liệu mới.")

    def _changed_elsewhere(self) -> None:
        """Another program committed to the file: everything shown is read again."""
        from ..store import Change, StoreError  # data layer: after the first paint

        if self.store is None:
            return
        try:
            tables = self.store.table_names()
        except StoreError:
            return  # the file cannot be read: said when it is next used
        self._store_changed(Change(tables=tables))
        self.statusBar().showMessage(self.CHANGED_ELSEWHERE, 20000)

    def _date_changed(self, day: dt.date) -> None:
        for tab in self._tabs():
            tab.set_as_of(day)

    def _update_title(self) -> None:
        parts = [APP_TITLE]
        if self.store is not None:
            commune = self.store.settings.read().get("commune_name", "")
            if commune:
                parts.append(f"xã {commune}")
            parts.append(self.store.path.name)
            if self.demo:
                parts.append("DỮ LIỆU MẪU")
            if self.store.read_only:
                parts.append("CHỈ ĐỌC")
        self.setWindowTitle(" — ".join(parts))

    def _save_view_state(self) -> None:
        if self.tabs is None:
            return
        self.qsettings.setValue("view/window_state", self.saveState())
        for tab in self._tabs():
            tab.save_state(self.qsettings)

    def current_table(self) -> RecordTable | None:
        if self.tabs is None or self.stack.currentWidget() is not self.tabs:
            return None
        page = self.tabs.current_page()
        return page.current_table() if page is not None else None

    # -- actions: records ----------------------------------------------------------------

    # -- undo and redo (ui/undo) --------------------------------------------------------

    def _new_history(self) -> None:
        """A file's own undo history, from its opening: another file starts a new one."""
        from PySide6.QtGui import QUndoStack  # a Qt type costs on first import

        old = getattr(self, "undo_stack", None)
        self.undo_stack = QUndoStack(self)
        if old is not None:
            old.deleteLater()
        stack = self.undo_stack
        stack.canUndoChanged.connect(self._update_undo_actions)
        stack.canRedoChanged.connect(self._update_undo_actions)
        stack.indexChanged.connect(self._update_undo_actions)
        self._update_undo_actions()

    def _update_undo_actions(self, *_changed) -> None:
        stack = getattr(self, "undo_stack", None)
        try:
            stack is not None and stack.count()
        except RuntimeError:  # the window is closing: its history is gone already
            return
        writable = self.store is not None and not self.store.read_only
        for action, can, text, verb in (
                (self.act_undo, stack and stack.canUndo(), stack and stack.undoText(),
                 "Hoàn tác"),
                (self.act_redo, stack and stack.canRedo(), stack and stack.redoText(),
                 "Làm lại")):
            action.setEnabled(bool(can) and writable)
            action.setText(f"{verb}: {text}" if can and text else verb)

    def undo(self) -> None:
        stack = getattr(self, "undo_stack", None)
        if stack is not None and stack.canUndo() and self.store is not None \
                and not self.store.read_only and not self._busy_writing():
            step = stack.command(stack.index() - 1)
            if hasattr(step, "run_on_worker"):  # an import: perhaps large
                step.run_on_worker(self, stack, undoing=True)
            else:
                stack.undo()

    def redo(self) -> None:
        stack = getattr(self, "undo_stack", None)
        if stack is not None and stack.canRedo() and self.store is not None \
                and not self.store.read_only and not self._busy_writing():
            step = stack.command(stack.index())
            if hasattr(step, "run_on_worker"):
                step.run_on_worker(self, stack, undoing=False)
            else:
                stack.redo()

    def _busy_writing(self) -> bool:
        """An operation (an import, a restore) is at work on the file: an undo waits for
        it, rather than failing on its lock and losing the step."""

        operations = sys.modules.get("tanhoi_desktop.ui.operations")  # (loaded by one)
        if operations is None or not operations.busy():
            return False
        self.statusBar().showMessage("Đang có một việc chạy dở (nhập, xuất, in, sao lưu hoặc "
                                     "khôi phục): hãy hoàn tác sau khi việc đó xong.", 10000)
        return True

    def add_record(self) -> None:
        table = self.current_table()
        if table is not None and not self.store.read_only:
            table.add()

    def edit_record(self) -> None:
        table = self.current_table()
        if table is not None:
            table.edit_current()

    def delete_record(self) -> None:
        table = self.current_table()
        if table is not None:
            table.delete_current()

    def focus_search(self) -> None:
        table = self.current_table()
        if table is not None:
            table.search.setFocus()
            table.search.selectAll()

    def start_entering(self) -> None:
        self.show_tab("units").add()

    def show_drill(self, key: str) -> None:
        figures = self.panel.figures_now() if self.panel is not None else None
        if figures is None:
            return
        from .drill_dialog import DrillDialog  # on first use

        dialog = DrillDialog(self.store, key, figures, self)
        dialog.open_record.connect(self.open_record)
        dialog.exec()

    def open_record(self, entity: str, record_id: int) -> None:
        from .record_dialog import RecordDialog  # on first use

        RecordDialog(self.store, entity, record_id, None, self).exec()
