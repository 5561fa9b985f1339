"""Back-office pages where staff edit the childcare programme (/gestion/enfance/programme):
periods, activities, sessions and their capacity, price grids.

Same access as the other childcare back-office pages (portal.childcare.staff). The views only
read the forms: every rule lives in portal.childcare.programme (and booking.set_capacity, which
gives new places to the waiting list), so that the API and the bots can apply the same ones.
Times are typed and shown in the territory's time zone, stored in naive UTC.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from collab.db import utcnow
from collab.french import day_fr
from portal.auth import login_required
from portal.childcare import booking, programme, staff
from portal.childcare.errors import ChildcareError
from portal.childcare.models import (
    DAY,
    FIRST_COME,
    HALF_DAY,
    PERIOD_KINDS,
    SLOTS,
    WINDOW,
    Activity,
    ActivitySession,
    Centre,
    Period,
    PriceBracket,
    Registration,
    RegistrationLine,
)
from portal.childcare.pages import euros, registration_status
from portal.childcare.programme_fields import Fields, local_input
from portal.childcare.transactions import in_transaction
from portal.forms import FormErrors
from portal.state import state

bp = Blueprint("childcare_programme", __name__, template_folder="templates")
T = TypeVar("T")
BASE = "/gestion/enfance/programme"
staff_only = login_required(allowed=staff.may_handle_childcare)
MAX_ID = 2**31 - 1  # larger numbers in a path are not ids (PostgreSQL integers)
FORM = "formulaire"  # where the error summary points for a rule of the programme

MODES = {
    FIRST_COME: "Premier arrivé, premier servi",
    WINDOW: "Demandes recueillies, puis places attribuées à la clôture (critères et tirage)",
}
DURATION_LABELS = {HALF_DAY: "Demi-journée", DAY: "Journée"}
# How sessions are added: one date, every Wednesday between two dates, every weekday.
WHEN = {
    "date": "À une date",
    "mercredis": "Chaque mercredi entre deux dates",
    "semaine": "Chaque jour de semaine (lundi au vendredi) de la période",
}


# --- helpers ---------------------------------------------------------------------------------
def _database() -> sessionmaker[Session]:
    return state().sessions


def _get(db: Session, model: type[T], ident: int, message: str) -> T:
    row = db.get(model, ident) if ident <= MAX_ID else None
    if row is None:
        abort(404, description=message)
    return row


def _period(db: Session, period_id: int) -> Period:
    return _get(db, Period, period_id, "Cette période n’existe pas.")


def _save(work: Callable[[Session], T], errors: FormErrors) -> T | None:
    """`work` in one transaction; a refusal of the programme's rules goes to the summary."""
    try:
        return in_transaction(_database(), work)
    except ChildcareError as exc:
        errors[FORM] = exc.message
        return None


def _act(work: Callable[[Session], str]) -> None:
    """A one-button change (capacity, deletion): its outcome, or its refusal, flashed."""
    try:
        flash(in_transaction(_database(), work))
    except ChildcareError as exc:
        flash(exc.message)


def _period_url(period_id: int) -> str:
    return url_for("childcare_programme.period_page", period_id=period_id)


def _count_by(db: Session, column, *where) -> dict[int, int]:
    query = select(column, func.count()).group_by(column)
    return dict(db.execute(query.where(*where)).all())


def _requests(db: Session, period_id: int) -> int:
    return db.scalar(
        select(func.count()).select_from(Registration).where(Registration.period_id == period_id)
    )


def _centres(db: Session) -> list[Centre]:
    return list(db.scalars(select(Centre).order_by(Centre.name)))


def _describe_period(period: Period, tz: ZoneInfo) -> dict[str, Any]:
    opening = [f"pour tous le {programme.french_moment(period.opens_at, tz)}"]
    if period.residents_open_at is not None and period.residents_open_at < period.opens_at:
        residents = programme.french_moment(period.residents_open_at, tz)
        opening.insert(0, f"pour les familles du territoire le {residents}")
    return {
        "period": period,
        "kind": PERIOD_KINDS.get(period.kind, period.kind),
        "dates": f"du {day_fr(period.starts_on)} au {day_fr(period.ends_on)}",
        "opening": ", ".join(opening),
        "closing": programme.french_moment(period.closes_at, tz),
        "mode": MODES.get(period.allocation_mode, period.allocation_mode),
        "allocated": programme.french_moment(period.allocated_at, tz)
        if period.allocated_at
        else None,
    }


