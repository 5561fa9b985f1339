"""Childcare chat-ops: ✅/❌ and commands through the router, the reason asked in the thread,
the mails, the 08:00 digest; and the round trips through real Synapse in the encrypted
secretariat room (the bots process delivers the alert, a secretary's own client reacts ✅, or
❌ and then answers the bot's question in the alert's thread)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email
import email.message
import email.policy
import itertools
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
import pytest
from botutil import (
    BotsProcess,
    event_with_id,
    eventually,
    first_seen,
    own_device,
    record_sent,
    replies,
    reply_texts,
    send_encrypted,
)
from conftest import TZ, open_wednesdays
from nio import AsyncClient, RoomMessageNotice
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bots.features import help as help_feature
from bots.router import Incoming, Router
from bots.scheduler import Jobs, build_scheduler
from bridges.templates import render
from collab import config, db, outbox
from collab.models import MatrixRoom
from collab.territory import Territory, load_territory
from portal.childcare import booking, documents, families, programme
from portal.childcare import chat as feature
from portal.childcare import feature as childcare_feature
from portal.childcare.models import (
    CONFIRMED,
    PENDING,
    REFUSED,
    WAITLISTED,
    Family,
    RefusalPrompt,
    Registration,
)
from portal.mail import QueuedMail

ROOT = Path(__file__).resolve().parent.parent
SERVER = "girou.localhost"
ROOM_ID = "!secretariat-test"
_ids = itertools.count(1)


# --- building a programme and requests ------------------------------------------------------
class Desk:
    """A programme with one session per centre, and helpers to file requests."""

    def __init__(self, sessions: sessionmaker[Session], territory: Territory) -> None:
        self.sessions, self.territory = sessions, territory
        today = dt.date.today()
        with sessions.begin() as s:
            programme.sync_centres(s, territory)
            period = open_wednesdays(
                s, ends_in=40, name=f"Mercredis {uuid.uuid4().hex[:6]}", slug=None
            )
            self.session_ids = {}
            for n, centre in enumerate(territory.centres):
                activity = programme.create_activity(
                    s, centre_key=centre.key, title=f"Cirque {n}", age_min=6, age_max=11
                )
                self.session_ids[centre.key] = programme.add_session(
                    s,
                    activity=activity,
                    period=period,
                    date=today + dt.timedelta(days=7 + n),
                    slot="afternoon",
                    capacity=1,
                ).id

    def request(
        self,
        centre: str = "alsh-verfeil",
        name: str | None = None,
        sent: tuple[str, ...] = tuple(documents.KINDS),
    ) -> int:
        """A request of a new family who has sent the documents `sent` (by default all)."""
        with self.sessions.begin() as s:
            family = families.create_family(
                s,
                self.territory,
                email=f"{uuid.uuid4().hex[:10]}@exemple.fr",
                password="mot-de-passe-long",
                name=name or f"Famille {next(_ids)}",
                commune_insee="31228",
                scrypt_n=1024,
                verified=True,
            )
            family.quotient = 900
            s.add_all(
                documents.FamilyDocument(family_id=family.id, kind=kind, path=f"{kind}.pdf", size=9)
                for kind in sent
            )
            child = families.add_child(
                s, family, first_name="Léo", last_name=family.name, birth_date=dt.date(2018, 1, 2)
            )
            return booking.register(
                s, family, child, [self.session_ids[centre]], uuid.uuid4().hex, tz=TZ
            ).id


def alert_of(sessions, registration_id: int, kind: str = "childcare.request"):
    with sessions() as s:
        return s.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"{kind}:{registration_id}"
            )
        ).one()


def alert_fields(sessions, registration_id: int) -> dict:
    row = alert_of(sessions, registration_id)
    return {"kind": row.kind, "payload": row.payload}


def mark_sent(sessions, registration_id: int) -> str:
    """As the delivery records an alert once posted: its Matrix event id."""
    event_id = f"$alert-{next(_ids)}"
    record_sent(sessions, f"childcare.request:{registration_id}", event_id)
    return event_id


def status(sessions, registration_id: int) -> str:
    with sessions() as s:
        return s.get(Registration, registration_id).status


def mail_subjects(sessions) -> list[str]:
    with sessions() as s:
        return list(s.scalars(select(QueuedMail.subject).order_by(QueuedMail.id)))


# --- the router on a database (no Matrix) ---------------------------------------------------
@pytest.fixture
def local(tmp_path) -> Iterator[tuple[Router, sessionmaker[Session], Desk]]:
    settings = config.load(tmp_path, environ={})
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    with sessions.begin() as s:
        s.add(MatrixRoom(key="secretariat", room_id=ROOM_ID, name="Secrétariat – inscriptions"))
        s.add(MatrixRoom(key="moderation", room_id="!moderation-test", name="Modération"))
    territory = load_territory(ROOT / "territory.toml")
    router = Router(
        [help_feature.FEATURE, childcare_feature.FEATURE], settings=settings, territory=territory
    )
    yield router, sessions, Desk(sessions, territory)
    engine.dispose()


def react(router, sessions, alert: str, key: str, who: str = "lucas.demo") -> str:
    event_id = f"$reaction-{next(_ids)}"
    incoming = Incoming(ROOM_ID, event_id, f"@{who}:{SERVER}", reacts_to=alert, key=key)
    assert router.dispatch(sessions, incoming)
    assert not router.dispatch(sessions, incoming)  # exactly once
    return event_id


def say(router, sessions, body: str, who: str = "lucas.demo", room: str = ROOM_ID) -> str:
    event_id = f"$command-{next(_ids)}"
    assert router.dispatch(sessions, Incoming(room, event_id, f"@{who}:{SERVER}", body=body))
    (reply,) = reply_texts(sessions, event_id)
    return reply


def test_a_tick_validates_once_and_mails_the_family(local):
    router, sessions, desk = local
    registration = desk.request(name="Exemple-Garcia")
    assert "Dossier : complet" in render(**alert_fields(sessions, registration)).body
    incomplete = desk.request("alsh-montastruc", name="Exemple-Petit", sent=("vaccins",))
    assert (
        "Dossier incomplet : justificatif de quotient familial (CAF ou MSA) manquant(e) ; "
        "attestation d’assurance"
    ) in render(**alert_fields(sessions, incomplete)).body
    alert = mark_sent(sessions, registration)
    reaction = react(router, sessions, alert, "\u2705\ufe0f")
    assert status(sessions, registration) == CONFIRMED
    (reply,) = reply_texts(sessions, reaction)
    assert reply == (
        f"✅ Demande n° {registration} validée (famille Exemple-Garcia) par Lucas Démo. "
        "La famille est prévenue par e-mail."
    )
    again = react(router, sessions, alert, "\u2705", who="manon.exemple")
    assert reply_texts(sessions, again) == [
        f"La demande n° {registration} est déjà validée par Lucas Démo : impossible de la valider."
    ]
    assert mail_subjects(sessions).count(mail_subjects(sessions)[-1]) == 1
    assert mail_subjects(sessions)[-1].startswith("Inscription validée — Léo")


def test_who_may_act(local):
    router, sessions, desk = local
    registration = desk.request()
    alert = mark_sent(sessions, registration)
    refused = react(router, sessions, alert, "\u2705", who="chloe.demo")  # not childcare
    assert reply_texts(sessions, refused) == [
        "Désolé, cette action est réservée au secrétariat et à la commission petite enfance."
    ]
    assert status(sessions, registration) == PENDING
    assert "réservée au secrétariat" in say(
        router, sessions, f"!valider {registration}", "hugo.fictif"
    )
    # A member of the petite-enfance commission may.
    assert say(router, sessions, f"!valider {registration}", "emma.fictive").startswith("✅")
    assert "ne s’utilise pas dans ce salon" in say(
        router, sessions, "!inscriptions", room="!moderation-test"
    )


def test_a_cross_asks_the_reason_in_the_thread_and_uses_it_once(local):
    router, sessions, desk = local
    first = desk.request(name="Fictif")
    waiting = desk.request(name="Démo-Martin")  # the same session: on the waiting list
    assert status(sessions, waiting) == WAITLISTED
    alert = mark_sent(sessions, first)
    cross = react(router, sessions, alert, "\u274c", who="manon.exemple")
    assert status(sessions, first) == PENDING  # nothing refused without a reason
    with sessions() as s:
        prompt = s.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"childcare.reason_prompt:{cross}"
            )
        ).one()
        assert prompt.room_key == "secretariat"
        assert prompt.payload["in_reply_to"] == alert
        assert prompt.payload["thread_root"] == alert
        assert prompt.payload["mentions"] == [f"@manon.exemple:{SERVER}"]
    text = render(prompt.kind, prompt.payload).body
    assert f"Quel est le motif du refus de la demande n° {first} (famille Fictif) ?" in text
    assert f"!refuser {first} motif" in text
    again = react(router, sessions, alert, "\u274c", who="manon.exemple")
    assert reply_texts(sessions, again) == []  # asked already: no second question

    # Someone else's message in the thread is conversation; the secretary's is the reason.
    chat = thread_reply(router, sessions, alert, "Je regarde aussi", "lucas.demo")
    assert chat == (True, [])
    handled, answer = thread_reply(
        router, sessions, alert, "Dossier d'assurance manquant.", "manon.exemple"
    )
    assert handled
    assert answer[0].startswith(f"❌ Demande n° {first} refusée (famille Fictif) par Manon Exemple")
    assert "« Dossier d'assurance manquant. »" in answer[0]
    assert status(sessions, first) == REFUSED
    assert status(sessions, waiting) == PENDING  # promoted
    assert thread_reply(router, sessions, alert, "Merci !", "manon.exemple") == (True, [])
    # A thread on a message the bot did not send: not even recorded.
    assert thread_reply(router, sessions, "$a-member-said", "Bonjour", "manon.exemple") == (
        False,
        [],
    )
    with sessions() as s:
        assert s.get(Registration, first).reason == "Dossier d'assurance manquant."
        refusal = s.scalars(
            select(QueuedMail).where(QueuedMail.subject.like("Demande d’inscription refusée%"))
        ).one()
        assert "Motif : Dossier d'assurance manquant." in refusal.body
        assert s.scalars(select(RefusalPrompt.closed_at)).one() is not None
        assert alert_of(sessions, waiting, "childcare.promoted").room_key == "secretariat"


def thread_reply(router, sessions, root: str, text: str, who: str) -> tuple[bool, list[str]]:
    """A plain message in the thread of `root` through the router: (recorded, its answers).

    The answers go to the same thread."""
    event_id = f"$thread-{next(_ids)}"
    incoming = Incoming(ROOM_ID, event_id, f"@{who}:{SERVER}", text=text, thread_root=root)
    handled = router.dispatch(sessions, incoming)
    assert not router.dispatch(sessions, incoming)  # exactly once
    answers = replies(sessions, event_id)
    assert all(row.payload["thread_root"] == root for row in answers)
    return handled, [row.payload["text"] for row in answers]


def test_commands_validate_refuse_and_list(local):
    router, sessions, desk = local
    held = desk.request("alsh-gragnague", name="Essai")
    queued = desk.request("alsh-gragnague", name="Attente")
    other = desk.request("alsh-montastruc", name="Ailleurs", sent=("quotient",))
    listing = say(router, sessions, "!inscriptions gragnague")
    assert listing.startswith("2 demande(s) en attente — ALSH de Gragnague :")
    assert f"n° {held} — famille Essai, enfant de" in listing
    assert "places réservées, à valider — dossier complet" in listing
    assert f"n° {queued} — famille Attente" in listing
    assert "liste d’attente, rang 1" in listing
    assert f"n° {other}" not in listing
    everywhere = say(router, sessions, "!inscriptions")
    assert f"n° {other} — famille Ailleurs" in everywhere
    assert "dossier incomplet (2)" in everywhere
    assert "Centre inconnu : « lune »" in say(router, sessions, "!inscriptions lune")
    places = say(router, sessions, "!places ALSH de Gragnague")
    assert "Cirque 2 (6-11 ans) : 0/1 places, 1 en liste d’attente" in places
    assert "Usage : !refuser N motif" in say(router, sessions, f"!refuser {held}")
    assert "n’est pas un numéro" in say(router, sessions, "!valider douze")
    refused = say(router, sessions, f'!refuser {held} "Enfant non domicilié" sur le territoire')
    assert "Motif transmis à la famille : « Enfant non domicilié sur le territoire »" in refused
    assert status(sessions, queued) == PENDING
    assert say(router, sessions, f"!valider {queued}").startswith(f"✅ Demande n° {queued}")
    assert say(router, sessions, f"!valider {queued}").endswith("impossible de la valider.")
    assert say(router, sessions, "!valider 999999") == "Aucune demande n° 999999."
    subjects = mail_subjects(sessions)
    assert sum(s.startswith("Demande d’inscription reçue") for s in subjects) == 3
    assert sum(s.startswith("Demande d’inscription refusée") for s in subjects) == 1
    assert sum(s.startswith("Une place s’est libérée") for s in subjects) == 1
    assert sum(s.startswith("Inscription validée") for s in subjects) == 1
    help_text = say(router, sessions, "!aide")
    for usage in ("!valider N", "!refuser N motif", "!inscriptions [centre]", "!places [centre]"):
        assert usage in help_text


def test_the_0800_digest(local, tmp_path):
    router, sessions, desk = local
    pending = desk.request("alsh-verfeil", name="Exemple-Garcia")
    waiting = desk.request("alsh-verfeil", name="Démo-Martin")
    with sessions.begin() as s:  # a file not complete: the quotient is unknown
        s.get(Family, s.get(Registration, waiting).family_id).quotient = None
    settings = router.settings
    assert feature.send_daily_digest(settings) is True
    assert feature.send_daily_digest(settings) is False  # once a day
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
    with sessions() as s:
        row = s.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == "childcare.digest")
        ).one()
    assert (row.room_key, row.source_id) == ("secretariat", f"childcare.digest:{today}")
    text = render(row.kind, row.payload).body
    assert text.splitlines()[:3] == [
        f"Inscriptions — point du jour ({today})",
        "Demandes à valider : 1",
        f"• n° {pending} — famille Exemple-Garcia, {row.payload['to_validate'][0]['period']}",
    ]
    assert "Dossiers incomplets : 1" in text
    assert f"famille Démo-Martin (demandes n° {waiting}) : quotient familial non renseigné" in text
    assert "Demandes en liste d’attente : 1" in text
    assert "Séances avec liste d’attente : 1" in text
    assert "Cirque 0 (ALSH de Verfeil) : 1 en attente" in text

    async def scheduled():
        scheduler = build_scheduler(settings)
        scheduler.start(paused=True)
        try:
            jobs = Jobs(scheduler, settings, sessions)
            childcare_feature.FEATURE.schedule(jobs)
            digest, allocation = (
                scheduler.get_job("childcare-digest"),
                scheduler.get_job("childcare-allocation"),
            )
            return digest.trigger, allocation.trigger
        finally:
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0.05)

    trigger, allocation_trigger = asyncio.run(scheduled())
    paris = ZoneInfo("Europe/Paris")
    start = dt.datetime(2027, 3, 27, 9, 0, tzinfo=paris)  # the day before summer time
    first = trigger.get_next_fire_time(None, start)
    second = trigger.get_next_fire_time(first, first)
    assert [f.astimezone(paris).replace(tzinfo=None) for f in (first, second)] == [
        dt.datetime(2027, 3, 28, 8, 0),
        dt.datetime(2027, 3, 29, 8, 0),
    ]
    assert allocation_trigger.interval == dt.timedelta(seconds=60)


# --- the round trip through real Synapse -----------------------------------------------------
SECRETARY = "lucas.demo"


@pytest.fixture(scope="module")
def stack_sessions(stack, provisioned) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def bots(stack, provisioned) -> Iterator[BotsProcess]:
    bots = BotsProcess(stack)
    yield bots
    bots.stop()


@dataclass
class Secretariat:
    """The encrypted secretariat room of the stack, a desk to file requests there, and the
    secretary's own device in it (`device()`, an async context manager)."""

    sessions: sessionmaker[Session]
    room_id: str
    desk: Desk
    device: Callable[[], contextlib.AbstractAsyncContextManager[AsyncClient]]


