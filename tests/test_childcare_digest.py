"""A burst of childcare alerts (an opening day) becomes one summary in the room, whose link
leads to the back-office list of exactly the requests it gathers.

The burst is delivered by the real worker to a room of the session's Synapse; the link is
then followed in the portal, as a secretary would. (The secretariat room is end-to-end
encrypted in use; here its key names a plain room, for the test to read it back.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import log_in_staff, make_settings, secrets_for
from sqlalchemy import func, select, update
from test_childcare_chatops import Desk
from test_delivery import deliver_until, room_events

from collab import db, outbox
from collab.matrix import KIND_KEY, SOURCE_KEY
from collab.matrix.admin import AdminSession
from collab.matrix.bot import BotClient
from collab.models import MatrixRoom
from collab.outbox import OutboxMessage
from collab.territory import load_territory
from portal.app import create_app
from portal.childcare.messages import id_ranges
from portal.childcare.models import Registration
from portal.childcare.staff import parse_id_ranges

ROOT = Path(__file__).resolve().parent.parent
ROWS = re.compile(r"<tr>\s*<td>(\d+)</td>")


@pytest.fixture(scope="module")
def bot(stack, provisioned) -> Iterator[AdminSession]:
    """The bots' own saved session, to read the room back: no new login of the account (its
    login allowance is Synapse's default, and other modules log it in too)."""

    async def connect() -> None:  # saves a session if no bots process did yet
        await (await BotClient.connect(stack.settings, stack.secrets)).close()

    asyncio.run(connect())
    saved = json.loads((stack.settings.home / "bots" / "session.json").read_text("utf-8"))
    http = httpx.Client(
        base_url=stack.settings.url("matrix"),
        timeout=30,
        headers={"Authorization": f"Bearer {saved['access_token']}"},
    )
    session = AdminSession(http, saved["access_token"], saved["user_id"], kept=True)
    yield session
    session.close()


def listed(client, path: str) -> list[int]:
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    return [int(n) for n in ROWS.findall(page.get_data(as_text=True))]


@pytest.fixture
def desk(tmp_path):
    """A portal on its own database, with a programme to file requests in."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    territory = load_territory(ROOT / "territory.toml")
    settings = make_settings(tmp_path).with_overrides(
        database__url=url, childcare__password_scrypt_n=1024
    )
    app = create_app(settings, territory, secrets_for(settings))
    yield app, sessions, Desk(sessions, territory)
    engine.dispose()


def announced_long_ago(sessions, registration_ids: list[int]) -> None:
    """As if the alerts of these requests had gone out an hour ago (outside any burst)."""
    with sessions.begin() as s:
        s.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.source_id.in_([f"childcare.request:{n}" for n in registration_ids])
            )
            .values(
                status=outbox.SENT,
                created_at=outbox.utcnow() - dt.timedelta(hours=1),
                sent_at=outbox.utcnow() - dt.timedelta(hours=1),
            )
        )


def test_id_ranges_are_read_back_by_the_back_office():
    assert id_ranges([12, 13, 14, 16, 20, 21]) == "12-14,16,20-21"
    assert parse_id_ranges("12-14,16,20-21") == [(12, 14), (16, 16), (20, 21)]
    for bad in ("", "12,", "a", "3-1", "1--2", "1;2", ",".join(["1"] * 501)):
        assert parse_id_ranges(bad) is None


def test_a_burst_of_requests_is_one_summary_linking_to_exactly_those(stack, bot, desk):
    app, sessions, programme = desk
    room_id = bot.create_room({"name": "Secrétariat (test)", "preset": "private_chat"})
    with sessions.begin() as s:
        s.add(MatrixRoom(key="secretariat", room_id=room_id, name="Secrétariat – inscriptions"))
    earlier = [programme.request() for _ in range(3)]
    burst = [programme.request() for _ in range(14)]
    # One request of the burst's minute had its alert sent already: not gathered again.
    announced_long_ago(sessions, [*earlier, burst[6]])
    gathered = [n for n in burst if n != burst[6]]

    def pending() -> int:
        with sessions() as s:
            return s.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status == outbox.PENDING)
            )

    asyncio.run(deliver_until(stack.settings, stack.secrets, sessions, lambda: not pending(), 60))
    [summary] = room_events(bot, room_id, "childcare.request")
    assert summary[SOURCE_KEY] == f"childcare.request:{gathered[0]}"
    assert summary[KIND_KEY] == "digest"
    assert "13 notifications « nouvelle demande »" in summary["body"]
    assert "… et 8 autres." in summary["body"]
    link = re.search(r"Ces demandes dans la gestion des inscriptions : (\S+)", summary["body"])[1]
    assert f'href="{link}"' in summary["formatted_body"]
    portal = stack.settings.public_url("portal")
    assert link.startswith(f"{portal}/gestion/enfance?ids=")
    ranges = parse_id_ranges(link.split("?ids=", 1)[1])
    assert [n for low, high in ranges for n in range(low, high + 1)] == gathered
    path = link.removeprefix(portal)

    # The link, followed: staff only, as the rest of the back-office…
    territory = app.extensions["girou"].territory
    assert app.test_client().get(path).status_code == 302  # to the login page
    outsider = next(
        p for p in territory.people if not p.is_staff and "petite-enfance" not in p.instances
    )
    client = app.test_client()
    log_in_staff(client, outsider.localpart)
    assert client.get(path).status_code == 403
    # …lists exactly the requests of the summary, and the other filters narrow them.
    secretary = next(p for p in territory.people if p.is_staff)
    client = app.test_client()
    log_in_staff(client, secretary.localpart)
    assert listed(client, path) == gathered
    assert len(listed(client, "/gestion/enfance")) == len(earlier) + len(burst)
    with sessions() as s:
        waiting = [n for n in gathered if s.get(Registration, n).status == "waitlisted"]
    assert waiting
    assert listed(client, f"{path}&etat=waitlisted") == waiting
    bad = client.get("/gestion/enfance?ids=12-")
    assert bad.status_code == 400
    assert "12-40,45" in bad.get_data(as_text=True)
