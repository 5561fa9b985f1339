"""Public childcare programme pages (/enfance) and each centre's iCalendar feed."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from flask import Blueprint, Response, abort, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from collab.db import utcnow
from collab.french import day_fr
from collab.territory import Centre as TerritoryCentre
from collab.vtimezone import add_timezones
from portal.childcare import programme
from portal.childcare.models import (
    AFTERNOON,
    DAY,
    FIRST_COME,
    HALF_DAY,
    MORNING,
    PERIOD_KINDS,
    SLOTS,
    ActivitySession,
    Period,
    PriceBracket,
    opening_for,
)
from portal.state import state

bp = Blueprint("childcare_pages", __name__, template_folder="templates")

# Local opening hours of a slot, for calendar events (the centres' usual day).
SLOT_HOURS = {MORNING: ((8, 30), (12, 0)), AFTERNOON: ((13, 30), (18, 0)), DAY: ((8, 30), (18, 0))}
FEED_DAYS_BACK = 60  # a calendar keeps recent past sessions, not the whole history


def _centres() -> list[TerritoryCentre]:
    """The centres of the territory file (read-only pages: no write on a GET)."""
    return sorted(state().territory.centres, key=lambda c: c.name)


def _centre(key: str) -> TerritoryCentre:
    centre = next((c for c in _centres() if c.key == key), None)
    if centre is None:
        abort(404, description="Ce centre de loisirs n’existe pas.")
    return centre


def registration_status(period: Period, now: dt.datetime, tz: ZoneInfo) -> dict[str, str]:
    """Where registrations stand: state ("open", "soon", "closed") and a French sentence."""
    mode = (
        "premier arrivé, premier servi"
        if period.allocation_mode == FIRST_COME
        else "demandes recueillies puis places attribuées selon des critères publics"
    )
    earliest = opening_for(period, True)
    if now >= period.closes_at:
        return {"state": "closed", "label": "Inscriptions closes", "mode": mode}
    if now < earliest:
        text = f"Ouverture le {programme.french_moment(earliest, tz)}"
        if earliest < period.opens_at:
            text += (
                " pour les familles du territoire, le "
                f"{programme.french_moment(period.opens_at, tz)} pour les autres"
            )
        return {"state": "soon", "label": text, "mode": mode}
    label = f"Inscriptions ouvertes jusqu’au {programme.french_moment(period.closes_at, tz)}"
    if now < period.opens_at:
        label += (
            " (familles du territoire ; ouverture aux autres le "
            f"{programme.french_moment(period.opens_at, tz)})"
        )
    return {"state": "open", "label": label, "mode": mode}


def price_grid(db: Session, period: Period) -> list[dict[str, Any]]:
    """Rows (bracket label, half-day price, day price) of the period's grid, else the default."""
    brackets = list(db.scalars(select(PriceBracket).where(PriceBracket.period_id == period.id)))
    if not brackets:
        brackets = list(db.scalars(select(PriceBracket).where(PriceBracket.period_id.is_(None))))
    by_max: dict[int | None, dict[str, int]] = defaultdict(dict)
    for bracket in brackets:
        by_max[bracket.quotient_max][bracket.duration] = bracket.amount_cents
    rows, lower = [], 0
    for quotient_max in sorted(by_max, key=lambda q: (q is None, q or 0)):
        if quotient_max is None:
            label = f"à partir de {lower} €" if lower else "tous quotients"
        else:
            label = f"de {lower} à {quotient_max} €"
            lower = quotient_max + 1
        prices = by_max[quotient_max]
        rows.append(
            {
                "label": label,
                "half_day": euros(prices.get(HALF_DAY)),
                "day": euros(prices.get(DAY)),
            }
        )
    return rows


def euros(cents: int | None) -> str:
    if cents is None:
        return "—"
    return f"{cents // 100},{cents % 100:02d} €"


