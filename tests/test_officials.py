"""The officials' space on the real servers: the home page (rooms and their unread counts as
the person's own client leaves them, agenda, documents, announcements), documents only of
one's instances, the directory, its vCards and CardDAV address book, !annuaire answered in
the room, the weekly digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from botutil import BotsProcess, Member, eventually, processed, reply_texts
from conftest import log_in_staff, make_app, make_settings
from sqlalchemy import delete, select

from bots.models import SYNC_TOKEN, load_state
from collab import dav_access, matrix, provision
from collab.caldav import DavAgenda
from collab.feature import HomeRequest, Panel, PanelItem
from collab.models import MatrixRoom
from collab.webdav import bot_shares
from portal.app import create_app
from portal.mail import QueuedMail
from portal.officials import cards, digest, panels
from portal.officials.feature import FEATURE
from portal.officials.models import OfficialProfile
from portal.officials.services import HomeServices

READER = "gaelle.exemple"  # conseil, petite-enfance, numerique, secretariat
WRITER = "hugo.fictif"  # conseil, urbanisme, numerique


# --- without servers --------------------------------------------------------------------------
def test_visitors_get_the_connection_details_and_nothing_of_anyone(client):
    page = client.get("/espace-elus").get_data(as_text=True)
    assert "Espace de coopération des élus" in page
    assert "Mon espace" not in page
    for path in ("/espace-elus/annuaire", "/espace-elus/coordonnees"):
        assert client.get(path).status_code == 302  # to the login
    assert client.get("/espace-elus/annuaire/alice.exemple.vcf").status_code == 302
    assert client.get("/espace-elus/documents/conseil/ordre-du-jour.pdf").status_code == 302


def test_a_session_of_someone_not_in_the_territory_file_is_a_visitor(client):
    log_in_staff(client, "quelquun.dautre")
    assert "Mon espace" not in client.get("/espace-elus").get_data(as_text=True)
    assert client.get("/espace-elus/annuaire").status_code == 302


def test_a_feature_contributes_a_panel_with_one_entry(tmp_path):
    """What séances does: one function in its manifest, shown in its order on the page."""

    def seances_panel(db, request: HomeRequest) -> list[Panel]:
        return [
            Panel(
                "seances",
                "Mes prochaines séances",
                (PanelItem("Conseil du 12 mars", "/seances/1", "Réponse attendue : présence"),),
                order=10,
            )
        ]

    def failing_panel(db, request):
        raise RuntimeError("a feature's bug")

    app = make_app(make_settings(tmp_path))
    app.extensions["girou"].officials_home = (failing_panel, seances_panel)
    client = app.test_client()
    log_in_staff(client, READER)
    page = client.get("/espace-elus").get_data(as_text=True)
    assert "Mes prochaines séances" in page
    assert "Réponse attendue : présence" in page


def test_the_manifest_declares_the_hook_the_command_and_the_monday_job():
    assert FEATURE.officials_home is panels.home_panels
    assert [c.usage for c in FEATURE.commands] == ["!annuaire nom"]
    added = []

    class Jobs:
        settings = object()
        officials_home = (panels.home_panels,)

        def cron(self, job_id, func, *, args=(), **fields):
            added.append((job_id, func, args, fields))

    digest.schedule(Jobs())
    [(job_id, func, args, fields)] = added
    assert (job_id, func) == (digest.DIGEST_JOB, digest.send_weekly_digests)
    assert args[1] == (panels.home_panels,)
    assert fields == {"day_of_week": "mon", "hour": 7, "minute": 0}


def test_the_profile_form_refuses_bad_input_and_changes_nothing(client, app):
    token = log_in_staff(client, READER)
    response = client.post(
        "/espace-elus/coordonnees",
        data={"csrf_token": token, "phone": "pas un numéro", "email": "x@", "share_phone": "1"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Le numéro de téléphone n’est pas valide" in page
    assert "L’adresse e-mail n’est pas valide" in page
    with app.extensions["girou"].sessions() as db:
        assert db.get(OfficialProfile, READER) is None


# --- on the real servers ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def portal(stack, provisioned, sessions):
    territory, _passwords = provisioned
    return create_app(stack.settings, territory, stack.secrets)


@pytest.fixture
def official(portal):
    client = portal.test_client()
    log_in_staff(client, READER)
    return client


def room_of(sessions, key: str) -> str:
    with sessions() as db:
        return db.get(MatrixRoom, key).room_id


@pytest.fixture(scope="module")
def members(stack, provisioned, sessions) -> Iterator[tuple[Member, Member]]:
    passwords = provisioned[1]
    reader = Member(stack, READER, passwords[READER])
    writer = Member(stack, WRITER, passwords[WRITER])
    conseil = room_of(sessions, "instance:conseil")
    reader.join(conseil)
    writer.join(conseil)
    yield reader, writer
    reader.close()
    writer.close()


def panel(page_of_panels: list[Panel], key: str) -> Panel:
    return next(p for p in page_of_panels if p.key == key)


def home_panels(stack, provisioned, sessions, localpart: str, since=None) -> list[Panel]:
    territory = provisioned[0]
    with HomeServices(stack.settings, stack.secrets) as services, sessions() as db:
        request = HomeRequest(
            person=territory.person(localpart),
            territory=territory,
            settings=stack.settings,
            now=dt.datetime.now(dt.UTC),
            since=since,
            base_url=stack.settings.public_url("portal"),
            services=services,
        )
        return panels.collect(db, request, (panels.home_panels,))


def test_unread_counts_are_those_of_the_persons_own_client(
    stack, provisioned, sessions, members, official
):
    reader, writer = members
    conseil = room_of(sessions, "instance:conseil")
    writer.send(conseil, f"Point budget {uuid.uuid4().hex[:6]}")
    last = writer.send(conseil, "Et le compte rendu suivra.")

    def conseil_count() -> int:
        rooms = panel(home_panels(stack, provisioned, sessions, READER), "salons")
        return next(i.count for i in rooms.items if i.text == "Conseil communautaire")

    assert eventually(lambda: conseil_count() >= 2, "two unread messages counted")
    page = official.get("/espace-elus").get_data(as_text=True)
    element = stack.settings.get("matrix", "element_url")
    assert f'href="{element}/#/room/{conseil}"' in page
    assert "messages non lus" in page

    # The reader's own client reads the room (a read receipt, as Element sends): 0.
    reader.call("POST", f"/rooms/{quote(conseil)}/receipt/m.read/{quote(last)}", json={})
    assert eventually(lambda: conseil_count() == 0, "read: no unread message")
    # No device is left behind on the reader's account by the portal.
    devices = reader.call("GET", "/devices")["devices"]
    assert [d["display_name"] for d in devices] == ["test"]


def test_the_latest_announcements_are_the_bots_notices(stack, provisioned, sessions, members):
    conseil = room_of(sessions, "instance:conseil")
    bot = provision.bot_session(stack.settings, stack.secrets)
    try:
        text = f"Convocation au conseil {uuid.uuid4().hex[:6]}"
        path = f"{matrix.CLIENT}/rooms/{quote(conseil)}/send/m.room.message/{uuid.uuid4().hex}"
        bot._call("PUT", path, json={"msgtype": "m.notice", "body": text})
    finally:
        bot.close()
    announcements = panel(home_panels(stack, provisioned, sessions, READER), "annonces")
    assert announcements.items[0].text == text
    assert announcements.items[0].detail.startswith("Conseil communautaire, ")


def test_agenda_of_the_next_two_weeks(stack, provisioned, sessions):
    title = f"Commission petite enfance {uuid.uuid4().hex[:6]}"
    later = f"Dans trois semaines {uuid.uuid4().hex[:6]}"
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=2)
    with DavAgenda(
        stack.settings.url("caldav"),
        stack.settings.get("matrix", "bot_localpart"),
        stack.secrets.bot_password,
    ) as agenda:
        path = dav_access.group_collection_path("petite-enfance")
        agenda.add_event(path, title, start, start + dt.timedelta(hours=2), location="Verfeil")
        far = start + dt.timedelta(days=19)
        agenda.add_event(path, later, far, far + dt.timedelta(hours=1))
    items = panel(home_panels(stack, provisioned, sessions, READER), "agenda").items
    [event] = [i for i in items if i.text == title]
    assert "Petite enfance & jeunesse, Verfeil" in event.detail
    assert later not in {i.text for i in items}
    # Hugo is not in the petite-enfance commission: not in his agenda.
    assert title not in {
        i.text for i in panel(home_panels(stack, provisioned, sessions, WRITER), "agenda").items
    }


@pytest.fixture(scope="module")
def documents(stack, provisioned) -> dict[str, str]:
    """A document in a share of the reader's (petite-enfance) and one in another (urbanisme)."""
    names = {
        "petite-enfance": f"projet-creche-{uuid.uuid4().hex[:6]}.pdf",
        "urbanisme": f"plu-{uuid.uuid4().hex[:6]}.pdf",
    }
    with bot_shares(stack.settings, stack.secrets) as shares:
        for share, name in names.items():
            shares.upload(share, name, b"%PDF-1.4 " + share.encode())
    return names


