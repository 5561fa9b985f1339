"""Staff and officials log in to the back-office with their Matrix account (one identity)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from collab.identity import IdentityUnavailable
from collab.territory import Person
from portal.errors import UNAVAILABLE_LOGIN
from portal.security import rate_limited
from portal.state import state

bp = Blueprint("auth", __name__)


def current_person() -> Person | None:
    localpart = session.get("localpart")
    if not localpart:
        return None
    try:
        return state().territory.person(localpart)
    except KeyError:
        return None


def login_required(allowed: Callable[[Person], bool] = lambda person: True) -> Callable:
    """Back-office views: a logged-in person of the territory whom `allowed` accepts."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            person = current_person()
            if person is None:
                return redirect(url_for("auth.login", suivant=request.full_path))
            if not allowed(person):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def _safe_next(target: str | None) -> str:
    # Only local paths: never an open redirect.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("pages.home")


@bp.route("/connexion", methods=["GET", "POST"])
@rate_limited("login", limit=10, per_seconds=60)
def login():
    error = None
    if request.method == "POST":
        identity = state().identity
        try:
            localpart = identity.authenticate(
                request.form.get("identifiant", ""), request.form.get("mot_de_passe", "")
            )
        except IdentityUnavailable as exc:
            page = render_template("staff/login.html", error=UNAVAILABLE_LOGIN)
            response = make_response(page, 503)
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        person = None
        if localpart:
            try:
                person = state().territory.person(localpart)
            except KeyError:
                person = None
        if person is None:
            error = "Identifiant ou mot de passe incorrect."
        else:
            session.clear()
            session["localpart"] = person.localpart
            flash(f"Bienvenue, {person.name}.")
            return redirect(_safe_next(request.args.get("suivant")))
    return render_template("staff/login.html", error=error), (401 if error else 200)


@bp.post("/deconnexion")
def logout():
    session.clear()
    return redirect(url_for("pages.home"))
