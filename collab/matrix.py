"""The one module that talks Matrix: admin and provisioning calls, password checks, the bot."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

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


def user_id(localpart: str, server_name: str) -> str:
    return f"@{localpart}:{server_name}"


def localpart_of(login: str, server_name: str) -> str | None:
    """Accept `alice`, `@alice:server` (our server only); None for anything else."""
    if login.startswith("@"):
        local, _, server = login[1:].partition(":")
        return local if server == server_name and local else None
    return login or None


def _raise_for(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code >= 400:
        raise MatrixError(
            response.status_code, body.get("errcode", "?"), body.get("error", response.text[:200])
        )
    return body


def password_login(
    http: httpx.Client, localpart: str, password: str, device_name: str = "girou"
) -> str | None:
    """Log in with a password; the access token, or None when the credentials are refused."""
    response = http.post(
        f"{CLIENT}/login",
        json={
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": localpart},
            "password": password,
            "initial_device_display_name": device_name,
        },
    )
    if response.status_code in (401, 403):
        return None
    return _raise_for(response)["access_token"]


def logout(http: httpx.Client, token: str) -> None:
    http.post(f"{CLIENT}/logout", headers={"Authorization": f"Bearer {token}"}, json={})


def check_password(http: httpx.Client, localpart: str, password: str) -> bool:
    """True when the homeserver accepts the credentials; logs out at once (a login is a device)."""
    token = password_login(http, localpart, password, device_name="girou identity check")
    if token is None:
        return False
    logout(http, token)
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
    nonce = _raise_for(http.get(f"{ADMIN}/v1/register"))["nonce"]
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
    _raise_for(http.post(f"{ADMIN}/v1/register", json=body))


@dataclass
class Session:
    """An authenticated client-server session (the bot or service account)."""

    http: httpx.Client
    token: str
    user_id: str

    @classmethod
    def login(cls, base_url: str, localpart: str, password: str, server_name: str) -> Session:
        http = httpx.Client(base_url=base_url, timeout=30)
        token = password_login(http, localpart, password, device_name="girou provisioning")
        if token is None:
            raise MatrixError(403, "M_FORBIDDEN", f"login refused for {localpart}")
        http.headers["Authorization"] = f"Bearer {token}"
        return cls(http, token, user_id(localpart, server_name))

    def close(self) -> None:
        logout(self.http, self.token)
        self.http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One request, waiting out 429s as the homeserver asks."""
        for _attempt in range(20):
            response = self.http.request(method, path, **kwargs)
            if response.status_code != 429:
                return _raise_for(response)
            wait_ms = response.json().get("retry_after_ms", 1000)
            time.sleep(min(wait_ms, 10_000) / 1000)
        return _raise_for(response)

    # --- admin API -------------------------------------------------------------------------
    def user_exists(self, uid: str) -> bool:
        try:
            self._call("GET", f"{ADMIN}/v2/users/{quote(uid)}")
        except MatrixError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def user_info(self, uid: str) -> dict[str, Any] | None:
        try:
            return self._call("GET", f"{ADMIN}/v2/users/{quote(uid)}")
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise

    def upsert_user(self, uid: str, **fields: Any) -> None:
        self._call("PUT", f"{ADMIN}/v2/users/{quote(uid)}", json=fields)

    def deactivate(self, uid: str) -> None:
        self._call("POST", f"{ADMIN}/v1/deactivate/{quote(uid)}", json={"erase": False})

    def exempt_from_rate_limits(self, uid: str) -> None:
        self._call(
            "POST",
            f"{ADMIN}/v1/users/{quote(uid)}/override_ratelimit",
            json={"messages_per_second": 0, "burst_count": 0},
        )

    def join_as_admin(self, room_id: str, uid: str) -> None:
        """Force-join a local user into a room (admin API); used for the bot only."""
        self._call("POST", f"{ADMIN}/v1/join/{quote(room_id)}", json={"user_id": uid})

    # --- rooms -----------------------------------------------------------------------------
    def create_room(self, body: dict[str, Any]) -> str:
        return self._call("POST", f"{CLIENT}/createRoom", json=body)["room_id"]

    def resolve_alias(self, alias: str) -> str | None:
        try:
            return self._call("GET", f"{CLIENT}/directory/room/{quote(alias)}")["room_id"]
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise

    def state(self, room_id: str, event_type: str, state_key: str = "") -> dict[str, Any] | None:
        try:
            return self._call(
                "GET", f"{CLIENT}/rooms/{quote(room_id)}/state/{event_type}/{quote(state_key)}"
            )
        except MatrixError as exc:
            if exc.status == 404:
                return None
            raise

    def put_state(
        self, room_id: str, event_type: str, content: dict[str, Any], state_key: str = ""
    ) -> None:
        self._call(
            "PUT",
            f"{CLIENT}/rooms/{quote(room_id)}/state/{event_type}/{quote(state_key)}",
            json=content,
        )

    def members(self, room_id: str) -> dict[str, str]:
        """user id -> membership (join, invite, leave, ban) of a room."""
        events = self._call("GET", f"{CLIENT}/rooms/{quote(room_id)}/members")["chunk"]
        return {e["state_key"]: e["content"].get("membership", "leave") for e in events}

    def invite(self, room_id: str, uid: str) -> None:
        self._call("POST", f"{CLIENT}/rooms/{quote(room_id)}/invite", json={"user_id": uid})

    def kick(self, room_id: str, uid: str, reason: str) -> None:
        self._call(
            "POST", f"{CLIENT}/rooms/{quote(room_id)}/kick", json={"user_id": uid, "reason": reason}
        )

    def joined_rooms(self) -> list[str]:
        return self._call("GET", f"{CLIENT}/joined_rooms")["joined_rooms"]


