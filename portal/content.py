"""Editable pages: presentation, competences and the legal pages, written by staff."""

from __future__ import annotations

import datetime as dt
import json
import string
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import DateTime, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab.config import Settings
from collab.db import Base, utcnow
from collab.feature import Feature
from collab.french import fold
from collab.territory import Territory
from portal import richtext
from portal.auth import current_person, login_required
from portal.backoffice import may_edit_content
from portal.forms import FormErrors
from portal.search_terms import SearchHit, contains_all, excerpt, score, terms
from portal.state import state

bp = Blueprint("content", __name__)

DEMO_FILE = Path(__file__).parent / "data" / "pages-demo.json"
# What the accessibility statement declares and the home page repeats. Automated checks
# (axe-core on every public page) pass, but no full RGAA audit has been made: "partially".
ACCESSIBILITY_STATUS = "partiellement conforme"


@dataclass(frozen=True)
class PageSpec:
    slug: str
    title: str
    rule: str


PAGES = (
    PageSpec("presentation", "L’intercommunalité", "/intercommunalite"),
    PageSpec("competences", "Les compétences", "/intercommunalite/competences"),
    PageSpec("mentions-legales", "Mentions légales", "/mentions-legales"),
    PageSpec("donnees-personnelles", "Données personnelles", "/donnees-personnelles"),
    PageSpec("accessibilite", "Déclaration d’accessibilité", "/accessibilite"),
)
SPECS = {spec.slug: spec for spec in PAGES}


class ContentPage(Base):
    __tablename__ = "content_pages"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(255), default="")


def save_page(db: Session, slug: str, title: str, body: str, author: str) -> ContentPage:
    """Create or replace a page's text (and its folded copy for the site search)."""
    page = db.get(ContentPage, slug) or ContentPage(slug=slug)
    page.title, page.body = title, body
    page.search_text = fold(f"{title} {richtext.plain_text(body)}")
    page.updated_at, page.updated_by = utcnow(), author
    db.add(page)
    return page


def endpoint(slug: str) -> str:
    return "content." + slug.replace("-", "_")


def show(slug: str):
    spec = SPECS[slug]
    with state().sessions() as db:
        page = db.get(ContentPage, slug)
    return render_template(
        "content/page.html",
        spec=spec,
        page=page,
        title=page.title if page else spec.title,
        body=richtext.render(page.body) if page else None,
        accessibility_status=ACCESSIBILITY_STATUS,
    )


for _spec in PAGES:
    bp.add_url_rule(
        _spec.rule, endpoint(_spec.slug).split(".", 1)[1], show, defaults={"slug": _spec.slug}
    )


@bp.app_context_processor
def _accessibility_status():
    return {"accessibility_status": ACCESSIBILITY_STATUS}


# --- back-office ---------------------------------------------------------------------------


@bp.get("/gestion/pages")
@login_required(allowed=may_edit_content)
def admin_list():
    with state().sessions() as db:
        stored = {page.slug: page for page in db.scalars(select(ContentPage))}
    rows = [(spec, stored.get(spec.slug)) for spec in PAGES]
    return render_template("content/admin_list.html", rows=rows)


@bp.route("/gestion/pages/<slug>", methods=["GET", "POST"])
@login_required(allowed=may_edit_content)
def edit(slug: str):
    spec = SPECS.get(slug)
    if spec is None:
        abort(404)
    errors = FormErrors()
    with state().sessions() as db:
        page = db.get(ContentPage, slug)
    values = {"title": page.title if page else spec.title, "body": page.body if page else ""}
    if request.method == "POST":
        values = {
            "title": errors.text(request.form, "title", "Titre", max_length=200),
            "body": errors.text(request.form, "body", "Texte", max_length=50_000, multiline=True),
        }
        if not errors:
            with state().sessions.begin() as db:
                save_page(db, slug, values["title"], values["body"], current_person().localpart)
            flash("La page a été enregistrée.")
            return redirect(url_for(endpoint(slug)))
    return render_template(
        "content/edit.html", spec=spec, values=values, errors=errors, help=richtext.HELP
    ), (400 if errors else 200)


# --- site search -----------------------------------------------------------------------------


def search_hits(db: Session, query: str, limit: int) -> list[SearchHit]:
    words = terms(query)
    if not words:
        return []
    pages = db.scalars(
        select(ContentPage).where(
            ContentPage.slug.in_(list(SPECS)), contains_all(ContentPage.search_text, words)
        )
    ).all()
    pages = sorted(pages, key=lambda page: -score(page.title, words))[:limit]
    return [
        SearchHit(
            title=page.title,
            url=url_for(endpoint(page.slug)),
            excerpt=excerpt(richtext.plain_text(page.body), words),
            kind="page",
        )
        for page in pages
    ]


# --- demo ---------------------------------------------------------------------------------------


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    """Write the demo texts of the pages that do not exist yet (staff edits are kept)."""
    president = next((p.name for p in territory.people if p.role == "president"), "")
    fields = {
        "nom": territory.name,
        "nom_court": territory.short_name,
        "siren": territory.siren,
        "president": president or "la présidence",
        "communes": str(len(territory.communes)),
        "portail": settings.public_url("portal"),
        "statut_accessibilite": ACCESSIBILITY_STATUS,
    }
    created = 0
    with sessions.begin() as db:
        for item in json.loads(DEMO_FILE.read_text(encoding="utf-8")):
            if item["slug"] not in SPECS or db.get(ContentPage, item["slug"]) is not None:
                continue
            body = string.Template("\n".join(item["body"])).safe_substitute(fields)
            save_page(db, item["slug"], item["title"], body, "demo")
            created += 1
    return f"pages: {len(PAGES)} editable pages ({created} written from the demo texts)"


def init_app(app) -> None:
    app.register_blueprint(bp)


# The editable pages of the site (back-office), searched by the site search.
FEATURE = Feature(name="content", web=init_app, demo=load_demo, search=search_hits)