def test_documents_of_my_instances_open_through_the_portal(
    stack, provisioned, sessions, documents, official
):
    items = panel(home_panels(stack, provisioned, sessions, READER), "documents").items
    mine = next(i for i in items if i.text == documents["petite-enfance"])
    assert documents["urbanisme"] not in {i.text for i in items}
    path = mine.url.removeprefix(stack.settings.public_url("portal"))
    opened = official.get(path)
    assert opened.status_code == 200
    assert opened.data == b"%PDF-1.4 petite-enfance"
    assert opened.headers["Content-Disposition"].startswith("inline")
    downloaded = official.get(path + "?telecharger=1")
    assert downloaded.headers["Content-Disposition"].startswith("attachment")

    # IDOR: another instance's real document, a path out of the share, a missing one: 404.
    assert (
        official.get(f"/espace-elus/documents/urbanisme/{documents['urbanisme']}").status_code
        == 404
    )
    assert (
        official.get("/espace-elus/documents/petite-enfance/../urbanisme/x.pdf").status_code == 404
    )
    assert official.get("/espace-elus/documents/petite-enfance/absent.pdf").status_code == 404


def addressbook_of(stack, provisioned, localpart: str) -> str:
    """The officials' address book as the person's own CardDAV client reads it."""
    password = provisioned[1][localpart]
    path = dav_access.group_collection_path(dav_access.ADDRESS_BOOK_GROUP)
    body = (
        '<?xml version="1.0"?><C:addressbook-query xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><C:address-data/></D:prop>'
        "</C:addressbook-query>"
    )
    response = httpx.request(
        "REPORT",
        stack.settings.url("caldav") + path,
        content=body,
        headers={"Depth": "1", "Content-Type": "application/xml"},
        auth=(localpart, password),
        timeout=30,
    )
    assert response.status_code == 207, response.text
    return response.text


