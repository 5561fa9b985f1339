"""End-to-end encryption on real Synapse: the bot and a secretary's own client, both ways, and a
secretary's new device (also right after a homeserver restart: that test restarts the session's
Synapse, so it comes last)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from urllib.parse import quote

import httpx
import pytest
from botutil import (
    BotsProcess,
    bot_loop,
    event_with_id,
    eventually,
    first_seen,
    own_device,
    posted,
    processed,
    replies,
    restart_homeserver,
    send_encrypted,
)
from nio import AsyncClient, MegolmEvent, RoomMessageNotice
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bots.features import help as help_feature
from bots.router import Router
from bridges.delivery import Delivery
from collab import db, matrix, outbox
from collab.feature import Feature
from collab.matrix.bot import BotClient
from collab.models import MatrixRoom

SECRETARY = "lucas.demo"  # role secretaire, member of the secretariat room only


@pytest.fixture(scope="module")
def sessions(stack, provisioned) -> Iterator[sessionmaker[Session]]:
    # One client per device: the bots process must not run while this module plays the bot.
    BotsProcess(stack).stop()
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


async def until(condition, what: str) -> None:
    await asyncio.to_thread(eventually, condition, what, 30)


VALIDATIONS: list[tuple[str, str, str]] = []
REGISTRATION_FEATURE = Feature(
    reactions={
        "test.registration": lambda ctx, message, key: VALIDATIONS.append(
            (ctx.event_id, message.source_id, key)
        )
    }
)


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
        async with own_device(
            stack, SECRETARY, passwords[SECRETARY], tmp_path, room_id
        ) as secretary:
            assert secretary.rooms[room_id].encrypted

            async with bot_loop(stack, sessions, router) as bot:
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
                received = await first_seen(secretary, room_id, event_with_id(notice))
                assert not isinstance(received, MegolmEvent)
                assert isinstance(received, RoomMessageNotice)
                assert received.decrypted
                assert received.body == "Nouvelle inscription (test chiffré)"
                # The secretary validates it with an encrypted ✅, as Element sends it.
                source_id = posted(sessions, "test.registration", "secretariat", notice)
                tick = {"rel_type": "m.annotation", "event_id": notice, "key": "\u2705\ufe0f"}
                reaction = await send_encrypted(
                    stack, secretary, room_id, "m.reaction", {"m.relates_to": tick}
                )
                await until(lambda: processed(sessions, reaction), "the bot read the reaction")
                assert VALIDATIONS == [(reaction, source_id, "\u2705")]

            # Restarted: same device, same keys (the crypto store matches it), both ways again.
            async with bot_loop(stack, sessions, router) as bot:
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
                received = await first_seen(secretary, room_id, event_with_id(notice))
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
                (reply,) = replies(sessions, event_id)
                assert reply.room_key == "secretariat"
                assert "!aide" in reply.payload["text"]

    asyncio.run(scenario())


@contextlib.asynccontextmanager
async def delivering(bot: BotClient, sessions, settings) -> AsyncIterator[None]:
    """The outbox delivery worker on the bot's client, as the bots process runs it."""
    stop = asyncio.Event()
    worker = asyncio.create_task(Delivery(bot, sessions, settings).run(stop))
    try:
        yield
    finally:
        stop.set()
        await worker


async def alert(sessions, text: str) -> str:
    """An alert to the secretariat through the outbox, as the portal writes it; its event id
    once the delivery worker has posted it."""
    source_id = f"test.alert:{uuid.uuid4().hex}"
    with sessions.begin() as session:
        outbox.enqueue(
            session,
            kind="notice",
            room_key="secretariat",
            payload={"text": text},
            source_id=source_id,
        )

    def posted_as() -> str | None:
        with sessions() as session:
            return session.scalar(
                select(outbox.OutboxMessage.event_id).where(
                    outbox.OutboxMessage.source_id == source_id,
                    outbox.OutboxMessage.status == outbox.SENT,
                )
            )

    return await asyncio.to_thread(eventually, posted_as, f"{text!r} posted", 60)


async def reads(device: AsyncClient, room_id: str, event_id: str, text: str) -> None:
    received = await first_seen(device, room_id, event_with_id(event_id))
    assert not isinstance(received, MegolmEvent), f"{device.device_id} got no key for {text!r}"
    assert isinstance(received, RoomMessageNotice)
    assert received.body == text


def test_a_new_device_of_the_secretary_reads_the_next_alert_even_after_a_restart(
    stack, provisioned, sessions, tmp_path
):
    """Logged in on a new device after the bot's last message, the secretary reads the next
    alert at once: the bot asks for the members' devices before encrypting and shares a new
    Megolm session with the new one. Right after a homeserver restart too, while the bot's
    sync is still reconnecting (it would not have told of the new device in time)."""
    territory, passwords = provisioned
    with sessions() as session:
        room_id = session.get(MatrixRoom, "secretariat").room_id
    router = Router([help_feature.FEATURE], settings=stack.settings, territory=territory)
    password = passwords[SECRETARY]

    async def scenario() -> None:
        async with (
            bot_loop(stack, sessions, router) as bot,
            delivering(bot, sessions, stack.settings),
            own_device(stack, SECRETARY, password, tmp_path / "old", room_id) as old,
        ):
            first = await alert(sessions, "Inscription n° 1")
            await reads(old, room_id, first, "Inscription n° 1")

            async with own_device(stack, SECRETARY, password, tmp_path / "new", room_id) as new:
                second = await alert(sessions, "Inscription n° 2")
                await reads(new, room_id, second, "Inscription n° 2")
                await reads(old, room_id, second, "Inscription n° 2")

            # Down long enough for the bot's sync to be waiting out matrix-nio's back-off
            # when the homeserver is back (seconds between tries, as after a real restart).
            await asyncio.to_thread(restart_homeserver, stack, 15)
            async with own_device(
                stack, SECRETARY, password, tmp_path / "after-restart", room_id
            ) as after:
                third = await alert(sessions, "Inscription n° 3")
                await reads(after, room_id, third, "Inscription n° 3")
                await reads(old, room_id, third, "Inscription n° 3")

    for folder in ("old", "new", "after-restart"):
        (tmp_path / folder).mkdir()
    asyncio.run(scenario())
