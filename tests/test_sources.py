"""CalDAV and WebDAV watchers against the real servers: outbox rows, once, in the right room."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import icalendar
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from bridges import sources
from bridges.sources import caldav, webdav
from bridges.templates import render
from collab import db, outbox
from collab.caldav import DavAgenda
from collab.dav_access import group_collection_path
from collab.messages import Message
from collab.sources import MAX_SOURCE_ID, SourceState, read_state, source_id, write_state
from collab.webdav import DavShares

INSTANCE = "urbanisme"
PATH = group_collection_path(INSTANCE)


@pytest.fixture(scope="module")
def sessions(stack) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(stack.settings.database_url)
    db.create_schema(engine)
    maker = db.make_sessionmaker(engine)
    with maker.begin() as session:
        # A bots process of another test may have watched these calendars: start from nothing.
        session.execute(
            delete(SourceState).where(
                SourceState.key.startswith("caldav:") | SourceState.key.startswith("webdav:")
            )
        )
    yield maker
    engine.dispose()


def login(provisioned, instance: str, staff: bool | None = None) -> tuple[str, str]:
    territory, passwords = provisioned
    for person in territory.members(instance):
        if staff is None or person.is_staff == staff:
            return person.localpart, passwords[person.localpart]
    raise LookupError(instance)


def last_id(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.max(outbox.OutboxMessage.id))) or 0


def rows_since(sessions, mark: int, prefix: str) -> list[outbox.OutboxMessage]:
    with sessions() as session:
        return list(
            session.scalars(
                select(outbox.OutboxMessage)
                .where(outbox.OutboxMessage.id > mark)
                .where(outbox.OutboxMessage.kind.startswith(prefix))
                .order_by(outbox.OutboxMessage.id)
            )
        )


def poll(sessions, source, **kwargs) -> int:
    with sessions.begin() as session:
        return source.poll(session, **kwargs)


def ical(uid: str, summary: str, start: datetime, end: datetime, **extra: str) -> bytes:
    event = icalendar.Event()
    event.add("UID", uid)
    event.add("DTSTAMP", datetime.now(UTC))
    event.add("SUMMARY", summary)
    event.add("DTSTART", start)
    event.add("DTEND", end)
    for name, value in extra.items():
        event.add(name, value)
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//Girou tests//FR")
    calendar.add("VERSION", "2.0")
    calendar.add_component(event)
    return calendar.to_ical()


def put(agenda: DavAgenda, href: str, body: bytes) -> None:
    """What a calendar client does to create or rewrite an event."""
    response = agenda.http.put(
        href, content=body, headers={"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert response.status_code in (201, 204), response.text


def href_of(uid: str) -> str:
    return PATH + quote(uid, safe="@.-_") + ".ics"


# --- CalDAV -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def calendar_source(stack, provisioned, sessions) -> Iterator[caldav.Source]:
    territory, _passwords = provisioned
    source = caldav.Source(stack.settings, stack.secrets, territory)
    yield source
    source.close()


@pytest.fixture(scope="module")
def member_agenda(stack, provisioned) -> Iterator[DavAgenda]:
    user, password = login(provisioned, INSTANCE)
    with DavAgenda(stack.settings.url("caldav"), user, password) as agenda:
        yield agenda


@pytest.fixture(scope="module")
def baseline(sessions, calendar_source, member_agenda) -> str:
    """An event that exists before the watcher's first look; returns its UID."""
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    uid = member_agenda.add_event(PATH, "Déjà là", start, start + timedelta(hours=1))
    mark = last_id(sessions)
    assert poll(sessions, calendar_source) == 0
    assert rows_since(sessions, mark, "agenda.") == []
    with sessions() as session:
        state = read_state(session, f"caldav:{INSTANCE}")
    assert uid in state["events"]
    assert state["token"].startswith("http://radicale.org/ns/sync/")
    return uid


def test_first_poll_is_a_silent_baseline_and_a_second_one_writes_nothing(
    sessions, calendar_source, baseline
):
    mark = last_id(sessions)
    assert poll(sessions, calendar_source) == 0
    assert rows_since(sessions, mark, "agenda.") == []


