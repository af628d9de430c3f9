"""Who has reported (Mục VI: before 15/11): on time, late, missing; the deadline setting;
the reminder; a unit's own workbook, exported and imported back, records its report and
changes nothing else; the command line's --unit and --year."""

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest
from openpyxl import Workbook

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import submissions
from tanhoi_desktop.figures.submissions import LATE, MISSING, SENT
from tanhoi_desktop.store import Store, StoreError


@pytest.fixture
def commune(store):
    for code, name in (("VP", "Văn phòng"), ("KT", "Phòng Kinh tế"), ("YT", "Trạm Y tế"),
                       ("CU", "Đơn vị cũ")):
        store.records.save("units", {"code": code, "name": name,
                                     "to_date": "2025-06-30" if code == "CU" else None})
    store.records.save("cadres", {"code": "c1", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ",
                                  "unit_code": "KT", "birth": "1990-02-03"})
    store.records.save("cadres", {"code": "c2", "full_name": "Trần Văn Nam", "gender": "Nam",
                                  "unit_code": "KT"})
    store.records.save("cadres", {"code": "c3", "full_name": "Lê Thị Mai", "gender": "Nữ",
                                  "unit_code": "VP"})
    store.records.save("courses", {"code": "K1", "name": "Kỹ năng lãnh đạo",
                                   "kind": "Kỹ năng lãnh đạo, quản lý", "from_date": "2026-03-01"})
    store.records.save("courses", {"code": "K2", "name": "Tin học", "kind": "Tin học"})
    store.records.save("enrolments", {"course_code": "K1", "cadre_code": "c1"})
    store.records.save("enrolments", {"course_code": "K2", "cadre_code": "c3"})
    store.records.save("posts", {"cadre_code": "c1", "unit_code": "KT", "title": "Phó Trưởng phòng",
                                 "level": "Cấp phó", "from_date": "2025-01-01"})
    store.records.save("planning", {"cadre_code": "c1", "title": "Trưởng phòng", "unit_code": "KT"})
    return store


def _states(store, year):
    return {u.code: u.state for u in submissions.year_status(store, year).units}


def test_on_time_late_and_missing_around_the_deadline_day(commune):
    # «trước ngày 15/11»: 14/11 is the last day on time, 15/11 itself is late
    commune.submissions.record("VP", 2026, "2026-11-14T23:59:00", "vp.xlsx")  # the last day
    commune.submissions.record("KT", 2026, "2026-11-15T07:30:00", "kt.xlsx")  # the plan's date
    commune.submissions.record("YT", 2025, "2025-11-10T08:00:00", "yt.xlsx")  # another year
    # the unit closed in 2025 has nothing to report for 2026
    assert _states(commune, 2026) == {"VP": SENT, "KT": LATE, "YT": MISSING}
    status = submissions.year_status(commune, 2026)
    assert status.deadline == dt.date(2026, 11, 15)
    assert status.counts == {SENT: 1, LATE: 1, MISSING: 1}


def test_first_submission_decides_and_last_one_is_shown(commune):
    commune.submissions.record("VP", 2026, "2026-11-02T09:00:00", "vp-1.xlsx")
    commune.submissions.record("VP", 2026, "2026-11-20T09:00:00", "vp-2.xlsx")
    vp = next(u for u in submissions.year_status(commune, 2026).units if u.code == "VP")
    assert (vp.state, vp.received, vp.last_file, vp.count) == (SENT, "02/11/2026",
                                                               "vp-2.xlsx", 2)


def test_the_deadline_is_a_setting(commune):
    commune.submissions.record("VP", 2026, "2026-11-20T09:00:00", "vp.xlsx")
    assert _states(commune, 2026)["VP"] == LATE
    commune.settings.save({"report_deadline": "30/11"})
    assert _states(commune, 2026)["VP"] == SENT
    assert submissions.year_status(commune, 2026).deadline == dt.date(2026, 11, 30)


