"""What a watcher is: a source that turns changes elsewhere (agendas, shares, GIS layers, the
clock) into outbox rows, its memory between two looks (`SourceState`), and how it says that a
server cannot answer now (`Unavailable`).

The bots' scheduler runs `source.poll(db)` every `source.interval_seconds` in a worker thread,
inside one database transaction: a source writes its outbox rows (`collab.outbox.enqueue`) and
its memory in that transaction and never commits, so a change is announced once and never
lost. The runtime's own sources are in bridges.sources; a feature declares its own in its
manifest (`Feature.sources`).

A server that cannot answer now (503 or 429, with or without Retry-After, a refused
connection) is every calendar's or share's problem at once: the source raises `Unavailable`
(`raise_if_unavailable`), the whole poll stops and its transaction rolls back, and the
scheduler waits before the next one (the server's Retry-After, else a growing delay). Any
other error of one calendar or share is logged and the others go on.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.config import Settings
from collab.credentials import Secrets
from collab.db import Base
from collab.territory import Territory

# OutboxMessage.source_id is a String(255).
MAX_SOURCE_ID = 255

# Answers meaning "ask again later" rather than "this request is wrong".
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})
# caldav reports some answers only as text that starts with the status line ("503 Service…").
_STATUS_LINE = re.compile(r"\s*(\d{3}) [A-Za-z]")


class Unavailable(Exception):
    """A server a source reads cannot answer now: the poll stops and changes nothing.

    `retry_after` is how many seconds the server asked to wait (None: it did not say).
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delay-seconds or an HTTP-date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _links(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and the exceptions it was raised from or while handling, innermost last."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


def _answer(link: BaseException) -> tuple[int | None, float | None]:
    """The HTTP status and Retry-After seconds an exception of the DAV clients carries."""
    response = getattr(link, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(status, int):  # httpx, webdav4
        return status, parse_retry_after(response.headers.get("Retry-After"))
    status = getattr(link, "status", None)
    retry_after = getattr(link, "retry_after_seconds", None)  # caldav's RateLimitError
    if not isinstance(status, int) or not status:
        found = _STATUS_LINE.match(str(getattr(link, "url", "") or ""))
        status = int(found.group(1)) if found else None
    return status, retry_after if isinstance(retry_after, int | float) else None


def unavailable(exc: BaseException) -> Unavailable | None:
    """What `exc` means when a server could not answer now (a status of UNAVAILABLE_STATUSES,
    a refused or timed-out connection); None for any other error."""
    for link in _links(exc):
        if isinstance(link, Unavailable):
            return link
        status, retry_after = _answer(link)
        if status in UNAVAILABLE_STATUSES:
            wait = "" if retry_after is None else f", Retry-After {retry_after:.0f} s"
            return Unavailable(f"HTTP {status}{wait}: {exc}", retry_after)
        if isinstance(link, ConnectionError | TimeoutError):
            return Unavailable(f"{type(link).__name__}: {exc}")
    return None


def raise_if_unavailable(exc: BaseException, what: str) -> None:
    """Raise `Unavailable` (from `exc`) when `exc` says the server of `what` cannot answer now."""
    found = unavailable(exc)
    if found is not None:
        raise Unavailable(f"{what}: {found}", found.retry_after) from exc


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
