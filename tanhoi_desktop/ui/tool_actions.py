"""The main window's Công cụ and Trợ giúp commands, and printing the summary sheet.
A mixin of MainWindow; each dialog is imported where it opens (a faster start-up)."""

from __future__ import annotations


class ToolActions:
    def print_report(self) -> None:
        if self.store is None or self.panel is None:
            return
        # (an import that fails is this program's error: the unexpected-error dialog
        # and the crash log say so, not «this version cannot print»)
        from . import report_preview as preview  # on first use

        preview.show_print_preview(self, self.store, self.panel.as_of(), self.figures)

    def print_period_report(self) -> None:
        """The report for the whole plan period (báo cáo giai đoạn)."""
        if self.store is None or self.panel is None:
            return
        from . import period_preview  # on first use

        period_preview.show_period_report(self, self.store, self.panel.as_of())

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog  # on first use

        if self.store is not None:
            SettingsDialog(self.store, self).exec()

    def open_audit(self) -> None:
        from .audit_dialog import AuditDialog  # openpyxl, for its export

        if self.store is not None:
            AuditDialog(self.store, self, demo_made_through=self.demo_made_through
                        if self.demo else None).exec()

    def save_snapshot(self) -> None:
        from .close_dialog import CloseYearDialog  # on first use

        if self.store is not None:
            day = self.panel.as_of() if self.panel is not None else None
            CloseYearDialog(self.store, day, self, service=self.figures).exec()

    def open_help(self) -> None:
        """The manual, at the section of the tab in use (the start before any file)."""
        from .help_dialog import SECTION_OF_TAB, START, HelpDialog  # on first use

        key = None
        if self.tabs is not None and self.stack.currentWidget() is self.tabs \
                and self.tabs.currentIndex() >= 0:
            key = self.tabs.specs[self.tabs.currentIndex()].key
        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(parent=self)
        self.help_dialog.show_section(SECTION_OF_TAB.get(key, START))
        self.help_dialog.show()
        self.help_dialog.activateWindow()  # to the front when it was open behind

    def about(self) -> None:
        from .about_dialog import AboutDialog  # on first use

        AboutDialog(self.store, self).exec()
