"""`province …` on the command line (spec/province.md, exit codes as spec/cli.md):
communes, add, report --json, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..safety.instance_lock import WindowHoldsFile, no_window_writing

EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE = 0, 1, 2


_DB_HELP = "tệp tổng hợp tỉnh"
WINDOW = "cửa sổ Tổng hợp tỉnh"
_AS_OF_HELP = "ngày số liệu, dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: ngày số liệu của tệp)"


def add_parser(sub, date_arg) -> None:
    p = sub.add_parser("province", help="tệp tổng hợp tỉnh (Sở Nội vụ)",
                       description="Tệp tổng hợp tỉnh: danh sách xã, nhận biểu số liệu của "
                                   "các xã, số liệu và báo cáo của tỉnh.")
    commands = p.add_subparsers(dest="province_command", required=True, title="lệnh",
                                metavar="LỆNH", parser_class=type(p))
    c = commands.add_parser("communes", help="nhập danh sách xã của tỉnh (tạo tệp nếu chưa có)",
                            description="Nhập danh sách xã (trang «Danh sách xã», cột «Mã xã», "
                                        "«Tên xã»); tạo tệp tổng hợp nếu chưa có.")
    c.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    c.add_argument("workbook", metavar="TỆP_EXCEL", help="tệp Excel danh sách xã")
    c = commands.add_parser("add", help="nhận biểu số liệu của các xã",
                            description="Nhận biểu số liệu gửi tỉnh của các xã; mỗi biểu bị "
                                        "từ chối có một dòng nêu tên tệp, các biểu khác vẫn "
                                        "được nhận.")
    c.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    c.add_argument("--as-of", type=date_arg, required=True, metavar="NGÀY",
                   help="ngày số liệu tỉnh yêu cầu, dd/mm/yyyy hoặc YYYY-MM-DD")
    c.add_argument("--accept-older", action="store_true",
                   help="nhận cả biểu cũ hơn biểu đã nhận (ghi vào nhật ký)")
    c.add_argument("workbooks", nargs="+", metavar="TỆP_EXCEL", help="biểu của các xã (.xlsx)")
    c = commands.add_parser("report", help="số liệu của tỉnh dạng JSON",
                            description="In số liệu của tỉnh và của từng xã dưới dạng JSON.")
    c.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    c.add_argument("--as-of", type=date_arg, default=None, metavar="NGÀY", help=_AS_OF_HELP)
    c.add_argument("--json", action="store_true", required=True,
                   help="in dưới dạng JSON (bắt buộc)")
    c = commands.add_parser("print", help="báo cáo của Sở Nội vụ ra PDF (hoặc .xlsx)",
                            description="Báo cáo của Sở Nội vụ ra tệp PDF; tệp có đuôi .xlsx "
                                        "thì ghi ra Excel.")
    c.add_argument("--db", required=True, metavar="TỆP", help=_DB_HELP)
    c.add_argument("--as-of", type=date_arg, default=None, metavar="NGÀY", help=_AS_OF_HELP)
    c.add_argument("out", metavar="TỆP_RA", help="tệp PDF (hoặc .xlsx) sẽ ghi")


def _fail(message: str, code: int) -> int:
    sys.stderr.write(message.rstrip() + "\n")
    return code


def run(args) -> int:
    from ..store import StoreError  # data layer: after the first paint
    from .figures import NoDate  # only the province commands

    command = {"communes": _communes, "add": _add, "report": _report,
               "print": _print}[args.province_command]
    try:
        return command(args)
    except StoreError as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    except NoDate as exc:
        return _fail(exc.message, EXIT_UNUSABLE)
    except WindowHoldsFile as exc:
        return _fail(str(exc), EXIT_UNUSABLE)


def _communes(args) -> int:
    from .intake import Refused, read_communes  # only the province commands
    from .store import ProvinceStore  # only the province commands

    db = Path(args.db)
    try:
        rows = read_communes(Path(args.workbook))
    except Refused as exc:
        sys.stderr.write(f"{exc}\nKhông nhập danh sách xã.\n")
        return EXIT_REFUSED
    with no_window_writing(db, WINDOW), \
            (ProvinceStore.open(db) if db.exists() else ProvinceStore.create(db)) as store:
        counts = store.set_communes(rows, Path(args.workbook).name)
    print(f"Danh sách xã: {len(rows)} xã ({counts['added']} xã mới, {counts['renamed']} xã "
          f"đổi tên, {counts['unchanged']} xã không đổi).")
    return EXIT_OK


def _add(args) -> int:
    from . import intake  # only the province commands
    from .store import ProvinceStore  # only the province commands

    with no_window_writing(Path(args.db), WINDOW), ProvinceStore.open(args.db) as store:
        if not store.settings().get("as_of"):
            store.save_settings({"as_of": args.as_of.isoformat()})
        missing = [p for p in args.workbooks if not Path(p).is_file()]
        paths = [Path(p) for p in args.workbooks if Path(p).is_file()]
        outcomes = intake.add_files(store, paths, args.as_of,
                                    (lambda *_: True) if args.accept_older else None)
    refused = [o for o in outcomes if o.kind == intake.REFUSED_KIND]
    for o in outcomes:
        if o.kind != intake.REFUSED_KIND:
            print(o.message)
    for name in missing:
        sys.stderr.write(f"«{name}»: không tìm thấy tệp.\n")
    for o in refused:
        sys.stderr.write(o.message + "\n")
    return EXIT_REFUSED if refused or missing else EXIT_OK


def _report(args) -> int:
    from . import figures  # only the province commands
    from .store import ProvinceStore  # only the province commands

    with ProvinceStore.open(args.db, read_only=True) as store:
        out = figures.compute(store, args.as_of).as_json()
        out["province"] = store.settings().get("province_name") or ""
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return EXIT_OK


def _print(args) -> int:
    from .store import ProvinceStore  # only the province commands

    out = Path(args.out)
    with ProvinceStore.open(args.db, read_only=True) as store:
        from . import report  # only the province commands

        try:
            if out.suffix.lower() == ".xlsx":
                report.write_xlsx(store, args.as_of, out)
            else:
                report.write_pdf(store, args.as_of, out)
        except OSError as exc:
            return _fail(f"Không ghi được tệp «{out}»: {exc.strerror or exc}", EXIT_UNUSABLE)
    return EXIT_OK
