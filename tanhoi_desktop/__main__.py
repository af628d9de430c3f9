"""Command line (spec/cli.md): the window by default, and headless sub-commands.

`import`, `export`, `report` and `print` never import Qt widgets at module level here,
so the data commands start fast; no traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

from . import cli_words
from .province import cli as province_cli
from .safety import crashlog, processes
from .safety.crashlog import write_crash_log, write_note
from .safety.instance_lock import WindowHoldsFile, lock_present, no_window_writing

EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE = 0, 1, 2
DATA_SUFFIXES = (".sqlite", ".db")  # what the window's Mở tệp offers


class _Parser(argparse.ArgumentParser):
    """argparse that speaks Vietnamese (its own words too: cli_words) and exits with 2
    on bad arguments."""

    def __init__(self, *args, **kwargs) -> None:
        with cli_words.vietnamese():  # the help option and the group titles
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with cli_words.vietnamese():  # the error messages
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        with cli_words.vietnamese():  # «unrecognized arguments» is said here
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with cli_words.vietnamese():
            return super().format_usage()

    def format_help(self) -> str:
        with cli_words.vietnamese():
            return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        if sys.stderr is None:  # the windowed program: a dialog, with no usage lines
            _tell("Chương trình không hiểu tham số dòng lệnh đã nhận "
                  f"({message}).\n\nHãy mở chương trình từ biểu tượng của nó, hoặc kéo "
                  "thả một tệp dữ liệu vào biểu tượng.")
        else:
            _tell(f"{self.format_usage()}Lỗi tham số: {message}")
        sys.exit(EXIT_UNUSABLE)

    def _print_message(self, message: str, file=None) -> None:
        # --help: a windowed program has no console, so its text goes to a dialog
        if message and (file or sys.stdout) is None:
            _tell(message, error=False)
        elif message:
            super()._print_message(message, file)


def _date_arg(text: str) -> dt.date:
    """A date as the workbook takes it: YYYY-MM-DD or dd/mm/yyyy (day first), between
    01/01/1900 and 31/12/2100."""
    from .domain import check_date_range, parse_date  # data layer: after the first paint

    try:
        day = parse_date(text, check_range=False)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text[:40]}» không phải ngày hợp lệ (dạng dd/mm/yyyy hoặc YYYY-MM-DD)") \
            from None
    try:
        return check_date_range(day, text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _year_arg(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"«{text}» không phải năm hợp lệ (ví dụ 2026)")
    return int(text)


_DB_HELP = "tệp dữ liệu của chương trình"
_AS_OF_HELP = "ngày chốt số liệu, dạng dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tanhoi-desktop",
                     description="Theo dõi chỉ tiêu Kế hoạch thực hiện Quyết định 2282/QĐ-TTg. "
                                 "Không có lệnh: mở cửa sổ chương trình.")
    parser.add_argument("--db", metavar="TỆP",
                        help="tệp dữ liệu (mặc định: tệp trong thư mục dữ liệu)")
    parser.add_argument("--demo", action="store_true", help="mở bản sao của dữ liệu mẫu")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="lệnh",
                                metavar="LỆNH")

    p = sub.add_parser("import", help="nhập dữ liệu từ tệp Excel trao đổi",
                       description="Nhập dữ liệu từ tệp Excel trao đổi (tạo tệp dữ liệu "
                                   "nếu chưa có).")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--unit", metavar="MA_DON_VI", default=None,
                   help="ghi nhận tệp là báo cáo năm của đơn vị này")
    p.add_argument("--year", type=_year_arg, default=None, metavar="NĂM",
                   help="năm báo cáo (mặc định: năm của ngày nhận)")
    p.add_argument("workbook", metavar="TỆP_EXCEL", help="tệp Excel cần nhập (.xlsx)")

    p = sub.add_parser("export", help="xuất dữ liệu ra tệp Excel trao đổi",
                       description="Xuất dữ liệu ra tệp Excel trao đổi; với --for-province: "
                                   "biểu số liệu gửi tỉnh.")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--for-province", action="store_true",
                   help="biểu số liệu gửi tỉnh (chỉ có số liệu, không có thông tin cá nhân)")
    p.add_argument("--as-of", type=_date_arg, default=None, metavar="NGÀY",
                   help="ngày số liệu của tỉnh (bắt buộc với --for-province)")
    p.add_argument("out", metavar="TỆP_RA", help="tệp Excel sẽ ghi (.xlsx)")

    p = sub.add_parser("settings", help="xem hoặc sửa cài đặt",
                       description="Liệt kê cài đặt (KHÓA = giá trị), hoặc đặt giá trị mới "
                                   "(kiểm tra như trong Cài đặt, ghi vào nhật ký thay đổi).")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--set", dest="assignments", metavar="KHÓA=GIÁ_TRỊ", nargs="+",
                   action="extend", default=[], help="đặt giá trị cho một hoặc nhiều cài đặt")

    province_cli.add_parser(sub, _date_arg)

    p = sub.add_parser("report", help="in số liệu các chỉ tiêu",
                       description="In số liệu các chỉ tiêu dưới dạng JSON.")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--as-of", type=_date_arg, default=None, metavar="NGÀY", help=_AS_OF_HELP)
    p.add_argument("--json", action="store_true", required=True,
                   help="in dưới dạng JSON (bắt buộc)")

    p = sub.add_parser("print", help="xuất báo cáo tổng hợp ra PDF",
                       description="Xuất báo cáo năm (hoặc báo cáo giai đoạn) ra tệp PDF.")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--as-of", type=_date_arg, default=None, metavar="NGÀY", help=_AS_OF_HELP)
    p.add_argument("--period", action="store_true",
                   help="báo cáo cả giai đoạn của Kế hoạch (2026 - 2030)")
    p.add_argument("--issued", type=_date_arg, default=None, metavar="NGÀY",
                   help="ngày ký báo cáo, dạng dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay)")
    # the window's child process (report/child.py): progress lines on stdout, and OUT is
    # the window's temporary file, written straight (the window verifies and renames it)
    p.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("out", metavar="TỆP_RA", help="tệp PDF sẽ ghi")

    p = sub.add_parser("close", help="chốt số liệu năm",
                       description="Chốt số liệu năm: giữ nguyên số liệu đã báo cáo của năm, "
                                   "tính đến ngày chốt.")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--year", type=_year_arg, required=True, metavar="NĂM",
                   help="năm cần chốt số liệu")
    p.add_argument("--as-of", type=_date_arg, required=True, metavar="NGÀY",
                   help="dd/mm/yyyy hoặc YYYY-MM-DD: ngày chốt số liệu, thuộc năm đó")

    p = sub.add_parser("reopen", help="mở lại năm đã chốt số liệu",
                       description="Mở lại năm đã chốt số liệu (ghi vào nhật ký thay đổi).")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    p.add_argument("--year", type=_year_arg, required=True, metavar="NĂM",
                   help="năm cần mở lại")

    p = sub.add_parser("check", help="kiểm tra tệp dữ liệu và nhật ký thay đổi",
                       description="Kiểm tra tệp dữ liệu (toàn vẹn, đúng cấu trúc) và nhật ký "
                                   "thay đổi (không mục nào bị sửa hoặc xóa ngoài chương "
                                   "trình). Mã thoát: 0 tốt; 1 nhật ký không còn đáng tin; "
                                   "2 tệp không dùng được.")
    p.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    return parser


def _fail(message: str, code: int) -> int:
    _tell(message)
    return code


def _tell(message: str, error: bool = True) -> None:
    """A message for the user: on stderr, or, in the windowed program on Windows (which
    has no console, so no stderr), in a dialog."""
    if sys.stderr is not None:
        sys.stderr.write(message.rstrip() + "\n")
        return
    from .ui.startup_message import show_message  # Qt widgets: only without a console

    show_message(message.rstrip(), error)


def _utf8_output() -> None:
    """Vietnamese on stdout and stderr whatever they are: Windows gives redirected output
    its ANSI code page (cp1252, cp1258), which has no precomposed Vietnamese letters."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # (ValueError: a stream already written to, or not a text stream)
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def _window_args(argv: list[str]) -> list[str]:
    """A path given alone (a file dropped on the program, or «Open with») opens that
    file: the shell passes it as the only argument. A word that is neither an existing
    file nor a data file's name stays a (mistyped) command."""
    if len(argv) == 1 and argv[0] not in COMMANDS and not argv[0].startswith("-") \
            and (Path(argv[0]).is_file() or Path(argv[0]).suffix.lower() in DATA_SUFFIXES):
        return ["--db", argv[0]]
    return argv


