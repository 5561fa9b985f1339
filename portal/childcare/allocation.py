"""Window mode: at the close, places go by priority points, then by a seeded lottery.

Each request scores the points of the period's rules it meets (`Period.priority_rules`, e.g.
resident 8, siblings 4, both parents working 2, Wednesdays 1: compared in that order). Ties
are broken by the draw `sha256("<seed>:<public code>")`, smallest first, so that anyone can
check the published order from the seed and the anonymised list (`expected_order`). The seed
is drawn when the period is created and only its hash is public until the allocation.
Requests are then served in that order, each of its sessions getting a place or a rank on its
waiting list, exactly as in first-come mode.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from collab.db import utcnow
from portal.childcare import notify
from portal.childcare.booking import lock_sessions, place_line, status_of
from portal.childcare.errors import ChildcareError
from portal.childcare.models import (
    CONFIRMED,
    HELD,
    PENDING,
    REQUESTED,
    WAITING,
    WINDOW,
    AllocationRun,
    Period,
    Registration,
    RegistrationLine,
)
from portal.childcare.programme import as_utc, french_moment

log = logging.getLogger("girou.childcare.allocation")

PUBLIC_PATH = "/enfance/attributions/"
PERIODS = Period.__table__


def draw(seed: str, code: str) -> str:
    """The lottery number of a request: anyone can recompute it from the published seed."""
    return hashlib.sha256(f"{seed}:{code}".encode()).hexdigest()


def expected_order(seed: str, entries: Iterable[tuple[str, int]]) -> list[str]:
    """The codes of (code, points) entries in allocation order: most points, then the draw."""
    return [code for code, _ in sorted(entries, key=lambda e: (-e[1], draw(seed, e[0])))]


def _criteria(db: Session, period: Period, registrations: list[Registration]) -> dict[int, dict]:
    """registration id -> {rule: met?} for every known rule."""
    children_by_family: dict[int, set[int]] = defaultdict(set)
    for registration in registrations:
        children_by_family[registration.family_id].add(registration.child_id)
    wednesday_children = set(
        db.scalars(
            select(Registration.child_id)
            .join(Period, Period.id == Registration.period_id)
            .where(
                Period.kind == "wednesdays",
                Period.school_year == period.school_year,
                Period.id != period.id,
                Registration.status == CONFIRMED,
            )
        )
    )
    return {
        registration.id: {
            "resident": registration.family.resident,
            "siblings": len(children_by_family[registration.family_id]) > 1,
            "both_parents_working": registration.family.both_parents_working,
            "wednesdays": registration.child_id in wednesday_children,
        }
        for registration in registrations
    }


def allocate(
    db: Session,
    period: Period,
    seed: str | None = None,
    now: dt.datetime | None = None,
    *,
    public_url: str = "",
    force: bool = False,
    tz: ZoneInfo,
) -> AllocationRun:
    """Allocate a closed window-mode period once; its audit log (the same one if already done).

    `seed`: the lottery seed (default: the period's own, drawn at its creation). `force`:
    allocate before the close (tests, or the staff closing early). Mails every family its
    result and posts the summary in the secretariat room, in this transaction.
    """
    now = as_utc(now) if now else utcnow()
    if period.allocation_mode != WINDOW:
        raise ChildcareError(
            f"La période « {period.name} » est attribuée au fil de l’eau, sans tirage.",
            "not_window_mode",
        )
    conditions = [PERIODS.c.id == period.id, PERIODS.c.allocated_at.is_(None)]
    if not force:
        conditions.append(PERIODS.c.closes_at <= now)
    claimed = db.execute(update(PERIODS).where(*conditions).values(allocated_at=now)).rowcount
    if not claimed:
        run = db.scalars(select(AllocationRun).where(AllocationRun.period_id == period.id)).first()
        if run is not None:
            return run
        raise ChildcareError(
            f"Les demandes pour « {period.name} » sont recueillies jusqu’au "
            f"{french_moment(period.closes_at, tz)} : l’attribution se fera ensuite.",
            "window_open",
        )
    db.refresh(period)
    seed = seed or period.lottery_seed or secrets.token_hex(16)
    rules = list(period.priority_rules or [])
    registrations = [
        r
        for r in db.scalars(
            select(Registration)
            .where(Registration.period_id == period.id, Registration.status == PENDING)
            .order_by(Registration.id)
        )
        if r.awaiting_allocation
    ]
    criteria = _criteria(db, period, registrations)
    points = {
        r.id: sum(rule["points"] for rule in rules if criteria[r.id].get(rule["rule"]))
        for r in registrations
    }
    ordered = sorted(registrations, key=lambda r: (-points[r.id], draw(seed, r.public_code)))
    lock_sessions(db, {line.session_id for r in registrations for line in r.lines})
    decisions, given, waiting = [], 0, 0
    for position, registration in enumerate(ordered, start=1):
        lines = list(
            db.scalars(
                select(RegistrationLine)
                .where(RegistrationLine.registration_id == registration.id)
                .order_by(RegistrationLine.session_id)
                .execution_options(populate_existing=True)
            ).unique()
        )
        outcomes = []
        for line in lines:
            if line.status != REQUESTED:
                continue
            place_line(db, line)
            given += line.status == HELD
            waiting += line.status == WAITING
            outcomes.append(
                {"session_id": line.session_id, "outcome": line.status, "rank": line.waitlist_rank}
            )
        registration.status = status_of(lines)
        registration.updated_at = now
        decisions.append(
            {
                "position": position,
                "code": registration.public_code,
                "points": points[registration.id],
                "criteria": sorted(k for k, met in criteria[registration.id].items() if met),
                "draw": draw(seed, registration.public_code),
                "sessions": outcomes,
            }
        )
    db.flush()
    run = AllocationRun(
        period_id=period.id,
        seed=seed,
        rules=rules,
        decisions=decisions,
        requests=len(ordered),
        places_given=given,
        waitlisted=waiting,
        created_at=now,
    )
    db.add(run)
    db.flush()
    for registration in ordered:
        db.refresh(registration, ["lines"])
        notify.mail_allocation_result(db, registration)
    notify.announce_allocation(db, run, public_url.rstrip("/") + PUBLIC_PATH + period.slug)
    log.info(
        "period %s allocated: %d requests, %d places, %d on waiting lists (seed %s)",
        period.slug,
        len(ordered),
        given,
        waiting,
        seed,
    )
    return run


def replay(run: AllocationRun) -> bool:
    """Does the published order follow from the published seed and points?"""
    entries = [(d["code"], d["points"]) for d in run.decisions]
    published = [d["code"] for d in sorted(run.decisions, key=lambda d: d["position"])]
    draws_match = all(d["draw"] == draw(run.seed, d["code"]) for d in run.decisions)
    return draws_match and expected_order(run.seed, entries) == published


def due_periods(db: Session, now: dt.datetime) -> list[int]:
    return list(
        db.scalars(
            select(Period.id).where(
                Period.allocation_mode == WINDOW,
                Period.allocated_at.is_(None),
                Period.closes_at <= now,
            )
        )
    )


def allocate_due_periods(
    sessions: sessionmaker[Session],
    now: dt.datetime | None = None,
    *,
    public_url: str = "",
    tz: ZoneInfo,
) -> int:
    """The scheduled job: allocate every closed, not yet allocated window period, each in its
    own transaction. Returns how many were allocated."""
    now = as_utc(now) if now else utcnow()
    with sessions() as db:
        due = due_periods(db, now)
    done = 0
    for period_id in due:
        try:
            with sessions.begin() as db:
                period = db.get(Period, period_id)
                if period is not None and period.allocated_at is None:
                    allocate(db, period, now=now, public_url=public_url, tz=tz)
                    done += 1
        except Exception:
            log.exception("allocation of period %s failed; retried at the next run", period_id)
    return done
