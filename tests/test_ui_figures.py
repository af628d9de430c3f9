"""The figures over the plan's years on real widgets: the panel's CT1 national and waived
units, the drill-down, the unit form's flag hint, Cài đặt's plan start and baselines,
and the yearly close dialog."""

import datetime as dt
from fractions import Fraction

import pytest

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.ui import close_dialog
from tanhoi_desktop.ui.close_dialog import CHANGED, CloseYearDialog
from tanhoi_desktop.ui.drill_dialog import DrillDialog
from tanhoi_desktop.ui.record_dialog import RecordDialog
from tanhoi_desktop.ui.settings_dialog import SettingsDialog, parse_baseline, show_baseline

from .waiting import figures_settled

D = dt.date(2026, 11, 15)


@pytest.fixture
def window(open_window):
    return open_window(as_of=D)


def unit(store, code, name, **kw):
    return store.records.save("units",
                              {"code": code, "name": name, "from_date": "2025-01-01", **kw})


def staff(store, unit_code, women, men, since="2025-01-01"):
    for i in range(women + men):
        store.records.save("cadres", {"code": f"{unit_code}{i}",
                                      "full_name": f"Cán bộ {unit_code} {i}",
                                      "gender": "Nữ" if i < women else "Nam",
                                      "unit_code": unit_code,
                                      "from_date": since})


def lead(store, cadre_code, unit_code, start="2025-01-01"):
    store.records.save("posts", {"cadre_code": cadre_code, "unit_code": unit_code,
                                 "title": "Trưởng phòng", "level": "Cấp trưởng",
                                 "from_date": start})


def commune(store):
    """PKT flagged, 2/12 women, no female leader: waived. TC flagged, 5/12 = 41,7 %: not.
    UBND (role UBND) led by a woman; HĐND led by a man."""
    unit(store, "PKT", "Phòng Kinh tế", special_sector=True)
    staff(store, "PKT", 2, 10)
    unit(store, "TC", "Phòng Tài chính", special_sector=True)
    staff(store, "TC", 5, 7)
    unit(store, "UB", "Ủy ban nhân dân xã", role="UBND")
    staff(store, "UB", 1, 2)
    lead(store, "UB0", "UB")
    unit(store, "HD", "Hội đồng nhân dân xã", role="HĐND")
    staff(store, "HD", 0, 2)
    lead(store, "HD0", "HD")


def test_panel_names_waived_units_and_shows_ct1_national(window, qtbot):
    commune(window.store)
    cards = figures_settled(qtbot, window.panel).cards
    assert cards["CT1"].value.text() == "25,0 %"
    assert cards["CT1_adj"].value.text() == "33,3 %"  # PKT left out, TC (41,7 %) kept
    # (a no-break space before «%»: the wrapped line does not break there)
    assert cards["CT1_adj"].extra.text() == "Không tính: Phòng Kinh tế (16,7\u00a0% nữ)"
    assert cards["CT1"].extra.text() == \
        "CT1 quốc gia (HĐND, UBND xã): 50,0\u00a0%\u00a0· 1/2\u00a0đơn\u00a0vị"
    # every record dates from 2025: the baseline (31/12/2025) equals today's figure, and
    # m(2026) = 1/4 + (3/4 - 1/4) / 5 = 35 %: below it
    assert cards["CT1"].status.text() == "Chậm tiến độ"
    assert "mốc\u00a0năm\u00a02026\u00a035,0\u00a0%" in cards["CT1"].detail.text()
    assert "31/12/2025" in window.panel.window_note.text()


def test_drill_down_says_why_each_flagged_unit_counts_or_not(window, qtbot):
    commune(window.store)
    dialog = DrillDialog(window.store, "CT1_adj", figures_settled(qtbot, window.panel).figures,
                         window)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert rows["Đơn vị không tính ở CT1 điều chỉnh (1)"] == ["Phòng Kinh tế"]
    assert rows["Đánh dấu ngành đặc thù nhưng vẫn được tính (1)"] == ["Phòng Tài chính"]
    assert rows["CT1 theo định nghĩa quốc gia: HĐND, UBND xã (1/2 = 50,0 %)"] == [
        "Hội đồng nhân dân xã", "Ủy ban nhân dân xã"]
    kept = dialog.tree.topLevelItem(2).child(0)
    assert kept.text(2) == "tỷ lệ nữ 41,7 %, không dưới 30 %"


def _unit_id(store, code):
    return next(u["id"] for u in store.records.iter_records("units") if u["code"] == code)