@pytest.mark.parametrize("text,expected", [("15/11", dt.date(2026, 11, 15)),
                                           (" 5 / 1 ", dt.date(2026, 1, 5)),
                                           ("29/2", dt.date(2026, 2, 28))])
def test_parse_deadline(text, expected):
    assert submissions.parse_deadline(text, 2026) == expected


@pytest.mark.parametrize("text", ["", "15-11-2026", "32/11", "abc"])
def test_a_bad_deadline_is_refused_in_vietnamese(text):
    with pytest.raises(ValueError, match=r"hợp lệ|không tồn tại"):
        submissions.parse_deadline(text, 2026)


def test_reminder_from_the_first_of_the_month_then_overdue(commune):
    commune.submissions.record("VP", 2026, "2026-11-03T09:00:00")
    status = submissions.year_status(commune, 2026)
    assert submissions.reminder(status, dt.date(2026, 10, 31)) is None
    assert submissions.reminder(status, dt.date(2026, 11, 1)) == (
        "Báo cáo năm 2026: còn 2/3 đơn vị chưa gửi; hạn gửi trước ngày 15/11/2026 "
        "(còn 13 ngày).")
    assert "hôm nay là ngày cuối" in submissions.reminder(status, dt.date(2026, 11, 14))
    assert "đã quá hạn gửi (trước ngày 15/11/2026)" in submissions.reminder(
        status, dt.date(2026, 11, 15))
    commune.submissions.record("KT", 2026, "2026-11-18T09:00:00")
    status = submissions.year_status(commune, 2026)
    assert submissions.reminder(status, dt.date(2026, 12, 1)) == (
        "Báo cáo năm 2026: đã quá hạn gửi (trước ngày 15/11/2026), còn 1/3 đơn vị chưa gửi; "
        "1 đơn vị gửi muộn.")
    commune.submissions.record("YT", 2026, "2026-12-02T09:00:00")
    assert submissions.reminder(submissions.year_status(commune, 2026),
                                dt.date(2026, 12, 3)) is None  # everyone has sent


def test_record_submission_of_an_unknown_unit_is_refused(commune):
    with pytest.raises(StoreError, match="Không có đơn vị mã «XX»"):
        commune.submissions.record("XX", 2026, "2026-11-03T09:00:00")
    assert commune.records.count("submissions") == 0


