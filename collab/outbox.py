"""The outbox: notifications written in the same transaction as the change that caused them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base, utcnow

PENDING, SENT, DIGESTED, DEAD = "pending", "sent", "digested", "dead"
STATUSES = (PENDING, SENT, DIGESTED, DEAD)
FINISHED = (SENT, DIGESTED, DEAD)  # nothing more will be done with the row


class OutboxMessage(Base):
    """One notification to post in a room. `source_id` makes it unique and traceable in Matrix."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "room_key", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    room_key: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_id: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    room_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    event_id: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


# An INSERT that ignores a duplicate source id, by dialect; built once (every request of an
# opening day writes one).
_ENQUEUE = {
    name: dialect.insert(OutboxMessage.__table__)
    .on_conflict_do_nothing(index_elements=["source_id"])
    # RETURNING, not rowcount: psycopg reports -1 rows for this statement.
    .returning(OutboxMessage.__table__.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def enqueue(
    session: Session, *, kind: str, room_key: str, payload: dict[str, Any], source_id: str
) -> bool:
    """Add a notification to the caller's transaction; False when that source id already exists.

    The insert ignores a duplicate source id instead of failing, so that a retried webhook or a
    watcher that sees the same change twice never aborts the caller's transaction.
    """
    statement = _ENQUEUE[session.get_bind().dialect.name]
    row = {
        "kind": kind,
        "room_key": room_key,
        "payload": payload,
        "source_id": source_id,
        "status": PENDING,
        "attempts": 0,
        "created_at": utcnow(),
    }
    return session.execute(statement, row).first() is not None


def find_by_event(session: Session, event_id: str) -> OutboxMessage | None:
    """The notification a Matrix event carried (to route a reaction to its handler)."""
    return session.scalars(
        select(OutboxMessage).where(OutboxMessage.event_id == event_id).limit(1)
    ).first()


def delete_finished(session: Session, before: dt.datetime) -> int:
    """Delete the rows written before `before` whose delivery is over (sent, digested, dead);
    how many. Their payloads repeat what the rooms were told (names, a child's age): kept no
    longer than the data they came from. A reaction to such an old message finds no row."""
    return session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.status.in_(FINISHED), OutboxMessage.created_at < before
        )
    ).rowcount
