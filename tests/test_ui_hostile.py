"""A hostile or broken workbook opened from the window: its refusal is listed like any
other problem, nothing is written, no unexpected-error dialog."""

import pytest

from tests import hostile_workbooks as hw
from tests.test_ui_window import window  # noqa: F401 - the fixture

from .waiting import operation_done


@pytest.mark.parametrize("build, says", [
    (hw.row_bomb, "Trang «Đơn vị» dài đến dòng 300.000.000, quá giới hạn 200.000 dòng"),
    (hw.billion_laughs, "Trang «Đơn vị» khai báo thực thể (DOCTYPE/ENTITY)"),
    (hw.malformed, "Trang «Đơn vị» bị hỏng"),
])
def test_a_hostile_workbook_is_a_listed_problem(qtbot, window, tmp_path, monkeypatch,  # noqa: F811
                                                build, says):
    shown = []
    monkeypatch.setattr("tanhoi_desktop.ui.problems_dialog.ProblemsDialog.exec",
                        lambda self: shown.append(self.text.toPlainText()))
    monkeypatch.setattr("tanhoi_desktop.ui.app.show_unexpected_error",
                        lambda exc: shown.append(f"unexpected: {exc!r}"))
    assert not operation_done(qtbot, window.import_path(build(tmp_path / "x.xlsx")))
    assert len(shown) == 1 and shown[0].startswith(says), shown
    assert window.store.records.count("units") == 0
