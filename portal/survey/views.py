"""Pages of the survey: the mairie's form behind its secret link, and the back-office (campaigns,
links, the questionnaire's draft, results, exports, the report)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from collab.french import fold
from portal import forms, pagecache
from portal.auth import current_person, login_required
from portal.gis.access import visible_layers
from portal.state import state
from portal.survey import campaigns as c
from portal.survey import charts, exports, report, results
from portal.survey import questionnaire as q
from portal.survey.models import SUBMITTED, SurveyQuestionnaire

bp = Blueprint("survey", __name__)

SOURCE_MAX = 200_000


def _today() -> dt.date:
    return c.today(state().settings)


def _private(response):
    """A page behind a secret link: never cached, never sent as a referrer elsewhere."""
    response = current_app.make_response(response)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _survey_errors(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except c.SurveyError as exc:
            abort(exc.status, description=str(exc))

    return wrapper


# --- the mairie's form ------------------------------------------------------------------------


def _context(db, access: c.Access) -> dict:
    questionnaire = c.questionnaire_of(db, access.campaign)
    answers = access.response.answers if access.response else {}
    done = set(access.response.sections_done or []) if access.response else set()
    sections = []
    for section in questionnaire.sections:
        skipped = q.is_skipped(section, None, answers)
        complete = section.id in done and q.section_complete(section, answers)
        sections.append((section, "sans objet" if skipped else "complète" if complete else
                         "à remplir"))  # fmt: skip
    return {
        "access": access,
        "questionnaire": questionnaire,
        "sections": sections,
        "answers": answers,
        "submitted": access.response is not None and access.response.status == SUBMITTED,
        "token": access.link.token,
    }


@bp.get("/enquete/<token>")
@_survey_errors
def form_home(token: str):
    ext = state()
    with ext.sessions() as db:
        access = c.open_link(db, token, on=_today(), territory=ext.territory)
        context = _context(db, access)
    missing = [s for s, status in context["sections"] if status == "à remplir"]
    return _private(render_template("survey/form_home.html", missing=missing, **context))


def _cell(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value != int(value):
        return str(value).replace(".", ",")
    return "" if value is None else str(int(value) if isinstance(value, float) else value)


def _as_form(section: q.Section, answers: dict) -> MultiDict:
    """The saved answers of a section as the form fields that show them."""
    form = MultiDict()
    for question in section.questions:
        value = answers.get(question.id)
        name = q.field_name(question.id)
        if value is None:
            continue
        if question.type == "multiple":
            for item in value:
                form.add(name, item)
        elif question.type == "table":
            for n, row in enumerate(value):
                for column in question.columns:
                    form.add(q.field_name(question.id, n, column.id), _cell(row.get(column.id)))
        else:
            form.add(name, _cell(value))
    return form


def _table_rows(question: q.Question, form) -> int:
    """How many rows a table shows: those filled in and two empty ones (three at least)."""
    used = 0
    for n in range(question.max_rows):
        if any(form.get(q.field_name(question.id, n, col.id)) for col in question.columns):
            used = n + 1
    return min(question.max_rows, max(3, used + 2))


def _next_section(questionnaire: q.Questionnaire, after: str, answers: dict) -> str | None:
    ids = [s.id for s in questionnaire.sections]
    for section in questionnaire.sections[ids.index(after) + 1 :]:
        if not q.is_skipped(section, None, answers):
            return section.id
    return None


@bp.route("/enquete/<token>/<section_id>", methods=["GET", "POST"])
@_survey_errors
def form_section(token: str, section_id: str):
    ext = state()
    errors: dict[str, str] = {}
    with ext.sessions.begin() as db:
        access = c.open_link(db, token, on=_today(), territory=ext.territory)
        questionnaire = c.questionnaire_of(db, access.campaign)
        try:
            section = questionnaire.section(section_id)
        except KeyError:
            abort(404, description="Cette section du questionnaire n’existe pas.")
        if request.method == "POST":
            response, errors = c.save_section(db, access, section_id, request.form)
            if not errors:
                following = _next_section(questionnaire, section_id, response.answers)
                flash(f"Section « {section.title} » enregistrée.")
                target = (
                    url_for("survey.form_section", token=token, section_id=following)
                    if following and request.form.get("suite") == "suivante"
                    else url_for("survey.form_home", token=token)
                )
                return _private(redirect(target, 303))
        context = _context(db, access)
    shown = request.form if errors else _as_form(section, context["answers"])
    page = render_template(
        "survey/form_section.html",
        section=section,
        errors=errors,
        form=shown,
        rows_of=lambda question: _table_rows(question, shown),
        field_name=q.field_name,
        **context,
    )
    return _private((page, 400 if errors else 200))


@bp.post("/enquete/<token>/envoyer")
@_survey_errors
def form_submit(token: str):
    ext = state()
    with ext.sessions.begin() as db:
        access = c.open_link(db, token, on=_today(), territory=ext.territory)
        c.submit(db, access, settings=ext.settings, territory=ext.territory)
    flash("Merci : vos réponses ont été envoyées à l’intercommunalité.")
    return _private(redirect(url_for("survey.form_home", token=token), 303))


# --- back-office ------------------------------------------------------------------------------


def _person_name() -> str:
    person = current_person()
    return person.name if person else ""


def _version_choices(db) -> list[SurveyQuestionnaire]:
    return list(
        db.scalars(select(SurveyQuestionnaire).order_by(SurveyQuestionnaire.version.desc()))
    )


@bp.route("/gestion/enquetes", methods=["GET", "POST"])
@login_required(allowed=c.may_see_results)
def staff_index():
    ext = state()
    errors: dict[str, str] = {}
    values = {"titre": "", "ouverture": "", "cloture": "", "version": ""}
    if request.method == "POST":
        person = current_person()
        if not c.may_manage(person):
            abort(403)
        values = {k: forms.clean(request.form.get(k, "")) for k in values}
        try:
            opens = dt.date.fromisoformat(values["ouverture"])
            closes = dt.date.fromisoformat(values["cloture"])
        except ValueError:
            errors["ouverture"] = "Indiquez les dates d’ouverture et de clôture (jj/mm/aaaa)."
        if not errors:
            try:
                with ext.sessions.begin() as db:
                    created = c.create_campaign(
                        db,
                        title=values["titre"],
                        questionnaire_id=int(values["version"] or 0),
                        opens_on=opens,
                        closes_on=closes,
                        by=person.name,
                        settings=ext.settings,
                        territory=ext.territory,
                    )
                    created_id = created.id
                flash("Campagne créée : chaque mairie reçoit son lien.")
                return redirect(url_for("survey.staff_campaign", campaign_id=created_id), 303)
            except (c.SurveyError, ValueError) as exc:
                errors["titre"] = str(exc)
    with ext.sessions.begin() as db:
        c.ensure_questionnaire(db)
        listed = c.list_campaigns(db)
        versions = _version_choices(db)
    on = _today()
    page = render_template(
        "survey/staff_index.html",
        campaigns=[
            (campaign, answered, c.status_of(campaign, on)) for campaign, answered in listed
        ],
        versions=versions,
        total=len(ext.territory.communes),
        errors=errors,
        values=values,
        may_manage=c.may_manage(current_person()),
    )
    return page, 400 if errors else 200


@bp.route("/gestion/enquetes/questionnaire", methods=["GET", "POST"])
@login_required(allowed=c.may_manage)
def staff_editor():
    ext = state()
    problems: list[q.Problem] = []
    with ext.sessions.begin() as db:
        latest = c.ensure_questionnaire(db)
        source = latest.source
        if request.method == "POST":
            source = request.form.get("questionnaire", "").replace("\r\n", "\n")[:SOURCE_MAX]
            try:
                saved = c.save_draft(db, source, by=_person_name())
            except q.QuestionnaireError as exc:
                problems = exc.problems
            else:
                flash(f"Brouillon de la version {saved.version} enregistré.")
                return redirect(url_for("survey.staff_editor"), 303)
        frozen = latest.frozen_at is not None
        version = latest.version + (1 if frozen else 0)
    page = render_template(
        "survey/staff_editor.html",
        source=source,
        problems=problems,
        frozen=frozen and not problems and request.method == "GET",
        version=version,
    )
    return page, 400 if problems else 200


def _campaign_or_404(db, campaign_id: int):
    try:
        return c.campaign(db, campaign_id)
    except c.SurveyError as exc:
        abort(404, description=str(exc))


@bp.get("/gestion/enquetes/<int:campaign_id>")
@login_required(allowed=c.may_see_results)
def staff_campaign(campaign_id: int):
    ext = state()
    with ext.sessions() as db:
        campaign = _campaign_or_404(db, campaign_id)
        found = results.responses(db, campaign.id)
        links = {
            commune.insee: c.active_link(db, campaign.id, commune.insee)
            for commune in ext.territory.communes
        }
    rows = [
        (commune, found.get(commune.insee), links[commune.insee])
        for commune in sorted(ext.territory.communes, key=lambda x: fold(x.name))
    ]
    return render_template(
        "survey/staff_campaign.html",
        campaign=campaign,
        rows=rows,
        status=c.status_of(campaign, _today()),
        status_labels=results.STATUS_LABELS,
        may_manage=c.may_manage(current_person()),
        SUBMITTED=SUBMITTED,
    )


@bp.post("/gestion/enquetes/<int:campaign_id>/communes/<insee>/<action>")
@login_required(allowed=c.may_manage)
def staff_action(campaign_id: int, insee: str, action: str):
    ext = state()
    name = next((x.name for x in ext.territory.communes if x.insee == insee), None)
    if name is None or action not in ("nouveau-lien", "revoquer", "rouvrir"):
        abort(404)
    try:
        with ext.sessions.begin() as db:
            campaign = _campaign_or_404(db, campaign_id)
            if action == "nouveau-lien":
                c.reissue_link(db, campaign, insee, settings=ext.settings, territory=ext.territory)
                message = (
                    f"Nouveau lien envoyé à la mairie de {name} ; l’ancien ne fonctionne plus."
                )
            elif action == "revoquer":
                revoked = c.revoke_link(db, campaign, insee)
                message = (
                    f"Lien de la mairie de {name} révoqué."
                    if revoked
                    else f"La mairie de {name} n’a pas de lien en service."
                )
            else:
                c.reopen(db, campaign, insee, by=_person_name(), on=_today())
                message = f"Réponses de la mairie de {name} rouvertes : elle peut les modifier."
    except c.SurveyError as exc:
        message = str(exc)
    flash(message)
    return redirect(url_for("survey.staff_campaign", campaign_id=campaign_id), 303)


@bp.get("/gestion/enquetes/<int:campaign_id>/communes/<insee>")
@login_required(allowed=c.may_see_results)
def staff_answers(campaign_id: int, insee: str):
    ext = state()
    try:
        commune = ext.territory.commune(insee)
    except KeyError:
        abort(404, description="Cette commune n’est pas membre de l’intercommunalité.")
    with ext.sessions() as db:
        campaign = _campaign_or_404(db, campaign_id)
        questionnaire = c.questionnaire_of(db, campaign)
        response = c.response_of(db, campaign.id, insee)
    answers = response.answers if response else {}
    return render_template(
        "survey/staff_answers.html",
        campaign=campaign,
        commune=commune,
        questionnaire=questionnaire,
        response=response,
        answers=answers,
        answer_text=results.answer_text,
        status_labels=results.STATUS_LABELS,
    )


def _commune_shapes() -> dict[str, tuple[str, object]]:
    """INSEE -> (name, geometry) from the map's communes layer (empty without one)."""
    layer = visible_layers().get("communes")
    if layer is None:
        return {}
    return {
        str(props.get("code")): (str(props.get("nom")), layer.geometries[i])
        for i, props in enumerate(layer.properties)
    }


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@bp.get("/gestion/enquetes/<int:campaign_id>/resultats")
@login_required(allowed=c.may_see_results)
def staff_results(campaign_id: int):
    """Charts and tables of every question, the map, the comparison: rendered once per worker
    while the answers stay the same (the version: count and last change of each campaign's)."""
    ext = state()
    with ext.sessions() as db:
        campaign = _campaign_or_404(db, campaign_id)
        others = [other for other, _ in c.list_campaigns(db) if other.id != campaign.id]
        other = next((x for x in others if x.id == _int_arg("comparer")), None)
        ids = (campaign.id, other.id) if other else (campaign.id,)
        version = results.answers_version(db, *ids)
        cache = pagecache.cache_of(current_app, "survey.results")
        key = (ids, request.args.get("carte", "")[:40])
        fragment = cache.get(key, version)
        if fragment is None:
            fragment = _results_fragment(db, campaign, other, others, key[1])
            cache.put(key, version, fragment)
    return render_template("survey/staff_results.html", campaign=campaign, fragment=fragment)


