"""Registrations: register, confirm, refuse, cancel, and the waiting lists that follow.

Every function works in the caller's transaction (`with sessions.begin() as db: ...`) and
writes its alerts and mails in it (portal.childcare.notify). A ChildcareError is raised before
anything is written.

Places: a session row counts its places (`places_taken`) and its waiting list
(`waitlist_length`). A place is taken by a conditional UPDATE (`... WHERE places_taken <
capacity`), which the database runs atomically under the row's write lock: on PostgreSQL
concurrent transactions queue on the row and re-check the condition on its latest version; on
SQLite the whole database has one writer. Whoever changes a session's places or waiting list
first locks the session rows concerned, always in ascending id order and before any
registration row, so that concurrent requests, cancellations and promotions never deadlock.
A CHECK constraint (places_taken <= capacity) is the last guard.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Row,
    Select,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collab.db import utcnow
from collab.french import day_fr
from portal.childcare import notify
from portal.childcare.completeness import file_completeness, missing_items
from portal.childcare.errors import ChildcareError, NotFound
from portal.childcare.models import (
    ACTIVE,
    CANCELLED,
    CONFIRMED,
    FIRST_COME,
    HELD,
    PENDING,
    REFUSED,
    RELEASED,
    REQUESTED,
    STATUS_LABELS,
    WAITING,
    WAITLISTED,
    Activity,
    ActivitySession,
    Centre,
    Family,
    Period,
    Registration,
    RegistrationLine,
    opening_for,
)
from portal.childcare.programme import (
    age_on,
    as_utc,
    french_moment,
)
from portal.childcare.receipt import Receipt, ReceiptLine, make_receipt, receipt_of

SESSIONS = ActivitySession.__table__
PERIODS = Period.__table__
ACTIVITIES = Activity.__table__
CENTRES = Centre.__table__
LINES = RegistrationLine.__table__
REGISTRATIONS = Registration.__table__
MAX_SESSIONS_PER_REQUEST = 60
MAX_KEY_LENGTH = 255


@dataclass
class Changes:
    """What a release set in motion: requests that left the waiting list."""

    promoted: list[Registration] = field(default_factory=list)


# --- locking ---------------------------------------------------------------------------------
def lock_sessions(db: Session, session_ids: Iterable[int]) -> None:
    """Take the write locks of these sessions' rows, in ascending id order.

    PostgreSQL: SELECT … FOR UPDATE, rows locked in the ORDER BY order. SQLite: one writer for
    the whole database; a write statement (a no-op UPDATE) makes this transaction that writer
    now, so that everything read from here on is current (pysqlite begins the transaction at
    the first write and the busy timeout makes us wait our turn).
    """
    ids = sorted(set(session_ids))
    if not ids:
        return
    if db.get_bind().dialect.name == "postgresql":
        db.execute(
            select(SESSIONS.c.id)
            .where(SESSIONS.c.id.in_(ids))
            .order_by(SESSIONS.c.id)
            .with_for_update()
        )
    else:
        db.execute(
            update(SESSIONS)
            .where(SESSIONS.c.id.in_(ids))
            .values(places_taken=SESSIONS.c.places_taken)
        )


# Built once: every request runs them.
TAKE_PLACE = (
    update(SESSIONS)
    .where(
        SESSIONS.c.id == bindparam("session_id"),
        SESSIONS.c.places_taken < SESSIONS.c.capacity,
    )
    .values(places_taken=SESSIONS.c.places_taken + 1)
)
JOIN_WAITLIST = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"))
    .values(waitlist_length=SESSIONS.c.waitlist_length + 1)
    .returning(SESSIONS.c.waitlist_length)
)
JOIN_WAITLIST_IF_FULL = JOIN_WAITLIST.where(SESSIONS.c.places_taken >= SESSIONS.c.capacity)


def take_place(db: Session, session_id: int) -> bool:
    """One place of the session if one is left (atomic); False when it is full."""
    return db.execute(TAKE_PLACE, {"session_id": session_id}).rowcount == 1


def join_waitlist(db: Session, session_id: int) -> int:
    """The next rank on the session's waiting list (atomic)."""
    return db.execute(JOIN_WAITLIST, {"session_id": session_id}).scalar_one()


