"""What a held séance's documents say, as plain data read once from the database: attendance
(present, at a distance, represented and by whom, replaced by a suppléant, absent), the quorum,
the secrétaire de séance, each item with its outcome and named votes. The public pages, the
procès-verbal and the list of deliberations (portal.seances.acts) are all written from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from collab.french import date_fr
from collab.territory import Territory
from portal.seances import sitting
from portal.seances.models import ABSENT, PROXY, REMOTE, SUBSTITUTE, Seance
from portal.seances.sitting_models import (
    AGAINST,
    BALLOT_LABELS,
    DELIBERATED,
    FOR,
    NOT_VOTING,
    OUTCOME_LABELS,
    PUBLIC,
    VOTE_LABELS,
    ItemOutcome,
    Sitting,
)


@dataclass(frozen=True)
class ItemRecord:
    position: int
    title: str
    rapporteur: str | None
    note: str
    outcome: str | None  # sitting_models' outcomes; None: not yet
    number: str | None = None
    ballot: str | None = None
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    not_voting: int = 0
    casting_vote: bool = False
    present: int = 0
    represented: int = 0
    without_quorum: bool = False
    decision: str = ""
    debate: str = ""
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)  # vote -> names

    @property
    def deliberated(self) -> bool:
        return self.outcome in DELIBERATED

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome or "", "en attente")

    @property
    def result(self) -> str:
        """ "Adoptée à l'unanimité", "Adoptée par 12 voix pour, 3 contre, 2 abstentions"."""
        if not self.deliberated:
            return self.outcome_label.capitalize()
        label = self.outcome_label.capitalize()
        if self.votes_against == 0 and self.abstentions == 0 and self.votes_for:
            return f"{label} à l’unanimité ({self.votes_for} voix, {BALLOT_LABELS[self.ballot]})"
        parts = [f"{self.votes_for} pour", f"{self.votes_against} contre"]
        if self.abstentions:
            parts.append(f"{self.abstentions} abstention{'s' if self.abstentions > 1 else ''}")
        if self.not_voting and self.ballot == PUBLIC:
            parts.append(f"{self.not_voting} ne prenant pas part au vote")
        elif self.not_voting:
            plural = "s" if self.not_voting > 1 else ""
            parts.append(f"{self.not_voting} bulletin{plural} blanc{plural} ou nul{plural}")
        text = f"{label} : {', '.join(parts)} ({BALLOT_LABELS[self.ballot]})"
        if self.casting_vote:
            text += " ; partage des voix, la voix du président est prépondérante"
        return text

    def named_lines(self) -> list[str]:
        """Public ballots: "Contre : A, B" (the voters of each side but "pour" when unanimous)."""
        if self.ballot != PUBLIC or not self.named:
            return []
        lines = []
        for vote in (FOR, AGAINST, "abstention", NOT_VOTING):
            names = self.named.get(vote)
            if names:
                lines.append(f"{VOTE_LABELS[vote].capitalize()} : {', '.join(names)}")
        return lines


@dataclass(frozen=True)
class SeanceRecord:
    id: int
    instance_key: str
    instance_name: str
    epci: str
    starts_at: dt.datetime  # local
    place: str
    status: str
    president: str | None  # "Nom, président"
    president_name: str | None
    secretary: str | None
    opened_at: dt.datetime | None  # local
    closed_at: dt.datetime | None
    in_office: int | None
    present_at_opening: int | None
    quorum_required: int | None
    quorum_met: bool | None
    reconvened_from: int | None
    present: tuple[str, ...]
    remote: tuple[str, ...]
    substitutes: tuple[tuple[str, str], ...]  # (suppléant, for whom)
    represented: tuple[tuple[str, str], ...]  # (giver, holder)
    absent: tuple[str, ...]
    arrivals: tuple[str, ...]  # "X, arrivé(e) au point n° 3"
    items: tuple[ItemRecord, ...]
    summary: str
    minutes_adopted_on: dt.date | None
    minutes_adopted_at: int | None
    minutes_remarks: str

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()

    @property
    def quorum_line(self) -> str:
        if self.in_office is None:
            return "Séance non encore ouverte."
        state = "atteint" if self.quorum_met else "non atteint"
        line = (
            f"{self.present_at_opening} membres présents à l’ouverture sur {self.in_office} en "
            f"exercice ; quorum ({self.quorum_required}) {state}."
        )
        if self.reconvened_from:
            line += (
                " Séance convoquée à nouveau après une séance sans quorum : le conseil délibère "
                "sans condition de quorum sur les points de cet ordre du jour (CGCT L2121-17)."
            )
        return line


def _local(moment: dt.datetime | None, tz: ZoneInfo) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC).astimezone(tz).replace(tzinfo=None)


def president_label(territory: Territory, instance_key: str) -> tuple[str | None, str | None]:
    person = sitting.president_of(territory, instance_key)
    if person is None:
        return None, None
    return person.name, f"{person.name}, président ({territory.instance(instance_key).name})"


def record_of(db: Session, territory: Territory, seance: Seance, tz: ZoneInfo) -> SeanceRecord:
    """Everything the documents of `seance` say."""
    instance = territory.instance(seance.instance)
    sit = db.get(Sitting, seance.id)
    rows = sitting.sheet(db, territory, seance) if seance.status != "draft" else []
    names = {p.localpart: p.name for p in territory.people}
    present, remote, substitutes, represented, absent, arrivals = [], [], [], [], [], []
    for row in rows:
        if row.status == SUBSTITUTE and row.substitute:
            substitutes.append((names.get(row.substitute, row.substitute), row.name))
        elif row.status == REMOTE:
            remote.append(row.name)
        elif row.status in sitting.SITTING_STATUSES:
            present.append(row.name)
        if row.arrival_item:
            arrivals.append(f"{row.name}, arrivé(e) au point n° {row.arrival_item}")
        if row.departure_item:
            arrivals.append(f"{row.name}, parti(e) avant le point n° {row.departure_item}")
        if row.proxy_to:
            represented.append((row.name, names.get(row.proxy_to, row.proxy_to)))
        elif row.status in (ABSENT, PROXY):
            absent.append(row.name)
    items = []
    for item, outcome in sitting.deliberations(db, seance):
        items.append(_item_record(item, outcome, names))
    president_name, president = president_label(territory, seance.instance)
    return SeanceRecord(
        id=seance.id,
        instance_key=seance.instance,
        instance_name=instance.name,
        epci=territory.name,
        starts_at=_local(seance.starts_at, tz),
        place=seance.place,
        status=seance.status,
        president=president,
        president_name=president_name,
        secretary=names.get(sit.secretary, sit.secretary) if sit and sit.secretary else None,
        opened_at=_local(sit.opened_at, tz) if sit else None,
        closed_at=_local(sit.closed_at, tz) if sit else None,
        in_office=sit.in_office if sit else None,
        present_at_opening=sit.present_at_opening if sit else None,
        quorum_required=sit.quorum_required if sit else None,
        quorum_met=sit.quorum_met if sit else None,
        reconvened_from=sit.reconvened_from if sit else None,
        present=tuple(present),
        remote=tuple(remote),
        substitutes=tuple(substitutes),
        represented=tuple(represented),
        absent=tuple(absent),
        arrivals=tuple(arrivals),
        items=tuple(items),
        summary=sit.minutes_summary if sit else "",
        minutes_adopted_on=sit.minutes_adopted_on if sit else None,
        minutes_adopted_at=sit.minutes_adopted_at if sit else None,
        minutes_remarks=sit.minutes_remarks if sit else "",
    )


def _item_record(item, outcome: ItemOutcome | None, names: dict[str, str]) -> ItemRecord:
    rapporteur = names.get(item.rapporteur, item.rapporteur) if item.rapporteur else None
    if outcome is None or not outcome.outcome:
        return ItemRecord(item.position, item.title, rapporteur, item.note, None)
    named: dict[str, list[str]] = {}
    for vote in outcome.votes:
        label = vote.name + (
            f" (pouvoir à {names.get(vote.cast_by, vote.cast_by)})" if vote.cast_by else ""
        )
        named.setdefault(vote.vote, []).append(label)
    return ItemRecord(
        position=item.position,
        title=item.title,
        rapporteur=rapporteur,
        note=item.note,
        outcome=outcome.outcome,
        number=outcome.number,
        ballot=outcome.ballot,
        votes_for=outcome.votes_for,
        votes_against=outcome.votes_against,
        abstentions=outcome.abstentions,
        not_voting=outcome.not_voting,
        casting_vote=outcome.casting_vote,
        present=outcome.present,
        represented=outcome.represented,
        without_quorum=outcome.without_quorum,
        decision=outcome.decision,
        debate=outcome.debate,
        named={vote: tuple(people) for vote, people in named.items()},
    )


def deadline_label(deadline: dt.date, published: dt.date | None, today: dt.date) -> str:
    """ "dans le délai légal (au plus tard le 3 mars 2026)", "hors du délai légal (…)", "à
    publier au plus tard le …", or that the delay expired."""
    if published is not None:
        state = "dans le délai légal" if published <= deadline else "hors du délai légal"
        return f"{state} (au plus tard le {date_fr(deadline)})"
    if today > deadline:
        return f"non publiée : le délai légal a expiré le {date_fr(deadline)}"
    return f"à publier au plus tard le {date_fr(deadline)}"
