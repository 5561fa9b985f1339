"""Publishing a séance's acts on the portal: the agenda before the meeting, the list of
deliberations (and each deliberation) within a week after it, the procès-verbal once arrêté at
the next séance; each as the PDF/A put online, kept (never changed nor deleted), with its
legal deadline and whether it was met.

What the CGCT says, as applied here:
- L2121-25: within a week, the list of the deliberations examined is put online.
- L2121-15: the procès-verbal, drawn up by the secrétaire de séance, is arrêté at the start of
  the next séance, signed by the president and the secretary, and published online within the
  week following the séance at which it was arrêté.
- L2131-1 and R2131-1: acts published electronically, in full, in a non-modifiable format,
  with the author's name and quality and the date put online, for at least two months.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from collab.db import utcnow
from collab.french import date_fr
from collab.territory import Territory
from portal.seances import acts, rules
from portal.seances.models import CANCELLED, DRAFT, Seance
from portal.seances.record import SeanceRecord, record_of
from portal.seances.rules import SeanceError
from portal.seances.sitting import lacks_quorum
from portal.seances.sitting_models import (
    ACT_LABELS,
    AGENDA,
    DELIBERATION,
    DELIBERATIONS,
    MINUTES,
    PublishedAct,
    Sitting,
)

PUBLICATION_DAYS = 7  # L2121-25 and L2121-15: "dans un délai d'une semaine"
KEPT_AT_LEAST_MONTHS = 2  # R2131-1


def deliberations_deadline(meeting_day: dt.date) -> dt.date:
    """The last day to put the list of deliberations online (L2121-25)."""
    return meeting_day + dt.timedelta(days=PUBLICATION_DAYS)


def minutes_deadline(adopted_on: dt.date) -> dt.date:
    """The last day to put the procès-verbal online, from the séance that arrêta it."""
    return adopted_on + dt.timedelta(days=PUBLICATION_DAYS)


def kept_until(published_on: dt.date) -> dt.date:
    """The first day an act could leave the site (it never does here): two months later."""
    month = published_on.month - 1 + KEPT_AT_LEAST_MONTHS
    year, month = published_on.year + month // 12, month % 12 + 1
    for day in (published_on.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def acts_of(db: Session, seance_id: int) -> list[PublishedAct]:
    """The séance's published acts, oldest first (the pdf column is loaded only when read)."""
    return list(
        db.scalars(
            select(PublishedAct)
            .where(PublishedAct.seance_id == seance_id)
            .order_by(PublishedAct.published_at, PublishedAct.id)
        )
    )


def current(acts_list: list[PublishedAct], kind: str) -> PublishedAct | None:
    """The latest act of `kind` (a corrected agenda replaces the first)."""
    found = [act for act in acts_list if act.kind == kind]
    return found[-1] if found else None


@dataclass(frozen=True)
class Status:
    """Where one of the séance's publications stands, for the pages."""

    kind: str
    act: PublishedAct | None
    deadline: dt.date | None
    due: bool  # the law asks for it now (or it is already there)

    @property
    def label(self) -> str:
        return ACT_LABELS[self.kind]

    @property
    def met(self) -> bool | None:
        if self.act is None or self.deadline is None:
            return None
        return self.act.deadline is None or self.published_on <= self.deadline

    @property
    def published_on(self) -> dt.date | None:
        return self.act.published_at.date() if self.act else None


def statuses(
    db: Session, seance: Seance, tz: ZoneInfo, acts_list: list[PublishedAct] | None = None
) -> list[Status]:
    """The agenda, the list of deliberations and the procès-verbal of a séance, each with its
    deadline (none for the agenda: before the meeting) and its act when published."""
    acts_list = acts_of(db, seance.id) if acts_list is None else acts_list
    sitting = db.get(Sitting, seance.id)
    day = rules.local_date(seance.starts_at, tz)
    held = bool(sitting and sitting.closed and not lacks_quorum(sitting))
    minutes_due = bool(sitting and sitting.minutes_adopted_on)
    return [
        Status(AGENDA, current(acts_list, AGENDA), None, seance.status not in (DRAFT, CANCELLED)),
        Status(DELIBERATIONS, current(acts_list, DELIBERATIONS), deliberations_deadline(day), held),
        Status(
            MINUTES,
            current(acts_list, MINUTES),
            minutes_deadline(sitting.minutes_adopted_on) if minutes_due else None,
            minutes_due,
        ),
    ]


# --- the procès-verbal's adoption -------------------------------------------------------------
def adopt_minutes(
    db: Session,
    seance: Seance,
    adopting: Seance,
    actor: str,
    tz: ZoneInfo,
    remarks: str = "",
) -> Sitting:
    """Record that the procès-verbal of `seance` was arrêté at the start of `adopting`."""
    sitting = db.get(Sitting, seance.id)
    if sitting is None or not sitting.closed or lacks_quorum(sitting):
        raise SeanceError("Seule une séance tenue et close a un procès-verbal à adopter.")
    if sitting.minutes_adopted_on is not None:
        raise SeanceError(
            f"Ce procès-verbal est déjà adopté (le {date_fr(sitting.minutes_adopted_on)})."
        )
    if adopting.instance != seance.instance or adopting.starts_at <= seance.starts_at:
        raise SeanceError(
            "Le procès-verbal est arrêté au commencement d’une séance suivante de la même "
            "instance (CGCT L2121-15)."
        )
    adopting_sitting = db.get(Sitting, adopting.id)
    if adopting_sitting is None or not adopting_sitting.opened or lacks_quorum(adopting_sitting):
        raise SeanceError(
            "La séance qui arrête le procès-verbal doit être ouverte, avec son quorum : "
            "ouvrez-la d’abord."
        )
    now = utcnow()
    sitting.minutes_adopted_at = adopting.id
    sitting.minutes_adopted_on = rules.local_date(adopting.starts_at, tz)
    sitting.minutes_remarks = remarks.strip()
    sitting.updated_at, sitting.updated_by = now, actor
    db.flush()
    return sitting


