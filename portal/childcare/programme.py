"""The programme: centres (from the territory), periods, activities, sessions and prices.

Staff pages and the demo loader create the programme with these functions, and the back-office
(portal.childcare.programme_admin) edits it with the rules a secretary expects (`update_period`,
`update_activity`, `add_sessions`, `delete_session`, `save_price`); the API and the public pages
read it with `programme_sessions`. Capacity changes go through `set_capacity`
(portal.childcare.booking: new places go to the waiting list), never by writing `capacity`
directly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from collab.french import day_fr, fold, time_fr
from collab.territory import Territory
from portal.childcare.errors import ChildcareError, NotFound
from portal.childcare.models import (
    ALLOCATION_MODES,
    DAY,
    DEFAULT_PRIORITY_RULES,
    DURATIONS,
    PERIOD_KINDS,
    PRIORITY_RULES,
    RELEASED,
    SLOTS,
    WINDOW,
    Activity,
    ActivitySession,
    Centre,
    Child,
    Period,
    PriceBracket,
    Registration,
    RegistrationLine,
)
from portal.childcare.receipt import ReceiptLine


# --- centres ---------------------------------------------------------------------------------
def sync_centres(db: Session, territory: Territory) -> int:
    """Mirror the territory's centres (added or renamed; a centre removed from the file stays,
    its activities still point to it). Returns how many rows changed."""
    changed = 0
    for centre in territory.centres:
        row = db.get(Centre, centre.key)
        values = {"name": centre.name, "commune_insee": centre.commune, "address": centre.address}
        if row is None:
            db.add(Centre(key=centre.key, **values))
            changed += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            changed += 1
    db.flush()
    return changed


def find_centre(db: Session, text: str) -> Centre | None:
    """A centre by key, or by a word of its name ("verfeil"), accents and case ignored."""
    wanted = fold(text)
    centres = list(db.scalars(select(Centre).order_by(Centre.key)))
    for centre in centres:
        if fold(centre.key) == wanted:
            return centre
    matches = [c for c in centres if wanted and (wanted in fold(c.name) or wanted in c.key)]
    return matches[0] if len(matches) == 1 else None


# --- periods, activities, sessions -----------------------------------------------------------
def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:90] or "periode"


def unique_slug(db: Session, text: str) -> str:
    """A period slug made from `text` that no period has yet ("-2", "-3"… if needed)."""
    base = slugify(text)
    taken = set(db.scalars(select(Period.slug).where(Period.slug.startswith(base))))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def school_year(day: dt.date) -> str:
    """The school year a day belongs to: from September 1st ("2025-2026")."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def create_period(
    db: Session,
    *,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    residents_open_at: dt.datetime | None = None,
    allocation_mode: str = "first_come",
    priority_rules: list[dict[str, Any]] | None = None,
    slug: str | None = None,
    tz: ZoneInfo,
) -> Period:
    """A new period; aware or naive-UTC datetimes. Raises ChildcareError on bad values."""
    opens, closes, residents = check_period(
        kind, allocation_mode, starts_on, ends_on, opens_at, closes_at, residents_open_at
    )
    rules = check_priority_rules(priority_rules or DEFAULT_PRIORITY_RULES)
    period = Period(
        slug=slug or slugify(f"{name}-{starts_on.isoformat()}"),
        name=name,
        kind=kind,
        school_year=school_year(starts_on),
        starts_on=starts_on,
        ends_on=ends_on,
        opens_at=opens,
        residents_open_at=residents,
        closes_at=closes,
        allocation_mode=allocation_mode,
        priority_rules=rules,
        # Drawn now, kept secret; its hash is public until the allocation reveals it.
        lottery_seed=secrets.token_hex(16) if allocation_mode == WINDOW else None,
    )
    db.add(period)
    db.flush()
    return period


