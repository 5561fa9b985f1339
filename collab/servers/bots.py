"""The bots process (Matrix sync loop, delivery worker, scheduler)."""

from __future__ import annotations

import sys

from collab.servers import BaseServer


class Server(BaseServer):
    name = "bots"
    uses_database = True

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bots"]
