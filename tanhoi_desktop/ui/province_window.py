"""The province file's window (spec/province.md, «Outputs»): the communes received, late
and missing; the province's figures with a drill-down to each commune and its units;
the trajectory across the years received; the audit trail. Workbooks are added by file
or by folder: they are copied and read on a worker thread, with progress, and stored
here one by one (an older export asks first)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import domain
from ..figures.indicators import ALL_KEYS, SHORT
from ..province import figures as province_figures
from ..province import intake
from ..province.figures import LATE, MISSING, ON_TIME, NoDate, ProvinceFigures
from ..province.store import ProvinceStore
from ..report.content import FIGURE_NAMES
from ..safety.instance_lock import InstanceLock
from ..store import StoreError
from .common import GREEN, GREY, RED, ask, inform, tell, wrote
from .date_field import DateField
from .file_places import ask_folder, ask_open_path, ask_open_paths, ask_save_path
from .indicator_panel import STATUS_COLOURS
from .province_settings_dialog import ProvinceSettingsDialog
from .screen_fit import FitsScreen, initial_size

READ_ONLY_TIP = "Tệp đang mở để xem: một cửa sổ khác đang ghi tệp này."
XLSX = "Tệp Excel (*.xlsx)"
STATE_COLOURS = {ON_TIME: GREEN, LATE: RED, MISSING: GREY}


def _pct(value: float | None) -> str:
    return domain.format_percent(value)


def _counts(n: int, d: int) -> str:
    return f"{_pct(n / d if d else None)} ({n}/{d})"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], colours: dict | None = None) -> None:
    """Plain-text cells (a name from a workbook is never rich text)."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if colours and (r, c) in colours:
                item.setForeground(colours[(r, c)])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount()):
        header.resizeSection(c, min(max(header.sectionSize(c), 60), 320))


class Intake(QThread):
    """Copies and reads the workbooks off the GUI thread (no database here): each result
    is a Received, or the one line of a refusal."""

    result = Signal(object, object)  # path, Received | str

    def __init__(self, paths: list[Path], folder: Path, parent=None):
        super().__init__(parent)
        self.paths, self.folder = paths, folder
        self.cancelled = False

    def run(self) -> None:
        for path in self.paths:
            if self.cancelled:
                return
            try:
                outcome: object = intake.receive(path, self.folder)
            except intake.Refused as exc:
                outcome = str(exc)
            except Exception as exc:  # one file's surprise never stops the others
                outcome = f"«{path.name}»: không đọc được tệp ({exc})."
            self.result.emit(path, outcome)


class CommuneDialog(FitsScreen, QDialog):
    """One commune's report as it sent it: its figures, its units, work and budget."""

    def __init__(self, store: ProvinceStore, commune, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{commune.name} ({commune.code})")
        report = commune.report
        layout = QVBoxLayout(self)
        head = QLabel()
        head.setTextFormat(head.textFormat().PlainText)
        head.setWordWrap(True)
        layout.addWidget(head)
        if report is None:
            head.setText(f"{commune.name} chưa gửi biểu số liệu cho ngày này.")
        else:
            exported = dt.datetime.fromisoformat(report.exported_at)
            closed = " · năm đã chốt: số liệu đã báo cáo" if report.year_closed else ""
            head.setText(f"Tình trạng: {commune.status} · xuất lúc {exported:%d/%m/%Y %H:%M:%S}"
                         f" · tệp «{report.file_name}»{closed}")
            self.figures = _table(["Chỉ tiêu", "Số đạt / tổng số", "Mục tiêu", "Mốc",
                                   "Đánh giá (như xã gửi)"])
            rows = []
            for key in ALL_KEYS:
                f = commune.figures.get(key)
                if f is None:
                    continue
                rows.append([SHORT[key], _counts(f.numerator, f.denominator),
                             "" if f.target is None else _pct(f.target),
                             "" if f.milestone is None else _pct(f.milestone), f.status])
            _fill(self.figures, rows)
            layout.addWidget(self.figures)
            self.units = _table(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Tính CT1",
                                 "Ngành đặc thù", "Vai trò", "Số người", "Nữ", "Tỷ lệ nữ",
                                 "Có nữ LĐ chủ chốt", "Không tính (điều chỉnh)"])
            yes = {True: domain.YES, False: ""}
            _fill(self.units, [[u["code"], u["name"], u["kind"] or "",
                                yes[bool(u["in_scope_ct1"])], yes[bool(u["special_sector"])],
                                u["role"] or "", str(u["staff"]), str(u["women"]),
                                _pct(u["women"] / u["staff"] if u["staff"] else None),
                                yes[bool(u["has_female_key_leader"])], yes[bool(u["waived"])]]
                               for u in store.units_of(report.id)])
            layout.addWidget(QLabel(f"Các đơn vị ({self.units.rowCount()}):"))
            layout.addWidget(self.units, 1)
            work = store.work_of(report.id)
            text = "; ".join(f"{w['task_group']}: {w['activities']} hoạt động, "
                             f"{w['participants']} người ({w['women']} nữ), "
                             f"{domain.format_dong(w['cost'])} đ" for w in work)
            note = QLabel(f"Hoạt động theo nhóm nhiệm vụ: {text or 'không có'}.")
            note.setTextFormat(note.textFormat().PlainText)
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1100, 600)


