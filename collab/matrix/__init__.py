"""Matrix, the one place that talks it: ids, errors, logins and password checks (here), the
admin session that provisions (`collab.matrix.admin`), the bots' client (`collab.matrix.bot`)."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

import httpx

CLIENT = "/_matrix/client/v3"
ADMIN = "/_synapse/admin"
SPACE_CHILD = "m.space.child"
SPACE_PARENT = "m.space.parent"


class MatrixError(Exception):
    """A homeserver answer we cannot go on with; carries the HTTP status and errcode."""

    def __init__(self, status: int, errcode: str, message: str) -> None:
        super().__init__(f"{status} {errcode}: {message}")
        self.status = status
        self.errcode = errcode


class MatrixSendError(MatrixError):
    """A bot request that failed once (no retry inside): status 0 means no answer at all.

    `retry_after_ms` is set for a 429; the caller decides when to try again.
    """

    def __init__(
        self, status: int, errcode: str, message: str = "", retry_after_ms: int | None = None
    ) -> None:
        super().__init__(status, errcode, message)
        self.retry_after_ms = retry_after_ms


# Stamped into every event the bot sends from the outbox, so that a notification can be
# found in the room again (deduplication) and a reaction traced back to its source.
SOURCE_KEY = "org.girou.source"
KIND_KEY = "org.girou.kind"


def user_id(localpart: str, server_name: str) -> str:
    return f"@{localpart}:{server_name}"


def localpart_of(login: str, server_name: str) -> str | None:
    """Accept `alice`, `@alice:server` (our server only); None for anything else."""
    if login.startswith("@"):
        local, _, server = login[1:].partition(":")
        return local if server == server_name and local else None
    return login or None


def json_or_raise(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code >= 400:
        raise MatrixError(
            response.status_code, body.get("errcode", "?"), body.get("error", response.text[:200])
        )
    return body


# One device id for every password check: if a logout is ever lost, the next check reuses the
# device and its logout removes it, so checks never pile devices up on an account.
CHECK_DEVICE_ID = "GIROU_LOGIN_CHECK"


def _login_request(
    http: httpx.Client, localpart: str, password: str, device_name: str, device_id: str | None
) -> httpx.Response:
    body: dict[str, Any] = {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": localpart},
        "password": password,
        "initial_device_display_name": device_name,
    }
    if device_id:
        body["device_id"] = device_id
    return http.post(f"{CLIENT}/login", json=body)


def _retry_after_ms(response: httpx.Response) -> int | None:
    try:
        value = response.json().get("retry_after_ms")
    except (ValueError, AttributeError):
        return None
    return int(value) if isinstance(value, int | float) else None


def password_login(
    http: httpx.Client,
    localpart: str,
    password: str,
    device_name: str = "girou",
    *,
    device_id: str | None = None,
    wait_limit_s: float = 60,
) -> str | None:
    """Log in with a password; the access token, or None when the credentials are refused.

    A rate-limited login is tried again after the wait the homeserver asks, as long as the
    waits add up to at most `wait_limit_s`; then MatrixSendError(429) with retry_after_ms.
    """
    waited = 0.0
    while True:
        response = _login_request(http, localpart, password, device_name, device_id)
        if response.status_code != 429:
            break
        retry_ms = _retry_after_ms(response) or 1000
        if waited + retry_ms / 1000 > wait_limit_s:
            raise MatrixSendError(429, "M_LIMIT_EXCEEDED", "login rate-limited", retry_ms)
        time.sleep(retry_ms / 1000)
        waited += retry_ms / 1000
    if response.status_code in (401, 403):
        return None
    return json_or_raise(response)["access_token"]


def logout(http: httpx.Client, token: str) -> None:
    """End the session: Synapse deletes its device with every token of it."""
    http.post(f"{CLIENT}/logout", headers={"Authorization": f"Bearer {token}"}, json={})


def check_password(http: httpx.Client, localpart: str, password: str) -> bool:
    """True when the homeserver accepts the password; the session is logged out at once.

    Never waits: a 429 raises MatrixSendError with the homeserver's retry_after_ms, and no
    answer raises httpx.HTTPError, so that the caller can say "try later" rather than "no".
    """
    token = password_login(
        http,
        localpart,
        password,
        "Girou — vérification de connexion",
        device_id=CHECK_DEVICE_ID,
        wait_limit_s=0,
    )
    if token is None:
        return False
    try:
        logout(http, token)
    except httpx.HTTPError:
        pass  # the password is right; the next check reuses the device and removes it
    return True


def register_with_shared_secret(
    http: httpx.Client,
    shared_secret: str,
    localpart: str,
    password: str,
    *,
    admin: bool = False,
    displayname: str | None = None,
) -> None:
    """Create an account with the admin API's shared-secret HMAC flow."""
    nonce = json_or_raise(http.get(f"{ADMIN}/v1/register"))["nonce"]
    mac = hmac.new(shared_secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode()]))
    mac.update(b"\x00admin" if admin else b"\x00notadmin")
    body = {
        "nonce": nonce,
        "username": localpart,
        "password": password,
        "admin": admin,
        "mac": mac.hexdigest(),
    }
    if displayname:
        body["displayname"] = displayname
    json_or_raise(http.post(f"{ADMIN}/v1/register", json=body))