@pytest.fixture
def secretariat(stack, provisioned, stack_sessions, bots, tmp_path) -> Secretariat:
    territory, passwords = provisioned
    with stack_sessions() as s:
        room_id = s.get(MatrixRoom, "secretariat").room_id

    @contextlib.asynccontextmanager
    async def device() -> AsyncIterator[AsyncClient]:
        """The secretary's device joins first, then the bots process starts: its first sync
        knows that device, so what it sends is encrypted for it too."""
        await asyncio.to_thread(bots.stop)
        async with own_device(
            stack, SECRETARY, passwords[SECRETARY], tmp_path, room_id
        ) as secretary:
            await asyncio.to_thread(bots.start)
            yield secretary

    return Secretariat(stack_sessions, room_id, Desk(stack_sessions, territory), device)


async def delivered(sessions, source_id: str) -> str:
    """The event id of the outbox row `source_id`, once the bots process has posted it."""

    def event_id() -> str | None:
        with sessions() as s:
            return s.scalars(
                select(outbox.OutboxMessage.event_id).where(
                    outbox.OutboxMessage.source_id == source_id
                )
            ).first()

    return await asyncio.to_thread(eventually, event_id, f"{source_id} delivered")


def reaction(event_id: str, key: str) -> dict:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}


def notice_saying(text: str):
    return lambda event: isinstance(event, RoomMessageNotice) and text in event.body