def _results_fragment(db, campaign, other, others, map_id: str) -> Markup:
    territory = state().territory
    questionnaire = c.questionnaire_of(db, campaign)
    found = results.campaign_results(db, campaign, questionnaire, territory)
    compared = None
    if other is not None:
        compared = results.campaign_results(db, other, c.questionnaire_of(db, other), territory)
    mappable = results.mappable(questionnaire)
    map_question = next((x for x in mappable if x.id == map_id), mappable[0] if mappable else None)
    return Markup(
        render_template(
            "survey/_results_content.html",
            campaign=campaign,
            results=found,
            others=others,
            compared=compared,
            comparison=_comparison(found, compared) if compared else [],
            map_question=map_question,
            mappable=mappable,
            map_svg=_map(found, map_question),
            communes=sorted(territory.communes, key=lambda x: fold(x.name)),
            charts=charts,
            pairs=lambda counts: [(count.label, count.value) for count in counts],
            answer_text=results.answer_text,
            status_labels=results.STATUS_LABELS,
        )
    )


def _map(found: results.CampaignResults, question: q.Question | None):
    if question is None:
        return None
    shapes = _commune_shapes()
    if not shapes:
        return None
    categories = {
        insee: results.category_of(question, row.answers.get(question.id))
        for insee, row in found.responses.items()
        if row.status == SUBMITTED
    }
    if question.type == "yesno":
        legend = ["Oui", "Non"]
    elif question.type == "scale":
        legend = [str(point) for point in question.scale_points()]
    else:
        legend = [label for _, label in question.choices]
    return charts.commune_map(
        shapes,
        categories,
        legend,
        title=f"Carte des communes : {question.label}",
        chart_id=f"carte-{question.id}",
    )


