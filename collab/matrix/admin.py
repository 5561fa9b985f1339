"""The admin session: the service account's client-server and Synapse admin calls, for
provisioning, the CLI and the tests (accounts, rooms, spaces, state, members)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from collab.atomic import write_private
from collab.matrix import (
    ADMIN,
    CLIENT,
    MatrixError,
    json_or_raise,
    logout,
    password_login,
    user_id,
)


@dataclass
class AdminSession:
    """An authenticated client-server session (the bot or service account)."""

    http: httpx.Client
    token: str
    user_id: str
    kept: bool = False  # a kept session outlives close(): its token is reused next time

    @classmethod
    def login(cls, base_url: str, localpart: str, password: str, server_name: str) -> AdminSession:
        http = httpx.Client(base_url=base_url, timeout=30)
        token = password_login(http, localpart, password, device_name="girou provisioning")
        if token is None:
            raise MatrixError(403, "M_FORBIDDEN", f"login refused for {localpart}")
        http.headers["Authorization"] = f"Bearer {token}"
        return cls(http, token, user_id(localpart, server_name))

    @classmethod
    def resume(
        cls, base_url: str, localpart: str, password: str, server_name: str, token_path: Path
    ) -> AdminSession:
        """The service account's kept session: one login, then its token for every later run.

        The token saved in `token_path` (mode 0600) is used while the homeserver accepts it
        (a /whoami); only then is the password sent again, and the new token saved. So
        provisioning runs and tools never spend the account's login allowance.
        """
        http = httpx.Client(base_url=base_url, timeout=30)
        uid = user_id(localpart, server_name)
        try:
            token = token_path.read_text("utf-8").strip()
        except FileNotFoundError:
            token = ""
        if token:
            answer = http.get(
                f"{CLIENT}/account/whoami", headers={"Authorization": f"Bearer {token}"}
            )
            if answer.status_code != 200 or answer.json().get("user_id") != uid:
                token = ""
        if not token:
            token = password_login(
                http, localpart, password, "Girou — service", device_id="GIROU_SERVICE"
            )
            if token is None:
                http.close()
                raise MatrixError(403, "M_FORBIDDEN", f"login refused for {localpart}")
            write_private(token_path, token)
        http.headers["Authorization"] = f"Bearer {token}"
        return cls(http, token, uid, kept=True)

    def close(self) -> None:
        if not self.kept:
            logout(self.http, self.token)
        self.http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One request, waiting out 429s as the homeserver asks."""
        for _attempt in range(20):
            response = self.http.request(method, path, **kwargs)
            if response.status_code != 429:
                return json_or_raise(response)
            wait_ms = response.json().get("retry_after_ms", 1000)
            time.sleep(min(wait_ms, 10_000) / 1000)
        return json_or_raise(response)

    # --- admin API -------------------------------------------------------------------------
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
