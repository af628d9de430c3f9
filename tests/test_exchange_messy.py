"""Communes written the way units really fill in Excel (shuffled columns, unaccented or
upper-case headers, text dates, decomposed Unicode, title rows) import to the same figures
as the clean export."""

import datetime as dt
import random
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tanhoi_desktop import vntext
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.store import Store
from tests.test_indicators import _build, commune_st

DAYS = [dt.date(2025, 6, 30), dt.date(2026, 11, 15), dt.date(2027, 12, 31)]


def _messy_header(text: str, rng: random.Random) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return vntext.fold(text).upper()
    if choice == 1:
        return "  " + text.lower().replace(" ", "  ")
    if choice == 2:
        return unicodedata.normalize("NFD", text)
    return text


def _messy_value(value, rng: random.Random):
    if isinstance(value, dt.datetime):
        return rng.choice([value, value.strftime("%d/%m/%Y"), value.strftime("%Y-%m-%d"),
                           f"{value.day}/{value.month}/{value.year}"])
    if isinstance(value, str):
        value = rng.choice([value, value.upper(), unicodedata.normalize("NFD", value)])
    return value


def messy_copy(source, target, seed):
    rng = random.Random(seed)
    clean = load_workbook(source)
    out = Workbook()
    out.remove(out.active)
    for ws in clean.worksheets[1:]:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        sheet = out.create_sheet(_messy_header(ws.title, rng))
        for _ in range(rng.randrange(3)):  # title rows above the header
            sheet.append(["Danh sách do đơn vị lập"])
        sheet.append([_messy_header(rows[0][i], rng) for i in order])
        for row in rows[1:]:
            values = [row[i] for i in order]
            # codes and names are compared exactly by the store: keep their case
            sheet.append([v if i < 2 else _messy_value(v, rng) for i, v in zip(order, values,
                                                                               strict=True)])
    out.save(target)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(commune=commune_st, seed=st.integers(0, 10_000))
def test_messy_workbooks_give_the_same_figures(tmp_path_factory, commune, seed):
    tmp = tmp_path_factory.mktemp("messy")
    with Store.open(tmp / "a.sqlite", create=True) as original:
        _build(original, commune)
        exchange.export_workbook(original, tmp / "clean.xlsx")
        expected = [indicators.compute(original, d).as_json() for d in DAYS]
    messy_copy(tmp / "clean.xlsx", tmp / "messy.xlsx", seed)
    with Store.open(tmp / "b.sqlite", create=True) as fresh:
        plan = exchange.read_workbook(tmp / "messy.xlsx", fresh)
        assert plan.problems == []
        exchange.apply(plan, fresh)
        assert [indicators.compute(fresh, d).as_json() for d in DAYS] == expected


def test_rows_are_read_from_a1_wherever_the_data_starts(tmp_path):
    """A sheet whose data starts at C3 gives its rows from A1 (so that a row's index is
    the row number Excel shows), as one that starts at A1 does."""
    from tanhoi_desktop.exchange.reader import ExchangeReader

    book = Workbook()
    sheet = book.active
    sheet.title = "Lệch"
    sheet["C3"], sheet["D5"] = "x", 2
    other = book.create_sheet("Thẳng")
    other.append(["Mã", "Tên"])
    other.append(["A", "Phòng A"])
    path = tmp_path / "lech.xlsx"
    book.save(path)
    with ExchangeReader.open(path) as reader:
        shifted = reader.read("Lệch").rows
        straight = reader.read("Thẳng").rows
    assert shifted[2][2] == "x" and shifted[4][3] == 2 and len(shifted) == 5
    assert straight == [["Mã", "Tên"], ["A", "Phòng A"]]
