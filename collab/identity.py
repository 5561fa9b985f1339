"""One identity: CalDAV, WebDAV and staff pages accept Matrix credentials, at little cost.

A person's password is checked with the homeserver (a login, logged out at once: no device is
left behind) only when this process has no fresh success for it: concurrent first requests of
one person wait for the one check in flight, a success is remembered for `cache_seconds`, and
a wrong password for a few seconds, so that a client retrying it cannot exhaust the
homeserver's failed-login limit. The service account (the bot, the portal, the watchers) is
never checked with the homeserver: its password is a secret of `secrets.toml`, compared here
in constant time. A check that could not be made (homeserver down, rate-limited) raises
`IdentityUnavailable`, which the servers answer with 503 and Retry-After, never as a wrong
password.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import math
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from collab import matrix
from collab.config import Settings
from collab.credentials import Secrets

log = logging.getLogger("girou.identity")

# A wrong password is remembered this long (per process): long enough for a client that
# retries at once, short enough for a person who has just typed it again.
FAILURE_MEMORY_SECONDS = 10
# Retry-After when the homeserver did not say (down, refused the connection).
UNAVAILABLE_RETRY_SECONDS = 5
USER_KEY = "girou.user"  # WSGI environ key of the localpart the gate has authenticated


class IdentityUnavailable(Exception):
    """The homeserver could not say whether the credentials are right; try again later."""

    def __init__(self, reason: str, retry_after: int = UNAVAILABLE_RETRY_SECONDS) -> None:
        super().__init__(reason)
        self.retry_after = max(1, retry_after)


def _ask_homeserver(http: httpx.Client, localpart: str, password: str) -> bool:
    try:
        return matrix.check_password(http, localpart, password)
    except matrix.MatrixSendError as exc:
        retry = math.ceil(exc.retry_after_ms / 1000) if exc.retry_after_ms else 0
        raise IdentityUnavailable(str(exc), retry or UNAVAILABLE_RETRY_SECONDS) from exc
    except matrix.MatrixError as exc:
        raise IdentityUnavailable(f"homeserver answered {exc}") from exc
    except httpx.HTTPError as exc:
        raise IdentityUnavailable(f"homeserver unreachable: {exc!r}") from exc


class MatrixIdentity:
    """Checks logins: the service account locally, people against the homeserver, remembered.

    One instance per server process: its memory is shared by all of the process's threads.
    """

    def __init__(
        self,
        homeserver_url: str,
        server_name: str,
        cache_seconds: int,
        *,
        service: tuple[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.server_name = server_name
        self.cache_seconds = cache_seconds
        self._service = service
        self._clock = clock
        self._http = httpx.Client(base_url=homeserver_url, timeout=10)
        self._salt = secrets.token_bytes(16)
        self._successes: dict[str, tuple[bytes, float]] = {}
        self._failures: dict[bytes, float] = {}
        self._lock = threading.Lock()
        self._user_locks: dict[str, threading.Lock] = {}
        self.homeserver_checks = 0  # how many logins this instance made (tests, benchmarks)

    def _digest(self, localpart: str, password: str) -> bytes:
        return hashlib.sha256(self._salt + localpart.encode() + b"\0" + password.encode()).digest()

    def _user_lock(self, localpart: str) -> threading.Lock:
        with self._lock:
            return self._user_locks.setdefault(localpart, threading.Lock())

    def _remembered(self, localpart: str, digest: bytes, now: float) -> bool | None:
        """True / False when this process knows the answer, None when it must ask."""
        success = self._successes.get(localpart)
        if success and hmac.compare_digest(success[0], digest):
            if now - success[1] < self.cache_seconds:
                return True
        failed_at = self._failures.get(digest)
        if failed_at is not None and now - failed_at < FAILURE_MEMORY_SECONDS:
            return False
        return None

    def authenticate(self, login: str, password: str) -> str | None:
        """The account's localpart when the credentials are right, else None.

        Raises IdentityUnavailable when the homeserver could not be asked.
        """
        localpart = matrix.localpart_of(login.strip(), self.server_name)
        if not localpart or not password:
            return None
        if self._service and localpart == self._service[0]:
            right = hmac.compare_digest(password.encode(), self._service[1].encode())
            return localpart if right else None
        digest = self._digest(localpart, password)
        known = self._remembered(localpart, digest, self._clock())
        if known is None:
            # Single flight: the others wait for the check in flight, then read its result.
            with self._user_lock(localpart):
                known = self._remembered(localpart, digest, self._clock())
                if known is None:
                    known = self._check(localpart, password, digest)
        return localpart if known else None

    def _check(self, localpart: str, password: str, digest: bytes) -> bool:
        self.homeserver_checks += 1
        accepted = _ask_homeserver(self._http, localpart, password)
        now = self._clock()
        with self._lock:
            self._forget_expired(now)
            if accepted:
                self._successes[localpart] = (digest, now)
                self._failures.pop(digest, None)
            else:
                # A remembered right password stays: wrong guesses must not log anyone out.
                self._failures[digest] = now
        return accepted

    def _forget_expired(self, now: float) -> None:
        # Called under self._lock, at most once per check: memory stays bounded.
        for digest, at in list(self._failures.items()):
            if now - at >= FAILURE_MEMORY_SECONDS:
                del self._failures[digest]
        for localpart, (_digest, at) in list(self._successes.items()):
            if now - at >= self.cache_seconds:
                del self._successes[localpart]

    def close(self) -> None:
        self._http.close()


def service_identity(settings: Settings, secrets: Secrets) -> MatrixIdentity:
    """The identity of a DAV server: people against the homeserver, the service account here."""
    return MatrixIdentity(
        settings.url("matrix"),
        settings.server_name,
        settings.get("identity", "cache_seconds"),
        service=(settings.get("matrix", "bot_localpart"), secrets.bot_password),
    )


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


def basic_credentials(header: str, server_name: str) -> tuple[str, str] | None:
    """Login and password of a `Basic` Authorization header, or None when there are none."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        text = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return split_basic_credentials(text, server_name)


class LoginGate:
    """WSGI middleware in front of a DAV server: checks each Basic login once, here.

    A right login goes on with the localpart in `environ[USER_KEY]` and as the Basic user name
    (the server behind trusts USER_KEY, which no request header can set); a wrong one goes on
    without credentials, so that the server asks for them (401); a login that could not be
    checked is answered 503 with Retry-After, which clients retry without asking the person
    for a new password.
    """

    def __init__(self, app: Any, identity: MatrixIdentity) -> None:
        self.app = app
        self.identity = identity

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        environ.pop(USER_KEY, None)
        credentials = basic_credentials(
            environ.get("HTTP_AUTHORIZATION", ""), self.identity.server_name
        )
        if credentials is not None:
            try:
                localpart = self.identity.authenticate(*credentials)
            except IdentityUnavailable as exc:
                log.warning("login of %r not checked: %s", credentials[0], exc)
                body = b"503 Service Unavailable: the login could not be checked, retry later\n"
                start_response(
                    "503 Service Unavailable",
                    [
                        ("Content-Type", "text/plain; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                        ("Retry-After", str(exc.retry_after)),
                    ],
                )
                return [body]
            if localpart:
                environ[USER_KEY] = localpart
                verified = base64.b64encode(f"{localpart}:{USER_KEY}".encode()).decode()
                environ["HTTP_AUTHORIZATION"] = "Basic " + verified
            else:
                del environ["HTTP_AUTHORIZATION"]
        return self.app(environ, start_response)
