"""The secretariat's daily digest (08:00): requests to validate, incomplete files, waiting lists."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from collab import outbox
from collab.db import utcnow
from portal.childcare.booking import awaiting_allocation, pending_validation
from portal.childcare.completeness import file_completeness
from portal.childcare.models import PENDING, ActivitySession
from portal.childcare.notify import ROOM
from portal.childcare.programme import describe_session, french_moment

MAX_ITEMS = 15


def digest_payload(db: Session, now: dt.datetime | None = None, *, tz: ZoneInfo) -> dict:
    """What the digest shows, as an outbox payload (portal/childcare/messages.py renders it)."""
    now = now or utcnow()
    today = now.replace(tzinfo=dt.UTC).astimezone(tz).date()
    to_validate, waiting = [], []
    incomplete: dict[int, dict] = {}
    for registration in pending_validation(db):
        item = {
            "id": registration.id,
            "family": registration.family.name,
            "period": registration.period.name,
            "status": registration.status,
            "rank": registration.waitlist_rank,
        }
        (to_validate if registration.status == PENDING else waiting).append(item)
        family = registration.family
        if family.id not in incomplete:
            missing = file_completeness(db, family)
            if missing:
                incomplete[family.id] = {"family": family.name, "missing": missing, "requests": []}
        if family.id in incomplete:
            incomplete[family.id]["requests"].append(registration.id)
    window = [
        {
            "period": period.name,
            "requests": count,
            "allocation_at": french_moment(period.closes_at, tz),
        }
        for period, count in awaiting_allocation(db)
    ]
    lists = []
    for session in db.scalars(
        select(ActivitySession)
        .where(ActivitySession.waitlist_length > 0, ActivitySession.date >= today)
        .order_by(ActivitySession.date, ActivitySession.id)
    ).unique():
        lists.append(
            {
                "session_id": session.id,
                "when": describe_session(session),
                "activity": session.activity.title,
                "centre": session.activity.centre.name,
                "length": session.waitlist_length,
            }
        )
    return {
        "date": today.isoformat(),
        "to_validate_count": len(to_validate),
        "to_validate": to_validate[:MAX_ITEMS],
        "waitlisted_count": len(waiting),
        "waitlisted": waiting[:MAX_ITEMS],
        "incomplete_count": len(incomplete),
        "incomplete": list(incomplete.values())[:MAX_ITEMS],
        "window": window,
        "waiting_lists_count": len(lists),
        "waiting_lists": lists[:MAX_ITEMS],
    }


def enqueue_digest(db: Session, now: dt.datetime | None = None, *, tz: ZoneInfo) -> bool:
    """Post today's digest once (its source id is the local date); False if already queued."""
    payload = digest_payload(db, now, tz=tz)
    return outbox.enqueue(
        db,
        kind="childcare.digest",
        room_key=ROOM,
        payload=payload,
        source_id=f"childcare.digest:{payload['date']}",
    )
