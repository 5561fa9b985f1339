"""The directory: proposals, moderation by the bots' router (commands and reactions) and on the
web, e-mails, spam defences, full-text search on both databases, and the whole path on real
Synapse (submission -> moderation room -> ✅ by a moderator's client -> published)."""

from __future__ import annotations

import asyncio
import io
import itertools
import threading
import time
import uuid
from collections.abc import Callable

import pytest
from conftest import ROOT, csrf_token, form_value, make_settings, secrets_for
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from nio import AsyncClient, AsyncClientConfig, LoginResponse, RoomMessageNotice
from PIL import Image
from sqlalchemy import func, select

from bots.features import help as help_feature
from bots.models import ProcessedEvent
from bots.router import Incoming, Router
from bots.sync import SyncLoop
from bridges.delivery import Delivery
from bridges.templates import render
from collab import db, matrix, outbox
from collab.matrix.bot import BotClient
from collab.models import MatrixRoom
from collab.territory import load_territory
from portal.app import create_app
from portal.directory import feature as directory_manifest
from portal.directory import moderation, search_hits
from portal.directory.demo import load_demo
from portal.directory.models import APPROVED, PENDING, REFUSED, DirectoryEntry, DirectorySubmission
from portal.directory.search import Filters, facets, search_entries
from portal.mail import QueuedMail
from portal.search_terms import SearchHit

TERRITORY = load_territory(ROOT / "territory.toml")
SERVER = "girou.localhost"
MODERATOR = "karine.fictive"  # dgs, member of the moderation room
OFFICIAL = "emma.fictive"  # conseillère, not a moderator
_events = itertools.count(1)
_addresses = itertools.count(1)