def cmd_import(args) -> int:
    db = Path(args.db)
    if args.unit is not None:
        from .domain import code_problem, upper_code  # data layer: after the first paint
        from .vntext import clean  # data layer: after the first paint

        args.unit = upper_code(clean(args.unit))  # «vhxh» is VHXH, as in a workbook
        if problem := code_problem(args.unit):
            return _fail(f"--unit: {problem}.", EXIT_UNUSABLE)
    if db.resolve() == Path(args.workbook).resolve():
        return _fail(f"Tệp dữ liệu và tệp Excel cần nhập là cùng một tệp «{db}»; hãy chọn "
                     "tệp dữ liệu khác.", EXIT_UNUSABLE)
    try:
        with no_window_writing(db):
            return _import(args, db)
    except WindowHoldsFile as exc:
        return _fail(str(exc), EXIT_UNUSABLE)


def _import(args, db: Path) -> int:
    from .exchange import workbook as exchange  # openpyxl: when first needed
    from .store import Store, StoreError  # data layer: after the first paint

    try:
        store = Store.open(db) if db.exists() else None
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    try:
        try:
            plan = exchange.read_workbook(Path(args.workbook), store)
        except exchange.WorkbookError as exc:
            return _fail(exc.message, EXIT_UNUSABLE)
        for warning in plan.warnings:
            sys.stderr.write(f"Cảnh báo: {warning}\n")
        if plan.problems:
            for problem in plan.problems:
                sys.stderr.write(problem + "\n")
            sys.stderr.write(f"Không nhập gì: có {len(plan.problems)} lỗi cần sửa.\n")
            return EXIT_REFUSED
        known = (store.records.existing_codes("units") if store is not None else set()) | {
            u["code"] for u in plan.batches.get("units", [])}
        given = " ".join(f"{flag} {value}" for flag, value in
                         (("--unit", args.unit), ("--year", args.year)) if value)
        if refusal := exchange.cover_disagrees(plan, args.unit, args.year, given):
            return _fail(refusal, EXIT_UNUSABLE)
        if args.unit and args.unit not in known:
            return _fail(f"Không có đơn vị mã «{args.unit}» trong tệp dữ liệu hoặc trong "
                         "tệp Excel; không nhập gì.", EXIT_UNUSABLE)
        sender = exchange.Sender.for_plan(plan, args.unit, args.year)
        if store is None:
            store = Store.open(db, create=True)
        counts = exchange.apply(plan, store, sender)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    finally:
        if store is not None:
            store.close()
    print(exchange.summary(counts))
    if note := exchange.submission_summary(sender, counts):
        print(note)
    return EXIT_OK


