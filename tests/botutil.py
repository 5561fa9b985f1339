"""What the bot tests share: the bots process, the bot's sync loop run in the test itself,
members' own clients (plain HTTP, or encrypting as Element does) and what they see, and
waiting for the database to show an effect."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import quote

import httpx
from nio import AsyncClient, AsyncClientConfig, LoginResponse
from sqlalchemy import select

from bots.models import ProcessedEvent
from bots.sync import SyncLoop
from collab import matrix, outbox
from collab.matrix.bot import BotClient


# --- waiting for the database -----------------------------------------------------------------
def eventually(condition: Callable[[], object], what: str, seconds: float = 45) -> object:
    """`condition()`'s first true value, looked at every 50 ms; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what}")


def processed(sessions, event_id: str) -> bool:
    """The router recorded the event (handled, or refused with an answer)."""
    with sessions() as session:
        return session.get(ProcessedEvent, event_id) is not None


def replies(sessions, event_id: str) -> list[outbox.OutboxMessage]:
    """The bot's answers to an event, as outbox rows."""
    with sessions() as session:
        return list(
            session.scalars(
                select(outbox.OutboxMessage).where(
                    outbox.OutboxMessage.source_id == f"reply:{event_id}"
                )
            )
        )


def reply_texts(sessions, event_id: str) -> list[str]:
    return [row.payload["text"] for row in replies(sessions, event_id)]


def record_sent(sessions, source_id: str, event_id: str) -> None:
    """As the delivery records an outbox row once posted as `event_id`."""
    with sessions.begin() as session:
        row = session.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.source_id == source_id)
        ).one()
        row.status, row.event_id = outbox.SENT, event_id


def posted(sessions, kind: str, room_key: str, event_id: str) -> str:
    """An outbox row of `kind` recorded as posted as `event_id` (for a handler of that kind to
    find); its source id."""
    source_id = f"{kind}:{event_id}"
    with sessions.begin() as session:
        outbox.enqueue(session, kind=kind, room_key=room_key, payload={}, source_id=source_id)
    record_sent(sessions, source_id, event_id)
    return source_id


# --- the bot ----------------------------------------------------------------------------------
class BotsProcess:
    """The bots process of the shared stack, started and stopped (or killed) by the tests."""

    def __init__(self, stack) -> None:
        self.stack = stack
        self.log_path = stack.settings.home / "log" / "bots.log"

    def running(self) -> bool:
        child = self.stack.supervisor.children.get("bots")
        return child is not None and child.process is not None and child.process.poll() is None

    def start(self) -> None:
        """Start the bots unless they run (two processes would share one device)."""
        if not self.running():
            self.stack.supervisor.start("bots")
            self.stack.supervisor.wait_healthy(["bots"])

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.running():
            process = self.stack.supervisor.children["bots"].process
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")


@contextlib.asynccontextmanager
async def bot_loop(stack, sessions, router) -> AsyncIterator[BotClient]:
    """The bot's client and sync loop as the bots process runs them, in this process (stop
    the bots process first: one client per device)."""
    client = await BotClient.connect(stack.settings, stack.secrets)
    stop = asyncio.Event()
    loop = SyncLoop(client, sessions, router, stack.settings)
    task = asyncio.create_task(loop.run(stop))
    try:
        await asyncio.wait_for(loop.ready.wait(), 30)
        yield client
    finally:
        stop.set()
        await task
        await client.close()