def test_what_a_person_shares_shows_in_the_directory_vcard_and_address_book(
    stack, provisioned, sessions, portal, official
):
    token = log_in_staff(official, READER)
    phone = "05 61 23 45 67"
    response = official.post(
        "/espace-elus/coordonnees",
        data={
            "csrf_token": token,
            "phone": phone,
            "share_phone": "1",
            "email": "gaelle.prive@exemple.fr",  # kept for the digest, not shared
            "digest": "1",
        },
    )
    assert response.status_code == 302
    try:
        other = portal.test_client()
        log_in_staff(other, WRITER)
        page = other.get("/espace-elus/annuaire?q=gaelle").get_data(as_text=True)
        assert phone in page
        assert "gaelle.prive@exemple.fr" not in page
        by_instance = other.get("/espace-elus/annuaire?instance=urbanisme").get_data(as_text=True)
        assert "Gaëlle Exemple" not in by_instance
        assert "Hugo Fictif" in by_instance
        vcf = other.get(f"/espace-elus/annuaire/{READER}.vcf")
        assert vcf.mimetype == "text/vcard"
        assert f"TEL;TYPE=WORK,VOICE:{phone}" in vcf.get_data(as_text=True)
        assert "EMAIL" not in vcf.get_data(as_text=True)
        assert f"TEL;TYPE=WORK,VOICE:{phone}" in addressbook_of(stack, provisioned, WRITER)
        # Nothing of it on the public pages.
        anonymous = portal.test_client()
        assert phone not in anonymous.get("/intercommunalite/elus").get_data(as_text=True)
    finally:
        with sessions.begin() as db:
            db.execute(delete(OfficialProfile).where(OfficialProfile.localpart == READER))


