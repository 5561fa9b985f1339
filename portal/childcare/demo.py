"""Demo programme: the periods of collab.demo_calendar around the day it is loaded, a few
fictitious families.

Dates follow the school calendar of zone C and the public holidays, relative to the loading
day, so that right after `make run` the school Wednesdays (first come, first served) are open
for registration and the next school holidays (window mode) are collecting requests. Loaded
once: a second run finds its periods and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.demo_calendar import demo_periods
from collab.territory import Territory
from collab.webdav import SHARE_ERRORS, bot_shares
from portal.childcare import booking, documents, families, programme
from portal.childcare.models import (
    DAY,
    FIRST_COME,
    HALF_DAY,
    MORNING,
    WINDOW,
    Activity,
    Child,
    Family,
    Period,
)
from portal.pdf import latin1

log = logging.getLogger("girou.childcare.demo")
MARKER_SLUG = "demo-mercredis"
PASSWORD = "demo-famille-girou"  # fictitious accounts of the demo only
ACTIVITIES = (
    ("Éveil et jeux", "Jeux d’éveil, comptines, motricité et sieste pour les plus petits.", 3, 5),
    ("Sports collectifs", "Initiation aux sports d’équipe, jeux de ballon et d’adresse.", 6, 11),
    ("Ateliers nature", "Découverte du jardin, cabanes, petites bêtes et land art.", 6, 11),
    (
        "Théâtre et expression",
        "Improvisation, mime et petite représentation en fin de cycle.",
        8,
        12,
    ),
    ("Ados : projets et sorties", "Projets choisis par le groupe, sorties et veillées.", 11, 14),
)
PRICES = ((600, 400, 700), (1000, 600, 1000), (1500, 800, 1300), (None, 1000, 1600))
FAMILIES = (  # name, commune, both parents working, children (first name, age, level)
    ("Exemple-Garcia", "31573", True, (("Léa", 7, "CE1"), ("Hugo", 9, "CM1"))),
    ("Fictif", "31358", False, (("Inès", 4, "MS"),)),
    ("Démo-Martin", "31228", True, (("Noah", 8, "CE2"),)),
    ("Essai", "31555", True, (("Jade", 10, "CM2"),)),  # Toulouse: outside the territory
)
SLUGS = {  # by role of collab.demo_calendar
    "past": "demo-passees",
    "wednesdays": MARKER_SLUG,
    "window": "demo-prochaines-vacances",
    "soon": "demo-vacances-suivantes",
    "later": "demo-vacances-plus-tard",
}


def build_programme(db: Session, territory: Territory, today: dt.date, tz: ZoneInfo) -> dict:
    """The demo programme of `today` (collab.demo_calendar); the periods by role."""
    programme.sync_centres(db, territory)
    activities: dict[str, list[Activity]] = {}
    for centre in territory.centres:
        activities[centre.key] = [
            programme.create_activity(
                db, centre_key=centre.key, title=t, description=d, age_min=lo, age_max=hi
            )
            for t, d, lo, hi in ACTIVITIES
        ]
    for quotient_max, half, day in PRICES:
        programme.set_price(db, duration=HALF_DAY, quotient_max=quotient_max, amount_cents=half)
        programme.set_price(db, duration=DAY, quotient_max=quotient_max, amount_cents=day)

    periods: dict[str, tuple[Period, tuple[dt.date, ...]]] = {}
    for planned in demo_periods(today):
        period = programme.create_period(
            db,
            slug=SLUGS[planned.role],
            name=planned.name,
            kind=planned.kind,
            starts_on=planned.first_day,
            ends_on=planned.last_day,
            opens_at=planned.opens.replace(tzinfo=tz),
            closes_at=planned.closes.replace(tzinfo=tz),
            residents_open_at=planned.residents_open.replace(tzinfo=tz),
            allocation_mode=WINDOW if planned.lottery else FIRST_COME,
            tz=tz,
        )
        periods[planned.role] = (period, planned.days)

    for role, (period, days) in periods.items():
        for centre_index, centre in enumerate(territory.centres):
            for day in days:
                for index, activity in enumerate(activities[centre.key]):
                    if role == "wednesdays" or (index + day.toordinal()) % 2 == 0:
                        # Half days on Wednesdays for the youngest, full days otherwise.
                        slot = MORNING if role == "wednesdays" and index == 0 else DAY
                        capacity = 8 + 4 * ((index + centre_index) % 3)
                        if role == "wednesdays" and day == days[0] and index == 1:
                            capacity = 2  # one tiny session: the demo shows a waiting list
                        programme.add_session(
                            db,
                            activity=activity,
                            period=period,
                            date=day,
                            slot=slot,
                            capacity=capacity,
                        )
    return {role: period for role, (period, _days) in periods.items()}


def _demo_families(db: Session, territory: Territory, today: dt.date, scrypt_n: int):
    made = []
    for name, commune, working, children in FAMILIES:
        family = families.create_family(
            db,
            territory,
            email=f"famille.{programme.slugify(name)}@exemple.fr",
            password=PASSWORD,
            name=name,
            commune_insee=commune,
            scrypt_n=scrypt_n,
            verified=True,
        )
        family.quotient = 850
        family.parent1_works = True
        family.parent2_works = working
        kids = [
            families.add_child(
                db,
                family,
                first_name=first,
                last_name=name,
                birth_date=dt.date(today.year - age, today.month, min(today.day, 28))
                - dt.timedelta(days=40),
                school_level=level,
                today=today,
            )
            for first, age, level in children
        ]
        made.append((family, kids))
    return made


def _demo_pdf(title: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 10, latin1(f"{title}\n\nDocument fictif de démonstration."))
    return bytes(pdf.output())


def _send_documents(settings: Settings, sessions: sessionmaker[Session], made) -> int:
    """Every other demo family has sent its three documents, the others only the proof of
    family quotient: the secretariat sees complete and incomplete files. Into the real share
    (skipped, with a log line, when no WebDAV server answers: a database-only demo)."""
    sent = 0
    try:
        dav = bot_shares(settings)
    except FileNotFoundError as exc:  # no secrets.toml: a database-only demo
        log.warning("demo documents not sent (%s)", exc)
        return 0
    try:
        for number, (family, _kids) in enumerate(made):
            kinds = list(documents.KINDS) if number % 2 == 0 else ["quotient"]
            for kind in kinds:
                data = _demo_pdf(documents.KINDS[kind].capitalize())
                path, size = documents.store(dav, family.id, kind, data)
                with sessions.begin() as db:
                    db.add(
                        documents.FamilyDocument(
                            family_id=family.id, kind=kind, path=path, size=size
                        )
                    )
                sent += 1
    except SHARE_ERRORS as exc:
        log.warning("demo documents not sent (WebDAV share unavailable: %s)", exc)
    finally:
        dav.close()
    return sent


def _suitable(db: Session, period: Period, child: Child, count: int) -> list[int]:
    """The first `count` sessions of `period` suited to `child`'s age, one per date."""
    chosen, dates = [], set()
    for session in programme.programme_sessions(db, period_id=period.id):
        age = programme.age_on(child.birth_date, session.date)
        if session.date in dates or not session.activity.age_min <= age <= session.activity.age_max:
            continue
        chosen.append(session.id)
        dates.add(session.date)
        if len(chosen) == count:
            break
    return chosen