# --- the programme ---------------------------------------------------------------------------
@bp.get(BASE)
@staff_only
def index():
    tz = state().timezone
    with _database()() as db:
        periods = list(db.scalars(select(Period).order_by(Period.starts_on.desc(), Period.id)))
        sessions = _count_by(db, ActivitySession.period_id)
        requests = _count_by(db, Registration.period_id)
        activities = list(
            db.scalars(select(Activity).join(Centre).order_by(Centre.name, Activity.title))
        )
        by_activity = _count_by(db, ActivitySession.activity_id)
        page = render_template(
            "childcare/staff_programme.html",
            periods=[
                {
                    **_describe_period(p, tz),
                    "sessions": sessions.get(p.id, 0),
                    "requests": requests.get(p.id, 0),
                }
                for p in periods
            ],
            activities=[(a, by_activity.get(a.id, 0)) for a in activities],
        )
    return page


@bp.get(f"{BASE}/periodes/<int:period_id>")
@staff_only
def period_page(period_id: int):
    tz = state().timezone
    centre = request.args.get("centre", "").strip()[:64]
    with _database()() as db:
        period = _period(db, period_id)
        sessions = programme.programme_sessions(db, centre_key=centre or None, period_id=period.id)
        lines = _count_by(
            db,
            RegistrationLine.session_id,
            RegistrationLine.session_id.in_(
                select(ActivitySession.id).where(ActivitySession.period_id == period.id)
            ),
        )
        by_activity: dict[int, dict[str, Any]] = {}
        for session in sessions:
            entry = by_activity.setdefault(
                session.activity_id, {"activity": session.activity, "sessions": []}
            )
            entry["sessions"].append(
                {
                    "session": session,
                    "described": programme.describe_session(session),
                    "requests": lines.get(session.id, 0),
                }
            )
        activities = sorted(
            by_activity.values(), key=lambda e: (e["activity"].centre.name, e["activity"].title)
        )
        page = render_template(
            "childcare/staff_programme_period.html",
            **_describe_period(period, tz),
            status=registration_status(period, utcnow(), tz),
            requests=_requests(db, period.id),
            activities=activities,
            centres=_centres(db),
            centre=centre,
        )
    return page


# --- periods ---------------------------------------------------------------------------------
def _read_period(fields: Fields) -> dict[str, Any]:
    return {
        "name": fields.text("nom", "Nom de la période"),
        "kind": fields.choice("type", "Type de période", PERIOD_KINDS),
        "starts_on": fields.date("debut", "Premier jour"),
        "ends_on": fields.date("fin", "Dernier jour"),
        "residents_open_at": fields.moment(
            "ouverture_residents", "Ouverture pour les familles du territoire", required=False
        ),
        "opens_at": fields.moment("ouverture", "Ouverture pour toutes les familles"),
        "closes_at": fields.moment("cloture", "Clôture des inscriptions"),
        "allocation_mode": fields.choice("mode", "Mode d’attribution des places", MODES),
    }


def _period_values(period: Period, tz: ZoneInfo) -> dict[str, str]:
    return {
        "nom": period.name,
        "type": period.kind,
        "debut": period.starts_on.isoformat(),
        "fin": period.ends_on.isoformat(),
        "ouverture_residents": local_input(period.residents_open_at, tz),
        "ouverture": local_input(period.opens_at, tz),
        "cloture": local_input(period.closes_at, tz),
        "mode": period.allocation_mode,
    }


@bp.route(f"{BASE}/periodes/nouvelle", methods=["GET", "POST"], defaults={"period_id": None})
@bp.route(f"{BASE}/periodes/<int:period_id>/modifier", methods=["GET", "POST"])
@staff_only
def period_form(period_id: int | None):
    tz = state().timezone
    fields = Fields(request.form, tz)
    period, requests = None, 0
    if period_id is not None:
        with _database()() as db:
            period = _period(db, period_id)
            requests = _requests(db, period_id)
            fields.values = _period_values(period, tz)
    else:
        fields.values = {"mode": FIRST_COME}
    if request.method == "POST":
        values = _read_period(fields)
        if not fields.errors:

            def work(db: Session) -> int:
                if period_id is not None:
                    return programme.update_period(db, period_id, **values, tz=tz).id
                slug = programme.unique_slug(db, f"{values['name']}-{values['starts_on']}")
                return programme.create_period(db, **values, slug=slug, tz=tz).id

            saved = _save(work, fields.errors)
            if saved is not None:
                flash(f"La période « {values['name']} » est enregistrée.")
                return redirect(_period_url(saved))
    return render_template(
        "childcare/staff_programme_period_form.html",
        period=period,
        requests=requests,
        values=fields.values,
        errors=fields.errors,
        kinds=list(PERIOD_KINDS.items()),
        modes=list(MODES.items()),
    ), (400 if fields.errors else 200)