def png(size=(600, 200), color="navy", fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def proposal(**overrides) -> dict:
    data = {
        "nom": "Club d’échecs de Verfeil",
        "type": "association",
        "categorie": "Loisirs",
        "commune": "31573",
        "description": "Parties amicales le mardi soir, initiation des enfants le samedi.",
        "adresse": "Salle des associations",
        "telephone": "05 36 49 00 00",
        "courriel": "echecs@example.org",
        "site": "echecs-verfeil.example",
        "latitude": "43,656",
        "longitude": "1,664",
        "votre_nom": "Jeanne Exemple",
        "votre_courriel": "jeanne@example.org",
        "message": "",
    }
    data.update(overrides)
    return data


class Web:
    """The portal on its own database, and a client with a fresh address (rate limits)."""

    def __init__(self, settings) -> None:
        # Pages follow a change on the next request (in production: within a second).
        settings = self.settings = settings.with_overrides(portal__page_cache_check_seconds=0)
        self.engine = db.make_engine(settings.database_url)
        db.create_schema(self.engine)
        self.sessions = db.make_sessionmaker(self.engine)
        self.app = create_app(settings, TERRITORY, secrets_for(settings))
        self.client = self.new_client()

    def new_client(self):
        client = self.app.test_client()
        client.environ_base["REMOTE_ADDR"] = (
            f"10.0.{next(_addresses) % 250}.{next(_addresses) % 250}"
        )
        return client

    def token(self, client=None, path: str = "/annuaire/proposer") -> str:
        return csrf_token(client or self.client, path)

    def submit(self, path: str = "/annuaire/proposer", client=None, files=None, **fields):
        client = client or self.client
        data = {**proposal(**fields), "csrf_token": self.token(client, path), **(files or {})}
        return client.post(path, data=data, content_type="multipart/form-data")

    def rows(self, model, *where):
        with self.sessions() as session:
            return session.scalars(select(model).where(*where).order_by(model.id)).all()

    def login(self, client, localpart: str) -> None:
        with client.session_transaction() as session:  # the Matrix login is tested elsewhere
            session["localpart"] = localpart


@pytest.fixture
def web(tmp_path):
    web = Web(make_settings(tmp_path))
    yield web
    web.engine.dispose()


# --- proposals on the web --------------------------------------------------------------------
def test_a_proposal_is_pending_and_announced_in_the_moderation_room(web):
    response = web.submit(files={"logo": (io.BytesIO(png()), "logo.png")})
    assert response.status_code == 303
    assert response.headers["Location"] == "/annuaire/merci"
    assert "Merci, votre proposition a bien été envoyée" in web.client.get(
        "/annuaire/merci"
    ).get_data(as_text=True)
    (submission,) = web.rows(DirectorySubmission)
    assert submission.status == PENDING
    assert submission.entry_id is None
    assert (submission.lat, submission.lon, submission.website) == (
        43.656,
        1.664,
        "https://echecs-verfeil.example",
    )
    assert web.rows(DirectoryEntry) == []  # nothing public before a moderator decides
    assert "Club d’échecs" not in web.client.get("/annuaire").get_data(as_text=True)
    (row,) = web.rows(outbox.OutboxMessage)
    assert (row.kind, row.room_key, row.source_id) == (
        "directory.submission",
        "moderation",
        f"directory-submission:{submission.id}",
    )
    message = render(row.kind, row.payload)
    assert f"!valider {submission.id}" in message.body
    assert "✅" in message.body
    assert "Club d’échecs de Verfeil" in message.body
    assert "Verfeil" in message.html


def test_invalid_proposals_get_french_messages_and_change_nothing(web):
    response = web.submit(
        nom="",
        type="association",
        categorie="Boulangerie",  # not a category of associations
        courriel="pas-une-adresse",
        site="javascript:alert(1)",
        latitude="91",
        votre_courriel="",
        files={"logo": (io.BytesIO(b"<svg onload=alert(1)>"), "logo.svg")},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for message in (
        "Le champ « Nom » est obligatoire.",
        "Choisissez une catégorie dans la liste.",
        "Le champ « Courriel » doit être une adresse comme nom@exemple.fr.",
        "Le site doit être une adresse comme https://www.exemple.fr.",
        "La latitude est un nombre entre -90 et 90",
        "Le logo doit être une image PNG, JPEG, WebP ou GIF",
        "Le champ « Votre courriel » est obligatoire.",
    ):
        assert message in html, message
    assert 'aria-invalid="true"' in html
    assert 'role="alert"' in html
    assert web.rows(DirectorySubmission) == []
    assert web.rows(outbox.OutboxMessage) == []


def test_honeypot_and_rate_limit(web):
    robot = web.submit(**{"site_web_2": "http://spam.example"})
    assert robot.status_code == 303  # thanked like anyone…
    assert web.rows(DirectorySubmission) == []  # …and nothing kept
    client = web.new_client()
    token = web.token(client)
    statuses = [
        client.post("/annuaire/proposer", data={**proposal(), "csrf_token": token}).status_code
        for _attempt in range(6)
    ]
    assert statuses == [303] * 5 + [429]
    too_many = client.post("/annuaire/proposer", data={**proposal(), "csrf_token": token})
    assert "Trop de demandes" in too_many.get_data(as_text=True)
    assert web.submit(client=web.new_client()).status_code == 303  # another address may
    assert len(web.rows(DirectorySubmission)) == 6
    no_token = web.new_client().post("/annuaire/proposer", data=proposal())
    assert no_token.status_code == 400  # CSRF


def test_logo_is_checked_and_reencoded(web):
    big = png(size=(5000, 4000))
    assert web.submit(files={"logo": (io.BytesIO(big), "big.png")}).status_code == 400
    jpeg = png(size=(1200, 600), fmt="JPEG")
    assert web.submit(files={"logo": (io.BytesIO(jpeg), "logo.jpg")}).status_code == 303
    (submission,) = web.rows(DirectorySubmission)
    with web.sessions() as session:
        stored = session.get(DirectorySubmission, submission.id).logo
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG"
        assert max(image.size) == 400
    with web.sessions.begin() as session:
        entry = moderation.approve(
            session, submission.id, decided_by="test", settings=web.settings, territory=TERRITORY
        )
        entry_id = entry.id
    served = web.client.get(f"/annuaire/{entry_id}/logo")
    assert served.status_code == 200
    assert served.mimetype == "image/png"
    assert served.data == stored
    assert f'src="/annuaire/{entry_id}/logo" alt="Logo de Club d’échecs de Verfeil"' in (
        web.client.get(f"/annuaire/{entry_id}").get_data(as_text=True)
    )


def test_change_proposal_moderated_in_the_back_office(web):
    with web.sessions.begin() as session:
        entry = moderation.create_entry(
            session,
            {
                "name": "Boulangerie du Centre",
                "kind": "entreprise",
                "category": "Alimentation",
                "commune": "31228",
                "description": "Pain et viennoiseries.",
            },
            TERRITORY,
        )
        session.flush()
        entry_id = entry.id
    form = web.client.get(f"/annuaire/{entry_id}/modifier").get_data(as_text=True)
    assert 'value="Boulangerie du Centre"' in form  # prefilled
    response = web.submit(
        f"/annuaire/{entry_id}/modifier",
        nom="Boulangerie du Centre",
        type="entreprise",
        categorie="Alimentation",
        commune="31228",
        description="Pain au levain, ouvert le dimanche matin.",
        message="Nouveaux horaires",
    )
    assert response.status_code == 303
    (submission,) = web.rows(DirectorySubmission)
    assert submission.entry_id == entry_id
    assert "levain" not in web.client.get(f"/annuaire/{entry_id}").get_data(as_text=True)

    staff = web.new_client()
    assert staff.get("/gestion/annuaire").status_code == 302  # to the login page
    web.login(staff, OFFICIAL)
    assert staff.get("/gestion/annuaire").status_code == 403
    web.login(staff, MODERATOR)
    listing = staff.get("/gestion/annuaire").get_data(as_text=True)
    assert f"N° {submission.id} — Boulangerie du Centre" in listing
    detail = staff.get(f"/gestion/annuaire/{submission.id}").get_data(as_text=True)
    assert "Pain au levain, ouvert le dimanche matin." in detail
    assert "modifié" in detail
    token = form_value(detail, "csrf_token")
    done = staff.post(f"/gestion/annuaire/{submission.id}/valider", data={"csrf_token": token})
    assert done.status_code == 303
    assert "levain" in web.client.get(f"/annuaire/{entry_id}").get_data(as_text=True)
    again = staff.post(
        f"/gestion/annuaire/{submission.id}/valider",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "a déjà été validée par Karine Fictive" in again.get_data(as_text=True)
    (mail,) = web.rows(QueuedMail)
    assert mail.recipient == "jeanne@example.org"
    assert f"/annuaire/{entry_id}" in mail.body
    decision = web.rows(outbox.OutboxMessage, outbox.OutboxMessage.kind == "directory.decision")
    assert (
        "validée par Karine Fictive sur le portail"
        in render(decision[0].kind, decision[0].payload).body
    )
    # Refused on the web, with a reason.
    web.submit(nom="Autre", client=web.new_client())
    pending = web.rows(DirectorySubmission, DirectorySubmission.status == PENDING)[0]
    staff.post(
        f"/gestion/annuaire/{pending.id}/refuser",
        data={"csrf_token": token, "motif": "Hors du territoire"},
    )
    mails = web.rows(QueuedMail)
    assert "Motif : Hors du territoire" in mails[-1].body


# --- moderation through the bots' router -------------------------------------------------------
@pytest.fixture(scope="module")
def rooms(provisioned, stack) -> dict[str, str]:
    """Room key -> id, as provisioning wrote them on the real Synapse of the stack."""
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    with db.make_sessionmaker(engine)() as session:
        found = {room.key: room.room_id for room in session.scalars(select(MatrixRoom))}
    engine.dispose()
    return found


@pytest.fixture
def moderated(tmp_path, stack, provisioned, rooms):
    """A portal database holding the provisioned rooms, and the router the bots run."""
    web = Web(make_settings(tmp_path))
    with web.sessions.begin() as session:
        for key, room_id in rooms.items():
            session.add(MatrixRoom(key=key, room_id=room_id, name=key))
    territory, _passwords = provisioned
    router = Router(
        [help_feature.FEATURE, directory_manifest.FEATURE],
        settings=web.settings,
        territory=territory,
    )
    yield web, router, rooms
    web.engine.dispose()


def dispatch(
    web,
    router,
    rooms,
    sender: str,
    *,
    body=None,
    reacts_to=None,
    key="",
    room="moderation",
    power=0,
    event_id=None,
) -> tuple[bool, list[str]]:
    """One event through the router; (handled, the texts of the replies it wrote)."""
    event_id = event_id or f"$directory-{next(_events)}"
    incoming = Incoming(
        rooms[room],
        event_id,
        f"@{sender}:{SERVER}",
        power,
        body=body,
        reacts_to=reacts_to,
        key=key,
    )
    handled = router.dispatch(web.sessions, incoming)
    replies = web.rows(outbox.OutboxMessage, outbox.OutboxMessage.source_id == f"reply:{event_id}")
    return handled, [reply.payload["text"] for reply in replies]


def announced(web, number: int, event_id: str | None = None) -> str:
    """The proposal's announcement as the delivery leaves it once posted: sent, its event id."""
    event_id = event_id or f"$announce-{uuid.uuid4().hex}"
    with web.sessions.begin() as session:
        row = session.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"directory-submission:{number}"
            )
        ).one()
        row.status, row.event_id = outbox.SENT, event_id
    return event_id


def pending_number(web, **fields) -> int:
    assert web.submit(client=web.new_client(), **fields).status_code == 303
    return web.rows(DirectorySubmission)[-1].id


def test_validate_by_command_exactly_once(moderated):
    web, router, rooms = moderated
    number = pending_number(web)
    assert "Aucune fiche ne correspond" in web.client.get("/annuaire?q=echecs").get_data(
        as_text=True
    )  # this search page, now cached by the worker, must follow the decision
    handled, replies = dispatch(
        web, router, rooms, MODERATOR, body=f"!valider {number}", event_id="$cmd-once"
    )
    assert handled
    assert replies[0].startswith(f"Proposition n° {number} validée : « Club d’échecs de Verfeil »")
    (entry,) = web.rows(DirectoryEntry)
    assert web.client.get(f"/annuaire/{entry.id}").status_code == 200
    assert "Club d’échecs" in web.client.get("/annuaire?q=echecs").get_data(as_text=True)
    (mail,) = web.rows(QueuedMail)
    assert mail.recipient == "jeanne@example.org"
    assert "est publiée" in mail.subject
    # The same event again (a replayed sync): nothing more.
    assert (
        dispatch(web, router, rooms, MODERATOR, body=f"!valider {number}", event_id="$cmd-once")[0]
        is False
    )
    assert len(web.rows(DirectoryEntry)) == 1
    assert len(web.rows(QueuedMail)) == 1
    # A second moderator, later: told, nothing changes.
    _handled, replies = dispatch(web, router, rooms, "nicolas.fictif", body=f"!valider {number}")
    # A domain refusal is answered as is, without the usage line of a mistyped command.
    assert replies == [f"La proposition n° {number} a déjà été validée par Karine Fictive."]


def test_commands_are_for_moderators_in_the_moderation_room(moderated):
    web, router, rooms = moderated
    number = pending_number(web)
    _handled, replies = dispatch(web, router, rooms, OFFICIAL, body=f"!valider {number}")
    assert replies == ["Désolé, cette commande est réservée aux modérateurs du portail."]
    _handled, replies = dispatch(
        web, router, rooms, MODERATOR, body=f"!valider {number}", room="instance:urbanisme"
    )
    assert replies == ["La commande !valider ne s’utilise pas dans ce salon — tapez !aide"]
    _handled, replies = dispatch(web, router, rooms, MODERATOR, body="!valider douze")
    assert replies == ["« douze » n’est pas un numéro de proposition.\nUsage : !valider N"]
    _handled, replies = dispatch(web, router, rooms, MODERATOR, body="!valider 999999")
    assert replies[0].startswith("Aucune proposition n° 999999")
    # A room moderator by power level (not in the territory file) may.
    handled, replies = dispatch(web, router, rooms, "someone", body=f"!valider {number}", power=50)
    assert "validée" in replies[0]
    assert web.rows(DirectorySubmission)[0].status == APPROVED


def test_refuse_with_a_reason(moderated):
    web, router, rooms = moderated
    number = pending_number(web)
    _handled, replies = dispatch(web, router, rooms, MODERATOR, body=f"!refuser {number}")
    assert replies == [
        "Indiquez le numéro de la proposition et le motif du refus.\nUsage : !refuser N motif"
    ]
    _handled, replies = dispatch(
        web, router, rooms, MODERATOR, body=f"!refuser {number} Déjà dans l’annuaire, en double"
    )
    assert replies[0].startswith(f"Proposition n° {number} (« Club d’échecs de Verfeil ») refusée.")
    (submission,) = web.rows(DirectorySubmission)
    assert submission.status == REFUSED
    assert submission.reason == "Déjà dans l’annuaire, en double"
    assert web.rows(DirectoryEntry) == []
    (mail,) = web.rows(QueuedMail)
    assert "n’a pas été retenue" in mail.subject
    assert "Motif : Déjà dans l’annuaire, en double" in mail.body


def test_validate_and_refuse_by_reaction(moderated):
    web, router, rooms = moderated
    first = pending_number(web, nom="Judo club")
    second = pending_number(web, nom="Faux club")
    first_event, second_event = announced(web, first), announced(web, second)
    handled, replies = dispatch(
        web, router, rooms, "nicolas.fictif", reacts_to=first_event, key="\u2705\ufe0f"
    )
    assert handled
    assert replies[0].startswith(f"Proposition n° {first} validée : « Judo club »")
    _handled, replies = dispatch(
        web, router, rooms, MODERATOR, reacts_to=second_event, key="\u274c"
    )
    assert replies[0].startswith(f"Proposition n° {second} (« Faux club ») refusée. Sans motif")
    statuses = {s.id: s.status for s in web.rows(DirectorySubmission)}
    assert statuses == {first: APPROVED, second: REFUSED}
    assert [e.name for e in web.rows(DirectoryEntry)] == ["Judo club"]
    mails = web.rows(QueuedMail)
    assert "Aucun motif n’a été précisé." in mails[1].body
    # Not a moderator: refused; another reaction key, or a message we did not send: ignored.
    third = pending_number(web, nom="Troisième")
    third_event = announced(web, third)
    _handled, replies = dispatch(web, router, rooms, OFFICIAL, reacts_to=third_event, key="\u2705")
    assert replies == ["Désolé, cette action est réservée aux modérateurs du portail."]
    assert dispatch(web, router, rooms, MODERATOR, reacts_to=third_event, key="👍")[0] is False
    assert dispatch(web, router, rooms, MODERATOR, reacts_to="$unknown", key="\u2705")[0] is False
    assert web.rows(DirectorySubmission)[-1].status == PENDING


# --- the whole path on real Synapse ------------------------------------------------------------
async def until(condition: Callable[[], object], what: str, seconds: float = 30) -> None:
    for _step in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what}")


