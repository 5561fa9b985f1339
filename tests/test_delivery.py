"""Outbox delivery against a real Synapse: never lost, never doubled, in order per room.

What reached a room is read back by a separate login (another device of the bot's account),
from the room's history, not from the outbox's own records.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import pytest
from botutil import eventually
from conftest import make_settings
from sqlalchemy import func, select

from bridges.delivery import Delivery, event_content, transaction_id
from collab import credentials, db, matrix, outbox, provision
from collab.matrix import KIND_KEY, SOURCE_KEY
from collab.matrix.admin import AdminSession
from collab.matrix.bot import BotClient
from collab.models import MatrixRoom
from collab.outbox import OutboxMessage
from collab.supervisor import Supervisor
from portal.webhooks import tokens as hooks

BURST = 500
BURST_ROOMS = ("instance:urbanisme", "instance:finances", "instance:numerique", "instance:bureau")
# 500 notifications of one kind would otherwise (rightly) become digests.
NO_DIGEST = {"bridges__digest_threshold": 100_000}
CLIENT = "/_matrix/client/v3"


# --- helpers ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rooms(sessions) -> dict[str, str]:
    with sessions() as s:
        return {room.key: room.room_id for room in s.scalars(select(MatrixRoom))}


@pytest.fixture(scope="module")
def reader(stack, provisioned) -> Iterator[AdminSession]:
    """Another login of the bot's account: reads the rooms, and posts 'behind the worker'."""
    session = provision.bot_session(stack.settings, stack.secrets)
    yield session
    session.close()


def enqueue_burst(sessions, tag: str, count: int, room_keys=BURST_ROOMS) -> dict[str, list[str]]:
    """`count` notices spread over the rooms, in one transaction; room key -> source ids."""
    expected: dict[str, list[str]] = {key: [] for key in room_keys}
    with sessions.begin() as s:
        for number in range(count):
            key = room_keys[number % len(room_keys)]
            source_id = f"{tag}:{number}"
            payload = {"text": f"Avis n° {number} ({tag})"}
            assert outbox.enqueue(
                s, kind="notice", room_key=key, payload=payload, source_id=source_id
            )
            expected[key].append(source_id)
    return expected


def statuses(sessions, tag: str) -> Counter:
    with sessions() as s:
        rows = s.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.source_id.like(f"{tag}:%"))
            .group_by(OutboxMessage.status)
        ).all()
    return Counter(dict(rows))


def room_events(reader: AdminSession, room_id: str, tag: str) -> list[dict]:
    """Contents of the bot's events stamped with a source id of `tag`, oldest first."""
    wanted = json.dumps({"types": ["m.room.message"], "senders": [reader.user_id]})
    newest_first, token = [], None
    while True:
        params = {"dir": "b", "limit": 1000, "filter": wanted}
        if token:
            params["from"] = token
        page = reader._call("GET", f"{CLIENT}/rooms/{quote(room_id)}/messages", params=params)
        for event in page["chunk"]:
            source = event["content"].get(SOURCE_KEY, "")
            if source.startswith(f"{tag}:") or source == tag:
                newest_first.append(event["content"])
        if not page["chunk"] or not page.get("end"):
            return newest_first[::-1]
        token = page["end"]


def assert_once_in_order(reader, rooms, expected: dict[str, list[str]], tag: str) -> None:
    total = 0
    for key, sources in expected.items():
        got = [content[SOURCE_KEY] for content in room_events(reader, rooms[key], tag)]
        doubled = sorted(s for s, n in Counter(got).items() if n > 1)
        assert not doubled, f"{key}: posted more than once: {doubled[:10]}"
        missing = sorted(set(sources) - set(got))
        assert not missing, f"{key}: never posted: {missing[:10]}"
        assert got == sources, f"{key}: out of order"
        total += len(got)
    assert total == sum(len(s) for s in expected.values())


