"""Family pages under /enfance/compte: account, e-mail confirmation, children, requests, and
the private iCalendar feed of the family's confirmed bookings.

The family is remembered in the session as "family_id", apart from the staff login. Every
change goes through the core functions (portal.childcare.families, portal.childcare.booking).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collab.db import utcnow
from portal.childcare import booking, documents, families, privacy, programme
from portal.childcare.completeness import file_completeness
from portal.childcare.errors import ChildcareError
from portal.childcare.models import (
    CONFIRMED,
    FIRST_COME,
    HELD,
    STATUS_LABELS,
    Child,
    Family,
    Period,
    Registration,
    RegistrationLine,
    opening_for,
)
from portal.childcare.pages import calendar, ics_response, registration_status, session_event
from portal.childcare.transactions import in_transaction
from portal.security import rate_limited
from portal.state import state

bp = Blueprint("childcare_family", __name__, template_folder="templates")
T = TypeVar("T")
log = logging.getLogger("girou.childcare.family_pages")
SESSION_KEY = "family_id"


def _transaction(work: Callable[[Session], T]) -> T:
    return in_transaction(state().sessions, work)


def family_required(view: Callable) -> Callable:
    """The page needs a logged-in family (else: the login page, back here afterwards)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not isinstance(session.get(SESSION_KEY), int):
            return redirect(url_for("childcare_family.login", suivant=request.path))
        g.family_id = session[SESSION_KEY]
        return view(*args, **kwargs)

    return wrapper


def _family(db: Session) -> Family:
    family = db.get(Family, g.family_id)
    if family is None:  # the account was deleted meanwhile
        session.pop(SESSION_KEY, None)
        abort(403, description="Ce compte famille n’existe plus.")
    return family


def feed_token(family_id: int) -> str:
    """The secret of the family's calendar address: unguessable, derived from the app key."""
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else bytes(key or b"")
    digest = hmac.new(key, f"childcare-feed:{family_id}".encode(), hashlib.sha256).hexdigest()
    return f"{family_id}-{digest[:40]}"


# --- account ---------------------------------------------------------------------------------
@bp.route("/enfance/compte/inscription", methods=["GET", "POST"])
@rate_limited(*families.SIGNUP_LIMIT)
def signup():
    territory, settings = state().territory, state().settings
    form = {k: request.form.get(k, "").strip() for k in ("email", "nom", "commune", "insee")}
    errors: dict[str, str] = {}
    if request.method == "POST":
        password = request.form.get("mot_de_passe", "")
        insee = form["commune"] or form["insee"].upper()
        if not insee:
            errors["commune"] = "Choisissez votre commune ou indiquez son code INSEE."
        if password != request.form.get("confirmation", ""):
            errors["confirmation"] = "Les deux mots de passe ne sont pas identiques."
        if not errors:

            def work(db: Session) -> int:
                family = families.create_family(
                    db,
                    territory,
                    email=form["email"],
                    password=password,
                    name=form["nom"],
                    commune_insee=insee,
                    portal_url=settings.public_url("portal"),
                    scrypt_n=settings.get("childcare", "password_scrypt_n"),
                )
                return family.id

            try:
                family_id = _transaction(work)
            except ChildcareError as exc:
                errors[_field_of(exc.code)] = exc.message
            except IntegrityError:
                errors["email"] = "Un compte existe déjà avec cette adresse e-mail."
            else:
                session[SESSION_KEY] = family_id
                flash("Compte créé. Un lien de confirmation a été envoyé à votre adresse e-mail.")
                return redirect(url_for("childcare_family.account"))
    return render_template(
        "childcare/signup.html", form=form, errors=errors, communes=territory.communes
    ), (422 if errors else 200)


def _field_of(code: str) -> str:
    return {
        "invalid_email": "email",
        "email_taken": "email",
        "weak_password": "mot_de_passe",
        "invalid_commune": "insee",
    }.get(code, "nom")


@bp.get("/enfance/compte/confirmer/<token>")
def verify(token: str):
    family_id = _transaction(lambda db: getattr(families.verify_email(db, token), "id", None))
    if family_id is None:
        abort(404, description="Ce lien de confirmation n’est pas valable ou a déjà servi.")
    flash("Votre adresse e-mail est confirmée.")
    return redirect(url_for("childcare_family.account"))


@bp.route("/enfance/compte/connexion", methods=["GET", "POST"])
@rate_limited(*families.LOGIN_LIMIT)
def login():
    error = None
    if request.method == "POST":
        settings = state().settings
        with state().sessions() as db:
            family = families.authenticate(
                db,
                request.form.get("email", ""),
                request.form.get("mot_de_passe", ""),
                settings.get("childcare", "password_scrypt_n"),
            )
            family_id = family.id if family else None
        if family_id is None:
            error = "Adresse e-mail ou mot de passe incorrect."
        else:
            session[SESSION_KEY] = family_id
            target = request.args.get("suivant", "")
            if not target.startswith("/enfance/") or target.startswith("//"):
                target = url_for("childcare_family.account")
            return redirect(target)
    return render_template(
        "childcare/login.html", error=error, email=request.form.get("email", "")
    ), (401 if error else 200)


