"""Back-office pages of a séance's day and publication (/gestion/seances/<id>/tenue): the
sign-in sheet (fillable, and printable as PDF), the opening, each item's vote, the closing, a
séance convened again without quorum, the procès-verbal's adoption and the publications.

Staff, and the president of the séance's instance (portal.seances.service.may_prepare, the
same as for preparing it). Each action goes through
portal.seances.sitting or .publication in one transaction; a refusal is said in French on
the page (400) and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from collab.db import utcnow
from portal.auth import current_person, login_required
from portal.forms import clean
from portal.seances import acts, publication, service, sitting
from portal.seances.models import CHOICE_LABELS, CHOICES, Seance
from portal.seances.record import record_of
from portal.seances.rules import SeanceError
from portal.seances.sitting_models import (
    BALLOT_LABELS,
    NOTED,
    OUTCOME_LABELS,
    POSTPONED,
    PUBLIC,
    SECRET,
    VOTE_LABELS,
    VOTES,
    WITHDRAWN,
    ItemOutcome,
    Sitting,
)
from portal.state import state

bp = Blueprint("seances_hold", __name__)

MAX_TEXT = 20_000


def _may_hold_any(person) -> bool:
    return service.may_prepare(state().territory, person)


def _seance(db: Session, seance_id: int) -> Seance:
    seance = db.get(Seance, seance_id) if seance_id < 2**31 else None
    if seance is None:
        abort(404, description="Cette séance n’existe pas.")
    if not service.may_prepare(state().territory, current_person(), seance.instance):
        abort(403)
    return seance


def portal_url() -> str:
    """The portal's address as residents know it (it is printed on every published act)."""
    return state().settings.public_url("portal")


def _hold_page(db: Session, seance: Seance, error: str | None = None, status: int = 200):
    portal = state()
    territory, tz = portal.territory, portal.timezone
    rows = sitting.sheet(db, territory, seance)
    names = {p.localpart: p.name for p in territory.people}
    members = sitting.members(territory, seance)
    sit = db.get(Sitting, seance.id)
    in_office = {p.localpart for p in members}
    opening = sitting.presence_at(rows, 0, in_office)
    items = []
    for item, outcome in sitting.deliberations(db, seance):
        presence = sitting.presence_at(rows, item.position, in_office)
        items.append((item, outcome, presence))
    later = [
        s
        for s in sitting.seances_of(db, seance.instance)
        if s.starts_at > seance.starts_at and s.id != seance.id
    ]
    page = render_template(
        "seances/hold.html",
        seance=seance,
        record=record_of(db, territory, seance, tz),
        rows=rows,
        names=names,
        members=members,
        sitting=sit,
        opening=opening,
        items=items,
        later=later,
        statuses=publication.statuses(db, seance, tz),
        lacks_quorum=sitting.lacks_quorum(sit),
        reconvened=db.scalar(select(Sitting).where(Sitting.reconvened_from == seance.id)),
        choices=[(c, CHOICE_LABELS[c]) for c in CHOICES],
        outcome_labels=OUTCOME_LABELS,
        ballot_labels=BALLOT_LABELS,
        situation=lambda row: sitting.situation(row, names),
        error=error,
    )
    return page, status


def _run(seance_id: int, action, success: str):
    """Run `action(db, seance)` in one transaction; a refusal re-renders the page with it."""
    portal = state()
    try:
        with portal.sessions.begin() as db:
            seance = _seance(db, seance_id)
            action(db, seance)
    except SeanceError as exc:
        with portal.sessions() as db:
            return _hold_page(db, _seance(db, seance_id), error=str(exc), status=400)
    flash(success)
    return redirect(url_for("seances_hold.hold", seance_id=seance_id))


@bp.get("/gestion/seances/<int:seance_id>/tenue")
@login_required(allowed=_may_hold_any)
def hold(seance_id: int):
    with state().sessions.begin() as db:
        return _hold_page(db, _seance(db, seance_id))


