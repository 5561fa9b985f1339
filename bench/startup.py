"""Benchmark: `girou up` (installed venv) to all services healthy, and the stack's total RSS.

Baseline, measured in the same run: Synapse alone, started the same way, to /health.
Targets (issue 2): under 15 s and under 700 MB.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_settings  # noqa: E402

from collab import credentials, servers  # noqa: E402
from collab.supervisor import settings_environment  # noqa: E402


def synapse_alone(home: Path) -> float:
    settings = make_settings(home)
    server = servers.load("synapse", settings)
    server.prepare(credentials.ensure_secrets(home))  # keys generated before timing
    env = {**os.environ, **settings_environment(settings)}
    started = time.monotonic()
    process = subprocess.Popen(
        server.command(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not server.is_healthy():
            time.sleep(0.02)
        return time.monotonic() - started
    finally:
        process.terminate()
        process.wait()


def stack_rss(home: Path, up_pid: int) -> int:
    procs = [psutil.Process(up_pid)]
    for pid_file in (home / "run").glob("*.pid"):
        process = psutil.Process(int(pid_file.read_text()))
        procs += [process, *process.children(recursive=True)]
    return sum(p.memory_info().rss for p in {p.pid: p for p in procs}.values())


def full_stack(home: Path, demo: bool) -> tuple[float, int]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "territory.toml").write_bytes((ROOT / "territory.toml").read_bytes())
    # Production-like hashing cost: the benchmark measures what a user gets.
    settings = make_settings(home).with_overrides(matrix__bcrypt_rounds=12, portal__workers=2)
    env = {**os.environ, **settings_environment(settings)}
    args = [sys.executable, "-m", "collab.cli", "up"] + ([] if demo else ["--no-demo"])
    started = time.monotonic()
    up = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not (home / "endpoints.json").exists():
            if up.poll() is not None:
                raise SystemExit("girou up failed; see the logs in " + str(home / "log"))
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        time.sleep(3)  # let the bots finish their first sync before measuring memory
        return elapsed, stack_rss(home, up.pid)
    finally:
        up.send_signal(signal.SIGTERM)
        up.wait(timeout=60)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        baseline = synapse_alone(Path(tmp) / "synapse-alone")
        first, rss_first = full_stack(Path(tmp) / "stack", demo=True)
        # Second start of the same GIROU_HOME: what a user sees every day after the first.
        again, rss = full_stack(Path(tmp) / "stack", demo=True)
    print(
        json.dumps(
            {
                "synapse_alone_s": round(baseline, 2),
                "first_up_s (incl. provisioning from scratch)": round(first, 2),
                "up_s (existing home)": round(again, 2),
                "ratio_up_to_synapse_alone": round(again / baseline, 2),
                "stack_rss_mb": round(rss / 2**20),
                "targets": {"up_s": 15, "rss_mb": 700},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    main()
