"""The main window's data file: opening (read-only when it must), closing, new, copies,
backups and restore. A mixin of MainWindow; the views are rebuilt by _build_views."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ..resources import demo_workbook
from ..safety.crashlog import write_note
from ..safety.instance_lock import InstanceLock
from . import last_file
from .banner import bad_dates_note, opening_notes
from .common import ask, inform, tell
from .file_places import DEMO_FOLDER_PREFIX, ask_folder, ask_open_path, ask_save_path

if TYPE_CHECKING:
    from ..store import Store, StoreError

# The data layer (store, the lock, the figures service) is imported by the methods
# that use it: the window is painted before a file is opened (ui/app.run) and its first
# paint does not wait for them.


def _backups():
    """safety.backups, imported on first use: its dependencies (platformdirs ...) are
    not needed before the window is up."""
    from ..safety import backups  # after the first paint

    return backups


DATA_FILTER = "Tệp dữ liệu (*.sqlite *.db);;Mọi tệp (*)"


def _is_province_file(path: Path) -> bool:
    from ..province.store import is_province_file  # data layer: after the first paint

    return is_province_file(path)


class FileActions:
    # -- opening and closing ------------------------------------------------------------

    def open_store(self, path: Path, *, create: bool = False, demo: bool = False) -> bool:
        """Open `path` (creating it only if asked). On failure the current file stays.
        A province file opens in a window of its own (ui/province_window)."""
        if not create and _is_province_file(path):
            from .province_window import open_province_file  # on first use

            return open_province_file(path, self) is not None
        from ..store import Store, StoreError, can_write  # data layer: after the first paint
        from .signals import StoreSignals  # after the first paint

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
        if not read_only:
            from .checkpointing import Checkpointer  # after the first paint

            self.checkpointer = Checkpointer(store, self.signals, self)
        if not read_only and not demo:
            # after the window is up: a start-up is not kept waiting for the copy
            QTimer.singleShot(500, lambda s=store: self._backup_on_open(s))
        self._build_views()
        notes = opening_notes(path, demo=demo, read_only_place=read_only_place,
                              held_by=lock.holder() if held_elsewhere else None)
        notes += store.notices  # a foreign -wal set aside while opening
        with contextlib.suppress(StoreError):  # a note only; the file is open and usable
            if (dates := bad_dates_note(store.records.dates_out_of_range())) is not None:
                notes.append(dates)
        self.banner_bar.show_notes(notes, can_reopen=held_elsewhere,
                                   can_copy_here=read_only_place)
        if not demo:
            self.recent.remember(path)
        self._update_title()
        self.remind_submissions()
        return True

    def open_start_file(self, path: Path | None = None) -> bool:
        """A start-up's file: the one named, else the last one used (the default file when
        none was used yet). A last file that is gone is said, with the recent ones."""

        if path is not None:
            return self.open_store(path)
        recent = self.recent.paths()
        path, missing = last_file.start_file(recent, last_file.default_data_file)
        if missing:
            self.show_missing_file(path)
            return False
        return self.open_store(path, create=not recent)

    def reopen_for_writing(self) -> None:
        """Try again to open the file for writing (the other copy may have closed)."""
        if self.store is None:
            return
        if self.open_store(self.store.path) and self.store.read_only:
            inform(self, "Vẫn chỉ đọc", "Tệp vẫn đang được mở để ghi ở nơi khác. Hãy thử lại "
                                        "khi người đó đã đóng chương trình.")

    def copy_here_and_open(self) -> None:
        """A file on a write-protected medium: copy it somewhere writable and work there."""
        from ..store import StoreError  # data layer: after the first paint

        if self.store is None:
            return
        # (in Documents: the file's own place takes no writing)
        target = self._choose_new_data_file("Chép tệp vào máy này", self.store.path.name,
                                            beside_data=False)
        if target is None:
            return
        try:
            _backups().save_copy(self.store, target)  # a new file: its own identity
        except StoreError as exc:
            tell(self, "Không chép được", exc.message)
            return
        self.open_store(target)

    def _backup_on_open(self, store: Store) -> None:
        """On a worker (ui/background_backup): a province's copy froze the window."""
        from .background_backup import BackgroundBackup  # after the window is up

        if store is not self.store:
            return  # another file was opened meanwhile
        # a backup that cannot be made must not stop the work, nor go unsaid
        self.opening_backup = BackgroundBackup(store, self)
        self.opening_backup.failed.connect(
            lambda exc: self._backup_failed("khi mở tệp", exc))
        self.opening_backup.start()

    def _backup_failed(self, when: str, exc: BaseException) -> None:
        """An automatic backup that failed is said, and noted in the log."""

        reason = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
        write_note(f"automatic backup failed ({when}): {reason}")
        tell(self, "Chưa sao lưu được",
             f"Không tạo được bản sao lưu tự động {when}.\n\n{reason}\n\nDữ liệu đã lưu "
             "không bị ảnh hưởng. Hãy sao lưu bằng Tệp → Sao lưu ngay… vào nơi khác (ví dụ "
             "USB), hoặc giải phóng chỗ trống trên ổ đĩa.")

    def _refused(self, path: Path, exc: StoreError) -> None:
        from ..store import StoreError  # data layer: after the first paint

        text = exc.message
        good = _backups().newest_good(path) if exc.kind == "damaged" else None
        contents = _backups().contents_of(good.path) if good is not None else None
        if good is not None and contents is not None and ask(
                self, "Không mở được tệp",
                f"{text}\n\nCó bản sao lưu tốt lúc {good.taken:%d/%m/%Y %H:%M}, dữ liệu của "
                f"{contents.in_words()}. Khôi phục từ bản sao lưu đó? (Tệp hỏng được giữ "
                "lại bên cạnh.)", yes="Khôi phục", no="Không"):
            try:
                _backups().restore(good.path, path, None)
            except StoreError as err:
                tell(self, "Không khôi phục được", err.message)
                return
            self.open_store(path)
            return
        tell(self, "Không mở được tệp", text)

    def close_store(self, *, backup: bool = True) -> None:
        """`backup`: the closing backup (a restore makes its own, just before)."""
        from ..store import StoreError  # data layer: after the first paint

        if self.store is None:
            return
        if getattr(self, "opening_backup", None) is not None:
            self.opening_backup.wait()  # its reader must not outlive the file's lock
            self.opening_backup = None
        self._save_view_state()
        if self.signals is not None:
            self.signals.detach()
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer.deleteLater()
            self.checkpointer = None
        self._close_figures()  # its worker reads the file
        if backup and not self.store.read_only and not self.demo:
            try:
                _backups().make_backup(self.store, "dong")
            except (StoreError, OSError) as exc:
                self._backup_failed("khi đóng tệp", exc)
        self.store.close()
        if self.lock is not None:
            self.lock.release()
        self.store, self.signals, self.lock = None, None, None

    def _close_figures(self) -> None:
        if self.figures is not None:
            self.figures.close()
            self.figures = None

    # -- the Tệp menu ---------------------------------------------------------------------

    def _choose_new_data_file(self, title: str, name: str,
                              beside_data: bool = True) -> Path | None:
        """A place for a new data file; an existing file is never offered for overwriting."""
        path = ask_save_path(self, title, name, DATA_FILTER,
                             self._data_file() if beside_data else None)
        if path is None:
            return None
        if path.exists():
            tell(self, title, f"Tệp «{path.name}» đã có. Hãy chọn tên khác để không "
                              "ghi đè dữ liệu cũ.")
            return None
        return path

    def _data_file(self) -> Path | None:
        """The open data file: the file dialogs start beside it."""
        return None if self.store is None else self.store.path

    def new_province_file(self) -> None:
        """Tệp → Tạo tệp tổng hợp tỉnh… (Sở Nội vụ: spec/province.md)."""
        from .province_window import create_province_file  # on first use

        create_province_file(self)

    def new_file(self) -> None:
        path = self._choose_new_data_file("Tạo tệp dữ liệu mới", "du-lieu.sqlite")
        if path is not None:
            self.open_store(path, create=True)

    def open_file(self) -> None:
        path = ask_open_path(self, "Mở tệp dữ liệu", DATA_FILTER, self._data_file())
        if path is not None:
            self.open_store(path)

    def open_demo(self) -> None:
        from .. import demo  # only the demo
        from ..demo import closed_year as demo_closed_year  # only the demo
        from ..demo import submissions as demo_submissions  # only the demo
        from ..exchange import workbook as exchange  # openpyxl: when first needed, not at start-up
        from ..store import Store, StoreError  # data layer: after the first paint

        folder = Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX))
        path = folder / "du-lieu-mau.sqlite"
        try:
            with Store.open(path, create=True) as store:
                plan = exchange.read_workbook(demo_workbook(), store)
                exchange.apply(plan, store)
                demo_submissions.seed(store)
                store.settings.save({"commune_code": demo.COMMUNE_CODE})
                # the Nhật ký shows the entries so far as one: the demo's making; the
                # year's close and its late correction after it are the demo's story
                made_through = store.audit.entries(limit=1)[0]["id"]
                demo_closed_year.seed(store)  # 2026 closed, then a late correction
        except (StoreError, exchange.WorkbookError) as exc:
            tell(self, "Không mở được dữ liệu mẫu", getattr(exc, "message", str(exc)))
            return
        if self.open_store(path, demo=True):
            self.demo_made_through = made_through

    def save_copy(self) -> None:
        from ..store import StoreError  # data layer: after the first paint

        if self.store is None:
            return
        stem = _backups().backup_stem(self.store.path)  # room for the words added
        name = f"{stem}-ban-sao-{dt.date.today():%Y%m%d}.sqlite"
        path = ask_save_path(self, "Lưu bản sao", name, DATA_FILTER, self._data_file())
        if path is None:
            return
        try:
            _backups().save_copy(self.store, path)
        except StoreError as exc:
            tell(self, "Không lưu được bản sao", exc.message)
            return
        inform(self, "Lưu bản sao", f"Đã lưu bản sao vào «{path}».")

    def backup_now(self):
        """A backup where the user chooses, made on a worker (ui/operations)."""
        from .operations import Operation  # on first use

        if self.store is None:
            return None
        folder = ask_folder(self, "Chọn nơi sao lưu (ví dụ USB)", self._data_file(), "backup")
        if folder is None:
            return None

        def work(progress):
            progress.phase("Đang sao lưu tệp dữ liệu…")
            # a cancel stops the copy; its unfinished file is removed
            return _backups().make_backup(progress.store, "thu-cong", Path(folder),
                                          progress=progress.step)

        return Operation(self, "Sao lưu", work, store=self.store,
                         done=lambda path: inform(self, "Sao lưu",
                                                  f"Đã sao lưu vào «{path}».") or True,
                         first_phase="Đang sao lưu tệp dữ liệu…",
                         failure_title="Không sao lưu được").start()

    def restore_backup(self):
        """The chosen backup put in place of the open file, on a worker: the window lets
        the file go first, and opens it again after, whatever happened."""
        from .operations import CANCELLED, Operation  # on first use

        if self.store is None:
            return None
        if self.store.read_only:
            tell(self, "Khôi phục", "Tệp đang mở ở chế độ chỉ đọc nên không khôi phục được.")
            return None
        path = self.store.path
        from .restore_dialog import RestoreDialog  # on first use

        dialog = RestoreDialog(path, self)
        if not dialog.exec() or dialog.chosen() is None:
            return None
        chosen, demo = dialog.chosen(), self.demo
        self.close_store(backup=False)  # nothing of the window reads the file meanwhile
        self.opening.setText(f"Đang khôi phục tệp dữ liệu «{path.name}»…")
        self.stack.setCurrentWidget(self.opening)

        def work(progress):
            from ..store import Store  # data layer: after the first paint

            def copied(phase: str, done: int, total: int) -> None:
                progress.phase(phase, int(done * 100 / max(total, 1)))

            # backs the file up, replaces its contents through SQLite, then closes it; a
            # cancel during either copy leaves the file as it was
            return _backups().restore(chosen, path, Store.open(path, thorough=False),
                                      progress=copied)

        def reopen(_result=None):
            self.open_store(path, demo=demo)
            return True

        def failed(sentence: str) -> None:
            tell(self, "Khôi phục" if sentence == CANCELLED else "Không khôi phục được",
                 sentence)
            reopen()

        return Operation(self, "Khôi phục từ bản sao lưu", work, done=reopen, failed=failed,
                         first_phase="Đang sao lưu tệp hiện tại…").start()
