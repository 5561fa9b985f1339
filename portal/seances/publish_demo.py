"""Demo of the séances' day and publication: two past séances of the conseil, held with their
sign-in sheet (a proxy, a late arrival), votes (unanimous, public with names, secret), the
list of deliberations of each put online within the week, and the procès-verbal of the first,
arrêté at the start of the second, published. Idempotent: the séances carry a marker."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.territory import Territory
from portal.seances import publication, rules, sitting
from portal.seances.models import SENT, AgendaItem, Seance
from portal.seances.sitting_models import (
    ABSTENTION,
    AGAINST,
    AGENDA,
    DELIBERATIONS,
    FOR,
    MINUTES,
    NOTED,
    PUBLIC,
    SECRET,
)

MARKER = "demo:tenue"  # Seance.created_by of the demo's held séances
INSTANCE = "conseil"

FIRST = [
    (
        "Budget primitif 2026 du budget principal",
        "david.exemple",
        "Le budget s’équilibre à 14,2 M€ en fonctionnement et 5,1 M€ en investissement.",
        "Le conseil adopte le budget primitif 2026 du budget principal, chapitre par chapitre.",
        "M. Exemple présente les grands équilibres ; Mme Fictive demande le détail des dépenses "
        "de voirie, M. Démo l’effort sur les accueils de loisirs.",
        "public-split",
    ),
    (
        "Tarifs des accueils de loisirs pour l’été",
        "bruno.fictif",
        "Les tarifs suivent le quotient familial ; hausse de 2 % des tranches supérieures.",
        "Le conseil fixe les tarifs des accueils de loisirs annexés à la présente délibération.",
        "Aucune observation.",
        "unanimous",
    ),
    (
        "Désignation d’un délégué au syndicat de collecte des déchets",
        "alice.exemple",
        "Un siège est vacant au comité syndical à la suite d’une démission.",
        "Le conseil désigne Mme Gaëlle Exemple déléguée titulaire au syndicat.",
        "Deux candidatures ; vote à bulletins secrets.",
        "secret",
    ),
]
SECOND = [
    (
        "Décision modificative n° 1 du budget principal",
        "david.exemple",
        "Ajustement des crédits de voirie (+ 120 000 €) financé par des recettes de dotations.",
        "Le conseil adopte la décision modificative n° 1.",
        "Questions sur le calendrier des travaux de voirie.",
        "unanimous",
    ),
    (
        "Étude d’un nouvel équipement sportif intercommunal",
        "chloe.demo",
        "Lancement d’une étude de programmation, coût estimé 45 000 € HT.",
        "Le conseil approuve le lancement de l’étude et sollicite les subventions.",
        "Débat sur l’implantation ; deux élus souhaitent attendre le schéma des équipements.",
        "public-split",
    ),
    (
        "Raccordement des écoles à la fibre : point d’étape",
        "jules.exemple",
        "Information : 14 écoles sur 18 sont raccordées.",
        "Le conseil prend acte du point d’étape.",
        "Questions sur les quatre écoles restantes.",
        "noted",
    ),
]


def _make_seance(db: Session, starts_at: dt.datetime, items, sent_at: dt.datetime) -> Seance:
    seance = Seance(
        instance=INSTANCE,
        starts_at=starts_at,
        place="Salle du conseil, siège de la communauté de communes",
        remote_allowed=False,
        proxies_allowed=True,
        status=SENT,
        version=1,
        created_at=sent_at,
        created_by=MARKER,
        sent_at=sent_at,
    )
    db.add(seance)
    db.flush()
    for position, (title, rapporteur, note, *_rest) in enumerate(items, start=1):
        db.add(AgendaItem(seance_id=seance.id, position=position, title=title,
                          rapporteur=rapporteur, note=note))  # fmt: skip
    db.flush()
    db.refresh(seance)
    return seance


def _hold(db, territory, seance, items, tz, opened_at, proxy, late, substitutes=False):
    members = [p.localpart for p in territory.members(INSTANCE)]
    lines = {}
    for localpart in members:
        lines[localpart] = sitting.SheetLine(status="present", signed=True)
    giver, holder = proxy
    lines[giver] = sitting.SheetLine(status="proxy", proxy_to=holder)
    lines[late] = sitting.SheetLine(status="present", arrival_item=2, signed=True)
    for person in territory.members(INSTANCE):
        if (
            substitutes
            and rules.suppleant_of(territory, person)
            and person.localpart not in (giver, holder, late)
        ):
            lines[person.localpart] = sitting.SheetLine(status="substitute", signed=True)
    sitting.record_sheet(db, territory, seance, lines, MARKER)
    secretary = next(m for m in members if m not in (giver, late, members[0]))
    sitting.open_sitting(db, territory, seance, secretary, MARKER, now=opened_at)
    in_office = set(members)
    rows = sitting.sheet(db, territory, seance)
    for item, (_title, _rapporteur, _note, decision, debate, how) in zip(
        seance.items, items, strict=True
    ):
        voters = sitting.presence_at(rows, item.position, in_office).voters
        if how == "noted":
            vote = sitting.VoteInput(outcome=NOTED, decision=decision, debate=debate)
        elif how == "secret":
            vote = sitting.VoteInput(
                outcome="vote", ballot=SECRET, votes_for=len(voters) - 3, votes_against=2,
                blank=1, decision=decision, debate=debate,
            )  # fmt: skip
        else:
            named = dict.fromkeys(voters, FOR)
            if how == "public-split":
                named[voters[-1]], named[voters[-2]] = AGAINST, ABSTENTION
            vote = sitting.VoteInput(
                outcome="vote", ballot=PUBLIC, named=named, decision=decision, debate=debate
            )
        sitting.record_vote(db, territory, seance, item, vote, MARKER, tz)
    sitting.close_sitting(
        db, seance, MARKER,
        "La présidente ouvre la séance à 18 h 30, constate le quorum et fait désigner le "
        "secrétaire de séance. La séance est levée à 20 h 40.",
        now=opened_at + dt.timedelta(hours=2, minutes=10),
    )  # fmt: skip


def load_demo(
    settings: Settings,
    sessions: sessionmaker[Session],
    territory: Territory,
    *,
    today: dt.date | None = None,
) -> str:
    """The two held séances (45 and 10 days before today, or `today`) and their publications;
    nothing when they are there already."""
    tz = settings.timezone
    url = settings.public_url("portal")
    with sessions.begin() as db:
        if db.scalar(select(Seance.id).where(Seance.created_by == MARKER).limit(1)):
            return "séances: the held demo séances are there already"
        members = [p.localpart for p in territory.members(INSTANCE)]
        if len(members) < 6:
            return "séances: too few conseil members in the territory for the held demo"
        today = today or dt.datetime.now(tz).date()

        def at(day: dt.date, hour: int = 18, minute: int = 30) -> dt.datetime:
            local = dt.datetime.combine(day, dt.time(hour, minute), tz)
            return local.astimezone(dt.UTC).replace(tzinfo=None)

        first_day, second_day = today - dt.timedelta(days=45), today - dt.timedelta(days=10)
        first = _make_seance(db, at(first_day), FIRST, at(first_day - dt.timedelta(days=8), 10))
        second = _make_seance(db, at(second_day), SECOND, at(second_day - dt.timedelta(days=8), 10))
        for seance, day in ((first, first_day), (second, second_day)):
            publication.publish(db, territory, seance, AGENDA, MARKER, tz, url,
                                now=at(day - dt.timedelta(days=7), 11))  # fmt: skip
        _hold(db, territory, first, FIRST, tz, at(first_day), (members[4], members[5]),
              members[6 % len(members)], substitutes=True)  # fmt: skip
        publication.publish(db, territory, first, DELIBERATIONS, MARKER, tz, url,
                            now=at(first_day + dt.timedelta(days=3), 9))  # fmt: skip
        _hold(db, territory, second, SECOND, tz, at(second_day), (members[3], members[1]),
              members[-1])  # fmt: skip
        publication.adopt_minutes(db, first, second, MARKER, tz, "Aucune observation.")
        publication.publish(db, territory, second, DELIBERATIONS, MARKER, tz, url,
                            now=at(second_day + dt.timedelta(days=2), 9))  # fmt: skip
        publication.publish(db, territory, first, MINUTES, MARKER, tz, url,
                            now=at(second_day + dt.timedelta(days=2), 9, 15))  # fmt: skip
    return (
        "séances: 2 held conseil séances, their lists of deliberations and 1 procès-verbal "
        "published"
    )