def check_period(
    kind: str,
    allocation_mode: str,
    starts_on: dt.date,
    ends_on: dt.date,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    residents_open_at: dt.datetime | None,
) -> tuple[dt.datetime, dt.datetime, dt.datetime | None]:
    """Raise unless the values make a period; its opening, closing and residents' opening
    as stored (naive UTC)."""
    if kind not in PERIOD_KINDS:
        raise ChildcareError(f"Type de période inconnu : {kind}.", "invalid_period")
    if allocation_mode not in ALLOCATION_MODES:
        raise ChildcareError(f"Mode d’attribution inconnu : {allocation_mode}.", "invalid_period")
    if starts_on > ends_on:
        raise ChildcareError("La période se termine avant de commencer.", "invalid_period")
    opens, closes = as_utc(opens_at), as_utc(closes_at)
    residents = as_utc(residents_open_at) if residents_open_at else None
    if opens >= closes:
        raise ChildcareError("Les inscriptions ferment avant d’ouvrir.", "invalid_period")
    if residents is not None and residents > opens:
        raise ChildcareError(
            "L’ouverture pour les familles du territoire doit précéder celle des autres.",
            "invalid_period",
        )
    return opens, closes, residents


def check_priority_rules(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    checked = []
    for rule in rules:
        name, points = rule.get("rule"), rule.get("points")
        if name not in PRIORITY_RULES or not isinstance(points, int) or points < 0:
            raise ChildcareError(f"Règle de priorité invalide : {rule!r}.", "invalid_period")
        checked.append({"rule": name, "points": points})
    return checked


def seed_commitment(period: Period) -> str | None:
    """The SHA-256 of the period's lottery seed, public before the allocation."""
    return hashlib.sha256(period.lottery_seed.encode()).hexdigest() if period.lottery_seed else None


def create_activity(
    db: Session,
    *,
    centre_key: str,
    title: str,
    age_min: int,
    age_max: int,
    description: str = "",
) -> Activity:
    check_activity(db, centre_key, age_min, age_max)
    activity = Activity(
        centre_key=centre_key,
        title=title.strip(),
        description=description.strip(),
        age_min=age_min,
        age_max=age_max,
    )
    db.add(activity)
    db.flush()
    return activity


def check_activity(db: Session, centre_key: str, age_min: int, age_max: int) -> None:
    if db.get(Centre, centre_key) is None:
        raise NotFound(f"Centre inconnu : {centre_key}.", "unknown_centre")
    if not 0 <= age_min <= age_max <= 17:
        raise ChildcareError("Tranche d’âge invalide (de 0 à 17 ans).", "invalid_activity")


def add_session(
    db: Session,
    *,
    activity: Activity,
    period: Period,
    date: dt.date,
    slot: str,
    capacity: int,
) -> ActivitySession:
    if slot not in SLOTS:
        raise ChildcareError(f"Créneau inconnu : {slot}.", "invalid_session")
    if capacity < 0:
        raise ChildcareError("La capacité ne peut pas être négative.", "invalid_session")
    if not period.starts_on <= date <= period.ends_on:
        raise ChildcareError(
            f"Le {day_fr(date)} est en dehors de la période « {period.name} ».",
            "outside_period",
        )
    session = ActivitySession(
        activity_id=activity.id,
        period_id=period.id,
        date=date,
        slot=slot,
        capacity=capacity,
        places_taken=0,
        waitlist_length=0,
    )
    db.add(session)
    db.flush()
    return session


def set_price(
    db: Session,
    *,
    duration: str,
    quotient_max: int | None,
    amount_cents: int,
    period: Period | None = None,
) -> PriceBracket:
    bracket = PriceBracket(
        period_id=period.id if period else None,
        quotient_max=quotient_max,
        duration=duration,
        amount_cents=amount_cents,
    )
    db.add(bracket)
    db.flush()
    return bracket


# --- editing the programme (back-office) -----------------------------------------------------
MAX_NEW_SESSIONS = 200  # sessions added at once ("every weekday" of a whole school term)
MAX_AMOUNT_CENTS = 100_000
MAX_QUOTIENT = 100_000


def update_period(
    db: Session,
    period_id: int,
    *,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    residents_open_at: dt.datetime | None = None,
    allocation_mode: str,
    tz: ZoneInfo,
) -> Period:
    """Change a period (its slug, hence its addresses, stays). Refused once its places were
    allocated; its dates and mode stay as they are once it has requests."""
    period = db.get(Period, period_id, populate_existing=True)
    if period is None:
        raise NotFound(f"Aucune période n° {period_id}.", "unknown_period")
    if period.allocated_at is not None:
        raise ChildcareError(
            f"Les places de « {period.name} » ont été attribuées le "
            f"{french_moment(period.allocated_at, tz)} : la période ne peut plus être modifiée.",
            "period_allocated",
        )
    name = name.strip()
    if not name:
        raise ChildcareError("Donnez un nom à la période.", "invalid_period")
    opens, closes, residents = check_period(
        kind, allocation_mode, starts_on, ends_on, opens_at, closes_at, residents_open_at
    )
    dates_change = (starts_on, ends_on) != (period.starts_on, period.ends_on)
    mode_changes = allocation_mode != period.allocation_mode
    if dates_change or mode_changes:
        requests = db.scalar(
            select(func.count())
            .select_from(Registration)
            .where(Registration.period_id == period.id)
        )
        if requests:
            what = {
                (True, False): "ses dates ne peuvent",
                (False, True): "son mode d’attribution ne peut",
                (True, True): "ses dates et son mode d’attribution ne peuvent",
            }[dates_change, mode_changes]
            raise ChildcareError(
                f"« {period.name} » a déjà {plural(requests, 'demande')} d’inscription : "
                f"{what} plus changer.",
                "period_has_requests",
            )
    outside = db.scalar(
        select(func.count())
        .select_from(ActivitySession)
        .where(
            ActivitySession.period_id == period.id,
            (ActivitySession.date < starts_on) | (ActivitySession.date > ends_on),
        )
    )
    if outside:
        raise ChildcareError(
            f"{plural(outside, 'séance')} de la période "
            f"{'tomberait' if outside == 1 else 'tomberaient'} en dehors de ces dates : "
            "supprimez-les d’abord.",
            "outside_period",
        )
    if mode_changes:
        # Window mode draws its lottery seed now (see create_period); first come needs none.
        period.lottery_seed = secrets.token_hex(16) if allocation_mode == WINDOW else None
        if allocation_mode == WINDOW and not period.priority_rules:
            period.priority_rules = check_priority_rules(DEFAULT_PRIORITY_RULES)
    period.name, period.kind, period.allocation_mode = name, kind, allocation_mode
    period.starts_on, period.ends_on = starts_on, ends_on
    period.school_year = school_year(starts_on)
    period.opens_at, period.closes_at, period.residents_open_at = opens, closes, residents
    db.flush()
    return period


def update_activity(
    db: Session,
    activity_id: int,
    *,
    centre_key: str,
    title: str,
    age_min: int,
    age_max: int,
    description: str = "",
) -> Activity:
    """Change an activity. Once it has requests it stays at its centre, and its age range
    keeps every child with a request in it."""
    activity = db.get(Activity, activity_id, populate_existing=True)
    if activity is None:
        raise NotFound(f"Aucune activité n° {activity_id}.", "unknown_activity")
    title = title.strip()
    if not title:
        raise ChildcareError("Donnez un titre à l’activité.", "invalid_activity")
    check_activity(db, centre_key, age_min, age_max)
    lines = db.execute(
        select(RegistrationLine.status, Child.birth_date, ActivitySession.date)
        .join(ActivitySession, ActivitySession.id == RegistrationLine.session_id)
        .join(Child, Child.id == RegistrationLine.child_id)
        .where(ActivitySession.activity_id == activity.id)
    ).all()
    if lines and centre_key != activity.centre_key:
        raise ChildcareError(
            f"« {activity.title} » a déjà des demandes d’inscription : elle ne peut plus changer "
            "de centre.",
            "activity_has_requests",
        )
    outside = sum(
        1
        for status, birth_date, day in lines
        if status != RELEASED and not age_min <= age_on(birth_date, day) <= age_max
    )
    if outside:
        raise ChildcareError(
            f"{plural(outside, 'demande')} en cours pour « {activity.title} » "
            f"{'concerne' if outside == 1 else 'concernent'} des enfants hors de la tranche de "
            f"{age_min} à {age_max} ans : la tranche d’âge ne peut pas être réduite ainsi.",
            "activity_has_requests",
        )
    activity.centre_key, activity.title = centre_key, title
    activity.description, activity.age_min, activity.age_max = description.strip(), age_min, age_max
    db.flush()
    return activity


def dates_between(first: dt.date, last: dt.date, weekdays: Iterable[int]) -> list[dt.date]:
    """The days from `first` to `last` (included) whose weekday (Monday 0) is in `weekdays`."""
    wanted = set(weekdays)
    count = (last - first).days + 1
    return [d for d in (first + dt.timedelta(n) for n in range(count)) if d.weekday() in wanted]


def add_sessions(
    db: Session,
    *,
    activity: Activity,
    period: Period,
    dates: Iterable[dt.date],
    slot: str,
    capacity: int,
) -> tuple[list[ActivitySession], int]:
    """Sessions of `activity` on these dates; a date where the activity already has a session
    at the same time (the day overlaps both half days) is left out. The new sessions, and how
    many dates were left out; an error if none is new."""
    days = sorted(set(dates))
    if not days:
        raise ChildcareError("Aucune date ne correspond : aucune séance ajoutée.", "no_session")
    if len(days) > MAX_NEW_SESSIONS:
        raise ChildcareError(
            f"Au plus {MAX_NEW_SESSIONS} séances à la fois ({len(days)} demandées).",
            "too_many_sessions",
        )
    taken = db.execute(
        select(ActivitySession.date, ActivitySession.slot).where(
            ActivitySession.activity_id == activity.id, ActivitySession.date.in_(days)
        )
    ).all()
    busy = {day for day, other in taken if DAY in (slot, other) or other == slot}
    created = [
        add_session(db, activity=activity, period=period, date=day, slot=slot, capacity=capacity)
        for day in days
        if day not in busy
    ]
    if not created:
        raise ChildcareError(
            f"« {activity.title} » a déjà une séance à ce créneau "
            f"{'à cette date' if len(days) == 1 else 'à chacune de ces dates'}.",
            "session_exists",
        )
    return created, len(days) - len(created)


def delete_session(db: Session, session_id: int) -> str:
    """Delete a session nobody asked for (a request, even cancelled, keeps it); its
    description."""
    session = db.get(ActivitySession, session_id)
    if session is None:
        raise NotFound(f"Séance inconnue : n° {session_id}.", "unknown_session")
    described = f"{describe_session(session)} ({session.activity.title})"
    refused = ChildcareError(
        f"La séance du {described} a déjà des demandes d’inscription : elle ne peut pas être "
        "supprimée.",
        "session_has_requests",
    )
    requested = select(RegistrationLine.id).where(RegistrationLine.session_id == session_id)
    if db.scalars(requested.limit(1)).first() is not None:
        raise refused
    db.expunge(session)
    # Conditional: a request recorded meanwhile keeps the session.
    table = ActivitySession.__table__
    deleted = db.execute(delete(table).where(table.c.id == session_id, ~requested.exists()))
    if deleted.rowcount != 1:
        raise refused
    return described


def save_price(
    db: Session,
    *,
    period: Period | None,
    duration: str,
    quotient_max: int | None,
    amount_cents: int,
) -> PriceBracket:
    """Set the price of a bracket of the period's grid (None: the default grid), replacing the
    bracket's previous price."""
    if duration not in set(DURATIONS.values()):
        raise ChildcareError(f"Durée inconnue : {duration}.", "invalid_price")
    if not 0 <= amount_cents <= MAX_AMOUNT_CENTS:
        raise ChildcareError(
            f"Le prix doit être compris entre 0 et {MAX_AMOUNT_CENTS // 100} €.", "invalid_price"
        )
    if quotient_max is not None and not 0 <= quotient_max <= MAX_QUOTIENT:
        raise ChildcareError(
            f"Le quotient familial doit être compris entre 0 et {MAX_QUOTIENT} €.",
            "invalid_price",
        )
    existing = db.scalars(
        select(PriceBracket).where(
            PriceBracket.duration == duration,
            PriceBracket.period_id.is_(None)
            if period is None
            else PriceBracket.period_id == period.id,
            PriceBracket.quotient_max.is_(None)
            if quotient_max is None
            else PriceBracket.quotient_max == quotient_max,
        )
    ).first()
    if existing is None:
        return set_price(
            db, duration=duration, quotient_max=quotient_max, amount_cents=amount_cents,
            period=period,
        )  # fmt: skip
    existing.amount_cents = amount_cents
    db.flush()
    return existing


def delete_price(db: Session, bracket_id: int, period: Period | None) -> None:
    """Remove a bracket of the period's grid (None: the default grid)."""
    bracket = db.get(PriceBracket, bracket_id)
    if bracket is None or bracket.period_id != (period.id if period else None):
        raise NotFound("Ce tarif n’existe pas (ou plus).", "unknown_price")
    db.delete(bracket)
    db.flush()


def plural(count: int, noun: str) -> str:
    """« 1 demande », « 3 demandes »."""
    return f"{count} {noun}{'s' if count > 1 else ''}"


# --- reading the programme -------------------------------------------------------------------
def find_period(db: Session, ref: str | int) -> Period | None:
    """A period by id or slug."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit():
        return db.get(Period, int(text)) if len(text) < 10 else None
    return db.scalars(select(Period).where(Period.slug == text)).first()


def programme_sessions(
    db: Session,
    *,
    centre_key: str | None = None,
    period_id: int | None = None,
    from_date: dt.date | None = None,
    limit: int | None = None,
) -> list[ActivitySession]:
    """Sessions by date, slot and activity, optionally of one centre and/or one period."""
    query = select(ActivitySession).join(Activity)
    if centre_key:
        query = query.where(Activity.centre_key == centre_key)
    if period_id is not None:
        query = query.where(ActivitySession.period_id == period_id)
    if from_date is not None:
        query = query.where(ActivitySession.date >= from_date)
    query = query.order_by(ActivitySession.date, ActivitySession.slot, ActivitySession.id)
    if limit:
        query = query.limit(limit)
    return list(db.scalars(query).unique())


def session_json(session: ActivitySession) -> dict[str, Any]:
    """A session as the API and the pages show it."""
    activity = session.activity
    return {
        "id": session.id,
        "date": session.date.isoformat(),
        "slot": session.slot,
        "capacity": session.capacity,
        "remaining": session.remaining,
        "waitlist": session.waitlist_length,
        "age_min": activity.age_min,
        "age_max": activity.age_max,
        "activity": activity.title,
        "activity_id": activity.id,
        "centre": activity.centre_key,
        "centre_name": activity.centre.name,
        "period": session.period.slug,
    }


def describe_session(session: ActivitySession | ReceiptLine) -> str:
    """« mercredi 4 mars 2026, journée »."""
    return f"{day_fr(session.date)}, {SLOTS[session.slot]}"


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- time ------------------------------------------------------------------------------------
def as_utc(moment: dt.datetime) -> dt.datetime:
    """Naive UTC, as stored: aware datetimes are converted, naive ones taken as UTC."""
    if moment.tzinfo is not None:
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def local_moment(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC).astimezone(tz)


def french_moment(moment: dt.datetime, tz: ZoneInfo) -> str:
    """« lundi 2 mars 2026 à 8 h 30 » for a stored (naive UTC) moment."""
    local = local_moment(moment, tz)
    return f"{day_fr(local.date())} à {time_fr(local)}"


SESSIONS_BY_ID = select(ActivitySession).where(
    ActivitySession.id.in_(bindparam("ids", expanding=True))
)


def sessions_by_id(db: Session, ids: Iterable[int]) -> dict[int, ActivitySession]:
    """Sessions with their activity, centre and period (one query)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found = db.scalars(SESSIONS_BY_ID, {"ids": wanted}).unique()
    return {session.id: session for session in found}
