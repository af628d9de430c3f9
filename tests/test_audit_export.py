from openpyxl import load_workbook

from tanhoi_desktop.safety import audit_export


def test_audit_trail_exports_in_words_and_as_text(store, tmp_path):
    store.settings.save({"entered_by": "Trần Thị Thu"})
    uid = store.records.save("units",
                             {"code": "A1", "name": "Phòng Kinh tế", "special_sector": False})
    store.records.save("units", {"code": "A1", "name": "Phòng Kinh tế", "special_sector": True,
                                 "from_date": "01/02/2026"}, record_id=uid)
    # a code such as "=A1" is refused today, but a file from an older version holds it
    entries = store.audit.entries()
    for entry in entries:
        if entry["record_code"] == "A1":
            entry["record_code"] = "=A1"
    out = tmp_path / "nhat-ky.xlsx"
    audit_export.write_xlsx(entries, out)
    ws = load_workbook(out)["Nhật ký thay đổi"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == audit_export.HEADERS
    edit = rows[1]
    assert edit[1] == "Trần Thị Thu" and edit[3] == "Sửa" and edit[4] == "Đơn vị"
    assert edit[5] == "=A1" and ws["F2"].data_type == "s"
    assert edit[6] == "Ngành đặc thù: Không; Từ ngày: "
    assert edit[7] == "Ngành đặc thù: Có; Từ ngày: 01/02/2026"
    assert rows[2][3] == "Thêm" and rows[3][3] == "Cài đặt"


def test_each_record_is_described_with_the_headers_of_its_own_kind(store):
    from tanhoi_desktop import domain

    store.records.save("units", {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("courses", {"code": "L1", "name": "Bồi dưỡng kỹ năng",
                                   "kind": domain.ENTITY["courses"].by_name["kind"].choices[0]})
    rows = {e["table_name"]: audit_export.row_of(e) for e in store.audit.entries()
            if e["table_name"] in ("units", "courses")}
    unit_code = domain.ENTITY["units"].by_name["code"].header
    course_code = domain.ENTITY["courses"].by_name["code"].header
    assert unit_code != course_code  # «code» means a different thing in each
    assert rows["units"][7].startswith(f"{unit_code}: VHXH")
    assert rows["courses"][7].startswith(f"{course_code}: L1")