@bp.get("/enfance")
def index():
    tz, now = state().timezone, utcnow()
    with state().sessions.begin() as db:
        centres = _centres()
        periods = list(db.scalars(select(Period).order_by(Period.starts_on, Period.id)))
        offered = {
            (row.centre_key, row.period_id)
            for row in db.execute(
                select(ActivitySession.period_id, programme.Activity.centre_key)
                .join(programme.Activity)
                .distinct()
            )
        }
        listed = [
            {
                "period": period,
                "kind": PERIOD_KINDS.get(period.kind, period.kind),
                "dates": f"du {day_fr(period.starts_on)} au {day_fr(period.ends_on)}",
                "status": registration_status(period, now, tz),
                "centres": [c for c in centres if (c.key, period.id) in offered],
            }
            for period in periods
            if period.ends_on >= now.date() - dt.timedelta(days=1)
        ]
        db.expunge_all()
    return render_template("childcare/programme_index.html", centres=centres, periods=listed)


@bp.get("/enfance/<centre_key>/<slug>")
def period_page(centre_key: str, slug: str):
    tz, now = state().timezone, utcnow()
    with state().sessions.begin() as db:
        centre = _centre(centre_key)
        period = db.scalars(select(Period).where(Period.slug == slug)).first()
        if period is None:
            abort(404, description="Ce programme n’existe pas.")
        sessions = programme.programme_sessions(db, centre_key=centre.key, period_id=period.id)
        activities: dict[int, dict[str, Any]] = {}
        for session in sessions:
            entry = activities.setdefault(
                session.activity_id, {"activity": session.activity, "sessions": []}
            )
            entry["sessions"].append(
                {
                    "date": day_fr(session.date),
                    "iso": session.date.isoformat(),
                    "slot": SLOTS[session.slot],
                    "capacity": session.capacity,
                    "remaining": session.remaining,
                    "waitlist": session.waitlist_length,
                }
            )
        prices = price_grid(db, period)
        status = registration_status(period, now, tz)
        db.expunge_all()
    return render_template(
        "childcare/programme_period.html",
        centre=centre,
        period=period,
        kind=PERIOD_KINDS.get(period.kind, period.kind),
        dates=f"du {day_fr(period.starts_on)} au {day_fr(period.ends_on)}",
        status=status,
        activities=list(activities.values()),
        prices=prices,
    )


def session_event(session: ActivitySession, tz: ZoneInfo, uid_domain: str) -> icalendar.Event:
    """One session as a calendar event (local times of the slot, the centre as location)."""
    (h1, m1), (h2, m2) = SLOT_HOURS[session.slot]
    activity = session.activity
    event = icalendar.Event()
    event.add("uid", f"childcare-session-{session.id}@{uid_domain}")
    # Stable per session, so that the feed (and its ETag) only changes with the programme.
    event.add("dtstamp", session.period.created_at.replace(tzinfo=dt.UTC))
    event.add("dtstart", dt.datetime.combine(session.date, dt.time(h1, m1), tzinfo=tz))
    event.add("dtend", dt.datetime.combine(session.date, dt.time(h2, m2), tzinfo=tz))
    event.add("summary", f"{activity.title} ({activity.age_min}-{activity.age_max} ans)")
    event.add("location", f"{activity.centre.name}, {activity.centre.address}".strip(", "))
    description = activity.description or ""
    event.add(
        "description",
        f"{description}\n{SLOTS[session.slot].capitalize()} — {session.period.name}".strip(),
    )
    return event


def calendar(name: str, events: list[icalendar.Event], tz: ZoneInfo) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Girou//Enfance et loisirs//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(tz))
    for event in events:
        cal.add_component(event)
    add_timezones(cal, utcnow().year)  # yearly rules: ical.js misreads icalendar's RDATE lists
    return cal.to_ical()


def ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return response.make_conditional(request)


@bp.get("/enfance/<centre_key>.ics")
def centre_feed(centre_key: str):
    tz = state().timezone
    domain = request.host.split(":")[0] or "girou"
    with state().sessions.begin() as db:
        centre = _centre(centre_key)
        sessions = programme.programme_sessions(
            db,
            centre_key=centre.key,
            from_date=dt.date.today() - dt.timedelta(days=FEED_DAYS_BACK),
        )
        events = [session_event(s, tz, domain) for s in sessions]
        name = f"{centre.name} — programme"
    return ics_response(calendar(name, events, tz), f"{centre_key}.ics")
