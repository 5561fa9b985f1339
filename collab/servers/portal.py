"""The portal under gunicorn."""

from __future__ import annotations

import sys

from collab import db, schema
from collab.credentials import Secrets
from collab.servers import BaseServer


class Server(BaseServer):
    name = "portal"
    port_key = ("portal", "port")

    def prepare(self, secrets: Secrets) -> None:
        # Schema before gunicorn forks, so that workers never race to create it.
        engine = db.make_engine(self.settings.database_url)
        schema.create_schema(engine)
        engine.dispose()

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
