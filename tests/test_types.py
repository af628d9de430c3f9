"""The typed part of the package type-checks (mypy, configured in pyproject.toml): the
store and its parts, the domain, the figures and the exchange. The package says it is
typed (py.typed) only for as long as this passes."""

import tomllib
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_the_store_domain_figures_and_exchange_type_check(tmp_path):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    paths = [str(ROOT / p) for p in config["tool"]["mypy"]["files"]]
    assert {Path(p).name for p in paths} >= {"store", "domain.py", "figures", "exchange"}
    # a cache of its own: nothing written into the source tree
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                "--cache-dir", str(tmp_path), *paths])
    assert status == 0, out + err


def test_the_package_ships_its_typed_marker():
    assert (ROOT / "tanhoi_desktop" / "py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["tanhoi_desktop"]