@bp.post("/enfance/compte/deconnexion")
def logout():
    session.pop(SESSION_KEY, None)
    flash("Vous êtes déconnecté de l’espace famille.")
    return redirect(url_for("childcare_pages.index"))


@bp.get("/enfance/compte")
@family_required
def account():
    tz, now = state().timezone, utcnow()
    with state().sessions() as db:
        family = _family(db)
        registrations = list(
            db.scalars(
                select(Registration)
                .where(Registration.family_id == family.id)
                .order_by(Registration.created_at.desc(), Registration.id.desc())
            )
        )
        sessions = programme.sessions_by_id(
            db, (line.session_id for r in registrations for line in r.lines)
        )
        requests = [
            {
                "registration": r,
                "label": STATUS_LABELS[r.status],
                "rank": r.waitlist_rank,
                "sessions": [
                    f"{programme.describe_session(sessions[line.session_id])} — "
                    f"{sessions[line.session_id].activity.title} "
                    f"({sessions[line.session_id].activity.centre.name})"
                    for line in r.lines
                ],
                "cancellable": r.status in ("pending", "confirmed", "waitlisted"),
            }
            for r in registrations
        ]
        open_periods = [
            (period, registration_status(period, now, tz))
            for period in db.scalars(select(Period).order_by(Period.starts_on))
            if opening_for(period, family.resident) <= now < period.closes_at
        ]
        page = render_template(
            "childcare/account.html",
            family=family,
            children=list(family.children),
            requests=requests,
            open_periods=open_periods,
            unverified=families.needs_verification(family, state().settings),
            missing=file_completeness(db, family),
            feed_url=url_for("childcare_family.feed", token=feed_token(family.id), _external=True),
        )
    return page


# --- children --------------------------------------------------------------------------------
@bp.route("/enfance/compte/enfants/nouveau", methods=["GET", "POST"])
@family_required
def add_child():
    form = {k: request.form.get(k, "").strip() for k in ("prenom", "nom", "naissance", "niveau")}
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            birth = dt.date.fromisoformat(form["naissance"])
        except ValueError:
            errors["naissance"] = "Date de naissance invalide (format JJ/MM/AAAA)."
        if not errors:

            def work(db: Session) -> None:
                families.add_child(
                    db,
                    _family(db),
                    first_name=form["prenom"],
                    last_name=form["nom"],
                    birth_date=birth,
                    school_level=form["niveau"] or None,
                    pai_flag=request.form.get("pai") == "oui",
                )

            try:
                _transaction(work)
            except ChildcareError as exc:
                field = {"invalid_birth_date": "naissance", "invalid_school_level": "niveau"}
                errors[field.get(exc.code, "prenom")] = exc.message
            else:
                flash(f"{form['prenom']} a été ajouté(e) à votre compte.")
                return redirect(url_for("childcare_family.account"))
    return render_template(
        "childcare/child_form.html", form=form, errors=errors, levels=families.SCHOOL_LEVELS
    ), (422 if errors else 200)


# --- requests --------------------------------------------------------------------------------
@bp.route("/enfance/compte/demande/<slug>", methods=["GET", "POST"])
@family_required
def request_places(slug: str):
    tz = state().timezone
    errors: dict[str, str] = {}
    key = request.form.get("cle") or uuid.uuid4().hex
    chosen = {int(v) for v in request.form.getlist("seances") if v.isascii() and v.isdigit()}
    child_value = request.form.get("enfant", "")
    if request.method == "POST":
        if not (child_value.isascii() and child_value.isdigit()):
            errors["enfant"] = "Choisissez l’enfant à inscrire."
        if not chosen:
            errors["seances"] = "Cochez au moins une séance."
        if not errors:
            child_id, ids = int(child_value), sorted(chosen)

            def applying(db: Session) -> tuple[Family, Child, None]:
                family = _family(db)
                families.check_verified(family, state().settings)
                child = db.get(Child, child_id)
                if child is None or child.family_id != family.id:
                    raise ChildcareError("Cet enfant n’est pas rattaché à votre compte.")
                return family, child, None

            try:
                booking.submit(_transaction, applying, ids, key, tz=tz)
            except ChildcareError as exc:
                errors["seances"] = exc.message
            else:
                flash("Votre demande est enregistrée.")
                return redirect(url_for("childcare_family.account"))
    with state().sessions() as db:
        family = _family(db)
        period = programme.find_period(db, slug)
        if period is None:
            abort(404, description="Cette période n’existe pas.")
        sessions = programme.programme_sessions(db, period_id=period.id)
        page = render_template(
            "childcare/request_form.html",
            period=period,
            status=registration_status(period, utcnow(), tz),
            first_come=period.allocation_mode == FIRST_COME,
            children=list(family.children),
            sessions=sessions,
            describe=programme.describe_session,
            chosen=chosen,
            child_value=child_value,
            key=key,
            errors=errors,
        )
    return page, (422 if errors else 200)


