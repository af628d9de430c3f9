"""The units' yearly reports (Mục VI of the plan: before 15/11 each year): one row per
workbook received from a unit, written in the same transaction as its import."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .core import StoreError, classify
from .figures import _active
from .part import Part, inserted_id
from .records import ImportCount


class Submissions(Part):
    """store.submissions: the yearly reports received from the units."""

    def _insert_submission(self, unit_id: int, year: int, received_at: str,
                           file_name: str | None, sha256: str | None,
                           counts: dict[str, Any] | None, audit_id: int | None,
                           report: dict[str, str] | None = None) -> int:
        """Inside the caller's transaction (the import that brought the file); `report`:
        the unit's own written report from the workbook's cover (report_* keys)."""
        report = report or {}
        cur = self._conn.execute(
            "INSERT INTO submissions (unit_id, year, received_at, file_name, sha256, counts, "
            "audit_id, report_results, report_difficulties, report_proposals) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (unit_id, year, received_at, file_name, sha256,
             None if counts is None else json.dumps(counts, ensure_ascii=False), audit_id,
             report.get("report_results"), report.get("report_difficulties"),
             report.get("report_proposals")))
        code = self._first("SELECT code FROM units WHERE id = ?", (unit_id,))[0]
        submission_id = inserted_id(cur)
        self._audit("submission", "submissions", submission_id, f"{code} · {year}", None,
                    {"đơn vị": code, "năm": year, "nhận lúc": received_at,
                     "tệp": file_name})
        return submission_id

    def _record_import_submission(self, submission: dict[str, Any],
                                  summary: dict[str, Any], batch_id: int) -> ImportCount:
        """The submission an import brings (inside its transaction); the same file from
        the same unit for the same year is recorded once."""

        unit = self._one("SELECT id FROM units WHERE code = ?", (submission["unit_code"],))
        if unit is None:
            raise StoreError(f"Không có đơn vị mã «{submission['unit_code']}».", "refused")
        if submission.get("sha256") and self._one(
                "SELECT 1 FROM submissions WHERE unit_id = ? AND year = ? AND sha256 = ?",
                (unit[0], submission["year"], submission["sha256"])):
            return ImportCount(unchanged=1)
        self._insert_submission(unit[0], submission["year"], submission["received_at"],
                                submission.get("file_name"), submission.get("sha256"),
                                summary, batch_id,
                                {k: v for k, v in submission.items()
                                 if k.startswith("report_")})
        return ImportCount(added=1)

    def record(self, unit_code: str, year: int, received_at: str,
                          file_name: str | None = None, sha256: str | None = None,
                          counts: dict[str, Any] | None = None) -> int:
        """Record that `unit_code` sent its report for `year` (a paper report, or a
        workbook imported without the import path)."""
        with self._write() as change:
            row = self._one("SELECT id FROM units WHERE code = ?", (unit_code,))
            if row is None:
                raise StoreError(f"Không có đơn vị mã «{unit_code}».", "refused")
            new_id = self._insert_submission(row[0], year, received_at, file_name, sha256,
                                             counts, None)
            change.touch("submissions", new_id)
        return new_id

    def delete(self, submission_id: int) -> None:
        """Take back a report recorded by mistake (Sửa → Hoàn tác of the recording)."""
        with self._write() as change:
            row = self._one("SELECT s.year, s.received_at, s.file_name, u.code FROM "
                            "submissions s JOIN units u ON u.id = s.unit_id WHERE s.id = ?",
                            (submission_id,))
            if row is None:
                raise StoreError("Lần ghi nhận báo cáo này không còn trong tệp dữ liệu (có "
                                 "thể đã bị xóa ở nơi khác).", "missing")
            self._conn.execute("DELETE FROM submissions WHERE id = ?", (submission_id,))
            self._audit("delete", "submissions", submission_id, f"{row['code']} · {row['year']}",
                        {"đơn vị": row["code"], "năm": row["year"],
                         "nhận lúc": row["received_at"], "tệp": row["file_name"]}, None)
            change.touch("submissions", submission_id)

    def of_year(self, year: int) -> list[dict[str, Any]]:
        """Every submission of the year, earliest first."""
        rows = self._rows("""
            SELECT s.id, s.unit_id, u.code AS unit_code, u.name AS unit_name, s.year,
                   s.received_at, s.file_name, s.sha256, s.counts
            FROM submissions s JOIN units u ON u.id = s.unit_id
            WHERE s.year = ? ORDER BY s.received_at, s.id
        """, (year,))
        return [dict(r) for r in rows]

    def status_rows(self, year: int, on: str, until: str | None = None
                               ) -> list[tuple]:
        """Every unit active on `on` (ISO date), in name order: (id, code, name, first
        received, last received, last file, count) for `year`, NULLs and 0 when it sent
        none; only the submissions received on or before `until` (ISO date) when given.
        One pass over the units joined to the year's submissions, grouped here:
        grouping in SQL costs twice the query, a correlated subquery twenty times."""
        try:
            cur = self._conn.cursor()
            cur.row_factory = None  # plain tuples: a province has thousands of units
            rows = cur.execute(f"""
                SELECT u.id, u.code, u.name, s.received_at, s.file_name
                FROM units u LEFT JOIN submissions s ON s.unit_id = u.id AND s.year = :year
                     AND (:until IS NULL OR substr(s.received_at, 1, 10) <= :until)
                WHERE {_active('u')}
                ORDER BY u.sort_key, u.code, s.received_at, s.id
            """, {"year": year, "d": on, "until": until}).fetchall()
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        out: list[tuple] = []
        previous = None
        for unit_id, code, name, received, file_name in rows:
            if unit_id != previous:
                out.append((unit_id, code, name, received, received, file_name,
                            0 if received is None else 1))
                previous = unit_id
            else:  # a later submission of the same unit
                first = out[-1]
                out[-1] = (unit_id, code, name, first[3], received, file_name, first[6] + 1)
        return out
