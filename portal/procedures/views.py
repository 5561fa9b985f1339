"""Public pages of the procedures: the three audiences by theme and folder, each sheet, search."""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, load_only

from collab.french import fold
from collab.territory import Commune
from portal import fulltext, pagecache
from portal.communes import Mairie, mairie_for
from portal.procedures import render
from portal.procedures.models import Sheet
from portal.procedures.render import AUDIENCES, REF_ID_RE, SHEET_ID_RE
from portal.procedures.search import search_sheets
from portal.state import state

bp = Blueprint("procedures", __name__)

COMMUNE_COOKIE = "girou_commune"
COMMUNE_COOKIE_SECONDS = 365 * 24 * 3600
PAGE_SIZE = 20
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PAGE_COLUMNS = (
    Sheet.id,
    Sheet.type,
    Sheet.sp_url,
    Sheet.title,
    Sheet.description,
    Sheet.modified,
    Sheet.audience,
    Sheet.theme_id,
    Sheet.theme_title,
    Sheet.folder_id,
    Sheet.folder_title,
    Sheet.siblings,
    Sheet.breadcrumb,
    Sheet.links,
    Sheet.body_html,
)


def chosen_commune() -> Commune | None:
    """The commune the visitor picked (remembered in a cookie), if it is one of ours."""
    insee = request.cookies.get(COMMUNE_COOKIE, "")
    try:
        return state().territory.commune(insee) if insee else None
    except KeyError:
        return None


def _communes() -> list[Commune]:
    return sorted(state().territory.communes, key=lambda c: fold(c.name))


def audience_label(slug: str) -> str:
    return AUDIENCES.get(slug, AUDIENCES["particuliers"])[0]


# --- browsing ---------------------------------------------------------------------------------
@bp.get("/demarches")
def index():
    with state().sessions() as db:
        rows = db.execute(
            select(Sheet.audience, Sheet.theme_id, func.max(Sheet.theme_title), func.count())
            .where(Sheet.theme_id.is_not(None))
            .group_by(Sheet.audience, Sheet.theme_id)
        ).all()
        total = db.scalar(select(func.count()).select_from(Sheet)) or 0
    themes: dict[str, list[tuple[str, str, int]]] = {slug: [] for slug in AUDIENCES}
    for audience, theme_id, theme_title, count in rows:
        if audience in themes:
            themes[audience].append((theme_id, theme_title or theme_id, count))
    for items in themes.values():
        items.sort(key=lambda item: fold(item[1]))
    return render_template(
        "procedures/index.html",
        audiences=AUDIENCES,
        themes=themes,
        total=total,
        commune=chosen_commune(),
        communes=_communes(),
    )


@bp.get("/demarches/<key>")
def page(key: str):
    if key in AUDIENCES:
        return _audience_page(key)
    if SHEET_ID_RE.fullmatch(key):
        return _sheet_page(key)
    abort(404, description="Cette démarche n’existe pas.")


def _audience_page(audience: str):
    with state().sessions() as db:
        rows = db.execute(
            select(
                Sheet.theme_id,
                func.max(Sheet.theme_title),
                Sheet.folder_id,
                func.max(Sheet.folder_title),
                func.count(),
            )
            .where(Sheet.audience == audience, Sheet.theme_id.is_not(None))
            .group_by(Sheet.theme_id, Sheet.folder_id)
        ).all()
    themes: dict[str, dict] = {}
    for theme_id, theme_title, folder_id, folder_title, count in rows:
        theme = themes.setdefault(
            theme_id, {"id": theme_id, "title": theme_title or theme_id, "folders": [], "count": 0}
        )
        theme["count"] += count
        if folder_id:
            theme["folders"].append((folder_id, folder_title or folder_id, count))
    ordered = sorted(themes.values(), key=lambda t: fold(t["title"]))
    for theme in ordered:
        theme["folders"].sort(key=lambda f: fold(f[1]))
    return render_template(
        "procedures/audience.html",
        audience=audience,
        label=audience_label(audience),
        themes=ordered,
    )