def _comparison(found: results.CampaignResults, other: results.CampaignResults) -> list:
    """Per shared question: (question, [(label, this, other)], per-commune rows)."""
    theirs = {r.question.id: r for r in other.questions}
    compared = []
    for question in results.comparable(found.questionnaire, other.questionnaire):
        mine = next(r for r in found.questions if r.question.id == question.id)
        if mine.kind == "histogram":
            compared.append((question, results.shared_histogram(question, found, other), True))
            continue
        their = theirs[question.id]
        their_counts = {count.label: count.value for count in their.counts}
        labels = [count.label for count in mine.counts]
        labels += [label for label in their_counts if label not in labels]
        mine_counts = {count.label: count.value for count in mine.counts}
        rows = [(label, mine_counts.get(label, 0), their_counts.get(label, 0)) for label in labels]
        compared.append((question, rows, mine.kind == "histogram"))
    return compared


def _download(data: bytes, mimetype: str, filename: str):
    response = current_app.response_class(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/gestion/enquetes/<int:campaign_id>/reponses.<fmt>")
@login_required(allowed=c.may_see_results)
def staff_export(campaign_id: int, fmt: str):
    if fmt not in exports.FORMATS:
        abort(404)
    ext = state()
    with ext.sessions() as db:
        campaign = _campaign_or_404(db, campaign_id)
        data = exports.export(db, campaign, c.questionnaire_of(db, campaign), ext.territory, fmt)
    mimetype = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.oasis.opendocument.spreadsheet"
    )
    return _download(data, mimetype, f"enquete-{campaign_id}.{fmt}")


@bp.get("/gestion/enquetes/<int:campaign_id>/rapport.pdf")
@login_required(allowed=c.may_see_results)
def staff_report(campaign_id: int):
    ext = state()
    with ext.sessions() as db:
        campaign = _campaign_or_404(db, campaign_id)
        found = results.campaign_results(
            db, campaign, c.questionnaire_of(db, campaign), ext.territory
        )
    pdf = report.build_report(found, ext.territory.name, dt.datetime.now(ext.settings.timezone))
    response = _download(pdf, "application/pdf", f"enquete-{campaign_id}.pdf")
    response.headers["Content-Disposition"] = f'inline; filename="enquete-{campaign_id}.pdf"'
    return response
