"""Alerts to the secretariat room (outbox) and mails to families, in the caller's transaction.

Alert kinds (templates in bridges/templates/childcare.py): `childcare.request` (a new request),
`childcare.promoted` (off the waiting list, to validate), `childcare.cancelled` (by the family),
`childcare.decision` (validated/refused from the back-office), `childcare.allocation` (window
mode result), `childcare.reason_prompt` (the bot asks why after ❌), `childcare.digest` (08:00).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bridges import outbox
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
from portal.childcare.programme import PARIS, age_on, describe_session, french_moment
from portal.mail import queue_mail

ROOM = "secretariat"


def request_payload(
    db: Session,
    registration: Registration,
    tz: ZoneInfo = PARIS,
    missing: list[str] | None = None,
) -> dict:
    """What the secretariat needs to see about a request (no child name, no health data);
    `missing`: the family's file completeness when the caller has it already."""
    lines = sorted(registration.lines, key=lambda line: (line.session.date, line.session.slot))
    period = registration.period
    first_day = lines[0].session.date if lines else period.starts_on
    sessions = []
    for line in lines:
        session = line.session
        sessions.append(
            {
                "id": session.id,
                "date": session.date.isoformat(),
                "when": describe_session(session),
                "slot": SLOTS[session.slot],
                "activity": session.activity.title,
                "centre": session.activity.centre.name,
                "centre_key": session.activity.centre_key,
                "state": line.status,
                "rank": line.waitlist_rank,
            }
        )
    return {
        "id": registration.id,
        "code": registration.public_code,
        "family": registration.family.name,
        "resident": registration.family.resident,
        "child_age": age_on(registration.child.birth_date, first_day),
        "status": registration.status,
        "mode": period.allocation_mode,
        "period": period.name,
        "period_kind": PERIOD_KINDS.get(period.kind, period.kind),
        "allocation_at": french_moment(period.closes_at, tz)
        if period.allocation_mode == WINDOW
        else None,
        "centres": sorted({s["centre"] for s in sessions}),
        "sessions": sessions,
        "missing": file_completeness(db, registration.family) if missing is None else missing,
    }


def _enqueue(db: Session, kind: str, payload: dict, source_id: str) -> None:
    outbox.enqueue(db, kind=kind, room_key=ROOM, payload=payload, source_id=source_id)


def sessions_text(registration: Registration) -> str:
    lines = []
    for line in sorted(registration.lines, key=lambda x: (x.session.date, x.session.slot)):
        session = line.session
        state = {
            HELD: "place réservée",
            WAITING: f"liste d’attente, rang {line.waitlist_rank}",
            REQUESTED: "demande enregistrée (attribution à la clôture)",
        }.get(line.status, "libérée")
        lines.append(
            f"- {describe_session(session)} : {session.activity.title} "
            f"({session.activity.centre.name}) — {state}"
        )
    return "\n".join(lines)


def _child(registration: Registration) -> str:
    return registration.child.first_name


def _sign(registration: Registration) -> str:
    return (
        f"\nNuméro de la demande : {registration.id} — code public : {registration.public_code}\n"
        "\nLe secrétariat des centres de loisirs\n"
    )


# --- a new request ---------------------------------------------------------------------------
def announce_request(
    db: Session,
    registration: Registration,
    tz: ZoneInfo = PARIS,
    missing: list[str] | None = None,
) -> None:
    """The alert in the secretariat room and the receipt to the family."""
    _enqueue(
        db,
        "childcare.request",
        request_payload(db, registration, tz, missing),
        f"childcare.request:{registration.id}",
    )
    period = registration.period
    if registration.awaiting_allocation:
        next_step = (
            "Les demandes sont recueillies jusqu’au "
            f"{french_moment(period.closes_at, tz)} ; les places seront alors attribuées selon "
            "les critères de priorité publiés, puis par tirage au sort en cas d’égalité. Vous "
            "recevrez le résultat par e-mail."
        )
    elif registration.waitlist_rank is not None:
        next_step = (
            "Certaines séances sont complètes : votre demande est en liste d’attente. Vous serez "
            "prévenu par e-mail si une place se libère."
        )
    else:
        next_step = (
            "Les places sont réservées ; le secrétariat va vérifier votre dossier et valider "
            "l’inscription. Vous recevrez un e-mail de confirmation."
        )
    queue_mail(
        db,
        registration.family.email,
        f"Demande d’inscription reçue — {_child(registration)}, {period.name}",
        f"Bonjour,\n\nNous avons bien reçu votre demande d’inscription pour "
        f"{_child(registration)} ({period.name}) :\n\n{sessions_text(registration)}\n\n"
        f"{next_step}\n{_sign(registration)}",
    )