# --- members ------------------------------------------------------------------------------------
class Member:
    """A demo person with a plain HTTP client (their own device, no encryption)."""

    def __init__(self, stack, localpart: str, password: str) -> None:
        self.user_id = matrix.user_id(localpart, stack.settings.server_name)
        self.http = httpx.Client(base_url=stack.settings.url("matrix"), timeout=30)
        token = matrix.password_login(self.http, localpart, password, device_name="test")
        self.http.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs) -> dict:
        # As Element does: a rate-limited request waits what the homeserver asks, then again.
        for _attempt in range(30):
            response = self.http.request(method, f"{matrix.CLIENT}{path}", **kwargs)
            if response.status_code != 429:
                break
            time.sleep(response.json().get("retry_after_ms", 1000) / 1000)
        response.raise_for_status()
        return response.json()

    def join(self, room_id: str) -> None:
        self.call("POST", f"/rooms/{quote(room_id)}/join", json={})

    def send(self, room_id: str, body: str, msgtype: str = "m.text", **content) -> str:
        path = f"/rooms/{quote(room_id)}/send/m.room.message/{uuid.uuid4().hex}"
        return self.call("PUT", path, json={"msgtype": msgtype, "body": body, **content})[
            "event_id"
        ]

    def react(self, room_id: str, event_id: str, key: str) -> str:
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}
        path = f"/rooms/{quote(room_id)}/send/m.reaction/{uuid.uuid4().hex}"
        return self.call("PUT", path, json=content)["event_id"]

    def private_room(self) -> str:
        return self.call("POST", "/createRoom", json={"preset": "private_chat"})["room_id"]

    def invite(self, room_id: str, user_id: str) -> None:
        self.call("POST", f"/rooms/{quote(room_id)}/invite", json={"user_id": user_id})

    def membership(self, room_id: str, user_id: str) -> str | None:
        events = self.call("GET", f"/rooms/{quote(room_id)}/members")["chunk"]
        return next((e["content"]["membership"] for e in events if e["state_key"] == user_id), None)

    def close(self) -> None:
        self.http.post(f"{matrix.CLIENT}/logout", json={})
        self.http.close()


@contextlib.asynccontextmanager
async def own_device(
    stack, localpart: str, password: str, store_path, room_id: str
) -> AsyncIterator[AsyncClient]:
    """A member's own encrypting client (as Element is), logged in as a new device, joined to
    `room_id` and synced; logged out at the end."""
    client = AsyncClient(
        stack.settings.url("matrix"),
        matrix.user_id(localpart, stack.settings.server_name),
        store_path=str(store_path),
        config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
    )
    try:
        login = await client.login(password, device_name="test")
        assert isinstance(login, LoginResponse), login
        try:
            await client.keys_upload()
            await client.join(room_id)
            await client.sync(timeout=0, full_state=True)
            yield client
        finally:
            await client.logout()
    finally:
        await client.close()


async def first_seen(client: AsyncClient, room_id: str, wanted: Callable[[Any], bool]) -> Any:
    """Sync `client` until an event of `room_id` is `wanted`; that event, as it decrypted it."""
    for _attempt in range(120):
        response = await client.sync(timeout=500)
        room = response.rooms.join.get(room_id) if hasattr(response, "rooms") else None
        for event in room.timeline.events if room else []:
            if wanted(event):
                return event
    raise AssertionError("the member's client never saw the expected event")


def event_with_id(event_id: str) -> Callable[[Any], bool]:
    return lambda event: getattr(event, "event_id", None) == event_id


async def send_encrypted(
    stack, client: AsyncClient, room_id: str, event_type: str, content: dict
) -> str:
    """What Element sends: the event encrypted, its relation left in clear (nio's room_send
    sends reactions in clear); its event id."""
    # What nio's room_send does first: members known, their devices, a shared group session.
    if not client.rooms[room_id].members_synced:
        await client.joined_members(room_id)
    if client.should_query_keys:
        await client.keys_query()
    if client.olm.should_share_group_session(room_id):
        await client.share_group_session(room_id, ignore_unverified_devices=True)
    kind, body = client.encrypt(room_id, event_type, content)
    assert kind == "m.room.encrypted"
    async with httpx.AsyncClient(base_url=stack.settings.url("matrix")) as http:
        response = await http.put(
            f"{matrix.CLIENT}/rooms/{quote(room_id)}/send/{kind}/{uuid.uuid4().hex}",
            json=body,
            headers={"Authorization": f"Bearer {client.access_token}"},
        )
    response.raise_for_status()
    return response.json()["event_id"]


# --- the homeserver -----------------------------------------------------------------------------
def restart_homeserver(stack, down_seconds: float = 0) -> None:
    """Stop the session's Synapse (SIGTERM, as a restart does), leave it down for
    `down_seconds` and start it again, healthy.

    What it keeps is on disk (accounts, devices, rooms, tokens); its in-memory state (rate
    limiters, transaction ids, connections) starts afresh.
    """
    process = stack.supervisor.children["synapse"].process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)
    time.sleep(down_seconds)
    stack.supervisor.start("synapse")
    stack.supervisor.wait_healthy(["synapse"])
