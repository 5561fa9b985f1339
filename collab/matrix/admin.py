"""The admin session: the service account's client-server and Synapse admin calls, for
provisioning, the CLI, the officials' home page and the tests (accounts, rooms, spaces, state,
members, what a person sees of their rooms)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
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


def service_token_path(home: Path) -> Path:
    """Where the service account's kept Matrix token lives (mode 0600, beside the secrets)."""
    return home / "service-token"


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

    # --- what a person sees ---------------------------------------------------------------
    def rooms_seen_by(self, uid: str, room_ids: list[str], latest: int = 5) -> dict[str, RoomSeen]:
        """The person's unread count and the latest messages of each of `room_ids`, as their
        own client would see them: one sync with a short-lived token of theirs (the admin
        API's login as the user, a token without a device), logged out at once. Their read
        receipts and push rules are Synapse's, so the count is the one Element shows."""
        token = self._call(
            "POST",
            f"{ADMIN}/v1/users/{quote(uid)}/login",
            json={"valid_until_ms": int(time.time() * 1000) + 60_000},
        )["access_token"]
        sync_filter = {
            # Synapse answers the same sync request from its cache for two minutes: a filter
            # of its own makes each look a new request (the counts of now, not of then).
            "presence": {"types": [], "not_types": [f"girou.fresh.{secrets.token_hex(8)}"]},
            "account_data": {"types": []},
            "room": {
                "rooms": room_ids,
                "state": {"types": [], "lazy_load_members": True},
                "timeline": {"limit": latest, "types": ["m.room.message", "m.room.encrypted"]},
                "ephemeral": {"types": []},
                "account_data": {"types": []},
            },
        }
        try:
            response = self.http.get(
                f"{CLIENT}/sync",
                params={"filter": json.dumps(sync_filter), "set_presence": "offline"},
                headers={"Authorization": f"Bearer {token}"},
            )
            joined = json_or_raise(response).get("rooms", {}).get("join", {})
        finally:
            logout(self.http, token)
        seen = {}
        for room_id, room in joined.items():
            counts = room.get("unread_notifications", {})
            messages = [
                SeenMessage(
                    sender=event.get("sender", ""),
                    body=(event.get("content") or {}).get("body", ""),
                    msgtype=(event.get("content") or {}).get("msgtype", ""),
                    encrypted=event.get("type") == "m.room.encrypted",
                    at=dt.datetime.fromtimestamp(event.get("origin_server_ts", 0) / 1000, dt.UTC),
                )
                for event in room.get("timeline", {}).get("events", [])
            ]
            seen[room_id] = RoomSeen(
                unread=int(counts.get("notification_count") or 0),
                highlights=int(counts.get("highlight_count") or 0),
                messages=tuple(messages),
            )
        return seen


@dataclass(frozen=True)
class SeenMessage:
    sender: str
    body: str
    msgtype: str  # m.text, m.notice…
    encrypted: bool
    at: dt.datetime  # UTC


@dataclass(frozen=True)
class RoomSeen:
    unread: int
    highlights: int
    messages: tuple[SeenMessage, ...]  # oldest first