def test_created_changed_deleted_event_is_announced_once_each(
    sessions, calendar_source, member_agenda, baseline
):
    start = datetime(2027, 3, 29, 8, 0, tzinfo=UTC)  # 10:00 in Paris
    mark = last_id(sessions)
    uid = member_agenda.add_event(
        PATH, "Révision du PLU", start, start + timedelta(hours=2), location="Mairie de Verfeil"
    )
    assert poll(sessions, calendar_source) == 1
    assert poll(sessions, calendar_source) == 0
    [row] = rows_since(sessions, mark, "agenda.")
    assert (row.kind, row.room_key) == ("agenda.created", "instance:urbanisme")
    assert row.payload == {
        "instance": "urbanisme",
        "instance_name": "Urbanisme & aménagement",
        "uid": uid,
        "summary": "Révision du PLU",
        "start": "2027-03-29T08:00:00+00:00",
        "end": "2027-03-29T10:00:00+00:00",
        "all_day": False,
        "location": "Mairie de Verfeil",
        "timezone": "Europe/Paris",
    }
    assert row.source_id.startswith(f"caldav:urbanisme:{uid}:")
    assert render(row.kind, row.payload).body == (
        "Nouvel événement : Révision du PLU — le lundi 29 mars 2027 de 10 h à 12 h"
        " — Mairie de Verfeil"
    )

    # Moved one hour later by the member's calendar client.
    mark = last_id(sessions)
    later = start + timedelta(hours=1)
    put(
        member_agenda,
        href_of(uid),
        ical(
            uid, "Révision du PLU", later, later + timedelta(hours=2), location="Mairie de Verfeil"
        ),
    )
    assert poll(sessions, calendar_source) == 1
    assert poll(sessions, calendar_source) == 0
    [row] = rows_since(sessions, mark, "agenda.")
    assert row.kind == "agenda.changed"
    assert row.payload["start"] == "2027-03-29T09:00:00+00:00"
    assert row.payload["previous"]["start"] == "2027-03-29T08:00:00+00:00"
    assert render(row.kind, row.payload).body == (
        "Événement modifié : Révision du PLU — le lundi 29 mars 2027 de 11 h à 13 h"
        " — Mairie de Verfeil\nAuparavant : le lundi 29 mars 2027 de 10 h à 12 h"
    )

    # Rewritten with nothing people see changed (a client bumps DTSTAMP): no message.
    mark = last_id(sessions)
    put(
        member_agenda,
        href_of(uid),
        ical(
            uid, "Révision du PLU", later, later + timedelta(hours=2), location="Mairie de Verfeil"
        ),
    )
    assert poll(sessions, calendar_source) == 0

    assert member_agenda.http.delete(href_of(uid)).status_code in (200, 204)
    assert poll(sessions, calendar_source) == 1
    assert poll(sessions, calendar_source) == 0
    [row] = rows_since(sessions, mark, "agenda.")
    assert (row.kind, row.room_key, row.payload["uid"]) == (
        "agenda.cancelled",
        "instance:urbanisme",
        uid,
    )
    assert render(row.kind, row.payload).body.startswith(
        "Événement annulé : Révision du PLU — le lundi 29 mars 2027 de 11 h à 13 h"
    )
    with sessions() as session:
        assert uid not in read_state(session, f"caldav:{INSTANCE}")["events"]


def test_status_cancelled_is_announced_as_cancelled(
    sessions, calendar_source, member_agenda, baseline
):
    start = datetime(2027, 4, 6, 16, 0, tzinfo=UTC)
    uid = member_agenda.add_event(PATH, "Réunion publique", start, start + timedelta(hours=2))
    poll(sessions, calendar_source)
    mark = last_id(sessions)
    put(
        member_agenda,
        href_of(uid),
        ical(uid, "Réunion publique", start, start + timedelta(hours=2), status="CANCELLED"),
    )
    assert poll(sessions, calendar_source) == 1
    [row] = rows_since(sessions, mark, "agenda.")
    assert (row.kind, row.payload["uid"]) == ("agenda.cancelled", uid)
    # Deleting it afterwards announces nothing more.
    assert member_agenda.http.delete(href_of(uid)).status_code in (200, 204)
    assert poll(sessions, calendar_source) == 0


