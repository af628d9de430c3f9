"""The main window: four tabs, the indicator panel, the File menu and friends."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import backups, indicators
from ..instance_lock import InstanceLock, is_network_path
from ..resources import demo_workbook
from ..store import Change, Store, StoreError, can_write
from .common import ask, inform, tell
from .indicator_panel import IndicatorPanel
from .signals import StoreSignals
from .tabs import CadresTab, PlanningTab, RecordTable, TrainingTab, UnitsTab

# The dialogs are imported where they open: a start-up does not pay for them.

APP_TITLE = "Theo dõi bình đẳng giới"
MAX_RECENT = 8
XLSX_FILTER = "Tệp Excel (*.xlsx)"
DATA_FILTER = "Tệp dữ liệu (*.sqlite *.db);;Mọi tệp (*)"


class ProblemsDialog(QDialog):
    """Every problem of a refused workbook, in a box the user can copy from."""

    def __init__(self, problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tệp Excel có lỗi: chưa nhập gì")
        intro = QLabel(f"Tệp có {len(problems)} lỗi. Chưa có dữ liệu nào được ghi. Hãy sửa "
                       "các ô dưới đây trong Excel rồi nhập lại.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(problems))
        self.text.setReadOnly(True)
        copy = QPushButton("Sao chép danh sách lỗi")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


class WelcomePage(QWidget):
    """First start on an empty file: three ways to begin."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        title = QLabel("<h2>Chào mừng đến với chương trình theo dõi bình đẳng giới</h2>"
                       "<p>Tệp dữ liệu còn trống. Chọn cách bắt đầu:</p>")
        title.setWordWrap(True)
        self.import_button = QPushButton("Nhập từ tệp Excel của các đơn vị…")
        self.demo_button = QPushButton("Mở dữ liệu mẫu để xem thử")
        self.start_button = QPushButton("Bắt đầu nhập liệu")
        self.import_button.clicked.connect(window.import_workbook)
        self.demo_button.clicked.connect(window.open_demo)
        self.start_button.clicked.connect(window.start_entering)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(title)
        for button in (self.import_button, self.demo_button, self.start_button):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        layout.addStretch()
        layout.setContentsMargins(120, 40, 120, 40)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.qsettings = settings or QSettings()
        self.store: Store | None = None
        self.signals: StoreSignals | None = None
        self.lock: InstanceLock | None = None
        self.demo = False
        self.tabs: QTabWidget | None = None
        self.panel: IndicatorPanel | None = None

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #5c4400; padding: 6px;")
        self.banner.hide()
        # A second copy opened read-only can take over once the first one closes.
        self.reopen_button = QPushButton("Mở lại để nhập liệu")
        self.reopen_button.setObjectName("reopen_button")
        self.reopen_button.setToolTip("Khi người kia đã đóng chương trình, mở lại tệp để ghi")
        self.reopen_button.clicked.connect(self.reopen_for_writing)
        self.reopen_button.hide()
        self.copy_here_button = QPushButton("Chép vào máy này để nhập liệu…")
        self.copy_here_button.setObjectName("copy_here_button")
        self.copy_here_button.clicked.connect(self.copy_here_and_open)
        self.copy_here_button.hide()
        self.banner_bar = QFrame()
        self.banner_bar.setObjectName("banner_bar")
        self.banner_bar.setStyleSheet("QFrame#banner_bar { background: #fff4ce; "
                                      "border-bottom: 1px solid #e0c060; }")
        bar = QHBoxLayout(self.banner_bar)
        bar.setContentsMargins(0, 0, 6, 0)
        bar.addWidget(self.banner, 1)
        bar.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.copy_here_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.banner_bar.hide()
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.dock = QDockWidget("Chỉ tiêu", self)
        self.dock.setObjectName("indicator_dock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._build_menus()
        self.resize(1360, 800)
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._update_title()

    # -- menus --------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&Tệp")
        self._action(file, "Tạo tệp dữ liệu mới…", self.new_file)
        self._action(file, "Mở tệp dữ liệu…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Tệp gần đây")
        file.addSeparator()
        self.act_import = self._action(file, "Nhập từ Excel…", self.import_workbook,
                                       "Ctrl+I")
        self._action(file, "Xuất ra Excel…", self.export_workbook, "Ctrl+E")
        self.act_print = self._action(file, "In báo cáo tổng hợp…", self.print_report,
                                      QKeySequence.StandardKey.Print)
        file.addSeparator()
        self._action(file, "Lưu bản sao…", self.save_copy)
        self._action(file, "Sao lưu ngay…", self.backup_now)
        self._action(file, "Khôi phục từ bản sao lưu…", self.restore_backup)
        file.addSeparator()
        self._action(file, "Mở dữ liệu mẫu", self.open_demo)
        file.addSeparator()
        self._action(file, "Thoát", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Sửa")
        self.act_add = self._action(edit, "Thêm bản ghi mới", self.add_record,
                                    QKeySequence.StandardKey.New)
        self._action(edit, "Sửa bản ghi đang chọn", self.edit_record)
        self._action(edit, "Xóa bản ghi đang chọn", self.delete_record)
        self._action(edit, "Tìm kiếm", self.focus_search, QKeySequence.StandardKey.Find)

        tools = bar.addMenu("&Công cụ")
        self._action(tools, "Cài đặt…", self.open_settings)
        self._action(tools, "Nhật ký thay đổi…", self.open_audit)
        self._action(tools, "Chốt số liệu năm (làm mốc tiến độ)…", self.save_snapshot)

        help_menu = bar.addMenu("Trợ &giúp")
        self._action(help_menu, "Giới thiệu", self.about)
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        paths = [p for p in self.qsettings.value("recent", [], list) or [] if p]
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_store(Path(p)))
        self.recent_menu.setEnabled(bool(paths))

    def _remember(self, path: Path) -> None:
        paths = [p for p in self.qsettings.value("recent", [], list) or []
                 if p and p != str(path)]
        self.qsettings.setValue("recent", [str(path), *paths][:MAX_RECENT])
        self._refresh_recent()

    # -- opening and closing ------------------------------------------------------------

    def open_store(self, path: Path, *, create: bool = False, demo: bool = False) -> bool:
        """Open `path` (creating it only if asked). On failure the current file stays."""
        lock = InstanceLock(path)
        read_only_place = path.exists() and not can_write(path)
        held_elsewhere = not read_only_place and not lock.acquire()
        read_only = read_only_place or held_elsewhere
        try:
            store = Store.open(path, create=create, read_only=read_only)
        except StoreError as exc:
            lock.release()
            self._refused(path, exc)
            return False
        self.close_store()
        self.store, self.lock, self.demo = store, (None if read_only else lock), demo
        self.signals = StoreSignals(store, self)
        self.signals.changed.connect(self._store_changed)
        if not read_only and not demo:
            # after the window is up: a start-up is not kept waiting for the copy
            QTimer.singleShot(500, lambda s=store: self._backup_on_open(s))
        self._build_views()
        notes = []
        if demo:
            notes.append("DỮ LIỆU MẪU: đây là một xã giả định để xem thử; mọi thay đổi chỉ "
                         "nằm trong bản sao tạm thời.")
        if held_elsewhere:
            notes.append(f"Tệp đang được {lock.holder()} mở để ghi. Chương trình mở tệp ở "
                         "chế độ CHỈ ĐỌC để không ghi đè lên thay đổi của người đó.")
        if read_only_place:
            notes.append("Tệp nằm ở nơi chỉ cho phép đọc (ổ đĩa hoặc thẻ nhớ bị khóa ghi, hoặc "
                         "thư mục không có quyền ghi). Chương trình mở tệp ở chế độ CHỈ ĐỌC: "
                         "xem và in được, không sửa được. Muốn nhập liệu, hãy chép tệp vào "
                         "máy này rồi mở bản chép.")
        if is_network_path(path):
            notes.append("Tệp nằm trên ổ mạng: khóa tệp của SQLite ở đây không tin cậy. Nên "
                         "chép tệp về máy này để nhập liệu.")
        self.banner.setText("\n".join(notes))
        self.banner.setVisible(bool(notes))
        self.banner_bar.setVisible(bool(notes))
        self.reopen_button.setVisible(held_elsewhere)
        self.copy_here_button.setVisible(read_only_place)
        if not demo:
            self._remember(path)
        self._update_title()
        return True

    def reopen_for_writing(self) -> None:
        """Try again to open the file for writing (the other copy may have closed)."""
        if self.store is None:
            return
        if self.open_store(self.store.path) and self.store.read_only:
            inform(self, "Vẫn chỉ đọc", "Tệp vẫn đang được mở để ghi ở nơi khác. Hãy thử lại "
                                        "khi người đó đã đóng chương trình.")

    def copy_here_and_open(self) -> None:
        """A file on a write-protected medium: copy it somewhere writable and work there."""
        if self.store is None:
            return
        target = self._choose_new_data_file("Chép tệp vào máy này", self.store.path.name)
        if target is None:
            return
        try:
            self.store.backup_to(target)
        except StoreError as exc:
            tell(self, "Không chép được", exc.message)
            return
        self.open_store(target)

    def _backup_on_open(self, store: Store) -> None:
        if store is not self.store:
            return  # another file was opened meanwhile
        # a backup that cannot be made must not stop the work
        with contextlib.suppress(StoreError, OSError):
            backups.backup_on_open(store)

    def _refused(self, path: Path, exc: StoreError) -> None:
        text = exc.message
        good = backups.newest_good(path) if exc.kind == "damaged" else None
        if good is not None and ask(
                self, "Không mở được tệp",
                f"{text}\n\nCó bản sao lưu tốt lúc {good.taken:%d/%m/%Y %H:%M}. "
                "Khôi phục từ bản sao lưu đó? (Tệp hỏng được giữ lại bên cạnh.)",
                yes="Khôi phục", no="Không"):
            try:
                backups.restore(good.path, path, None)
            except StoreError as err:
                tell(self, "Không khôi phục được", err.message)
                return
            self.open_store(path)
            return
        tell(self, "Không mở được tệp", text)

    def close_store(self) -> None:
        if self.store is None:
            return
        self._save_view_state()
        if self.signals is not None:
            self.signals.detach()
        if not self.store.read_only and not self.demo:
            with contextlib.suppress(StoreError, OSError):
                backups.make_backup(self.store, "dong")
        self.store.close()
        if self.lock is not None:
            self.lock.release()
        self.store, self.signals, self.lock = None, None, None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.close_store()
        super().closeEvent(event)

    # -- views --------------------------------------------------------------------------

    def _build_views(self) -> None:
        store = self.store
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.units_tab = UnitsTab(store)
        self.cadres_tab = CadresTab(store)
        self.planning_tab = PlanningTab(store)
        self.training_tab = TrainingTab(store)
        self.tabs.addTab(self.units_tab, "Đơn vị")
        self.tabs.addTab(self.cadres_tab, "Cán bộ")
        self.tabs.addTab(self.planning_tab, "Quy hoạch")
        self.tabs.addTab(self.training_tab, "Đào tạo")
        self.welcome = WelcomePage(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.welcome)
        old_panel = self.dock.widget()
        self.panel = IndicatorPanel(store)
        self.panel.drill.connect(self.show_drill)
        self.panel.date_changed.connect(self._date_changed)
        self.dock.setWidget(self.panel)
        if old_panel is not None:
            old_panel.deleteLater()
        self.units_tab.model.figures = self.panel.figures
        self._restore_view_state()  # columns and sort order first: the tables load once
        for tab in self._tabs():
            tab.set_as_of(self.panel.as_of())
        self.stack.setCurrentWidget(self.welcome if store.is_empty() and not store.read_only
                                    else self.tabs)

    def _tabs(self):
        return (self.units_tab, self.cadres_tab, self.planning_tab, self.training_tab)

    def _tables(self) -> list[RecordTable]:
        return [self.units_tab, self.cadres_tab.table, self.cadres_tab.posts,
                self.cadres_tab.planning, self.cadres_tab.training, self.planning_tab,
                self.training_tab.courses, self.training_tab.enrolled]

    def _store_changed(self, change: Change) -> None:
        """The one path after every write: panel, then the tables that read what changed."""
        if self.panel is not None:
            self.panel.recompute()
            self.units_tab.model.figures = self.panel.figures  # computed once, used twice
        for tab in self._tabs():
            tab.on_change(change)
        if self.store is not None and self.stack.currentWidget() is self.welcome \
                and not self.store.is_empty():
            self.stack.setCurrentWidget(self.tabs)
        if "settings" in change.tables:
            self._update_title()

    def _date_changed(self, day: dt.date) -> None:
        self.units_tab.model.figures = self.panel.figures
        for tab in self._tabs():
            tab.set_as_of(day)

    def _update_title(self) -> None:
        parts = [APP_TITLE]
        if self.store is not None:
            commune = self.store.settings().get("commune_name", "")
            if commune:
                parts[0] = f"{APP_TITLE} – xã {commune}"
            parts.append(self.store.path.name)
            if self.demo:
                parts.append("DỮ LIỆU MẪU")
            if self.store.read_only:
                parts.append("CHỈ ĐỌC")
        self.setWindowTitle(" — ".join(parts))

    def _save_view_state(self) -> None:
        if self.tabs is None:
            return
        s = self.qsettings
        s.setValue("view/cadres_splitter", self.cadres_tab.splitter.saveState())
        s.setValue("view/training_splitter", self.training_tab.splitter.saveState())
        s.setValue("view/window_state", self.saveState())
        for table in self._tables():
            s.setValue(f"columns/{table.view.objectName()}",
                       table.view.horizontalHeader().saveState())

    def _restore_view_state(self) -> None:
        s = self.qsettings
        for key, splitter in (("view/cadres_splitter", self.cadres_tab.splitter),
                              ("view/training_splitter", self.training_tab.splitter)):
            state = s.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        state = s.value("view/window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for table in self._tables():
            state = s.value(f"columns/{table.view.objectName()}")
            if isinstance(state, QByteArray):
                table.view.horizontalHeader().restoreState(state)

    def current_table(self) -> RecordTable | None:
        if self.tabs is None or self.stack.currentWidget() is not self.tabs:
            return None
        tab = self.tabs.currentWidget()
        if isinstance(tab, CadresTab):
            return tab.table
        if isinstance(tab, TrainingTab):
            return tab.courses
        return tab

    # -- actions: records ----------------------------------------------------------------

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
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.units_tab)
        self.units_tab.add()

    def show_drill(self, key: str) -> None:
        if self.panel is None or self.panel.figures is None:
            return
        from .drill_dialog import DrillDialog

        dialog = DrillDialog(self.store, key, self.panel.figures, self)
        dialog.open_record.connect(self.open_record)
        dialog.exec()

    def open_record(self, entity: str, record_id: int) -> None:
        from .record_dialog import RecordDialog

        RecordDialog(self.store, entity, record_id, None, self).exec()

    # -- actions: files -------------------------------------------------------------------

    def _choose_new_data_file(self, title: str, name: str) -> Path | None:
        """A place for a new data file; an existing file is never offered for overwriting."""
        path, _ = QFileDialog.getSaveFileName(self, title, name, DATA_FILTER)
        if not path:
            return None
        if Path(path).exists():
            tell(self, title, f"Tệp «{Path(path).name}» đã có. Hãy chọn tên khác để không "
                              "ghi đè dữ liệu cũ.")
            return None
        return Path(path)

    def new_file(self) -> None:
        path = self._choose_new_data_file("Tạo tệp dữ liệu mới", "du-lieu.sqlite")
        if path is not None:
            self.open_store(path, create=True)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Mở tệp dữ liệu", "", DATA_FILTER)
        if path:
            self.open_store(Path(path))

    def open_demo(self) -> None:
        from .. import exchange  # openpyxl: loaded when first needed, not at start-up

        folder = Path(tempfile.mkdtemp(prefix="tanhoi-mau-"))
        path = folder / "du-lieu-mau.sqlite"
        try:
            with Store.open(path, create=True) as store:
                plan = exchange.read_workbook(demo_workbook(), store)
                exchange.apply(plan, store)
        except (StoreError, exchange.WorkbookError) as exc:
            tell(self, "Không mở được dữ liệu mẫu", getattr(exc, "message", str(exc)))
            return
        self.open_store(path, demo=True)

    def save_copy(self) -> None:
        if self.store is None:
            return
        name = f"{self.store.path.stem}-ban-sao-{dt.date.today():%Y%m%d}.sqlite"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu bản sao", name, DATA_FILTER)
        if not path:
            return
        try:
            self.store.backup_to(Path(path))
        except StoreError as exc:
            tell(self, "Không lưu được bản sao", exc.message)
            return
        inform(self, "Lưu bản sao", f"Đã lưu bản sao vào «{path}».")

    def backup_now(self) -> None:
        if self.store is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Chọn nơi sao lưu (ví dụ USB)")
        if not folder:
            return
        try:
            path = backups.make_backup(self.store, "thu-cong", Path(folder))
        except (StoreError, OSError) as exc:
            tell(self, "Không sao lưu được", getattr(exc, "message", str(exc)))
            return
        inform(self, "Sao lưu", f"Đã sao lưu vào «{path}».")

    def restore_backup(self) -> None:
        if self.store is None:
            return
        if self.store.read_only:
            tell(self, "Khôi phục", "Tệp đang mở ở chế độ chỉ đọc nên không khôi phục được.")
            return
        path = self.store.path
        from .restore_dialog import RestoreDialog

        dialog = RestoreDialog(path, self)
        if not dialog.exec() or dialog.chosen() is None:
            return
        demo, store = self.demo, self.store
        self._save_view_state()
        if self.signals is not None:
            self.signals.detach()
        if self.lock is not None:
            self.lock.release()
        self.store, self.signals, self.lock = None, None, None
        try:
            backups.restore(dialog.chosen(), path, store)  # backs up, then closes store
        except StoreError as exc:
            tell(self, "Không khôi phục được", exc.message)
        self.open_store(path, demo=demo)

    def import_workbook(self) -> None:
        if self.store is None or self.store.read_only:
            tell(self, "Nhập từ Excel", "Tệp đang mở ở chế độ chỉ đọc, không nhập được.")
            return
        path, _ = QFileDialog.getOpenFileName(self, "Nhập dữ liệu từ tệp Excel", "",
                                              XLSX_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        from .. import exchange

        progress = QProgressDialog("Đang kiểm tra tệp Excel…", "Hủy", 0, 100, self)
        progress.setWindowTitle("Nhập từ Excel")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done: int, total: int) -> None:
            progress.setValue(int(done * 100 / max(total, 1)))
            QApplication.processEvents()

        try:
            plan = exchange.read_workbook(path, self.store, report, progress.wasCanceled)
        except exchange.WorkbookError as exc:
            progress.close()
            tell(self, "Không nhập được", exc.message)
            return False
        except StoreError as exc:
            progress.close()
            tell(self, "Không nhập được", exc.message)
            return False
        progress.close()
        if plan.problems:
            ProblemsDialog(plan.problems, self).exec()
            return False
        try:
            counts = exchange.apply(plan, self.store)
        except StoreError as exc:
            tell(self, "Không nhập được", exc.message)
            return False
        message = exchange.summary(counts)
        if plan.warnings:
            message += "\n\nLưu ý:\n" + "\n".join(plan.warnings)
        inform(self, "Nhập từ Excel", message)
        return True

    def export_workbook(self) -> None:
        from .. import exchange

        if self.store is None:
            return
        name = f"du-lieu-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Xuất ra Excel", name, XLSX_FILTER)
        if not path:
            return
        try:
            exchange.export_workbook(self.store, Path(path))
        except (StoreError, exchange.WorkbookError) as exc:
            tell(self, "Không xuất được", exc.message)
            return
        inform(self, "Xuất ra Excel", f"Đã ghi «{path}».")

    def print_report(self) -> None:
        if self.store is None or self.panel is None:
            return
        try:
            from ..report import preview
        except ImportError:
            tell(self, "In báo cáo", "Phiên bản này chưa có chức năng in báo cáo.")
            return
        preview.show_print_preview(self, self.store, self.panel.as_of())

    # -- actions: tools -----------------------------------------------------------------

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        if self.store is not None:
            SettingsDialog(self.store, self).exec()

    def open_audit(self) -> None:
        from .audit_dialog import AuditDialog  # openpyxl, for its export

        if self.store is not None:
            AuditDialog(self.store, self).exec()

    def save_snapshot(self) -> None:
        if self.store is None or self.panel is None or self.panel.figures is None:
            return
        figures = self.panel.figures
        if not ask(self, "Chốt số liệu năm",
                   f"Lưu số liệu tính đến ngày {figures.as_of:%d/%m/%Y} làm số liệu năm "
                   f"{figures.as_of.year}? Năm chốt đầu tiên là mốc để tính tiến độ "
                   "(Đúng tiến độ / Chậm tiến độ) các năm sau.", yes="Lưu", no="Hủy"):
            return
        try:
            indicators.close_year(self.store, figures.as_of.year, figures.as_of)
        except StoreError as exc:
            tell(self, "Không lưu được", exc.message)

    def about(self) -> None:
        from .about_dialog import AboutDialog

        AboutDialog(self.store, self).exec()
