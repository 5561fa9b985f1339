"""Pages of the directory: browse and search, an entry, the proposal forms, the JSON API and
the moderators' back-office."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from collab.french import fold
from collab.territory import Commune, Person
from portal import fulltext, pagecache
from portal.auth import current_person, login_required
from portal.directory import forms, moderation
from portal.directory.models import (
    APPROVED,
    KINDS,
    PENDING,
    REFUSED,
    DirectoryEntry,
    DirectorySubmission,
)
from portal.directory.search import Filters, Results, browse, search_entries, version
from portal.security import rate_limited
from portal.state import state

bp = Blueprint("directory", __name__)

PAGE_SIZE = 20
API_PAGE_SIZE = 50
MAX_PAGE = 1000
MAX_FORM_BYTES = 2_000_000
SUBMISSIONS_PER_WINDOW, SUBMISSION_WINDOW_SECONDS = 5, 600


def _communes() -> list[Commune]:
    return sorted(state().territory.communes, key=lambda c: fold(c.name))


def _commune_names() -> dict[str, str]:
    return {c.insee: c.name for c in state().territory.communes}


def _text_arg(name: str, limit: int = 200) -> str:
    return " ".join(request.args.get(name, "").replace("\x00", "").split())[:limit]


def _filters() -> Filters:
    kind = _text_arg("type")
    commune = _text_arg("commune", 5)
    return Filters(
        query=_text_arg("q", fulltext.MAX_QUERY),
        category=_text_arg("categorie", 100),
        commune=commune if commune in _commune_names() else "",
        kind=kind if kind in KINDS else "",
    )


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), MAX_PAGE))
    except ValueError:
        return 1


# --- browse and search ------------------------------------------------------------------------
@bp.get("/annuaire")
def index():
    filters, page = _filters(), _page()
    cache = pagecache.cache_of(current_app, "directory.index")
    key = (filters, page)
    sessions = state().sessions

    def read_version() -> tuple:
        with sessions.kw["bind"].connect() as connection:
            return version(connection)

    data_version = cache.version("entries", read_version)
    anonymous = pagecache.is_anonymous()
    if anonymous and (whole := cache.get(("page", key), data_version)) is not None:
        return whole
    cached = cache.get(key, data_version)
    if cached is None:
        with sessions() as db:
            results = browse(db, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        cached = _render_index(filters, page, results)
        cache.put(key, data_version, cached)
    title, fragment = cached
    whole = render_template("directory/index.html", title=title, fragment=Markup(fragment))
    if anonymous:
        cache.put(("page", key), data_version, whole)
    return whole


def _render_index(filters: Filters, page: int, results: Results) -> tuple[str, str]:
    names = _commune_names()
    total = results.total
    pages = max(1, -(-total // PAGE_SIZE))
    args = {
        k: v
        for k, v in {
            "q": filters.query,
            "type": filters.kind,
            "categorie": filters.category,
            "commune": filters.commune,
        }.items()
        if v
    }
    title = "Annuaire des associations et entreprises"
    if filters.active:
        title += f" : {total} résultat{'s' if total > 1 else ''}"
    if page > 1:
        title += f" (page {page})"
    fragment = render_template(
        "directory/_index_content.html",
        filters=filters,
        total=total,
        rows=results.rows,
        page=page,
        pages=pages,
        args=args,
        kinds=KINDS,
        categories=sorted(results.categories, key=lambda c: fold(c[0])),
        communes=sorted(
            ((insee, names.get(insee, insee), count) for insee, count in results.communes),
            key=lambda c: fold(c[1]),
        ),
        all_communes=_communes(),
        all_categories=forms.CATEGORIES,
        commune_names=names,
    )
    return title, fragment


@bp.get("/annuaire/<int:entry_id>")
def entry(entry_id: int):
    with state().sessions() as db:
        item = db.get(DirectoryEntry, entry_id)
    if item is None:
        abort(404, description="Cette fiche de l’annuaire n’existe pas ou a été retirée.")
    return render_template(
        "directory/entry.html", entry=item, commune_name=_commune_names().get(item.commune, "")
    )


def _logo_response(data: bytes | None, content_type: str | None, *, public: bool) -> Response:
    if not data:
        abort(404, description="Pas de logo pour cette fiche.")
    response = Response(data, mimetype=content_type or "image/png")
    response.headers["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.get("/annuaire/<int:entry_id>/logo")
def logo(entry_id: int):
    with state().sessions() as db:
        row = db.execute(
            select(DirectoryEntry.logo, DirectoryEntry.logo_type).where(
                DirectoryEntry.id == entry_id
            )
        ).first()
    if row is None:
        abort(404, description="Cette fiche de l’annuaire n’existe pas.")
    return _logo_response(row.logo, row.logo_type, public=True)


# --- proposals --------------------------------------------------------------------------------
def _propose(current: DirectoryEntry | None):
    if request.method == "GET":
        return _form_page(current, forms.form_values(current), {})
    request.max_content_length = MAX_FORM_BYTES
    submitted = forms.read_form(request.form, request.files, state().territory)
    if submitted.is_robot:
        # Answer a robot as if all went well, and keep nothing.
        return redirect(url_for("directory.thanks"), 303)
    if submitted.errors:
        values = {k: v for k, v in request.form.items() if k not in ("csrf_token", "logo")}
        return _form_page(current, values, submitted.errors), 400
    ext = state()
    with ext.sessions.begin() as db:
        if current is not None and db.get(DirectoryEntry, current.id) is None:
            abort(404, description="Cette fiche de l’annuaire n’existe plus.")
        moderation.submit(
            db,
            submitted.fields,
            submitter_name=submitted.submitter_name,
            submitter_email=submitted.submitter_email,
            note=submitted.note,
            entry_id=current.id if current is not None else None,
            settings=ext.settings,
            territory=state().territory,
        )
    return redirect(url_for("directory.thanks"), 303)


def _form_page(current: DirectoryEntry | None, values: dict, errors: dict):
    return render_template(
        "directory/form.html",
        current=current,
        values=values,
        errors=errors,
        kinds=KINDS,
        category_options={
            f"{KINDS[kind]}s": [(name, name) for name in names]
            for kind, names in forms.CATEGORIES.items()
        },
        commune_options=[(c.insee, c.name) for c in _communes()],
        honeypot=forms.HONEYPOT,
    )


@bp.route("/annuaire/proposer", methods=["GET", "POST"])
@rate_limited("directory-submission", SUBMISSIONS_PER_WINDOW, SUBMISSION_WINDOW_SECONDS)
def propose():
    return _propose(None)


@bp.route("/annuaire/<int:entry_id>/modifier", methods=["GET", "POST"])
@rate_limited("directory-submission", SUBMISSIONS_PER_WINDOW, SUBMISSION_WINDOW_SECONDS)
def propose_change(entry_id: int):
    with state().sessions() as db:
        current = db.get(DirectoryEntry, entry_id)
    if current is None:
        abort(404, description="Cette fiche de l’annuaire n’existe pas ou a été retirée.")
    return _propose(current)


@bp.get("/annuaire/merci")
def thanks():
    return render_template("directory/thanks.html")


# --- JSON -------------------------------------------------------------------------------------
def _entry_json(row, names: dict[str, str]) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "category": row.category,
        "commune": row.commune,
        "commune_name": names.get(row.commune, ""),
        "address": row.address,
        "url": row.url,
        "lon": row.lon,
        "lat": row.lat,
    }


@bp.get("/api/annuaire")
def api_search():
    filters, page = _filters(), _page()
    with state().sessions() as db:
        total, rows = search_entries(
            db, filters, limit=API_PAGE_SIZE, offset=(page - 1) * API_PAGE_SIZE
        )
    names = _commune_names()
    return jsonify(
        {
            "total": total,
            "page": page,
            "page_size": API_PAGE_SIZE,
            "results": [_entry_json(row, names) for row in rows],
        }
    )


@bp.get("/api/annuaire.geojson")
def api_geojson():
    """The located entries (for the map), filtered like the list."""
    filters = _filters()
    with state().sessions() as db:
        _total, rows = search_entries(db, filters, limit=5000)
    names = _commune_names()
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
            "properties": {
                k: v for k, v in _entry_json(row, names).items() if k not in ("lon", "lat")
            },
        }
        for row in rows
        if row.lon is not None and row.lat is not None
    ]
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    return response


# --- back-office ------------------------------------------------------------------------------
def may_moderate(person: Person) -> bool:
    """Staff, the executive, and the members of the moderation room moderate on the web too."""
    return person.is_staff or person.is_moderator or "moderation" in person.instances


@bp.get("/gestion/annuaire")
@login_required(allowed=may_moderate)
def staff_list():
    with state().sessions() as db:
        pending = db.scalars(
            select(DirectorySubmission)
            .where(DirectorySubmission.status == PENDING)
            .order_by(DirectorySubmission.id)
        ).all()
        decided = db.scalars(
            select(DirectorySubmission)
            .where(DirectorySubmission.status != PENDING)
            .order_by(DirectorySubmission.decided_at.desc())
            .limit(20)
        ).all()
        entries = db.scalar(select(func.count()).select_from(DirectoryEntry)) or 0
    return render_template(
        "directory/staff_list.html",
        pending=pending,
        decided=decided,
        entries=entries,
        commune_names=_commune_names(),
        APPROVED=APPROVED,
        REFUSED=REFUSED,
    )


def _submission(db: Session, number: int) -> DirectorySubmission:
    submission = db.get(DirectorySubmission, number)
    if submission is None:
        abort(404, description="Cette proposition n’existe pas.")
    return submission


@bp.get("/gestion/annuaire/<int:number>")
@login_required(allowed=may_moderate)
def staff_item(number: int):
    with state().sessions() as db:
        submission = _submission(db, number)
        current = db.get(DirectoryEntry, submission.entry_id) if submission.entry_id else None
    return render_template(
        "directory/staff_item.html",
        submission=submission,
        current=current,
        commune_names=_commune_names(),
        PENDING=PENDING,
    )


@bp.get("/gestion/annuaire/<int:number>/logo")
@login_required(allowed=may_moderate)
def staff_logo(number: int):
    with state().sessions() as db:
        submission = db.scalars(
            select(DirectorySubmission)
            .options(undefer(DirectorySubmission.logo))
            .where(DirectorySubmission.id == number)
        ).first()
        if submission is None:
            abort(404, description="Cette proposition n’existe pas.")
        return _logo_response(submission.logo, submission.logo_type, public=False)


def _decide(number: int, decision: str):
    person = current_person()
    assert person is not None  # login_required
    ext = state()
    reason = " ".join(request.form.get("motif", "").split())[:1000]
    try:
        with ext.sessions.begin() as db:
            if decision == APPROVED:
                entry = moderation.approve(
                    db,
                    number,
                    decided_by=person.name,
                    settings=ext.settings,
                    territory=state().territory,
                    announce=True,
                )
                message = f"Proposition n° {number} validée : « {entry.name} » est publiée."
            else:
                submission = moderation.refuse(
                    db,
                    number,
                    decided_by=person.name,
                    reason=reason,
                    settings=ext.settings,
                    territory=state().territory,
                    announce=True,
                )
                message = f"Proposition n° {number} (« {submission.name} ») refusée."
    except moderation.ModerationError as exc:
        message = str(exc)
    flash(message)
    return redirect(url_for("directory.staff_list"), 303)


@bp.post("/gestion/annuaire/<int:number>/valider")
@login_required(allowed=may_moderate)
def staff_approve(number: int):
    return _decide(number, APPROVED)


@bp.post("/gestion/annuaire/<int:number>/refuser")
@login_required(allowed=may_moderate)
def staff_refuse(number: int):
    return _decide(number, REFUSED)