def first_pending(sessions, tag: str, room_key: str) -> OutboxMessage | None:
    with sessions() as s:
        return s.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.source_id.like(f"{tag}:%"),
                OutboxMessage.room_key == room_key,
                OutboxMessage.status == outbox.PENDING,
            )
            .order_by(OutboxMessage.id)
            .limit(1)
        ).first()


def post_behind_the_workers_back(sessions, reader, rooms, row_id: int) -> None:
    """What a crash between "Synapse stored the event" and "row marked sent" leaves behind.

    The event is in the room and the row is pending with attempts > 0. It is posted with
    another access token than the worker's, so Synapse's transaction ids cannot help: only
    the worker's look at the room keeps it from being posted twice.
    """
    with sessions.begin() as s:
        row = s.get(OutboxMessage, row_id)
        room_id = rooms[row.room_key]
        content = event_content(row.kind, row.payload, row.source_id)
        reader._call(
            "PUT",
            f"{CLIENT}/rooms/{quote(room_id)}/send/m.room.message/"
            f"{transaction_id(row.source_id)}-elsewhere",
            json=content,
        )
        row.attempts = 1
        row.next_attempt_at = None


@contextmanager
def bots_process(stack, **overrides) -> Iterator[Supervisor]:
    """The real bots process (`python -m bots`), with settings overrides passed in its env."""
    supervisor = Supervisor(stack.settings.with_overrides(**overrides))
    supervisor.start("bots")
    try:
        yield supervisor
    finally:
        supervisor.stop()


def sigkill(supervisor: Supervisor, name: str) -> None:
    process = supervisor.children[name].process
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def bots_log(stack) -> str:
    return (stack.settings.home / "log" / "bots.log").read_text("utf-8", errors="replace")


# --- what a row looks like in the room -----------------------------------------------------------
def test_a_reply_and_a_message_in_a_thread_carry_their_relation():
    def relation(**payload) -> dict | None:
        return event_content("reply", {"text": "Bonjour", **payload}, "test:relation").get(
            "m.relates_to"
        )

    assert relation() is None
    assert relation(in_reply_to="$command") == {"m.in_reply_to": {"event_id": "$command"}}
    # In a thread: replying to its root is only the fallback for clients without threads…
    assert relation(in_reply_to="$alert", thread_root="$alert") == {
        "rel_type": "m.thread",
        "event_id": "$alert",
        "is_falling_back": True,
        "m.in_reply_to": {"event_id": "$alert"},
    }
    # …replying to a message of the thread is a real reply.
    assert relation(in_reply_to="$answer", thread_root="$alert") == {
        "rel_type": "m.thread",
        "event_id": "$alert",
        "is_falling_back": False,
        "m.in_reply_to": {"event_id": "$answer"},
    }


# --- bursts and crashes -------------------------------------------------------------------------
def leave_head_in_doubt(sessions, reader, rooms, tag: str, room_key: str) -> int | None:
    """Make the room's next row look like a crash left it "in doubt"; its id, or None.

    None when the crash already left that row tried (attempts > 0): it is in doubt for real.
    """
    head = first_pending(sessions, tag, room_key)
    if head.attempts:
        return None
    post_behind_the_workers_back(sessions, reader, rooms, head.id)
    return head.id


