"""The main window's exchange workbook commands: import (with every problem listed) and
export. A mixin of MainWindow; openpyxl, the data layer and the dialogs are imported on
first use, not at start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .common import ask, file_dialog, inform, tell

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
        path, _ = file_dialog().getOpenFileName(self, "Nhập dữ liệu từ tệp Excel", "",
                                              XLSX_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from ..exchange import workbook as exchange
        from ..store import StoreError
        from .problems_dialog import ProblemsDialog

        progress = QProgressDialog("Đang kiểm tra tệp Excel…", "Hủy", 0, 100, self)
        progress.setWindowTitle("Nhập từ Excel")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done: int, total: int) -> None:
            progress.setValue(int(done * 100 / max(total, 1)))
            QApplication.processEvents()

        from ..safety import output

        output.note_input(path)  # a received workbook is never overwritten by an output
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
        if plan.other_commune is not None and not self._import_other_commune(path, plan):
            return False
        sender = exchange.Sender.for_plan(plan)
        if sender is None and self.store.count("units"):
            # a file coming into a commune's data: perhaps a unit's yearly report
            from .sender_dialog import SenderDialog

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
        try:
            counts = exchange.apply(plan, self.store, sender)
        except StoreError as exc:
            tell(self, "Không nhập được", exc.message)
            return False
        message = exchange.summary(counts)
        if note := exchange.submission_summary(sender, counts):
            message += "\n\n" + note
        if plan.warnings:
            message += "\n\nLưu ý:\n" + "\n".join(plan.warnings)
        inform(self, "Nhập từ Excel", message)
        return True

    def _import_other_commune(self, path: Path, plan) -> bool:
        """The workbook names another commune: its codes would update this one's records."""
        from ..exchange import workbook as exchange

        settings = self.store.settings()
        ours = exchange.commune_label(settings.get("commune_name", ""),
                                      settings.get("commune_code", ""))
        return ask(self, "Nhập từ Excel",
                   f"Tệp «{path.name}» là dữ liệu của {plan.other_commune}, còn tệp dữ liệu "
                   f"đang mở là của {ours}.\n\nNếu nhập, đơn vị, cán bộ… cùng mã sẽ được ghi "
                   "đè bằng số liệu của tệp Excel này. Chỉ nhập khi đúng là muốn gộp dữ liệu "
                   "của xã đó vào tệp này.", yes="Vẫn nhập", no="Không nhập")

    def export_workbook(self) -> None:
        from ..exchange import workbook as exchange
        from ..store import StoreError

        if self.store is None:
            return
        name = f"du-lieu-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = file_dialog().getSaveFileName(self, "Xuất ra Excel", name, XLSX_FILTER)
        if not path:
            return
        try:
            exchange.export_workbook(self.store, Path(path))
        except (StoreError, exchange.WorkbookError) as exc:
            tell(self, "Không xuất được", exc.message)
            return
        inform(self, "Xuất ra Excel", f"Đã ghi «{path}».")
