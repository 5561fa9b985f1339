"""Answers from chat, through the bots' router on a database (no Matrix: the round trip with
Synapse is in test_seances_stack): reactions to one's own convocation, !présent, !absent,
!pouvoir Nom, !quorum in the instance's room, refusals answered in French and changing
nothing, and the reminders (J-2 to those who have not answered, H-2 to all)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from botutil import reply_texts
from conftest import ROOT
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bots.features import help as help_feature
from bots.router import Incoming, Router
from collab import config, db, outbox
from collab.models import MatrixRoom
from collab.territory import Territory, load_territory
from portal.seances import jobs, proof, service
from portal.seances.feature import FEATURE
from portal.seances.models import PRESENT, PROXY, Answer, ProofEntry

SERVER = "girou.localhost"
ROOM_ID = "!conseil-test"
_ids = itertools.count(1)


@pytest.fixture
def local(tmp_path) -> Iterator[tuple[Router, sessionmaker[Session], Territory, int]]:
    settings = config.load(tmp_path, environ={})
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    territory = load_territory(ROOT / "territory.toml")
    with sessions.begin() as s:
        s.add(MatrixRoom(key="instance:conseil", room_id=ROOM_ID, name="Conseil communautaire"))
        seance = service.create_seance(
            s,
            territory,
            instance_key="conseil",
            starts_at=dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(18)),
            place="Siège",
            tz=settings.timezone,
        )
        service.add_item(s, territory, seance, title="Budget", note="Le budget.")
        service.send(s, settings, territory, seance, actor="karine.fictive")
        seance_id = seance.id
    router = Router([help_feature.FEATURE, FEATURE], settings=settings, territory=territory)
    yield router, sessions, territory, seance_id
    engine.dispose()


def say(router, sessions, body: str, who: str) -> str:
    event_id = f"$command-{next(_ids)}"
    assert router.dispatch(sessions, Incoming(ROOM_ID, event_id, f"@{who}:{SERVER}", body=body))
    (reply,) = reply_texts(sessions, event_id)
    return reply


def convocation_event(sessions, seance_id: int, localpart: str) -> str:
    """As the delivery records a member's convocation once posted: its event id."""
    event_id = f"$convocation-{localpart}"
    with sessions.begin() as s:
        row = s.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"seance:{seance_id}:v1:to:{localpart}"
            )
        ).one()
        row.status, row.event_id, row.room_id = outbox.SENT, event_id, ROOM_ID
        row.sent_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return event_id


def react(router, sessions, event: str, key: str, who: str) -> list[str]:
    event_id = f"$reaction-{next(_ids)}"
    incoming = Incoming(ROOM_ID, event_id, f"@{who}:{SERVER}", reacts_to=event, key=key)
    assert router.dispatch(sessions, incoming)
    assert not router.dispatch(sessions, incoming)  # exactly once
    return reply_texts(sessions, event_id)


def answers(sessions, seance_id: int) -> dict[str, tuple[str, str | None]]:
    with sessions() as s:
        rows = s.scalars(select(Answer).where(Answer.seance_id == seance_id)).all()
        return {a.localpart: (a.choice, a.proxy_to) for a in rows}


def test_reactions_and_commands_answer_and_are_confirmed(local):
    router, sessions, _territory, seance_id = local
    event = convocation_event(sessions, seance_id, "emma.fictive")
    [reply] = react(router, sessions, event, "👍", "emma.fictive")
    assert reply.startswith("✅ Réponse enregistrée pour Emma Fictive : présent")
    assert "1 présent(s) sur 10 membres en exercice (quorum : 6) — non atteint" in reply
    [other] = react(router, sessions, event, "👎", "hugo.fictif")  # not his convocation
    assert "adressée à Emma Fictive" in other
    assert "hugo.fictif" not in answers(sessions, seance_id)

    assert "absent" in say(router, sessions, "!absent", "hugo.fictif")
    reply = say(router, sessions, "!pouvoir Emma Fictive", "ines.demo")
    assert "pouvoir donné à Emma Fictive" in reply
    assert answers(sessions, seance_id)["ines.demo"] == (PROXY, "emma.fictive")
    refused = say(router, sessions, "!pouvoir emma", "jules.exemple")
    assert "Emma Fictive détient déjà un pouvoir" in refused
    assert "jules.exemple" not in answers(sessions, seance_id)
    assert "n’est pas membre" in say(router, sessions, "!pouvoir Karine Fictive", "jules.exemple")
    assert "Personne ne s’appelle" in say(router, sessions, "!pouvoir Zoé", "jules.exemple")
    assert "à distance n’est pas ouverte" in say(router, sessions, "!distance", "jules.exemple")
    assert "(ou plus) membre" in say(router, sessions, "!présent", "lucas.demo")  # staff

    for who in ("alice.exemple", "bruno.fictif", "chloe.demo", "david.exemple", "francois.demo"):
        say(router, sessions, "!présent", who)
    quorum = say(router, sessions, "!quorum", "karine.fictive")
    assert (
        "6 présent(s), 1 représenté(s) sur 10 membres en exercice (quorum : 6) — atteint" in quorum
    )
    assert "Sans réponse : Gaëlle Exemple, Jules Exemple" in quorum
    with sessions() as s:
        assert proof.verify(s, seance_id).ok
        kinds = s.scalars(select(ProofEntry.kind).where(ProofEntry.seance_id == seance_id)).all()
        assert kinds.count("answer") == 8  # one per answer recorded, none for the refusals


def test_reminders_once_each(local):
    router, sessions, territory, seance_id = local
    settings = router.settings
    say(router, sessions, "!présent", "emma.fictive")
    with sessions() as s:
        start = service.get_seance(s, seance_id).starts_at
    assert jobs.send_reminders(sessions, settings, territory, now=start - dt.timedelta(days=3)) == 0
    two_days = start - dt.timedelta(days=2)
    assert jobs.send_reminders(sessions, settings, territory, now=two_days) == 1
    assert jobs.send_reminders(sessions, settings, territory, now=two_days) == 0  # once
    two_hours = start - dt.timedelta(hours=2)
    assert jobs.send_reminders(sessions, settings, territory, now=two_hours) == 1
    with sessions() as s:
        rows = s.scalars(
            select(outbox.OutboxMessage).where(outbox.OutboxMessage.kind == jobs.REMINDER_KIND)
        ).all()
    first, second = (r.payload for r in rows)
    assert first["which"] == "J-2"
    assert "Emma Fictive" not in first["names"]
    assert len(first["names"]) == 9
    assert second["which"] == "H-2"
    assert len(second["member_ids"]) == 10
    assert PRESENT == answers(sessions, seance_id)["emma.fictive"][0]