def test_unit_form_says_when_the_flag_has_no_effect(window, qtbot):
    commune(window.store)
    form = RecordDialog(window.store, "units", _unit_id(window.store, "TC"), parent=window)
    qtbot.addWidget(form)
    hint = form.special_hint.text()
    assert form.as_of == D
    assert hint.startswith("Ngày 15/11/2026: tỷ lệ nữ của đơn vị là 41,7 %, không dưới 30 %")
    assert "không có tác dụng" in hint
    form.editors["special_sector"].setChecked(False)
    assert form.special_hint.isHidden()
    pkt = RecordDialog(window.store, "units", _unit_id(window.store, "PKT"), parent=window)
    qtbot.addWidget(pkt)
    assert "không tính ở CT1 điều chỉnh" in pkt.special_hint.text()
    assert "16,7 %" in pkt.special_hint.text()
    pkt.editors["in_scope_ct1"].setChecked(False)
    assert "không tính chỉ tiêu 1" in pkt.special_hint.text()
    # on a date when TC had no cadre yet, the form says that instead
    earlier = RecordDialog(window.store, "units", _unit_id(window.store, "TC"),
                           parent=window, as_of=dt.date(2024, 6, 1))
    qtbot.addWidget(earlier)
    assert "chưa có cán bộ" in earlier.special_hint.text()


def test_unit_form_role_is_saved(window, qtbot):
    form = RecordDialog(window.store, "units", parent=window)
    qtbot.addWidget(form)
    form.editors["code"].setText("HD")
    form.editors["name"].setText("Hội đồng nhân dân xã")
    role = form.editors["role"]
    role.setCurrentIndex(role.findData("HĐND"))
    form.save()
    assert next(window.store.records.iter_records("units"))["role"] == "HĐND"


@pytest.mark.parametrize(("typed", "stored"), [
    ("", ""), ("25", "0.25"), ("33,3 %", "0.333"), ("2/6", "2/6"), (" 100 ", "1")])
def test_parse_baseline(typed, stored):
    assert parse_baseline(typed) == stored
    if stored:
        assert indicators.parse_fraction(parse_baseline(show_baseline(stored))) == \
            indicators.parse_fraction(stored)


@pytest.mark.parametrize("typed", ["abc", "120", "7/6", "1/0", "-5"])
def test_parse_baseline_refuses(typed):
    with pytest.raises(ValueError):
        parse_baseline(typed)


def test_settings_plan_start_and_typed_baseline(window, qtbot):
    commune(window.store)
    dialog = SettingsDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert dialog.plan_start.text() == "01/01/2026"
    assert dialog.baselines["CT1"].placeholderText() == "25,0 % (tự tính)"
    dialog.baselines["CT1"].setText("12,5")
    dialog.baselines["CT2"].setText("nhiều")
    dialog.save()
    assert "Số liệu gốc CT2" in dialog.error.text() and dialog.result() == 0
    assert window.store.settings.read()["baseline_ct1"] == ""  # nothing half-written
    dialog.baselines["CT2"].setText("")
    dialog.plan_start.setText("01/07/2026")
    dialog.save()
    s = window.store.settings.read()
    assert s["baseline_ct1"] == "0.125" and s["plan_start"] == "2026-07-01"
    assert indicators.baseline(window.store)["CT1"] == Fraction(1, 8)
    # baseline day 30/06/2026, y0 = 2026: no milestone yet in 2026
    assert figures_settled(qtbot, window.panel).cards["CT1"].status.text() == "Chưa có mốc"


@pytest.fixture
def answer(monkeypatch):
    """What the confirmations answer; records the questions asked."""
    asked = []
    state = {"yes": True}

    def fake(_parent, title, text, **_kw):
        asked.append((title, text))
        return state["yes"]

    monkeypatch.setattr(close_dialog, "ask", fake)
    state["asked"] = asked
    return state


def test_close_dialog_closes_shows_corrections_and_reopens_on_confirmation(
        window, qtbot, answer):
    commune(window.store)
    window.store.settings.save({"entered_by": "Nguyễn Thị Lan"})
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    # the window's date (the report's) is proposed for its year; 31/12 for a year gone
    assert dialog.tree.isHidden() and dialog.date.text() == D.strftime("%d/%m/%Y")
    dialog.year.setValue(2025)
    assert dialog.date.text() == "31/12/2025"
    dialog.year.setValue(2026)
    assert dialog.date.text() == D.strftime("%d/%m/%Y")
    dialog.year.setValue(2025)
    dialog.close_year()
    assert [c.year for c in indicators.closed_years(window.store)] == [2025]
    group = dialog.tree.topLevelItem(0)
    assert group.text(0) == "Năm 2025: số liệu đến ngày 31/12/2025"
    assert group.child(0).text(0).endswith(", người chốt: Nguyễn Thị Lan")
    ct1 = group.child(1)
    assert (ct1.text(0), ct1.text(1), ct1.text(2), ct1.text(3)) == (
        "CT1", "25,0 % (1/4)", "25,0 % (1/4)", "")
    lines = [group.child(i).text(0) for i in range(group.childCount())]
    assert "Đơn vị không tính ở CT1 điều chỉnh: Phòng Kinh tế (tỷ lệ nữ 16,7 %, 2/12 người)" \
        in lines
    # closing the same year again is refused, before any question
    asked = len(answer["asked"])
    dialog.close_year()
    assert "đã được chốt" in dialog.error.text() and len(answer["asked"]) == asked
    # a late correction: TC was led by a woman since 2025
    lead(window.store, "TC0", "TC")
    dialog.reload()
    group = dialog.tree.topLevelItem(0)
    assert group.child(1).text(0).startswith("Dữ liệu đã được sửa sau khi chốt")
    ct1 = group.child(2)
    assert (ct1.text(1), ct1.text(2), ct1.text(3)) == ("25,0 % (1/4)", "50,0 % (2/4)",
                                                       "+25,0 điểm %")
    assert ct1.background(1).color() == CHANGED and ct1.font(2).bold()
    ct2 = group.child(5)
    assert ct2.text(0) == "CT2" and ct2.background(1).color() != CHANGED
    # reopening asks first; "Hủy" keeps the year closed
    dialog.tree.setCurrentItem(ct1)
    answer["yes"] = False
    dialog.reopen_selected()
    assert [c.year for c in indicators.closed_years(window.store)] == [2025]
    answer["yes"] = True
    dialog.reopen_selected()
    assert indicators.closed_years(window.store) == []
    assert dialog.tree.isHidden() and not dialog.empty.isHidden()
    assert window.store.audit.entries(table="snapshots")[0]["action"] == "reopen"


