"""The embedded servers: one module per service, each a `Server` that prepares and runs it."""

from __future__ import annotations

import importlib
from pathlib import Path

import httpx

from collab.config import HTTP_SERVICES, Settings
from collab.credentials import Secrets

# Start-up order matters only for dependencies; the supervisor starts these in parallel and
# runs provisioning once the first four are healthy, then starts the bots.
SERVICES = ("synapse", "radicale", "webdav", "portal", "bots")


class BaseServer:
    """A service of the embedded stack. Subclasses say how to configure, run and probe it."""

    name: str = ""
    port_key: tuple[str, str] | None = None  # (section, key) in girou.toml
    # `girou serve` brings the database to this release's schema first (or refuses to start),
    # before the service forks: its workers never migrate, nor race to.
    uses_database: bool = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def port(self) -> int | None:
        return self.settings.get(*self.port_key) if self.port_key else None

    @property
    def data_dir(self) -> Path:
        return self.settings.home / self.name

    def prepare(self, secrets: Secrets) -> None:
        """Write the service's own configuration files from the settings (idempotent)."""

    def command(self) -> list[str]:
        raise NotImplementedError

    def health_path(self) -> str | None:
        """HTTP path answering below 500 once the service is ready; None: 'process alive'."""
        return HTTP_SERVICES[self.name][1] if self.name in HTTP_SERVICES else None

    def is_healthy(self) -> bool:
        path = self.health_path()
        if path is None:
            return True
        try:
            response = httpx.get(f"http://{self.settings.bind}:{self.port}{path}", timeout=2)
        except httpx.HTTPError:
            return False
        return response.status_code < 500


def load(name: str, settings: Settings) -> BaseServer:
    if name not in SERVICES:
        raise ValueError(f"unknown service {name!r}; expected one of {', '.join(SERVICES)}")
    module = importlib.import_module(f"collab.servers.{name}")
    return module.Server(settings)
