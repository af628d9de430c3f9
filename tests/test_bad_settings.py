"""A settings value the figures cannot use is one Vietnamese sentence: on the command line
(exit 2), in the window (the panel and Cài đặt), and it is refused when saved."""

import sqlite3
import subprocess
import sys

import pytest

from tanhoi_desktop import domain
from tanhoi_desktop.figures import indicators
from tanhoi_desktop.store import Store, StoreError


def _poke(path, key, value):
    """As another program (or a hand edit) could have stored it."""
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
    conn.commit()
    conn.close()


def run(*args):
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.mark.parametrize(("key", "value"), [("training_since", "abc"),
                                            ("plan_start", "2026-13-01"),
                                            ("target_ct1", "ba phần tư"),
                                            ("target_year", "năm sau"),
                                            ("baseline_ct2", "1/0"),
                                            # received files: parsed would never end
                                            ("target_ct2", "1e-999999999"),
                                            ("baseline_ct1", "1e999999999")])
def test_a_bad_stored_setting_is_one_sentence_on_the_command_line(tmp_path, key, value):
    path = tmp_path / "xa.sqlite"
    with Store.open(path, create=True) as s:
        s.records.save("units", {"code": "A", "name": "A"})
    _poke(path, key, value)
    for args in (["report", "--db", path, "--json"], ["print", "--db", path, tmp_path / "b.pdf"]):
        out = run(*args)
        assert out.returncode == 2, out.stdout[:300]
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and f"«{value}» không hợp lệ" in lines[0], out.stderr
        assert "isoformat" not in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_a_bad_setting_is_refused_when_saved(store):
    with pytest.raises(domain.Invalid) as err:
        store.settings.save({"training_since": "abc", "target_ct2": "1.5"})
    assert set(err.value.problems) == {"training_since", "target_ct2"}
    assert store.settings.read()["training_since"] == "2021-01-01"
    store.settings.save({"training_since": "2022-01-01", "report_deadline": "31/10"})
    assert indicators.plan_settings(store.settings.read()).training_since.year == 2022
    with pytest.raises(domain.Invalid):
        store.settings.save({"report_deadline": "31/02"})


def test_the_window_names_the_bad_value_and_lets_it_be_fixed(qtbot, store):
    from tanhoi_desktop.ui.indicator_panel import IndicatorPanel
    from tanhoi_desktop.ui.settings_dialog import SettingsDialog

    store.close()
    _poke(store.path, "training_since", "abc")
    with Store.open(store.path) as s:
        panel = IndicatorPanel(s)
        qtbot.addWidget(panel)
        assert not panel.error.isHidden() and "«abc» không hợp lệ" in panel.error.text()
        dialog = SettingsDialog(s)
        qtbot.addWidget(dialog)
        assert not dialog.error.isHidden() and "«abc»" in dialog.error.text()
        assert dialog.training_since.text() == "01/01/2021"  # the default, shown
        dialog.save()
        assert s.settings.read()["training_since"] == "2021-01-01"
        assert indicators.compute(s).training_since.year == 2021
    with pytest.raises(StoreError):
        indicators.plan_settings({**domain.DEFAULT_SETTINGS, "target_ct3": "-1"})