def _dump(path):
    """Every table but the submissions and the audit trail, row by row."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT IN ('submissions', 'audit_log', 'audit_head') ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


def test_unit_export_holds_the_unit_and_what_its_cadres_need(commune):
    records = exchange.unit_records(commune, "KT")
    assert [u["code"] for u in records["units"]] == ["KT"]
    assert sorted(c["code"] for c in records["cadres"]) == ["C1", "C2"]  # typed c1, c2
    assert [k["code"] for k in records["courses"]] == ["K1"]  # K2 is VP's cadre's course
    assert [(e["course_code"], e["cadre_code"]) for e in records["enrolments"]] == [
        ("K1", "C1")]
    assert len(records["posts"]) == len(records["planning"]) == 1


def test_unit_export_imported_back_records_a_submission_and_nothing_else(commune, tmp_path):
    out = tmp_path / "kt.xlsx"
    exchange.export_workbook(commune, out, "KT", 2026)
    before = _dump(commune.path)
    plan = exchange.read_workbook(out, commune)
    assert (plan.sender, plan.sender_source, plan.report_year) == ("KT", "cover", 2026)
    received = dt.datetime(2026, 11, 10, 9, 30)
    sender = exchange.Sender.for_plan(plan, received=received)
    counts = exchange.apply(plan, commune, sender)
    assert counts["submissions"].added == 1
    assert _dump(commune.path) == before
    rows = commune.submissions.of_year(2026)
    assert [(r["unit_code"], r["received_at"], r["file_name"]) for r in rows] == [
        ("KT", "2026-11-10T09:30:00", "kt.xlsx")]
    assert len(rows[0]["sha256"]) == 64
    assert _states(commune, 2026)["KT"] == SENT
    # the same file again is the same report: not a second one
    counts = exchange.apply(exchange.read_workbook(out, commune), commune, sender)
    assert counts["submissions"].unchanged == 1
    assert commune.records.count("submissions") == 1
    assert exchange.submission_summary(sender, counts).startswith("Tệp này đã được ghi nhận")


def test_sender_found_from_cadres_of_one_unit_and_not_from_a_mixed_file(commune, tmp_path):
    def book(path, units):
        wb = Workbook()
        ws = wb.active
        ws.title = "Cán bộ"
        ws.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Mã đơn vị"])
        for i, unit in enumerate(units):
            ws.append([f"n{i}", "Phạm Thị Lan", "Nữ", unit])
        wb.save(path)
        return path

    assert exchange.read_workbook(book(tmp_path / "a.xlsx", ["YT", "YT"]), commune).sender \
        == "YT"
    assert exchange.read_workbook(book(tmp_path / "b.xlsx", ["YT", "VP"]), commune).sender \
        is None
    # a commune-wide import of a full export names no unit
    exchange.export_workbook(commune, tmp_path / "all.xlsx")
    assert exchange.read_workbook(tmp_path / "all.xlsx", commune).sender is None


def test_a_refused_workbook_records_no_submission(commune, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Cán bộ"
    ws.append(["Mã cán bộ", "Họ và tên", "Giới tính", "Mã đơn vị"])
    ws.append(["n1", "Phạm Thị Lan", "X", "YT"])
    wb.save(tmp_path / "bad.xlsx")
    result = _cli("import", "--db", commune.path, "--unit", "YT", tmp_path / "bad.xlsx")
    assert result.returncode == 1
    assert commune.records.count("submissions") == 0


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_unit_and_year_record_a_commune_wide_import(commune, tmp_path):
    exchange.export_workbook(commune, tmp_path / "all.xlsx")
    path = commune.path
    commune.close()
    result = _cli("import", "--db", path, "--unit", "YT", "--year", "2025",
                  tmp_path / "all.xlsx")
    assert result.returncode == 0, result.stderr
    assert "Đã ghi nhận báo cáo năm 2025 của đơn vị «YT»" in result.stdout
    with Store.open(path) as s:
        assert [r["unit_code"] for r in s.submissions.of_year(2025)] == ["YT"]
        assert s.submissions.of_year(2026) == []
    # without --unit, a commune-wide file is recorded as nobody's report
    other = _cli("import", "--db", path, tmp_path / "all.xlsx")
    assert other.returncode == 0 and "ghi nhận" not in other.stdout
    with Store.open(path) as s:
        assert s.records.count("submissions") == 1


def test_cli_unknown_unit_exits_2_and_writes_nothing(commune, tmp_path):
    exchange.export_workbook(commune, tmp_path / "all.xlsx")
    path = commune.path
    before = _dump(path)
    commune.close()
    result = _cli("import", "--db", path, "--unit", "XX", tmp_path / "all.xlsx")
    assert result.returncode == 2
    assert "Không có đơn vị mã «XX»" in result.stderr
    assert _dump(path) == before
    bad_year = _cli("import", "--db", path, "--year", "26", tmp_path / "all.xlsx")
    assert bad_year.returncode == 2 and "năm hợp lệ" in bad_year.stderr


def test_a_submission_is_in_the_audit_trail_in_vietnamese(commune):
    from tanhoi_desktop.safety import audit_export

    commune.submissions.record("KT", 2026, "2026-11-10T09:30:00", "kt.xlsx")
    entry = commune.audit.entries(table="submissions")[0]
    assert entry["record_code"] == "KT · 2026"
    assert entry["after"] == {"đơn vị": "KT", "năm": 2026, "nhận lúc": "2026-11-10T09:30:00",
                              "tệp": "kt.xlsx"}
    assert audit_export.ACTIONS[entry["action"]] == "Nhận báo cáo năm của đơn vị"
    assert audit_export.TABLES["submissions"] == "Báo cáo của đơn vị"
