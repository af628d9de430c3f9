"""The exchange workbook: loose reading, every problem listed, all or nothing, round trip."""

import datetime as dt
import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.store import Store

UNITS_H = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Tính chỉ tiêu 1", "Ngành đặc thù"]
CADRES_H = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị"]
POSTS_H = ["Mã cán bộ", "Mã đơn vị", "Chức vụ", "Cấp", "Từ ngày", "Đến ngày"]


def workbook(path, sheets):
    """sheets: {title: [row, ...]} including header (and any title) rows."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def good_sheets():
    return {
        "Đơn vị": [UNITS_H,
                   ["VHXH", "Phòng Văn hóa - Xã hội", "Cơ quan QLNN, chính quyền", None, None],
                   ["KT", "Phòng Kinh tế", None, None, "Có"],
                   ["TH", "Trường Tiểu học", "Đơn vị sự nghiệp công lập", None, None]],
        "Cán bộ": [CADRES_H,
                   ["c1", "Nguyễn Thị Hồng", "Nữ", dt.datetime(1985, 4, 3), "VHXH"],
                   ["c2", "Trần Văn Nam", "Nam", 1979, "KT"]],
        "Lãnh đạo": [POSTS_H,
                     ["c1", "VHXH", "Trưởng phòng", "Cấp trưởng", "01/01/2025", None]],
        "Quy hoạch": [["Mã cán bộ", "Chức danh quy hoạch", "Giai đoạn"],
                      ["c1", "Phó Chủ tịch UBND", "2025-2030"],
                      ["c2", "Trưởng phòng", "2025-2030"]],
        "Lớp học": [["Mã lớp", "Tên lớp", "Loại", "Từ ngày", "Đến ngày", "Kinh phí"],
                    ["K1", "Bồi dưỡng kỹ năng lãnh đạo", "Kỹ năng lãnh đạo, quản lý",
                     "01/03/2026", "05/03/2026", "15.000.000"]],
        "Học viên": [["Mã lớp", "Mã cán bộ", "Kết quả"], ["K1", "c1", None]],
    }


def import_file(store, path):
    plan = exchange.read_workbook(path, store)
    assert plan.problems == []
    return exchange.apply(plan, store)


def test_good_workbook_imports_and_gives_the_figures(store, tmp_path, d):
    counts = import_file(store, workbook(tmp_path / "a.xlsx", good_sheets()))
    assert counts["cadres"].added == 2
    f = indicators.compute(store, d)
    assert (f["CT1"].numerator, f["CT1"].denominator) == (1, 2)  # TH is out of scope
    assert (f["CT1_adj"].numerator, f["CT1_adj"].denominator) == (1, 1)  # KT waived
    assert (f["CT2"].numerator, f["CT2"].denominator) == (1, 2)
    assert (f["CT3"].numerator, f["CT3"].denominator) == (1, 1)
    course = next(store.records.iter_records("courses"))
    assert course["cost"] == 15_000_000 and course["from_date"] == "2026-03-01"
    cadre = next(store.records.iter_records("cadres"))
    assert cadre["birth"] == "1985-04-03" and cadre["ethnicity"] == "Kinh"


def test_reimport_changes_nothing(store, tmp_path):
    path = workbook(tmp_path / "a.xlsx", good_sheets())
    import_file(store, path)
    audit_before = len(store.audit.entries())
    counts = import_file(store, path)
    assert all(c.added == 0 and c.updated == 0 for c in counts.values())
    assert sum(c.unchanged for c in counts.values()) == 10
    # the import itself is logged once, with no row changes
    assert len(store.audit.entries()) == audit_before + 1


def test_messy_headers_title_rows_and_values(store, tmp_path, d):
    sheets = {
        "DON VI": [["DANH SÁCH ĐƠN VỊ"], [],
                   ["TEN  DON VI", "ma don vi", "ngành ĐẶC thù", "Cột lạ"],
                   ["Phòng Kinh tế", "KT", "khong", "?"]],
        "can bo": [["Báo cáo của đơn vị"],
                   ["GIOI TINH", "ma can bo", "HO VA TEN", "Ma Don Vi"],
                   ["NỮ", "c1", unicodedata.normalize("NFD", "Lê Thị Ánh"), "KT"],
                   [None, None, None, None],
                   ["nu", 101, "Đỗ Thị Mai", "KT"]],
        "LANH DAO": [["ma can bo", "ma don vi", "chuc vu", "cap", "tu ngay"],
                     ["c1", "KT", "Phó Trưởng phòng", "cap pho", "3/4/2026"]],
    }
    plan = exchange.read_workbook(workbook(tmp_path / "m.xlsx", sheets), store)
    assert plan.problems == []
    assert plan.warnings == ["DON VI: cột «Cột lạ» không có trong mẫu, đã bỏ qua"]
    exchange.apply(plan, store)
    cadres = {c["code"]: c for c in store.records.iter_records("cadres")}
    assert set(cadres) == {"C1", "101"}  # «c1» typed in small letters: stored as C1
    assert cadres["C1"]["full_name"] == "Lê Thị Ánh"  # stored as NFC
    assert unicodedata.is_normalized("NFC", cadres["C1"]["full_name"])
    assert cadres["C1"]["gender"] == "Nữ"
    post = next(store.records.iter_records("posts"))
    assert post["from_date"] == "2026-04-03" and post["level"] == "Cấp phó"  # day first
    assert indicators.compute(store, d)["CT1"].numerator == 1


def test_every_bad_cell_is_reported_and_nothing_is_written(store, tmp_path):
    sheets = good_sheets()
    sheets["Đơn vị"].append(["KT", "Trùng mã", None, None, None])  # row 5
    sheets["Đơn vị"].append(["X", "Đơn vị X", "loại lạ", "có lẽ", None])  # row 6
    sheets["Cán bộ"] += [
        ["c3", "", "Nam", None, "VHXH"],  # row 4: empty name
        ["c4", "Lê Văn Bốn", "Khác", "31/02/1980", "KHONGCO"],  # row 5
        ["c5", "Lê Văn Năm", "Nam", "01/01/2099", "KT"],  # row 6: future birth
    ]
    sheets["Lãnh đạo"].append(["c1", "VHXH", "Phó phòng", "Cấp ba", "02/02/2026",
                               "01/02/2026"])  # row 3
    sheets["Lớp học"].append(["K2", "Lớp", "Tin học", None, None, "mười triệu"])  # row 3
    sheets["Học viên"].append(["K9", "c1", "xong"])  # row 3
    plan = exchange.read_workbook(workbook(tmp_path / "bad.xlsx", sheets), store)
    expected = [
        "Đơn vị, dòng 6, Loại đơn vị:", "Đơn vị, dòng 6, Tính chỉ tiêu 1:",
        "Đơn vị, dòng 5, Mã đơn vị: mã trùng với dòng 3",
        "Cán bộ, dòng 4, Họ và tên: «Họ và tên» không được để trống",
        "Cán bộ, dòng 5, Giới tính:", "Cán bộ, dòng 5, Ngày sinh:",
        "Cán bộ, dòng 5, Mã đơn vị: không có đơn vị mã «KHONGCO»",
        "Cán bộ, dòng 6, Ngày sinh: ngày sinh ở tương lai",
        "Lãnh đạo, dòng 3, Cấp:", "Lãnh đạo, dòng 3, Đến ngày:",
        "Lớp học, dòng 3, Kinh phí:",
        "Học viên, dòng 3, Mã lớp: không có lớp học mã «K9»", "Học viên, dòng 3, Kết quả:",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in plan.problems), (start, plan.problems)
    assert len(plan.problems) == len(expected)
    # listed as they will be fixed: sheet by sheet, top to bottom
    order = [(list(sheets).index(p.split(",")[0]), int(p.split(", dòng ")[1].split(",")[0]))
             for p in plan.problems]
    assert order == sorted(order)
    assert plan.batches == {}
    with pytest.raises(ValueError):
        exchange.apply(plan, store)
    assert store.records.count("units") == 0 and store.records.count("cadres") == 0


def test_references_may_point_into_the_data_file(store, tmp_path):
    import_file(store, workbook(tmp_path / "a.xlsx", good_sheets()))
    other = {"Cán bộ": [CADRES_H, ["c9", "Phạm Thị Chín", "Nữ", None, "KT"]]}
    import_file(store, workbook(tmp_path / "b.xlsx", other))
    assert store.records.count("cadres") == 3
    plan = exchange.read_workbook(workbook(tmp_path / "c.xlsx", other), None)
    assert plan.problems == ["Cán bộ, dòng 2, Mã đơn vị: không có đơn vị mã «KT» trong tệp "
                             "hoặc trong dữ liệu"]


def test_update_semantics_absent_column_kept_empty_cell_cleared(store, tmp_path):
    sheets = {"Đơn vị": [[*UNITS_H, "Ghi chú"],
                         ["TH", "Trường", "Đơn vị sự nghiệp công lập", "Có", None, "ghi chú"]]}
    import_file(store, workbook(tmp_path / "a.xlsx", sheets))
    unit = next(store.records.iter_records("units"))
    assert unit["in_scope_ct1"] is True and unit["note"] == "ghi chú"
    # no Ghi chú column: the note stays; an empty Tính chỉ tiêu 1 takes the kind's default
    again = {"Đơn vị": [UNITS_H, ["TH", "Trường", "Đơn vị sự nghiệp công lập", None, None]]}
    counts = import_file(store, workbook(tmp_path / "b.xlsx", again))
    assert counts["units"].updated == 1
    unit = next(store.records.iter_records("units"))
    assert unit["in_scope_ct1"] is False and unit["note"] == "ghi chú"
    cleared = {"Đơn vị": [["Mã đơn vị", "Tên đơn vị", "Ghi chú"], ["TH", "Trường", None]]}
    import_file(store, workbook(tmp_path / "c.xlsx", cleared))
    assert next(store.records.iter_records("units"))["note"] is None


def test_formula_like_text_is_stored_and_exported_as_text(store, tmp_path):
    texts = ['=HYPERLINK("http://x")', "+1+1", "=SUM(1,2)", "@SUM(1)", "-2+3"]
    sheets = {"Đơn vị": [["Mã đơn vị", "Tên đơn vị", "Ghi chú"]] +
              [[f"U{i}", t, t] for i, t in enumerate(texts)]}
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Đơn vị")
    for row in sheets["Đơn vị"]:
        ws.append(row)
    for row in ws.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.data_type = "s"  # as a unit's Excel would keep text typed with a quote
    # rows 4-5 stay as openpyxl wrote them: "=..." there is a formula cell
    wb.save(tmp_path / "f.xlsx")
    import_file(store, tmp_path / "f.xlsx")
    assert [u["name"] for u in store.records.iter_records("units")] == texts
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(store, out)
    ws = load_workbook(out)["Đơn vị"]
    for row in ws.iter_rows(min_row=2):
        assert row[1].data_type == "s" and row[1].value in texts


def test_export_then_import_into_a_new_file_gives_identical_data(store, tmp_path):
    import_file(store, workbook(tmp_path / "a.xlsx", good_sheets()))
    store.records.save("cadres", {"code": "c7", "full_name": "Vũ Thị Bảy", "gender": "Nữ",
                                  "unit_code": "TH", "birth": "1990", "to_date": "30/06/2026"})
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(store, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Thông tin", "Đơn vị", "Cán bộ", "Lãnh đạo", "Quy hoạch",
                             "Lớp học", "Học viên", "Hoạt động", "Kinh phí",
                             "Kế hoạch đào tạo", "Rà soát quy hoạch", "Chỉ tiêu đơn vị",
                             "Nội dung báo cáo"]
    assert isinstance(wb["Cán bộ"]["D2"].value, dt.datetime)  # a real date cell
    with Store.open(tmp_path / "new.sqlite", create=True) as fresh:
        import_file(fresh, out)
        for table in ("units", "cadres", "posts", "planning", "courses", "enrolments"):
            strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
            assert strip(fresh.records.iter_records(table)) == \
                strip(store.records.iter_records(table))
        for day in (dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 11, 15)):
            assert indicators.compute(fresh, day).as_json() == \
                indicators.compute(store, day).as_json()


@pytest.mark.parametrize("content", [b"", b"Ma don vi;Ten\nA;B\n", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, content):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(exchange.WorkbookError) as err:
        exchange.read_workbook(path, None)
    assert "không phải tệp Excel" in err.value.message


def test_a_workbook_without_any_known_sheet_is_refused(tmp_path):
    plan = exchange.read_workbook(workbook(tmp_path / "x.xlsx", {"Sheet1": [["a"]]}), None)
    assert len(plan.problems) == 1 and "không có trang nào" in plan.problems[0]


def test_a_sheet_without_its_required_headers_is_a_problem(tmp_path):
    plan = exchange.read_workbook(
        workbook(tmp_path / "x.xlsx", {"Cán bộ": [["Mã cán bộ", "Họ và tên"], ["c", "A"]]}),
        None)
    assert plan.problems and plan.problems[0].startswith("Cán bộ, dòng 1-10:")


def test_cancel_stops_without_writing(store, tmp_path):
    rows = [UNITS_H] + [[f"U{i}", f"Đơn vị {i}", None, None, None] for i in range(1200)]
    path = workbook(tmp_path / "big.xlsx", {"Đơn vị": rows})
    seen = []
    with pytest.raises(exchange.WorkbookError) as err:
        exchange.read_workbook(path, store, progress=lambda a, b: seen.append(a),
                               is_cancelled=lambda: len(seen) >= 1)
    assert "Đã hủy" in err.value.message and store.records.count("units") == 0


def test_a_code_used_by_another_kind_of_record_is_refused(store, tmp_path):
    sheets = good_sheets()
    sheets["Cán bộ"].append(["KT", "Lê Thị Ba", "Nữ", None, "KT"])  # row 4: a unit's code
    plan = exchange.read_workbook(workbook(tmp_path / "a.xlsx", sheets), store)
    assert plan.problems == [
        "Cán bộ, dòng 4, Mã cán bộ: mã «KT» đã được dùng cho đơn vị «Phòng Kinh tế»; mỗi mã chỉ "
        "dùng cho một loại bản ghi (đơn vị, cán bộ, lớp học hoặc hoạt động) (Đơn vị, dòng 3)"]
    assert plan.batches == {}
    import_file(store, workbook(tmp_path / "b.xlsx", good_sheets()))
    course = {"Lớp học": [["Mã lớp", "Tên lớp", "Loại"], ["c2", "Tin học cơ bản", "Tin học"]]}
    plan = exchange.read_workbook(workbook(tmp_path / "c.xlsx", course), store)
    assert plan.problems == [
        "Lớp học, dòng 2, Mã lớp: mã «C2» đã được dùng cho cán bộ «Trần Văn Nam»; mỗi mã chỉ "
        "dùng cho một loại bản ghi (đơn vị, cán bộ, lớp học hoặc hoạt động)"]


def test_a_pair_already_stored_reimports(store, tmp_path):
    import_file(store, workbook(tmp_path / "a.xlsx", good_sheets()))
    with store._write():  # stored by an older version, before codes were checked
        store._conn.execute("UPDATE courses SET code = 'KT'")
    exchange.export_workbook(store, tmp_path / "out.xlsx")
    counts = import_file(store, tmp_path / "out.xlsx")
    assert counts["courses"].unchanged == 1 and counts["units"].unchanged == 3


def test_an_export_names_the_data_file_it_came_from(store, tmp_path):
    out = tmp_path / "ra.xlsx"
    exchange.export_workbook(store, out)
    cover = load_workbook(out, read_only=True).worksheets[0]
    rows = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if len(r) > 1 and r[0]}
    file_id = store.settings.read()["file_id"]
    assert len(file_id) == 32 and rows[exchange.COVER_FILE_ID] == file_id
    # another file's export says another identity
    with Store.open(tmp_path / "khac.sqlite", create=True) as other:
        exchange.export_workbook(other, tmp_path / "khac.xlsx")
        cover = load_workbook(tmp_path / "khac.xlsx", read_only=True).worksheets[0]
        rows = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if len(r) > 1 and r[0]}
        assert rows[exchange.COVER_FILE_ID] == other.settings.read()["file_id"] != file_id