def as_user(base_url: str, token: str) -> httpx.Client:
    """A plain client-server HTTP client for someone's access token (tests, CLI checks)."""
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


class BotClient:
    """The bots process's matrix-nio client; its device and token are kept across restarts."""

    def __init__(self, client: Any, settings: Any) -> None:
        self.nio = client
        self.settings = settings

    @property
    def user_id(self) -> str:
        return self.nio.user_id

    @property
    def device_id(self) -> str:
        return self.nio.device_id

    @classmethod
    async def connect(cls, settings: Any, secrets: Any) -> BotClient:
        import json

        from nio import AsyncClient, AsyncClientConfig, LoginResponse, WhoamiResponse

        from collab.atomic import write_private

        folder = settings.home / "bots"
        folder.mkdir(parents=True, exist_ok=True)
        session_file = folder / "session.json"
        client = AsyncClient(
            settings.url("matrix"),
            settings.bot_user_id,
            store_path=str(folder),
            config=AsyncClientConfig(store_sync_tokens=False, encryption_enabled=False),
        )
        if session_file.exists():
            saved = json.loads(session_file.read_text("utf-8"))
            client.restore_login(saved["user_id"], saved["device_id"], saved["access_token"])
            if isinstance(await client.whoami(), WhoamiResponse):
                return cls(client, settings)
        response = await client.login(secrets.bot_password, device_name="girou bots")
        if not isinstance(response, LoginResponse):
            await client.close()
            raise MatrixError(403, "M_FORBIDDEN", f"bot login refused: {response}")
        write_private(
            session_file,
            json.dumps(
                {
                    "user_id": response.user_id,
                    "device_id": response.device_id,
                    "access_token": response.access_token,
                }
            ),
        )
        return cls(client, settings)

    async def sync_forever_until(self, stop: Any) -> None:
        import asyncio
        import logging

        from nio import SyncResponse

        log = logging.getLogger("girou.bots.sync")
        backoff = 1.0
        while not stop.is_set():
            sync = asyncio.ensure_future(self.nio.sync(timeout=30_000, full_state=False))
            stopped = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({sync, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if sync not in done:
                sync.cancel()
                break
            stopped.cancel()
            if isinstance(sync.result(), SyncResponse):
                backoff = 1.0
                continue
            log.warning("sync failed (%s); retrying in %.0f s", sync.result(), backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30)

    async def close(self) -> None:
        await self.nio.close()
