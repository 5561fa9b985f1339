"""The import contract (pyproject.toml, checked by `lint-imports` in `make lint`) names every
module: a module no layer names would escape the check."""

from __future__ import annotations

import tomllib

from conftest import ROOT

PACKAGES = ("collab", "portal", "bridges", "bots")


def layer_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    return [name.strip() for layer in contract["layers"] for name in layer.split(":")]


def test_every_module_is_in_a_layer():
    named = layer_modules()
    unnamed = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if module in PACKAGES:
                continue  # a package's own __init__: a docstring
            if not any(module == n or module.startswith(n + ".") for n in named):
                unnamed.append(module)
    assert unnamed == []


def test_package_roots_hold_no_code():
    for package in PACKAGES:
        text = (ROOT / package / "__init__.py").read_text()
        assert "import" not in text, package