def announce_promotion(db: Session, registration: Registration, tz: ZoneInfo = PARIS) -> None:
    """Off the waiting list: an alert (to validate) and a mail to the family."""
    _enqueue(
        db,
        "childcare.promoted",
        request_payload(db, registration, tz),
        f"childcare.promoted:{registration.id}",
    )
    queue_mail(
        db,
        registration.family.email,
        f"Une place s’est libérée — {_child(registration)}, {registration.period.name}",
        f"Bonjour,\n\nBonne nouvelle : une place s’est libérée et la demande pour "
        f"{_child(registration)} n’est plus en liste d’attente :\n\n"
        f"{sessions_text(registration)}\n\nLe secrétariat va valider l’inscription ; vous "
        f"recevrez un e-mail de confirmation.\n{_sign(registration)}",
    )


# --- decisions -------------------------------------------------------------------------------
def mail_validated(db: Session, registration: Registration) -> None:
    queue_mail(
        db,
        registration.family.email,
        f"Inscription validée — {_child(registration)}, {registration.period.name}",
        f"Bonjour,\n\nL’inscription de {_child(registration)} est validée :\n\n"
        f"{sessions_text(registration)}\n\nÀ bientôt au centre de loisirs !\n"
        f"{_sign(registration)}",
    )


def mail_refused(db: Session, registration: Registration) -> None:
    queue_mail(
        db,
        registration.family.email,
        f"Demande d’inscription refusée — {_child(registration)}, {registration.period.name}",
        f"Bonjour,\n\nNous ne pouvons pas donner suite à la demande d’inscription de "
        f"{_child(registration)} ({registration.period.name}).\n\nMotif : "
        f"{registration.reason}\n\nPour toute question, répondez au secrétariat des centres de "
        f"loisirs.\n{_sign(registration)}",
    )


def mail_cancelled(db: Session, registration: Registration) -> None:
    queue_mail(
        db,
        registration.family.email,
        f"Demande annulée — {_child(registration)}, {registration.period.name}",
        f"Bonjour,\n\nVotre demande pour {_child(registration)} "
        f"({registration.period.name}) est annulée ; les places ont été libérées.\n"
        f"{_sign(registration)}",
    )


def announce_cancellation(db: Session, registration: Registration, tz: ZoneInfo = PARIS) -> None:
    _enqueue(
        db,
        "childcare.cancelled",
        request_payload(db, registration, tz),
        f"childcare.cancelled:{registration.id}",
    )


def announce_decision(
    db: Session, registration: Registration, by: str, tz: ZoneInfo = PARIS
) -> None:
    """A validation or refusal made elsewhere than in the room (the back-office)."""
    payload = {**request_payload(db, registration, tz), "by": by, "reason": registration.reason}
    _enqueue(
        db,
        "childcare.decision",
        payload,
        f"childcare.decision:{registration.id}:{registration.status}",
    )


# --- allocation ------------------------------------------------------------------------------
def mail_allocation_result(db: Session, registration: Registration) -> None:
    if registration.waitlist_rank is None:
        outcome = (
            "Des places vous ont été attribuées ; le secrétariat va vérifier votre dossier et "
            "valider l’inscription."
        )
    else:
        outcome = (
            "Toutes les séances demandées n’ont pas pu être attribuées : votre demande est en "
            "liste d’attente, vous serez prévenu si une place se libère."
        )
    queue_mail(
        db,
        registration.family.email,
        f"Résultat de l’attribution — {_child(registration)}, {registration.period.name}",
        f"Bonjour,\n\nLes places de la période « {registration.period.name} » ont été "
        f"attribuées.\n\n{sessions_text(registration)}\n\n{outcome}\n\nLe détail anonymisé "
        f"de l’attribution (avec la graine du tirage au sort) est public ; votre demande y "
        f"figure sous le code {registration.public_code}.\n{_sign(registration)}",
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
