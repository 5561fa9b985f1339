"""One identity: CalDAV, WebDAV and staff pages accept Matrix credentials, with a short cache."""

from __future__ import annotations

import hashlib
import threading
import time

import httpx

from collab import matrix


class MatrixIdentity:
    """Checks a login and password against the homeserver; remembers successes briefly.

    Only successes are cached, keyed by a salted hash of the password, so that a changed or
    deactivated account is refused again at most `cache_seconds` later.
    """

    def __init__(self, homeserver_url: str, server_name: str, cache_seconds: int) -> None:
        self.server_name = server_name
        self.cache_seconds = cache_seconds
        self._http = httpx.Client(base_url=homeserver_url, timeout=10)
        self._salt = hashlib.sha256(str(time.time_ns()).encode()).digest()
        self._cache: dict[str, tuple[bytes, float]] = {}
        self._lock = threading.Lock()

    def _digest(self, localpart: str, password: str) -> bytes:
        return hashlib.sha256(self._salt + localpart.encode() + b"\0" + password.encode()).digest()

    def authenticate(self, login: str, password: str) -> str | None:
        """The account's localpart when the homeserver accepts the credentials, else None."""
        localpart = matrix.localpart_of(login.strip(), self.server_name)
        if not localpart or not password:
            return None
        digest = self._digest(localpart, password)
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(localpart)
        if cached and cached[0] == digest and now - cached[1] < self.cache_seconds:
            return localpart
        try:
            accepted = matrix.check_password(self._http, localpart, password)
        except (httpx.HTTPError, matrix.MatrixError):
            return None
        with self._lock:
            if accepted and self.cache_seconds > 0:
                self._cache[localpart] = (digest, now)
            else:
                self._cache.pop(localpart, None)
        return localpart if accepted else None


def split_basic_credentials(text: str, server_name: str) -> tuple[str, str]:
    """Split decoded Basic credentials, keeping a full Matrix ID such as `@alice:server` whole.

    Basic authentication separates login and password at the first colon, which cuts a Matrix
    ID in two; the server name tells where the ID really ends.
    """
    if text.startswith("@"):
        local, _, rest = text.partition(":")
        if rest.startswith(server_name + ":"):
            return f"{local}:{server_name}", rest[len(server_name) + 1 :]
    login, _, password = text.partition(":")
    return login, password