def test_event_stored_under_another_name_is_still_seen_deleted(
    sessions, calendar_source, member_agenda, baseline
):
    # Some clients do not name the object after its UID: the deletion is resolved by listing.
    start = datetime(2027, 5, 3, 12, 0, tzinfo=UTC)
    uid = "Autre-client-42@example.org"
    href = PATH + "evenement-autre-client.ics"
    mark = last_id(sessions)
    put(member_agenda, href, ical(uid, "Atelier SCoT", start, start + timedelta(hours=1)))
    assert poll(sessions, calendar_source) == 1
    assert member_agenda.http.delete(href).status_code in (200, 204)
    assert poll(sessions, calendar_source) == 1
    kinds = [(row.kind, row.payload["uid"]) for row in rows_since(sessions, mark, "agenda.")]
    assert kinds == [("agenda.created", uid), ("agenda.cancelled", uid)]


def test_forgotten_sync_token_lists_the_calendar_and_announces_the_difference(
    sessions, calendar_source, member_agenda, baseline
):
    start = datetime(2027, 5, 10, 12, 0, tzinfo=UTC)
    uid = member_agenda.add_event(PATH, "Commission plénière", start, start + timedelta(hours=1))
    poll(sessions, calendar_source)
    assert member_agenda.http.delete(href_of(uid)).status_code in (200, 204)
    key = f"caldav:{INSTANCE}"
    with sessions.begin() as session:
        state = read_state(session, key)
        state["token"] = "http://radicale.org/ns/sync/" + "0" * 64  # unknown to the server
        write_state(session, key, state)
    mark = last_id(sessions)
    assert poll(sessions, calendar_source) == 1
    [row] = rows_since(sessions, mark, "agenda.")
    assert (row.kind, row.payload["uid"]) == ("agenda.cancelled", uid)
    with sessions() as session:
        token = read_state(session, key)["token"]
    assert token.startswith("http://radicale.org/ns/sync/")
    assert not token.endswith("0" * 64)
    assert poll(sessions, calendar_source) == 0


def test_past_events_are_remembered_but_not_announced(
    sessions, calendar_source, member_agenda, baseline
):
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    mark = last_id(sessions)
    uid = member_agenda.add_event(PATH, "Réunion d'avant-hier", start, start + timedelta(hours=1))
    assert poll(sessions, calendar_source) == 0
    assert rows_since(sessions, mark, "agenda.") == []
    with sessions() as session:
        assert uid in read_state(session, f"caldav:{INSTANCE}")["events"]


def test_service_calendar_is_announced_in_its_service_room(
    stack, provisioned, sessions, calendar_source, baseline
):
    user, password = login(provisioned, "moderation")
    start = datetime(2027, 6, 1, 7, 30, tzinfo=UTC)
    mark = last_id(sessions)
    with DavAgenda(stack.settings.url("caldav"), user, password) as agenda:
        uid = agenda.add_event(
            group_collection_path("moderation"),
            "Point modération",
            start,
            start + timedelta(hours=1),
        )
    assert poll(sessions, calendar_source) == 1
    [row] = rows_since(sessions, mark, "agenda.")
    assert (row.kind, row.room_key, row.payload["uid"]) == ("agenda.created", "moderation", uid)


# --- WebDAV -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def share_source(stack, provisioned, sessions) -> Iterator[webdav.Source]:
    territory, _passwords = provisioned
    source = webdav.Source(stack.settings, stack.secrets, territory)
    yield source
    source.close()


@pytest.fixture(scope="module")
def member_shares(stack, provisioned) -> Iterator[DavShares]:
    user, password = login(provisioned, INSTANCE)
    with DavShares(stack.settings.url("webdav"), user, password) as shares:
        yield shares


@pytest.fixture(scope="module")
def shares_baseline(sessions, share_source, member_shares) -> None:
    member_shares.upload(INSTANCE, "deja-la.txt", b"avant le premier passage")
    mark = last_id(sessions)
    assert poll(sessions, share_source) == 0
    assert rows_since(sessions, mark, "docs.") == []
    with sessions() as session:
        assert "deja-la.txt" in read_state(session, f"webdav:{INSTANCE}")


