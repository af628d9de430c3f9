"""The texts a person writes in a report (Đánh giá chung, Khó khăn, Phương hướng, Kiến
nghị): kept per report (a year, "2026", or the period, "2026-2030") with who changed them
and when, each change in the audit trail (spec/plan-work.md, «Texts a person writes»)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .part import Part
from .records import ImportCount

# section key -> its name in words (the audit trail, the exchange sheet)
SECTIONS: dict[str, str] = {
    "assessment": "Đánh giá chung",
    "difficulties": "Khó khăn, hạn chế",
    "directions": "Phương hướng, nhiệm vụ",
    "proposals": "Kiến nghị, đề xuất",
}
MAX_TEXT = 20000  # characters of one section


def year_report(year: int) -> str:
    return str(int(year))


def period_report(start: int, end: int) -> str:
    return f"{int(start)}-{int(end)}"


class Texts(Part):
    """store.texts: the texts a person writes in a report, per report and section."""

    def for_report(self, report: str) -> dict[str, str]:
        """Section key -> its text, for the sections written for `report`."""
        return {r["section"]: r["text"] for r in self._rows(
            "SELECT section, text FROM report_texts WHERE report = ?", (report,))}

    def rows(self) -> list[dict[str, Any]]:
        """Every written section (the exchange workbook), by report and section."""
        order = {key: i for i, key in enumerate(SECTIONS)}
        rows = [dict(r) for r in self._rows(
            "SELECT report, section, text, changed_at, changed_by FROM report_texts")]
        return sorted(rows, key=lambda r: (r["report"], order.get(r["section"], 99)))

    def save(self, report: str, texts: dict[str, str]) -> bool:
        """Keep the texts of `report` that changed (an empty one is removed); one audit
        entry names what each was and became. Returns whether anything changed."""
        old = self.for_report(report)
        changed = {k: (v or "").strip() for k, v in texts.items()
                   if k in SECTIONS and (v or "").strip() != old.get(k, "")}
        if not changed:
            return False
        with self._write() as change:
            self._put_report_texts(report, changed, old)
            self._audit("edit", "report_texts", None, report,
                        {SECTIONS[k]: old.get(k, "") for k in changed},
                        {SECTIONS[k]: v for k, v in changed.items()})
            change.touch("report_texts")
        return True

    def _put_report_texts(self, report: str, texts: dict[str, str], old: dict[str, str],
                          at: str | None = None, by: str | None = None) -> None:
        """Inside the caller's transaction: write `texts` (an empty one removed)."""
        if by is None:
            person, os_user = self._who()
            by = person or os_user
        at = at or dt.datetime.now().isoformat(timespec="seconds")
        for key, text in texts.items():
            if not text:
                self._conn.execute("DELETE FROM report_texts WHERE report = ? AND section = ?",
                                   (report, key))
            else:
                self._conn.execute(
                    "INSERT INTO report_texts (report, section, text, changed_at, changed_by) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(report, section) DO UPDATE SET "
                    "text = excluded.text, changed_at = excluded.changed_at, "
                    "changed_by = excluded.changed_by", (report, key, text, at, by))

    def import_rows(self, rows: list[dict[str, Any]],
                    batch_id: int | None = None) -> int:
        """Rows of the exchange sheet (report, section, text, changed_at, changed_by),
        already checked: those that differ replace the stored text, in the import's
        transaction (`batch_id`: its rows in the audit trail). Returns how many changed."""
        count = 0
        with self._write() as change:
            for row in rows:
                old = self.for_report(row["report"])
                if old.get(row["section"], "") == row["text"]:
                    continue
                self._put_report_texts(row["report"], {row["section"]: row["text"]}, old,
                                       row.get("changed_at"), row.get("changed_by") or "")
                self._audit("edit", "report_texts", None, row["report"],
                            {SECTIONS[row["section"]]: old.get(row["section"], "")},
                            {SECTIONS[row["section"]]: row["text"]}, batch_id)
                count += 1
            if count:
                change.touch("report_texts")
        return count

    def import_with_records(self, batches: dict[str, list[dict[str, Any]]],
                            present: dict[str, set[str]], submission: dict[str, Any] | None,
                            step: Callable[[int, int], None] | None,
                            texts: list[dict[str, Any]]) -> dict[str, ImportCount]:
        """An import with the sheet «Nội dung báo cáo»: the records and the texts in one
        transaction (all or nothing)."""

        with self._write():
            counts = self._store.records.import_records(batches, present, submission, step)
            changed = self.import_rows(texts, self._store.imports.last_batch())
        counts["report_texts"] = ImportCount(updated=changed, unchanged=len(texts) - changed)
        return counts
