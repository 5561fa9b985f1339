"""What the bots remember: the sync position and the events already processed (exactly once)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base, utcnow

SYNC_TOKEN = "sync_token"


class BotState(Base):
    """Small named values of the bot, e.g. the sync token (saved after its events are handled)."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProcessedEvent(Base):
    """A command or reaction already handled, written in the same transaction as its effect."""

    __tablename__ = "bot_processed_events"

    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    room_id: Mapped[str] = mapped_column(String(255))
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def load_state(session: Session, key: str) -> str | None:
    row = session.get(BotState, key)
    return row.value if row else None


def save_state(session: Session, key: str, value: str) -> None:
    row = session.get(BotState, key)
    if row is None:
        session.add(BotState(key=key, value=value))
    else:
        row.value = value


def claim_event(session: Session, event_id: str, room_id: str) -> bool:
    """Record `event_id` as processed in the caller's transaction; False if it already was.

    Written first, before the handler runs: the row then also serves as the claim (a second
    bots process racing on the same event waits on it and then finds it), and on SQLite the
    transaction holds the write lock from its start, so savepoints nest inside it.
    """
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    statement = (
        insert(ProcessedEvent)
        .values(event_id=event_id, room_id=room_id, processed_at=utcnow())
        .on_conflict_do_nothing(index_elements=["event_id"])
    )
    return session.execute(statement).rowcount == 1
