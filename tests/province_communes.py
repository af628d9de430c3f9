"""Communes' data files and their workbooks for the province, made by the program itself:
the demo data imported once, then copied (each copy a file of its own identity) under
another commune's name and code, with small changes so that their figures differ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.province import export, form
from tanhoi_desktop.safety import backups
from tanhoi_desktop.store import Store

from .conftest import DEMO_WORKBOOK

D = dt.date(2026, 11, 15)
COMMUNES = {"30856": "Tân Hội", "30857": "Mỹ Hòa Hưng", "30858": "Long Điền",
            "30859": "Bình Đức", "30860": "Phú Tân"}


def base_file(folder: Path) -> Path:
    path = folder / "mau.sqlite"
    if not path.exists():
        with Store.open(path, create=True) as store:
            exchange.apply(exchange.read_workbook(DEMO_WORKBOOK, store), store)
    return path


def set_unit(store: Store, code: str, **changes) -> None:
    record = next(u for u in store.records.iter_records("units") if u["code"] == code)
    record.update(changes)
    store.records.save("units", {k: v for k, v in record.items() if k != "id"}, record["id"])


def commune_file(folder: Path, code: str | None, name: str, out_of_scope: tuple[str, ...] = ()
                 ) -> Path:
    """A commune's data file: the demo under `name` and `code` (None: no Mã xã), with the
    units `out_of_scope` no longer counted in CT1."""
    path = folder / f"xa-{code or 'khong-ma'}-{len(out_of_scope)}.sqlite"
    with Store.open(base_file(folder)) as base:
        backups.save_copy(base, path)
    with Store.open(path) as store:
        store.settings.save({"commune_name": name, "commune_code": code or ""})
        for unit in out_of_scope:
            set_unit(store, unit, in_scope_ct1=False)
    return path


def workbook_of(data_file: Path, out: Path, as_of: dt.date = D,
                now: dt.datetime | None = None) -> Path:
    with Store.open(data_file) as store:
        export.write(store, as_of, out, now)
    return out


def commune_list(path: Path, communes: dict[str, str] = COMMUNES) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = form.LIST_SHEET
    ws.append(list(form.LIST_HEADERS))
    for code, name in communes.items():
        ws.append([code, name])
    wb.save(path)
    return path
