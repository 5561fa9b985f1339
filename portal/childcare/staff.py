"""Back-office pages of the childcare service (/gestion/enfance): requests with filters
(period, centre, state, and request numbers: the link of a summary in the room), validation
and refusal, CSV export, sessions with their attendance sheets and waiting lists.

Secretaries (staff) and the childcare commission only; decisions go through
portal.childcare.booking, as the chat commands do, and are announced in the room.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, abort, flash, redirect, render_template, request
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from collab.territory import Person
from portal.auth import current_person, login_required
from portal.childcare import booking, programme
from portal.childcare.completeness import file_completeness
from portal.childcare.errors import ChildcareError
from portal.childcare.models import (
    HELD,
    SLOTS,
    STATUS_LABELS,
    STATUSES,
    WAITING,
    Activity,
    ActivitySession,
    Centre,
    Child,
    Period,
    Registration,
    RegistrationLine,
)
from portal.childcare.transactions import in_transaction
from portal.state import state

bp = Blueprint("childcare_staff", __name__, template_folder="templates")
T = TypeVar("T")


def may_handle_childcare(person: Person) -> bool:
    """Secretaries (staff) and members of the childcare commission."""
    return person.is_staff or "petite-enfance" in person.instances


# `?ids=12-40,45`: request numbers and ranges, as portal.childcare.messages.id_ranges
# writes them in the link of a summary (500 requests at most: a short text when consecutive).
ID_RANGES = re.compile(r"\d{1,9}(-\d{1,9})?(,\d{1,9}(-\d{1,9})?)*")
MAX_ID_RANGES = 500


def parse_id_ranges(text: str) -> list[tuple[int, int]] | None:
    """ "12-40,45" -> [(12, 40), (45, 45)]; None unless it is such a list (500 at most)."""
    if not ID_RANGES.fullmatch(text) or text.count(",") >= MAX_ID_RANGES:
        return None
    ranges = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        ranges.append((int(low), int(high or low)))
    return ranges if all(low <= high for low, high in ranges) else None


def _filters() -> dict[str, str]:
    filters = {k: request.args.get(k, "").strip()[:100] for k in ("periode", "centre", "etat")}
    filters["ids"] = request.args.get("ids", "").strip()
    return filters


def _requests(db: Session, filters: dict[str, str]) -> list[Registration]:
    query = select(Registration)
    if filters["ids"]:
        ranges = parse_id_ranges(filters["ids"])
        if ranges is None:
            abort(
                400,
                description="La liste de numéros de demandes est illisible : elle s’écrit "
                "comme « 12-40,45 » (500 numéros ou intervalles au plus).",
            )
        query = query.where(or_(*(Registration.id.between(low, high) for low, high in ranges)))
    if filters["periode"]:
        period = programme.find_period(db, filters["periode"])
        query = query.where(Registration.period_id == (period.id if period else -1))
    if filters["centre"]:
        query = query.where(
            Registration.id.in_(
                select(RegistrationLine.registration_id)
                .join(ActivitySession, ActivitySession.id == RegistrationLine.session_id)
                .join(Activity, Activity.id == ActivitySession.activity_id)
                .where(Activity.centre_key == filters["centre"])
            )
        )
    if filters["etat"] in STATUSES:
        query = query.where(Registration.status == filters["etat"])
    return list(db.scalars(query.order_by(Registration.id).limit(2000)))


def _rows(db: Session, registrations: list[Registration]) -> list[dict[str, Any]]:
    sessions = programme.sessions_by_id(
        db, (line.session_id for r in registrations for line in r.lines)
    )
    rows = []
    for r in registrations:
        described = []
        for line in r.lines:
            s = sessions[line.session_id]
            text = (
                f"{programme.describe_session(s)} — {s.activity.title} ({s.activity.centre.name})"
            )
            if line.status == WAITING:
                text += f" — liste d’attente, rang {line.waitlist_rank}"
            described.append(text)
        first = sessions[r.lines[0].session_id] if r.lines else None
        rows.append(
            {
                "registration": r,
                "family": r.family.name,
                "email": r.family.email,
                "child": f"{r.child.first_name} {r.child.last_name}",
                "age": programme.age_on(r.child.birth_date, first.date) if first else None,
                "period": r.period.name,
                "sessions": described,
                "status": STATUS_LABELS[r.status],
                "rank": r.waitlist_rank,
                "missing": file_completeness(db, r.family),
                "pai": r.child.pai_flag,
            }
        )
    return rows


@bp.get("/gestion/enfance")
@login_required(allowed=may_handle_childcare)
def requests_page():
    filters = _filters()
    with state().sessions() as db:
        rows = _rows(db, _requests(db, filters))
        page = render_template(
            "childcare/staff_requests.html",
            rows=rows,
            filters=filters,
            periods=list(db.scalars(select(Period).order_by(Period.starts_on))),
            centres=list(db.scalars(select(Centre).order_by(Centre.name))),
            statuses=STATUS_LABELS,
            query=request.query_string.decode(),
        )
    return page


def _decide(work: Callable[[Session, str], T]) -> None:
    person = current_person()
    try:
        in_transaction(state().sessions, lambda db: work(db, person.name))
    except ChildcareError as exc:
        flash(exc.message)


def _back() -> Response:
    target = request.form.get("retour", "")
    if not target.startswith("/gestion/enfance") or target.startswith("//"):
        target = "/gestion/enfance"
    return redirect(target)


@bp.post("/gestion/enfance/demandes/<int:registration_id>/valider")
@login_required(allowed=may_handle_childcare)
def validate(registration_id: int):
    _decide(
        lambda db, by: booking.confirm(db, registration_id, by, announce=True, tz=state().timezone)
    )
    flash(f"Demande {registration_id} : traitée.")
    return _back()


@bp.post("/gestion/enfance/demandes/<int:registration_id>/refuser")
@login_required(allowed=may_handle_childcare)
def refuse(registration_id: int):
    reason = request.form.get("motif", "").strip()[:500]
    if not reason:
        flash("Indiquez le motif du refus : il est envoyé à la famille.")
        return _back()
    _decide(
        lambda db, by: booking.refuse(
            db, registration_id, reason, by, announce=True, tz=state().timezone
        )
    )
    flash(f"Demande {registration_id} : traitée.")
    return _back()


@bp.get("/gestion/enfance/export.csv")
@login_required(allowed=may_handle_childcare)
def export_csv():
    filters = _filters()
    with state().sessions() as db:
        rows = _rows(db, _requests(db, filters))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["numéro", "famille", "e-mail", "enfant", "âge", "PAI", "période", "séances", "état",
         "rang d’attente", "dossier incomplet"]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [
                row["registration"].id,
                row["family"],
                row["email"],
                row["child"],
                row["age"],
                "oui" if row["pai"] else "non",
                row["period"],
                " | ".join(row["sessions"]),
                row["status"],
                row["rank"] or "",
                " | ".join(row["missing"]),
            ]
        )
    # A BOM so that spreadsheet software reads the accents right.
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="demandes-enfance.csv"'
    return response


@bp.get("/gestion/enfance/seances")
@login_required(allowed=may_handle_childcare)
def sessions_page():
    filters = _filters()
    with state().sessions() as db:
        period = programme.find_period(db, filters["periode"]) if filters["periode"] else None
        sessions = programme.programme_sessions(
            db, centre_key=filters["centre"] or None, period_id=period.id if period else None
        )
        page = render_template(
            "childcare/staff_sessions.html",
            sessions=sessions,
            filters=filters,
            describe=programme.describe_session,
            periods=list(db.scalars(select(Period).order_by(Period.starts_on))),
            centres=list(db.scalars(select(Centre).order_by(Centre.name))),
        )
    return page


@bp.get("/gestion/enfance/seances/<int:session_id>")
@login_required(allowed=may_handle_childcare)
def attendance_sheet(session_id: int):
    with state().sessions() as db:
        session = db.get(ActivitySession, session_id)
        if session is None:
            abort(404, description="Cette séance n’existe pas.")

        def lines(status: str):
            return db.execute(
                select(RegistrationLine, Registration, Child)
                .join(Registration, Registration.id == RegistrationLine.registration_id)
                .join(Child, Child.id == Registration.child_id)
                .where(RegistrationLine.session_id == session_id, RegistrationLine.status == status)
                .order_by(RegistrationLine.waitlist_rank, Child.last_name, Child.first_name)
            ).all()

        present = [
            {
                "child": f"{child.last_name.upper()} {child.first_name}",
                "age": programme.age_on(child.birth_date, session.date),
                "pai": child.pai_flag,
                "status": STATUS_LABELS[registration.status],
                "family": registration.family.name,
            }
            for _line, registration, child in lines(HELD)
        ]
        waiting = [
            {
                "rank": line.waitlist_rank,
                "child": f"{child.last_name.upper()} {child.first_name}",
                "family": registration.family.name,
                "id": registration.id,
            }
            for line, registration, child in lines(WAITING)
        ]
        page = render_template(
            "childcare/staff_sheet.html",
            session=session,
            described=programme.describe_session(session),
            slot=SLOTS[session.slot],
            present=present,
            waiting=waiting,
        )
    return page