def test_a_moderators_reaction_in_matrix_publishes_the_entry(stack, provisioned, rooms, tmp_path):
    """Submitted on the portal, posted by the delivery worker in the moderation room, ✅ by a
    moderator's own Matrix client, read by the bot's sync loop: the entry is published."""
    child = stack.supervisor.children.get("bots")
    if child is not None and child.process is not None and child.process.poll() is None:
        pytest.skip("the bots process of the stack is running (one client per device)")
    territory, passwords = provisioned
    web = Web(stack.settings)  # the stack's own database, where provisioning wrote the rooms
    router = Router(
        [help_feature.FEATURE, directory_manifest.FEATURE],
        settings=stack.settings,
        territory=territory,
    )
    name = f"Cercle de lecture {uuid.uuid4().hex[:6]}"
    assert web.submit(nom=name, client=web.new_client()).status_code == 303
    number = web.rows(DirectorySubmission, DirectorySubmission.name == name)[0].id
    source_id = f"directory-submission:{number}"
    room_id = rooms["moderation"]

    def announcement():
        with web.sessions() as session:
            return session.scalars(
                select(outbox.OutboxMessage).where(outbox.OutboxMessage.source_id == source_id)
            ).one()

    def status() -> str:
        with web.sessions() as session:
            return session.get(DirectorySubmission, number).status

    async def scenario() -> None:
        moderator = AsyncClient(
            stack.settings.url("matrix"),
            matrix.user_id("nicolas.fictif", stack.settings.server_name),
            config=AsyncClientConfig(encryption_enabled=False),
        )
        bot = await BotClient.connect(stack.settings, stack.secrets)
        stop = asyncio.Event()
        loop = SyncLoop(bot, web.sessions, router, stack.settings)
        tasks = [
            asyncio.create_task(loop.run(stop)),
            asyncio.create_task(Delivery(bot, web.sessions, stack.settings).run(stop)),
        ]
        try:
            assert isinstance(await moderator.login(passwords["nicolas.fictif"]), LoginResponse)
            await moderator.join(room_id)
            await asyncio.wait_for(loop.ready.wait(), 30)
            await until(lambda: announcement().event_id, "the proposal posted in the room")
            event_id = announcement().event_id
            seen = False
            for _attempt in range(40):  # the moderator's client sees the notice…
                response = await moderator.sync(timeout=500)
                room = response.rooms.join.get(room_id)
                seen = seen or any(
                    isinstance(e, RoomMessageNotice) and e.event_id == event_id and name in e.body
                    for e in (room.timeline.events if room else [])
                )
                if seen:
                    break
            assert seen
            await moderator.room_send(  # …and reacts ✅ to it, as Element does
                room_id,
                "m.reaction",
                {
                    "m.relates_to": {
                        "rel_type": "m.annotation",
                        "event_id": event_id,
                        "key": "\u2705\ufe0f",
                    }
                },
            )
            await until(lambda: status() == APPROVED, "the reaction published the entry")
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            await bot.close()
            await moderator.close()

    asyncio.run(scenario())
    entry = web.rows(DirectoryEntry, DirectoryEntry.name == name)[0]
    assert web.client.get(f"/annuaire/{entry.id}").status_code == 200
    assert web.rows(QueuedMail, QueuedMail.subject == f"Annuaire : « {name} » est publiée")
    with web.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) >= 1
    web.engine.dispose()


