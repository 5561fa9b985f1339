"""The sync loop: commands, reactions and thread replies handled exactly once, resumed where
it stopped.

The sync token is saved in the database only after the events of its response are handled,
and each handled event is recorded in the same transaction as its effect (bots.router): after
a crash the bot syncs again from the last saved token, sees those events again and skips the
ones already recorded. A gap in a room's timeline is read back with /messages, bounded by
[bots] catch_up_limit events per room.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from bots.models import SYNC_TOKEN, load_state, save_state
from bots.router import Incoming, Router, is_command
from collab.config import Settings
from collab.matrix.bot import ENCRYPTED, JOINED, MESSAGE, REACTION, BotClient, RoomEvent

log = logging.getLogger("girou.bots.sync")

LONG_POLL_MS = 30_000
MAX_BACKOFF = 30.0
# An encrypted event whose key has not come yet is tried again after each sync for this long.
KEY_WAIT_SECONDS = 600.0
COMMAND_MSGTYPES = frozenset({"m.text"})  # not m.notice: that is how bots, this one too, speak

T = TypeVar("T")


class SyncLoop:
    """Syncs the bot's rooms and hands commands, reactions and thread replies to the router."""

    def __init__(
        self,
        client: BotClient,
        sessions: sessionmaker[Session],
        router: Router,
        settings: Settings,
    ) -> None:
        self.client = client
        self.sessions = sessions
        self.router = router
        self.settings = settings
        self.catch_up_limit = int(settings.get("bots", "catch_up_limit"))
        self.token: str | None = None
        # Set once the first sync is done: the rooms' state is known (sending may start).
        self.ready = asyncio.Event()
        self._waiting_for_keys: list[tuple[RoomEvent, float]] = []
        # On a first start, the moment of it: an event the homeserver received earlier is not
        # answered even if a later sync brings it (Synapse may serve the first sync from its
        # response cache, whose next_batch is older than the last events).
        self._first_start_ms = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Sync until `stop` is set; failures are logged and retried with backoff."""
        self.token = await asyncio.to_thread(self._load_token)
        backoff = 1.0
        first = True
        while not stop.is_set():
            try:
                # Raced against `stop`: matrix-nio retries a request for as long as the
                # homeserver is unreachable. Stopping mid-way is safe: the events handled are
                # recorded, the token is saved only at the end.
                done = await _unless_stopped(stop, self.sync_once(full_state=first))
            except Exception:
                log.exception("sync failed; retrying in %.0f s from the last saved token", backoff)
                await _wait(stop, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            if done is None:
                break
            first = False
            backoff = 1.0
            self.ready.set()

    async def sync_once(self, *, full_state: bool) -> bool:
        """One sync and its events (True when done)."""
        since = self.token
        if since is None:
            # First start: what happened before the bot ever ran is not for it to answer.
            self._first_start_ms = int(time.time() * 1000)
            batch = await self.client.sync(None, 0, full_state=True)
            await self._answer_invites(batch.invites)
            await self._save_token(batch.next_batch)
            log.info("first sync: earlier events are not processed")
            await self.client.keep_keys_fresh()
            return True
        timeout = 0 if full_state else LONG_POLL_MS
        batch = await self.client.sync(since, timeout, full_state=full_state)
        await self._answer_invites(batch.invites)
        for room_id, timeline in batch.timelines.items():
            events = timeline.events
            if timeline.limited and timeline.prev_batch and not _has_join(events):
                missed = await self.client.history(
                    room_id, timeline.prev_batch, since, self.catch_up_limit
                )
                log.info("room %s: a gap; %d missed event(s) read back", room_id, len(missed))
                if len(missed) >= self.catch_up_limit and not _has_join(missed):
                    log.warning(
                        "room %s: more than %d events missed; older ones are not processed",
                        room_id,
                        self.catch_up_limit,
                    )
                events = missed + events
            for event in _after_own_join(events):
                if event.sent_at_ms and event.sent_at_ms < self._first_start_ms:
                    continue  # before the bot's first start
                await self._handle(event)
        await self._retry_waiting_for_keys()
        if batch.receipts:
            await asyncio.to_thread(self.router.read_receipts, self.sessions, batch.receipts)
        await self._save_token(batch.next_batch)
        await self.client.keep_keys_fresh()
        return True

    # --- events --------------------------------------------------------------------------------
    async def _handle(self, event: RoomEvent) -> None:
        if event.sender == self.client.user_id:
            return
        if event.kind == ENCRYPTED:
            event = self.client.decrypt(event)
            if event.kind == ENCRYPTED:
                log.warning("event %s in %s: no key yet; will retry", event.event_id, event.room_id)
                self._waiting_for_keys.append((event, time.monotonic()))
                return
        incoming = self._incoming(event)
        if incoming is None:
            return
        handled = await asyncio.to_thread(self.router.dispatch, self.sessions, incoming)
        log.info(
            "%s %s from %s in %s: %s",
            _what(incoming),
            event.event_id,
            event.sender,
            event.room_id,
            "handled" if handled else "skipped (already handled or not for us)",
        )

    def _incoming(self, event: RoomEvent) -> Incoming | None:
        common = {
            "room_id": event.room_id,
            "event_id": event.event_id,
            "sender": event.sender,
        }
        if event.kind == MESSAGE:
            if event.msgtype not in COMMAND_MSGTYPES:
                return None
            text = event.body.strip()
            if is_command(text):
                common["body"] = text
            elif event.thread_root or event.reply_to:
                # It may answer the bot (the router knows its messages); if not, it costs nothing.
                common.update(text=text, reply_to=event.reply_to)
            else:
                return None
            power = self.client.power_level(event.room_id, event.sender)
            return Incoming(power_level=power, thread_root=event.thread_root, **common)
        if event.kind == REACTION and event.relates_to:
            power = self.client.power_level(event.room_id, event.sender)
            return Incoming(power_level=power, reacts_to=event.relates_to, key=event.key, **common)
        return None

    async def _retry_waiting_for_keys(self) -> None:
        waiting, self._waiting_for_keys = self._waiting_for_keys, []
        now = time.monotonic()
        for event, since in waiting:
            decrypted = self.client.decrypt(event)
            if decrypted.kind != ENCRYPTED:
                await self._handle(decrypted)
            elif now - since < KEY_WAIT_SECONDS:
                self._waiting_for_keys.append((event, since))
            else:
                log.warning("event %s: no key after %.0f s; dropped", event.event_id, now - since)

    async def _answer_invites(self, invites: dict[str, str | None]) -> None:
        """Join when someone of our server invites the bot (a DM); decline anyone else."""
        for room_id, inviter in invites.items():
            server = (inviter or "").partition(":")[2]
            try:
                if inviter and server == self.settings.server_name:
                    await self.client.join(room_id)
                    log.info("joined %s (invited by %s)", room_id, inviter)
                else:
                    await self.client.decline(room_id)
                    log.info("declined the invitation to %s from %s", room_id, inviter)
            except Exception:
                log.exception("could not answer the invitation to %s", room_id)

    # --- the sync token ------------------------------------------------------------------------
    def _load_token(self) -> str | None:
        with self.sessions() as db:
            return load_state(db, SYNC_TOKEN)

    async def _save_token(self, token: str) -> None:
        if token != self.token:
            await asyncio.to_thread(self._write_token, token)
            self.token = token

    def _write_token(self, token: str) -> None:
        with self.sessions.begin() as db:
            save_state(db, SYNC_TOKEN, token)


def _what(incoming: Incoming) -> str:
    if incoming.body is not None:
        return "command"
    return "reaction" if incoming.text is None else "thread reply"


def _has_join(events: list[RoomEvent]) -> bool:
    return any(e.kind == JOINED for e in events)


def _after_own_join(events: list[RoomEvent]) -> list[RoomEvent]:
    """The events after the bot's latest join: earlier ones predate it."""
    for index in range(len(events) - 1, -1, -1):
        if events[index].kind == JOINED:
            return events[index + 1 :]
    return events


async def _unless_stopped(stop: asyncio.Event, work: Awaitable[T]) -> T | None:
    """`work`'s result, or None (and `work` cancelled) if `stop` is set first."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if task.done():
        return task.result()
    task.cancel()
    return None


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
