"""The production docker-compose.yml: valid Compose, and the same services as the embedded stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"

# What `girou up` runs on 127.0.0.1; production runs each as `girou serve SERVICE`.
EMBEDDED_SERVICES = ["synapse", "radicale", "webdav", "portal", "bots"]
PROXY = "proxy"


def check_compose_schema(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate against the Compose specification schema vendored in check-jsonschema (offline)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification():
    result = check_compose_schema(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("mutation", "expected_error"),
    [
        (lambda doc: doc["services"]["portal"].update(ports=12), "ports"),
        (lambda doc: doc.update(frobnicate={}), "frobnicate"),
        (lambda doc: doc["services"]["synapse"].update(restart_policy="always"), "restart_policy"),
    ],
    ids=["ports-not-a-list", "unknown-top-level-key", "unknown-service-key"],
)
def test_schema_check_rejects_a_broken_copy(compose, tmp_path, mutation, expected_error):
    broken = yaml.safe_load(yaml.safe_dump(compose))
    mutation(broken)
    path = tmp_path / "docker-compose.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")

    result = check_compose_schema(path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert expected_error in result.stdout


def command_of(service: dict) -> list[str]:
    command = service.get("command", [])
    return command.split() if isinstance(command, str) else list(command)


@pytest.mark.parametrize("name", EMBEDDED_SERVICES)
def test_every_embedded_service_has_a_compose_service(compose, name):
    commands = [command_of(service) for service in compose["services"].values()]
    assert ["girou", "serve", name] in commands


@pytest.mark.parametrize("name", ["postgres", "element", PROXY, "provision"])
def test_supporting_services_exist(compose, name):
    assert name in compose["services"]


def test_provision_runs_once_after_the_servers_are_healthy(compose):
    provision = compose["services"]["provision"]
    assert command_of(provision) == ["girou", "provision"]
    assert provision["restart"] == "no"
    waits_for = {
        name
        for name, dep in provision["depends_on"].items()
        if dep["condition"] == "service_healthy"
    }
    assert {"postgres", "synapse", "radicale", "webdav", "portal"} <= waits_for


def test_bots_start_after_provisioning_as_in_girou_up(compose):
    after = compose["services"]["bots"]["depends_on"]["provision"]
    assert after["condition"] == "service_completed_successfully"


def test_only_the_proxy_publishes_ports(compose):
    publishing = {name for name, service in compose["services"].items() if service.get("ports")}
    assert publishing == {PROXY}


def test_every_long_running_service_has_a_healthcheck_and_a_restart_policy(compose):
    for name, service in compose["services"].items():
        if name == "provision":
            continue
        assert "test" in service.get("healthcheck", {}), name
        assert service.get("restart") in {"always", "unless-stopped"}, name


def test_girou_services_share_one_image_home_and_settings_file(compose):
    for name, service in compose["services"].items():
        if command_of(service)[:1] != ["girou"]:
            continue
        assert service["image"] == compose["services"]["synapse"]["image"], name
        assert service["environment"]["GIROU_HOME"] == "/var/lib/girou", name
        assert "girou-home:/var/lib/girou" in service["volumes"], name
        assert "./deploy/girou.toml:/var/lib/girou/girou.toml:ro" in service["volumes"], name


def test_databases_are_postgresql(compose):
    services = compose["services"]
    assert services["synapse"]["environment"]["GIROU_MATRIX_DATABASE"].startswith("postgresql://")
    for name in ["portal", "bots", "provision"]:
        url = services[name]["environment"]["GIROU_DATABASE_URL"]
        assert url.startswith("postgresql+psycopg://"), name


def test_files_mounted_from_the_repository_exist(compose):
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).is_file(), source