# --- publishing --------------------------------------------------------------------------------
def _store(
    db: Session,
    seance: Seance,
    kind: str,
    title: str,
    filename: str,
    pdf: bytes,
    published_at: dt.datetime,
    actor: str,
    author: str,
    deadline: dt.date | None,
    item_id: int | None = None,
    replaces: int | None = None,
) -> PublishedAct:
    act = PublishedAct(
        seance_id=seance.id,
        instance=seance.instance,
        kind=kind,
        item_id=item_id,
        title=title,
        filename=filename,
        published_at=published_at,
        published_by=actor,
        author=author,
        deadline=deadline,
        replaces=replaces,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pdf=pdf,
    )
    db.add(act)
    db.flush()
    return act


def publish(
    db: Session,
    territory: Territory,
    seance: Seance,
    kind: str,
    actor: str,
    tz: ZoneInfo,
    portal_url: str,
    now: dt.datetime | None = None,
) -> list[PublishedAct]:
    """Put one of the séance's acts online (the list of deliberations brings each
    deliberation with it); refused, with nothing written, when the law's moment has not come."""
    if kind not in (AGENDA, DELIBERATIONS, MINUTES):
        raise SeanceError("Ce document ne se publie pas.")
    now = now or utcnow()
    existing = acts_of(db, seance.id)
    sitting = db.get(Sitting, seance.id)
    day = rules.local_date(seance.starts_at, tz)
    deadline = None
    adopted_at: SeanceRecord | None = None
    replaces = None
    if kind == AGENDA:
        if seance.status in (DRAFT, CANCELLED):
            raise SeanceError(
                "L’ordre du jour se publie une fois la convocation envoyée (et pas pour une "
                "séance annulée)."
            )
        previous = current(existing, AGENDA)
        if previous is not None:
            if sitting is not None and sitting.opened:
                raise SeanceError("La séance a commencé : son ordre du jour publié ne change plus.")
            replaces = previous.id
    elif kind == DELIBERATIONS:
        if sitting is None or not sitting.closed or lacks_quorum(sitting):
            raise SeanceError(
                "La liste des délibérations se publie une fois la séance tenue et close."
            )
        deadline = deliberations_deadline(day)
    else:
        if sitting is None or sitting.minutes_adopted_on is None:
            raise SeanceError(
                "Le procès-verbal n’est pas encore adopté : il est arrêté au commencement de la "
                "séance suivante (CGCT L2121-15), puis publié."
            )
        deadline = minutes_deadline(sitting.minutes_adopted_on)
        adopted_at = record_of(db, territory, db.get(Seance, sitting.minutes_adopted_at), tz)
    if kind != AGENDA and current(existing, kind) is not None:
        first = current(existing, kind)
        raise SeanceError(
            f"{ACT_LABELS[kind]} est déjà publié (le {date_fr(first.published_at)}) : un acte "
            "publié ne change plus."
        )
    record = record_of(db, territory, seance, tz)
    author = record.president or territory.name
    local_now = now.replace(tzinfo=dt.UTC).astimezone(tz).replace(tzinfo=None)
    stem = f"{seance.instance}-{day.isoformat()}"
    published = []
    build = dict(published_at=local_now, author=author, portal_url=portal_url)
    pdf = acts.build_act(kind, record, adopted_at=adopted_at, **build)
    title = f"{ACT_LABELS[kind]} — séance du {date_fr(day)}"
    filenames = {AGENDA: "ordre-du-jour", DELIBERATIONS: "liste-des-deliberations",
                 MINUTES: "proces-verbal"}  # fmt: skip
    published.append(
        _store(
            db,
            seance,
            kind,
            title,
            f"{stem}-{filenames[kind]}.pdf",
            pdf,
            now,
            actor,
            author,
            deadline,
            replaces=replaces,
        )  # fmt: skip
    )
    if kind == DELIBERATIONS:
        items = {item.position: item for item in seance.items}
        for entry in record.items:
            if not entry.deliberated:
                continue
            pdf = acts.build_act(DELIBERATION, record, item=entry, **build)
            published.append(
                _store(
                    db,
                    seance,
                    DELIBERATION,
                    f"Délibération n° {entry.number} — {entry.title}",
                    f"deliberation-{entry.number}.pdf",
                    pdf,
                    now,
                    actor,
                    author,
                    deadline,
                    item_id=items[entry.position].id,
                )
            )
    return published


def latest_acts(db: Session, limit: int = 50) -> list[PublishedAct]:
    """The newest publications first (the Atom feed)."""
    return list(
        db.scalars(
            select(PublishedAct)
            .order_by(PublishedAct.published_at.desc(), PublishedAct.id.desc())
            .limit(limit)
        )
    )
