"""The Inno Setup script and its Vietnamese messages, read as Inno Setup 6.3+ reads them
(it cannot be compiled here: the installer is built on Windows)."""

from __future__ import annotations

import re
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[1] / "installer"


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def _script() -> tuple[bytes, dict[str, list[str]]]:
    raw = (INSTALLER / "tanhoi-desktop.iss").read_bytes()
    return raw, _sections(raw.decode("utf-8"))


def test_the_script_needs_inno_setup_6_3_and_refuses_32_bit_windows():
    raw, sections = _script()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without a BOM: 6.3 reads it so
    assert "#if VER < EncodeVer(6, 3, 0)" in raw.decode("utf-8")
    assert "ArchitecturesAllowed=x64compatible" in sections["Setup"]
    assert "ArchitecturesInstallIn64BitMode=x64compatible" in sections["Setup"]
    assert "PrivilegesRequired=lowest" in sections["Setup"]


def test_an_upgrade_removes_the_old_bundle_and_nothing_touches_the_data():
    _raw, sections = _script()
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in sections["InstallDelete"]
    assert "UninstallDelete" not in sections


def test_shortcuts_and_the_first_run_start_in_documents_as_the_user():
    _raw, sections = _script()
    program = [e for e in sections["Icons"] + sections["Run"] if "tanhoi-desktop.exe" in e]
    assert len(program) == 3 and all('WorkingDir: "{userdocs}"' in e for e in program)
    assert "runasoriginaluser" in sections["Run"][0]
    assert any("IsAdmin()" in line for line in sections["Code"])


def test_every_page_speaks_vietnamese_through_its_own_messages_file():
    _raw, sections = _script()
    assert sections["Languages"] == [
        'Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"']
    raw = (INSTALLER / "Vietnamese.isl").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # read as UTF-8 by every Inno Setup 6
    isl = _sections(raw.decode("utf-8-sig"))
    options = dict(line.split("=", 1) for line in isl["LangOptions"])
    assert options["LanguageID"] == "$042A" and options["LanguageName"] == "Tiếng Việt"
    messages = dict(line.split("=", 1) for line in isl["Messages"])
    assert len(messages) == len(isl["Messages"])  # no message twice
    # one message of every page and of the uninstaller
    for key in ("WelcomeLabel1", "WizardSelectDir", "WizardSelectTasks", "WizardReady",
                "WizardPreparing", "WizardInstalling", "FinishedHeadingLabel",
                "ButtonNext", "ButtonCancel", "ExitSetupMessage", "ConfirmUninstall",
                "UninstalledAll", "ApplicationsFound2", "OnlyOnTheseArchitectures"):
        assert messages[key], key
    english = re.compile(r"\b(Setup|Click|Please|Install|Cancel|folder|file)\b")
    assert not [k for k, v in messages.items() if english.search(v)]
    assert "giữ nguyên" in messages["UninstalledAll"]