def take_or_wait(db: Session, session_id: int) -> tuple[str, int | None]:
    """(HELD, None) with one of the session's places if one is left, else (WAITING, rank) on
    its waiting list.

    The waiting list is tried first: on an opening day most requests find their session
    full, and joining its list when it is full is one atomic statement. Each statement locks
    the row only if its condition holds; if the session changed between the two (PostgreSQL:
    another transaction took the last place), the row is locked and asked again.
    """
    params = {"session_id": session_id}
    rank = db.execute(JOIN_WAITLIST_IF_FULL, params).scalar()
    if rank is not None:
        return WAITING, rank
    if take_place(db, session_id):
        return HELD, None
    lock_sessions(db, [session_id])
    if take_place(db, session_id):
        return HELD, None
    return WAITING, join_waitlist(db, session_id)


def _leave_waitlist(db: Session, session_id: int, rank: int) -> None:
    """Someone at `rank` left the list: those behind move up one."""
    db.execute(
        update(LINES)
        .where(
            LINES.c.session_id == session_id,
            LINES.c.status == WAITING,
            LINES.c.waitlist_rank > rank,
        )
        .values(waitlist_rank=LINES.c.waitlist_rank - 1)
    )
    db.execute(
        update(SESSIONS)
        .where(SESSIONS.c.id == session_id)
        .values(waitlist_length=SESSIONS.c.waitlist_length - 1)
    )


def place_line(db: Session, line: RegistrationLine) -> None:
    """Give a (requested) line a place, or a rank on its session's waiting list."""
    line.status, line.waitlist_rank = take_or_wait(db, line.session_id)


def status_of(lines: Sequence[RegistrationLine]) -> str:
    """PENDING when nothing waits (places held, or the allocation to come), else WAITLISTED."""
    return WAITLISTED if any(line.status == WAITING for line in lines) else PENDING


# --- register --------------------------------------------------------------------------------
def fingerprint(child_id: int, session_ids: Iterable[int]) -> str:
    text = f"{child_id}:" + ",".join(str(i) for i in sorted(set(session_ids)))
    return hashlib.sha256(text.encode()).hexdigest()


def find_by_key(db: Session, family_id: int, key: str) -> Registration | None:
    return db.scalars(
        select(Registration).where(
            Registration.family_id == family_id, Registration.idempotency_key == key
        )
    ).first()


def _same_request(existing: Registration, digest: str) -> Registration:
    if existing.fingerprint != digest:
        raise ChildcareError(
            "Cette clé d’idempotence a déjà servi pour une autre demande ; utilisez-en une "
            "nouvelle pour une nouvelle demande.",
            "idempotency_key_reused",
        )
    return existing


class Applicant(Protocol):
    """The family asking: a Family, or its row (`families.caller_for_token`)."""

    id: int
    name: str
    email: str
    resident: bool
    email_verified: bool
    quotient: int | None


class Pupil(Protocol):
    """The child: a Child, or what the API read of it (`families.ChildFacts`)."""

    id: int
    family_id: int
    first_name: str
    birth_date: dt.date


# One row per session asked for (`session_facts`), in ascending id order: the session's period
# (its columns under their own names, so that a row is a period for `check_open`), the session,
# its activity and centre, and whether the child already asks for it.
SESSION_FACTS = (
    select(
        SESSIONS.c.period_id,
        PERIODS.c.slug,
        PERIODS.c.name,
        PERIODS.c.kind,
        PERIODS.c.starts_on,
        PERIODS.c.ends_on,
        PERIODS.c.opens_at,
        PERIODS.c.residents_open_at,
        PERIODS.c.closes_at,
        PERIODS.c.allocation_mode,
        SESSIONS.c.id.label("session_id"),
        SESSIONS.c.date,
        SESSIONS.c.slot,
        ACTIVITIES.c.title.label("activity"),
        ACTIVITIES.c.age_min,
        ACTIVITIES.c.age_max,
        ACTIVITIES.c.centre_key,
        CENTRES.c.name.label("centre"),
        exists()
        .where(
            LINES.c.child_id == bindparam("child_id"),
            LINES.c.session_id == SESSIONS.c.id,
            # A literal, as in the partial unique index on (child, session): PostgreSQL's
            # generic plan for a bound value cannot use that index and reads every line.
            LINES.c.status != literal_column(f"'{RELEASED}'"),
        )
        .label("already_requested"),
    )
    .join(PERIODS, PERIODS.c.id == SESSIONS.c.period_id)
    .join(ACTIVITIES, ACTIVITIES.c.id == SESSIONS.c.activity_id)
    .join(CENTRES, CENTRES.c.key == ACTIVITIES.c.centre_key)
    .order_by(SESSIONS.c.id)
)


