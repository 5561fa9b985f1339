"""One identity: CalDAV, WebDAV and staff pages accept Matrix credentials, at little cost.

A person's password is checked with the homeserver (a login, logged out at once: no device is
left behind) at most once per `cache_seconds` by the whole stack, not once per server: a
success is written to `run/identity/` (a salted PBKDF2 verifier and its time, mode 0600),
where Radicale, WsgiDAV and every portal worker read it. Synapse lets an account log in about
once every 333 s in the long run (`rc_login.account`: 0.003/s, bursts of 5), and the person's
own clients log in too: checks per server (two DAV servers every 300 s) used the whole of it
and locked the person out after twenty minutes of normal use. Concurrent first requests wait
for the one check in flight (a thread lock, then a file lock across processes); a wrong
password is remembered for a few seconds, per process, so that a client retrying it cannot
exhaust the homeserver's failed-login limit. The service account (the bot, the portal, the
watchers) is never checked with the homeserver: its password is a secret of `secrets.toml`,
compared here in constant time. A check that could not be made (homeserver down,
rate-limited) raises `IdentityUnavailable`, which the servers answer with 503 and Retry-After,
never as a wrong password.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import hashlib
import hmac
import json
import logging
import math
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx

from collab import matrix
from collab.atomic import write_private
from collab.config import Settings
from collab.credentials import Secrets

log = logging.getLogger("girou.identity")

# A wrong password is remembered this long (per process): long enough for a client that
# retries at once, short enough for a person who has just typed it again.
FAILURE_MEMORY_SECONDS = 10
# Retry-After when the homeserver did not say (down, refused the connection).
UNAVAILABLE_RETRY_SECONDS = 5
# Synapse's default rc_login.account: one login per account every 1 / 0.003 s in the long run.
ACCOUNT_LOGIN_INTERVAL = 334
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


# The verifier of a remembered password: PBKDF2-HMAC-SHA256 at OWASP's 600,000 iterations, so
# that the files are no shortcut to it (about 0.3 s of one core). Computed once per process and
# person per `cache_seconds`, never per request (memory serves those). Not scrypt: its 16 MB
# blocks, freed in each of the servers' request threads, stay in glibc's per-thread arenas
# (the 30-minute soak saw Radicale and WsgiDAV grow by 145 MB each).
PBKDF2_ITERATIONS = 600_000


def _verifier(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)


class SharedChecks:
    """The successful checks of every server of one GIROU_HOME: one file per person in
    `directory`, written and read under a lock file, so that one check serves them all."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _path(self, localpart: str, suffix: str) -> Path:
        return self.directory / (hashlib.sha256(localpart.encode()).hexdigest()[:32] + suffix)

    @contextlib.contextmanager
    def locked(self, localpart: str) -> Iterator[None]:
        """Hold the person's lock: the other processes' checks of them wait for this one.
        (A directory that cannot be written costs the sharing, never the login.)"""
        try:
            handle = self._path(localpart, ".lock").open("a")
        except OSError as exc:
            log.warning("identity checks not shared (%s): %s", self.directory, exc)
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def checked_at(self, localpart: str, password: str) -> float | None:
        """When this password was last accepted for this person by any server, or None."""
        try:
            entry = json.loads(self._path(localpart, ".json").read_text("utf-8"))
            salt, verifier = bytes.fromhex(entry["salt"]), bytes.fromhex(entry["verifier"])
            at = float(entry["at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none yet, or unreadable: ask the homeserver, which rewrites it
        computed = _verifier(password, salt)
        return at if hmac.compare_digest(computed, verifier) else None

    def record(self, localpart: str, password: str, at: float) -> None:
        salt = secrets.token_bytes(16)
        verifier = _verifier(password, salt)
        entry = {"salt": salt.hex(), "verifier": verifier.hex(), "at": at}
        try:
            write_private(self._path(localpart, ".json"), json.dumps(entry))
        except OSError as exc:
            log.warning("identity check not shared (%s): %s", self.directory, exc)


class MatrixIdentity:
    """Checks logins: the service account locally, people against the homeserver, remembered.

    One instance per server process: its memory is shared by all of the process's threads,
    and `shared` (when given) by all the processes of the stack.
    """

    def __init__(
        self,
        homeserver_url: str,
        server_name: str,
        cache_seconds: int,
        *,
        service: tuple[str, str] | None = None,
        shared: SharedChecks | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.server_name = server_name
        self.cache_seconds = cache_seconds
        self._service = service
        self._shared = shared
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
            with self._user_lock(localpart), self._across_processes(localpart):
                known = self._remembered(localpart, digest, self._clock())
                if known is None:
                    known = self._check(localpart, password, digest)
        return localpart if known else None

    def _across_processes(self, localpart: str) -> contextlib.AbstractContextManager:
        return self._shared.locked(localpart) if self._shared else contextlib.nullcontext()

    def _check(self, localpart: str, password: str, digest: bytes) -> bool:
        at = self._shared.checked_at(localpart, password) if self._shared else None
        if at is not None and self._clock() - at < self.cache_seconds:
            accepted = True  # another server of the stack checked it: remembered from then
        else:
            self.homeserver_checks += 1
            accepted = _ask_homeserver(self._http, localpart, password)
            at = self._clock()
            if accepted and self._shared:
                self._shared.record(localpart, password, at)
        with self._lock:
            self._forget_expired(self._clock())
            if accepted:
                self._successes[localpart] = (digest, at)
                self._failures.pop(digest, None)
            else:
                # A remembered right password stays: wrong guesses must not log anyone out.
                self._failures[digest] = at
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
    """The identity of a server of the stack (Radicale, WsgiDAV, each portal worker): people
    against the homeserver, once for all of them; the service account here."""
    cache_seconds = settings.get("identity", "cache_seconds")
    if cache_seconds < ACCOUNT_LOGIN_INTERVAL:
        log.warning(
            "[identity] cache_seconds = %d: below %d s, a person using CalDAV or WebDAV all day "
            "exceeds Synapse's login limit for their account (rc_login.account); use 600",
            cache_seconds,
            ACCOUNT_LOGIN_INTERVAL,
        )
    return MatrixIdentity(
        settings.url("matrix"),
        settings.server_name,
        cache_seconds,
        service=(settings.get("matrix", "bot_localpart"), secrets.bot_password),
        shared=SharedChecks(settings.run_dir / "identity"),
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
