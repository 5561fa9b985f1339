"""The staff back-office home (/gestion): who may edit the portal, and the way to each area."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from collab.territory import Person
from portal.auth import login_required

bp = Blueprint("backoffice", __name__)

# (label, endpoint, description): each back-office area adds its line (one-line edit).
AREAS: tuple[tuple[str, str, str], ...] = (
    ("Actualités", "news.admin_list", "Publier, modifier ou retirer une actualité."),
    ("Pages", "content.admin_list", "Présentation, compétences et pages légales."),
    ("Annuaire", "directory.staff_list", "Valider ou refuser les propositions de fiches."),
    ("Enfance", "childcare_staff.requests_page", "Demandes de places, présences, attente."),
    ("Programme enfance", "childcare_programme.index", "Périodes, activités, séances, tarifs."),
    ("Séances", "seances.index", "Convoquer les instances, ordre du jour, réponses, quorum."),
    ("Enquête numérique", "survey.staff_index", "Campagnes, liens des mairies, résultats."),
    ("État du service", "status.page", "Services, veilles, tâches et files d'attente."),
)


def may_edit_content(person: Person) -> bool:
    """Staff and the executive (president, vice-presidents) publish on the portal."""
    return person.is_staff or person.is_moderator


@bp.get("/gestion")
@login_required(allowed=may_edit_content)
def index():
    areas = [(label, url_for(endpoint), description) for label, endpoint, description in AREAS]
    return render_template("backoffice/index.html", areas=areas)
