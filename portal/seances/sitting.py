"""Holding a séance: the sign-in sheet (émargement), the opening with the secrétaire de séance
and the quorum, each item's quorum and vote, the closing, and a séance convened again when the
quorum was not reached.

What the CGCT says, as applied here:
- L2121-15: at the start of each séance the council names one or more of its members as
  secrétaire de séance.
- L2121-17: more than half of the members in office present (proxies not counted; at a
  distance counts, L5211-11-1), at the opening and at each deliberation; without quorum the
  council is convened again at least three days later and then deliberates without quorum on
  the items of that agenda.
- L2121-20: a member absent may give a written proxy to another; one proxy held per member;
  deliberations are taken by the absolute majority of the votes cast (abstentions and blank
  ballots are not cast), and in a tie the president's vote prevails, save in a secret ballot.
- L2121-21: a public ballot records each voter's name and vote; a secret ballot does not.
- L5211-11-1: teleconference is excluded from a secret ballot.

Every function checks everything before it writes: a refusal (rules.SeanceError, French) leaves
the database as it was (the caller's transaction is rolled back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collab.db import utcnow
from collab.territory import Person, Territory
from portal.seances import rules, service
from portal.seances.models import (
    ABSENT,
    CANCELLED,
    CHOICE_LABELS,
    CHOICES,
    DRAFT,
    HELD,
    PRESENT,
    PROXY,
    REMOTE,
    SENT,
    SUBSTITUTE,
    AgendaItem,
    Answer,
    Seance,
)
from portal.seances.rules import SeanceError
from portal.seances.sitting_models import (
    ABSTENTION,
    ADOPTED,
    AGAINST,
    DELIBERATED,
    DELIBERATIONS,
    FOR,
    NOT_VOTED,
    NOT_VOTING,
    NOTED,
    POSTPONED,
    PUBLIC,
    REJECTED,
    SECRET,
    VOTES,
    WITHDRAWN,
    Attendance,
    ItemOutcome,
    NamedVote,
    PublishedAct,
    Sitting,
)

RECONVENE_MIN_DAYS = 3  # L2121-17: "à trois jours au moins d'intervalle"
SITTING_STATUSES = (PRESENT, REMOTE, SUBSTITUTE)  # counted present


# --- who sits ------------------------------------------------------------------------------------


def _suppleant(territory: Territory, person: Person) -> str | None:
    """The localpart of the person's suppléant (rules.suppleant_of), who sits in their place."""
    suppleant = rules.suppleant_of(territory, person)
    return suppleant.localpart if suppleant else None


def members(territory: Territory, seance: Seance) -> tuple[Person, ...]:
    """The members in office of the séance's instance (the territory file, now)."""
    return territory.members(seance.instance)


def president_of(territory: Territory, instance_key: str) -> Person | None:
    """Who presides the instance (portal.seances.service's rule), as a person."""
    localpart = service.president_of(territory, territory.instance(instance_key))
    return territory.person(localpart) if localpart else None


def sitting_of(db: Session, seance: Seance) -> Sitting:
    """The séance's sitting row, made on first use."""
    sitting = db.get(Sitting, seance.id)
    if sitting is None:
        sitting = Sitting(seance_id=seance.id)
        db.add(sitting)
        db.flush()
    return sitting


def sheet(db: Session, territory: Territory, seance: Seance) -> list[Attendance]:
    """The sign-in sheet, one line per member in office in the territory's order; a member
    without a line yet gets one from their answer to the convocation (absent when none)."""
    rows = {
        row.localpart: row
        for row in db.scalars(select(Attendance).where(Attendance.seance_id == seance.id))
    }
    answers = {
        a.localpart: a for a in db.scalars(select(Answer).where(Answer.seance_id == seance.id))
    }
    lines = []
    for person in members(territory, seance):
        row = rows.get(person.localpart)
        if row is None:
            answer = answers.get(person.localpart)
            row = Attendance(
                seance_id=seance.id,
                localpart=person.localpart,
                name=person.name,
                status=answer.choice if answer else ABSENT,
                proxy_to=answer.proxy_to if answer else None,
                substitute=_suppleant(territory, person)
                if answer and answer.choice == SUBSTITUTE
                else None,
            )
            db.add(row)
        lines.append(row)
    db.flush()
    return lines