def test_a_burst_survives_three_crashes_exactly_once_in_order(stack, sessions, rooms, reader):
    """500 notifications over 4 rooms, and mid-burst, each time with SIGKILL:

    1. Synapse is killed and started again: it forgets every transaction id;
    2. the bots process is killed and started again (same access token);
    3. the bots process is killed and started under a new login (new access token).
    Each time the next row of one room is also left "in doubt", as a crash can leave it.
    """
    tag = f"burst-{uuid.uuid4().hex[:8]}"
    expected = enqueue_burst(sessions, tag, BURST)
    session_file = stack.settings.home / "bots" / "session.json"

    def sent_at_least(count: int) -> None:
        eventually(lambda: statuses(sessions, tag)["sent"] >= count, f"{count} sent", 90)

    # Left in doubt before the worker starts: the first thing it does there is to find it.
    in_doubt = [leave_head_in_doubt(sessions, reader, rooms, tag, BURST_ROOMS[0])]
    with bots_process(stack, **NO_DIGEST) as bots:
        sent_at_least(BURST // 4)
        sigkill(stack.supervisor, "synapse")
        time.sleep(1)  # the worker meets a closed port for a while
        stack.supervisor.start("synapse")
        stack.supervisor.wait_healthy(["synapse"])

        sent_at_least(BURST // 2)
        sigkill(bots, "bots")
        in_doubt.append(leave_head_in_doubt(sessions, reader, rooms, tag, BURST_ROOMS[1]))
        bots.start("bots")

        sent_at_least(BURST * 3 // 4)
        sigkill(bots, "bots")
        in_doubt.append(leave_head_in_doubt(sessions, reader, rooms, tag, BURST_ROOMS[2]))
        old_token = json.loads(session_file.read_text())["access_token"]
        session_file.unlink()
        bots.start("bots")
        eventually(session_file.exists, "the new login", 30)
        assert json.loads(session_file.read_text())["access_token"] != old_token

        eventually(lambda: statuses(sessions, tag)["sent"] == BURST, "the whole burst sent", 120)
    assert_once_in_order(reader, rooms, expected, tag)
    log = bots_log(stack)
    for row_id in filter(None, in_doubt):
        assert f"row {row_id} was already in" in log


# --- digests and dead letters -------------------------------------------------------------------
def test_a_burst_of_one_kind_becomes_one_digest_in_its_place(stack, sessions, rooms, reader):
    tag = f"digest-{uuid.uuid4().hex[:8]}"
    room_key = "instance:conseil"  # a room without recent notices (the window counts them)
    with sessions.begin() as s:
        outbox.enqueue(
            s, kind="notice", room_key=room_key, payload={"text": "avant"}, source_id=f"{tag}:a"
        )
        for number in range(50):
            outbox.enqueue(
                s,
                kind="hook",
                room_key=room_key,
                payload={"text": f"Parcelle {number} mise à jour"},
                source_id=f"{tag}:hook-{number}",
            )
        outbox.enqueue(
            s, kind="notice", room_key=room_key, payload={"text": "après"}, source_id=f"{tag}:z"
        )
    with bots_process(stack):  # default threshold: 10 a minute
        eventually(lambda: not statuses(sessions, tag)["pending"], "the rows delivered", 60)
    assert statuses(sessions, tag) == Counter({"sent": 3, "digested": 49})
    events = room_events(reader, rooms[room_key], tag)
    assert [e[SOURCE_KEY] for e in events] == [f"{tag}:a", f"{tag}:hook-0", f"{tag}:z"]
    digest = events[1]
    assert digest[KIND_KEY] == "digest"
    assert digest["msgtype"] == "m.notice"
    assert "50 notifications « webhook »" in digest["body"]
    # Every one of them, not a sample.
    lines = [f"• Parcelle {number} mise à jour" for number in range(50)]
    assert [line for line in digest["body"].splitlines() if line.startswith("•")] == lines
    assert "autres" not in digest["body"]
    assert "<li>Parcelle 49 mise à jour</li>" in digest["formatted_body"]


def content_bytes(content: dict) -> int:
    """An event content's size as the homeserver counts it (canonical JSON, UTF-8)."""
    return len(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode())


def test_a_burst_of_webhook_posts_reaches_the_room_whole_and_in_order(
    stack, sessions, reader, caplog
):
    """300 webhook posts within a minute, one of them as large as a hook may be: every text is
    in the room, in order, in digest messages each well under Synapse's 64 KiB. Each message
    of the digests is a row of its own: left in doubt by a crash, the first (posted, not
    recorded) is not posted again, the second (its attempt recorded, not posted) once."""
    caplog.set_level(logging.INFO, logger="girou.bridges.delivery")
    room_id = reader.create_room({"name": "Webhooks", "preset": "private_chat"})
    with sessions.begin() as s:
        token = hooks.create_hook(s, room_id, "test")
    texts = [
        f"Relevé n° {n:03d} du capteur : la Sausse est " + "normale, " * 40 for n in range(299)
    ]
    # As large as a webhook may post (10,000 characters of text, 20,000 of HTML).
    largest = ("Crue de la Sausse : " + "niveau haut, " * 800)[: hooks.MAX_TEXT]
    largest_html = f"<p>{largest}</p><p>{largest[: hooks.MAX_HTML - len(largest) - 14]}</p>"
    with sessions.begin() as s:
        for number, text in enumerate(texts):
            if number == 150:
                hooks.accept_hook(s, token, {"text": largest, "html": largest_html})
            hooks.accept_hook(s, token, {"text": text})
    texts.insert(150, largest)
    # The worker's first step there, as a worker would take it before being killed: the burst
    # becomes digests, and the first one's attempt is recorded ("maybe sent").
    worker = Delivery(None, sessions, stack.settings)
    deadline = time.monotonic() + 10
    while isinstance(step := worker._next_step(room_id, None), float):
        assert time.monotonic() < deadline
        time.sleep(step)
    with sessions() as s:
        rows = s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.room_key == room_id)
            .order_by(OutboxMessage.id)
        ).all()
    assert len(rows) == 300
    messages = [row for row in rows if row.status == outbox.PENDING]
    assert len(messages) >= 5
    assert {row.kind for row in messages} == {"digest"}
    assert step.id == messages[0].id  # its attempt recorded
    # The process died after Synapse stored the first message, before it was recorded sent…
    post_behind_the_workers_back(sessions, reader, {room_id: room_id}, messages[0].id)
    # …or after it recorded the attempt at the second one, before the request left.
    with sessions.begin() as s:
        s.get(OutboxMessage, messages[1].id).attempts = 1

    def room_statuses() -> Counter:
        with sessions() as s:
            return Counter(
                s.scalars(select(OutboxMessage.status).where(OutboxMessage.room_key == room_id))
            )

    asyncio.run(
        deliver_until(
            stack.settings,
            stack.secrets,
            sessions,
            lambda: room_statuses()[outbox.SENT] == len(messages),
            seconds=90,
        )
    )
    assert room_statuses() == Counter({"sent": len(messages), "digested": 300 - len(messages)})
    events = room_events(reader, room_id, "hook")
    assert [e[SOURCE_KEY] for e in events] == [row.source_id for row in messages]  # once each
    assert max(content_bytes(e) for e in events) < 42_000
    assert f"row {messages[0].id} was already in {room_id}" in caplog.text
    assert f"row {messages[1].id} was already in" not in caplog.text
    # Every text, in the order of the posts, in the plain text and in the HTML.
    body = "\n".join(e["body"] for e in events)
    html = "".join(e["formatted_body"] for e in events)
    for whole in (body, html):
        at = [whole.find(text.strip()) for text in texts]
        assert -1 not in at
        assert at == sorted(at)
    assert events[0]["body"].startswith("300 notifications « webhook » en moins d'une minute")


def test_answers_in_a_thread_are_never_digested(stack, sessions, rooms, reader):
    """Twelve questions in a minute, each in the thread of the message it answers (as the ❌
    question is): each is posted in its thread, none gathered into a digest."""
    tag = f"thread-{uuid.uuid4().hex[:8]}"
    room_key = "instance:bureau"
    root = reader._call(
        "PUT",
        f"{CLIENT}/rooms/{quote(rooms[room_key])}/send/m.room.message/{tag}",
        json={"msgtype": "m.text", "body": "Une alerte"},
    )["event_id"]
    with sessions.begin() as s:
        for number in range(12):
            outbox.enqueue(
                s,
                kind="childcare.reason_prompt",
                room_key=room_key,
                payload={
                    "id": number,
                    "family": "Exemple",
                    "in_reply_to": root,
                    "thread_root": root,
                    "mentions": [],
                },
                source_id=f"{tag}:{number}",
            )
    with bots_process(stack):  # default threshold: 10 a minute
        eventually(lambda: not statuses(sessions, tag)["pending"], "the rows delivered", 60)
    assert statuses(sessions, tag) == Counter({"sent": 12})
    events = room_events(reader, rooms[room_key], tag)
    assert [e[SOURCE_KEY] for e in events] == [f"{tag}:{n}" for n in range(12)]
    assert "demande n° 11 (famille Exemple)" in events[11]["body"]
    for event in events:
        assert event["m.relates_to"]["rel_type"] == "m.thread"
        assert event["m.relates_to"]["event_id"] == root


def test_an_undeliverable_row_is_dead_lettered_with_an_alert(stack, sessions, rooms, reader):
    tag = f"dead-{uuid.uuid4().hex[:8]}"
    with sessions.begin() as s:
        outbox.enqueue(
            s,
            kind="notice",
            room_key="!no-such-room",
            payload={"text": "perdu ?"},
            source_id=f"{tag}:lost",
        )
        row_id = s.scalar(select(OutboxMessage.id).where(OutboxMessage.source_id == f"{tag}:lost"))
    with bots_process(stack, bridges__max_attempts=3):
        eventually(lambda: statuses(sessions, tag)["dead"] == 1, "the row dead-lettered", 60)
        with sessions() as s:
            alert = s.scalars(
                select(OutboxMessage).where(OutboxMessage.source_id == f"dead:{row_id}")
            ).one()
        eventually(
            lambda: sessions().get(OutboxMessage, alert.id).status == outbox.SENT,
            "the alert sent",
            30,
        )
    with sessions() as s:
        assert s.get(OutboxMessage, row_id).attempts == 3
    admin_room = rooms[stack.settings.get("bridges", "admin_room")]
    [event] = room_events(reader, admin_room, f"dead:{row_id}")
    assert event[KIND_KEY] == "dead_letter"
    assert f"n° {row_id}" in event["body"]
    assert "!no-such-room" in event["body"]
    assert f"girou outbox retry {row_id}" in event["body"]


# --- encrypted rooms ---------------------------------------------------------------------------
def test_in_an_encrypted_room_a_row_in_doubt_is_found_by_decrypting_it(
    stack, sessions, rooms, caplog
):
    """The check before sending again reads the bot's own encrypted events (same device).

    The worker delivers whatever the outbox holds, rows other tests left pending included:
    what is asserted is what became of this test's row, never the worker's totals.
    """
    caplog.set_level(logging.INFO, logger="girou.bridges.delivery")
    tag = f"e2e-{uuid.uuid4().hex[:8]}"
    enqueue_burst(sessions, tag, 1, room_keys=("secretariat",))
    source_id = f"{tag}:0"

    def row() -> OutboxMessage:
        with sessions() as s:
            return s.scalars(
                select(OutboxMessage).where(OutboxMessage.source_id == source_id)
            ).one()

    found = f"row {row().id} was already in {rooms['secretariat']}"
    asyncio.run(
        deliver_until(
            stack.settings,
            stack.secrets,
            sessions,
            lambda: statuses(sessions, tag)["sent"] == 1,
            seconds=60,
        )
    )
    event_id = row().event_id
    assert event_id  # posted…
    assert found not in caplog.text  # …not found
    with sessions.begin() as s:
        message = s.get(OutboxMessage, row().id)
        # As a crash between the send and its record leaves it.
        message.status, message.event_id, message.next_attempt_at = outbox.PENDING, None, None
    asyncio.run(
        deliver_until(
            stack.settings,
            stack.secrets,
            sessions,
            lambda: statuses(sessions, tag)["sent"] == 1,
            seconds=60,
        )
    )
    # Found by reading the room: the same access token would also get the same event back
    # from Synapse's transaction ids, but then no "already in" would be logged.
    assert found in caplog.text
    assert row().event_id == event_id
    raw = matrix_event(stack, rooms["secretariat"], event_id)
    assert raw["type"] == "m.room.encrypted"


def matrix_event(stack, room_id: str, event_id: str) -> dict:
    session = provision.bot_session(stack.settings, stack.secrets)
    try:
        return session._call("GET", f"{CLIENT}/rooms/{quote(room_id)}/event/{quote(event_id)}")
    finally:
        session.close()


# --- rate limits --------------------------------------------------------------------------------
RATE_LIMITED = 12  # Synapse's defaults: a burst of 10, then one message every 5 s


@pytest.fixture(scope="module")
def strict_synapse(tmp_path_factory):
    """A second Synapse with Synapse's default rate limits, and a bot that is not exempt."""
    home = tmp_path_factory.mktemp("strict-synapse")
    settings = make_settings(home, **NO_DIGEST).with_overrides(matrix__relaxed_rate_limits=False)
    secrets = credentials.ensure_secrets(home)
    supervisor = Supervisor(settings)
    supervisor.start("synapse")
    try:
        supervisor.wait_healthy(["synapse"])
        localpart = settings.get("matrix", "bot_localpart")
        with httpx.Client(base_url=settings.url("matrix"), timeout=30) as http:
            matrix.register_with_shared_secret(
                http, secrets.registration_shared_secret, localpart, secrets.bot_password
            )
        admin = AdminSession.login(
            settings.url("matrix"), localpart, secrets.bot_password, settings.server_name
        )
        room_id = admin.create_room({"name": "Limites", "preset": "private_chat"})
        engine = db.make_engine(settings.database_url)
        db.create_schema(engine)
        sessions = db.make_sessionmaker(engine)
        with sessions.begin() as s:
            s.add(MatrixRoom(key="instance:limites", room_id=room_id, name="Limites"))
        yield settings, secrets, sessions, admin, room_id
        admin.close()
        engine.dispose()
    finally:
        supervisor.stop()


async def deliver_until(settings, secrets, sessions, done: Callable[[], bool], seconds: float):
    """Run the delivery worker in this process until `done()`; returns it (for its stats)."""
    client = await BotClient.connect(settings, secrets)
    try:
        # What the bots' sync loop does first: with encryption on, nio sends only into rooms
        # it has synced. With a filter of its own: Synapse answers a request it answered in
        # the last two minutes from its cache, which knows no room created since.
        unique = {"account_data": {"not_types": [f"org.girou.test.{uuid.uuid4().hex}"]}}
        await client.nio.sync(timeout=0, full_state=True, sync_filter=unique)
        stop = asyncio.Event()
        delivery = Delivery(client, sessions, settings)
        task = asyncio.create_task(delivery.run(stop))
        deadline = time.monotonic() + seconds
        try:
            while not await asyncio.to_thread(done):
                assert time.monotonic() < deadline, f"not delivered after {seconds:.0f} s"
                await asyncio.sleep(0.2)
        finally:
            stop.set()
            await task
        return delivery
    finally:
        await client.close()


@pytest.mark.stack  # a Synapse of its own (`strict_synapse`), not the session's stack
def test_429s_are_honoured_without_loss(strict_synapse):
    settings, secrets, sessions, admin, room_id = strict_synapse
    tag = f"limits-{uuid.uuid4().hex[:8]}"
    expected = enqueue_burst(sessions, tag, RATE_LIMITED, room_keys=("instance:limites",))
    delivery = asyncio.run(
        deliver_until(
            settings,
            secrets,
            sessions,
            lambda: statuses(sessions, tag)["sent"] == RATE_LIMITED,
            seconds=80,
        )
    )
    assert delivery.stats["rate_limited"] > 0  # Synapse did refuse, and nothing was lost:
    assert delivery.stats["sent"] == RATE_LIMITED
    assert_once_in_order(admin, {"instance:limites": room_id}, expected, tag)
    with sessions() as s:
        # A 429 is not an attempt toward dead-lettering.
        assert set(s.scalars(select(OutboxMessage.attempts))) == {1}
