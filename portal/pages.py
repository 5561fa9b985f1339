"""Public pages: home, the elected officials, health, the site's icon (the cooperation space's
connection details are the officials' space's page for visitors, portal.officials)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, send_from_directory

from collab import french
from collab.french import fold
from collab.territory import ELECTED_ROLES
from portal import pagecache
from portal.news import latest_news, news_version
from portal.state import state

bp = Blueprint("pages", __name__)

# Bodies whose membership is public; service rooms (secretariat, moderation) are internal.
PUBLIC_INSTANCE_KINDS = ("conseil", "bureau", "commission")

bp.add_app_template_filter(french.date_fr, "date_fr")
bp.add_app_template_filter(french.size_fr, "size_fr")
bp.add_app_template_filter(french.role_fr, "role_fr")


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}


@bp.get("/favicon.ico")
def favicon():
    """The icon at the address browsers and feed readers ask for without reading the page."""
    return send_from_directory(
        current_app.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=86400
    )


@bp.get("/")
def home():
    sessions = state().sessions

    def read_version() -> tuple:
        with sessions() as db:
            return news_version(db)

    def render() -> str:
        with sessions() as db:
            return render_template("home.html", news=latest_news(db, 3))

    return pagecache.anonymous_page("home", "/", read_version, render)


@bp.get("/intercommunalite/elus")
def officials():
    territory = state().territory
    communes = {commune.insee: commune.name for commune in territory.communes}
    public = {i.key: i for i in territory.instances if i.kind in PUBLIC_INSTANCE_KINDS}
    order = {role: rank for rank, role in enumerate(ELECTED_ROLES)}
    people = sorted(
        (p for p in territory.people if p.role in ELECTED_ROLES),
        key=lambda p: (order[p.role], fold(p.name.split(" ")[-1]), fold(p.name)),
    )
    rows = [
        (
            person,
            communes.get(person.commune or "", ""),
            [public[key].name for key in person.instances if key in public],
        )
        for person in people
    ]
    bodies = [
        (instance, [p for p in people if instance.key in p.instances])
        for instance in public.values()
    ]
    return render_template("officials.html", rows=rows, bodies=bodies)