def cmd_export(args) -> int:
    from .exchange import workbook as exchange  # openpyxl: when first needed
    from .store import Store, StoreError  # data layer: after the first paint

    if args.for_province:
        return _export_for_province(args)
    if args.as_of is not None:
        return _fail("Lỗi tham số: --as-of chỉ dùng cùng --for-province.", EXIT_UNUSABLE)
    try:
        with Store.open_to_read(args.db, thorough=False) as store:
            exchange.export_workbook(store, Path(args.out))
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    except exchange.WorkbookError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    return EXIT_OK


def _export_for_province(args) -> int:
    from .province import export  # openpyxl: only for the province export
    from .store import Store, StoreError  # data layer: after the first paint

    if args.as_of is None:
        return _fail("Lỗi tham số: biểu gửi tỉnh cần ngày số liệu của tỉnh: --as-of "
                     "YYYY-MM-DD.", EXIT_UNUSABLE)
    try:
        with Store.open_to_read(args.db, thorough=False) as store:
            warnings = export.write(store, args.as_of, Path(args.out))
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    except export.NoCommuneCode as exc:
        return _fail(exc.message, EXIT_REFUSED)
    except OSError as exc:
        return _fail(f"Không ghi được tệp «{args.out}»: {exc.strerror or exc}", EXIT_UNUSABLE)
    for warning in warnings:
        sys.stderr.write(f"Cảnh báo: {warning}\n")
    return EXIT_OK


def cmd_settings(args) -> int:
    if args.assignments:
        try:
            with no_window_writing(Path(args.db)):
                return _settings(args)
        except WindowHoldsFile as exc:
            return _fail(str(exc), EXIT_UNUSABLE)
    return _settings(args)


