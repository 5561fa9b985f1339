"""Radicale, the CalDAV/CardDAV server: its config, and the group and rights files it obeys."""

from __future__ import annotations

import sys
from pathlib import Path

from collab.atomic import write_atomic
from collab.credentials import Secrets
from collab.dav_access import ensure_calendar_access
from collab.servers import BaseServer

# This module runs in the supervisor and in provisioning: it must never import radicale, whose
# import changes the XML library's global state for everything else in the process.


class Server(BaseServer):
    name = "radicale"
    port_key = ("caldav", "port")

    @property
    def config_path(self) -> Path:
        return self.data_dir / "config"

    def radicale_config(self) -> str:
        data = self.data_dir
        # Radicale answers every 401 and 403 after about a second, against password guessing;
        # like Synapse's rate limits, that protection is lifted for tests and benchmarks only.
        delay = 0 if self.settings.get("matrix", "relaxed_rate_limits") else 1
        return f"""# Written by girou from girou.toml on every start: edit girou.toml instead.
# Served by collab.servers.radicale_app (cheroot, behind the login gate) on
# {self.settings.bind}:{self.port}.

[encoding]
request = utf-8
stock = utf-8

[auth]
type = collab.servers.radicale_auth
realm = Girou
delay = {delay}

[group]
type = htgroup
htgroup_filename = {data / "groups"}
# Re-read on every request, so that membership changes apply at once.
htgroup_cache = False

[rights]
type = collab.servers.radicale_rights
file = {data / "rights"}
permit_delete_collection = False
permit_overwrite_collection = False

[storage]
# multifilesystem, with the group collections listed in each person's home only (see there).
type = collab.servers.radicale_storage
filesystem_folder = {data / "collections"}

[web]
type = none

[logging]
level = warning
mask_passwords = True
"""

    def prepare(self, secrets: Secrets) -> None:
        data = self.data_dir
        (data / "collections").mkdir(parents=True, exist_ok=True)
        write_atomic(self.config_path, self.radicale_config())
        ensure_calendar_access(self.settings, self.settings.get("matrix", "bot_localpart"))

    def command(self) -> list[str]:
        return [sys.executable, "-m", "collab.servers.radicale_app", str(self.config_path)]