def test_a_secretary_validates_with_a_tick_through_synapse(stack, secretariat):
    sessions, room_id, desk = secretariat.sessions, secretariat.room_id, secretariat.desk

    async def scenario() -> None:
        async with secretariat.device() as secretary:
            # The bots process delivers the alert of a new request, encrypted for our device.
            registration = await asyncio.to_thread(desk.request, "alsh-montastruc", "Démo-Martin")
            sent = await delivered(sessions, f"childcare.request:{registration}")
            alert = await first_seen(secretary, room_id, event_with_id(sent))
            assert isinstance(alert, RoomMessageNotice)
            assert alert.body.startswith(
                f"Nouvelle demande n° {registration} — famille Démo-Martin, enfant de"
            )
            assert "✅ pour valider, ❌ pour refuser" in alert.body

            tick = await send_encrypted(
                stack, secretary, room_id, "m.reaction", reaction(sent, "\u2705\ufe0f")
            )
            await asyncio.to_thread(
                eventually, lambda: status(sessions, registration) == CONFIRMED, "validated"
            )
            answer = await first_seen(
                secretary, room_id, notice_saying(f"n° {registration} validée")
            )
            assert answer.body.startswith(f"✅ Demande n° {registration} validée")
            assert reply_texts(sessions, tick) == [answer.body]

            # ❌ then the reason by command, typed in the encrypted room.
            second = await asyncio.to_thread(desk.request, "alsh-montastruc", "Essai")
            await delivered(sessions, f"childcare.request:{second}")
            command = await send_encrypted(
                stack,
                secretary,
                room_id,
                "m.room.message",
                {"msgtype": "m.text", "body": f"!refuser {second} Dossier incomplet"},
            )
            await asyncio.to_thread(
                eventually, lambda: status(sessions, second) == REFUSED, "refused"
            )
            assert reply_texts(sessions, command)[0].startswith(f"❌ Demande n° {second} refusée")

    asyncio.run(scenario())
    # The bots process sends the queued mails (no SMTP here: .eml files in GIROU_HOME/mail).
    eventually(
        lambda: any(
            m["Subject"].startswith("Inscription validée — Léo, ")
            for m in written_mails(stack.settings.home / "mail")
        ),
        "the validation mail written",
        30,
    )