def _settings(args) -> int:
    from . import settings_text  # only the settings command
    from .domain import Invalid  # data layer: after the first paint
    from .store import Store, StoreError  # data layer: after the first paint

    try:
        store = Store.open_to_read(args.db, thorough=False) if not args.assignments \
            else Store.open(args.db)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    with store:
        current = store.settings.read()
        if not args.assignments:
            sys.stdout.write("\n".join(settings_text.listed(current)) + "\n")
            return EXIT_OK
        values, problems, unusable = settings_text.checked(current, args.assignments)
        if unusable:
            return _fail("\n".join(unusable), EXIT_UNUSABLE)
        if problems:
            sys.stderr.write("\n".join(problems) + "\nKhông lưu cài đặt nào.\n")
            return EXIT_REFUSED
        try:
            store.settings.save(values)
        except Invalid as exc:
            sys.stderr.write("\n".join(exc.problems.values()) + "\nKhông lưu cài đặt nào.\n")
            return EXIT_REFUSED
        except StoreError as exc:
            return _fail(exc.message, EXIT_UNUSABLE)
        sys.stdout.write("\n".join(settings_text.listed(store.settings.read())) + "\n")
    return EXIT_OK


def cmd_report(args) -> int:
    from .figures import duties, indicators, plan_work  # only the figures commands
    from .store import Store, StoreError  # data layer: after the first paint

    try:
        with Store.open_to_read(args.db, thorough=False) as store:
            # the baseline is kept in the file for its data generation, unless a window
            # has the file open (it would take our write for another program's edit) or
            # the opening found something to say (a file set aside: left as it is)
            keep = not lock_present(Path(args.db)) and not store.notices
            base = indicators.baseline(store, keep=keep)
            figures = indicators.compute(store, args.as_of, baseline=base)
            settings = store.settings.read()
            closed = next((c for c in indicators.closed_years(store)
                           if c.year == figures.as_of.year), None)
            # a closed year is compared with today's data for its closing day
            at_close = figures if closed is None or closed.as_of == figures.as_of else \
                indicators.compute(store, closed.as_of, with_units=False, baseline=base)
            planning_duties = duties.compute(store, figures.as_of, figures)
            work = plan_work.summary(store, figures.as_of)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    out = figures.as_json()
    out.update(planning_duties.as_json())  # docs/planning-duties.md
    out["work"] = work  # the year's work as of d (spec/plan-work.md)
    if closed is not None:  # the year of d is closed: its figures as reported
        out["closed"] = closed.as_json(at_close)
    # whose figures these are (a key cli.md allows): a province summing communes' reports
    # keys them by commune (docs/province-merge.md)
    out["commune"] = {"name": settings.get("commune_name") or "",
                      "code": settings.get("commune_code") or None,
                      "province": settings.get("province_name") or "",
                      "file_id": settings.get("file_id") or None}
    # dumps, not dump: only the one-shot encoder is the C one (dump streams through the
    # pure-Python one, 60 ms on a province); no indent for the same reason
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_print(args) -> int:
    from .store import Store, StoreError  # data layer: after the first paint

    try:
        # the window's child: the window checked the file as it opened it
        store = Store.open_to_read(args.db, thorough=not args.progress)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    try:
        from .report import pdf  # Qt's printing: only the print command

        _quiet_qt()  # before the application object: its own start-up notes too
        pdf.ensure_gui_app()
        as_of = args.as_of or dt.date.today()
        if args.progress:
            _print_for_window(store, as_of, args.issued, args.period, Path(args.out))
        else:
            write = pdf.write_period_pdf if args.period else pdf.write_pdf
            write(store, as_of, Path(args.out), args.issued)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    except OSError as exc:
        return _fail(f"Không ghi được tệp «{args.out}»: {exc.strerror or exc}", EXIT_UNUSABLE)
    finally:
        store.close()
    return EXIT_OK


def _print_for_window(store, as_of: dt.date, issued: dt.date | None, whole_period: bool,
                      out: Path) -> None:
    """The report PDF written straight into the window's temporary file `out`, saying
    how far it has come as `progress PERCENT PHASE [PAGE PAGES]` lines on stdout
    (report/child.py reads them)."""
    from .report import content, pdf, period  # Qt's printing: only the print command
    from .safety import output  # only a data command

    output.check_target(out, [store.path])  # never the data file, whatever was passed
    said = [-1]

    def say(percent: int, phase: str, *more: int) -> None:
        if percent != said[0]:  # one line for each percent: 424 pages are not 424 lines
            said[0] = percent
            sys.stdout.write(" ".join(["progress", str(percent), phase, *map(str, more)])
                             + "\n")
            sys.stdout.flush()

    say(0, "sheet")
    sheet = (period.build if whole_period else content.build)(store, as_of, issued)
    say(30, "layout")
    pdf.write_into(sheet, out, laid_out=lambda pages: say(60, "pages", 0, pages),
                   painted=lambda page, pages: say(60 + 39 * page // pages, "pages", page,
                                                   pages))