def test_share_baseline_is_silent_and_nothing_new_writes_nothing(
    sessions, share_source, shares_baseline
):
    mark = last_id(sessions)
    assert poll(sessions, share_source) == 0
    assert rows_since(sessions, mark, "docs.") == []


def test_uploaded_then_rewritten_document_is_announced_with_its_link(
    stack, sessions, share_source, member_shares, shares_baseline
):
    name = "Compte rendu — séance 3.txt"
    mark = last_id(sessions)
    member_shares.upload(INSTANCE, name, b"version 1")
    assert poll(sessions, share_source) == 1
    assert poll(sessions, share_source) == 0
    [row] = rows_since(sessions, mark, "docs.")
    url = f"{stack.settings.public_url('webdav')}/urbanisme/{quote(name)}"
    assert (row.kind, row.room_key) == ("docs.created", "instance:urbanisme")
    assert {k: row.payload[k] for k in ("share", "instance", "path", "name", "url", "size")} == {
        "share": "urbanisme",
        "instance": "urbanisme",
        "path": name,
        "name": name,
        "url": url,
        "size": 9,
    }
    assert row.payload["etag"]
    assert row.payload["modified"]
    message = render(row.kind, row.payload)
    assert message.body == f"Nouveau document : {name} (9 octets)\n{url}"
    assert f'<a href="{url}">' in message.html
    # The link works for a member (same credentials as Matrix).
    assert member_shares.client.http.get(url).content == b"version 1"

    mark = last_id(sessions)
    member_shares.upload(INSTANCE, name, b"version 2, plus longue")
    assert poll(sessions, share_source) == 1
    assert poll(sessions, share_source) == 0
    [row] = rows_since(sessions, mark, "docs.")
    assert (row.kind, row.payload["path"], row.payload["size"]) == ("docs.changed", name, 22)

    # Deleted: remembered, not announced. Lock files of office suites: not announced.
    mark = last_id(sessions)
    member_shares.client.remove(f"{INSTANCE}/{name}")
    member_shares.upload(INSTANCE, "~$budget.xlsx", b"lock")
    assert poll(sessions, share_source) == 0
    assert rows_since(sessions, mark, "docs.") == []
    with sessions() as session:
        state = read_state(session, f"webdav:{INSTANCE}")
    assert name not in state
    assert "~$budget.xlsx" in state


def test_publications_are_announced_in_the_council_room(
    stack, provisioned, sessions, share_source, shares_baseline
):
    user, password = login(provisioned, "secretariat", staff=True)
    mark = last_id(sessions)
    with DavShares(stack.settings.url("webdav"), user, password) as shares:
        shares.upload("publications", "bulletin-mars.txt", b"Bulletin")
    assert poll(sessions, share_source) == 1
    [row] = rows_since(sessions, mark, "docs.")
    assert (row.kind, row.room_key, row.payload["share"]) == (
        "docs.created",
        "instance:conseil",
        "publications",
    )


# --- the package --------------------------------------------------------------------------------


def test_load_gives_one_source_per_module(stack, provisioned):
    territory, _passwords = provisioned
    loaded = sources.load(stack.settings, stack.secrets, territory)
    try:
        assert [(s.name, type(s).__module__) for s in loaded] == [
            ("caldav", "bridges.sources.caldav"),
            ("webdav", "bridges.sources.webdav"),
            ("reminders", "bridges.sources.reminders"),
            ("gis", "portal.gis.source"),
        ]
        watch = stack.settings.get("bridges", "watch_interval")
        assert [s.interval_seconds for s in loaded] == [watch, watch, 60, watch]
    finally:
        for source in loaded:
            source.close()


def test_long_source_ids_fit_the_column():
    short = source_id("caldav", "urbanisme", "uid", 3)
    assert short == "caldav:urbanisme:uid:3"
    long = source_id("caldav", "urbanisme", "x" * 400, 3)
    assert len(long) == MAX_SOURCE_ID
    assert long != source_id("caldav", "urbanisme", "x" * 400, 4)


# --- templates ----------------------------------------------------------------------------------