@dataclass(frozen=True)
class Presence:
    """Who sits at one item: present (in the room, at a distance or their suppléant), who is
    represented by whom, and the quorum."""

    present: tuple[str, ...]
    remote: tuple[str, ...]
    represented: Mapping[str, str]  # giver -> holder
    quorum: rules.Quorum

    @property
    def voters(self) -> tuple[str, ...]:
        return self.present + tuple(self.represented)


def _is_present(row: Attendance, position: int) -> bool:
    if row.status not in SITTING_STATUSES:
        return False
    arrived = row.arrival_item is None or row.arrival_item <= position
    still_there = row.departure_item is None or position < row.departure_item
    return arrived and still_there


def presence_at(rows: list[Attendance], position: int, in_office: set[str]) -> Presence:
    """Presence at the item at `position` (1, 2, …; 0: the opening)."""
    rows = [row for row in rows if row.localpart in in_office]
    present = [row.localpart for row in rows if _is_present(row, max(position, 1))]
    if position == 0:  # the opening: those there from the start
        present = [
            row.localpart
            for row in rows
            if row.status in SITTING_STATUSES and row.arrival_item in (None, 1)
        ]
    here = set(present)
    represented = {
        row.localpart: row.proxy_to
        for row in rows
        if row.localpart not in here and row.proxy_to and row.proxy_to in here
    }
    remote = tuple(row.localpart for row in rows if row.localpart in here and row.status == REMOTE)
    answers = [(who, "present") for who in present] + [(who, "proxy") for who in represented]
    return Presence(
        present=tuple(present),
        remote=remote,
        represented=represented,
        quorum=rules.quorum(in_office, answers),
    )


# --- the sheet -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetLine:
    """What the back-office sends for one member."""

    status: str
    proxy_to: str | None = None
    arrival_item: int | None = None
    departure_item: int | None = None
    signed: bool = False


def _refuse_unless_held_today(seance: Seance) -> None:
    if seance.status == CANCELLED:
        raise SeanceError("Cette séance est annulée : il n’y a pas de feuille d’émargement.")
    if seance.status == DRAFT:
        raise SeanceError(
            "La convocation de cette séance n’est pas encore envoyée : la feuille d’émargement "
            "se remplit le jour de la séance."
        )


def record_sheet(
    db: Session,
    territory: Territory,
    seance: Seance,
    lines: Mapping[str, SheetLine],
    actor: str,
) -> list[Attendance]:
    """Record the whole sign-in sheet, or nothing (one French message for the first error)."""
    _refuse_unless_held_today(seance)
    sitting = sitting_of(db, seance)
    if sitting.closed:
        raise SeanceError("La séance est close : la feuille d’émargement ne peut plus changer.")
    people = {p.localpart: p for p in members(territory, seance)}
    items = len(seance.items)
    unknown = sorted(set(lines) - set(people))
    if unknown:
        raise SeanceError(f"{unknown[0]} n’est pas membre de cette instance.")
    holders: dict[str, list[str]] = {}
    for localpart, line in lines.items():
        if line.proxy_to:
            holders.setdefault(line.proxy_to, []).append(localpart)
    for localpart, line in lines.items():
        person = people[localpart]
        if line.status not in CHOICES:
            raise SeanceError(f"{person.name} : situation inconnue ({line.status}).")
        if line.status == REMOTE and not seance.remote_allowed:
            raise SeanceError(
                f"{person.name} : la participation à distance n’est pas ouverte pour cette séance."
            )
        if line.status == SUBSTITUTE:
            try:
                rules.check_substitute(territory, person, seance.instance)
            except SeanceError as exc:
                raise SeanceError(f"{person.name} : {exc}") from None
        if line.status == PROXY and not line.proxy_to:
            raise SeanceError(f"{person.name} : indiquez à qui le pouvoir est donné.")
        if line.proxy_to:
            if not seance.proxies_allowed:
                raise SeanceError("Les pouvoirs ne sont pas admis pour cette séance.")
            others = [g for g in holders[line.proxy_to] if g != localpart]
            try:
                rules.check_proxy(
                    localpart,
                    line.proxy_to,
                    members=people,
                    holders_proxies=others,
                    consecutive_before=0,  # checked when the proxy was given (the answer)
                    names={k: p.name for k, p in people.items()},
                )
            except SeanceError as exc:
                raise SeanceError(f"{person.name} : {exc}") from None
        for label, value in (("arrivée", line.arrival_item), ("départ", line.departure_item)):
            if value is not None and not 1 <= value <= items:
                raise SeanceError(
                    f"{person.name} : le point d’{label} doit être entre 1 et {items}."
                )
        if line.status not in SITTING_STATUSES and (line.arrival_item or line.departure_item):
            raise SeanceError(
                f"{person.name} : une arrivée ou un départ ne se note que pour un membre présent."
            )
        if line.arrival_item and line.departure_item and line.departure_item <= line.arrival_item:
            raise SeanceError(f"{person.name} : le départ doit suivre l’arrivée.")
    done = {outcome.item_id for outcome in _outcomes(db, seance) if outcome.outcome}
    rows = {row.localpart: row for row in sheet(db, territory, seance)}
    if done and any(_changes(rows[k], line) for k, line in lines.items()):
        # The figures of a recorded vote stand on the sheet as it was: change the vote first.
        first = next(item for item in seance.items if item.id in done)
        raise SeanceError(
            f"Le vote du point n° {first.position} est déjà enregistré : la présence ne peut "
            "plus changer pour les points déjà délibérés. Annulez d’abord ce vote."
        )
    now = utcnow()
    for localpart, line in lines.items():
        row = rows[localpart]
        row.status = line.status
        row.proxy_to = line.proxy_to or None
        row.substitute = (
            _suppleant(territory, people[localpart]) if line.status == SUBSTITUTE else None
        )
        row.arrival_item, row.departure_item = line.arrival_item, line.departure_item
        row.signed = line.signed
        row.updated_at, row.updated_by = now, actor
    db.flush()
    return list(rows.values())


