"""A family's rights on its data (JSON export, account deletion) and the retention job that
anonymises children's data once it is no longer needed.

Retention: a child none of whose sessions is more recent than `retention_days` (and who was
added before that) is anonymised: names replaced, birth date reduced to its year, flags
cleared. The requests stay (places and statistics), with nobody behind them. The copies of
what was said about them go at the same age: notifications whose delivery is over (the rooms
keep their messages) and mails already sent. An account's deletion removes the mails already
sent to it at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.db import job_transaction, utcnow
from portal.childcare import booking
from portal.childcare.documents import KINDS, documents_of
from portal.childcare.models import (
    ACTIVE,
    ActivitySession,
    Child,
    Family,
    Registration,
    RegistrationLine,
)
from portal.mail import delete_sent_mail

log = logging.getLogger("girou.childcare.privacy")
ANONYMOUS = "(anonymisé)"


def retention_days(settings: Settings) -> int:
    return settings.get("childcare", "retention_days")


def export_family(db: Session, family: Family) -> dict[str, Any]:
    """Everything the service holds about the family (except its password hash)."""
    registrations = db.scalars(
        select(Registration).where(Registration.family_id == family.id).order_by(Registration.id)
    )
    return {
        "compte": {
            "email": family.email,
            "email_confirme": family.email_verified,
            "nom": family.name,
            "commune_insee": family.commune_insee,
            "resident": family.resident,
            "quotient_familial": family.quotient,
            "parent_isole": family.single_parent,
            "parent1_travaille": family.parent1_works,
            "parent2_travaille": family.parent2_works,
            "cree_le": family.created_at.isoformat(),
        },
        "enfants": [
            {
                "id": child.id,
                "prenom": child.first_name,
                "nom": child.last_name,
                "date_de_naissance": child.birth_date.isoformat(),
                "niveau_scolaire": child.school_level,
                "pai_allergie": child.pai_flag,
            }
            for child in family.children
        ],
        "demandes": [
            {
                "id": r.id,
                "code": r.public_code,
                "enfant_id": r.child_id,
                "periode": r.period.name,
                "etat": r.status,
                "motif": r.reason,
                "creee_le": r.created_at.isoformat(),
                "seances": [
                    {
                        "date": line.session.date.isoformat(),
                        "creneau": line.session.slot,
                        "activite": line.session.activity.title,
                        "centre": line.session.activity.centre.name,
                        "etat": line.status,
                        "rang_attente": line.waitlist_rank,
                    }
                    for line in r.lines
                ],
            }
            for r in registrations
        ],
        "documents": [
            {"type": KINDS.get(d.kind, d.kind), "envoye_le": d.uploaded_at.isoformat()}
            for d in documents_of(db, family.id)
        ],
    }


def delete_family(db: Session, family_id: int, tz: ZoneInfo) -> list[str]:
    """Cancel the family's current requests (their places go to the waiting lists), then
    delete the account, children, requests and document records. Returns the documents'
    paths in the share, to remove once this transaction is committed."""
    family = db.get(Family, family_id)
    if family is None:
        return []
    active = db.scalars(
        select(Registration.id).where(
            Registration.family_id == family_id, Registration.status.in_(ACTIVE)
        )
    ).all()
    for registration_id in active:
        booking.cancel(db, registration_id, family, by="suppression du compte", tz=tz)
    paths = [d.path for d in documents_of(db, family_id)]
    for registration in db.scalars(select(Registration).where(Registration.family_id == family_id)):
        db.delete(registration)
    db.flush()
    for document in documents_of(db, family_id):
        db.delete(document)
    # Mails not sent yet (the cancellations above) still go.
    delete_sent_mail(db, recipient=family.email)
    db.delete(family)  # children and API tokens go with it
    db.flush()
    return paths


def anonymise_children(db: Session, days: int, now: dt.datetime | None = None) -> int:
    """The retention job's work: anonymise children whose last session is older than `days`
    (and added before that). Returns how many were anonymised."""
    now = now or utcnow()
    limit = now - dt.timedelta(days=days)
    last_session = (
        select(func.max(ActivitySession.date))
        .join(RegistrationLine, RegistrationLine.session_id == ActivitySession.id)
        .where(RegistrationLine.child_id == Child.id)
        .scalar_subquery()
    )
    children = db.scalars(
        select(Child).where(
            Child.created_at < limit,
            Child.last_name != ANONYMOUS,
            func.coalesce(last_session, dt.date(1900, 1, 1)) < limit.date(),
        )
    ).all()
    for child in children:
        child.first_name = "Enfant"
        child.last_name = ANONYMOUS
        child.birth_date = child.birth_date.replace(month=1, day=1)
        child.school_level = None
        child.pai_flag = False
    return len(children)


def apply_retention(db: Session, days: int, now: dt.datetime | None = None) -> dict[str, int]:
    """The retention job's work: children anonymised (`anonymise_children`), then finished
    notifications and sent mails older than `days` deleted; how many of each."""
    now = now or utcnow()
    limit = now - dt.timedelta(days=days)
    return {
        "children anonymised": anonymise_children(db, days, now),
        "notifications deleted": outbox.delete_finished(db, limit),
        "mails deleted": delete_sent_mail(db, sent_before=limit),
    }


def run_retention(settings: Settings) -> dict[str, int]:
    """The scheduled job (bots): one transaction of its own."""

    days = retention_days(settings)
    with job_transaction(settings) as db:
        done = apply_retention(db, days)
    log.info("retention after %d days: %s", days, done)
    return done