@functools.cache
def session_facts(count: int) -> Select:
    """SESSION_FACTS of `count` sessions (parameters id0, id1…): one statement per count,
    compiled once, rather than an "expanding" IN list rendered again at every request."""
    return SESSION_FACTS.where(SESSIONS.c.id.in_([bindparam(f"id{n}") for n in range(count)]))


NEW_REGISTRATION = insert(REGISTRATIONS).returning(REGISTRATIONS.c.id)


def register(
    db: Session,
    family: Applicant,
    child: Pupil,
    session_ids: Sequence[int],
    idempotency_key: str,
    now: dt.datetime | None = None,
    *,
    tz: ZoneInfo,
    documents_sent: Collection[str] | None = None,
) -> Receipt:
    """Ask for `session_ids` (one period) for `child`; the request as recorded.

    First-come mode: each session gives a place at once or a rank on its waiting list. Window
    mode: the sessions are requested, places are given by `allocation.allocate` at the close.
    The same (family, idempotency key) returns the first request, whatever happened since;
    the same key for a different request is an error. Announces the request in the
    secretariat room and mails a receipt, in this transaction.

    Two identical submissions running at the same moment: one of the two transactions fails
    on a unique constraint (IntegrityError) and must be rolled back; `previous_request` in a
    new transaction then gives the first one (as `submit` does).

    The opening minute of a period runs this thousands of times: it reads and writes rows
    with prebuilt Core statements, and describes the request from them (a Receipt) rather
    than loading the ORM objects.
    """
    now = as_utc(now) if now else utcnow()
    key = idempotency_key.strip() if isinstance(idempotency_key, str) else ""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ChildcareError(
            f"Clé d’idempotence manquante ou trop longue ({MAX_KEY_LENGTH} caractères au plus).",
            "invalid_idempotency_key",
        )
    ids = sorted(set(session_ids))
    db.flush()  # what the caller added is read below by Core statements (no autoflush)
    try:
        wanted = _check_request(db, family, child, ids, now, tz)
    except ChildcareError:
        # A submission sent again (a double click, a retry) may no longer pass the checks
        # (its places are taken by itself, the period closed since): it gets its answer.
        existing = previous_request(db, family.id, child.id, ids, key)
        if existing is not None:
            return receipt_of(existing)
        raise
    # Read before the first write (on SQLite, the writers' lock is held from there to commit),
    # unless the caller read the family's documents with the family (`documents_sent`).
    missing = (
        file_completeness(db, family)
        if documents_sent is None
        else missing_items(family, documents_sent)
    )
    # Written from here on; every check is done. Places first, in ascending session ids (the
    # lock order), then the rows.
    period = wanted[0]
    outcomes = [
        take_or_wait(db, row.session_id)
        if period.allocation_mode == FIRST_COME
        else (REQUESTED, None)
        for row in wanted
    ]
    status = WAITLISTED if any(state == WAITING for state, _rank in outcomes) else PENDING
    code = secrets.token_hex(6).upper()
    registration_id = db.execute(
        NEW_REGISTRATION,
        {
            "family_id": family.id,
            "child_id": child.id,
            "period_id": period.period_id,
            "status": status,
            "idempotency_key": key,
            "fingerprint": fingerprint(child.id, ids),
            "public_code": code,
            "created_at": now,
            "updated_at": now,
        },
    ).scalar_one()  # IntegrityError: the same submission was recorded meanwhile (see above)
    db.execute(
        insert(LINES),
        [
            {
                "registration_id": registration_id,
                "session_id": row.session_id,
                "child_id": child.id,
                "status": state,
                "waitlist_rank": rank,
            }
            for row, (state, rank) in zip(wanted, outcomes, strict=True)
        ],
    )
    receipt = make_receipt(
        registration_id=registration_id,
        public_code=code,
        status=status,
        reason=None,
        created_at=now,
        family=family,
        child=child,
        period=period,
        lines=(
            ReceiptLine(
                session_id=row.session_id,
                date=row.date,
                slot=row.slot,
                activity=row.activity,
                centre=row.centre,
                centre_key=row.centre_key,
                status=state,
                waitlist_rank=rank,
            )
            for row, (state, rank) in zip(wanted, outcomes, strict=True)
        ),
    )
    notify.announce_request(db, receipt, missing, tz)
    return receipt