def _changes(row: Attendance, line: SheetLine) -> bool:
    """Whether `line` changes who sits (the signature alone changes nothing)."""
    old = (row.status, row.proxy_to or None, row.arrival_item, row.departure_item)
    return old != (line.status, line.proxy_to or None, line.arrival_item, line.departure_item)


# --- opening and closing -----------------------------------------------------------------------
def open_sitting(
    db: Session,
    territory: Territory,
    seance: Seance,
    secretary: str,
    actor: str,
    now: dt.datetime | None = None,
) -> Sitting:
    """Open the séance: the secrétaire de séance named, the quorum counted. Without quorum (and
    unless it is the séance convened again), the séance cannot deliberate: it is closed at once
    and may be convened again (`reconvene`)."""
    _refuse_unless_held_today(seance)
    if seance.status == HELD:
        raise SeanceError("Cette séance est déjà tenue.")
    sitting = sitting_of(db, seance)
    if sitting.opened:
        raise SeanceError("La séance est déjà ouverte.")
    if not seance.items:
        raise SeanceError("L’ordre du jour de cette séance n’a aucun point.")
    rows = sheet(db, territory, seance)
    in_office = {p.localpart for p in members(territory, seance)}
    opening = presence_at(rows, 0, in_office)
    if secretary not in in_office:
        raise SeanceError(
            "Le secrétaire de séance est choisi parmi les membres de l’instance (CGCT L2121-15)."
        )
    if secretary not in opening.present:
        raise SeanceError(
            "Le secrétaire de séance doit être présent à l’ouverture : cochez sa présence sur "
            "la feuille d’émargement."
        )
    now = now or utcnow()
    sitting.opened_at = now
    sitting.secretary = secretary
    sitting.in_office = opening.quorum.in_office
    sitting.present_at_opening = opening.quorum.present
    sitting.represented_at_opening = len(opening.represented)
    sitting.quorum_required = opening.quorum.required
    sitting.quorum_met = opening.quorum.reached
    sitting.updated_at, sitting.updated_by = now, actor
    if not opening.quorum.reached and sitting.reconvened_from is None:
        sitting.closed_at = now
        seance.status = HELD
    db.flush()
    return sitting


def lacks_quorum(sitting: Sitting | None) -> bool:
    """Opened and closed at once for want of quorum (it may be convened again)."""
    return bool(sitting and sitting.opened and sitting.quorum_met is False and sitting.closed)


