"""!agenda and !docs on a real database session, real Radicale and WsgiDAV: the reply rows."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from bots.features import collab as feature
from collab import outbox
from collab.caldav import DavAgenda
from collab.chat import Context
from collab.dav_access import group_collection_path
from collab.models import MatrixRoom
from collab.servers import webdav as webdav_server
from collab.webdav import DavShares

INSTANCE = "numerique"
_event_ids = itertools.count(1)


@pytest.fixture(scope="module")
def services(stack) -> Iterator[dict]:
    services = feature.make_services(stack.settings, stack.secrets)
    yield services
    for client in services.values():
        client.close()


def member(provisioned, instance: str, staff: bool = False) -> tuple[str, str]:
    territory, passwords = provisioned
    person = next(p for p in territory.members(instance) if p.is_staff == staff)
    return person.localpart, passwords[person.localpart]


def run(stack, provisioned, sessions, handler, room_key, services=None) -> dict:
    """Run `handler` as the router does (one transaction) and return the reply's payload."""
    territory, _passwords = provisioned
    user, _password = member(provisioned, INSTANCE)
    event_id = f"$collab-test-{os.getpid()}-{next(_event_ids)}"
    with sessions.begin() as session:
        room = session.get(MatrixRoom, room_key) if room_key else None
        ctx = Context(
            db=session,
            settings=stack.settings,
            territory=territory,
            room_id=room.room_id if room else "!unmanaged",
            room_key=room_key,
            sender=f"@{user}:{stack.settings.server_name}",
            event_id=event_id,
            services={} if services is None else services,
        )
        handler(ctx, [])
    with sessions() as session:
        [row] = session.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"reply:{event_id}"
            )
        )
        assert row.kind == "reply"
        assert row.room_key == (room_key or "!unmanaged")
        return row.payload


def test_feature_declares_both_commands():
    assert [(c.name, c.usage) for c in feature.FEATURE.commands] == [
        ("agenda", "!agenda"),
        ("docs", "!docs"),
    ]


@pytest.mark.parametrize("handler", [feature.show_agenda, feature.show_documents])
@pytest.mark.parametrize("room_key", ["space", None])
def test_outside_an_instance_room_the_answer_says_so(
    stack, provisioned, sessions, services, handler, room_key
):
    payload = run(stack, provisioned, sessions, handler, room_key, services)
    assert payload["text"] == feature.NOT_AN_INSTANCE
    assert payload["in_reply_to"].startswith("$collab-test-")


def test_agenda_lists_the_next_five_events_of_the_room_instance(
    stack, provisioned, sessions, services
):
    user, password = member(provisioned, INSTANCE)
    path = group_collection_path(INSTANCE)
    # Tomorrow from 8:00 in the bots' time zone: no event runs across midnight, whatever the
    # hour the suite runs at (a "Du … au …" line instead of "Le …").
    tz = stack.settings.timezone
    tomorrow = datetime.now(tz).date() + timedelta(days=1)
    soon = datetime.combine(tomorrow, time(8, 0), tzinfo=tz).astimezone(UTC)
    with DavAgenda(stack.settings.url("caldav"), user, password) as agenda:
        # Created out of order; one beyond the 60 days, one in another instance's calendar.
        for n in (4, 2, 6, 1, 5, 3):
            start = soon + timedelta(hours=n)
            agenda.add_event(path, f"Point <{n}>", start, start + timedelta(minutes=30))
        far = soon + timedelta(days=61)
        agenda.add_event(path, "Trop loin", far, far + timedelta(hours=1))
        other = group_collection_path("conseil")
        agenda.add_event(other, "Conseil", soon, soon + timedelta(hours=1))

    payload = run(stack, provisioned, sessions, feature.show_agenda, "instance:numerique", services)
    lines = payload["text"].split("\n")
    assert lines[0] == "Prochains événements — Numérique"
    assert len(lines) == 6
    assert [line.split(" : ", 1)[1] for line in lines[1:]] == [f"Point <{n}>" for n in range(1, 6)]
    assert lines[1].startswith("• Le ")
    assert "&lt;1&gt;" in payload["html"]
    assert "<1>" not in payload["html"]
    assert payload["html"].count("<li>") == 5

    # Without the runner's clients, the handler makes its own from GIROU_HOME's secrets.
    again = run(stack, provisioned, sessions, feature.show_agenda, "instance:numerique")
    assert again["text"] == payload["text"]


def test_docs_lists_the_latest_five_documents_with_links(stack, provisioned, sessions, services):
    user, password = member(provisioned, INSTANCE)
    folder = webdav_server.shares_dir(stack.settings) / INSTANCE
    future = datetime.now(UTC) + timedelta(days=1)
    with DavShares(stack.settings.url("webdav"), user, password) as shares:
        for n in range(1, 7):
            shares.upload(INSTANCE, f"note {n}.txt", f"note {n}".encode())
    # Modification dates one minute apart (and later than anything else in the share), set
    # where WsgiDAV keeps the files rather than by waiting between uploads.
    for n in range(1, 7):
        stamp = (future + timedelta(minutes=n)).timestamp()
        os.utime(folder / f"note {n}.txt", (stamp, stamp))

    payload = run(
        stack, provisioned, sessions, feature.show_documents, "instance:numerique", services
    )
    lines = payload["text"].split("\n")
    assert lines[0] == "Derniers documents — Numérique"
    names = [line[2:].split(" — ")[0] for line in lines[1:] if line.startswith("• ")]
    assert names == [f"note {n}.txt" for n in (6, 5, 4, 3, 2)]
    url = f"{stack.settings.public_url('webdav')}/numerique/{quote('note 6.txt')}"
    assert f"  {url}" in lines
    assert f'<a href="{url}">note 6.txt</a>' in payload["html"]
    assert " — modifié le " in lines[1]


def test_docs_in_the_council_room_include_the_publications(stack, provisioned, sessions, services):
    user, password = member(provisioned, "secretariat", staff=True)
    with DavShares(stack.settings.url("webdav"), user, password) as shares:
        shares.upload("publications", "rapport-annuel.txt", b"rapport")
    stamp = (datetime.now(UTC) + timedelta(days=30)).timestamp()
    path = webdav_server.shares_dir(stack.settings) / "publications" / "rapport-annuel.txt"
    os.utime(path, (stamp, stamp))

    payload = run(
        stack, provisioned, sessions, feature.show_documents, "instance:conseil", services
    )
    first = payload["text"].split("\n")[1]
    assert first.startswith("• rapport-annuel.txt — modifié le ")
    assert "/publications/rapport-annuel.txt" in payload["html"]