@pytest.fixture(scope="module")
def bots(stack, provisioned, sessions) -> Iterator[BotsProcess]:
    bots = BotsProcess(stack)
    bots.start()

    def synced() -> bool:
        with sessions() as db:
            return load_state(db, SYNC_TOKEN) is not None

    # Events before the bots' first sync are not theirs to answer: after it.
    eventually(synced, what="the bots' first sync")
    yield bots
    bots.stop()


def test_annuaire_in_chat_answers_with_the_cards(stack, provisioned, sessions, members, bots):
    reader, _writer = members
    conseil = room_of(sessions, "instance:conseil")
    asked = reader.send(conseil, "!annuaire fictif")
    eventually(lambda: processed(sessions, asked), what="!annuaire processed")
    [text] = reply_texts(sessions, asked)
    assert "Bruno Fictif — Vice-président (Montastruc-la-Conseillère)" in text
    assert "Hugo Fictif — Conseiller communautaire (Roquesérière)" in text

    def seen_by_reader():
        messages = reader.call(
            "GET", f"/rooms/{quote(conseil)}/messages", params={"dir": "b", "limit": 20}
        )["chunk"]
        return any(
            m.get("content", {}).get("body", "").startswith("Annuaire —")
            and m["sender"] == stack.settings.bot_user_id
            for m in messages
        )

    eventually(seen_by_reader, what="the answer in the reader's own client")
    nobody = reader.send(conseil, "!annuaire zzzinconnu")
    eventually(lambda: processed(sessions, nobody), what="second !annuaire processed")
    assert "Personne ne correspond à « zzzinconnu »" in reply_texts(sessions, nobody)[0]


def test_weekly_digest_once_with_what_is_new_nothing_when_nothing(
    stack, provisioned, sessions, documents
):
    territory = provisioned[0]
    reader = territory.person(READER)
    lonely = dataclasses.replace(territory.person("ines.demo"), instances=())
    with sessions.begin() as db:
        db.execute(delete(OfficialProfile))
        db.add(OfficialProfile(localpart=READER, email="gaelle@exemple.fr", digest=True))
        db.add(OfficialProfile(localpart=lonely.localpart, email="ines@exemple.fr"))
        db.add(OfficialProfile(localpart=WRITER, email="hugo@exemple.fr", digest=False))
    hooks = (panels.home_panels,)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        with HomeServices(stack.settings, stack.secrets) as services:
            for person in (reader, lonely, territory.person(WRITER)):
                with sessions.begin() as db:
                    digest.send_digest(
                        db, person, territory, stack.settings, services, hooks, now=now
                    )
            with sessions.begin() as db:  # again the same week: not twice
                assert not digest.send_digest(
                    db, reader, territory, stack.settings, services, hooks, now=now
                )
        with sessions() as db:
            mails = list(
                db.scalars(select(QueuedMail).where(QueuedMail.recipient.like("%@exemple.fr")))
            )
        assert [m.recipient for m in mails] == ["gaelle@exemple.fr"]  # opted out, nothing new
        body = mails[0].body
        assert documents["petite-enfance"] in body
        assert documents["urbanisme"] not in body
        assert "Nouveaux documents de mes instances" in body
        assert "/espace-elus/coordonnees" in body  # how to opt out
    finally:
        with sessions.begin() as db:
            db.execute(delete(QueuedMail).where(QueuedMail.recipient.like("%@exemple.fr")))
            db.execute(delete(OfficialProfile))


def test_cards_of_chat_and_page_agree(provisioned, sessions):
    with sessions() as db:
        everyone = cards.all_cards(db, provisioned[0])
    assert len(everyone) == len(provisioned[0].people)
    assert [c.person.name for c in cards.find_cards(everyone, name="emma")] == ["Emma Fictive"]
