"""Radicale's process: its WSGI application behind the login gate, served by cheroot."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from cheroot import wsgi
from radicale import Application, config, log

from collab import credentials
from collab.config import load
from collab.identity import LoginGate, service_identity

# Radicale's own server counts on the client's Content-Length; cheroot enforces it instead.
MAX_BODY_BYTES = 100_000_000


def main() -> None:
    """Serve CalDAV/CardDAV until SIGTERM (entrypoint: reads GIROU_HOME and Radicale's config)."""
    config_path = sys.argv[1]
    settings = load(Path(os.environ.get("GIROU_HOME", "var")))
    log.setup()
    configuration = config.load([(config_path, False)])
    log.set_level(
        configuration.get("logging", "level"),
        configuration.get("logging", "backtrace_on_debug"),
        configuration.get("logging", "trace_filter"),
    )
    identity = service_identity(settings, credentials.load_secrets(settings.home))
    app = LoginGate(Application(configuration), identity)
    server = wsgi.Server(
        (settings.bind, settings.get("caldav", "port")),
        app,
        numthreads=10,
        max=-1,
        request_queue_size=64,
        timeout=30,
    )
    server.max_request_body_size = MAX_BODY_BYTES

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    # On SIGTERM let requests in flight finish, so that no write is cut half-done.
    signal.signal(signal.SIGTERM, stop)
    try:
        server.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.stop()
        identity.close()


if __name__ == "__main__":
    main()
