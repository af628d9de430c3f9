"""Vietnamese typed in the pre-Unicode font encodings, converted to Unicode.

Older office workbooks hold text typed with TCVN3 (ABC: the «.VnTime» fonts) or
VNI-Windows («VNI-Times») fonts. Excel stores what the keyboard produced as Latin-1
characters, and the font drew them as Vietnamese: «Ph¹m ThÞ Lan» (TCVN3) and
«Phaïm Thò Lan» (VNI) are both Phạm Thị Lan. The tables are made from the encodings'
rules (TCVN3: one character a letter; VNI: a base letter followed by one mark
character) and tested against every precomposed Vietnamese letter.

TCVN3 has no accented capitals: capitals are typed with the same characters in an
«H» font (.VnTimeH), which draws every letter as a capital, so such text comes back
upper-cased (`upper=True`).
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"
LABELS = {TCVN3: "TCVN3 (ABC)", VNI: "VNI-Windows"}

_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng (TCVN3's order)
# TCVN3: each toned vowel is one character; the five tones in _TONES order.
_TCVN3_TONED = {
    "a": "µ¶·¸¹", "ă": "»¼½¾Æ", "â": "ÇÈÉÊË", "e": "ÌÎÏÐÑ", "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ", "o": "ßáâãä", "ô": "åæçèé", "ơ": "êëìíî", "u": "ïñòóô",
    "ư": "õö÷øù", "y": "úûüýþ",
}
_TCVN3_PLAIN = {"ă": "¨", "â": "©", "ê": "ª", "ô": "«", "ơ": "¬", "ư": "\u00ad", "đ": "®",
                "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# VNI-Windows: a base letter, then a mark character (lower case; capitals below).
_VNI_TONE_MARKS = {"\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0301": "ù", "\u0323": "ï"}
_VNI_HAT_TONES = {"": "â", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0301": "á",
                  "\u0323": "ä"}  # â, ê, ô
_VNI_BREVE_TONES = {"": "ê", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0301": "é",
                    "\u0323": "ë"}  # ă
# letters VNI writes as one character (ơ, ư carry their tone after them)
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ỉ": "æ", "ị": "ò", "ĩ": "ó", "ỵ": "î",
               "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ", "Ỉ": "Æ", "Ị": "Ò", "Ĩ": "Ó", "Ỵ": "Î"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _tcvn3_table() -> dict[str, str]:
    table = {legacy: letter for letter, legacy in _TCVN3_PLAIN.items()}
    for base, codes in _TCVN3_TONED.items():
        for tone, code in zip(_TONES, codes, strict=True):
            table[code] = _compose(base, tone)
    return table


def _vni_table() -> dict[str, str]:
    table = {legacy: letter for letter, legacy in _VNI_SINGLE.items()}
    for upper in (False, True):
        def case(s: str, up: bool = upper) -> str:
            return s.upper() if up else s
        for base in "aeiouy":
            for tone, mark in _VNI_TONE_MARKS.items():
                table[case(base + mark)] = case(_compose(base, tone))
        for base in "aeo":
            for tone, mark in _VNI_HAT_TONES.items():
                table[case(base + mark)] = case(_compose(base, "\u0302", tone))
        for tone, mark in _VNI_BREVE_TONES.items():
            table[case("a" + mark)] = case(_compose("a", "\u0306", tone))
        for base, single in (("ơ", "ô"), ("ư", "ö")):
            for tone, mark in _VNI_TONE_MARKS.items():
                table[case(single + mark)] = case(_compose(base, tone))
    return table


_TABLES = {TCVN3: _tcvn3_table(), VNI: _vni_table()}
# longest sequences first, so that VNI's «oâ» (ô) wins over its «ô» (ơ)
_PATTERNS = {name: re.compile("|".join(re.escape(k) for k in sorted(t, key=len, reverse=True)))
             for name, t in _TABLES.items()}

# Characters that Unicode Vietnamese never uses but each encoding's text is full of.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_SIGNS = {c for c in _TABLES[TCVN3] if c not in _VIETNAMESE_LATIN1}
_VNI_SIGNS = {c for k in _TABLES[VNI] for c in k if c.isalpha() and not c.isascii()
              and c not in _VIETNAMESE_LATIN1}
# VNI pairs that Unicode Vietnamese never writes: a/e followed by a mark character
# (Unicode puts the tone on the a of «ai, ao, au, ay» and on the e of «eo»)
_VNI_PAIR = re.compile("[aeAE][ùøûõïâàåãáäêèúüéëÙØÛÕÏÂÀÅÃÁÄÊÈÚÜÉË]")
_ANY_SIGN = re.compile("[" + re.escape("".join(sorted(_TCVN3_SIGNS | _VNI_SIGNS))) + "]|"
                       + _VNI_PAIR.pattern)


def font_encoding(font_name: str) -> tuple[str, bool] | None:
    """(encoding, upper) for a legacy font's name, e.g. «.VnTimeH» -> (TCVN3, True)."""
    name = font_name.strip()
    if name.lower().startswith(".vn"):
        return TCVN3, name.endswith("H")
    if name.lower().startswith("vni"):
        return VNI, False
    return None


def may_be_legacy(text: str) -> bool:
    """Cheap first look (one regex pass): does the text hold any legacy sign at all?"""
    return _ANY_SIGN.search(text) is not None


def convert(text: str, encoding: str, upper: bool = False) -> str:
    table = _TABLES[encoding]
    out = _PATTERNS[encoding].sub(lambda m: table[m.group(0)], text)
    out = unicodedata.normalize("NFC", out)
    return out.upper() if upper else out


def _strangers(text: str) -> int:
    """Characters left that Unicode Vietnamese text would not hold."""
    return sum(1 for ch in text if "\u00a0" < ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1)


def guess(text: str) -> str | None:
    """The legacy encoding this text was typed in, judged by its characters alone;
    None for text that reads as Unicode Vietnamese (or any other Unicode text)."""
    if not may_be_legacy(text):
        return None
    tcvn3_signs = sum(1 for ch in text if ch in _TCVN3_SIGNS)
    vni_signs = sum(1 for ch in text if ch in _VNI_SIGNS) + len(_VNI_PAIR.findall(text))
    if not tcvn3_signs and not vni_signs:
        return None
    scored = sorted(((_strangers(convert(text, enc)), -signs, enc)
                     for enc, signs in ((TCVN3, tcvn3_signs), (VNI, vni_signs)) if signs))
    left, _, best = scored[0]
    return best if left < _strangers(text) or _VNI_PAIR.search(text) else None
