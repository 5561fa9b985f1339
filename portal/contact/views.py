"""The contact form for residents: each message goes, through the outbox, to its topic's room."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, request, url_for

from collab import outbox
from collab.addresses import is_email
from collab.french import fold
from collab.territory import Territory
from portal.directory.forms import PHONE_RE
from portal.forms import FormErrors, clean
from portal.security import rate_limited
from portal.state import state

bp = Blueprint("contact", __name__)

KIND = "contact.message"
FALLBACK_ROOM = "moderation"
HONEYPOT = "site_web_2"
MESSAGES_PER_WINDOW, WINDOW_SECONDS = 5, 600


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    room_key: str  # where the message is posted (its instance must exist in the territory)


TOPICS = (
    Topic("enfance", "Enfance, jeunesse et accueils de loisirs", "secretariat"),
    Topic("urbanisme", "Urbanisme, permis de construire, cadastre", "instance:urbanisme"),
    Topic("annuaire", "Annuaire des associations et entreprises", "moderation"),
    Topic("site", "Le site internet, son accessibilité", "moderation"),
    Topic("autre", "Autre question", "moderation"),
)


def topic(key: str) -> Topic | None:
    return next((t for t in TOPICS if t.key == key), None)


def room_for(chosen: Topic, territory: Territory) -> str:
    """The topic's room, or the moderation room when this territory has no such instance."""
    key = chosen.room_key.removeprefix("instance:")
    if any(instance.key == key for instance in territory.instances):
        return chosen.room_key
    return FALLBACK_ROOM


def _communes() -> list[tuple[str, str]]:
    communes = sorted(state().territory.communes, key=lambda c: fold(c.name))
    return [(c.insee, c.name) for c in communes]


def _read(form) -> tuple[dict[str, str], FormErrors]:
    errors = FormErrors()
    values = {
        "name": errors.text(form, "nom", "Votre nom", max_length=200),
        "email": clean(form.get("courriel", "")),
        "phone": clean(form.get("telephone", "")),
        "commune": clean(form.get("commune", "")),
        "topic": clean(form.get("sujet", "")),
        "message": errors.text(form, "message", "Votre message", max_length=5000, multiline=True),
    }
    if not values["email"]:
        errors["courriel"] = "Le champ « Votre courriel » est obligatoire."
    elif not is_email(values["email"]):
        errors["courriel"] = (
            "Le champ « Votre courriel » doit être une adresse comme nom@exemple.fr."
        )
    if values["phone"] and not PHONE_RE.fullmatch(values["phone"]):
        errors["telephone"] = "Le téléphone ne peut contenir que des chiffres, espaces et « + »."
    if values["commune"] and values["commune"] not in dict(_communes()):
        errors["commune"] = "Choisissez une commune dans la liste."
    if topic(values["topic"]) is None:
        errors["sujet"] = "Choisissez le sujet de votre message."
    return values, errors


@bp.route("/contact", methods=["GET", "POST"])
@rate_limited("contact", MESSAGES_PER_WINDOW, WINDOW_SECONDS)
def contact_form():
    if request.method == "GET":
        return _page({"sujet": request.args.get("sujet", "")}, {})
    if request.form.get(HONEYPOT, "").strip():
        return redirect(url_for("contact.sent"), 303)  # a robot: thanked, and nothing is kept
    values, errors = _read(request.form)
    if errors:
        shown = {k: v for k, v in request.form.items() if k != "csrf_token"}
        return _page(shown, errors), 400
    territory = state().territory
    chosen = topic(values["topic"])
    assert chosen is not None
    communes = dict(_communes())
    ext = state()
    with ext.sessions.begin() as db:
        outbox.enqueue(
            db,
            kind=KIND,
            room_key=room_for(chosen, territory),
            payload={
                **values,
                "topic_label": chosen.label,
                "commune_name": communes.get(values["commune"], ""),
            },
            source_id=f"contact:{uuid.uuid4()}",
        )
    return redirect(url_for("contact.sent"), 303)


def _page(values: dict[str, str], errors: dict[str, str]):
    return render_template(
        "contact/form.html",
        values=values,
        errors=errors,
        topics=[(t.key, t.label) for t in TOPICS],
        communes=_communes(),
        honeypot=HONEYPOT,
    )


@bp.get("/contact/merci")
def sent():
    return render_template("contact/sent.html")
