"""The séances' pages: preparing and sending in the back-office (staff, and the president of
the instance), the live count against the quorum, and the page where a convened member
answers (the link of their mail)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from collab.db import utcnow
from portal.auth import current_person, login_required
from portal.seances import rules, service
from portal.seances.models import (
    CHOICE_LABELS,
    CHOICES,
    DRAFT,
    INFORMED,
    REMOTE_EXCLUSIONS,
    SENT,
    STATUS_LABELS,
    VIA_MAIL,
    Recipient,
    Seance,
)
from portal.seances.rules import SeanceError
from portal.state import state

bp = Blueprint("seances", __name__)


def _may_prepare_any(person) -> bool:
    return service.may_prepare(state().territory, person)


def _seance_or_404(db, seance_id: int) -> Seance:
    seance = db.get(Seance, seance_id)
    if seance is None:
        abort(404)
    person = current_person()
    if not service.may_prepare(state().territory, person, seance.instance):
        abort(403)
    return seance


def _acting(view: Callable) -> Callable:
    """A POST on one séance: the change in one transaction; a refusal flashed, nothing kept."""

    @wraps(view)
    def wrapper(seance_id: int, **kwargs):
        try:
            with state().sessions.begin() as db:
                seance = _seance_or_404(db, seance_id)
                message = view(db, seance, **kwargs)
        except SeanceError as exc:
            flash(str(exc))
        else:
            if message:
                flash(message)
        return redirect(url_for("seances.detail", seance_id=seance_id), code=303)

    return wrapper


def _local_datetime(day: str, time: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time))
    except ValueError:
        raise SeanceError(
            "Indiquez la date (AAAA-MM-JJ) et l’heure (HH:MM) de la séance."
        ) from None


def _preparable_instances(person):
    territory = state().territory
    return [
        i
        for i in territory.instances
        if i.kind != "service" and service.may_prepare(territory, person, i.key)
    ]


@bp.get("/gestion/seances")
@login_required(allowed=_may_prepare_any)
def index():
    person = current_person()
    keys = [i.key for i in _preparable_instances(person)]
    with state().sessions() as db:
        seances = db.scalars(
            select(Seance).where(Seance.instance.in_(keys)).order_by(Seance.starts_at.desc())
        ).all()
        rows = [
            (s, state().territory.instance(s.instance).name, service.when_fr(s, state().timezone))
            for s in seances
        ]
    return render_template(
        "seances/index.html",
        rows=rows,
        instances=_preparable_instances(person),
        labels=STATUS_LABELS,
    )


@bp.post("/gestion/seances")
@login_required(allowed=_may_prepare_any)
def create():
    person = current_person()
    form = request.form
    try:
        if form.get("instance") not in {i.key for i in _preparable_instances(person)}:
            raise SeanceError("Choisissez une instance que vous pouvez convoquer.")
        with state().sessions.begin() as db:
            seance = service.create_seance(
                db,
                state().territory,
                instance_key=form.get("instance", ""),
                starts_at=_local_datetime(form.get("date", ""), form.get("heure", "")),
                place=form.get("lieu", ""),
                tz=state().timezone,
                remote_allowed=form.get("distance") == "oui",
                proxies_allowed=form.get("pouvoirs", "oui") == "oui",
                actor=person.localpart,
            )
            seance_id = seance.id
    except SeanceError as exc:
        flash(str(exc))
        return redirect(url_for("seances.index"), code=303)
    flash("La séance est créée : composez son ordre du jour.")
    return redirect(url_for("seances.detail", seance_id=seance_id), code=303)


@bp.get("/gestion/seances/<int:seance_id>")
@login_required(allowed=_may_prepare_any)
def detail(seance_id: int):
    territory, tz = state().territory, state().timezone
    with state().sessions() as db:
        seance = _seance_or_404(db, seance_id)
        instance = service.instance_of(territory, seance)
        limit = service.deadline(seance, instance, tz)
        quorum = service.quorum_of(territory, seance)
        names = {p.localpart: p.name for p in territory.people}
        answers = {a.localpart: a for a in seance.answers}
        start = service.local_start(seance, tz)
        return render_template(
            "seances/detail.html",
            seance=seance,
            instance=instance,
            deadline=limit,
            urgent_deadline=rules.send_deadline(limit.meeting_day, 1, urgency=True),
            quorum=quorum,
            when=service.when_fr(seance, tz),
            day=start.date().isoformat(),
            time=start.strftime("%H:%M"),
            members=territory.members(seance.instance),
            names=names,
            answers=answers,
            choice_labels=CHOICE_LABELS,
            exclusions=REMOTE_EXCLUSIONS,
            labels=STATUS_LABELS,
            note_required=rules.note_required(instance),
            draft=seance.status == DRAFT,
            sent=seance.status == SENT,
            informed=INFORMED,
            max_mb=service.MAX_ANNEX_BYTES // (1024 * 1024),
        )


@bp.post("/gestion/seances/<int:seance_id>/modifier")
@login_required(allowed=_may_prepare_any)
@_acting
def update(db, seance):
    form = request.form
    service.update_seance(
        db,
        seance,
        starts_at=_local_datetime(form.get("date", ""), form.get("heure", "")),
        place=form.get("lieu", ""),
        tz=state().timezone,
        remote_allowed=form.get("distance") == "oui",
        proxies_allowed=form.get("pouvoirs") == "oui",
    )
    return "La séance est modifiée."


def _item_fields(form) -> dict:
    """An agenda item as the preparation form gives it."""
    return {
        "title": form.get("titre", ""),
        "rapporteur": form.get("rapporteur"),
        "note": form.get("note", ""),
        "remote_excluded": form.get("exclusion") or None,
    }


@bp.post("/gestion/seances/<int:seance_id>/points")
@login_required(allowed=_may_prepare_any)
@_acting
def add_item(db, seance):
    service.add_item(db, state().territory, seance, **_item_fields(request.form))
    return "Le point est ajouté à l’ordre du jour."


@bp.post("/gestion/seances/<int:seance_id>/points/<int:item_id>")
@login_required(allowed=_may_prepare_any)
@_acting
def edit_item(db, seance, item_id: int):
    form = request.form
    action = form.get("action", "enregistrer")
    if action in ("monter", "descendre"):
        service.move_item(db, seance, item_id, -1 if action == "monter" else 1)
        return "L’ordre du jour est réordonné."
    if action == "supprimer":
        service.remove_item(db, seance, item_id)
        return "Le point est retiré."
    service.update_item(db, state().territory, seance, item_id, **_item_fields(form))
    return "Le point est modifié."


@bp.post("/gestion/seances/<int:seance_id>/points/<int:item_id>/annexe")
@login_required(allowed=_may_prepare_any)
@_acting
def add_annex(db, seance, item_id: int):
    upload = request.files.get("annexe")
    if upload is None or not upload.filename:
        raise SeanceError("Choisissez un fichier PDF.")
    data = upload.read(service.MAX_ANNEX_BYTES + 1)
    try:
        annex = service.add_annex(
            db,
            state().shares,
            seance,
            item_id,
            upload.filename,
            data,
            actor=current_person().localpart,
        )
    except OSError as exc:
        raise SeanceError(
            "Le partage de documents ne répond pas : réessayez dans un instant."
        ) from exc
    return f"L’annexe « {annex.filename} » est déposée dans le partage de l’instance."


@bp.post("/gestion/seances/<int:seance_id>/envoyer")
@login_required(allowed=_may_prepare_any)
@_acting
def send(db, seance):
    form = request.form
    if form.get("urgence") == "oui":
        service.declare_urgency(seance, form.get("motif", ""))
    changes = tuple(
        line.strip() for line in form.get("changements", "").splitlines() if line.strip()
    )
    sending = service.send(
        db,
        state().settings,
        state().territory,
        seance,
        actor=current_person().localpart,
        changes=changes,
    )
    verb = "renvoyée" if sending.version > 1 else "envoyée"
    return (
        f"La convocation (version {sending.version}) est {verb} à {sending.recipients} "
        "destinataire(s)."
    )


@bp.post("/gestion/seances/<int:seance_id>/annuler")
@login_required(allowed=_may_prepare_any)
@_acting
def cancel(db, seance):
    service.cancel(
        db,
        state().settings,
        state().territory,
        seance,
        reason=request.form.get("motif", ""),
        actor=current_person().localpart,
    )
    return "La séance est annulée ; chacun en est prévenu."


# --- the member's page (the link of the mail) ----------------------------------------------
def _recipient_or_404(db, token: str) -> Recipient:
    recipient = db.scalar(select(Recipient).where(Recipient.token == token))
    if recipient is None:
        abort(404)
    return recipient


@bp.route("/seances/reponse/<token>", methods=["GET", "POST"])
def answer_page(token: str):
    territory, tz = state().territory, state().timezone
    error = None
    if request.method == "POST":
        try:
            with state().sessions.begin() as db:
                recipient = _recipient_or_404(db, token)
                choice = request.form.get("reponse", "")
                proxy_to = request.form.get("pouvoir") or None
                confirmation = service.answer(
                    db,
                    territory,
                    recipient.seance,
                    recipient.localpart,
                    choice,
                    via=VIA_MAIL,
                    proxy_to=proxy_to,
                )
            flash(confirmation.text)
            return redirect(url_for("seances.answer_page", token=token), code=303)
        except SeanceError as exc:
            error = str(exc)
    with state().sessions.begin() as db:
        recipient = _recipient_or_404(db, token)
        now = utcnow()
        if recipient.mail_opened_at is None:
            recipient.mail_opened_at = now
        if recipient.role == INFORMED and recipient.acknowledged_at is None:
            recipient.acknowledged_at = now
        seance = recipient.seance
        mine = next((a for a in seance.answers if a.localpart == recipient.localpart), None)
        page = render_template(
            "seances/answer.html",
            recipient=recipient,
            seance=seance,
            instance=service.instance_of(territory, seance),
            when=service.when_fr(seance, tz),
            mine=mine,
            choices=CHOICES,
            choice_labels=CHOICE_LABELS,
            others=[
                p for p in territory.members(seance.instance) if p.localpart != recipient.localpart
            ],
            informed=recipient.role == INFORMED,
            error=error,
            open=seance.status == SENT and now < seance.starts_at,
        )
    return page, (400 if error else 200)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
