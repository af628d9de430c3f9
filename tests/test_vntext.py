import unicodedata

from tanhoi_desktop import vntext


def test_clean_makes_nfc_and_trims():
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Hồng ")
    assert nfd != "Nguyễn Thị Hồng"
    assert vntext.clean(nfd) == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", vntext.clean(nfd))


def test_fold_removes_diacritics_case_and_d_stroke():
    assert vntext.fold("Nguyễn Thị Hồng") == "nguyen thi hong"
    assert vntext.fold("ĐOÀN Đức") == "doan duc"
    assert vntext.fold_compact("Mã  đơn-vị") == vntext.fold_compact("MA DON VI") == "madonvi"


def _sorted(names):
    return sorted(names, key=vntext.name_sort_key)


def test_names_sort_by_given_name_then_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Thị Cúc"]
    assert _sorted(names) == ["Nguyễn Thị An", "Lê Văn An", "Trần Văn Bình", "Phạm Thị Cúc"]


def test_vietnamese_letter_order():
    # a < ă < â, d < đ, o < ô < ơ, u < ư; and "An" before "Anh" (a prefix first)
    names = ["Lê Đức", "Lê Dũng", "Lê Ơn", "Lê Ôn", "Lê On", "Lê Ân", "Lê Ăn", "Lê Anh", "Lê An"]
    assert _sorted(names) == ["Lê An", "Lê Anh", "Lê Ăn", "Lê Ân", "Lê Dũng", "Lê Đức",
                              "Lê On", "Lê Ôn", "Lê Ơn"]


def test_tones_only_break_ties_in_dictionary_order():
    # ngang < huyền < hỏi < ngã < sắc < nặng
    names = ["Lê Mạ", "Lê Má", "Lê Mã", "Lê Mả", "Lê Mà", "Lê Ma"]
    assert _sorted(names) == ["Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ"]
    # the letters decide before any tone does
    assert _sorted(["Lê Mạnh", "Lê Mai"]) == ["Lê Mai", "Lê Mạnh"]


def test_sort_key_is_plain_ascii_for_any_sqlite_tool():
    key = vntext.name_sort_key("Nguyễn Thị Hồng")
    assert key.isascii()


def test_control_characters_detected():
    assert vntext.has_control_chars("abc\x07")
    assert not vntext.has_control_chars("Nguyễn Thị Hồng")


def test_given_name_decides_before_middle_and_family_names():
    assert _sorted(["Phạm Thị Ánh", "Võ Văn Anh", "Lê Bình"]) == \
        ["Võ Văn Anh", "Phạm Thị Ánh", "Lê Bình"]
