"""The shape of the «Biểu số liệu gửi tỉnh» (spec/province.md): sheet names and headers,
shared by the commune's export and the province's intake, so that both read one list."""

from __future__ import annotations

from ..figures.indicators import ALL_KEYS

COVER = "Thông tin"
FIGURES = "Chỉ tiêu"
UNITS = "Đơn vị"
WORK = "Hoạt động"
BUDGET = "Kinh phí"
SHEETS = (COVER, FIGURES, UNITS, WORK, BUDGET)

# the cover sheet: label in column A, value in B
COMMUNE = "Xã"
COMMUNE_CODE = "Mã xã"
PROVINCE = "Tỉnh"
AS_OF = "Số liệu tính đến ngày"
EXPORTED = "Ngày xuất"
FILE_ID = "Mã tệp dữ liệu"
CLOSED = "Năm đã chốt"
COVER_LABELS = (COMMUNE, COMMUNE_CODE, PROVINCE, AS_OF, EXPORTED, FILE_ID, CLOSED)
EXPORTED_FORMAT = "%d/%m/%Y %H:%M:%S"

KEYS = ALL_KEYS  # the rows of «Chỉ tiêu»: every figure
FIGURE_HEADERS = ("Chỉ tiêu", "Tử số", "Mẫu số", "Mục tiêu", "Mốc", "Đánh giá")
UNIT_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Tính chỉ tiêu 1", "Ngành đặc thù",
                "Vai trò", "Số người", "Nữ", "Có nữ lãnh đạo chủ chốt",
                "Không tính (điều chỉnh)")
WORK_HEADERS = ("Nhóm nhiệm vụ", "Số hoạt động", "Số người tham gia", "Trong đó nữ",
                "Kinh phí")
BUDGET_HEADERS = ("Nguồn kinh phí", "Dự toán", "Thực hiện")

# the province's list of communes (`province communes`)
LIST_SHEET = "Danh sách xã"
LIST_HEADERS = ("Mã xã", "Tên xã")
