"""Vietnamese text: NFC normalisation, folding for search, and a name sort key.

The sort key is a plain ASCII string stored in a column, so that any SQLite tool sorts
names correctly without a custom collation.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Every mark Vietnamese uses (tones, breve, circumflex, horn) is a combining diacritic.
_MARKS = re.compile("[\u0300-\u036f]")
# Control characters other than tab/newline are never legitimate in a field.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Vietnamese alphabet order, with the Latin letters that appear in foreign names
# slotted where a Vietnamese dictionary puts them.
_ALPHABET = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)
_LETTER_CODE = {
    letter: chr(ord("A") + i) if i < 26 else chr(ord("a") + i - 26)
    for i, letter in enumerate(_ALPHABET)
}
# Combining marks that make a different letter (ă, â, ê, ô, ơ, ư) ...
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# ... and the tones, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_TONE_SEP = " "  # ends a word's letters: lower than any letter, so "An" < "Anh"
_WORD_SEP = "!"  # between words, after the tones (digits) of the previous word


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: object) -> str:
    """Text as stored: NFC, trimmed, inner runs of white space made one space, and no
    invisible format characters (zero-width space, BOM, direction marks...), which would
    make two codes that look the same differ."""
    if text is None:
        return ""
    out = " ".join(nfc(str(text)).split())  # split() drops every run of white space
    if not out.isprintable():  # one C pass; false only for the rare odd character
        out = " ".join(strip_invisible(out).split())
    return out


def strip_invisible(text: str) -> str:
    """Without Unicode format characters (category Cf)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text))


def fold(text: object) -> str:
    """Lower case, no diacritics, đ -> d, single spaces: for search and loose matching."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return " ".join(_MARKS.sub("", decomposed).casefold().split())


def fold_compact(text: object) -> str:
    """Fold and drop everything but letters and digits: 'Mã  đơn-vị' == 'MA DON VI'."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


@functools.lru_cache(maxsize=4096)  # a handful of characters make every word
def _letter_and_tone(ch: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    tone = "0"
    letter = base
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif mark in _LETTER_MARKS:
            letter += mark
    return unicodedata.normalize("NFC", letter), tone


@functools.lru_cache(maxsize=65536)  # names share their words: Nguyễn, Thị, Văn ...
def _word_key(word: str) -> tuple[str, str]:
    letters, tones = [], []
    for ch in word:
        letter, tone = _letter_and_tone(ch)
        if letter in _LETTER_CODE:
            letters.append(_LETTER_CODE[letter])
            tones.append(tone)
        elif letter.isdigit():
            letters.append(letter)
            tones.append("0")
    return "".join(letters), "".join(tones)


@functools.lru_cache(maxsize=65536)
def _word_part(word: str) -> str:
    letters, tones = _word_key(word)
    return f"{letters}{_TONE_SEP}{tones}"


def _key(words: list[str]) -> str:
    # Each word whole (letters, then its tones) before the next word: "Anh" < "Ánh" is
    # decided on the given name, before any middle or family name is looked at.
    return _WORD_SEP.join(map(_word_part, words))


@functools.lru_cache(maxsize=16384)  # a province repeats its full names too
def name_sort_key(full_name: str) -> str:
    """Sort key for a Vietnamese full name: given name, then middle names, then family name.

    Letters compare in Vietnamese alphabet order (a < ă < â < b ... d < đ); within a word,
    tones break ties in the order ngang < huyền < hỏi < ngã < sắc < nặng."""
    words = clean(full_name).split(" ")
    if words == [""]:
        return ""
    return _key([words[-1], *words[1:-1], words[0]] if len(words) > 1 else words)


def text_sort_key(text: str) -> str:
    """Vietnamese order for any text in reading order (unit names, course names)."""
    return _key([w for w in clean(text).split(" ") if w])