def cmd_close(args) -> int:
    """Chốt số liệu năm from the command line, as the window's close does."""
    from .figures import indicators  # only the figures commands
    from .store import Store, StoreError  # data layer: after the first paint

    if args.as_of.year != args.year:
        return _fail(f"Ngày chốt {args.as_of:%d/%m/%Y} không thuộc năm {args.year}; hãy chọn "
                     f"một ngày của năm {args.year}.", EXIT_UNUSABLE)
    try:
        with no_window_writing(Path(args.db)), Store.open(args.db) as store:
            closed = indicators.close_year(store, args.year, args.as_of)
    except WindowHoldsFile as exc:
        return _fail(str(exc), EXIT_UNUSABLE)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    figures = "; ".join(f"{name} {text}" for name, text in
                        indicators.described(closed.indicators).items())
    print(f"Đã chốt số liệu năm {args.year}, tính đến ngày {args.as_of:%d/%m/%Y}: {figures}.")
    return EXIT_OK


def cmd_reopen(args) -> int:
    """Mở lại năm đã chốt (an entry of the audit trail)."""
    from .figures import indicators  # only the figures commands
    from .store import Store, StoreError  # data layer: after the first paint

    try:
        with no_window_writing(Path(args.db)), Store.open(args.db) as store:
            indicators.reopen_year(store, args.year)
    except WindowHoldsFile as exc:
        return _fail(str(exc), EXIT_UNUSABLE)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    print(f"Đã mở lại năm {args.year}: số liệu của năm không còn chốt.")
    return EXIT_OK


def cmd_check(args) -> int:
    """The file whole and the audit trail as the program wrote it (audit_chain)."""
    from .store import Store, StoreError  # data layer: after the first paint
    from .store.audit_chain import sentence  # only the check command

    try:
        with Store.open_to_read(args.db, thorough=True) as store:
            entries, broken = store.audit.check()
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    if broken is not None:
        print(sentence(broken))
        return EXIT_REFUSED
    print(f"Tệp dữ liệu «{args.db}» dùng được; nhật ký thay đổi nguyên vẹn ({entries} mục).")
    return EXIT_OK


def _quiet_qt() -> None:
    """Qt's own warnings (English, for developers) go to the log, not the console."""
    from PySide6.QtCore import qInstallMessageHandler  # Qt: only the window

    def handler(mode, context, message: str) -> None:
        write_note(f"Qt: {message}")

    qInstallMessageHandler(handler)


def cmd_window(args) -> int:
    from .ui import app  # Qt widgets: only the window

    return app.run(db=args.db, demo=args.demo)


def cmd_province(args) -> int:
    return province_cli.run(args)


COMMANDS = {"import": cmd_import, "export": cmd_export, "report": cmd_report,
            "print": cmd_print, "close": cmd_close, "reopen": cmd_reopen,
            "settings": cmd_settings, "province": cmd_province, "check": cmd_check}


def prepare(args) -> None:
    """Before any command: library warnings to the log, this run's own temporary folder.
    A data command also removes what a killed run left beside the data file; the window
    does that when it opens a file (its backup on opening), after its first paint."""

    crashlog.route_warnings()
    processes.use_private_temp()
    if COMMANDS.get(args.command) is not None:
        from .store import core  # data layer: after the first paint

        core.notice_sink = lambda text: sys.stderr.write(f"Cảnh báo: {text}\n")
    if COMMANDS.get(args.command) is not None:
        from .safety import output  # only a data command

        output.remove_leftovers([Path(args.db).absolute().parent] if args.db else [])


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        try:
            args = build_parser().parse_args(_window_args(argv))
        except SystemExit as done:  # --help (0) or bad arguments (2), already said
            return done.code if isinstance(done.code, int) else EXIT_UNUSABLE
        handler = COMMANDS.get(args.command, cmd_window)
        prepare(args)
        return handler(args)
    except KeyboardInterrupt:
        return _fail("Đã dừng theo yêu cầu.", EXIT_REFUSED)
    except Exception as exc:  # last resort: a sentence, never a traceback

        where = write_crash_log(exc)
        return _fail(f"Lỗi không mong đợi: {exc}. Chi tiết đã ghi vào «{where}».",
                     EXIT_UNUSABLE)


if __name__ == "__main__":
    sys.exit(main())