class ProvinceWindow(FitsScreen, QMainWindow):
    def __init__(self, store: ProvinceStore, parent: QWidget | None = None,
                 lock: InstanceLock | None = None):
        super().__init__(parent)
        self.store = store
        self.lock = lock  # this window's hold on the file for writing (None: read-only)
        self.figures: ProvinceFigures | None = None
        self.worker: Intake | None = None
        self.outcomes: list[intake.Outcome] = []
        self.qsettings = None  # the main window's, where its file dialogs remember folders
        self.setWindowTitle(f"Tổng hợp tỉnh — {store.path.name}"
                            + (" (chỉ xem)" if store.read_only else ""))
        self.writing_actions: list = []  # disabled while the file is open read-only
        self._menus()
        central = QWidget()
        layout = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.as_of = DateField()
        self.as_of.setObjectName("province_as_of")
        self.deadline = DateField()
        self.deadline.setObjectName("province_deadline")
        self.as_of.editingFinished.connect(self.save_dates)
        self.deadline.editingFinished.connect(self.save_dates)
        bar.addWidget(QLabel("Số liệu tính đến ngày:"))
        bar.addWidget(self.as_of)
        bar.addWidget(QLabel("Hạn gửi (hết ngày):"))
        bar.addWidget(self.deadline)
        for text, slot in (("Nhập danh sách xã…", self.import_communes),
                           ("Thêm biểu của xã…", self.add_workbooks),
                           ("Thêm cả thư mục…", self.add_folder),
                           ("In báo cáo (PDF)…", self.print_pdf)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            if slot != self.print_pdf:
                self.writing_actions.append(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout.addWidget(self.error)
        self.summary = QLabel()
        self.summary.setTextFormat(self.summary.textFormat().PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._communes_tab()
        self._figures_tab()
        self.trajectory = _table(["Năm", "Ngày số liệu", "Số xã gửi", "CT1", "CT1 điều chỉnh",
                                  "CT1 quốc gia", "CT2", "CT3"])
        self.tabs.addTab(self.trajectory, "Qua các năm")
        self.audit = _table(["Thời gian", "Người nhập", "Việc", "Xã", "Tệp", "Trước",
                             "Sau"])
        self.tabs.addTab(self.audit, "Nhật ký")
        self.setCentralWidget(central)
        self.resize(initial_size(self, QSize(1300, 720)))  # inside a 1366 × 768 screen
        if store.read_only:
            for widget in self.writing_actions:
                widget.setEnabled(False)
                widget.setToolTip(READ_ONLY_TIP)
            for field in (self.as_of, self.deadline):
                field.setEnabled(False)
        self.refresh()

    # -- building -----------------------------------------------------------------------

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&Tệp")
        for item in (("Nhập danh sách xã…", self.import_communes),
                     ("Thêm biểu của xã…", self.add_workbooks),
                     ("Thêm cả thư mục…", self.add_folder), None,
                     ("In báo cáo của Sở (PDF)…", self.print_pdf),
                     ("Xuất báo cáo ra Excel…", self.export_xlsx), None,
                     ("Cài đặt…", self.open_settings), None,
                     ("Đóng", self.close)):
            if item is None:
                menu.addSeparator()
                continue
            action = menu.addAction(item[0])
            action.triggered.connect(lambda _c=False, slot=item[1]: slot())
            if item[1] in (self.import_communes, self.add_workbooks, self.add_folder,
                           self.open_settings):
                self.writing_actions.append(action)

    def _communes_tab(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(QLabel("Hiện:"))
        self.state = QComboBox()
        self.state.addItem("Tất cả các xã", "")
        for state in (ON_TIME, LATE, MISSING):
            self.state.addItem(state[:1].upper() + state[1:], state)
        self.state.currentIndexChanged.connect(lambda _i: self._fill_communes())
        top.addWidget(self.state)
        top.addStretch(1)
        layout.addLayout(top)
        self.communes = _table(["Mã xã", "Tên xã", "Tình trạng", "Ngày xuất", "CT1",
                                "CT1 điều chỉnh", "CT1 quốc gia", "CT2", "CT3"])
        self.communes.itemDoubleClicked.connect(
            lambda item: self.open_commune(self.communes.item(item.row(), 0).text()))
        layout.addWidget(self.communes)
        self.tabs.addTab(page, "Các xã")

    def _figures_tab(self) -> None:
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        self.province = _table(["Chỉ tiêu", "Số đạt", "Tổng số", "Tỷ lệ", "Mốc năm",
                                "Mục tiêu", "Đánh giá"])
        self.province.itemSelectionChanged.connect(self._fill_drill)
        split.addWidget(self.province)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        self.drill_title = QLabel("Chọn một chỉ tiêu để xem số liệu từng xã; nhấn đúp vào "
                                  "một xã để xem các đơn vị của xã.")
        self.drill_title.setTextFormat(self.drill_title.textFormat().PlainText)
        box.addWidget(self.drill_title)
        self.drill = _table(["Mã xã", "Tên xã", "Số đạt", "Tổng số", "Tỷ lệ",
                             "Đánh giá (như xã gửi)"])
        self.drill.itemDoubleClicked.connect(
            lambda item: self.open_commune(self.drill.item(item.row(), 0).text()))
        box.addWidget(self.drill)
        split.addWidget(lower)
        self.tabs.addTab(split, "Số liệu tỉnh")

    # -- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        s = self.store.settings()
        self.as_of.set_iso(s.get("as_of"))
        self.deadline.set_iso(s.get("deadline"))
        try:
            self.figures = province_figures.compute(self.store)
        except NoDate:
            self.figures = None
        pf = self.figures
        if pf is None:
            n = len(self.store.communes())
            self.summary.setText(f"Danh sách có {n} xã. Hãy đặt ngày số liệu (ngày tỉnh yêu "
                                 "cầu) rồi thêm biểu của các xã.")
        else:
            self.summary.setText(
                f"{len(pf.communes)} xã, phường, đặc khu · {pf.count(ON_TIME)} gửi đúng hạn · "
                f"{pf.count(LATE)} gửi muộn · {pf.count(MISSING)} chưa gửi · số liệu tính đến "
                f"ngày {pf.as_of:%d/%m/%Y}. Tỷ lệ của tỉnh = tổng tử số / tổng mẫu số của các "
                "xã đã gửi.")
        if self.store.read_only:
            self.summary.setText(f"{READ_ONLY_TIP} {self.summary.text()}")
        self._fill_communes()
        self._fill_province()
        self._fill_trajectory()
        self._fill_audit()

    def _fill_communes(self) -> None:
        pf = self.figures
        wanted = self.state.currentData()
        rows, colours = [], {}
        for c in pf.communes if pf else []:
            if wanted and c.status != wanted:
                continue
            exported = (dt.datetime.fromisoformat(c.report.exported_at)
                        .strftime("%d/%m/%Y %H:%M") if c.report else "")
            colours[(len(rows), 2)] = STATE_COLOURS[c.status]
            rows.append([c.code, c.name, c.status, exported,
                         *[_counts(c.figures[k].numerator, c.figures[k].denominator)
                           if k in c.figures else "" for k in ALL_KEYS]])
        if pf is None:
            rows = [[c["code"], c["name"], "", "", "", "", "", "", ""]
                    for c in self.store.communes()]
        _fill(self.communes, rows, colours)

    def _fill_province(self) -> None:
        pf = self.figures
        rows, colours = [], {}
        for i, key in enumerate(ALL_KEYS if pf else ()):
            ind = pf[key]
            colours[(i, 6)] = STATUS_COLOURS.get(ind.status, GREY)
            rows.append([FIGURE_NAMES[key], str(ind.numerator), str(ind.denominator),
                         _pct(ind.value),
                         "" if ind.milestone is None else _pct(float(ind.milestone)),
                         "" if ind.target is None else _pct(float(ind.target)),
                         ind.status or "(để so sánh)"])
        _fill(self.province, rows, colours)
        self.province.horizontalHeader().resizeSection(0, 420)
        self._fill_drill()

    def _fill_drill(self) -> None:
        pf = self.figures
        row = self.province.currentRow()
        if pf is None or row < 0:
            _fill(self.drill, [])
            return
        key = ALL_KEYS[row]
        self.drill_title.setText(f"{SHORT[key]} của từng xã, như xã gửi (nhấn đúp để xem "
                                 "các đơn vị của xã):")
        rows = []
        for c in pf.communes:
            f = c.figures.get(key)
            if f is None:
                rows.append([c.code, c.name, "", "", "", c.status])
            else:
                rows.append([c.code, c.name, str(f.numerator), str(f.denominator),
                             _pct(f.value), f.status or ""])
        _fill(self.drill, rows)

    def _fill_trajectory(self) -> None:
        rows = []
        for p in province_figures.trajectory(self.store):
            rows.append([str(p.year), f"{p.as_of:%d/%m/%Y}", str(p.communes),
                         *[_counts(*p.indicators[k].counts) for k in ALL_KEYS]])
        _fill(self.trajectory, rows)

    def _fill_audit(self) -> None:
        rows = []
        for a in self.store.audit_entries()[:500]:
            at = dt.datetime.fromisoformat(a["at"])
            rows.append([f"{at:%d/%m/%Y %H:%M:%S}", a["person"] or a["os_user"] or "",
                         a["action"], a["commune_code"] or "", a["file_name"] or "",
                         (a["before"] or "")[:200], (a["after"] or "")[:200]])
        _fill(self.audit, rows)

    def open_commune(self, code: str) -> None:
        commune = next((c for c in self.figures.communes if c.code == code), None) \
            if self.figures else None
        if commune is not None:
            CommuneDialog(self.store, commune, self).exec()

    # -- commands -----------------------------------------------------------------------

    def save_dates(self) -> None:
        if self.store.read_only:
            return
        values = {}
        for key, field, label in (("as_of", self.as_of, "Ngày số liệu"),
                                  ("deadline", self.deadline, "Hạn gửi")):
            try:
                day = field.date()
            except ValueError as exc:
                self.error.setText(f"{label}: {exc}.")
                self.error.show()
                return
            values[key] = day.isoformat() if day else ""
        self.error.hide()
        try:
            self.store.save_settings(values)
        except StoreError as exc:
            tell(self, "Không lưu được", exc.message)
            return
        self.refresh()

    def import_communes(self) -> None:
        path = ask_open_path(self, "Nhập danh sách xã", XLSX, self.store.path)
        if path is None:
            return
        try:
            rows = intake.read_communes(path)
            counts = self.store.set_communes(rows, path.name)
        except intake.Refused as exc:
            tell(self, "Không nhập danh sách xã", str(exc))
            return
        except StoreError as exc:
            tell(self, "Không nhập danh sách xã", exc.message)
            return
        self.refresh()
        inform(self, "Danh sách xã", f"{len(rows)} xã: {counts['added']} xã mới, "
                                     f"{counts['renamed']} xã đổi tên, {counts['unchanged']} "
                                     "xã không đổi.")

    def add_workbooks(self) -> None:
        paths = ask_open_paths(self, "Thêm biểu của xã", XLSX, self.store.path)
        if paths:
            self.add_paths(paths)

    def add_folder(self) -> None:
        folder = ask_folder(self, "Thêm các biểu trong thư mục", self.store.path)
        if folder is not None:
            paths = intake.workbooks_in(folder)
            if not paths:
                tell(self, "Thêm biểu", f"Thư mục «{folder}» không có tệp Excel (.xlsx) nào.")
                return
            self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        """Read on a worker, store here; the summary when the last one is in."""
        if self.figures is None:
            tell(self, "Thêm biểu", "Hãy đặt ngày số liệu (ngày tỉnh yêu cầu) trước khi thêm "
                                    "biểu của các xã.")
            return
        if self.worker is not None:
            return
        as_of = self.figures.as_of
        self.outcomes = []
        progress = QProgressDialog(f"Đang đọc {len(paths)} tệp…", "Dừng", 0, len(paths), self)
        progress.setWindowTitle("Thêm biểu của xã")
        progress.setMinimumDuration(300)
        progress.setValue(0)
        self.progress = progress
        worker = Intake(paths, self.store.intake_folder, self)
        self.worker = worker

        def one(path: Path, outcome: object) -> None:
            if isinstance(outcome, str):
                self.store.note_refusal(path.name, outcome)
                self.outcomes.append(intake.Outcome(path.name, intake.REFUSED_KIND, outcome))
            else:
                self.outcomes.append(intake.add(self.store, outcome, as_of, self._older))
            progress.setValue(len(self.outcomes))
            progress.setLabelText(f"Đã xử lý {len(self.outcomes)}/{len(paths)} tệp…")

        def done() -> None:
            self.worker = None
            progress.reset()
            self.refresh()
            self._say_outcomes(len(paths))

        progress.canceled.connect(lambda: setattr(worker, "cancelled", True))
        worker.result.connect(one)
        worker.finished.connect(done)
        worker.start()

    def _older(self, received, existing) -> bool:
        sent = dt.datetime.fromisoformat(received.report["exported_at"])
        then = dt.datetime.fromisoformat(existing.exported_at)
        return ask(self, "Biểu cũ hơn",
                   f"«{received.report['file_name']}» xuất lúc {sent:%d/%m/%Y %H:%M:%S}, cũ "
                   f"hơn biểu đã nhận của xã {received.report['commune_name']} (xuất lúc "
                   f"{then:%d/%m/%Y %H:%M:%S}).\n\nVẫn dùng biểu cũ hơn này thay cho biểu đã "
                   "nhận? (Việc này được ghi vào nhật ký.)", yes="Dùng biểu cũ hơn",
                   no="Giữ biểu đã nhận")

    def _say_outcomes(self, total: int) -> None:
        counts = {}
        for o in self.outcomes:
            counts[o.kind] = counts.get(o.kind, 0) + 1
        replaced = counts.get(intake.REPLACED_KIND, 0) + counts.get(intake.OLDER_KIND, 0)
        head = (f"Đã xử lý {len(self.outcomes)}/{total} tệp: {counts.get(intake.ADDED_KIND, 0)}"
                f" biểu mới, {replaced} biểu thay biểu cũ, "
                f"{counts.get(intake.SAME_KIND, 0)} tệp đã có, "
                f"{counts.get(intake.REFUSED_KIND, 0)} tệp bị từ chối.")
        refused = [o.message for o in self.outcomes if o.kind == intake.REFUSED_KIND]
        others = [o.message for o in self.outcomes if o.kind != intake.REFUSED_KIND]
        text = head + ("\n\nBị từ chối:\n" + "\n".join(refused) if refused else "")
        if others:
            text += "\n\n" + "\n".join(others)
        (tell if refused else inform)(self, "Thêm biểu của xã", text)

    def open_settings(self) -> None:
        if ProvinceSettingsDialog(self.store, self).exec():
            self.refresh()

    def print_pdf(self) -> None:
        self._output("In báo cáo của Sở", "PDF (*.pdf)", ".pdf")

    def export_xlsx(self) -> None:
        self._output("Xuất báo cáo ra Excel", XLSX, ".xlsx")

    def _output(self, title: str, kind: str, suffix: str) -> None:
        if self.figures is None:
            tell(self, title, "Hãy đặt ngày số liệu trước khi in báo cáo.")
            return
        name = f"bao-cao-tinh-{self.figures.as_of:%Y%m%d}{suffix}"
        path = ask_save_path(self, title, name, kind, self.store.path)
        if path is None:
            return
        from ..province import report  # openpyxl, printing: on first use

        write = report.write_xlsx if suffix == ".xlsx" else report.write_pdf
        if wrote(self, title, path, lambda: write(self.store, None, path)):
            inform(self, title, f"Đã ghi «{path}».")

    def closeEvent(self, event) -> None:
        if self.worker is not None:
            self.worker.cancelled = True
            self.worker.wait()
        # a date typed and not yet left is saved now; the fields then let go of the file,
        # or leaving them as the window goes would write to a closed file
        self.save_dates()
        for field in (self.as_of, self.deadline):
            field.editingFinished.disconnect(self.save_dates)
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        super().closeEvent(event)


def create_province_file(parent: QWidget) -> ProvinceWindow | None:
    """Tệp → Tạo tệp tổng hợp tỉnh…: a new province file and its window."""
    store = getattr(parent, "store", None)  # beside the commune's file, else Documents
    path = ask_save_path(parent, "Tạo tệp tổng hợp tỉnh", "tong-hop-tinh.sqlite",
                         "Tệp dữ liệu (*.sqlite *.db)", store.path if store else None)
    if path is None:
        return None
    try:
        ProvinceStore.create(path).close()
    except StoreError as exc:
        tell(parent, "Không tạo được tệp", exc.message)
        return None
    return open_province_file(path, parent)


def open_province_file(path: Path, parent: QWidget) -> ProvinceWindow | None:
    """One window writes a province file at a time (its lock beside the file, as for a
    commune's file): a second one may only look, and says so."""
    lock = InstanceLock(path)
    read_only = not lock.acquire()
    if read_only and not ask(
            parent, "Tệp đang được mở",
            f"Tệp tổng hợp «{path.name}» đang được mở để ghi trong cửa sổ Tổng hợp tỉnh của "
            f"{lock.holder()}. Mở tệp để xem? Khi xem, không thêm biểu, không nhập danh sách "
            "xã và không sửa được ngày số liệu.", yes="Mở để xem", no="Không mở"):
        return None
    try:
        store = ProvinceStore.open(path, read_only=read_only)
    except StoreError as exc:
        lock.release()
        tell(parent, "Không mở được tệp", exc.message)
        return None
    return show_province(store, parent, None if read_only else lock)


def show_province(store: ProvinceStore, parent: QWidget,
                  lock: InstanceLock | None = None) -> ProvinceWindow:
    window = ProvinceWindow(store, lock=lock)
    # its file dialogs remember their folders where the main window's do
    window.qsettings = getattr(parent.window(), "qsettings", None)
    # kept by the main window: a top-level window of its own, not a child
    parent.province_windows = [*getattr(parent, "province_windows", []), window]
    window.show()
    return window
