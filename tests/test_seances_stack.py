"""A séance sent on the real servers: the bots process posts each member's convocation in the
instance's room and writes the calendar events; a member's own client (a plain nio client
logged in as that member, not the bot's code) sees the message, finds the event in their
personal calendar over CalDAV, answers by reaction and sees the confirmation; the proof
shows the delivery and the log verifies. An annex lands in the instance's WebDAV share, where a
member opens it with their own login; a cancellation marks the events cancelled."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from botutil import BotsProcess, event_with_id, eventually, first_seen
from nio import AsyncClient, LoginResponse, RoomMessageNotice
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from collab import db, matrix, outbox, webdav
from collab.models import MatrixRoom
from portal.seances import documents, proof, service
from portal.seances.models import PRESENT, Answer, Recipient

MEMBER = "emma.fictive"  # a councillor of the conseil


@pytest.fixture(scope="module")
def stack_sessions(stack, provisioned) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def bots(stack, provisioned) -> Iterator[BotsProcess]:
    bots = BotsProcess(stack)
    bots.start()
    yield bots
    bots.stop()


def delivered_event(sessions, source_id: str) -> str:
    def event_id() -> str | None:
        with sessions() as s:
            return s.scalars(
                select(outbox.OutboxMessage.event_id).where(
                    outbox.OutboxMessage.source_id == source_id
                )
            ).first()

    return eventually(event_id, f"{source_id} delivered", 60)


def read_at(sessions, seance_id: int):
    with sessions() as s:
        return s.scalars(
            select(Recipient.matrix_read_at).where(
                Recipient.seance_id == seance_id, Recipient.localpart == MEMBER
            )
        ).one()


def test_a_member_sees_the_convocation_and_its_event_and_answers_by_reaction(
    stack, provisioned, stack_sessions, bots
):
    territory, passwords = provisioned
    settings = stack.settings
    sessions = stack_sessions
    with sessions() as s:
        room_id = s.get(MatrixRoom, "instance:conseil").room_id
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=9), dt.time(18, 30))

    async def scenario() -> tuple[int, str]:
        client = AsyncClient(settings.url("matrix"), matrix.user_id(MEMBER, settings.server_name))
        try:
            login = await client.login(passwords[MEMBER], device_name="seances-test")
            assert isinstance(login, LoginResponse), login
            await client.join(room_id)
            await client.sync(timeout=0, full_state=True)

            def prepare_and_send() -> int:
                with sessions.begin() as s:
                    seance = service.create_seance(
                        s,
                        territory,
                        instance_key="conseil",
                        starts_at=start,
                        place="Salle du conseil",
                        tz=settings.timezone,
                    )
                    service.add_item(
                        s, territory, seance, title="Tarifs de l’été", note="La grille."
                    )
                    service.send(s, settings, territory, seance, actor="karine.fictive")
                    return seance.id

            seance_id = await asyncio.to_thread(prepare_and_send)
            source = f"seance:{seance_id}:v1:to:{MEMBER}"
            event_id = await asyncio.to_thread(delivered_event, sessions, source)
            seen = await first_seen(client, room_id, event_with_id(event_id))
            assert isinstance(seen, RoomMessageNotice)
            assert seen.body.startswith("Emma Fictive : Convocation — Conseil communautaire")
            assert "Tarifs de l’été" in seen.body
            mentions = seen.source["content"]["m.mentions"]["user_ids"]
            assert mentions == [matrix.user_id(MEMBER, settings.server_name)]

            # Read: the member's client moves its public read receipt to the convocation.
            await client.update_receipt_marker(room_id, event_id)
            await asyncio.to_thread(
                eventually, lambda: read_at(sessions, seance_id) is not None, "read", 60
            )

            # The member's own reaction, as Element sends it.
            reaction = await client.room_send(
                room_id,
                "m.reaction",
                {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": "👍"}},
            )
            confirmation = await first_seen(
                client,
                room_id,
                lambda e: isinstance(e, RoomMessageNotice) and "Réponse enregistrée" in e.body,
            )
            assert "Emma Fictive : présent" in confirmation.body
            return seance_id, reaction.event_id
        finally:
            await client.close()

    seance_id, _reaction = asyncio.run(scenario())
    with sessions() as s:
        answer = s.scalars(
            select(Answer).where(Answer.seance_id == seance_id, Answer.localpart == MEMBER)
        ).one()
        assert answer.choice == PRESENT
        seance = service.get_seance(s, seance_id)
        uid = documents.event_uid(settings, seance)

    # The event in the member's own calendar, read with the member's credentials.
    url = f"{settings.url('caldav')}/{MEMBER}/agenda/{quote(uid, safe='@.-_')}.ics"

    def calendar_event() -> str | None:
        response = httpx.get(url, auth=(MEMBER, passwords[MEMBER]), timeout=10)
        return response.text if response.status_code == 200 else None

    ics = eventually(calendar_event, "the event in the member's calendar", 60)
    assert "SUMMARY:Conseil communautaire — séance" in ics
    assert "BEGIN:VTIMEZONE" in ics

    def proven() -> bool:
        with sessions() as s:
            recipient = s.scalars(
                select(Recipient).where(
                    Recipient.seance_id == seance_id, Recipient.localpart == MEMBER
                )
            ).one()
            return all(
                (
                    recipient.matrix_delivered_at,
                    recipient.mail_delivered_at,
                    recipient.calendar_at,
                    recipient.acknowledged_at,
                )
            )

    eventually(proven, "delivered, mailed, in the calendar and acknowledged", 60)
    with sessions() as s:
        assert proof.verify(s, seance_id).ok


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_an_annex_is_in_the_share_and_a_cancellation_reaches_the_calendars(
    stack, provisioned, stack_sessions, bots
):
    territory, passwords = provisioned
    settings = stack.settings
    sessions = stack_sessions
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=15), dt.time(17, 0))
    with webdav.bot_shares(settings, stack.secrets) as shares, sessions.begin() as s:
        seance = service.create_seance(
            s,
            territory,
            instance_key="urbanisme",
            starts_at=start,
            place="Garidech",
            tz=settings.timezone,
        )
        item = service.add_item(s, territory, seance, title="Zonage", note="Le zonage.")
        annex = service.add_annex(s, shares, seance, item.id, "Plan de zonage.pdf", PDF)
        service.send(s, settings, territory, seance, actor="karine.fictive")
        seance_id, path, uid = seance.id, annex.path, documents.event_uid(settings, seance)
    assert path == f"seances/{seance_id:04d}/01-Plan-de-zonage.pdf"
    # A member of the commission opens it from the share with their own login.
    member = "francois.demo"
    url = f"{settings.url('webdav')}/urbanisme/{quote(path)}"
    response = httpx.get(url, auth=(member, passwords[member]), timeout=10)
    assert (response.status_code, response.content) == (200, PDF)

    calendar = f"{settings.url('caldav')}/{member}/agenda/{quote(uid, safe='@.-_')}.ics"

    def event() -> str:
        response = httpx.get(calendar, auth=(member, passwords[member]), timeout=10)
        return response.text if response.status_code == 200 else ""

    assert "STATUS:CONFIRMED" in eventually(event, "the event written", 60)
    with sessions.begin() as s:
        seance = service.get_seance(s, seance_id)
        service.cancel(s, settings, territory, seance, reason="Salle indisponible", actor="k")
    eventually(lambda: "STATUS:CANCELLED" in event(), "the event cancelled", 60)
    delivered_event(sessions, f"seance:{seance_id}:cancelled")
    with sessions() as s:
        assert proof.verify(s, seance_id).ok
