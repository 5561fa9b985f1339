"""End-to-end encryption on real Synapse: the bot and a secretary's own client, both ways."""

from __future__ import annotations

import asyncio
import signal
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import httpx
import pytest
from nio import AsyncClient, AsyncClientConfig, LoginResponse, MegolmEvent, RoomMessageNotice
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bots.features import help as help_feature
from bots.models import ProcessedEvent
from bots.router import Feature, Router
from bots.sync import SyncLoop
from bridges import outbox
from collab import db, matrix
from collab.matrix import BotClient
from collab.models import MatrixRoom

SECRETARY = "lucas.demo"  # role secretaire, member of the secretariat room only


@pytest.fixture(scope="module")
def sessions(stack, provisioned) -> Iterator[sessionmaker[Session]]:
    # One client per device: the bots process must not run while this module plays the bot.
    child = stack.supervisor.children.get("bots")
    if child is not None and child.process is not None and child.process.poll() is None:
        child.process.send_signal(signal.SIGTERM)
        child.process.wait(timeout=30)
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


async def until(condition: Callable[[], object], what: str, seconds: float = 30) -> None:
    for _step in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what}")


def processed(sessions, event_id: str) -> bool:
    with sessions() as session:
        return session.get(ProcessedEvent, event_id) is not None


class Bot:
    """The bot as the bots process runs it: its client and its sync loop."""

    def __init__(self, stack, sessions, router) -> None:
        self.stack, self.sessions, self.router = stack, sessions, router

    async def __aenter__(self) -> BotClient:
        self.client = await BotClient.connect(self.stack.settings, self.stack.secrets)
        self.stop = asyncio.Event()
        loop = SyncLoop(self.client, self.sessions, self.router, self.stack.settings)
        self.task = asyncio.create_task(loop.run(self.stop))
        await asyncio.wait_for(loop.ready.wait(), 30)
        return self.client

    async def __aexit__(self, *exc) -> None:
        self.stop.set()
        await self.task
        await self.client.close()


async def secretary_receives(secretary: AsyncClient, room_id: str, event_id: str):
    """Sync the secretary's client until `event_id` shows up; the event as it decrypted it."""
    for _attempt in range(60):
        response = await secretary.sync(timeout=500)
        room = response.rooms.join.get(room_id)
        for event in room.timeline.events if room else []:
            if event.event_id == event_id:
                return event
    raise AssertionError(f"{event_id} never reached the secretary's client")


VALIDATIONS: list[tuple[str, str, str]] = []
REGISTRATION_FEATURE = Feature(
    reactions={
        "test.registration": lambda ctx, message, key: VALIDATIONS.append(
            (ctx.event_id, message.source_id, key)
        )
    }
)


def remember_as_sent(sessions, event_id: str) -> None:
    """An alert of a kind with a reaction handler, as the delivery records it once posted."""
    with sessions.begin() as session:
        outbox.enqueue(
            session,
            kind="test.registration",
            room_key="secretariat",
            payload={},
            source_id=f"test-registration:{event_id}",
        )
        row = session.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"test-registration:{event_id}"
            )
        ).one()
        row.status, row.event_id = outbox.SENT, event_id


async def send_encrypted_reaction(stack, secretary: AsyncClient, room_id: str, event_id: str):
    """matrix-nio sends reactions in clear; Element encrypts them, the relation left outside."""
    relation = {"rel_type": "m.annotation", "event_id": event_id, "key": "\u2705\ufe0f"}
    event_type, content = secretary.encrypt(room_id, "m.reaction", {"m.relates_to": relation})
    assert event_type == "m.room.encrypted"
    async with httpx.AsyncClient(base_url=stack.settings.url("matrix")) as http:
        response = await http.put(
            f"{matrix.CLIENT}/rooms/{quote(room_id)}/send/{event_type}/{uuid.uuid4().hex}",
            json=content,
            headers={"Authorization": f"Bearer {secretary.access_token}"},
        )
    response.raise_for_status()
    return response.json()["event_id"]


