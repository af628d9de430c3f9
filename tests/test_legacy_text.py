"""Text typed in TCVN3 (ABC, .VnTime) or VNI-Windows comes in as Unicode, by the cell's
font where the workbook has one and by its characters where it has none."""

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font

from tanhoi_desktop import legacy_text
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.store import Store

# Every precomposed Vietnamese letter, each base in the order plain, huyền, hỏi, ngã,
# sắc, nặng; written out from the encodings' published charts, not from our tables.
UNICODE = [
    "a à ả ã á ạ", "ă ằ ẳ ẵ ắ ặ", "â ầ ẩ ẫ ấ ậ", "e è ẻ ẽ é ẹ", "ê ề ể ễ ế ệ",
    "i ì ỉ ĩ í ị", "o ò ỏ õ ó ọ", "ô ồ ổ ỗ ố ộ", "ơ ờ ở ỡ ớ ợ", "u ù ủ ũ ú ụ",
    "ư ừ ử ữ ứ ự", "y ỳ ỷ ỹ ý ỵ", "đ",
]
TCVN3 = [
    "a µ ¶ · ¸ ¹", "¨ » ¼ ½ ¾ Æ", "© Ç È É Ê Ë", "e Ì Î Ï Ð Ñ", "ª Ò Ó Ô Õ Ö",
    "i × Ø Ü Ý Þ", "o ß á â ã ä", "« å æ ç è é", "¬ ê ë ì í î", "u ï ñ ò ó ô",
    "\u00ad õ ö ÷ ø ù", "y ú û ü ý þ", "®",
]
TCVN3_CAPITAL_BASES = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
VNI = [
    "a aø aû aõ aù aï", "aê aè aú aü aé aë", "aâ aà aå aã aá aä", "e eø eû eõ eù eï",
    "eâ eà eå eã eá eä", "i ì æ ó í ò", "o oø oû oõ où oï", "oâ oà oå oã oá oä",
    "ô ôø ôû ôõ ôù ôï", "u uø uû uõ uù uï", "ö öø öû öõ öù öï", "y yø yû yõ yù î", "ñ",
]
VNI_CAPITAL = [
    "A AØ AÛ AÕ AÙ AÏ", "AÊ AÈ AÚ AÜ AÉ AË", "AÂ AÀ AÅ AÃ AÁ AÄ", "E EØ EÛ EÕ EÙ EÏ",
    "EÂ EÀ EÅ EÃ EÁ EÄ", "I Ì Æ Ó Í Ò", "O OØ OÛ OÕ OÙ OÏ", "OÂ OÀ OÅ OÃ OÁ OÄ",
    "Ô ÔØ ÔÛ ÔÕ ÔÙ ÔÏ", "U UØ UÛ UÕ UÙ UÏ", "Ö ÖØ ÖÛ ÖÕ ÖÙ ÖÏ", "Y YØ YÛ YÕ YÙ Î", "Ñ",
]


def _pairs(legacy_rows, unicode_rows):
    for legacy, letters in zip(legacy_rows, unicode_rows, strict=True):
        yield from zip(legacy.split(), letters.split(), strict=True)


@pytest.mark.parametrize(("legacy", "letter"), list(_pairs(TCVN3, UNICODE)))
def test_every_tcvn3_letter(legacy, letter):
    assert legacy_text.convert(legacy, legacy_text.TCVN3) == letter
    # .VnTimeH draws the same characters as capitals
    assert legacy_text.convert(legacy, legacy_text.TCVN3, upper=True) == letter.upper()


@pytest.mark.parametrize(("letter", "legacy"), list(TCVN3_CAPITAL_BASES.items()))
def test_tcvn3_capital_bases(letter, legacy):
    assert legacy_text.convert(legacy, legacy_text.TCVN3) == letter


@pytest.mark.parametrize(("legacy", "letter"),
                         list(_pairs(VNI, UNICODE)) + list(_pairs(VNI_CAPITAL, [
                             u.upper() for u in UNICODE])))
def test_every_vni_letter(legacy, letter):
    assert legacy_text.convert(legacy, legacy_text.VNI) == letter