def test_a_cross_asks_in_the_thread_and_the_answer_there_refuses_through_synapse(
    stack, secretariat
):
    sessions, room_id, desk = secretariat.sessions, secretariat.room_id, secretariat.desk
    reason = f"Attestation d’assurance manquante ({uuid.uuid4().hex[:6]})"

    async def scenario() -> int:
        async with secretariat.device() as secretary:
            registration = await asyncio.to_thread(desk.request, "alsh-verfeil", "Fictif-Fil")
            alert = await delivered(sessions, f"childcare.request:{registration}")
            await first_seen(secretary, room_id, event_with_id(alert))
            cross = await send_encrypted(
                stack, secretary, room_id, "m.reaction", reaction(alert, "\u274c")
            )

            # The bot's question arrives in the alert's thread, for the secretary's client and
            # for Synapse alike.
            prompt = await delivered(sessions, f"childcare.reason_prompt:{cross}")
            question = await first_seen(secretary, room_id, event_with_id(prompt))
            assert isinstance(question, RoomMessageNotice)
            assert question.body.startswith(
                f"Quel est le motif du refus de la demande n° {registration} (famille Fictif-Fil)"
            )
            assert question.source["content"]["m.relates_to"] == {
                "rel_type": "m.thread",
                "event_id": alert,
                "is_falling_back": True,
                "m.in_reply_to": {"event_id": alert},
            }
            assert prompt in await thread_of(stack, secretary, room_id, alert)
            assert status(sessions, registration) == PENDING

            # The secretary answers in the thread, as Element does: the answer is the reason.
            answer = await send_encrypted(
                stack,
                secretary,
                room_id,
                "m.room.message",
                {
                    "msgtype": "m.text",
                    "body": reason,
                    "m.relates_to": {
                        "rel_type": "m.thread",
                        "event_id": alert,
                        "is_falling_back": True,
                        "m.in_reply_to": {"event_id": prompt},
                    },
                },
            )
            await asyncio.to_thread(
                eventually,
                lambda: status(sessions, registration) == REFUSED,
                "refused with the reason given in the thread",
            )
            confirmation = await first_seen(
                secretary, room_id, notice_saying(f"n° {registration} refusée")
            )
            assert f"Motif transmis à la famille : « {reason} »" in confirmation.body
            assert reply_texts(sessions, answer) == [confirmation.body]
            relation = confirmation.source["content"]["m.relates_to"]
            assert (relation["rel_type"], relation["event_id"]) == ("m.thread", alert)
            assert relation["m.in_reply_to"] == {"event_id": answer}
        return registration

    registration = asyncio.run(scenario())
    with sessions() as s:
        refused = s.get(Registration, registration)
        assert refused.reason == reason
        family_email = refused.family.email
    mail = eventually(
        lambda: next(
            (
                m
                for m in written_mails(stack.settings.home / "mail")
                if m["To"] == family_email and m["Subject"].startswith("Demande d’inscription ref")
            ),
            None,
        ),
        "the refusal mail written",
        30,
    )
    assert f"Motif : {reason}" in mail.get_body(preferencelist=("plain",)).get_content()


async def thread_of(stack, member: AsyncClient, room_id: str, root: str) -> list[str]:
    """The events Synapse files in the thread of `root` (its relations API)."""
    async with httpx.AsyncClient(base_url=stack.settings.url("matrix")) as http:
        response = await http.get(
            f"/_matrix/client/v1/rooms/{quote(room_id)}/relations/{quote(root)}/m.thread",
            headers={"Authorization": f"Bearer {member.access_token}"},
        )
    response.raise_for_status()
    return [event["event_id"] for event in response.json()["chunk"]]


def written_mails(folder: Path) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in folder.glob("*.eml")
    ]