EVIL = '<script>alert("x")</script> & co'
EVENT = {
    "instance": "urbanisme",
    "instance_name": "Urbanisme & aménagement",
    "uid": "u1",
    "summary": EVIL,
    "start": "2027-10-31T09:00:00+00:00",
    "end": "2027-10-31T11:30:00+00:00",
    "all_day": False,
    "location": "<b>Salle</b>",
    "timezone": "Europe/Paris",
}


@pytest.mark.parametrize(
    ("kind", "payload", "body"),
    [
        ("agenda.created", EVENT,
         f"Nouvel événement : {EVIL} — le dimanche 31 octobre 2027 de 10 h à 12 h 30"
         " — <b>Salle</b>"),
        ("agenda.changed",
         EVENT | {"previous": EVENT | {"start": "2027-10-30T08:00:00+00:00",
                                      "end": "2027-10-30T09:00:00+00:00", "location": ""}},
         f"Événement modifié : {EVIL} — le dimanche 31 octobre 2027 de 10 h à 12 h 30 — "
         "<b>Salle</b>\nAuparavant : le samedi 30 octobre 2027 de 10 h à 11 h, sans lieu"),
        ("agenda.cancelled", EVENT | {"start": "2027-04-01", "end": "2027-04-03", "all_day": True},
         f"Événement annulé : {EVIL} — du jeudi 1er avril 2027 au vendredi 2 avril 2027"
         " — <b>Salle</b>"),
        ("agenda.reminder",
         EVENT | {"reminder": "J-1", "notified_at": "2027-10-30T08:00:00+00:00"},
         f"Rappel : {EVIL} demain à 10 h — <b>Salle</b>"),
        ("agenda.reminder",
         EVENT | {"start": "2027-04-01", "end": "2027-04-02", "all_day": True,
                  "reminder": "J-1", "notified_at": "2027-03-31T07:00:00+00:00"},
         f"Rappel : {EVIL} demain (toute la journée) — <b>Salle</b>"),
        ("agenda.reminder",
         EVENT | {"reminder": "H-1", "notified_at": "2027-10-31T08:00:00+00:00"},
         f"Rappel : {EVIL} dans une heure, à 10 h — <b>Salle</b>"),
        ("docs.created",
         {"share": "urbanisme", "path": f"plu/{EVIL}.pdf", "url": "https://dav.example/u/x.pdf",
          "size": 1536},
         f"Nouveau document : plu/{EVIL}.pdf (1,5 Ko)\nhttps://dav.example/u/x.pdf"),
        ("docs.changed",
         {"share": "urbanisme", "path": f"{EVIL}.odt", "url": "https://dav.example/u/y.odt",
          "size": 3 * 1024 * 1024},
         f"Document modifié : {EVIL}.odt (3 Mo)\nhttps://dav.example/u/y.odt"),
    ],
)  # fmt: skip
def test_every_template_renders_french_and_escapes_html(kind, payload, body):
    message = render(kind, payload)
    assert message.body == body
    assert "<script>" not in message.html
    assert "<b>Salle</b>" not in message.html
    assert "&lt;script&gt;" in message.html
    if kind.startswith("docs."):
        assert f'<a href="{payload["url"]}">' in message.html


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<p>Salle <b>1</b></p>", "<p>Salle <b>1</b></p>"),
        ("<table><tr><td>x</td></tr></table>", "x"),  # no tables: the text stays
        ('<script>alert("x")</script><style>p{}</style>fin', "fin"),
        ("a<!-- note -->b", "ab"),
        ('<a href="https://x.org/" title="t" target="_blank">lien</a>',
         '<a href="https://x.org/">lien</a>'),  # no rel added either
        ('<a href="matrix:r/urba:x.fr">salon</a>', '<a href="matrix:r/urba:x.fr">salon</a>'),
        ('<a href="javascript:alert(1)">piège</a>', "<a>piège</a>"),
        ('<code class="language-sh" id="c">ls</code>', '<code class="language-sh">ls</code>'),
        ('<img src="https://x.org/i.png" onerror="f()">', ""),
    ],
)  # fmt: skip
def test_message_html_keeps_only_what_matrix_clients_render(markup, kept):
    assert Message("texte", markup).html == kept
