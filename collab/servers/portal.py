"""The portal under gunicorn."""

from __future__ import annotations

import sys

from collab.servers import BaseServer


class Server(BaseServer):
    name = "portal"
    port_key = ("portal", "port")
    uses_database = True

    def command(self) -> list[str]:
        portal = self.settings.values["portal"]
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"{self.settings.bind}:{portal['port']}",
            "--workers",
            str(portal["workers"]),
            "--graceful-timeout",
            "5",
            "--access-logfile",
            "-",
            "portal.wsgi:app",
        ]
