"""Childcare tables: programme (centres, periods, activities, sessions, prices), families,
children, registrations with their per-session lines, allocation audit logs.

Times are naive UTC (as everywhere in Girou), dates are calendar dates. A session's places
are counted in the row itself (`places_taken`, `waitlist_length`) and only ever changed by
conditional UPDATEs under the session row's lock (portal.childcare.booking), with a CHECK
constraint as the last guard: the capacity cannot be exceeded even by a buggy caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collab.db import Base, utcnow

# --- vocabularies (stored values are English; labels are French) ------------------------------
FIRST_COME, WINDOW = "first_come", "window"
ALLOCATION_MODES = (FIRST_COME, WINDOW)

PERIOD_KINDS = {
    "wednesdays": "Mercredis",
    "february": "Vacances d’hiver",
    "spring": "Vacances de printemps",
    "summer": "Vacances d’été",
    "all_saints": "Vacances de la Toussaint",
    "christmas": "Vacances de Noël",
}

MORNING, AFTERNOON, DAY = "morning", "afternoon", "day"
SLOTS = {MORNING: "matin", AFTERNOON: "après-midi", DAY: "journée"}
HALF_DAY = "half_day"
DURATIONS = {MORNING: HALF_DAY, AFTERNOON: HALF_DAY, DAY: DAY}  # what a price applies to

# A registration (the request for one child, one period, one or more sessions).
PENDING, CONFIRMED, WAITLISTED, REFUSED, CANCELLED = (
    "pending",
    "confirmed",
    "waitlisted",
    "refused",
    "cancelled",
)
STATUSES = (PENDING, CONFIRMED, WAITLISTED, REFUSED, CANCELLED)
ACTIVE = (PENDING, CONFIRMED, WAITLISTED)
STATUS_LABELS = {
    PENDING: "en attente de validation",
    CONFIRMED: "validée",
    WAITLISTED: "en liste d’attente",
    REFUSED: "refusée",
    CANCELLED: "annulée",
}

# A line: one session of a registration.
REQUESTED = "requested"  # window mode, before the allocation
HELD = "held"  # a place is taken (counted in places_taken)
WAITING = "waiting"  # on the session's waiting list, at waitlist_rank (1 = next)
RELEASED = "released"  # refused or cancelled: nothing held
LINE_STATUSES = (REQUESTED, HELD, WAITING, RELEASED)

# Priority rules of window mode: name -> French label (see portal.childcare.allocation).
PRIORITY_RULES = {
    "resident": "famille résidant dans la communauté de communes",
    "siblings": "frère ou sœur inscrit sur la même période",
    "both_parents_working": "parents qui travaillent tous les deux (ou parent isolé qui travaille)",
    "wednesdays": "enfant déjà inscrit aux mercredis de l’année scolaire",
}
# Points such that the rules are compared in this order (resident first), lottery last.
DEFAULT_PRIORITY_RULES = [
    {"rule": "resident", "points": 8},
    {"rule": "siblings", "points": 4},
    {"rule": "both_parents_working", "points": 2},
    {"rule": "wednesdays", "points": 1},
]


# --- programme -------------------------------------------------------------------------------
class Centre(Base):
    """A leisure centre, mirrored from the territory file (`programme.sync_centres`)."""

    __tablename__ = "childcare_centres"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    commune_insee: Mapped[str] = mapped_column(String(5))
    address: Mapped[str] = mapped_column(String(300), default="")


class Period(Base):
    """A registration period: Wednesdays of a term or school holidays, with its opening rules.

    Families of the territory may register from `residents_open_at` (None: `opens_at`), the
    others from `opens_at`, everybody until `closes_at`. In window mode the requests wait until
    `allocate` runs after `closes_at`; `lottery_seed` is drawn when the period is created and
    kept secret (its SHA-256 is public) until then.
    """

    __tablename__ = "childcare_periods"
    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="ck_childcare_period_dates"),
        CheckConstraint("opens_at < closes_at", name="ck_childcare_period_opening"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # a key of PERIOD_KINDS
    school_year: Mapped[str] = mapped_column(String(9))  # "2025-2026"
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    opens_at: Mapped[dt.datetime] = mapped_column(DateTime)
    residents_open_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closes_at: Mapped[dt.datetime] = mapped_column(DateTime)
    allocation_mode: Mapped[str] = mapped_column(String(16), default=FIRST_COME)
    priority_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    lottery_seed: Mapped[str | None] = mapped_column(String(64), nullable=True)
    allocated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def opening_for(period: Any, resident: bool) -> dt.datetime:
    """When a family (resident of the territory or not) may register for a period (a Period
    or a row with its `opens_at` and `residents_open_at`)."""
    if resident and period.residents_open_at is not None:
        return min(period.residents_open_at, period.opens_at)
    return period.opens_at


class Activity(Base):
    """What children do at a centre; the age range is in whole years, bounds included."""

    __tablename__ = "childcare_activities"
    __table_args__ = (CheckConstraint("age_min <= age_max", name="ck_childcare_activity_ages"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    centre_key: Mapped[str] = mapped_column(ForeignKey("childcare_centres.key"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    age_min: Mapped[int] = mapped_column(Integer)
    age_max: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    centre: Mapped[Centre] = relationship(lazy="joined")


class ActivitySession(Base):
    """One date and slot of an activity in a period, with its places counted in place."""

    __tablename__ = "childcare_sessions"
    __table_args__ = (
        CheckConstraint(
            "places_taken >= 0 AND places_taken <= capacity", name="ck_childcare_session_places"
        ),
        CheckConstraint("waitlist_length >= 0", name="ck_childcare_session_waitlist"),
        Index("ix_childcare_sessions_period_date", "period_id", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("childcare_activities.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("childcare_periods.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(10))  # a key of SLOTS
    capacity: Mapped[int] = mapped_column(Integer)
    places_taken: Mapped[int] = mapped_column(Integer, default=0)
    waitlist_length: Mapped[int] = mapped_column(Integer, default=0)

    activity: Mapped[Activity] = relationship(lazy="joined")
    period: Mapped[Period] = relationship(lazy="joined")

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.places_taken, 0)


class PriceBracket(Base):
    """Price of a half day or a day for families up to `quotient_max` (None: no upper bound).

    Brackets with a period apply to it; those without form the default grid.
    """

    __tablename__ = "childcare_prices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("childcare_periods.id"), nullable=True, index=True
    )
    quotient_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration: Mapped[str] = mapped_column(String(10))  # HALF_DAY or DAY
    amount_cents: Mapped[int] = mapped_column(Integer)


# --- families --------------------------------------------------------------------------------
class Family(Base):
    """A family account. `resident` is derived from `commune_insee` and the territory."""

    __tablename__ = "childcare_families"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200))
    commune_insee: Mapped[str] = mapped_column(String(5))
    resident: Mapped[bool] = mapped_column(Boolean, default=False)
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    email_verification_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    quotient: Mapped[int | None] = mapped_column(Integer, nullable=True)  # CAF/MSA, euros
    single_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    parent1_works: Mapped[bool] = mapped_column(Boolean, default=False)
    parent2_works: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    children: Mapped[list[Child]] = relationship(
        back_populates="family", order_by="Child.id", cascade="all, delete-orphan"
    )

    @property
    def both_parents_working(self) -> bool:
        return self.parent1_works and (self.single_parent or self.parent2_works)


class ApiToken(Base):
    """A bearer token of the JSON API; only its SHA-256 is stored."""

    __tablename__ = "childcare_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("childcare_families.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Child(Base):
    """A child: identity, birth date, school level and one health flag, nothing more.

    `pai_flag` only says "PAI / allergy: see with the centre"; health details are
    special-category data and never stored here.
    """

    __tablename__ = "childcare_children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("childcare_families.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    school_level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    pai_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    family: Mapped[Family] = relationship(back_populates="children")


# --- registrations ---------------------------------------------------------------------------
class Registration(Base):
    """A request for one child, sessions of one period. See STATUS_LABELS.

    `pending`: every session holds a place, the secretariat has to validate (in window mode,
    also: waiting for the allocation, lines `requested`); `waitlisted`: at least one session
    is on its waiting list. The same (family, idempotency key) is one request.
    """

    __tablename__ = "childcare_registrations"
    __table_args__ = (
        UniqueConstraint("family_id", "idempotency_key", name="uq_childcare_registration_key"),
        Index("ix_childcare_registrations_period_status", "period_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("childcare_families.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("childcare_children.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("childcare_periods.id"))
    status: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))  # what was asked, to spot a reused key
    public_code: Mapped[str] = mapped_column(String(16), unique=True)  # in the public audit log
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # refusal / cancellation
    decided_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    family: Mapped[Family] = relationship()
    child: Mapped[Child] = relationship()
    period: Mapped[Period] = relationship()
    lines: Mapped[list[RegistrationLine]] = relationship(
        back_populates="registration",
        order_by="RegistrationLine.session_id",
        cascade="all, delete-orphan",
    )

    @property
    def waitlist_rank(self) -> int | None:
        return worst_waiting_rank(self.lines)

    @property
    def awaiting_allocation(self) -> bool:
        return awaits_allocation(self.lines)


def worst_waiting_rank(lines: Iterable[Any]) -> int | None:
    """The worst rank among a request's sessions still waiting (None: none waits); `lines`:
    its RegistrationLines, or the lines of its receipt."""
    ranks = [line.waitlist_rank for line in lines if line.status == WAITING]
    return max((rank for rank in ranks if rank is not None), default=None)


def awaits_allocation(lines: Iterable[Any]) -> bool:
    """Whether a request (window mode) waits for the allocation of its places."""
    return any(line.status == REQUESTED for line in lines)


class RegistrationLine(Base):
    """One session of a registration, and where it stands (REQUESTED/HELD/WAITING/RELEASED)."""

    __tablename__ = "childcare_registration_sessions"
    __table_args__ = (
        UniqueConstraint("registration_id", "session_id", name="uq_childcare_line"),
        # A child asks for a session once, whichever request it comes from.
        Index(
            "uq_childcare_child_session_active",
            "child_id",
            "session_id",
            unique=True,
            sqlite_where=text("status != 'released'"),
            postgresql_where=text("status != 'released'"),
        ),
        Index("ix_childcare_lines_waitlist", "session_id", "status", "waitlist_rank"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("childcare_registrations.id", ondelete="CASCADE")
    )
    session_id: Mapped[int] = mapped_column(ForeignKey("childcare_sessions.id"))
    child_id: Mapped[int] = mapped_column(Integer)  # copied, for the unique index above
    status: Mapped[str] = mapped_column(String(16))
    waitlist_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)

    registration: Mapped[Registration] = relationship(back_populates="lines")
    session: Mapped[ActivitySession] = relationship(lazy="joined")


class AllocationRun(Base):
    """The published audit log of one window-mode allocation: seed, rules, ordered decisions.

    `decisions` is the ordered list of {position, code, points, criteria, draw, sessions:
    [{session_id, outcome, rank}]}: anonymised (the code is the request's public code, known
    only to its family), reproducible from `seed` (portal.childcare.allocation).
    """

    __tablename__ = "childcare_allocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("childcare_periods.id"), unique=True)
    seed: Mapped[str] = mapped_column(String(64))
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    requests: Mapped[int] = mapped_column(Integer)
    places_given: Mapped[int] = mapped_column(Integer)
    waitlisted: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    period: Mapped[Period] = relationship()


class RefusalPrompt(Base):
    """A secretary reacted ❌: the bot asked them for the reason, in the alert's thread.

    Open until the reason comes (their next message in that thread, or !refuser N motif);
    closed in the same transaction as the refusal, so the reason is used exactly once.
    """

    __tablename__ = "childcare_refusal_prompts"
    __table_args__ = (Index("ix_childcare_prompts_open", "alert_event_id", "secretary"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("childcare_registrations.id", ondelete="CASCADE"), index=True
    )
    secretary: Mapped[str] = mapped_column(String(255))  # Matrix user id
    alert_event_id: Mapped[str] = mapped_column(String(255))  # the thread root
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