# --- activities ------------------------------------------------------------------------------
@bp.route(f"{BASE}/activites/nouvelle", methods=["GET", "POST"], defaults={"activity_id": None})
@bp.route(f"{BASE}/activites/<int:activity_id>/modifier", methods=["GET", "POST"])
@staff_only
def activity_form(activity_id: int | None):
    fields = Fields(request.form, state().timezone)
    with _database()() as db:
        centres = {c.key: c.name for c in _centres(db)}
        activity = None
        if activity_id is not None:
            activity = _get(db, Activity, activity_id, "Cette activité n’existe pas.")
            fields.values = {
                "centre": activity.centre_key,
                "titre": activity.title,
                "description": activity.description,
                "age_min": str(activity.age_min),
                "age_max": str(activity.age_max),
            }
    if request.method == "POST":
        values = {
            "centre_key": fields.choice("centre", "Centre de loisirs", centres),
            "title": fields.text("titre", "Titre"),
            "description": fields.text(
                "description", "Description", max_length=2000, required=False, multiline=True
            ),
            "age_min": fields.number("age_min", "Âge minimum", 0, 17),
            "age_max": fields.number("age_max", "Âge maximum", 0, 17),
        }
        if not fields.errors:

            def work(db: Session) -> int:
                if activity_id is not None:
                    return programme.update_activity(db, activity_id, **values).id
                return programme.create_activity(db, **values).id

            if _save(work, fields.errors) is not None:
                flash(f"L’activité « {values['title']} » est enregistrée.")
                return redirect(url_for("childcare_programme.index") + "#activites")
    return render_template(
        "childcare/staff_programme_activity_form.html",
        activity=activity,
        values=fields.values,
        errors=fields.errors,
        centres=list(centres.items()),
    ), (400 if fields.errors else 200)


# --- sessions --------------------------------------------------------------------------------
def _session_dates(fields: Fields, period: Period) -> list[dt.date]:
    when = fields.choice("quand", "Quelles dates", WHEN)
    if when == "date":
        day = fields.date("date", "Date de la séance")
        return [day] if day else []
    if when == "mercredis":
        first, last = fields.date("du", "Du"), fields.date("au", "Au")
        if first and last and first > last:
            fields.errors["au"] = "« Au » doit suivre « Du »."
        return programme.dates_between(first, last, [2]) if first and last else []
    return programme.dates_between(period.starts_on, period.ends_on, range(5))


@bp.route(f"{BASE}/periodes/<int:period_id>/seances", methods=["GET", "POST"])
@staff_only
def sessions_form(period_id: int):
    fields = Fields(request.form, state().timezone)
    with _database()() as db:
        period = _period(db, period_id)
        activities = list(
            db.scalars(select(Activity).join(Centre).order_by(Centre.name, Activity.title))
        )
    options: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in activities:
        options[a.centre.name].append((str(a.id), f"{a.title} ({a.age_min}-{a.age_max} ans)"))
    fields.values = {
        "quand": "mercredis" if period.kind == "wednesdays" else "semaine",
        "du": period.starts_on.isoformat(),
        "au": period.ends_on.isoformat(),
        "creneau": DAY,
    }
    if request.method == "POST":
        fields.values = {}
        listed = {value: text for group in options.values() for value, text in group}
        chosen = fields.choice("activite", "Activité", listed)
        dates = _session_dates(fields, period)
        slot = fields.choice("creneau", "Créneau", SLOTS)
        capacity = fields.number("capacite", "Nombre de places", 0, 500)
        if not fields.errors:

            def work(db: Session) -> str:
                created, skipped = programme.add_sessions(
                    db,
                    activity=db.get(Activity, int(chosen)),
                    period=db.get(Period, period_id),
                    dates=dates,
                    slot=slot,
                    capacity=capacity,
                )
                text = f"{programme.plural(len(created), 'séance')} ajoutée"
                text += "s" if len(created) > 1 else ""
                if skipped:
                    text += f" ; {programme.plural(skipped, 'date')} "
                    text += "avait" if skipped == 1 else "avaient"
                    text += " déjà une séance à ce créneau"
                return text + "."

            message = _save(work, fields.errors)
            if message is not None:
                flash(message)
                return redirect(_period_url(period_id))
    return render_template(
        "childcare/staff_programme_sessions_form.html",
        **_describe_period(period, state().timezone),
        values=fields.values,
        errors=fields.errors,
        activities=dict(options),
        slots=list(SLOTS.items()),
        when=list(WHEN.items()),
    ), (400 if fields.errors else 200)


