"""Percentages round a tie up, as a hand count and Excel's ROUND do: 5/16 is 31,3 %, not
Python's 31,2 % (a tie to even); a float is read at its shortest decimal spelling."""

from fractions import Fraction

import pytest

from tanhoi_desktop import domain


@pytest.mark.parametrize(("value", "text"), [
    (Fraction(5, 16), "31,3 %"), (5 / 16, "31,3 %"), (Fraction(1, 16), "6,3 %"),
    (Fraction(1, 400), "0,3 %"), (2 / 3, "66,7 %"), (Fraction(1, 3), "33,3 %"),
    (0.75, "75,0 %"), (0.0, "0,0 %"), (1.0, "100,0 %"), (None, "—"),
])
def test_a_percentage_rounds_its_tie_up(value, text):
    assert domain.format_percent(value) == text


@pytest.mark.parametrize(("change", "text"), [
    (Fraction(1, 16), "+6,3 điểm %"), (Fraction(-1, 16), "−6,3 điểm %"),
    (Fraction(1, 10**6), "0,0 điểm %"), (Fraction(0), "0,0 điểm %"), (None, "—"),
])
def test_a_change_in_points_rounds_its_tie_up(change, text):
    assert domain.format_points(change) == text
