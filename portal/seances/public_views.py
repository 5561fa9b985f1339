"""Public pages of the séances (/seances): a page per instance with its séances, a page per
séance (agenda once convened, list of deliberations, procès-verbal once adopted, each act's
legal deadline and whether it was met), each published act as its PDF at a stable address,
and the Atom feed of publications."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, abort, render_template, request, url_for

from collab.french import date_fr
from portal.seances import publication, rules, sitting
from portal.seances.models import DRAFT, STATUS_LABELS, Seance
from portal.seances.record import deadline_label, record_of
from portal.seances.sitting_models import ACT_LABELS, PublishedAct, Sitting
from portal.state import state

bp = Blueprint("seances_public", __name__)

PUBLIC_KINDS = ("conseil", "bureau", "commission")
ATOM = "http://www.w3.org/2005/Atom"


def _instances():
    return [i for i in state().territory.instances if i.kind in PUBLIC_KINDS]


def _instance_or_404(key: str):
    instance = next((i for i in _instances() if i.key == key), None)
    if instance is None:
        abort(404, description="Cette instance n’existe pas.")
    return instance


@bp.get("/seances")
def index():
    with state().sessions() as db:
        counts = {i.key: len(sitting.seances_of(db, i.key)) for i in _instances()}
    return render_template("seances/public_index.html", instances=_instances(), counts=counts)


@bp.get("/seances/<key>")
def instance_page(key: str):
    instance = _instance_or_404(key)
    portal = state()
    with portal.sessions() as db:
        seances = sitting.seances_of(db, key)
        rows = [
            (
                s,
                rules.local_date(s.starts_at, portal.timezone),
                publication.statuses(db, s, portal.timezone),
            )
            for s in seances
        ]
    return render_template(
        "seances/public_instance.html", instance=instance, rows=rows, status_labels=STATUS_LABELS
    )


@bp.get("/seances/<key>/<int:seance_id>")
def seance_page(key: str, seance_id: int):
    instance = _instance_or_404(key)
    portal = state()
    with portal.sessions() as db:
        seance = db.get(Seance, seance_id) if seance_id < 2**31 else None
        if seance is None or seance.instance != key or seance.status == DRAFT:
            abort(404, description="Cette séance n’existe pas ou n’est pas encore convoquée.")
        acts = publication.acts_of(db, seance.id)
        statuses = publication.statuses(db, seance, portal.timezone, acts)
        record = record_of(db, portal.territory, seance, portal.timezone)
        sit = db.get(Sitting, seance.id)
        lacks = sitting.lacks_quorum(sit)
        again = None
        if lacks:
            follow = db.query(Sitting).filter(Sitting.reconvened_from == seance.id).first()
            again = db.get(Seance, follow.seance_id) if follow else None
        adopted_at = (
            db.get(Seance, sit.minutes_adopted_at) if sit and sit.minutes_adopted_at else None
        )
        today = dt.datetime.now(portal.timezone).date()
        labels = {
            s.kind: deadline_label(s.deadline, s.published_on, today) if s.deadline else None
            for s in statuses
        }
        published = {s.kind: s.act for s in statuses}
        minutes_public = published.get("minutes") is not None
        deliberation_acts = {a.item_id: a for a in acts if a.kind == "deliberation"}
        page = render_template(
            "seances/public_seance.html",
            instance=instance,
            seance=seance,
            record=record,
            statuses=statuses,
            labels=labels,
            published=published,
            minutes_public=minutes_public,
            deliberations_public=published.get("deliberations") is not None,
            deliberation_acts=deliberation_acts,
            items={item.position: item.id for item in seance.items},
            lacks_quorum=lacks,
            again=again,
            adopted_at=adopted_at,
            tz=portal.timezone,
            kept_until=publication.kept_until,
            act_labels=ACT_LABELS,
            status_labels=STATUS_LABELS,
        )
    return page


@bp.get("/seances/actes/<int:act_id>.pdf")
def act_pdf(act_id: int):
    with state().sessions() as db:
        act = db.get(PublishedAct, act_id) if act_id < 2**31 else None
        if act is None:
            abort(404, description="Cet acte n’existe pas.")
        data, etag, filename, published = act.pdf, act.sha256, act.filename, act.published_at
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    response.last_modified = published.replace(tzinfo=dt.UTC)
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response.make_conditional(request)


def _atom_time(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC, microsecond=0).isoformat().replace("+00:00", "Z")


@bp.get("/seances/flux.atom")
def feed():
    portal = state()
    with portal.sessions() as db:
        acts = publication.latest_acts(db)
        rows = [(a, db.get(Seance, a.seance_id)) for a in acts]
        rows = [
            (act, seance, rules.local_date(seance.starts_at, portal.timezone))
            for act, seance in rows
        ]
    names = {i.key: i.name for i in portal.territory.instances}
    root = request.url_root.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", f"{root}{url_for('seances_public.feed')}")
    sub(feed, "title", f"Publications des séances — {portal.territory.name}")
    sub(feed, "link", rel="self", href=f"{root}{url_for('seances_public.feed')}",
        type="application/atom+xml")  # fmt: skip
    sub(feed, "link", rel="alternate", href=f"{root}{url_for('seances_public.index')}",
        type="text/html")  # fmt: skip
    updated = acts[0].published_at if acts else dt.datetime(2022, 7, 1)
    sub(feed, "updated", _atom_time(updated))
    author = sub(feed, "author")
    sub(author, "name", portal.territory.name)
    for act, seance, day in rows:
        entry = sub(feed, "entry")
        pdf_url = f"{root}{url_for('seances_public.act_pdf', act_id=act.id)}"
        sub(entry, "id", pdf_url)
        sub(entry, "title", f"{names.get(act.instance, act.instance)} — {act.title}")
        sub(entry, "updated", _atom_time(act.published_at))
        sub(entry, "published", _atom_time(act.published_at))
        page = url_for("seances_public.seance_page", key=act.instance, seance_id=seance.id)
        sub(entry, "link", rel="alternate", href=f"{root}{page}", type="text/html")
        sub(entry, "link", rel="enclosure", href=pdf_url, type="application/pdf",
            length=str(act.size))  # fmt: skip
        sub(
            entry,
            "summary",
            f"{ACT_LABELS[act.kind]} de la séance du {date_fr(day)}, mis en ligne le "
            f"{date_fr(act.published_at)} ; auteur : {act.author}.",
        )
        entry_author = sub(entry, "author")
        sub(entry_author, "name", act.author)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def init_app(app) -> None:
    app.register_blueprint(bp)