def test_bot_and_secretary_read_each_other_in_the_encrypted_room(
    stack, provisioned, sessions, tmp_path
):
    territory, passwords = provisioned
    with sessions() as session:
        room_id = session.get(MatrixRoom, "secretariat").room_id
    router = Router(
        [help_feature.FEATURE, REGISTRATION_FEATURE], settings=stack.settings, territory=territory
    )

    async def scenario() -> None:
        secretary = AsyncClient(
            stack.settings.url("matrix"),
            matrix.user_id(SECRETARY, stack.settings.server_name),
            store_path=str(tmp_path),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
        )
        try:
            assert isinstance(
                await secretary.login(passwords[SECRETARY], device_name="test"), LoginResponse
            )
            await secretary.keys_upload()
            await secretary.join(room_id)
            await secretary.sync(timeout=0, full_state=True)
            assert secretary.rooms[room_id].encrypted

            async with Bot(stack, sessions, router) as bot:
                first_device = bot.device_id
                assert bot.nio.rooms[room_id].encrypted
                # The bot reads a command the secretary's client encrypted.
                sent = await secretary.room_send(
                    room_id,
                    "m.room.message",
                    {"msgtype": "m.text", "body": "!aide"},
                    ignore_unverified_devices=True,
                )
                await until(lambda: processed(sessions, sent.event_id), "the bot read !aide")
                # The secretary's client decrypts what the bot sends.
                await until(
                    lambda: secretary.device_id in bot.nio.device_store[secretary.user_id],
                    "the bot knows the secretary's device",
                )
                notice = await bot.send_event(
                    room_id,
                    {"msgtype": "m.notice", "body": "Nouvelle inscription (test chiffré)"},
                    uuid.uuid4().hex,
                )
                received = await secretary_receives(secretary, room_id, notice)
                assert not isinstance(received, MegolmEvent)
                assert isinstance(received, RoomMessageNotice)
                assert received.decrypted
                assert received.body == "Nouvelle inscription (test chiffré)"
                # The secretary validates it with an encrypted ✅, as Element sends it.
                remember_as_sent(sessions, notice)
                reaction = await send_encrypted_reaction(stack, secretary, room_id, notice)
                await until(lambda: processed(sessions, reaction), "the bot read the reaction")
                assert VALIDATIONS == [(reaction, f"test-registration:{notice}", "\u2705")]

            # Restarted: same device, same keys (the crypto store matches it), both ways again.
            async with Bot(stack, sessions, router) as bot:
                assert bot.device_id == first_device
                again = await secretary.room_send(
                    room_id,
                    "m.room.message",
                    {"msgtype": "m.text", "body": "!aide"},
                    ignore_unverified_devices=True,
                )
                # Same Megolm session as before: only the stored inbound session decrypts it.
                await until(lambda: processed(sessions, again.event_id), "!aide after restart")
                notice = await bot.send_event(
                    room_id, {"msgtype": "m.notice", "body": "Après redémarrage"}, uuid.uuid4().hex
                )
                received = await secretary_receives(secretary, room_id, notice)
                assert isinstance(received, RoomMessageNotice)
                assert received.body == "Après redémarrage"

            # What the homeserver holds is ciphertext.
            async with httpx.AsyncClient(base_url=stack.settings.url("matrix")) as http:
                response = await http.get(
                    f"{matrix.CLIENT}/rooms/{quote(room_id)}/event/{quote(notice)}",
                    headers={"Authorization": f"Bearer {secretary.access_token}"},
                )
                raw = response.json()
            assert raw["type"] == "m.room.encrypted"
            assert "Après redémarrage" not in str(raw)
            for event_id in (sent.event_id, again.event_id):
                with sessions() as session:
                    (reply,) = session.scalars(
                        select(outbox.OutboxMessage).where(
                            outbox.OutboxMessage.source_id == f"reply:{event_id}"
                        )
                    ).all()
                assert reply.room_key == "secretariat"
                assert "!aide" in reply.payload["text"]
        finally:
            await secretary.logout()
            await secretary.close()

    asyncio.run(scenario())