def reconvene(
    db: Session,
    territory: Territory,
    seance: Seance,
    starts_at: dt.datetime,
    place: str,
    actor: str,
    tz,
) -> Seance:
    """A new séance (at `starts_at`, local time) of the same instance and agenda, at least
    three days after the one without quorum; it will deliberate without quorum on these items
    (CGCT L2121-17). It is made in preparation (portal.seances.service): its convocation is
    sent as any other's."""
    sitting = db.get(Sitting, seance.id)
    if not lacks_quorum(sitting) or sitting.reconvened_from is not None:
        raise SeanceError(
            "Seule une séance levée faute de quorum peut être convoquée à nouveau sans quorum."
        )
    if db.scalar(select(Sitting).where(Sitting.reconvened_from == seance.id)) is not None:
        raise SeanceError("Cette séance a déjà été convoquée à nouveau.")
    first_day = rules.local_date(seance.starts_at, tz)
    if (starts_at.date() - first_day).days < RECONVENE_MIN_DAYS:
        earliest = first_day + dt.timedelta(days=RECONVENE_MIN_DAYS)
        raise SeanceError(
            "Faute de quorum, le conseil est convoqué à nouveau à trois jours au moins "
            f"d’intervalle (CGCT L2121-17) : pas avant le {earliest:%d/%m/%Y}."
        )
    again = service.create_seance(
        db,
        territory,
        instance_key=seance.instance,
        starts_at=starts_at,
        place=place,
        tz=tz,
        remote_allowed=seance.remote_allowed,
        proxies_allowed=seance.proxies_allowed,
        duration_minutes=seance.duration_minutes,
        actor=actor,
    )
    for item in seance.items:
        copy = service.add_item(
            db,
            territory,
            again,
            title=item.title,
            rapporteur=item.rapporteur,
            note=item.note,
            remote_excluded=item.remote_excluded,
        )
        db.add(ItemOutcome(item_id=copy.id, seance_id=again.id, carried_over_from=item.id))
    db.add(Sitting(seance_id=again.id, reconvened_from=seance.id, updated_by=actor))
    db.flush()
    return again


def close_sitting(
    db: Session, seance: Seance, actor: str, summary: str = "", now: dt.datetime | None = None
) -> Sitting:
    """Close the séance once every item has its outcome (voted, noted, postponed, withdrawn)."""
    sitting = db.get(Sitting, seance.id)
    if sitting is None or not sitting.opened:
        raise SeanceError("La séance n’est pas ouverte.")
    if sitting.closed:
        raise SeanceError("La séance est déjà close.")
    outcomes = {outcome.item_id: outcome for outcome in _outcomes(db, seance)}
    for item in seance.items:
        outcome = outcomes.get(item.id)
        if outcome is None or not outcome.outcome:
            raise SeanceError(
                f"Le point n° {item.position} (« {item.title} ») n’a pas de suite : enregistrez "
                "son vote, ou indiquez qu’il est reporté ou retiré."
            )
    now = now or utcnow()
    sitting.closed_at = now
    if summary:
        sitting.minutes_summary = summary
    sitting.updated_at, sitting.updated_by = now, actor
    seance.status = HELD
    db.flush()
    return sitting


# --- the votes -------------------------------------------------------------------------------
def _outcomes(db: Session, seance: Seance) -> list[ItemOutcome]:
    return list(db.scalars(select(ItemOutcome).where(ItemOutcome.seance_id == seance.id)))


def outcome_of(db: Session, item: AgendaItem) -> ItemOutcome:
    outcome = db.get(ItemOutcome, item.id)
    if outcome is None:
        outcome = ItemOutcome(item_id=item.id, seance_id=item.seance_id)
        db.add(outcome)
        db.flush()
    return outcome


@dataclass(frozen=True)
class VoteInput:
    """What the back-office sends for one item."""

    outcome: str  # "vote" (ADOPTED/REJECTED follows from the figures), NOTED, POSTPONED, WITHDRAWN
    ballot: str = PUBLIC
    named: Mapping[str, str] | None = None  # public: voter -> vote
    votes_for: int = 0  # secret: the figures
    votes_against: int = 0
    abstentions: int = 0
    blank: int = 0
    decision: str = ""
    debate: str = ""


VOTE = "vote"


def _published_list(db: Session, seance: Seance) -> PublishedAct | None:
    return db.scalars(
        select(PublishedAct).where(
            PublishedAct.seance_id == seance.id, PublishedAct.kind == DELIBERATIONS
        )
    ).first()