@pytest.mark.parametrize(("text", "encoding", "unicode"), [
    ("Ph¹m ThÞ Lan", legacy_text.TCVN3, "Phạm Thị Lan"),
    ("NguyÔn V¨n TuÊn", legacy_text.TCVN3, "Nguyễn Văn Tuấn"),
    ("Uû ban nh©n d©n x· T©n Héi", legacy_text.TCVN3, "Uỷ ban nhân dân xã Tân Hội"),
    ("Phaïm Thò Lan", legacy_text.VNI, "Phạm Thị Lan"),
    ("Nguyeãn Vaên Tuaán", legacy_text.VNI, "Nguyễn Văn Tuấn"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", legacy_text.VNI,
     "Cộng hòa xã hội chủ nghĩa Việt Nam"),
])
def test_text_alone_tells_its_encoding(text, encoding, unicode):
    assert legacy_text.guess(text) == encoding
    assert legacy_text.convert(text, encoding) == unicode


@pytest.mark.parametrize("text", [
    "Nguyễn Thị Hoà", "Hoá", "Tô Văn Tú", "Phòng Văn hóa - Xã hội", "Trần Thị Ánh",
    "Lê Thị Mỹ Dung", "PKT", "Café Ô Môn", "Ngô Thị Hồng Nhung", "Khuê", "Thuý Kiều",
])
def test_unicode_text_is_left_alone(text):
    assert legacy_text.guess(text) is None


def _legacy_workbook(tmp_path):
    """The demo's workbook with some cadres' names typed in the old encodings, each in
    its font, one in .VnTimeH, one VNI name in a plain font, one Unicode name in a
    .VnTime cell (a sheet made with the font but typed with a Unicode keyboard)."""
    book = load_workbook(demo_workbook())
    ws = book["Cán bộ"]
    header = [c.value for c in ws[1]]
    name_col = header.index("Họ và tên") + 1
    typed = {
        2: ("Ph¹m ThÞ Lan", Font(name=".VnTime"), "Phạm Thị Lan"),
        3: ("nguyÔn v¨n tuÊn", Font(name=".VnTimeH"), "NGUYỄN VĂN TUẤN"),
        4: ("Leâ Thò Myõ", Font(name="VNI-Times"), "Lê Thị Mỹ"),
        5: ("Nguyeãn Vaên Ñaït", Font(name="Arial"), "Nguyễn Văn Đạt"),
        6: ("Trần Thị Hoá", Font(name=".VnTime"), "Trần Thị Hoá"),
    }
    codes = {}
    for row, (text, font, _) in typed.items():
        cell = ws.cell(row=row, column=name_col)
        cell.value, cell.font = text, font
        codes[row] = ws.cell(row=row, column=header.index("Mã cán bộ") + 1).value
    path = tmp_path / "cu.xlsx"
    book.save(path)
    return path, {codes[row]: expected for row, (_, _, expected) in typed.items()}


def test_import_converts_legacy_names_with_one_warning_per_encoding(tmp_path):
    path, expected = _legacy_workbook(tmp_path)
    store = Store.open(tmp_path / "d.sqlite", create=True)
    try:
        plan = exchange.read_workbook(path, store)
        assert plan.problems == []
        notes = [w for w in plan.warnings if "bảng mã" in w]
        assert notes == [
            "Cán bộ: 2 ô gõ theo bảng mã TCVN3 (ABC) đã được chuyển sang Unicode; hãy xem lại "
            "các tên trước khi lưu",
            "Cán bộ: 2 ô gõ theo bảng mã VNI-Windows đã được chuyển sang Unicode; hãy xem lại "
            "các tên trước khi lưu",
        ]
        exchange.apply(plan, store)
        stored = {r["code"]: r["full_name"] for r in store.records.iter_records("cadres")}
        for code, name in expected.items():
            assert stored[code] == name
    finally:
        store.close()


def test_an_ordinary_workbook_says_nothing_of_encodings(tmp_path):
    store = Store.open(tmp_path / "d.sqlite", create=True)
    try:
        plan = exchange.read_workbook(demo_workbook(), store)
        assert not [w for w in plan.warnings if "bảng mã" in w]
        names = {r["full_name"] for r in plan.batches["cadres"]}
        book = load_workbook(demo_workbook(), read_only=True)
        ws = book["Cán bộ"]
        header = [c.value for c in next(ws.iter_rows(max_row=1))]
        col = header.index("Họ và tên")
        assert names == {row[col] for row in ws.iter_rows(min_row=2, values_only=True)
                         if row[col]}
    finally:
        store.close()
