"""`report --json` of a closed year (spec/cli.md, indicators.md): `closed` holds the figures
as reported, `indicators` today's data for d; a late correction is found by comparing on
the closing day, as the printed report's «Theo dữ liệu hiện nay» row does."""

import datetime as dt
import json

from tanhoi_desktop.report import content
from tanhoi_desktop.store import Store

from .test_cli_year import commune, run  # noqa: F401 (a fixture)

D = "2026-12-01"


def _post(path, cadre, unit, day):
    with Store.open(path) as store:
        store.records.save("cadres", {"code": cadre, "full_name": f"Lê Thị {cadre}", "gender": "Nữ",
                                      "unit_code": unit})
        store.records.save("posts", {"cadre_code": cadre, "unit_code": unit,
                                     "title": "Phó Trưởng phòng", "level": "Cấp phó",
                                     "from_date": day})


def _report(path):
    out = run("report", "--db", path, "--as-of", D, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _printed_corrections(path):
    with Store.open(path) as store:
        sheet = content.build(store, dt.date.fromisoformat(D))
    return [r[0] for r in sheet.figures.rows if r[0].startswith("- Theo dữ liệu hiện nay")]


def test_a_change_after_the_closing_day_is_no_correction(commune):  # noqa: F811
    assert run("close", "--db", commune, "--year", 2026, "--as-of", "14/11/2026"
               ).returncode == 0
    data = _report(commune)
    closed = data["closed"]
    assert closed["differs"] == []
    assert closed["today"]["CT1"] == {"numerator": 1, "denominator": 4, "value": 0.25}
    # B gets a female deputy on 20/11: CT1 on d moves, the day reported does not
    _post(commune, "CB-B", "B", "2026-11-20")
    data = _report(commune)
    assert data["indicators"]["CT1"]["numerator"] == 2  # today's data for d
    closed = data["closed"]
    assert closed["indicators"]["CT1"] == {"numerator": 1, "denominator": 4, "value": 0.25}
    assert closed["today"]["CT1"] == {"numerator": 1, "denominator": 4, "value": 0.25}
    assert closed["differs"] == []
    assert _printed_corrections(commune) == []  # the printout says the same


def test_a_late_correction_of_the_closing_day_is_shown_beside_the_reported(commune):  # noqa: F811
    assert run("close", "--db", commune, "--year", 2026, "--as-of", "2026-11-14"
               ).returncode == 0
    _post(commune, "CB-C", "C", "2026-03-01")  # typed after the close, true since March
    closed = _report(commune)["closed"]
    assert closed["indicators"]["CT1"]["numerator"] == 1  # as reported
    assert closed["today"]["CT1"] == {"numerator": 2, "denominator": 4, "value": 0.5}
    assert "CT1" in closed["differs"] and "CT2" not in closed["differs"]
    assert set(closed["differs"]) == {k for k in closed["indicators"]
                                      if closed["today"][k]["value"]
                                      != closed["indicators"][k]["value"]}
    assert len(_printed_corrections(commune)) == len(closed["differs"])
    # on the closing day itself, `today` is `indicators`
    same = json.loads(run("report", "--db", commune, "--as-of", "2026-11-14", "--json").stdout)
    assert {k: same["indicators"][k]["numerator"] for k in same["closed"]["today"]} == \
        {k: v["numerator"] for k, v in same["closed"]["today"].items()}
