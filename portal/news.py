"""News of the intercommunality: published by staff in the back-office, read by everyone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import DateTime, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab.config import Settings
from collab.db import Base, utcnow
from collab.demo_calendar import demo_periods, summer_period
from collab.feature import Feature
from collab.french import date_fr, day_fr, fold, time_fr
from collab.territory import Territory
from portal import richtext
from portal.auth import current_person, login_required
from portal.backoffice import may_edit_content
from portal.forms import FormErrors
from portal.search_terms import SearchHit, contains_all, excerpt, score, terms
from portal.state import state

bp = Blueprint("news", __name__)

PER_PAGE = 10
MAX_ID = 2**31 - 1  # larger path numbers are not ids (PostgreSQL integers would overflow)
DEMO_FILE = Path(__file__).parent / "data" / "news-demo.json"


class NewsItem(Base):
    __tablename__ = "news"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(255))

    @property
    def url(self) -> str:
        return url_for("news.detail", news_id=self.id)


def _index(item: NewsItem) -> None:
    item.search_text = fold(f"{item.title} {item.summary} {richtext.plain_text(item.body)}")


def publish_news(
    db: Session,
    title: str,
    summary: str,
    body: str,
    author: str,
    published_at: dt.datetime | None = None,
) -> NewsItem:
    """A new item, visible as soon as the caller's transaction commits."""
    now = utcnow()
    item = NewsItem(
        title=title,
        summary=summary,
        body=body,
        author=author,
        published_at=published_at or now,
        updated_at=now,
    )
    _index(item)
    db.add(item)
    db.flush()
    return item


def latest_news(db: Session, count: int = 3) -> list[NewsItem]:
    newest_first = (NewsItem.published_at.desc(), NewsItem.id.desc())
    return list(db.scalars(select(NewsItem).order_by(*newest_first).limit(count)))


def news_version(db: Session) -> tuple:
    """Changes whenever an item is published, edited or deleted (what the home page shows)."""
    return tuple(
        db.execute(select(func.count(), func.max(NewsItem.id), func.max(NewsItem.updated_at))).one()
    )


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 100_000 else 1


