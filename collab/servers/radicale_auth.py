"""Radicale auth plugin: trusts the login the gate in front of Radicale has checked."""

from __future__ import annotations

import threading

from radicale import auth, config, types

from collab.identity import USER_KEY


class Auth(auth.BaseAuth):
    """Radicale's user is the Matrix localpart that `collab.identity.LoginGate` accepted.

    The gate (collab.servers.radicale_app) checks each Basic login once and puts the localpart
    in the WSGI environ, where no request header can reach; without the gate, nobody logs in.
    """

    def __init__(self, configuration: config.Configuration) -> None:
        super().__init__(configuration)
        # Radicale asks get_external_login(environ), then _login(login, password), in the
        # request's thread: the environ's verdict is kept for that thread in between.
        self._request = threading.local()

    def get_external_login(self, environ: types.WSGIEnviron) -> tuple[()]:
        self._request.user = environ.get(USER_KEY, "")
        # () keeps Radicale's own Basic handling and 401 challenges (an "external" login
        # would turn them into 403s).
        return ()

    def _login(self, login: str, password: str) -> str:
        user = getattr(self._request, "user", "")
        return login if user and login == user else ""
