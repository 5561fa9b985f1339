"""The bots process's Matrix client (matrix-nio): sync batches free of nio's classes, sending
with end-to-end encryption where a room asks for it, its device kept across restarts."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import aiohttp
from nio import (
    Api,
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    JoinResponse,
    KeysQueryResponse,
    LocalProtocolError,
    LoginResponse,
    MegolmEvent,
    MessageDirection,
    ReactionEvent,
    ReceiptEvent,
    RoomCreateEvent,
    RoomCreateResponse,
    RoomMemberEvent,
    RoomMessagesResponse,
    RoomPreset,
    RoomSendResponse,
    SyncResponse,
    WhoamiResponse,
)

from collab.atomic import write_private
from collab.matrix import SOURCE_KEY, MatrixError, MatrixSendError

log = logging.getLogger("girou.matrix")

# What the bot's sync hands to bots/sync.py, free of matrix-nio's classes.
MESSAGE, REACTION, JOINED, ENCRYPTED, OTHER = "message", "reaction", "joined", "encrypted", "other"
# Enough events per room in one sync for a normal pace; a longer gap is read back with /messages.
READ = "m.read"  # public receipts only: a private one (m.read.private) is never shared
SYNC_FILTER = {"room": {"timeline": {"limit": 50}, "state": {"lazy_load_members": False}}}
CREATOR_POWER = 2**53 - 1  # "unlimited", as room version 12 gives a room's creators
_PRE_V12_ROOM_VERSIONS = frozenset(str(v) for v in range(1, 12))
# Seconds an encrypted message waits for its room's device lists (else it is tried again later).
KEYS_QUERY_TIMEOUT = 30.0


@dataclass(frozen=True)
class RoomEvent:
    """A timeline event as the bot sees it: a message, a reaction, its own join, or else."""

    room_id: str
    event_id: str
    sender: str
    kind: str  # MESSAGE, REACTION, JOINED (the bot's own join), ENCRYPTED (no key yet), OTHER
    body: str = ""
    msgtype: str = ""
    relates_to: str | None = None  # a reaction: the event it annotates, and its key
    key: str = ""
    thread_root: str | None = None  # a message in a thread: the thread's first event
    reply_to: str | None = None  # a reply: the event it answers
    sent_at_ms: int = 0  # origin_server_ts: when the homeserver received it
    raw: Any = field(default=None, compare=False, repr=False)


@dataclass
class RoomTimeline:
    events: list[RoomEvent]
    limited: bool  # a gap: events before these were left out (read them back from prev_batch)
    prev_batch: str | None


@dataclass(frozen=True)
class ReadReceipt:
    """A member's public read receipt: they have read `event_id` and what came before it."""

    room_id: str
    event_id: str
    user_id: str
    timestamp_ms: int


@dataclass
class SyncBatch:
    next_batch: str
    timelines: dict[str, RoomTimeline]  # joined rooms
    invites: dict[str, str | None]  # room id -> who invited the bot
    receipts: list[ReadReceipt] = field(default_factory=list)


def _inviter(invite_state: list[Any], own_user_id: str) -> str | None:
    for event in invite_state:
        if getattr(event, "state_key", None) == own_user_id and (
            getattr(event, "membership", None) == "invite"
        ):
            return event.sender
    return None


def message_fields(content: dict[str, Any], relation: dict[str, Any]) -> dict[str, Any]:
    """A message's text, type, thread and the event it replies to (RoomEvent's fields)."""
    body = content.get("body")
    body = body if isinstance(body, str) else ""
    in_reply_to = relation.get("m.in_reply_to")
    reply_to = as_event_id(in_reply_to.get("event_id")) if isinstance(in_reply_to, dict) else None
    in_thread = relation.get("rel_type") == "m.thread"
    return {
        "body": _without_reply_fallback(body) if reply_to else body,
        "msgtype": str(content.get("msgtype", "")),
        "thread_root": as_event_id(relation.get("event_id")) if in_thread else None,
        "reply_to": reply_to,
    }


def as_event_id(value: Any) -> str | None:
    """`value` if it is a Matrix event id (`$…`), else None: for ids read from JSON."""
    return value if isinstance(value, str) and value.startswith("$") else None