def _next_number(db: Session, seance: Seance, year: int) -> str:
    prefix = f"{year}-"
    numbers = db.scalars(
        select(ItemOutcome.number)
        .join(Seance, Seance.id == ItemOutcome.seance_id)
        .where(Seance.instance == seance.instance, ItemOutcome.number.like(f"{prefix}%"))
    ).all()
    last = max((int(n.split("-", 1)[1]) for n in numbers if n), default=0)
    return f"{prefix}{last + 1:03d}"


def record_vote(
    db: Session,
    territory: Territory,
    seance: Seance,
    item: AgendaItem,
    vote: VoteInput,
    actor: str,
    tz,
) -> ItemOutcome:
    """Record what became of `item`: its quorum checked, its ballot counted, its result."""
    if item.seance_id != seance.id:
        raise SeanceError("Ce point n’est pas à l’ordre du jour de cette séance.")
    sitting = db.get(Sitting, seance.id)
    if sitting is None or not sitting.opened:
        raise SeanceError("Ouvrez d’abord la séance (secrétaire de séance et quorum).")
    if sitting.closed:
        raise SeanceError("La séance est close : ses votes ne peuvent plus changer.")
    if _published_list(db, seance) is not None:
        raise SeanceError("La liste des délibérations est publiée : ce vote ne peut plus changer.")
    if vote.outcome not in (VOTE, NOTED, POSTPONED, WITHDRAWN):
        raise SeanceError("Choisissez la suite donnée au point.")
    outcome = outcome_of(db, item)
    rows = sheet(db, territory, seance)
    in_office = {p.localpart for p in members(territory, seance)}
    presence = presence_at(rows, item.position, in_office)
    without_quorum = sitting.reconvened_from is not None and outcome.carried_over_from is not None
    names = {p.localpart: p.name for p in members(territory, seance)}
    for row in rows:  # a suppléant sits and votes in the titulaire's seat
        if row.status == SUBSTITUTE and row.substitute:
            substitute = territory.person(row.substitute).name
            names[row.localpart] = f"{substitute} (suppléant de {row.name})"
    tally = {FOR: 0, AGAINST: 0, ABSTENTION: 0, NOT_VOTING: 0}
    named: list[tuple[str, str]] = []
    ballot = NOT_VOTED
    if vote.outcome == VOTE:
        if not presence.quorum.reached and not without_quorum:
            raise SeanceError(
                f"Le quorum n’est pas atteint pour ce point : {presence.quorum.describe()}. "
                "Il ne peut pas être délibéré ; reportez-le."
            )
        if vote.ballot not in (PUBLIC, SECRET):
            raise SeanceError("Choisissez le mode de scrutin : public ou secret.")
        ballot = vote.ballot
        voters = presence.voters
        if ballot == SECRET:
            if presence.remote:
                raise SeanceError(
                    "Un scrutin secret est exclu quand des membres participent à distance "
                    f"(CGCT L5211-11-1) : {', '.join(names[r] for r in presence.remote)}."
                )
            figures = (vote.votes_for, vote.votes_against, vote.abstentions, vote.blank)
            if any(n < 0 for n in figures):
                raise SeanceError("Les nombres de voix ne peuvent pas être négatifs.")
            if sum(figures) > len(voters):
                raise SeanceError(
                    f"{sum(figures)} voix pour {len(voters)} votants (présents et représentés) "
                    "à ce point : le total ne peut pas dépasser le nombre de votants."
                )
            tally = dict(zip((FOR, AGAINST, ABSTENTION, NOT_VOTING), figures, strict=True))
        else:
            given = dict(vote.named or {})
            strangers = sorted(set(given) - set(voters))
            if strangers:
                who = names.get(strangers[0], strangers[0])
                raise SeanceError(
                    f"{who} n’est ni présent ni représenté à ce point : son vote ne peut pas "
                    "être compté."
                )
            missing = [v for v in voters if v not in given]
            if missing:
                raise SeanceError(f"Indiquez le vote de {names[missing[0]]}.")
            for voter in voters:
                choice = given[voter]
                if choice not in VOTES:
                    raise SeanceError(f"{names[voter]} : vote inconnu ({choice}).")
                tally[choice] += 1
                named.append((voter, choice))
        if tally[FOR] + tally[AGAINST] == 0:
            raise SeanceError(
                "Aucun suffrage exprimé (ni pour ni contre) : la délibération ne peut pas être "
                "adoptée ; reportez le point ou corrigez les voix."
            )
    decision = vote.decision.strip()
    if vote.outcome in (VOTE, NOTED) and not decision:
        raise SeanceError("Indiquez la décision (le dispositif de la délibération).")

    casting = False
    result = vote.outcome
    if vote.outcome == VOTE:
        if tally[FOR] > tally[AGAINST]:
            result = ADOPTED
        elif tally[FOR] < tally[AGAINST]:
            result = REJECTED
        else:  # a tie: the president's vote prevails, save in a secret ballot (L2121-20)
            president = president_of(territory, seance.instance)
            chose = dict(named).get(president.localpart) if president else None
            casting = ballot == PUBLIC and chose in (FOR, AGAINST)
            result = ADOPTED if casting and chose == FOR else REJECTED

    if result in DELIBERATED and not outcome.number:
        outcome.number = _next_number(db, seance, rules.local_date(seance.starts_at, tz).year)
    outcome.outcome = result
    outcome.ballot = ballot
    outcome.votes_for, outcome.votes_against = tally[FOR], tally[AGAINST]
    outcome.abstentions, outcome.not_voting = tally[ABSTENTION], tally[NOT_VOTING]
    outcome.casting_vote = casting
    outcome.present = len(presence.present)
    outcome.represented = len(presence.represented)
    outcome.quorum_required = presence.quorum.required
    outcome.without_quorum = without_quorum and vote.outcome == VOTE
    outcome.decision = decision
    outcome.debate = vote.debate.strip()
    outcome.recorded_at, outcome.recorded_by = utcnow(), actor
    outcome.votes.clear()
    db.flush()
    for voter, choice in named:
        cast_by = presence.represented.get(voter)
        outcome.votes.append(
            NamedVote(localpart=voter, name=names[voter], vote=choice, cast_by=cast_by)
        )
    db.flush()
    return outcome