Applying = Callable[[Session], tuple[Applicant, Pupil, Collection[str] | None]]
Run = Callable[[Callable[[Session], Receipt]], Receipt]


def submit(
    run: Run,
    applying: Applying,
    session_ids: Sequence[int],
    idempotency_key: str,
    *,
    tz: ZoneInfo,
) -> Receipt:
    """`register` as the family's pages and the API call it: in a transaction of its own.

    `run(work)` runs `work(db)` in one transaction (portal.childcare.transactions);
    `applying(db)` gives the family, its child and the document kinds already read (or None),
    and raises when the caller may not ask (unknown child, address not confirmed). Two
    identical submissions at the same moment: the one that loses the unique constraint is
    rolled back and answered, in a new transaction, with the request the other recorded.
    """

    def work(db: Session) -> Receipt:
        family, child, documents_sent = applying(db)
        return register(
            db, family, child, session_ids, idempotency_key, tz=tz, documents_sent=documents_sent
        )

    def recorded_meanwhile(db: Session) -> Receipt:
        family, child, _ = applying(db)
        previous = previous_request(db, family.id, child.id, session_ids, idempotency_key)
        if previous is None:  # another submission for the same child and sessions
            raise ChildcareError(
                "Une demande pour cet enfant et ces séances vient d’être enregistrée.",
                "already_requested",
            )
        return receipt_of(previous)

    try:
        return run(work)
    except IntegrityError:
        return run(recorded_meanwhile)


def previous_request(
    db: Session, family_id: int, child_id: int, session_ids: Sequence[int], key: str
) -> Registration | None:
    """The request already recorded under this family's idempotency key, if any; raises if
    the key was used for a different request."""
    existing = find_by_key(db, family_id, key.strip())
    if existing is None:
        return None
    return _same_request(existing, fingerprint(child_id, session_ids))


