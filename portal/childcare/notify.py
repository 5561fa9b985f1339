"""Alerts to the secretariat room (outbox) and mails to families, in the caller's transaction.

Alert kinds (templates in portal/childcare/messages.py): `childcare.request` (a new request),
`childcare.promoted` (off the waiting list, to validate), `childcare.cancelled` (by the family),
`childcare.decision` (validated/refused from the back-office), `childcare.allocation` (window
mode result), `childcare.reason_prompt` (the bot asks why after ❌), `childcare.digest` (08:00).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from collab import outbox
from portal.childcare.completeness import file_completeness
from portal.childcare.models import (
    HELD,
    PERIOD_KINDS,
    REQUESTED,
    SLOTS,
    WAITING,
    WINDOW,
    AllocationRun,
    Registration,
)
from portal.childcare.programme import age_on, describe_session, french_moment
from portal.childcare.receipt import Receipt, receipt_of
from portal.mail import queue_mail

ROOM = "secretariat"


def request_payload(receipt: Receipt, missing: list[str], tz: ZoneInfo) -> dict:
    """What the secretariat needs to see about a request (no child name, no health data);
    `missing`: the family's file completeness (portal.childcare.completeness)."""
    lines = receipt.by_date
    first_day = lines[0].date if lines else receipt.period_starts_on
    sessions = [
        {
            "id": line.session_id,
            "date": line.date.isoformat(),
            "when": describe_session(line),
            "slot": SLOTS[line.slot],
            "activity": line.activity,
            "centre": line.centre,
            "centre_key": line.centre_key,
            "state": line.status,
            "rank": line.waitlist_rank,
        }
        for line in lines
    ]
    return {
        "id": receipt.id,
        "code": receipt.public_code,
        "family": receipt.family_name,
        "resident": receipt.resident,
        "child_age": age_on(receipt.child_birth_date, first_day),
        "status": receipt.status,
        "mode": receipt.allocation_mode,
        "period": receipt.period_name,
        "period_kind": PERIOD_KINDS.get(receipt.period_kind, receipt.period_kind),
        "allocation_at": french_moment(receipt.closes_at, tz)
        if receipt.allocation_mode == WINDOW
        else None,
        "centres": sorted({s["centre"] for s in sessions}),
        "sessions": sessions,
        "missing": missing,
    }


def _payload(db: Session, registration: Registration, receipt: Receipt, tz: ZoneInfo) -> dict:
    return request_payload(receipt, file_completeness(db, registration.family), tz)


def _enqueue(db: Session, kind: str, payload: dict, source_id: str) -> None:
    outbox.enqueue(db, kind=kind, room_key=ROOM, payload=payload, source_id=source_id)


def sessions_text(receipt: Receipt) -> str:
    lines = []
    for line in receipt.by_date:
        state = {
            HELD: "place réservée",
            WAITING: f"liste d’attente, rang {line.waitlist_rank}",
            REQUESTED: "demande enregistrée (attribution à la clôture)",
        }.get(line.status, "libérée")
        lines.append(f"- {describe_session(line)} : {line.activity} ({line.centre}) — {state}")
    return "\n".join(lines)


def _sign(receipt: Receipt) -> str:
    return (
        f"\nNuméro de la demande : {receipt.id} — code public : {receipt.public_code}\n"
        "\nLe secrétariat des centres de loisirs\n"
    )


def _mail(db: Session, receipt: Receipt, subject: str, text: str) -> None:
    """A mail to the family about its request: `subject` is followed by the child and the
    period, `text` by the request's number."""
    queue_mail(
        db,
        receipt.family_email,
        f"{subject} — {receipt.child_first_name}, {receipt.period_name}",
        f"Bonjour,\n\n{text}\n{_sign(receipt)}",
    )


# --- a new request ---------------------------------------------------------------------------
def announce_request(db: Session, receipt: Receipt, missing: list[str], tz: ZoneInfo) -> None:
    """The alert in the secretariat room and the receipt to the family."""
    _enqueue(
        db,
        "childcare.request",
        request_payload(receipt, missing, tz),
        f"childcare.request:{receipt.id}",
    )
    if receipt.awaiting_allocation:
        next_step = (
            "Les demandes sont recueillies jusqu’au "
            f"{french_moment(receipt.closes_at, tz)} ; les places seront alors attribuées selon "
            "les critères de priorité publiés, puis par tirage au sort en cas d’égalité. Vous "
            "recevrez le résultat par e-mail."
        )
    elif receipt.waitlist_rank is not None:
        next_step = (
            "Certaines séances sont complètes : votre demande est en liste d’attente. Vous serez "
            "prévenu par e-mail si une place se libère."
        )
    else:
        next_step = (
            "Les places sont réservées ; le secrétariat va vérifier votre dossier et valider "
            "l’inscription. Vous recevrez un e-mail de confirmation."
        )
    _mail(
        db,
        receipt,
        "Demande d’inscription reçue",
        f"Nous avons bien reçu votre demande d’inscription pour {receipt.child_first_name} "
        f"({receipt.period_name}) :\n\n{sessions_text(receipt)}\n\n{next_step}",
    )