def load_demo(
    settings: Settings,
    sessions: sessionmaker[Session],
    territory: Territory,
    *,
    today: dt.date | None = None,
) -> str:
    """The demo loader of `girou up` (portal/demo.py), for the day it runs or for `today`
    (the families' requests are then made at noon that day)."""
    tz = settings.timezone
    now = dt.datetime.now(tz) if today is None else dt.datetime.combine(today, dt.time(12), tz)
    today = now.date()
    with sessions.begin() as db:
        if db.scalars(select(Period.id).where(Period.slug == MARKER_SLUG)).first() is not None:
            return "childcare: demo programme already loaded"
        periods = build_programme(db, territory, today, tz)
        made = _demo_families(db, territory, today, scrypt_n=4096)
    sent = _send_documents(settings, sessions, made)
    requests = 0
    with sessions.begin() as db:
        wednesdays = db.get(Period, periods["wednesdays"].id)
        window = db.get(Period, periods["window"].id)
        tiny = _tiny_session(db, wednesdays)
        for number, (family, kids) in enumerate(made):
            family = db.get(Family, family.id)
            for child in kids:
                child = db.get(Child, child.id)
                age = programme.age_on(child.birth_date, tiny.date)
                fits = tiny.activity.age_min <= age <= tiny.activity.age_max
                ids = [tiny.id] if fits else _suitable(db, wednesdays, child, 2)
                if ids:
                    booking.register(db, family, child, ids, f"demo-w-{child.id}", now, tz=tz)
                    requests += 1
                if number % 2 == 0:
                    ids = _suitable(db, window, child, 3)
                    if ids:
                        booking.register(db, family, child, ids, f"demo-v-{child.id}", now, tz=tz)
                        requests += 1
    count = len(periods)
    return (
        f"childcare: {count} periods around today (Wednesdays open, next holidays collecting "
        f"requests), {len(made)} demo families (password {PASSWORD}), {sent} documents, "
        f"{requests} requests"
    )


def _tiny_session(db: Session, period: Period):
    sessions = programme.programme_sessions(db, period_id=period.id)
    return min(sessions, key=lambda s: (s.capacity, s.date, s.id))