@bp.get("/demarches/<audience>/<theme_id>")
def theme(audience: str, theme_id: str):
    if audience not in AUDIENCES or not REF_ID_RE.fullmatch(theme_id):
        abort(404, description="Ce thème n’existe pas.")
    with state().sessions() as db:
        sheets = db.execute(
            select(Sheet.id, Sheet.title, Sheet.folder_id, Sheet.folder_title, Sheet.theme_title)
            .where(Sheet.audience == audience, Sheet.theme_id == theme_id)
            .order_by(Sheet.title)
        ).all()
    if not sheets:
        abort(404, description="Aucune fiche n’est publiée dans ce thème.")
    folder_sheets = {row.id for row in sheets if row.id.startswith("N")}
    folders: dict[str | None, dict] = {}
    for row in sheets:
        key = row.folder_id
        folder = folders.setdefault(
            key,
            {"id": key, "title": row.folder_title, "sheets": [], "imported": key in folder_sheets},
        )
        folder["sheets"].append(row)
    ordered = sorted(folders.values(), key=lambda f: (f["id"] is None, fold(f["title"] or "")))
    return render_template(
        "procedures/theme.html",
        audience=audience,
        label=audience_label(audience),
        theme_id=theme_id,
        theme_title=sheets[0].theme_title or theme_id,
        folders=ordered,
    )


# --- one sheet --------------------------------------------------------------------------------
@functools.cache
def _version_statement(with_mairie: bool):
    """Built once: the request only binds the commune."""
    parts = [select(func.max(Sheet.imported_at)).scalar_subquery()]
    if with_mairie:
        parts.append(
            select(Mairie.imported_at).where(Mairie.insee == bindparam("insee")).scalar_subquery()
        )
    return select(*parts)


def _version(insee: str) -> tuple:
    """What a sheet page shows depends on: the imported sheets, and the chosen commune's mairie
    (one query reading two indexes)."""
    engine = state().sessions.kw["bind"]
    with engine.connect() as connection:
        if insee:
            return tuple(connection.execute(_version_statement(True), {"insee": insee}).one())
        return tuple(connection.execute(_version_statement(False)).one())


def _sheet_page(sheet_id: str):
    commune = chosen_commune()
    insee = commune.insee if commune is not None else ""
    cache = pagecache.cache_of(current_app, "procedures.sheet")
    version = cache.version(insee, lambda: _version(insee))
    anonymous = pagecache.is_anonymous()
    if anonymous and (whole := cache.get(("page", sheet_id, insee), version)) is not None:
        return whole
    cached = cache.get((sheet_id, insee), version)
    if cached is None:
        cached = _render_sheet(sheet_id, commune)
        cache.put((sheet_id, insee), version, cached)
    title, fragment, status = cached
    if status == 404:
        return render_template(
            "procedures/missing.html",
            sheet_id=sheet_id,
            sp_url=render.service_public_url(sheet_id, None),
        ), 404
    whole = render_template("procedures/sheet.html", title=title, fragment=Markup(fragment))
    if anonymous:
        cache.put(("page", sheet_id, insee), version, whole)
    return whole


def _render_sheet(sheet_id: str, commune: Commune | None) -> tuple[str, str, int]:
    """(title, the page's content as HTML, status), rendered for anyone (no CSRF token)."""
    with state().sessions() as db:
        sheet = db.scalars(
            select(Sheet).options(load_only(*PAGE_COLUMNS)).where(Sheet.id == sheet_id)
        ).first()
        if sheet is None:
            return "", "", 404
        wanted = set(sheet.links)
        wanted.update(item[0] for item in sheet.siblings)
        wanted.update(item[0] for item in sheet.breadcrumb)
        imported = _imported(db, wanted)
        children = []
        if sheet_id.startswith("N"):
            children = db.execute(
                select(Sheet.id, Sheet.title)
                .where(Sheet.folder_id == sheet_id, Sheet.id != sheet_id)
                .order_by(Sheet.title)
            ).all()
        mairie = None
        if commune is not None and 'data-girou-local="mairie"' in sheet.body_html:
            mairie = mairie_for(db, commune.insee)
    here = url_for("procedures.page", key=sheet_id)

    def office(pivot: str) -> str:
        return render_template(
            "procedures/_local_office.html", pivot=pivot, commune=commune, mairie=mairie, here=here
        )

    body = render.fill_local_offices(render.resolve_links(sheet.body_html, imported), office)
    fragment = render_template(
        "procedures/_sheet_content.html",
        sheet=sheet,
        body=Markup(body),
        label=audience_label(sheet.audience),
        crumbs=_crumbs(sheet, imported),
        siblings=[(sid, title, sid in imported) for sid, title in sheet.siblings],
        children=children,
        sp_url=sheet.sp_url or render.service_public_url(sheet.id, sheet.audience),
        licence_url=LICENCE_URL,
    )
    return sheet.title, fragment, 200