def _item_number(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4:
        raise SeanceError(f"« {raw[:20]} » n’est pas un numéro de point.")
    return int(raw)


@bp.post("/gestion/seances/<int:seance_id>/emargement")
@login_required(allowed=_may_hold_any)
def record_sheet(seance_id: int):
    territory = state().territory

    def action(db, seance):
        lines = {}
        for person in sitting.members(territory, seance):
            key = person.localpart
            status = request.form.get(f"situation-{key}", "")
            proxy_to = request.form.get(f"pouvoir-{key}", "").strip() or None
            lines[key] = sitting.SheetLine(
                status=status,
                proxy_to=proxy_to,
                arrival_item=_item_number(request.form.get(f"arrivee-{key}")),
                departure_item=_item_number(request.form.get(f"depart-{key}")),
                signed=request.form.get(f"signe-{key}") == "oui",
            )
        sitting.record_sheet(db, territory, seance, lines, current_person().localpart)

    return _run(seance_id, action, "La feuille d’émargement est enregistrée.")


@bp.get("/gestion/seances/<int:seance_id>/emargement.pdf")
@login_required(allowed=_may_hold_any)
def sheet_pdf(seance_id: int):
    portal = state()
    with portal.sessions.begin() as db:
        seance = _seance(db, seance_id)
        record = record_of(db, portal.territory, seance, portal.timezone)
        names = {p.localpart: p.name for p in portal.territory.people}
        lines = [
            _SheetRow(row.name, sitting.situation(row, names), row.proxy_to)
            for row in sitting.sheet(db, portal.territory, seance)
        ]
    now = utcnow().replace(tzinfo=dt.UTC).astimezone(portal.timezone)
    pdf = acts.build_sheet(record, lines, names, now.replace(tzinfo=None))
    filename = f"emargement-{record.instance_key}-{record.day}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


class _SheetRow:
    def __init__(self, name: str, situation: str, proxy_to: str | None) -> None:
        self.name, self.situation, self.proxy_to = name, situation, proxy_to


@bp.post("/gestion/seances/<int:seance_id>/ouverture")
@login_required(allowed=_may_hold_any)
def open_sitting(seance_id: int):
    territory = state().territory

    def action(db, seance):
        secretary = request.form.get("secretaire", "").strip()
        if not secretary:
            raise SeanceError("Choisissez le secrétaire de séance (CGCT L2121-15).")
        sitting.open_sitting(db, territory, seance, secretary, current_person().localpart)

    return _run(seance_id, action, "La séance est ouverte ; le quorum est compté.")


@bp.post("/gestion/seances/<int:seance_id>/cloture")
@login_required(allowed=_may_hold_any)
def close_sitting(seance_id: int):
    def action(db, seance):
        summary = clean(request.form.get("deroulement", ""), multiline=True)[:MAX_TEXT]
        sitting.close_sitting(db, seance, current_person().localpart, summary)

    return _run(seance_id, action, "La séance est close.")


@bp.post("/gestion/seances/<int:seance_id>/reconvocation")
@login_required(allowed=_may_hold_any)
def reconvene(seance_id: int):
    portal = state()
    made = {}

    def action(db, seance):
        try:
            day = dt.date.fromisoformat(request.form.get("date", ""))
            hour = dt.time.fromisoformat(request.form.get("heure", "") or "18:00")
        except ValueError:
            raise SeanceError(
                "Indiquez la date (AAAA-MM-JJ) et l’heure de la nouvelle séance."
            ) from None
        again = sitting.reconvene(
            db,
            portal.territory,
            seance,
            dt.datetime.combine(day, hour),
            request.form.get("lieu", seance.place),
            current_person().localpart,
            portal.timezone,
        )
        made["id"] = again.id

    return _run(
        seance_id,
        action,
        "La nouvelle séance est préparée avec le même ordre du jour : envoyez sa convocation.",
    )


@bp.post("/gestion/seances/<int:seance_id>/proces-verbal")
@login_required(allowed=_may_hold_any)
def adopt_minutes(seance_id: int):
    portal = state()

    def action(db, seance):
        raw = request.form.get("seance_adoption", "")
        adopting = db.get(Seance, int(raw)) if raw.isdigit() and int(raw) < 2**31 else None
        if adopting is None:
            raise SeanceError(
                "Choisissez la séance au commencement de laquelle le procès-verbal a été arrêté."
            )
        remarks = clean(request.form.get("observations", ""), multiline=True)[:MAX_TEXT]
        publication.adopt_minutes(
            db, seance, adopting, current_person().localpart, portal.timezone, remarks
        )

    return _run(seance_id, action, "L’adoption du procès-verbal est enregistrée.")


@bp.post("/gestion/seances/<int:seance_id>/publier/<kind>")
@login_required(allowed=_may_hold_any)
def publish(seance_id: int, kind: str):
    portal = state()

    def action(db, seance):
        publication.publish(
            db,
            portal.territory,
            seance,
            kind,
            current_person().localpart,
            portal.timezone,
            portal_url(),
        )

    return _run(seance_id, action, "Le document est publié sur le portail.")


# --- one item's vote -------------------------------------------------------------------------
def _vote_page(db, seance, item, values, error=None, status=200):
    portal = state()
    rows = sitting.sheet(db, portal.territory, seance)
    in_office = {p.localpart for p in sitting.members(portal.territory, seance)}
    presence = sitting.presence_at(rows, item.position, in_office)
    names = {p.localpart: p.name for p in portal.territory.people}
    outcome = db.get(ItemOutcome, item.id)
    page = render_template(
        "seances/vote.html",
        seance=seance,
        item=item,
        outcome=outcome,
        presence=presence,
        names=names,
        values=values,
        votes=[(v, VOTE_LABELS[v]) for v in VOTES],
        outcomes=[
            ("vote", "mis aux voix"),
            (NOTED, "le conseil en prend acte (sans vote)"),
            (POSTPONED, "reporté"),
            (WITHDRAWN, "retiré de l’ordre du jour"),
        ],  # fmt: skip
        error=error,
    )
    return page, status


def _int(name: str) -> int:
    raw = request.form.get(name, "").strip() or "0"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 5:
        raise SeanceError(f"« {raw[:20]} » n’est pas un nombre de voix.")
    return int(raw)


def _item(seance: Seance, item_id: int):
    item = next((i for i in seance.items if i.id == item_id), None)
    if item is None:
        abort(404, description="Ce point n’est pas à l’ordre du jour de cette séance.")
    return item


@bp.route("/gestion/seances/<int:seance_id>/points/<int:item_id>/vote", methods=["GET", "POST"])
@login_required(allowed=_may_hold_any)
def vote(seance_id: int, item_id: int):
    portal = state()
    if request.method == "GET":
        with portal.sessions.begin() as db:
            seance = _seance(db, seance_id)
            item = _item(seance, item_id)
            outcome = db.get(ItemOutcome, item.id)
            values = {
                "outcome": "vote",
                "ballot": outcome.ballot if outcome and outcome.ballot != "none" else PUBLIC,
                "decision": outcome.decision if outcome else "",
                "debate": outcome.debate if outcome else "",
                "named": {v.localpart: v.vote for v in outcome.votes} if outcome else {},
                "figures": {},
            }
            return _vote_page(db, seance, item, values)
    form = request.form
    values = {
        "outcome": form.get("suite", ""),
        "ballot": form.get("scrutin", PUBLIC),
        "decision": clean(form.get("decision", ""), multiline=True)[:MAX_TEXT],
        "debate": clean(form.get("debats", ""), multiline=True)[:MAX_TEXT],
        "named": {k[5:]: v for k, v in form.items() if k.startswith("vote-")},
        "figures": {k: form.get(k, "") for k in ("pour", "contre", "abstention", "blancs")},
    }
    try:
        with portal.sessions.begin() as db:
            seance = _seance(db, seance_id)
            item = _item(seance, item_id)
            secret = values["ballot"] == SECRET
            vote_input = sitting.VoteInput(
                outcome=values["outcome"],
                ballot=values["ballot"],
                named=None if secret else values["named"],
                votes_for=_int("pour") if secret else 0,
                votes_against=_int("contre") if secret else 0,
                abstentions=_int("abstention") if secret else 0,
                blank=_int("blancs") if secret else 0,
                decision=values["decision"],
                debate=values["debate"],
            )
            sitting.record_vote(
                db, portal.territory, seance, item, vote_input, current_person().localpart,
                portal.timezone,
            )  # fmt: skip
            position = item.position
    except SeanceError as exc:
        with portal.sessions.begin() as db:
            seance = _seance(db, seance_id)
            return _vote_page(db, seance, _item(seance, item_id), values, str(exc), 400)
    flash(f"Le point n° {position} est enregistré.")
    return redirect(url_for("seances_hold.hold", seance_id=seance_id))


@bp.post("/gestion/seances/<int:seance_id>/points/<int:item_id>/annuler")
@login_required(allowed=_may_hold_any)
def cancel_vote(seance_id: int, item_id: int):
    def action(db, seance):
        sitting.cancel_vote(db, seance, _item(seance, item_id))

    return _run(seance_id, action, "Le vote du point est annulé : la présence peut changer.")


def init_app(app) -> None:
    app.register_blueprint(bp)