def _check_request(
    db: Session,
    family: Applicant,
    child: Pupil,
    ids: list[int],
    now: dt.datetime,
    tz: ZoneInfo,
) -> list[Row]:
    """Every reason to refuse a request, in French; the SESSION_FACTS of `ids`."""
    if child.family_id != family.id:
        raise NotFound("Cet enfant n’est pas rattaché à votre compte.", "unknown_child")
    if not ids:
        raise ChildcareError("Choisissez au moins une séance.", "no_session")
    if len(ids) > MAX_SESSIONS_PER_REQUEST:
        raise ChildcareError(
            f"Une demande compte au plus {MAX_SESSIONS_PER_REQUEST} séances.", "too_many_sessions"
        )
    params = {f"id{n}": session_id for n, session_id in enumerate(ids)}
    wanted = db.execute(session_facts(len(ids)), {**params, "child_id": child.id}).all()
    found = {row.session_id for row in wanted}
    unknown = [i for i in ids if i not in found]
    if unknown:
        listed = ", ".join(f"n° {i}" for i in unknown[:5])
        raise NotFound(
            f"Séance inconnue : {listed}."
            if len(unknown) == 1
            else f"Séances inconnues : {listed}.",
            "unknown_session",
        )
    if len({row.period_id for row in wanted}) > 1:
        raise ChildcareError(
            "Les séances demandées doivent appartenir à une même période (une demande par "
            "période).",
            "several_periods",
        )
    period = wanted[0]
    today = now.replace(tzinfo=dt.UTC).astimezone(tz).date()
    for row in wanted:
        if not period.starts_on <= row.date <= period.ends_on:
            raise ChildcareError(
                f"La séance du {day_fr(row.date)} est en dehors de la période "
                f"« {period.name} » (du {day_fr(period.starts_on)} au "
                f"{day_fr(period.ends_on)}).",
                "outside_period",
            )
        if row.date < today:
            raise ChildcareError(
                f"La séance du {day_fr(row.date)} est déjà passée.", "outside_period"
            )
    check_open(period, family.resident, now, tz)
    for row in wanted:
        age = age_on(child.birth_date, row.date)
        if not row.age_min <= age <= row.age_max:
            raise ChildcareError(
                f"{child.first_name} aura {age} an{'s' if age > 1 else ''} le "
                f"{day_fr(row.date)} : l’activité « {row.activity} » accueille les "
                f"enfants de {row.age_min} à {row.age_max} ans.",
                "age_out_of_range",
            )
    for row in wanted:
        if row.already_requested:
            raise ChildcareError(
                f"{child.first_name} a déjà une demande en cours pour la séance du "
                f"{day_fr(row.date)} ({row.activity}).",
                "already_requested",
            )
    return wanted


def check_open(period: Period | Row, resident: bool, now: dt.datetime, tz: ZoneInfo) -> None:
    """Raise unless a family (resident or not) may register for `period` at `now`."""
    if now >= period.closes_at:
        raise ChildcareError(
            f"Les inscriptions pour « {period.name} » sont closes depuis le "
            f"{french_moment(period.closes_at, tz)}.",
            "period_closed",
        )
    opening = opening_for(period, resident)
    if now >= opening:
        return
    residents = opening_for(period, True)
    if not resident and residents < period.opens_at and now >= residents:
        raise ChildcareError(
            f"Les inscriptions pour « {period.name} » sont pour l’instant réservées aux familles "
            f"de la communauté de communes ; elles ouvriront aux autres familles le "
            f"{french_moment(period.opens_at, tz)}.",
            "not_open_yet",
        )
    raise ChildcareError(
        f"Les inscriptions pour « {period.name} » ouvriront le {french_moment(opening, tz)}.",
        "not_open_yet",
    )


# --- decisions -------------------------------------------------------------------------------
def get_registration(
    db: Session, registration_id: int, family: Family | None = None
) -> Registration:
    """A registration, current (re-read); NotFound if unknown or not `family`'s."""
    registration = db.get(Registration, registration_id, populate_existing=True)
    if registration is None or (family is not None and registration.family_id != family.id):
        raise NotFound(f"Aucune demande n° {registration_id}.", "unknown_registration")
    return registration


def _transition(
    db: Session,
    registration_id: int,
    allowed: Sequence[str],
    values: dict,
) -> bool:
    result = db.execute(
        update(REGISTRATIONS)
        .where(REGISTRATIONS.c.id == registration_id, REGISTRATIONS.c.status.in_(allowed))
        .values(**values)
    )
    return result.rowcount == 1


def state_error(registration: Registration, action: str) -> ChildcareError:
    label = STATUS_LABELS[registration.status]
    who = f" par {registration.decided_by}" if registration.decided_by else ""
    if registration.status in (CONFIRMED, REFUSED, CANCELLED):
        return ChildcareError(
            f"La demande n° {registration.id} est déjà {label}{who} : impossible de la {action}.",
            "invalid_state",
        )
    return ChildcareError(
        f"La demande n° {registration.id} est {label} : impossible de la {action}.",
        "invalid_state",
    )


