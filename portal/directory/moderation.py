"""Proposals to the directory: announced to the moderators, then published or refused.

Each function works in the caller's transaction: the decision, the published entry, the
mail to the submitter and the notice in the moderation room are committed together or not
at all. Used by the portal (forms, back-office) and by the bots (commands, reactions).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.db import utcnow
from collab.french import fold
from collab.territory import Territory
from portal.directory.models import (
    APPROVED,
    KINDS,
    PENDING,
    REFUSED,
    DirectoryEntry,
    DirectorySubmission,
)
from portal.mail import queue_mail

ROOM = "moderation"
SUBMISSION_KIND = "directory.submission"
DECISION_KIND = "directory.decision"
ENTRY_FIELDS = (
    "name",
    "kind",
    "category",
    "commune",
    "address",
    "email",
    "phone",
    "website",
    "description",
    "lon",
    "lat",
)


class ModerationError(Exception):
    """A decision that cannot be taken; the message (French) says why."""


def commune_name(territory: Territory, insee: str) -> str:
    try:
        return territory.commune(insee).name
    except KeyError:
        return insee


def portal_url(settings: Settings, path: str) -> str:
    return settings.public_url("portal") + path


def search_text(entry: DirectoryEntry, territory: Territory) -> tuple[str, str]:
    """The folded texts the full-text index reads (title; everything else)."""
    parts = [
        KINDS.get(entry.kind, entry.kind),
        entry.category,
        commune_name(territory, entry.commune),
        entry.address,
        entry.description,
    ]
    return fold(entry.name), fold(" ".join(part or "" for part in parts))


# --- a resident proposes -----------------------------------------------------------------------
def submit(
    db: Session,
    fields: dict[str, Any],
    *,
    submitter_name: str,
    submitter_email: str,
    note: str = "",
    entry_id: int | None = None,
    settings: Settings,
    territory: Territory,
) -> DirectorySubmission:
    """Record a proposal (pending) and announce it in the moderation room."""
    submission = DirectorySubmission(
        **fields,
        entry_id=entry_id,
        status=PENDING,
        submitter_name=submitter_name,
        submitter_email=submitter_email,
        note=note,
        created_at=utcnow(),
    )
    db.add(submission)
    db.flush()
    current = db.get(DirectoryEntry, entry_id) if entry_id is not None else None
    outbox.enqueue(
        db,
        kind=SUBMISSION_KIND,
        room_key=ROOM,
        payload={
            "id": submission.id,
            "name": submission.name,
            "kind": KINDS.get(submission.kind, submission.kind),
            "category": submission.category,
            "commune": commune_name(territory, submission.commune),
            "description": submission.description[:300],
            "change_of": current.name if current is not None else None,
            "entry_id": entry_id,
            "submitter": submitter_name,
            "submitter_email": submitter_email,
            "note": note[:500],
            "url": portal_url(settings, f"/gestion/annuaire/{submission.id}"),
        },
        source_id=f"directory-submission:{submission.id}",
    )
    return submission


# --- a moderator decides -----------------------------------------------------------------------
def _claim(db: Session, number: int, status: str, decided_by: str, reason: str | None) -> None:
    """Move the proposal out of `pending`, first thing and atomically: of two moderators
    deciding at once, one wins and the other is told it was already done."""
    claimed = db.execute(
        update(DirectorySubmission)
        .where(DirectorySubmission.id == number, DirectorySubmission.status == PENDING)
        .values(status=status, decided_by=decided_by, decided_at=utcnow(), reason=reason)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed == 1:
        return
    existing = db.get(DirectorySubmission, number, populate_existing=True)
    if existing is None:
        raise ModerationError(f"Aucune proposition n° {number} dans l’annuaire.")
    done = "validée" if existing.status == APPROVED else "refusée"
    by = f" par {existing.decided_by}" if existing.decided_by else ""
    raise ModerationError(f"La proposition n° {number} a déjà été {done}{by}.")


def approve(
    db: Session,
    number: int,
    *,
    decided_by: str,
    settings: Settings,
    territory: Territory,
    announce: bool = False,
) -> DirectoryEntry:
    """Publish a pending proposal (a new entry, or the change of an entry); mail the submitter."""
    _claim(db, number, APPROVED, decided_by, None)
    submission = db.scalars(
        select(DirectorySubmission)
        .where(DirectorySubmission.id == number)
        .execution_options(populate_existing=True)
    ).one()
    entry = db.get(DirectoryEntry, submission.entry_id) if submission.entry_id else None
    now = utcnow()
    if entry is None:
        entry = DirectoryEntry(created_at=now)
        db.add(entry)
    for name in ENTRY_FIELDS:
        setattr(entry, name, getattr(submission, name))
    if submission.logo is not None:  # a change without a new logo keeps the current one
        entry.logo, entry.logo_type = submission.logo, submission.logo_type
    entry.updated_at = now
    entry.search_title, entry.search_body = search_text(entry, territory)
    db.flush()
    submission.published_entry_id = entry.id
    url = portal_url(settings, f"/annuaire/{entry.id}")
    queue_mail(
        db,
        submission.submitter_email,
        f"Annuaire : « {entry.name} » est publiée",
        f"Bonjour {submission.submitter_name},\n\n"
        f"Votre proposition n° {number} pour l’annuaire des associations et entreprises "
        f"({territory.name}) a été validée.\n"
        f"La fiche « {entry.name} » est en ligne : {url}\n\n"
        "Pour la corriger plus tard : lien « Proposer une modification » de la fiche.\n\n"
        f"Cordialement,\n{territory.name}\n",
    )
    if announce:
        _announce(db, submission, "validée", decided_by, url)
    return entry


def refuse(
    db: Session,
    number: int,
    *,
    decided_by: str,
    reason: str,
    settings: Settings,
    territory: Territory,
    announce: bool = False,
) -> DirectorySubmission:
    """Refuse a pending proposal, with the reason told to the submitter (if given)."""
    reason = " ".join(reason.split())[:1000]
    _claim(db, number, REFUSED, decided_by, reason or None)
    submission = db.scalars(
        select(DirectorySubmission)
        .where(DirectorySubmission.id == number)
        .execution_options(populate_existing=True)
    ).one()
    why = f"Motif : {reason}" if reason else "Aucun motif n’a été précisé."
    queue_mail(
        db,
        submission.submitter_email,
        f"Annuaire : votre proposition « {submission.name} » n’a pas été retenue",
        f"Bonjour {submission.submitter_name},\n\n"
        f"Votre proposition n° {number} pour l’annuaire des associations et entreprises "
        f"({territory.name}) n’a pas été retenue.\n{why}\n\n"
        "Vous pouvez en proposer une nouvelle version sur le portail : "
        f"{portal_url(settings, '/annuaire/proposer')}\n\n"
        f"Cordialement,\n{territory.name}\n",
    )
    if announce:
        _announce(db, submission, "refusée", decided_by, None, reason)
    return submission


def _announce(
    db: Session,
    submission: DirectorySubmission,
    decision: str,
    decided_by: str,
    url: str | None,
    reason: str = "",
) -> None:
    """Tell the moderation room about a decision taken on the web (in the bot, the reply does)."""
    outbox.enqueue(
        db,
        kind=DECISION_KIND,
        room_key=ROOM,
        payload={
            "id": submission.id,
            "name": submission.name,
            "decision": decision,
            "decided_by": decided_by,
            "url": url,
            "reason": reason,
        },
        source_id=f"directory-decision:{submission.id}",
    )


def create_entry(
    db: Session, fields: dict[str, Any], territory: Territory, *, logo: bytes | None = None
) -> DirectoryEntry:
    """A published entry written directly (demo data, imports by staff)."""
    entry = DirectoryEntry(**fields, created_at=utcnow(), updated_at=utcnow())
    if logo is not None:
        entry.logo, entry.logo_type = logo, "image/png"
    entry.search_title, entry.search_body = search_text(entry, territory)
    db.add(entry)
    return entry