@bp.post(f"{BASE}/seances/<int:session_id>/capacite")
@staff_only
def set_capacity(session_id: int):
    if session_id > MAX_ID:
        abort(404, description="Cette séance n’existe pas.")
    fields = Fields(request.form, state().timezone)
    capacity = fields.number("capacite", "Nombre de places", 0, 500)
    if fields.errors:
        flash(fields.errors["capacite"])
        return staff._back()

    def work(db: Session) -> str:
        session = booking.set_capacity(db, session_id, capacity, tz=state().timezone)
        text = f"Séance du {programme.describe_session(session)} ({session.activity.title}) : "
        text += f"{programme.plural(session.capacity, 'place')}, "
        text += f"{session.places_taken} prise{'s' if session.places_taken > 1 else ''}"
        return text + f", {session.waitlist_length} en liste d’attente."

    _act(work)
    return staff._back()


@bp.post(f"{BASE}/seances/<int:session_id>/supprimer")
@staff_only
def delete_session(session_id: int):
    if session_id > MAX_ID:
        abort(404, description="Cette séance n’existe pas.")
    _act(lambda db: f"Séance du {programme.delete_session(db, session_id)} supprimée.")
    return staff._back()


# --- prices ----------------------------------------------------------------------------------
@bp.route(f"{BASE}/tarifs", methods=["GET", "POST"], defaults={"period_id": None})
@bp.route(f"{BASE}/periodes/<int:period_id>/tarifs", methods=["GET", "POST"])
@staff_only
def prices(period_id: int | None):
    fields = Fields(request.form, state().timezone)
    fields.values = {"duree": HALF_DAY}
    if request.method == "POST":
        fields.values = {}
        duration = fields.choice("duree", "Durée", DURATION_LABELS)
        quotient = fields.number(
            "quotient", "Quotient familial maximum", 0, 100_000, required=False
        )
        amount = fields.cents("prix", "Prix")
        if not fields.errors:

            def work(db: Session) -> int:
                period = _period(db, period_id) if period_id is not None else None
                return programme.save_price(
                    db, period=period, duration=duration, quotient_max=quotient,
                    amount_cents=amount,
                ).id  # fmt: skip

            if _save(work, fields.errors) is not None:
                flash(f"Tarif enregistré : {euros(amount)}.")
                return redirect(request.path)
    with _database()() as db:
        period = _period(db, period_id) if period_id is not None else None
        brackets = list(
            db.scalars(
                select(PriceBracket)
                .where(
                    PriceBracket.period_id.is_(None)
                    if period is None
                    else PriceBracket.period_id == period.id
                )
                .order_by(
                    PriceBracket.duration.desc(),
                    PriceBracket.quotient_max.is_(None),
                    PriceBracket.quotient_max,
                )
            )
        )
    return render_template(
        "childcare/staff_programme_prices.html",
        period=period,
        brackets=[
            (b, DURATION_LABELS.get(b.duration, b.duration), euros(b.amount_cents))
            for b in brackets
        ],
        values=fields.values,
        errors=fields.errors,
        durations=list(DURATION_LABELS.items()),
    ), (400 if fields.errors else 200)


@bp.post(f"{BASE}/tarifs/<int:bracket_id>/supprimer", defaults={"period_id": None})
@bp.post(f"{BASE}/periodes/<int:period_id>/tarifs/<int:bracket_id>/supprimer")
@staff_only
def delete_price(period_id: int | None, bracket_id: int):
    def work(db: Session) -> str:
        period = _period(db, period_id) if period_id is not None else None
        programme.delete_price(db, bracket_id, period)
        return "Tarif supprimé."

    _act(work)
    return redirect(url_for("childcare_programme.prices", period_id=period_id))
