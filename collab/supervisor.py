"""Starts the embedded services as child processes, waits for them, restarts them, stops them."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from collab import servers
from collab.config import Settings

log = logging.getLogger("girou.supervisor")


class StartupError(Exception):
    """A service could not start; the message names it, the port or key, and its log's tail."""


def settings_environment(settings: Settings) -> dict[str, str]:
    """The effective settings as GIROU_* variables, so every child sees exactly the same ones."""
    env = {"GIROU_HOME": str(settings.home)}
    for section, keys in settings.values.items():
        for key, value in keys.items():
            if isinstance(value, bool):
                text = str(value).lower()
            elif isinstance(value, frozenset):
                text = ",".join(sorted(value))
            else:
                text = str(value)
            env[f"GIROU_{section.upper()}_{key.upper()}"] = text
    return env


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


@dataclass
class Child:
    server: servers.BaseServer
    log_path: Path
    process: subprocess.Popen | None = None
    restarts: int = 0
    backoff: float = 1.0
    next_start: float = 0.0
    started_at: float = field(default=0.0)

    @property
    def name(self) -> str:
        return self.server.name


class Supervisor:
    """Owns the child processes of `girou up`; every child runs `girou serve NAME`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.children: dict[str, Child] = {}
        self.stopping = threading.Event()
        self._env = {**os.environ, **settings_environment(settings)}
        (settings.home / "log").mkdir(parents=True, exist_ok=True)
        settings.run_dir.mkdir(parents=True, exist_ok=True)

    # --- starting -------------------------------------------------------------------------
    def check_ports(self, names: list[str]) -> None:
        for name in names:
            server = servers.load(name, self.settings)
            if server.port_key and port_in_use(self.settings.bind, server.port):
                section, key = server.port_key
                raise StartupError(
                    f"service {name}: port {server.port} on {self.settings.bind} is already in "
                    f"use (setting [{section}] {key}, or GIROU_{section.upper()}_{key.upper()})"
                )

    def start(self, name: str) -> Child:
        child = self.children.get(name) or Child(
            servers.load(name, self.settings), self.settings.home / "log" / f"{name}.log"
        )
        self.children[name] = child
        with child.log_path.open("ab") as log_file:
            child.process = subprocess.Popen(
                [sys.executable, "-m", "collab.cli", "serve", name],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=self._env,
                # Own process group: Ctrl-C reaches the supervisor only, which then stops
                # each group whole (gunicorn workers included).
                start_new_session=True,
            )
        child.started_at = time.monotonic()
        (self.settings.run_dir / f"{name}.pid").write_text(f"{child.process.pid}\n")
        return child

    def run_once(self, *command: str) -> None:
        """Run `girou COMMAND...` to completion with the stack's settings (its output in the
        log of its first word)."""
        log_path = self.settings.home / "log" / f"{command[0]}.log"
        with log_path.open("ab") as log_file:
            result = subprocess.run(
                [sys.executable, "-m", "collab.cli", *command],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=self._env,
            )
        if result.returncode != 0:
            raise StartupError(
                f"girou {' '.join(command)} failed (exit code {result.returncode}). "
                f"Last lines of {log_path}:\n{tail(log_path)}"
            )

    def wait_healthy(self, names: list[str], timeout: float | None = None) -> None:
        timeout = timeout or self.settings.get("supervisor", "start_timeout")
        deadline = time.monotonic() + timeout
        pending = list(names)
        while pending:
            if self.stopping.is_set():
                raise StartupError("start-up interrupted")
            for name in list(pending):
                child = self.children[name]
                code = child.process.poll()
                if code is not None:
                    raise StartupError(self._failure(child, f"exited with code {code}"))
                if child.server.is_healthy():
                    pending.remove(name)
            if pending and time.monotonic() > deadline:
                name = pending[0]
                raise StartupError(
                    self._failure(self.children[name], f"not healthy after {timeout:.0f} s")
                )
            if pending:
                time.sleep(0.05)

    def _failure(self, child: Child, what: str) -> str:
        where = ""
        if child.server.port_key:
            section, key = child.server.port_key
            where = f" (port {child.server.port}, setting [{section}] {key})"
        return (
            f"service {child.name}{where} {what}. Last lines of {child.log_path}:\n"
            f"{tail(child.log_path)}"
        )

    def write_endpoints(self) -> Path:
        path = self.settings.home / "endpoints.json"
        endpoints = {
            "portal": self.settings.url("portal"),
            "matrix": self.settings.url("matrix"),
            "server_name": self.settings.server_name,
            "caldav": self.settings.url("caldav"),
            "webdav": self.settings.url("webdav"),
        }
        path.write_text(json.dumps(endpoints, indent=2) + "\n", encoding="utf-8")
        return path

    # --- running ----------------------------------------------------------------------------
    def watch_once(self) -> None:
        """Restart dead children, with exponential backoff reset after a minute of health."""
        now = time.monotonic()
        for child in self.children.values():
            code = child.process.poll() if child.process else None
            if child.process is None or code is None:
                if child.process and now - child.started_at > 60:
                    child.backoff = 1.0
                if child.process is None and now >= child.next_start:
                    self.start(child.name)
                    child.restarts += 1
                    log.warning("service %s restarted (restart #%d)", child.name, child.restarts)
                continue
            delay = child.backoff
            child.backoff = min(child.backoff * 2, self.settings.get("supervisor", "max_backoff"))
            child.process = None
            child.next_start = now + delay
            log.warning(
                "service %s exited with code %s; restarting in %.0f s. Last lines of %s:\n%s",
                child.name,
                code,
                delay,
                child.log_path,
                tail(child.log_path, 5),
            )

    def run_until_stopped(self, poll: float = 0.5) -> None:
        while not self.stopping.wait(poll):
            self.watch_once()

    # --- stopping ---------------------------------------------------------------------------
    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM every child's process group (last started first), then SIGKILL leftovers."""
        self.stopping.set()
        # The endpoints describe a running stack: once it stops they would only mislead.
        (self.settings.home / "endpoints.json").unlink(missing_ok=True)
        running = [c for c in reversed(self.children.values()) if c.process]
        for child in running:
            _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("service %s did not stop in %.0f s; killing it", child.name, grace)
            # Whatever is left in the group (workers of a stopped master) goes too.
            _signal_group(child.process, signal.SIGKILL)
            child.process.wait()
            (self.settings.run_dir / f"{child.name}.pid").unlink(missing_ok=True)
            child.process = None


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