def _without_reply_fallback(body: str) -> str:
    """The reply's own text: older clients quote the message replied to first, in `> ` lines."""
    lines = body.split("\n")
    if not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).strip()


def _nio_error(response: Any) -> MatrixError:
    status = getattr(response, "transport_response", None)
    return MatrixError(
        getattr(status, "status", 0) or 0,
        getattr(response, "status_code", None) or "?",
        getattr(response, "message", None) or str(response),
    )


class BotClient:
    """The bots process's matrix-nio client; its device and token are kept across restarts."""

    def __init__(self, client: Any, settings: Any) -> None:
        self.nio = client
        self.settings = settings
        # Set by the first successful sync: with encryption on, matrix-nio sends only into
        # rooms it has synced, so senders wait for it.
        self.synced = asyncio.Event()
        # Room id -> its creators (matrix-nio does not keep them; room version 12 needs them).
        self._creators: dict[str, frozenset[str]] = {}
        # One key query at a time (the sync loop and the delivery both ask).
        self._keys_lock = asyncio.Lock()
        # Direct chats this process created, unencrypted, before a sync shows them to nio.
        self._plain_rooms: set[str] = set()

    @property
    def user_id(self) -> str:
        return self.nio.user_id

    @property
    def device_id(self) -> str:
        return self.nio.device_id

    @classmethod
    async def connect(cls, settings: Any, secrets: Any) -> BotClient:
        """Log in once and keep that device: token in session.json, keys in the crypto store.

        The crypto store (matrix-nio's SQLite file named after the user and the device, in
        $GIROU_HOME/bots) must match the device: identity keys uploaded for a device can never
        change, so a saved session whose store is missing is dropped for a new login.
        """

        folder = settings.home / "bots"
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)  # the crypto store holds the device's private keys
        session_file = folder / "session.json"

        def new_client() -> Any:
            return AsyncClient(
                settings.url("matrix"),
                settings.bot_user_id,
                store_path=str(folder),
                config=AsyncClientConfig(store_sync_tokens=False, encryption_enabled=True),
            )

        if session_file.exists():
            saved = json.loads(session_file.read_text("utf-8"))
            if (folder / f"{saved['user_id']}_{saved['device_id']}.db").exists():
                client = new_client()
                client.restore_login(saved["user_id"], saved["device_id"], saved["access_token"])
                if isinstance(await client.whoami(), WhoamiResponse):
                    bot = cls(client, settings)
                    await bot.keep_keys_fresh()
                    return bot
                await client.close()
        # A fresh client: nio would otherwise keep the previous device's store loaded.
        client = new_client()
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
        bot = cls(client, settings)
        await bot.keep_keys_fresh()
        return bot

    # --- sync, history, invites, power, keys: what the sync loop (bots/sync.py) uses -------
    async def sync(self, since: str | None, timeout_ms: int, *, full_state: bool) -> SyncBatch:
        """One /sync, decrypted where possible; a failure raises MatrixError.

        `full_state` rebuilds the rooms' state (power levels, encryption, members) after a
        restart, since the bot keeps no room state of its own between runs.
        """

        response = await self.nio.sync(
            timeout=timeout_ms, sync_filter=SYNC_FILTER, since=since, full_state=full_state
        )
        if not isinstance(response, SyncResponse):
            raise _nio_error(response)
        self.synced.set()
        for room_id, info in response.rooms.join.items():
            for event in [*info.state, *info.timeline.events]:
                if isinstance(event, RoomCreateEvent):
                    extra = event.source.get("content", {}).get("additional_creators") or []
                    self._creators[room_id] = frozenset([event.sender, *extra])
        timelines = {
            room_id: RoomTimeline(
                [e for e in (self._room_event(room_id, ev) for ev in info.timeline.events) if e],
                bool(info.timeline.limited),
                info.timeline.prev_batch,
            )
            for room_id, info in response.rooms.join.items()
        }
        invites = {
            room_id: _inviter(info.invite_state, self.user_id)
            for room_id, info in response.rooms.invite.items()
        }
        receipts = [
            ReadReceipt(room_id, receipt.event_id, receipt.user_id, receipt.timestamp)
            for room_id, info in response.rooms.join.items()
            for event in info.ephemeral
            if isinstance(event, ReceiptEvent)
            for receipt in event.receipts
            if receipt.user_id != self.user_id
            and getattr(receipt.receipt_type, "value", receipt.receipt_type) == READ
        ]
        return SyncBatch(response.next_batch, timelines, invites, receipts)

    async def history(
        self, room_id: str, start: str, stop: str | None, limit: int
    ) -> list[RoomEvent]:
        """Up to `limit` events before `start` (back to `stop`), oldest first; stops at the
        bot's own join, since nothing before it concerns the bot."""

        newest_first: list[RoomEvent] = []
        token = start
        while len(newest_first) < limit:
            response = await self.nio.room_messages(
                room_id,
                start=token,
                end=stop,
                direction=MessageDirection.back,
                limit=min(100, limit - len(newest_first)),
            )
            if not isinstance(response, RoomMessagesResponse):
                raise _nio_error(response)
            page = [e for e in (self._room_event(room_id, ev) for ev in response.chunk) if e]
            newest_first.extend(page)
            if any(e.kind == JOINED for e in page) or not response.chunk:
                break
            if not response.end or response.end == token:
                break
            token = response.end
        return list(reversed(newest_first[:limit]))

    def decrypt(self, event: RoomEvent) -> RoomEvent:
        """Try again an event that could not be decrypted (its key may have arrived since)."""
        if event.kind != ENCRYPTED or self.nio.olm is None:
            return event
        try:
            decrypted = self.nio.decrypt_event(event.raw)
        except Exception:  # noqa: BLE001 - nio raises several kinds; still no key is the answer
            return event
        return self._room_event(event.room_id, decrypted) or event

    async def join(self, room_id: str) -> None:

        response = await self.nio.join(room_id)
        if not isinstance(response, JoinResponse):
            raise _nio_error(response)

    async def decline(self, room_id: str) -> None:
        await self.nio.room_leave(room_id)

    def power_level(self, room_id: str, user_id: str) -> int:
        """The sender's power in a room, from the state the last syncs brought."""
        room = self.nio.rooms.get(room_id)
        if room is None:
            return 0
        # Room version 12 gives its creator unlimited power, and forbids listing them.
        if room.room_version not in _PRE_V12_ROOM_VERSIONS and user_id in self._creators.get(
            room_id, ()
        ):
            return CREATOR_POWER
        return room.power_levels.get_user_level(user_id)

    async def keep_keys_fresh(self) -> None:
        """Upload, query and claim keys as needed and send the pending to-device messages.

        New devices of people in an encrypted room get the room key with the next message:
        matrix-nio only shares a Megolm session once, so the session is renewed for them.
        """
        nio = self.nio
        if nio.olm is None:
            return
        if nio.should_upload_keys:
            await nio.keys_upload()
        async with self._keys_lock:
            if nio.should_query_keys:
                await nio.keys_query()
        if nio.should_claim_keys:
            await nio.keys_claim(nio.get_users_for_key_claiming())
        await nio.send_to_device_messages()
        for room_id in list(nio.olm.outbound_group_sessions):
            room = nio.rooms.get(room_id)
            if room is not None:
                self._renew_group_session(room)

    async def _current_devices(self, room: Any) -> None:
        """Ask the homeserver for the devices of the room's members, before encrypting for them.

        Asked before every encrypted message, not only when the sync says a device list
        changed: the sync tells of a new device only while it is connected (after a homeserver
        restart it may still be waiting to reconnect when the next message goes) and only once
        the bot has handled the batch before; a device missed then never gets that message's
        key. For the few people of an encrypted room it costs little next to the encryption.
        Raises MatrixSendError when the homeserver does not answer (nothing is sent).
        """

        nio = self.nio
        nio.olm.add_changed_users(set(room.users))
        async with self._keys_lock:
            if not nio.should_query_keys:
                return  # asked meanwhile, by the sync loop or another room's message
            try:
                response = await asyncio.wait_for(nio.keys_query(), KEYS_QUERY_TIMEOUT)
            except TimeoutError:
                raise MatrixSendError(
                    0, "M_UNREACHABLE", "no answer to the device keys query"
                ) from None
        if not isinstance(response, KeysQueryResponse):
            error = _nio_error(response)
            raise MatrixSendError(error.status, error.errcode, str(error))

    def _renew_group_session(self, room: Any) -> None:
        """Drop the room's Megolm session when a member has a device it was not shared with.

        matrix-nio shares a session once, when it is created: a device that came after would
        never get the key of the messages sent with it. The next message starts a new session,
        shared with every device of the room's members as they are now.
        """
        nio = self.nio
        session = nio.olm.outbound_group_sessions.get(room.room_id)
        if session is None or not session.shared:
            return
        if self._devices_left_out(room, session):
            nio.invalidate_outbound_session(room.room_id)

    def _devices_left_out(self, room: Any, session: Any) -> list[tuple[str, str]]:
        """The members' devices (not this one) that `session` was neither shared with nor
        deliberately left out of."""
        known = session.users_shared_with | session.users_ignored
        return [
            (user, device.id)
            for user in room.users
            for device in self.nio.olm.device_store.active_user_devices(user)
            if device.id != self.device_id and (user, device.id) not in known
        ]

    def _room_event(self, room_id: str, event: Any) -> RoomEvent | None:

        event_id, sender = getattr(event, "event_id", None), getattr(event, "sender", None)
        if not event_id or not sender:
            return None
        sent_at_ms = getattr(event, "server_timestamp", 0) or 0
        common = {
            "room_id": room_id,
            "event_id": event_id,
            "sender": sender,
            "sent_at_ms": sent_at_ms,
            "raw": event,
        }
        content = (getattr(event, "source", None) or {}).get("content") or {}
        relation = content.get("m.relates_to")
        relation = relation if isinstance(relation, dict) else {}
        if isinstance(event, MegolmEvent):
            return RoomEvent(kind=ENCRYPTED, **common)
        if isinstance(event, ReactionEvent):
            if relation.get("rel_type") != "m.annotation":
                return RoomEvent(kind=OTHER, **common)
            return RoomEvent(kind=REACTION, relates_to=event.reacts_to, key=event.key, **common)
        if isinstance(event, RoomMemberEvent):
            if (
                event.state_key == self.user_id
                and event.membership == "join"
                and event.prev_membership != "join"
            ):
                return RoomEvent(kind=JOINED, **common)
            return RoomEvent(kind=OTHER, **common)
        if event.source.get("type") == "m.room.message" and relation.get("rel_type") != "m.replace":
            return RoomEvent(kind=MESSAGE, **message_fields(content, relation), **common)
        return RoomEvent(kind=OTHER, **common)

    # --- outbox delivery (bridges/delivery.py) ----------------------------------------------
    async def send_event(
        self,
        room_id: str,
        content: dict[str, Any],
        txn_id: str,
        event_type: str = "m.room.message",
    ) -> str:
        """Send one event under our transaction id, exactly one HTTP attempt; its event id.

        nio's own retry loop is bypassed on purpose: after a connection error it would send
        again, possibly to a homeserver that restarted and forgot the transaction id, and post
        the event twice. The caller checks the room (`find_source_event`) before a new try.
        Raises MatrixSendError (status 0: no answer; 429 with retry_after_ms).
        """

        try:
            event_type, content = await self._encrypt_for(room_id, event_type, content)
        except LocalProtocolError as exc:
            raise MatrixSendError(0, "M_LOCAL", f"cannot encrypt for {room_id}: {exc}") from exc
        method, path, data = Api.room_send(
            self.nio.access_token, room_id, event_type, content, txn_id
        )
        response = await self._request_once(RoomSendResponse, method, path, data, (room_id,))
        return response.event_id

    async def create_direct_room(self, user_id: str, name: str) -> str:
        """A new private chat with `user_id` (invited, marked direct): its room id.

        Unencrypted: it carries notices with a link the person already gets by mail, and the
        first message must not wait for a sync to learn the room's devices. One attempt, as
        `send_event`; the caller records the room before sending into it.
        """
        method, path, data = Api.room_create(
            self.nio.access_token,
            name=name,
            is_direct=True,
            preset=RoomPreset.trusted_private_chat,
            invite=[user_id],
        )
        response = await self._request_once(RoomCreateResponse, method, path, data, ())
        self._plain_rooms.add(response.room_id)
        return response.room_id

    async def find_source_event(self, room_id: str, source_id: str, limit: int = 200) -> str | None:
        """The event id of the bot's event stamped with `source_id` among its last `limit`.

        Reads /messages backwards, filtered on the bot's own messages. In an encrypted room nio
        decrypts what it holds keys for; an event it cannot decrypt cannot be matched.
        """

        wanted = {"senders": [self.user_id], "types": ["m.room.message", "m.room.encrypted"]}
        start, seen = None, 0
        while seen < limit:
            method, path = Api.room_messages(
                self.nio.access_token,
                room_id,
                start=start,
                direction=MessageDirection.back,
                limit=min(100, limit - seen),
                message_filter=wanted,
            )
            page = await self._request_once(RoomMessagesResponse, method, path, None, (room_id,))
            for event in page.chunk:
                content = event.source.get("content") or {}
                if content.get(SOURCE_KEY) == source_id:
                    return event.event_id
            seen += len(page.chunk)
            if not page.chunk or not page.end or page.end == start:
                return None
            start = page.end
        return None

    async def _encrypt_for(
        self, room_id: str, event_type: str, content: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """What nio's room_send does before sending into an encrypted room."""
        nio = self.nio
        if not nio.olm:
            return event_type, content
        room = nio.rooms.get(room_id)
        if room is None and room_id in self._plain_rooms:
            return event_type, content
        synced = getattr(self, "synced", None)
        if room is None and synced is not None and not synced.is_set():
            # Just started: whether the room is encrypted is known after the first sync.
            try:
                await asyncio.wait_for(synced.wait(), timeout=30)
            except TimeoutError:
                raise MatrixSendError(0, "M_NOT_SYNCED", "no sync yet") from None
            room = nio.rooms.get(room_id)
        if room is None:
            raise MatrixSendError(404, "M_NOT_JOINED", f"the bot is not in room {room_id}")
        if not room.encrypted:
            return event_type, content
        if not room.members_synced:
            await nio.joined_members(room_id)
        await self._current_devices(room)
        self._renew_group_session(room)
        if nio.olm.should_share_group_session(room_id):
            sharing = nio.sharing_session.get(room_id)
            if sharing is not None:
                await sharing.wait()
            else:
                await nio.share_group_session(room_id, ignore_unverified_devices=True)
                session = nio.olm.outbound_group_sessions.get(room_id)
                left_out = self._devices_left_out(room, session) if session else []
                if left_out:
                    # No Olm channel to them (no one-time key to claim): they cannot get this
                    # session's key. Counted as left out, lest every message renew it in vain.
                    session.users_ignored.update(left_out)
                    log.warning(
                        "room %s: no Olm session with device(s) %s; they cannot read the "
                        "messages of this Megolm session",
                        room_id,
                        ", ".join(f"{user} {device}" for user, device in left_out),
                    )
        return nio.encrypt(room_id, event_type, content)

    async def _request_once(
        self,
        response_class: type,
        method: str,
        path: str,
        data: str | None,
        response_data: tuple[Any, ...],
    ) -> Any:
        """One request through nio's transport and parsers, without its retry loop."""

        # nio's API helpers put the token in the query string; send it as a header instead,
        # as nio's own request path does, so that it stays out of logs.
        parts = urlsplit(path)
        query = {k: v for k, v in parse_qs(parts.query).items() if k != "access_token"}
        path = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {self.nio.access_token}",
        }
        try:
            transport = await self.nio.send(method, path, data, headers, timeout=30)
            response = await self.nio.create_matrix_response(
                response_class, transport, response_data
            )
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as exc:
            raise MatrixSendError(
                0, "M_UNREACHABLE", f"no answer from the homeserver: {exc!r}"
            ) from exc
        if isinstance(response, ErrorResponse):
            retry = getattr(response, "retry_after_ms", None)
            if transport.status == 429 and retry is None:
                retry = 1000
            raise MatrixSendError(
                transport.status, response.status_code or "?", response.message or "", retry
            )
        await self.nio.receive_response(response)
        return response

    async def close(self) -> None:
        await self.nio.close()