def test_close_dialog_keeps_its_lines_together_with_no_year_closed(window, qtbot, answer):
    """With no year closed the list is hidden: the sentence, the year's row and «Chưa chốt
    số liệu năm nào.» stay one under the other at the top, not spread over the dialog."""
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.tree.isHidden() and dialog.height() >= 400
    intro = dialog.layout().itemAt(0).widget()
    # each label as tall as its text (a taller one shows it centred in empty space)
    assert intro.height() <= intro.heightForWidth(intro.width()) + 4
    assert dialog.empty.height() <= dialog.empty.sizeHint().height() + 4
    assert dialog.close_button.geometry().top() - intro.geometry().bottom() <= 20
    # with a year closed, the list takes the room
    dialog.year.setValue(2025)
    dialog.close_year()
    assert not dialog.tree.isHidden()
    qtbot.waitUntil(lambda: dialog.tree.height() > dialog.height() // 2)


def test_close_dialog_refuses_a_date_outside_the_year(window, qtbot, answer):
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.date.setText("05/01/2027")
    dialog.close_year()
    assert "không thuộc năm 2026" in dialog.error.text()
    dialog.date.setText("31/02/2026")
    dialog.close_year()
    assert "không tồn tại" in dialog.error.text()
    assert indicators.closed_years(window.store) == [] and answer["asked"] == []


def test_the_tools_menu_opens_the_close_dialog(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(CloseYearDialog, "exec", lambda self: opened.append(self) or 0)
    window.save_snapshot()
    assert opened and opened[0].year.value() == D.year


def test_units_tab_says_what_each_flag_does(window, qtbot):
    commune(window.store)
    model = window.units_tab.model
    figures_settled(qtbot, window.panel)  # the rows follow the service's figures
    rows = {r["code"]: r for r in model.rows}
    assert rows["PKT"]["hint"] == "Ngành đặc thù: không tính ở CT1 điều chỉnh"
    assert rows["TC"]["hint"] == ("Ngành đặc thù nhưng vẫn tính ở CT1 điều chỉnh: tỷ lệ nữ "
                                  "41,7 %, không dưới 30 %")
    assert rows["UB"]["role"] == "UBND" and rows["HD"]["role"] == "HĐND"
    col = [c.key for c in model.columns].index("role")
    ub = [r["code"] for r in model.rows].index("UB")
    assert model.data(model.index(ub, col)) == "UBND"


def test_panel_says_when_its_year_is_closed_and_the_data_moved(window, qtbot):
    commune(window.store)
    indicators.close_year(window.store, 2026, D)
    with qtbot.waitSignal(window.panel.figures_ready, timeout=10000):
        window.panel.recompute()
    note = window.panel.closed_note
    assert note.text() == "Năm 2026 đã chốt số liệu đến ngày 15/11/2026."
    with qtbot.waitSignal(window.panel.figures_ready, timeout=10000):
        lead(window.store, "TC0", "TC")  # a late correction: the panel recomputes by itself
    assert note.text().endswith("khác số đã báo cáo ở CT1, CT1 điều chỉnh (xem Công cụ → "
                                "Chốt số liệu năm).")
    with qtbot.waitSignal(window.panel.figures_ready, timeout=10000):
        window.panel.set_as_of(dt.date(2027, 3, 1))
    assert note.isHidden()


def test_close_dialog_with_a_bad_setting_says_one_sentence(window, qtbot, answer):
    commune(window.store)
    indicators.close_year(window.store, 2025, dt.date(2025, 12, 31))
    window.store._conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('training_since', 'abc')")
    dialog = CloseYearDialog(window.store, D, window, today=dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    assert "«abc» không hợp lệ" in dialog.error.text()
    dialog.close_year()
    assert "«abc» không hợp lệ" in dialog.error.text()
    assert [c.year for c in indicators.closed_years(window.store)] == [2025]