def announce_promotion(db: Session, registration: Registration, tz: ZoneInfo) -> None:
    """Off the waiting list: an alert (to validate) and a mail to the family."""
    receipt = receipt_of(registration)
    _enqueue(
        db,
        "childcare.promoted",
        _payload(db, registration, receipt, tz),
        f"childcare.promoted:{registration.id}",
    )
    _mail(
        db,
        receipt,
        "Une place s’est libérée",
        f"Bonne nouvelle : une place s’est libérée et la demande pour "
        f"{receipt.child_first_name} n’est plus en liste d’attente :\n\n"
        f"{sessions_text(receipt)}\n\nLe secrétariat va valider l’inscription ; vous "
        f"recevrez un e-mail de confirmation.",
    )


# --- decisions -------------------------------------------------------------------------------
def mail_validated(db: Session, registration: Registration) -> None:
    receipt = receipt_of(registration)
    _mail(
        db,
        receipt,
        "Inscription validée",
        f"L’inscription de {receipt.child_first_name} est validée :\n\n"
        f"{sessions_text(receipt)}\n\nÀ bientôt au centre de loisirs !",
    )


def mail_refused(db: Session, registration: Registration) -> None:
    receipt = receipt_of(registration)
    _mail(
        db,
        receipt,
        "Demande d’inscription refusée",
        f"Nous ne pouvons pas donner suite à la demande d’inscription de "
        f"{receipt.child_first_name} ({receipt.period_name}).\n\nMotif : {receipt.reason}"
        "\n\nPour toute question, répondez au secrétariat des centres de loisirs.",
    )


def mail_cancelled(db: Session, registration: Registration) -> None:
    receipt = receipt_of(registration)
    _mail(
        db,
        receipt,
        "Demande annulée",
        f"Votre demande pour {receipt.child_first_name} ({receipt.period_name}) est annulée ; "
        "les places ont été libérées.",
    )


def announce_cancellation(db: Session, registration: Registration, tz: ZoneInfo) -> None:
    _enqueue(
        db,
        "childcare.cancelled",
        _payload(db, registration, receipt_of(registration), tz),
        f"childcare.cancelled:{registration.id}",
    )


def announce_decision(db: Session, registration: Registration, by: str, tz: ZoneInfo) -> None:
    """A validation or refusal made elsewhere than in the room (the back-office)."""
    payload = {
        **_payload(db, registration, receipt_of(registration), tz),
        "by": by,
        "reason": registration.reason,
    }
    _enqueue(
        db,
        "childcare.decision",
        payload,
        f"childcare.decision:{registration.id}:{registration.status}",
    )


# --- allocation ------------------------------------------------------------------------------
def mail_allocation_result(db: Session, registration: Registration) -> None:
    receipt = receipt_of(registration)
    if receipt.waitlist_rank is None:
        outcome = (
            "Des places vous ont été attribuées ; le secrétariat va vérifier votre dossier et "
            "valider l’inscription."
        )
    else:
        outcome = (
            "Toutes les séances demandées n’ont pas pu être attribuées : votre demande est en "
            "liste d’attente, vous serez prévenu si une place se libère."
        )
    _mail(
        db,
        receipt,
        "Résultat de l’attribution",
        f"Les places de la période « {receipt.period_name} » ont été attribuées.\n\n"
        f"{sessions_text(receipt)}\n\n{outcome}\n\nLe détail anonymisé de l’attribution (avec "
        f"la graine du tirage au sort) est public ; votre demande y figure sous le code "
        f"{receipt.public_code}.",
    )


def announce_allocation(db: Session, run: AllocationRun, public_path: str) -> None:
    payload: dict[str, Any] = {
        "period": run.period.name,
        "period_slug": run.period.slug,
        "requests": run.requests,
        "places_given": run.places_given,
        "waitlisted": run.waitlisted,
        "seed": run.seed,
        "path": public_path,
    }
    _enqueue(db, "childcare.allocation", payload, f"childcare.allocation:{run.period_id}")
