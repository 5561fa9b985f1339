"""`girou up` as a user runs it: the whole stack, restarts, a busy port, a clean stop."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest
from conftest import ROOT, make_settings

from collab import servers
from collab.supervisor import settings_environment

SERVICES = ("synapse", "radicale", "webdav", "portal", "bots")


def start_up(home: Path, settings) -> subprocess.Popen:
    env = {**os.environ, **settings_environment(settings)}
    return subprocess.Popen(
        [sys.executable, "-m", "collab.cli", "up"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def read_pid(home: Path, name: str) -> int | None:
    try:
        return int((home / "run" / f"{name}.pid").read_text())
    except (FileNotFoundError, ValueError):
        return None


@pytest.fixture
def home(tmp_path):
    (tmp_path / "territory.toml").write_bytes((ROOT / "territory.toml").read_bytes())
    return tmp_path


def test_busy_port_stops_start_up_with_a_named_message(home):
    settings = make_settings(home)
    port = settings.get("matrix", "port")
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        up = start_up(home, settings)
        output, _ = up.communicate(timeout=60)
    assert up.returncode == 1
    assert "service synapse" in output
    assert f"port {port}" in output
    assert "[matrix] port" in output
    # Nothing was started, so nothing is left behind.
    assert not list((home / "run").glob("*.pid"))


def test_bad_config_names_the_file_and_key(home):
    settings = make_settings(home)
    env = {**os.environ, **settings_environment(settings), "GIROU_PORTAL_WORKERS": "many"}
    result = subprocess.run(
        [sys.executable, "-m", "collab.cli", "up"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "GIROU_PORTAL_WORKERS" in result.stderr


@pytest.mark.stack  # the whole stack, started by `girou up` (the tests above start nothing)
def test_whole_stack_restart_and_clean_stop(home):
    settings = make_settings(home)
    up = start_up(home, settings)
    try:
        wait_for(
            lambda: (home / "endpoints.json").exists() or up.poll() is not None,
            180,
            "endpoints.json",
        )
        assert up.poll() is None, up.stdout.read()
        endpoints = json.loads((home / "endpoints.json").read_text())
        assert endpoints == {
            "portal": settings.url("portal"),
            "matrix": settings.url("matrix"),
            "server_name": settings.server_name,
            "caldav": settings.url("caldav"),
            "webdav": settings.url("webdav"),
        }
        pids = {name: read_pid(home, name) for name in SERVICES}
        assert all(psutil.pid_exists(pid) for pid in pids.values()), pids
        logins = json.loads((home / "demo-logins.json").read_text())
        assert (home / "demo-logins.json").stat().st_mode & 0o777 == 0o600
        assert {"user_id", "localpart", "password", "role", "instances"} <= set(logins[0])
        assert httpx.get(endpoints["portal"] + "/").status_code == 200

        # A child that dies is restarted and the restart is logged.
        os.kill(pids["radicale"], signal.SIGKILL)
        new_pid = wait_for(
            lambda: (p := read_pid(home, "radicale")) not in (None, pids["radicale"]) and p,
            30,
            "radicale restart",
        )
        radicale = servers.load("radicale", settings)
        wait_for(radicale.is_healthy, 30, "radicale healthy again")
        assert psutil.pid_exists(new_pid)

        tree = [psutil.Process(up.pid), *psutil.Process(up.pid).children(recursive=True)]
        # Children run in their own sessions; collect their descendants (gunicorn workers).
        for name in SERVICES:
            pid = read_pid(home, name)
            tree += [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        up.send_signal(signal.SIGTERM)
        output, _ = up.communicate(timeout=60)
        assert up.returncode == 0, output
        assert "service radicale exited" in output
        assert "restarted" in output
        assert "Girou is up" in output
        gone, alive = psutil.wait_procs(tree, timeout=5)
        assert not alive, alive
    finally:
        if up.poll() is None:
            up.kill()
            up.wait()
