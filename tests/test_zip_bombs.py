"""A zip whose directory lists one compressed part many times, and parts that inflate to
more than their headers declare: what is decompressed is what is counted, and a
directory whose entries overlap is refused before anything is decompressed."""

import zipfile

import pytest

from tanhoi_desktop.exchange import reader
from tanhoi_desktop.exchange import workbook as exchange

from .hostile_workbooks import many_parts_bomb, money_bombs, overlapping_entries_bomb


def test_one_part_listed_many_times_is_refused_before_it_is_decompressed(tmp_path,
                                                                         monkeypatch):
    path = overlapping_entries_bomb(tmp_path / "b.xlsx", copies=40, size=4 * 1024**2)
    with zipfile.ZipFile(path) as zf:  # the directory does list 41 parts of 4 MB
        assert sum(i.file_size > 4_000_000 for i in zf.infolist()) == 41
    inflated = []
    real = reader._raw_chunks
    monkeypatch.setattr(reader, "_raw_chunks", lambda fp, info: (
        inflated.append(info.filename) or real(fp, info)))
    plan = exchange.read_workbook(path, None)
    assert len(plan.problems) == 1 and "chồng lên nhau" in plan.problems[0]
    assert inflated == []


def test_a_directory_without_overlaps_still_reads(tmp_path):
    path = money_bombs(tmp_path / "k.xlsx")  # an ordinary zip (its cells are refused)
    plan = exchange.read_workbook(path, None)
    assert not any("chồng lên nhau" in p for p in plan.problems)


@pytest.mark.parametrize("declared", [1024, None])
def test_the_total_counts_what_came_out_not_what_the_headers_say(tmp_path, monkeypatch,
                                                                 declared):
    monkeypatch.setattr(reader, "MAX_TOTAL_BYTES", 8 * 1024**2)
    path = many_parts_bomb(tmp_path / "b.xlsx", parts=3, size=3 * 1024**2,
                           declared=declared)
    plan = exchange.read_workbook(path, None)
    assert len(plan.problems) == 1 and "khi giải nén lớn hơn 8 MB" in plan.problems[0]


def test_number_bombs_in_cells_are_listed_problems(tmp_path):
    plan = exchange.read_workbook(money_bombs(tmp_path / "k.xlsx"), None)
    assert [p.split(":")[0] for p in plan.problems] == [
        f"Lớp học, dòng {n}, Kinh phí" for n in range(2, 7)]
