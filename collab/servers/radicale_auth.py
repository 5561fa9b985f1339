"""Radicale auth plugin: CalDAV/CardDAV accept the Matrix account's credentials."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from radicale import auth, config, types

from collab import matrix
from collab.config import load
from collab.identity import MatrixIdentity, split_basic_credentials


class Auth(auth.BaseAuth):
    """Checks logins against the homeserver; Radicale's user is the Matrix localpart."""

    def __init__(self, configuration: config.Configuration) -> None:
        super().__init__(configuration)
        # An entrypoint of its own: Radicale's process, started by the supervisor or a test.
        settings = load(Path(os.environ.get("GIROU_HOME", "var")))
        self._server_name = settings.server_name
        # Radicale does not cache logins for custom plugins: MatrixIdentity does.
        self._identity = MatrixIdentity(
            settings.url("matrix"), settings.server_name, settings.get("identity", "cache_seconds")
        )

    def get_external_login(self, environ: types.WSGIEnviron) -> tuple[()]:
        # Radicale splits "@alice:server:password" at the first colon, refuses logins starting
        # with "@", and looks groups up by login. So the header is rewritten here to carry the
        # localpart, and Radicale goes on as for any Basic login (returning () keeps its 401
        # challenges, which an "external" login would turn into 403s).
        header = environ.get("HTTP_AUTHORIZATION", "")
        if not header.startswith("Basic "):
            return ()
        try:
            text = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ()
        login, password = split_basic_credentials(text, self._server_name)
        localpart = matrix.localpart_of(login.strip(), self._server_name)
        if localpart and localpart != login:
            credentials = f"{localpart}:{password}".encode()
            environ["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(credentials).decode()
        return ()

    def _login(self, login: str, password: str) -> str:
        return self._identity.authenticate(login, password) or ""