def test_search_pages_follow_a_decision_within_the_check_delay(tmp_path):
    web = Web(make_settings(tmp_path))
    web.app.extensions["girou"].settings = make_settings(tmp_path)  # the default delay
    try:
        number = pending_number(web, nom="Atelier poterie")
        assert "Aucune fiche" in web.client.get("/annuaire?q=poterie").get_data(as_text=True)
        with web.sessions.begin() as session:
            moderation.approve(
                session, number, decided_by="test", settings=web.settings, territory=TERRITORY
            )
        for _attempt in range(40):  # bounded: one second by default, on every worker
            if "Atelier poterie" in web.client.get("/annuaire?q=poterie").get_data(as_text=True):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the search page never showed the published entry")
    finally:
        web.engine.dispose()


def test_two_moderators_deciding_at_once_on_both_databases(database_url, tmp_path):
    """The web and the bot, or two moderators, on the same proposal: one decision wins."""
    settings = make_settings(tmp_path).with_overrides(database__url=database_url)
    web = Web(settings)
    try:
        numbers = [pending_number(web, nom=f"Concurrence {n}") for n in range(6)]
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def decide(number: int, how: str) -> None:
            barrier.wait()
            try:
                with web.sessions.begin() as session:
                    if how == "approve":
                        moderation.approve(
                            session, number, decided_by=how, settings=settings, territory=TERRITORY
                        )
                    else:
                        moderation.refuse(
                            session,
                            number,
                            decided_by=how,
                            reason="non",
                            settings=settings,
                            territory=TERRITORY,
                        )
                outcomes.append(how)
            except moderation.ModerationError:
                outcomes.append("told")

        for number in numbers:
            threads = [
                threading.Thread(target=decide, args=(number, how)) for how in ("approve", "refuse")
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert outcomes.count("told") == len(numbers)  # one of each pair lost, and was told
        decided = {s.id: s.status for s in web.rows(DirectorySubmission)}
        assert all(decided[n] in (APPROVED, REFUSED) for n in numbers)
        approved = [n for n in numbers if decided[n] == APPROVED]
        assert len(web.rows(DirectoryEntry)) == len(approved)  # nothing published twice
        assert len(web.rows(QueuedMail)) == len(numbers)  # one mail per proposal
    finally:
        web.engine.dispose()


# --- search ----------------------------------------------------------------------------------
def test_fulltext_search_on_both_databases(database_url, tmp_path):
    settings = make_settings(tmp_path).with_overrides(database__url=database_url)
    web = Web(settings)
    try:
        summary = load_demo(settings, web.sessions, TERRITORY)
        assert summary == "directory: 40 demo entries added, 40 in all"
        assert load_demo(settings, web.sessions, TERRITORY).startswith("directory: 0 demo")
        with web.sessions.begin() as session:
            moderation.create_entry(
                session,
                {
                    "name": "École de musique des Coteaux",
                    "kind": "association",
                    "category": "Culture",
                    "commune": "31358",
                    "description": "Piano, guitare et éveil musical dès quatre ans.",
                },
                TERRITORY,
            )
        with web.sessions() as session:
            total, rows = search_entries(session, Filters(query="ecole MUSIQUE"))
            assert total == 1
            assert rows[0].name == "École de musique des Coteaux"
            assert search_entries(session, Filters(query="éveil"))[0] == 1
            assert search_entries(session, Filters(query="boulang"))[1][0].name.startswith(
                "Boulangerie"
            )  # a prefix
            assert search_entries(session, Filters(query="Montastruc"))[0] >= 3  # the commune
            total, rows = search_entries(session, Filters(kind="association", commune="31573"))
            assert total == 2
            assert all(r.kind == "association" for r in rows)
            assert search_entries(session, Filters(category="Sport"))[0] == 5
            categories, communes = facets(session, Filters(query="club"))
            assert dict(categories)["Sport"] >= 3
            assert sum(dict(communes).values()) >= 3
            for hostile in ('"', "AND", "*", "NEAR(", "'", "a:*", "\\"):
                search_entries(session, Filters(query=hostile))
            assert search_hits(session, "musique", 5) == [
                SearchHit(
                    title="École de musique des Coteaux",
                    url=f"/annuaire/{rows_id(session, 'École de musique des Coteaux')}",
                    excerpt="Association · Culture — Piano, guitare et éveil musical dès "
                    "quatre ans.",
                    kind="directory",
                )
            ]
        page = web.client.get("/annuaire?q=rugby").get_data(as_text=True)
        assert "Rugby club verfeillois (démo)" in page
        assert "1 fiche." in page
        listing = web.client.get("/annuaire?categorie=Sport&commune=31573").get_data(as_text=True)
        assert "Rugby club verfeillois" in listing
        assert "Tennis club" not in listing
        geo = web.client.get("/api/annuaire.geojson").get_json()
        assert geo["type"] == "FeatureCollection"
        assert len(geo["features"]) == 40
        assert web.client.get("/api/annuaire?q=rugby").get_json()["total"] == 1
    finally:
        web.engine.dispose()


def rows_id(session, name: str) -> int:
    return session.scalar(select(DirectoryEntry.id).where(DirectoryEntry.name == name))


# --- bad input -------------------------------------------------------------------------------
FIELDS = [
    "nom",
    "type",
    "categorie",
    "commune",
    "description",
    "adresse",
    "telephone",
    "courriel",
    "site",
    "latitude",
    "longitude",
    "votre_nom",
    "votre_courriel",
    "message",
    "site_web_2",
]
VALUES = st.one_of(
    st.text(max_size=60),
    st.text(max_size=3000),
    st.sampled_from(
        [
            "association",
            "entreprise",
            "Sport",
            "31573",
            "nan",
            "inf",
            "-0",
            "1e309",
            "\x00",
            "a@b.fr",
            "https://x.example",
            "43,6",
            "<script>x</script>",
        ]
    ),
)


@hsettings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    form=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=len(FIELDS)),
    logo=st.one_of(st.none(), st.binary(max_size=200), st.just(png(size=(10, 10)))),
)
def test_fuzzed_proposal_form_never_fails(web, form, logo):
    client = web.new_client()
    data = {**form, "csrf_token": web.token(client)}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo), "logo.png")
    response = client.post("/annuaire/proposer", data=data, content_type="multipart/form-data")
    assert response.status_code in (303, 400), response.get_data(as_text=True)[:300]
    assert "<script>x</script>" not in response.get_data(as_text=True)


@hsettings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/annuaire", "/api/annuaire", "/api/annuaire.geojson"]),
    params=st.dictionaries(
        st.sampled_from(["q", "type", "categorie", "commune", "page"]),
        st.one_of(st.text(max_size=120), st.integers().map(str)),
        max_size=5,
    ),
)
def test_fuzzed_directory_search_never_fails(web, path, params):
    response = web.client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    if path.startswith("/api/"):
        assert response.is_json