def cancel_vote(db: Session, seance: Seance, item: AgendaItem) -> None:
    """Undo an item's recorded outcome (a mistake noticed during the séance)."""
    sitting = db.get(Sitting, seance.id)
    if sitting is None or sitting.closed:
        raise SeanceError("La séance est close : ses votes ne peuvent plus changer.")
    if _published_list(db, seance) is not None:
        raise SeanceError("La liste des délibérations est publiée : ce vote ne peut plus changer.")
    outcome = db.get(ItemOutcome, item.id)
    if outcome is None or not outcome.outcome:
        raise SeanceError("Ce point n’a pas de vote enregistré.")
    outcome.outcome = None
    outcome.votes.clear()
    db.flush()


def deliberations(db: Session, seance: Seance) -> list[tuple[AgendaItem, ItemOutcome | None]]:
    """The items in order, with their outcome."""
    outcomes = {outcome.item_id: outcome for outcome in _outcomes(db, seance)}
    return [(item, outcomes.get(item.id)) for item in seance.items]


def seances_of(db: Session, instance: str, statuses=(SENT, HELD, CANCELLED)) -> list[Seance]:
    return list(
        db.scalars(
            select(Seance)
            .where(Seance.instance == instance, Seance.status.in_(statuses))
            .order_by(Seance.starts_at.desc())
        )
    )


def count_held(db: Session, instance: str) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(Seance)
            .where(Seance.instance == instance, Seance.status == HELD)
        )
        or 0
    )


def situation(row: Attendance, names: Mapping[str, str]) -> str:
    """The sheet's French words for a line: "présent (arrivé au point n° 3)", "pouvoir à X"."""
    label = CHOICE_LABELS[row.status] if row.status in CHOICE_LABELS else row.status
    if row.status == SUBSTITUTE and row.substitute:
        label = f"remplacé par {names.get(row.substitute, row.substitute)} (suppléant)"
    if row.status == PROXY and row.proxy_to:
        label = f"pouvoir à {names.get(row.proxy_to, row.proxy_to)}"
    details = []
    if row.arrival_item:
        details.append(f"arrivé au point n° {row.arrival_item}")
    if row.departure_item:
        details.append(f"parti avant le point n° {row.departure_item}")
    if row.status != PROXY and row.proxy_to:
        details.append(f"pouvoir à {names.get(row.proxy_to, row.proxy_to)} en son absence")
    return label + (f" ({', '.join(details)})" if details else "")
