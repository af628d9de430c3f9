"""The plan's planning duties (III.2, V.4) on a date: the training plan against what was
done, what CT3 lacks, the pool's yearly review, BTV posts, and each unit's targets; in
`report --json` and through the exchange workbook."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from tanhoi_desktop.domain import Invalid
from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.figures import duties
from tanhoi_desktop.store import Store

D = dt.date(2026, 11, 15)
KN, TH = "Kỹ năng lãnh đạo, quản lý", "Tin học"


def seed(store):
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    store.records.save("units", {"code": "B", "name": "Phòng Kinh tế"})
    for code, name, gender, unit in [("w1", "Nguyễn Thị Hồng", "Nữ", "A"),
                                     ("w2", "Phạm Thị Ánh", "Nữ", "A"),
                                     ("w3", "Lê Thị Lan", "Nữ", "B"),
                                     ("m1", "Trần Văn Bình", "Nam", "A"),
                                     ("m2", "Võ Văn Anh", "Nam", "B")]:
        store.records.save("cadres", {"code": code, "full_name": name, "gender": gender,
                                      "unit_code": unit})
    for cadre, start, end, btv in [("w1", "01/06/2025", None, False),
                                   ("w2", "01/03/2026", None, False),
                                   ("w3", "01/02/2026", "30/09/2026", False),
                                   ("m1", "01/01/2024", None, False),
                                   ("m2", "01/05/2026", None, True)]:
        store.records.save("planning", {"cadre_code": cadre, "title": "Trưởng phòng",
                                        "from_date": start, "to_date": end, "btv": btv})
    for cadre, unit, level, btv in [("w1", "A", "Cấp trưởng", True),
                                    ("m1", "A", "Cấp phó", True),
                                    ("m2", "B", "Cấp trưởng", False)]:
        store.records.save("posts", {"cadre_code": cadre, "unit_code": unit,
                                     "title": "Trưởng phòng",
                                     "level": level, "from_date": "01/01/2025", "btv": btv})
    for code, kind, start, end, people in [("K1", KN, "01/04/2026", "05/04/2026", ["w1", "m1"]),
                                           ("K2", KN, "01/12/2026", "05/12/2026", ["w2"]),
                                           ("K3", TH, "01/06/2026", "03/06/2026", ["w3"])]:
        store.records.save("courses", {"code": code, "name": f"Lớp {code}", "kind": kind,
                                       "from_date": start, "to_date": end})
        for cadre in people:
            store.records.save("enrolments", {"course_code": code, "cadre_code": cadre})
    store.records.save("training_plan", {"year": 2026, "kind": KN, "planned": 5, "planned_women": 3,
                                         "planned_pool_women": 2})
    store.records.save("training_plan", {"year": 2026, "kind": TH, "planned": 2, "unit_code": "B"})
    store.records.save("unit_targets", {"unit_code": "A", "female_key_leader": True,
                                        "pool_women_percent": 50, "women_to_train": 1})
    store.records.save("unit_targets", {"unit_code": "A", "year": 2026, "female_key_leader": True,
                                        "women_to_train": 2})


@pytest.fixture
def seeded(store):
    seed(store)
    return store


def test_training_plan_counts_only_what_was_completed_by_the_date(seeded):
    plan = duties.compute(seeded, D).training
    by_kind = {line.kind: line for line in plan.lines}
    # K1 (April) counts: w1 and m1; K2 (December) is after the date
    assert (by_kind[KN].done, by_kind[KN].done_women, by_kind[KN].done_pool_women) == (2, 1, 1)
    # the line for unit B counts B's cadres only; w3 left the pool in September
    assert (by_kind[TH].unit_code, by_kind[TH].done, by_kind[TH].done_pool_women) == ("B", 1, 0)
    assert plan.total("planned") == 7
    after_k2 = duties.compute(seeded, dt.date(2026, 12, 31)).training
    assert {line.kind: line.done for line in after_k2.lines}[KN] == 3


def test_ct3_gap_lists_the_untrained_women_of_the_pool_and_what_is_missing(seeded):
    gap = duties.compute(seeded, D).gap
    # the pool on d: w1, w2 (w3 ended); w1 is trained (K1), w2's course is after d
    assert (gap.women, gap.trained) == (2, 1)
    assert [(u.code, u.unit_code) for u in gap.untrained] == [("W2", "A")]  # typed w2
    assert gap.need_for_target == 1  # 90 % of 2 is 1,8: two trained women, one more
    seeded.records.save("enrolments", {"course_code": "K3", "cadre_code": "w2"})
    assert duties.compute(seeded, D).gap.untrained == ()
    assert duties.compute(seeded, D).gap.need_for_target == 0


def test_pool_review_counts_entries_added_and_ended_in_the_year_by_sex(seeded):
    review = duties.compute(seeded, D).review
    assert (review.added_women, review.added_men) == (2, 1)  # w2, w3; m2
    assert (review.ended_women, review.ended_men) == (1, 0)  # w3
    assert review.before == (1, 2)  # on 31/12/2025: w1 and m1
    assert review.after == (2, 4)  # on d: w1, w2, m1, m2
    assert review.review_date is None
    assert not review.is_overdue(D) and review.is_overdue(dt.date(2026, 12, 31))
    seeded.settings.save({duties.REVIEW_BY_SETTING: "31/10"})
    assert duties.compute(seeded, D).review.is_overdue(D)
    assert "Chưa ghi nhận rà soát quy hoạch năm 2026" in duties.review_sentence(review)
    seeded.records.save("pool_reviews", {"year": 2026, "review_date": "20/10/2026",
                                         "decision_no": "45/QĐ-UBND"})
    done = duties.compute(seeded, D).review
    assert not done.is_overdue(D)
    assert duties.review_sentence(done) == ("Đã rà soát quy hoạch năm 2026 ngày 20/10/2026, "
                                            "quyết định số 45/QĐ-UBND.")


def test_btv_share_is_informational_unless_a_target_is_set(seeded):
    btv = duties.compute(seeded, D).btv
    assert (btv.holders_women, btv.holders) == (1, 2)  # w1, m1 hold BTV posts
    assert (btv.pool_women, btv.pool) == (0, 1)  # m2's pool entry
    assert btv.status() is None
    seeded.settings.save({duties.BTV_TARGET_SETTING: "0.5"})
    assert duties.compute(seeded, D).btv.status() == "Đạt"
    seeded.settings.save({duties.BTV_TARGET_SETTING: "0.6"})
    assert duties.compute(seeded, D).btv.status() == "Chưa đạt"


def test_each_unit_is_held_to_the_years_targets_else_the_periods(seeded):
    units = {u.code: u for u in duties.compute(seeded, D).units}
    a = units["A"]
    assert a.target_year == 2026 and a.target_women_to_train == 2
    assert a.has_female_key_leader and (a.pool_women, a.pool) == (2, 3)
    assert a.women_trained == 1
    assert a.behind() == ["còn 1 nữ cần đào tạo"]
    later = {u.code: u for u in duties.compute(seeded, dt.date(2027, 6, 30)).units}["A"]
    assert later.target_year is None and later.target_pool_women_percent == 50
    # the period's «1 woman to train» is judged by its end, not in 2027
    assert later.women_trained == 2 and later.behind() == []  # w1 (K1), w2 (K2)
    assert "B" not in units  # (a unit without targets is not counted at all)


def test_rules_refuse_impossible_plans(store):
    store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    with pytest.raises(Invalid) as exc:
        store.records.save("training_plan", {"year": 2026, "kind": KN, "planned": 2,
                                             "planned_women": 3})
    assert "không được lớn hơn" in exc.value.problems["planned_women"]
    with pytest.raises(Invalid):
        store.records.save("unit_targets", {"unit_code": "A", "pool_women_percent": 120})


def test_report_json_carries_the_duties(seeded, tmp_path):
    path = seeded.path
    seeded.close()
    out = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "report", "--db", str(path),
                          "--as-of", D.isoformat(), "--json"], capture_output=True, check=True)
    data = json.loads(out.stdout.decode("utf-8"))
    assert data["training_plan"]["planned"] == 7 and data["training_plan"]["done"] == 3
    assert data["ct3_gap"]["untrained"][0]["code"] == "W2"
    assert data["pool_review"]["added"] == {"Nữ": 2, "Nam": 1}
    assert data["btv"]["holders"] == {"numerator": 1, "denominator": 2, "value": 0.5}
    assert [u["code"] for u in data["unit_targets"]] == ["A"]


def test_the_duties_travel_through_the_exchange_workbook(seeded, tmp_path):
    seeded.records.save("pool_reviews", {"year": 2026, "review_date": "20/10/2026"})
    out = tmp_path / "out.xlsx"
    exchange.export_workbook(seeded, out)
    with Store.open(tmp_path / "new.sqlite", create=True) as fresh:
        plan = exchange.read_workbook(out, fresh)
        assert plan.problems == []
        exchange.apply(plan, fresh)
        for table in ("training_plan", "pool_reviews", "unit_targets", "posts", "planning"):
            def strip(rows):
                return sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k != "id"))
                               for r in rows)
            assert strip(fresh.records.iter_records(table)) == \
                strip(seeded.records.iter_records(table))
        assert duties.compute(fresh, D).as_json() == duties.compute(seeded, D).as_json()


def test_a_units_workbook_carries_its_targets_and_figures_and_brings_back_its_report(
        seeded, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "A.xlsx"
    exchange.export_workbook(seeded, out, unit_code="A", year=2026)
    book = load_workbook(out)
    cover = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)
             if row and row[0]}
    assert cover["Có nữ lãnh đạo chủ chốt"] == "Có"
    assert cover["Chỉ tiêu (2026)"] == "có nữ lãnh đạo chủ chốt; đào tạo 2 nữ"
    assert [r[0] for r in book["Chỉ tiêu đơn vị"].iter_rows(min_row=2, values_only=True)] \
        == ["A", "A"]
    assert "Kết quả thực hiện" in cover and cover["Kết quả thực hiện"] in (None, "")
    ws = book["Thông tin"]
    for row in ws.iter_rows():
        if row[0].value == "Kết quả thực hiện":
            row[1].value = "Tổ chức 2 lớp tập huấn.\nCử 1 nữ đi học."
        if row[0].value == "Kiến nghị, đề xuất":
            row[1].value = "Đề nghị hỗ trợ kinh phí."
    book.save(out)
    plan = exchange.read_workbook(out, seeded)
    assert plan.problems == [] and plan.sender == "A"
    exchange.apply(plan, seeded, exchange.Sender.for_plan(plan))
    reports = seeded.duties.unit_reports(2026)
    assert [(r["code"], r["report_results"], r["report_difficulties"], r["report_proposals"])
            for r in reports] == [("A", "Tổ chức 2 lớp tập huấn.\nCử 1 nữ đi học.", None,
                                   "Đề nghị hỗ trợ kinh phí.")]
    from tanhoi_desktop.ui.unit_reports_dialog import reports_text

    text = reports_text(reports)
    assert text.startswith("Phòng Văn hóa - Xã hội (A) - nhận ngày ")
    assert "Kết quả thực hiện:\nTổ chức 2 lớp tập huấn.\nCử 1 nữ đi học." in text
    assert "Khó khăn" not in text


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_yearly_report_has_the_duties_and_the_units_appendix(seeded, tmp_path, qapp):
    from openpyxl import load_workbook

    from tanhoi_desktop.report import content, pdf, xlsx

    seeded.records.save("pool_reviews", {"year": 2026, "review_date": "20/10/2026",
                                         "decision_no": "45/QĐ-UBND"})
    out = tmp_path / "bc.pdf"
    pdf.write_pdf(seeded, D, out)
    text = " ".join(_pdf_text(out).split())
    assert "Kế hoạch đào tạo, bồi dưỡng; rà soát quy hoạch" in text
    assert "Kế hoạch đào tạo, bồi dưỡng năm 2026" in text
    # the plan's total row: 7 planned (3 women, 2 of the pool), 3 done (w1, m1 in K1; w3
    # in K3): 2 women, 1 of the pool (w1; w3 left the pool in September)
    assert "Cộng 7 (3 nữ; 2 nữ QH) 3 (2 nữ; 1 nữ QH)" in text
    assert "Nữ trong quy hoạch đã được đào tạo, bồi dưỡng: 1/2 (50,0 %)" in text
    assert "Phạm Thị Ánh" in text  # the one woman of the pool still to train
    assert "Đã rà soát quy hoạch năm 2026 ngày 20/10/2026, quyết định số 45/QĐ-UBND." in text
    assert "nữ giữ chức vụ 50,0 % (1/2)" in text
    assert "Chỉ tiêu của từng đơn vị và kết quả đến ngày 15/11/2026" in text
    sheet = content.build(seeded, D)
    book_path = tmp_path / "bc.xlsx"
    xlsx.render(sheet, book_path)
    cells = {c.value for ws in load_workbook(book_path).worksheets for row in ws.iter_rows()
             for c in row if isinstance(c.value, str)}
    assert "Kế hoạch đào tạo, bồi dưỡng năm 2026" in cells
    assert "Chỉ tiêu của các đơn vị" in cells
    assert "còn 1 nữ cần đào tạo" in cells  # unit A's own year target (Đánh giá)


def test_the_period_report_tells_the_duties_year_by_year(seeded, tmp_path):
    path = seeded.path
    seeded.records.save("pool_reviews", {"year": 2026, "review_date": "20/10/2026"})
    seeded.close()
    out = tmp_path / "gd.pdf"
    done = subprocess.run([sys.executable, "-m", "tanhoi_desktop", "print", "--db", str(path),
                           "--as-of", "2027-03-01", "--period", str(out)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8")
    text = " ".join(_pdf_text(out).split())
    assert "Kế hoạch đào tạo, rà soát quy hoạch và chỉ tiêu của đơn vị theo từng năm" in text
    # 2026 as of its 31/12 (K2 of December counted), 2027 as of the report's date
    assert ("Năm 2026 (đến ngày 31/12/2026): Kế hoạch đào tạo, bồi dưỡng năm 2026: 7 người "
            "(nữ 3), đã đào tạo 4 người (nữ 3).") in text
    assert "Đã rà soát quy hoạch năm 2026 ngày 20/10/2026." in text
    assert ("Năm 2027 (đến ngày 01/03/2027): Chưa có kế hoạch đào tạo, bồi dưỡng năm "
            "2027.") in text
    assert "Chưa ghi nhận rà soát quy hoạch năm 2027" in text


def test_the_panels_share_of_the_duties_is_read_without_the_whole_duties(seeded, monkeypatch):
    """After each edit the panel needs only the BTV counts and how many women of the pool
    are untrained: the same numbers as the whole duties, without listing every woman and
    every unit's progress (a province's thousands)."""
    from tanhoi_desktop.figures import service

    whole = duties.compute(seeded, D)
    calls = []
    real = duties.compute
    monkeypatch.setattr(duties, "compute", lambda *a, **k: calls.append(a) or real(*a, **k))
    shown = service.day_figures(seeded, D)
    assert calls == []
    assert shown.btv == whole.btv
    assert shown.untrained == len(whole.gap.untrained) == 1
    # w2 trained: no woman of the pool left untrained, in both
    seeded.records.save("enrolments", {"course_code": "K3", "cadre_code": "w2"})
    assert service.day_figures(seeded, D).untrained == 0
    assert real(seeded, D).gap.untrained == ()