@bp.post("/enfance/compte/demandes/<int:registration_id>/annuler")
@family_required
def cancel(registration_id: int):
    def work(db: Session) -> None:
        family = _family(db)
        booking.cancel(
            db, registration_id, family, by=f"famille {family.name}", tz=state().timezone
        )

    try:
        _transaction(work)
    except ChildcareError as exc:
        flash(exc.message)
    else:
        flash("Votre demande est annulée.")
    return redirect(url_for("childcare_family.account"))


# --- private calendar ------------------------------------------------------------------------
@bp.get("/enfance/agenda/<token>.ics")
def feed(token: str):
    number = token.partition("-")[0]
    if not (number.isascii() and number.isdigit()) or len(number) > 10:
        abort(404)
    family_id = int(number)
    if not hmac.compare_digest(token, feed_token(family_id)):
        abort(404)
    tz = state().timezone
    domain = request.host.split(":")[0] or "girou"
    with state().sessions() as db:
        family = db.get(Family, family_id)
        if family is None:
            abort(404)
        rows = db.execute(
            select(RegistrationLine.session_id, Child.id.label("child_id"), Child.first_name)
            .join(Registration, Registration.id == RegistrationLine.registration_id)
            .join(Child, Child.id == Registration.child_id)
            .where(
                Registration.family_id == family_id,
                Registration.status == CONFIRMED,
                RegistrationLine.status == HELD,
            )
        ).all()
        sessions = programme.sessions_by_id(db, (row.session_id for row in rows))
        events = []
        for row in rows:
            event = session_event(sessions[row.session_id], tz, domain)
            event["uid"] = f"childcare-{row.child_id}-{row.session_id}@{domain}"
            event["summary"] = f"{row.first_name} : {event['summary']}"
            events.append(event)
        body = calendar(f"Centres de loisirs — {family.name}", events, tz)
    response = ics_response(body, "enfance.ics")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# --- documents, export, deletion -------------------------------------------------------------
@bp.route("/enfance/compte/documents", methods=["GET", "POST"])
@family_required
def documents_page():
    errors: dict[str, str] = {}
    kind = request.form.get("type", "")
    if request.method == "POST":
        upload = request.files.get("fichier")
        data = upload.read(documents.MAX_BYTES + 1) if upload else b""
        try:
            documents.check_upload(kind, data)
            path, size = documents.store(state().shares(), g.family_id, kind, data)
        except ChildcareError as exc:
            errors["type" if "type" in exc.message else "fichier"] = exc.message
        except Exception:  # the file server is down: say so, keep nothing
            log.exception("document upload failed")
            errors["fichier"] = (
                "L’envoi n’a pas abouti (service momentanément indisponible). Réessayez plus tard."
            )
        else:

            def work(db: Session) -> None:
                db.add(
                    documents.FamilyDocument(
                        family_id=_family(db).id, kind=kind, path=path, size=size
                    )
                )

            _transaction(work)
            flash(f"Document reçu : {documents.KINDS[kind]}.")
            return redirect(url_for("childcare_family.documents_page"))
    with state().sessions() as db:
        family = _family(db)
        sent = documents.documents_of(db, family.id)
        page = render_template(
            "childcare/documents.html",
            kinds=documents.KINDS,
            sent=sent,
            missing=documents.missing_documents(db, family),
            errors=errors,
            kind=kind,
        )
    return page, (422 if errors else 200)


@bp.get("/enfance/compte/mes-donnees.json")
@family_required
def export():
    with state().sessions() as db:
        data = privacy.export_family(db, _family(db))
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="mes-donnees-enfance.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/enfance/compte/supprimer", methods=["GET", "POST"])
@family_required
def delete_account():
    error = None
    if request.method == "POST":
        settings = state().settings
        with state().sessions() as db:
            email = _family(db).email
            ok = families.authenticate(
                db,
                email,
                request.form.get("mot_de_passe", ""),
                settings.get("childcare", "password_scrypt_n"),
            )
        if ok is None:
            error = "Mot de passe incorrect : le compte n’a pas été supprimé."
        else:
            paths = _transaction(
                lambda db: privacy.delete_family(db, g.family_id, tz=state().timezone)
            )
            try:
                documents.remove_files(state().shares(), paths)
            except Exception:  # the records are gone; the secretariat can remove the files
                log.exception("documents of a deleted family left in the share: %s", paths)
            session.pop(SESSION_KEY, None)
            flash("Votre compte famille et ses données ont été supprimés.")
            return redirect(url_for("childcare_pages.index"))
    return render_template("childcare/delete.html", error=error), (401 if error else 200)
