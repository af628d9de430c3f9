"""The window's report PDF made by a child process: this program's own `print` command.

PySide6 holds Python's lock for the whole of a Qt call, even on a worker thread, so
laying out a province's yearly report (setHtml and layout of a 424-page document) froze
the window for seconds, and the laid-out document stayed in the window's memory. Another
process removes both. The window saves the official's texts into the data file first,
so the child reads everything from the file; it is given the dates, the kind of report
and a temporary file to write. The window owns the output's safety (safety/output.py
`replacing`): it makes the temporary file beside the target, verifies what the child
wrote and renames it into place; a cancel kills the child and removes the temporary file.

The child says how far it has come as lines `progress PERCENT PHASE [PAGE PAGES]` on its
stdout; a refusal is its one Vietnamese sentence on stderr (exit 1 or 2, cli.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ..safety import output
from ..safety.crashlog import write_crash_log

CLI_NAME = "tanhoi-desktop-cli"  # the console executable beside the windowed one (build.spec)
POLL_S = 0.1  # how often a cancel is looked for while the child is quiet


class ChildCrashed(Exception):
    """The child ended without a sentence of its own (killed, or crashed in Qt)."""


def command() -> list[str]:
    """How this program runs itself as a command: from source, the interpreter with the
    package; frozen, the console executable beside this one (a windowed Windows program
    has no stdout to read)."""
    if getattr(sys, "frozen", False):
        suffix = ".exe" if sys.platform == "win32" else ""
        return [str(Path(sys.executable).with_name(CLI_NAME + suffix))]
    return [sys.executable, "-m", "tanhoi_desktop"]


def print_args(db: Path, out: Path, as_of: dt.date, issued: dt.date, *,
               whole_period: bool) -> list[str]:
    """The `print` command that writes the report into `out`."""
    return ["print", "--db", str(db), "--as-of", as_of.isoformat(),
            "--issued", issued.isoformat(), *(["--period"] if whole_period else []),
            "--progress", str(out)]


def phase_text(phase: str, more: list[int]) -> str:
    """What the progress dialog says for a phase the child reported."""
    if phase == "pages" and len(more) == 2 and more[0]:
        return f"Đang ghi tệp PDF: trang {more[0]}/{more[1]}…"
    if phase == "pages":
        return "Đang ghi tệp PDF…"
    if phase == "layout":
        return "Đang dàn trang…"
    return "Đang tính số liệu và soạn báo cáo…"


def write_report_pdf(db: Path, target: Path, as_of: dt.date, issued: dt.date, *,
                     whole_period: bool, progress: Callable[[str, int], None],
                     check: Callable[[], None]) -> None:
    """The report into `target` by a child process. `progress(text, percent)` hears the
    child's phases; `check()` raises to stop (a cancel): the child is killed and nothing
    is left. Raises OutputError with one Vietnamese sentence when the child fails."""
    with output.replacing(target, output.verify_pdf, protect=[db]) as tmp:
        run(command() + print_args(db, tmp, as_of, issued, whole_period=whole_period),
            progress, check, names={str(tmp): str(target)})
        check()  # a cancel pressed as the child ended: nothing put in place


def run(cmd: list[str], progress: Callable[[str, int], None], check: Callable[[], None],
        names: dict[str, str] | None = None) -> None:
    """Run the child to its end, passing on its progress; `names`: words of its message
    to say otherwise (the temporary file's name: the target's)."""
    flags = subprocess.CREATE_NO_WINDOW if sys.platform == "win32" else 0  # no console
    try:
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, encoding="utf-8", errors="replace",
                                 creationflags=flags)
    except OSError as exc:  # the console executable missing beside the program
        raise output.OutputError(
            f"Không chạy được «{Path(cmd[0]).name}» để ghi tệp PDF ({exc.strerror or exc}); "
            "hãy cài đặt lại chương trình. Không có gì được ghi.") from exc
    lines: queue.Queue[str | None] = queue.Queue()
    errors: list[str] = []
    readers = [threading.Thread(target=_read_lines, args=(child.stdout, lines.put),
                                kwargs={"end": True}, daemon=True),
               threading.Thread(target=_read_lines, args=(child.stderr, errors.append),
                                daemon=True)]
    for reader in readers:
        reader.start()
    try:
        while True:
            check()
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if line is None:  # stdout closed: the child is ending
                break
            _pass_on(line, progress)
        while True:  # the child may still be closing: a cancel still kills it
            check()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(POLL_S)
                break
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        for reader in readers:
            reader.join(5)
        for stream in (child.stdout, child.stderr):
            with contextlib.suppress(OSError):
                stream.close()
    if child.returncode != 0:
        raise output.OutputError(_failure(child.returncode, errors, names or {}))


def _read_lines(stream, put: Callable[[str | None], None], *, end: bool = False) -> None:
    """Each line of `stream` to `put`; with `end`, then None (the stream is closed)."""
    with contextlib.suppress(OSError, ValueError):
        for line in stream:
            put(line.rstrip("\n"))
    if end:
        put(None)


def _pass_on(line: str, progress: Callable[[str, int], None]) -> None:
    words = line.split()
    if len(words) < 3 or words[0] != "progress" or not all(w.isdigit() for w in
                                                             [words[1], *words[3:]]):
        return  # not a progress line: nothing else is written on stdout
    progress(phase_text(words[2], [int(w) for w in words[3:]]), int(words[1]))


def _failure(code: int, errors: list[str], names: dict[str, str]) -> str:
    """The child's own sentence (its warnings left out), or, when it has none (it was
    killed or crashed), one that points to the crash log."""
    said = [e for e in errors if e.strip() and not e.startswith("Cảnh báo:")]
    if code in (1, 2) and said:
        sentence = " ".join(said)
        for old, new in names.items():
            sentence = sentence.replace(old, new)
        return sentence
    log = write_crash_log(ChildCrashed(
        f"the print command ended with exit code {code}; its stderr:\n" + "\n".join(errors)))
    return (f"Đã xảy ra lỗi ngoài dự kiến khi soạn báo cáo (tiến trình ghi tệp PDF dừng "
            f"với mã {code}); chi tiết được ghi vào «{log}». Không có gì được ghi dở dang.")