def confirm(
    db: Session,
    registration_id: int,
    by: str,
    now: dt.datetime | None = None,
    *,
    announce: bool = False,
    tz: ZoneInfo,
) -> Registration:
    """The secretariat validates a request whose places are all held; mails the family.

    `announce`: also post the decision in the room (for decisions made in the back-office;
    the bot answers in the room itself). Exactly one of two concurrent validations succeeds.
    """
    now = as_utc(now) if now else utcnow()
    registration = get_registration(db, registration_id)
    if registration.status == PENDING and registration.awaiting_allocation:
        raise ChildcareError(
            f"La demande n° {registration.id} attend l’attribution des places du "
            f"{french_moment(registration.period.closes_at, tz)} : elle ne peut pas encore être "
            "validée.",
            "awaiting_allocation",
        )
    if registration.status == WAITLISTED:
        raise ChildcareError(
            f"La demande n° {registration.id} est en liste d’attente (rang "
            f"{registration.waitlist_rank}) : elle pourra être validée quand une place se "
            "libérera.",
            "waitlisted",
        )
    if not _transition(
        db,
        registration.id,
        [PENDING],
        {"status": CONFIRMED, "decided_by": by, "decided_at": now, "updated_at": now},
    ):
        raise state_error(get_registration(db, registration_id), "valider")
    registration = get_registration(db, registration_id)
    notify.mail_validated(db, registration)
    if announce:
        notify.announce_decision(db, registration, by, tz)
    return registration


def refuse(
    db: Session,
    registration_id: int,
    reason: str,
    by: str,
    now: dt.datetime | None = None,
    *,
    announce: bool = False,
    tz: ZoneInfo,
) -> Registration:
    """The secretariat refuses a request (with its reason, mailed to the family); its places
    go to the next requests on the waiting lists."""
    reason = (reason or "").strip()
    if not reason:
        raise ChildcareError("Indiquez le motif du refus.", "reason_required")
    if len(reason) > 2000:
        raise ChildcareError("Motif trop long (2 000 caractères au plus).", "reason_too_long")
    registration = _end(
        db, registration_id, REFUSED, [PENDING, WAITLISTED], reason, by, now, tz, "refuser"
    )
    notify.mail_refused(db, registration)
    if announce:
        notify.announce_decision(db, registration, by, tz)
    return registration


def cancel(
    db: Session,
    registration_id: int,
    family: Family | None,
    now: dt.datetime | None = None,
    *,
    by: str = "famille",
    reason: str | None = None,
    tz: ZoneInfo,
) -> Registration:
    """Cancel a request (by its family, or by the staff when `family` is None); its places go
    to the next requests on the waiting lists. The room is told, the family mailed."""
    if family is not None:
        get_registration(db, registration_id, family)
    registration = _end(
        db, registration_id, CANCELLED, list(ACTIVE), reason, by, now, tz, "annuler"
    )
    notify.mail_cancelled(db, registration)
    notify.announce_cancellation(db, registration, tz)
    return registration


def _end(
    db: Session,
    registration_id: int,
    status: str,
    allowed: list[str],
    reason: str | None,
    by: str,
    now: dt.datetime | None,
    tz: ZoneInfo,
    action: str,
) -> Registration:
    now = as_utc(now) if now else utcnow()
    registration = get_registration(db, registration_id)
    if registration.status not in allowed:
        raise state_error(registration, action)
    # Sessions first (see the module docstring), then the registration row.
    lock_sessions(db, [line.session_id for line in registration.lines])
    if not _transition(
        db,
        registration_id,
        allowed,
        {
            "status": status,
            "reason": reason,
            "decided_by": by,
            "decided_at": now,
            "updated_at": now,
        },
    ):
        raise state_error(get_registration(db, registration_id), action)
    registration = get_registration(db, registration_id)
    changes = Changes()
    for line in _current_lines(db, registration):
        release_line(db, line, changes)
    db.flush()
    for promoted in changes.promoted:
        notify.announce_promotion(db, promoted, tz)
    db.refresh(registration, ["lines"])
    return registration


def _current_lines(db: Session, registration: Registration) -> list[RegistrationLine]:
    return list(
        db.scalars(
            select(RegistrationLine)
            .where(RegistrationLine.registration_id == registration.id)
            .order_by(RegistrationLine.session_id)
            .execution_options(populate_existing=True)
        ).unique()
    )


