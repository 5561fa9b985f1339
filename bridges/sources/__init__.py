"""Watchers that turn changes elsewhere (agendas, shares, the clock) into outbox rows.

Each module of this package named in `MODULES` defines `Source`, a `BaseSource`. The bots'
scheduler runs `source.poll(db)` every `source.interval_seconds` in a worker thread, inside one
database transaction: a source writes its outbox rows (`bridges.outbox.enqueue`) and its memory
(`SourceState`) in that transaction and never commits, so a change is announced once and never
lost. Adding a source (portal, GIS) is adding a module here and its name to `MODULES`.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.config import Settings
from collab.credentials import Secrets
from collab.db import Base
from collab.territory import Territory

MODULES = ("caldav", "webdav", "reminders", "gis")

# OutboxMessage.source_id is a String(255).
MAX_SOURCE_ID = 255


class SourceState(Base):
    """What a source remembers between two polls (sync tokens, ETag maps), keyed by its own key."""

    __tablename__ = "source_state"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


def read_state(db: Session, key: str) -> Any:
    """A private copy of the remembered value (None: never polled), safe to change in place."""
    row = db.get(SourceState, key)
    # A copy: the JSON column only sees a change when it is given a different object.
    return None if row is None else copy.deepcopy(row.value)


def write_state(db: Session, key: str, value: Any) -> None:
    """Remember `value` in the caller's transaction."""
    row = db.get(SourceState, key)
    if row is None:
        db.add(SourceState(key=key, value=value))
    else:
        row.value = value


def source_id(*parts: object) -> str:
    """The outbox source id made of `parts`; a too long one keeps its start and gets a digest."""
    text = ":".join(str(part) for part in parts)
    if len(text) <= MAX_SOURCE_ID:
        return text
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{text[: MAX_SOURCE_ID - len(digest) - 1]}~{digest}"


class BaseSource:
    """A watcher: `poll` looks once and returns how many outbox rows it wrote."""

    name = "none"
    interval_seconds: float = 60

    def __init__(self, settings: Settings, secrets: Secrets, territory: Territory) -> None:
        self.settings = settings
        self.secrets = secrets
        self.territory = territory

    def poll(self, db: Session) -> int:
        """Look once; write outbox rows and state in `db`'s transaction (never commit)."""
        return 0

    def close(self) -> None:
        """Release the source's clients (the scheduler calls it when the bots stop)."""

    def state_key(self, suffix: str) -> str:
        return f"{self.name}:{suffix}"


def load(
    settings: Settings,
    secrets: Secrets,
    territory: Territory,
    modules: tuple[str, ...] = MODULES,
) -> list[BaseSource]:
    """One instance of the `Source` of each module named in `modules`."""
    return [
        importlib.import_module(f"{__name__}.{module}").Source(settings, secrets, territory)
        for module in modules
    ]
