"""The main window's exchange workbook commands: import (with every problem listed) and
export. A mixin of MainWindow; openpyxl, the data layer and the dialogs are imported on
first use, not at start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .common import ask, inform, tell
from .file_places import ask_open_path, ask_save_path

if TYPE_CHECKING:
    from .operations import Operation

XLSX_FILTER = "Tệp Excel (*.xlsx)"


class ExchangeActions:
    def import_workbook(self) -> None:
        if self.store is None:
            tell(self, "Nhập từ Excel", "Chưa mở tệp dữ liệu nào: hãy mở hoặc tạo tệp dữ "
                                        "liệu (menu Tệp) trước khi nhập.")
            return
        if self.store.read_only:
            tell(self, "Nhập từ Excel", "Tệp đang mở ở chế độ chỉ đọc, không nhập được.")
            return
        path = ask_open_path(self, "Nhập dữ liệu từ tệp Excel", XLSX_FILTER, self.store.path)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> Operation | None:
        """Check `path` on a worker, ask here what must be asked, then write it on a
        worker, each with its progress. The operation's finished(ok) says how it ended;
        None when nothing started."""
        from ..exchange import workbook as exchange  # openpyxl: when first needed
        from ..safety import output  # after the first paint
        from .operations import Operation  # on first use

        if self.store is None:
            return None
        output.note_input(path)  # a received workbook is never overwritten by an output

        def check(progress):
            progress.phase("Đang kiểm tra tệp Excel…")
            return exchange.read_workbook(path, progress.store, progress.step,
                                          progress.cancelled)

        return Operation(self, "Nhập từ Excel", check, store=self.store,
                         done=lambda plan: self._import_checked(path, plan),
                         first_phase="Đang kiểm tra tệp Excel…",
                         failure_title="Không nhập được").start()

    def _import_checked(self, path: Path, plan) -> bool | Operation:
        """The workbook is checked: its problems, or the questions, then the write."""
        from ..exchange import workbook as exchange  # openpyxl: when first needed
        from .operations import Operation  # on first use
        from .problems_dialog import ProblemsDialog  # on first use

        if plan.problems:
            ProblemsDialog(plan.problems, self).exec()
            return False
        if plan.other_commune is not None and not self._import_other_commune(path, plan):
            return False
        sender = exchange.Sender.for_plan(plan)
        if sender is None and self.store.records.count("units"):
            # a file coming into a commune's data: perhaps a unit's yearly report
            from .sender_dialog import SenderDialog  # a dialog: on first use

            dialog = SenderDialog(self.store, path.name, self, cover_unit=plan.cover_unit,
                                  cover_year=plan.report_year)
            if not dialog.exec():
                return False
            sender = dialog.sender()
            if sender is not None and (refusal := exchange.cover_disagrees(
                    plan, sender.unit_code, sender.year,
                    f"đơn vị «{sender.unit_code}», năm {sender.year} đã chọn")):
                tell(self, "Không nhập được", refusal)
                return False

        def write(progress):
            progress.phase("Đang ghi dữ liệu…")
            counts = exchange.apply(plan, progress.store, sender, progress.step)
            return counts, progress.store.imports.last_batch()

        return Operation(self, "Nhập từ Excel", write, store=self.store, writes=True,
                         figures=self.figures,
                         done=lambda written: self._imported(path, plan, sender, *written),
                         first_phase="Đang ghi dữ liệu…", failure_title="Không nhập được")

    def _imported(self, path: Path, plan, sender, counts, batch_id: int | None) -> bool:
        from ..exchange import workbook as exchange  # openpyxl: when first needed
        from .undo import ImportStep, history  # on first use

        stack = history(self)
        added = sum(c.added for c in counts.values())
        updated = sum(c.updated for c in counts.values())
        if stack is not None and batch_id is not None and added + updated:
            # the whole import is one step of Sửa → Hoàn tác
            stack.push(ImportStep(self.store, self, batch_id, path.name, added, updated))

        message = exchange.summary(counts)
        if note := exchange.submission_summary(sender, counts):
            message += "\n\n" + note
        if plan.warnings:
            message += "\n\nLưu ý:\n" + "\n".join(plan.warnings)
        inform(self, "Nhập từ Excel", message)
        return True

    def _import_other_commune(self, path: Path, plan) -> bool:
        """The workbook names another commune: its codes would update this one's records."""
        from ..exchange import workbook as exchange  # openpyxl: when first needed

        settings = self.store.settings.read()
        ours = exchange.commune_label(settings.get("commune_name", ""),
                                      settings.get("commune_code", ""))
        return ask(self, "Nhập từ Excel",
                   f"Tệp «{path.name}» là dữ liệu của {plan.other_commune}, còn tệp dữ liệu "
                   f"đang mở là của {ours}.\n\nNếu nhập, đơn vị, cán bộ… cùng mã sẽ được ghi "
                   "đè bằng số liệu của tệp Excel này. Chỉ nhập khi đúng là muốn gộp dữ liệu "
                   "của xã đó vào tệp này.", yes="Vẫn nhập", no="Không nhập")

    def export_workbook(self) -> Operation | None:
        from ..exchange import workbook as exchange  # openpyxl: when first needed
        from .operations import Operation  # on first use

        if self.store is None:
            return None
        name = f"du-lieu-{dt.date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, "Xuất ra Excel", name, XLSX_FILTER, self.store.path)
        if path is None:
            return None

        def write(progress):
            progress.phase("Đang ghi các trang của tệp Excel…")
            exchange.export_workbook(progress.store, path, step=progress.step)

        return Operation(self, "Xuất ra Excel", write, store=self.store,
                         done=lambda _r: inform(self, "Xuất ra Excel", f"Đã ghi «{path}».")
                         or True,
                         first_phase="Đang ghi các trang của tệp Excel…",
                         failure_title="Không xuất được").start()

    def export_for_province(self) -> None:
        """Báo cáo → Xuất biểu số liệu gửi tỉnh… (counts only, spec/province.md)."""
        if self.store is None:
            return
        from .province_export_dialog import export_for_province  # on first use

        export_for_province(self, self.store)