def release_line(db: Session, line: RegistrationLine, changes: Changes) -> None:
    """Free what a line holds (its place, or its rank); the session must be locked."""
    status, rank = line.status, line.waitlist_rank
    line.status, line.waitlist_rank = RELEASED, None
    db.flush()
    if status == HELD:
        db.execute(
            update(SESSIONS)
            .where(SESSIONS.c.id == line.session_id)
            .values(places_taken=SESSIONS.c.places_taken - 1)
        )
        fill_from_waitlist(db, line.session_id, changes)
    elif status == WAITING and rank is not None:
        _leave_waitlist(db, line.session_id, rank)


def fill_from_waitlist(db: Session, session_id: int, changes: Changes) -> int:
    """Give the session's free places to its waiting list, in rank order; the session must be
    locked. A request whose every session now holds a place leaves the waiting list."""
    promoted = 0
    while True:
        head = db.scalars(
            select(RegistrationLine)
            .where(RegistrationLine.session_id == session_id, RegistrationLine.status == WAITING)
            .order_by(RegistrationLine.waitlist_rank)
            .limit(1)
            .execution_options(populate_existing=True)
        ).first()
        if head is None or not take_place(db, session_id):
            return promoted
        rank = head.waitlist_rank or 1
        head.status, head.waitlist_rank = HELD, None
        db.flush()
        _leave_waitlist(db, session_id, rank)
        promoted += 1
        registration = db.get(Registration, head.registration_id, populate_existing=True)
        lines = _current_lines(db, registration)
        if registration.status == WAITLISTED and status_of(lines) == PENDING:
            registration.status = PENDING
            registration.updated_at = utcnow()
            db.flush()
            changes.promoted.append(registration)


def set_capacity(db: Session, session_id: int, capacity: int, *, tz: ZoneInfo) -> ActivitySession:
    """Change a session's capacity: never below the places already taken; new places go to its
    waiting list first."""
    if capacity < 0:
        raise ChildcareError("La capacité ne peut pas être négative.", "invalid_capacity")
    lock_sessions(db, [session_id])
    session = db.get(ActivitySession, session_id, populate_existing=True)
    if session is None:
        raise NotFound(f"Séance inconnue : n° {session_id}.", "unknown_session")
    if capacity < session.places_taken:
        raise ChildcareError(
            f"{session.places_taken} places sont déjà prises : la capacité ne peut pas descendre "
            "en dessous.",
            "invalid_capacity",
        )
    db.execute(update(SESSIONS).where(SESSIONS.c.id == session_id).values(capacity=capacity))
    changes = Changes()
    fill_from_waitlist(db, session_id, changes)
    for promoted in changes.promoted:
        notify.announce_promotion(db, promoted, tz)
    return db.get(ActivitySession, session_id, populate_existing=True)


# --- reading ---------------------------------------------------------------------------------
def pending_validation(db: Session, centre_key: str | None = None) -> list[Registration]:
    """Requests the secretariat has to look at, oldest first (places held or on a waiting
    list; window-mode requests awaiting their allocation are left out)."""
    query = select(Registration).where(Registration.status.in_([PENDING, WAITLISTED]))
    if centre_key:
        query = query.where(
            Registration.id.in_(
                select(RegistrationLine.registration_id)
                .join(ActivitySession, ActivitySession.id == RegistrationLine.session_id)
                .join(Activity, Activity.id == ActivitySession.activity_id)
                .where(Activity.centre_key == centre_key)
            )
        )
    registrations = list(db.scalars(query.order_by(Registration.id)))
    return [r for r in registrations if not r.awaiting_allocation]


def awaiting_allocation(db: Session) -> list[tuple[Period, int]]:
    """Window-mode periods not yet allocated, with how many requests they collected."""
    counts = db.execute(
        select(Registration.period_id, func.count(func.distinct(Registration.id)))
        .join(RegistrationLine, RegistrationLine.registration_id == Registration.id)
        .where(RegistrationLine.status == REQUESTED)
        .group_by(Registration.period_id)
    ).all()
    periods = {p.id: p for p in db.scalars(select(Period).where(Period.allocated_at.is_(None)))}
    return [(periods[pid], n) for pid, n in counts if pid in periods and n]
