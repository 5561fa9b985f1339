"""Pages of the officials' space: /espace-elus (an explanation for visitors, the home page of
officials and staff once logged in), their instances' documents through the portal, the
directory and its vCards, and the form where each person says what they share."""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from collab.addresses import MAX_EMAIL, is_email
from collab.db import utcnow
from collab.feature import HomeRequest
from collab.territory import ELECTED_ROLES, Person
from collab.webdav import SHARE_ERRORS
from portal.auth import current_person, login_required
from portal.directory.forms import PHONE_RE
from portal.forms import FormErrors, clean
from portal.officials import cards, panels
from portal.officials.models import OfficialProfile, profile_of
from portal.officials.services import HomeServices
from portal.security import rate_limited
from portal.state import state

log = logging.getLogger("girou.portal.officials")

bp = Blueprint("officials", __name__)

# Opened in the browser; anything else (HTML, SVG, office files) is downloaded, so that no
# shared file runs as a page of the portal.
INLINE_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}
)
FUNCTION_CHOICES = (*ELECTED_ROLES, "elu-municipal", "dgs", "secretaire", "agent")


def in_the_space(person: Person) -> bool:
    """Officials and staff: everyone of the territory file."""
    return person.is_official or person.is_staff


def home_request(person: Person, services: HomeServices, *, since=None) -> HomeRequest:
    portal = state()
    return HomeRequest(
        person=person,
        territory=portal.territory,
        settings=portal.settings,
        now=utcnow(),
        since=since,
        base_url=portal.settings.public_url("portal"),
        services=services,
    )


@bp.get("/espace-elus")
def home():
    person = current_person()
    if person is None or not in_the_space(person):
        return render_template("cooperation.html")
    portal = state()
    with HomeServices(portal.settings, portal.secrets) as services, portal.sessions() as db:
        found = panels.collect(db, home_request(person, services), portal.officials_home)
        profile = profile_of(db, person.localpart)
    response = Response(render_template("officials/home.html", panels=found, profile=profile))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _instance_path(instance: str, path: str) -> str:
    """The path inside the share, refused (404) unless the person sits in the instance and
    the path stays inside the share: another instance's document is not found, as any."""
    person = current_person()
    if person is None or instance not in person.instances:
        abort(404)
    parts = path.split("/")
    if not path or any(part in ("", ".", "..") or "\\" in part for part in parts):
        abort(404)
    return path


@bp.get("/espace-elus/documents/<instance>/<path:path>")
@login_required(allowed=in_the_space)
def document(instance: str, path: str):
    path = _instance_path(instance, path)
    portal = state()
    with HomeServices(portal.settings, portal.secrets) as services:
        shares = services.shares()
        try:
            data = shares.download(instance, path)
        except FileNotFoundError:
            abort(404)
        except SHARE_ERRORS as exc:
            log.warning("document %s/%s not read: %s", instance, path, exc)
            abort(503)
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    inline = kind in INLINE_TYPES and "telecharger" not in request.args
    name = posixpath.basename(path)
    response = Response(data, mimetype=kind)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = _disposition(disposition, name)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _disposition(kind: str, name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@bp.get("/espace-elus/annuaire")
@login_required(allowed=in_the_space)
def directory():
    portal = state()
    territory = portal.territory
    criteria = {
        "name": clean(request.args.get("q", ""))[:100],
        "commune": request.args.get("commune", ""),
        "function": request.args.get("fonction", ""),
        "instance": request.args.get("instance", ""),
    }
    with portal.sessions() as db:
        everyone = cards.all_cards(db, territory)
    found = cards.find_cards(everyone, **criteria)
    return render_template(
        "officials/directory.html",
        cards=found,
        total=len(everyone),
        criteria=criteria,
        functions=[
            role for role in FUNCTION_CHOICES if any(p.role == role for p in territory.people)
        ],
    )


@bp.get("/espace-elus/annuaire/<localpart>.vcf")
@login_required(allowed=in_the_space)
def vcard(localpart: str):
    portal = state()
    try:
        person = portal.territory.person(localpart)
    except KeyError:
        abort(404)
    with portal.sessions() as db:
        item = cards.card(person, portal.territory, db.get(OfficialProfile, localpart))
    text = cards.vcard(item, portal.territory, portal.settings)
    response = Response(text, mimetype="text/vcard")
    response.headers["Content-Disposition"] = _disposition("attachment", f"{localpart}.vcf")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/espace-elus/coordonnees", methods=["GET", "POST"])
@login_required(allowed=in_the_space)
@rate_limited("officials-profile", limit=20, per_seconds=600)
def profile():
    person = current_person()
    portal = state()
    errors = FormErrors()
    with portal.sessions() as db:
        row = profile_of(db, person.localpart)
        values = {
            "phone": row.phone,
            "email": row.email,
            "share_phone": row.share_phone,
            "share_email": row.share_email,
            "digest": row.digest,
        }
    if request.method == "POST":
        form = request.form
        values = {
            "phone": errors.text(form, "phone", "Téléphone", max_length=40, required=False),
            "email": errors.text(
                form, "email", "Adresse e-mail", max_length=MAX_EMAIL, required=False
            ),
            "share_phone": form.get("share_phone") == "1",
            "share_email": form.get("share_email") == "1",
            "digest": form.get("digest") == "1",
        }
        if values["phone"] and not PHONE_RE.fullmatch(values["phone"]):
            errors["phone"] = (
                "Le numéro de téléphone n’est pas valide (par exemple 05 61 00 00 00)."
            )
        if values["email"] and not is_email(values["email"]):
            errors["email"] = "L’adresse e-mail n’est pas valide."
        for field in ("phone", "email"):
            if values[f"share_{field}"] and not values[field] and field not in errors:
                errors[field] = "Indiquez ce que vous voulez partager, ou décochez la case."
        if not errors:
            with portal.sessions.begin() as db:
                row = db.get(OfficialProfile, person.localpart) or OfficialProfile(
                    localpart=person.localpart
                )
                for key, value in values.items():
                    setattr(row, key, value)
                db.add(row)
            _update_address_book()
            flash("Vos coordonnées sont enregistrées.")
            return redirect(url_for("officials.home"))
    status = 400 if errors else 200
    return render_template("officials/profile.html", values=values, errors=errors), status


def _update_address_book() -> None:
    """The CardDAV address book says what was just shared; when Radicale cannot be reached,
    the next `girou provision` (every start) brings it in line."""
    portal = state()
    with portal.sessions() as db:
        book = cards.address_book(db, portal.territory, portal.settings)
    with HomeServices(portal.settings, portal.secrets) as services:
        try:
            cards.sync_address_book(services.agenda(), book)
        except cards.SYNC_ERRORS as exc:
            log.warning("address book not updated now: %s", exc)
