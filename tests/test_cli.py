"""The `girou` command line as a user types it (no servers needed)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from collab.territory import default_data_dir, load_territory


def girou(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collab.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"GIROU_HOME": str(cwd / "var-cli-test"), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(autouse=True)
def _needs_npm_data():
    if not default_data_dir(ROOT).exists():
        pytest.skip("npm data missing: run `npm ci` (make install)")


@pytest.mark.parametrize(("siren", "communes"), [("243100732", 18), ("243100518", 37)])
def test_territory_init_writes_a_loadable_file(tmp_path, siren, communes):
    out = tmp_path / "territory.toml"
    result = girou("territory", "init", "--epci", siren, "-o", str(out))
    assert result.returncode == 0, result.stderr
    territory = load_territory(out)
    assert territory.siren == siren
    assert len(territory.communes) == communes


def test_territory_init_refuses_unknown_siren_and_overwrite(tmp_path):
    result = girou("territory", "init", "--epci", "999999999")
    assert result.returncode == 2
    assert "999999999" in result.stderr
    out = tmp_path / "territory.toml"
    out.write_text("keep me", encoding="utf-8")
    result = girou("territory", "init", "--epci", "243100732", "-o", str(out))
    assert result.returncode == 1
    assert "exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_malformed_territory_stops_up_with_file_and_line(tmp_path):
    bad = tmp_path / "territory.toml"
    bad.write_text('name = "X"\nsiren = "12"\n', encoding="utf-8")
    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "collab.cli", "up"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"GIROU_HOME": str(home), "GIROU_GIROU_TERRITORY": str(bad), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert f"{bad}" in result.stderr
    assert "siren" in result.stderr
