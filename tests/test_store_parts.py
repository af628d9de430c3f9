"""The Store is a composition (store.records, store.browse, …): each read or write is
reached through exactly one part, and the parts share one connection, one transaction
and one announcement of what changed."""

import inspect

from tanhoi_desktop.store import Store
from tanhoi_desktop.store.part import Part

PARTS = {"records", "settings", "audit", "backups", "browse", "figures", "duties", "plan",
         "reports", "submissions", "workforce", "texts", "imports"}


def _own_methods(part: Part) -> set[str]:
    base = {name for name, _ in inspect.getmembers(Part)}
    return {name for name, _ in inspect.getmembers(type(part), inspect.isfunction)
            if not name.startswith("_") and name not in base}


def test_every_method_is_reached_through_one_part_only(tmp_path):
    with Store.open(tmp_path / "xa.sqlite", create=True) as store:
        parts = {name: value for name, value in vars(store).items()
                 if isinstance(value, Part)}
        assert set(parts) == PARTS
        for name, part in parts.items():
            methods = _own_methods(part)
            assert methods, name
            # not on the store itself (no flat method left beside its part's)
            assert not {m for m in methods if hasattr(Store, m)}, name
            assert part._store is store


def test_parts_share_one_transaction_and_one_announcement(tmp_path):
    with Store.open(tmp_path / "xa.sqlite", create=True) as store:
        seen = []
        store.subscribe(seen.append)
        # an import with the report's texts: records and texts in one transaction
        counts = store.texts.import_with_records(
            {"units": [{"code": "A", "name": "Phòng A"}]}, {"units": {"code", "name"}},
            None, None, [{"report": "2026", "section": "assessment", "text": "Tốt"}])
        assert counts["units"].added == 1 and counts["report_texts"].updated == 1
        assert len(seen) == 1 and {"units", "report_texts"} <= seen[0].tables
        # what one part wrote, the others read
        assert store.browse.count("units") == 1
        assert store.texts.for_report("2026") == {"assessment": "Tốt"}
        assert [e["action"] for e in store.audit.entries()][-1] == "import"
        assert store.settings.read()["commune_name"] is not None