@bp.get("/actualites")
def news_list():
    page = _page_number()
    with state().sessions() as db:
        total = db.scalar(select(func.count()).select_from(NewsItem)) or 0
        items = db.scalars(
            select(NewsItem)
            .order_by(NewsItem.published_at.desc(), NewsItem.id.desc())
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
        ).all()
    pages = max(1, -(-total // PER_PAGE))
    if page > pages:
        abort(404)
    return render_template("news/list.html", items=items, page=page, pages=pages, total=total)


def _item_or_404(db: Session, news_id: int) -> NewsItem:
    item = db.get(NewsItem, news_id) if news_id <= MAX_ID else None
    if item is None:
        abort(404, description="Cette actualité n’existe pas ou a été retirée.")
    return item


@bp.get("/actualites/<int:news_id>")
def detail(news_id: int):
    with state().sessions() as db:
        item = _item_or_404(db, news_id)
    return render_template("news/detail.html", item=item, body=richtext.render(item.body))


# --- back-office ---------------------------------------------------------------------------


@bp.get("/gestion/actualites")
@login_required(allowed=may_edit_content)
def admin_list():
    with state().sessions() as db:
        items = db.scalars(
            select(NewsItem).order_by(NewsItem.published_at.desc(), NewsItem.id.desc())
        ).all()
    return render_template("news/admin_list.html", items=items)


def _read_form(errors: FormErrors) -> dict[str, str]:
    return {
        "title": errors.text(request.form, "title", "Titre", max_length=200),
        "summary": errors.text(request.form, "summary", "Chapô", max_length=500, required=False),
        "body": errors.text(request.form, "body", "Texte", max_length=50_000, multiline=True),
    }


def _form(values: dict[str, str], errors: FormErrors, item: NewsItem | None):
    return render_template(
        "news/form.html", values=values, errors=errors, item=item, help=richtext.HELP
    ), (400 if errors else 200)


@bp.route("/gestion/actualites/nouvelle", methods=["GET", "POST"])
@login_required(allowed=may_edit_content)
def create():
    errors = FormErrors()
    values = {"title": "", "summary": "", "body": ""}
    if request.method == "POST":
        values = _read_form(errors)
        if not errors:
            with state().sessions.begin() as db:
                item = publish_news(db, author=current_person().localpart, **values)
                url = item.url
            flash("L’actualité est publiée.")
            return redirect(url)
    return _form(values, errors, None)


@bp.route("/gestion/actualites/<int:news_id>", methods=["GET", "POST"])
@login_required(allowed=may_edit_content)
def edit(news_id: int):
    errors = FormErrors()
    with state().sessions() as db:
        item = _item_or_404(db, news_id)
    values = {"title": item.title, "summary": item.summary, "body": item.body}
    if request.method == "POST":
        values = _read_form(errors)
        if not errors:
            with state().sessions.begin() as db:
                stored = _item_or_404(db, news_id)
                stored.title, stored.summary, stored.body = (
                    values["title"],
                    values["summary"],
                    values["body"],
                )
                stored.updated_at = utcnow()
                _index(stored)
            flash("L’actualité a été modifiée.")
            return redirect(url_for("news.detail", news_id=news_id))
    return _form(values, errors, item)


@bp.post("/gestion/actualites/<int:news_id>/supprimer")
@login_required(allowed=may_edit_content)
def delete(news_id: int):
    with state().sessions.begin() as db:
        item = _item_or_404(db, news_id)
        title = item.title
        db.delete(item)
    flash(f"L’actualité « {title} » a été retirée.")
    return redirect(url_for("news.admin_list"))


# --- site search -----------------------------------------------------------------------------


def search_hits(db: Session, query: str, limit: int) -> list[SearchHit]:
    words = terms(query)
    if not words:
        return []
    items = db.scalars(
        select(NewsItem)
        .where(contains_all(NewsItem.search_text, words))
        .order_by(NewsItem.published_at.desc())
        .limit(limit * 5)
    ).all()
    items = sorted(items, key=lambda item: -score(item.title, words))[:limit]
    return [
        SearchHit(
            title=item.title,
            url=item.url,
            excerpt=excerpt(item.summary or richtext.plain_text(item.body), words),
            kind="news",
        )
        for item in items
    ]


# --- demo ---------------------------------------------------------------------------------------


CHILDCARE_TITLE = "Accueils de loisirs : "  # the demo item on the summer registrations


def _capitalised_off(name: str) -> str:
    return name[:1].lower() + name[1:]


def childcare_demo_item(now: dt.datetime) -> dict:
    """The demo item on the summer pre-registrations of the demo programme, saying what is
    true at `now` (local wall-clock time): open, opening on a date, or closed; and the
    holidays open meanwhile. Its dates are those of collab.demo_calendar, which the childcare
    demo sets."""
    periods = demo_periods(now.date())
    summer = summer_period(periods)
    holidays = _capitalised_off(summer.name)
    if now < summer.residents_open:
        state = f"ouvriront le {date_fr(summer.residents_open)}"
        lead = (
            f"Les familles du territoire pourront préinscrire leurs enfants pour les {holidays} "
            f"à partir du {day_fr(summer.residents_open.date())} à "
            f"{time_fr(summer.residents_open)}, les autres familles à partir du "
            f"{day_fr(summer.opens.date())}."
        )
        published = now - dt.timedelta(days=2)
    elif now < summer.closes:
        state = "sont ouvertes"
        lead = (
            f"Les familles peuvent préinscrire leurs enfants en ligne pour les {holidays}, à "
            f"toute heure, jusqu’au {day_fr(summer.closes.date())} à {time_fr(summer.closes)}."
        )
        published = summer.residents_open
    else:
        state = "sont closes"
        lead = f"Les préinscriptions pour les {holidays} sont closes."
        published = summer.closes
    if summer.lottery:
        rule = (
            "Toutes les demandes reçues avant la clôture sont examinées ensemble : les places "
            "sont attribuées selon des critères de priorité publics, puis par tirage au sort."
        )
    else:
        rule = "Les places sont attribuées dans l’ordre d’arrivée des demandes."
    body = [
        lead,
        "",
        "## Comment faire",
        "",
        "1. Consultez le programme des activités dans la rubrique [Enfance et loisirs](/enfance).",
        "2. Choisissez les jours et l’accueil de loisirs.",
        "3. Validez la préinscription : le secrétariat la confirme par courriel.",
        "",
        rule,
    ]
    meanwhile = [p for p in periods if p is not summer and p.kind != "wednesdays"]
    for period in meanwhile:
        if period.is_open(now):
            body += [
                "",
                f"En attendant, les préinscriptions des {_capitalised_off(period.name)} sont "
                f"ouvertes jusqu’au {day_fr(period.closes.date())} à {time_fr(period.closes)}.",
            ]
    body += ["", "*Actualité de démonstration.*"]
    return {
        "title": f"{CHILDCARE_TITLE}les préinscriptions de l’été {state}",
        "summary": lead,
        "body": body,
        "published": published,
    }


def load_demo(
    settings: Settings,
    sessions: sessionmaker[Session],
    territory: Territory,
    *,
    today: dt.date | None = None,
) -> str:
    """The demo news, dated a few days back from today (or `today`, at noon); items already
    there are kept."""
    tz = settings.timezone
    now = dt.datetime.now(tz) if today is None else dt.datetime.combine(today, dt.time(12), tz)
    author = next((p.localpart for p in territory.people if p.is_staff), "demo")
    created = 0
    with sessions.begin() as db:
        existing = set(db.scalars(select(NewsItem.title)))
        if not any(title.startswith(CHILDCARE_TITLE) for title in existing):
            item = childcare_demo_item(now.replace(tzinfo=None))
            published = item["published"].replace(tzinfo=tz).astimezone(dt.UTC)
            body = "\n".join(item["body"])
            publish_news(
                db, item["title"], item["summary"], body, author, published.replace(tzinfo=None)
            )
            created += 1
        for entry in json.loads(DEMO_FILE.read_text(encoding="utf-8")):
            if entry["title"] in existing:
                continue
            published = now.astimezone(dt.UTC).replace(tzinfo=None)
            published -= dt.timedelta(days=entry["days_ago"])
            body = "\n".join(entry["body"]).replace("$nom", territory.name)
            publish_news(db, entry["title"], entry["summary"], body, author, published)
            created += 1
    return f"news: {created} demo items published"


def init_app(app) -> None:
    app.register_blueprint(bp)


# The intercommunality's news, published from the back-office and searched.
FEATURE = Feature(name="news", web=init_app, demo=load_demo, search=search_hits)