def _imported(db: Session, ids: set[str]) -> frozenset[str]:
    ids = {i for i in ids if i}
    if not ids:
        return frozenset()
    return frozenset(db.scalars(select(Sheet.id).where(Sheet.id.in_(sorted(ids)))))


def _crumbs(sheet: Sheet, imported: frozenset[str]) -> list[tuple[str, str | None]]:
    audience = sheet.audience
    crumbs: list[tuple[str, str | None]] = [
        ("Démarches", url_for("procedures.index")),
        (audience_label(audience), url_for("procedures.page", key=audience)),
    ]
    for level_id, title, kind in sheet.breadcrumb:
        if level_id in AUDIENCES or level_id.lower() in AUDIENCES or level_id == sheet.id:
            continue
        if level_id in imported:
            crumbs.append((title, url_for("procedures.page", key=level_id)))
        elif "th" in kind.lower() and REF_ID_RE.fullmatch(level_id):
            crumbs.append(
                (title, url_for("procedures.theme", audience=audience, theme_id=level_id))
            )
        elif sheet.theme_id:
            target = url_for("procedures.theme", audience=audience, theme_id=sheet.theme_id)
            crumbs.append((title, f"{target}#dossier-{level_id}"))
    crumbs.append((sheet.title, None))
    return crumbs


# --- the visitor's commune ---------------------------------------------------------------------
def _local_path(target: str) -> str:
    """Only a path of this site (never an open redirect)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("procedures.index")


@bp.route("/demarches/commune", methods=["GET", "POST"])
def choose_commune():
    if request.method == "GET":
        return render_template(
            "procedures/commune.html",
            commune=chosen_commune(),
            communes=_communes(),
            suivant=_local_path(request.args.get("suivant", "")),
        )
    insee = request.form.get("commune", "")
    target = _local_path(request.form.get("suivant", ""))
    response = redirect(target, 303)
    if insee == "":
        response.delete_cookie(COMMUNE_COOKIE)
        return response
    try:
        state().territory.commune(insee)
    except KeyError:
        abort(400, description="Cette commune ne fait pas partie de l’intercommunalité.")
    response.set_cookie(
        COMMUNE_COOKIE,
        insee,
        max_age=COMMUNE_COOKIE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


# --- search -----------------------------------------------------------------------------------
def _query_args() -> tuple[str, str | None, int]:
    query = " ".join(request.args.get("q", "").replace("\x00", "").split())[: fulltext.MAX_QUERY]
    audience = request.args.get("public") or None
    if audience not in AUDIENCES:
        audience = None
    try:
        page_number = max(1, min(int(request.args.get("page", "1")), 1000))
    except ValueError:
        page_number = 1
    return query, audience, page_number


@bp.get("/demarches/recherche")
def search():
    query, audience, page_number = _query_args()
    total, results = 0, []
    if query:
        with state().sessions() as db:
            total, results = search_sheets(
                db,
                query,
                audience=audience,
                limit=PAGE_SIZE,
                offset=(page_number - 1) * PAGE_SIZE,
            )
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "procedures/search.html",
        query=query,
        audience=audience,
        audiences=AUDIENCES,
        usable=bool(fulltext.words(query)),
        total=total,
        results=results,
        page=page_number,
        pages=pages,
    )


@bp.get("/api/demarches")
def api_search():
    query, audience, page_number = _query_args()
    total, results = 0, []
    if fulltext.words(query):
        with state().sessions() as db:
            total, results = search_sheets(
                db,
                query,
                audience=audience,
                limit=PAGE_SIZE,
                offset=(page_number - 1) * PAGE_SIZE,
            )
    return jsonify(
        {
            "query": query,
            "total": total,
            "page": page_number,
            "results": [
                {
                    "id": r.id,
                    "title": r.title,
                    "description": r.description,
                    "audience": r.audience,
                    "theme": r.theme_title,
                    "url": url_for("procedures.page", key=r.id, _external=False),
                }
                for r in results
            ],
        }
    )
