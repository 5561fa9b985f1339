"""Health of the moving parts: one record per watcher, job and worker, and the services' checks.

The bots' scheduler records the outcome of each watcher's poll and each job's run
(`record_success`, `record_failure`), the delivery worker its own; each record is written in
a short transaction of its own, so that the rollback of a failed poll keeps its failure. A
component whose state has not changed is written again at most every `REFRESH` (a job that
runs every second does not write every second). `send_alerts`, run by the scheduler, posts
one alert in the moderation room when a component has been failing for a while, and one
notice when it works again. `girou status`, the back-office page and /metrics read them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
from sqlalchemy import Boolean, DateTime, String, Text, and_, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab import outbox
from collab.config import HTTP_SERVICES, Settings
from collab.db import Base, utcnow
from collab.outbox import DEAD, PENDING, OutboxMessage

log = logging.getLogger("girou.bridges.health")

# Component names: "<kind>:<name>" for watchers and jobs, a plain word for a worker.
SOURCE, JOB = "source", "job"
DELIVERY = "delivery"  # the outbox delivery worker (bridges/delivery.py)
DOWN_KIND, UP_KIND = "health.down", "health.up"
# An unchanged state is written again after this long (a fresh "last success").
REFRESH = dt.timedelta(seconds=30)
MAX_ERROR = 500
# The services `girou status` checks over HTTP, in this order.
SERVICES = tuple(HTTP_SERVICES)
# The bots process has no HTTP port: it is up while its jobs keep writing their records
# (its alert check runs at least every minute; records are refreshed every REFRESH).
BOTS = "bots"
BOTS_SILENT_AFTER = dt.timedelta(minutes=3)


class ComponentHealth(Base):
    """The last known state of one component (a watcher, a job, the delivery worker)."""

    __tablename__ = "component_health"

    component: Mapped[str] = mapped_column(String(120), primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Since when the component fails without a success in between (None: it works).
    failing_since: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # The failing_since of the run of failures an alert was posted about (None: no alert out).
    alerted_for: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def kind(self) -> str:
        return self.component.partition(":")[0] if ":" in self.component else "worker"

    @property
    def last_seen_at(self) -> dt.datetime | None:
        seen = [t for t in (self.last_success_at, self.last_failure_at) if t is not None]
        return max(seen, default=None)


def source_component(name: str) -> str:
    return f"{SOURCE}:{name}"


def job_component(job_id: str) -> str:
    return f"{JOB}:{job_id}"


def record_success(
    sessions: sessionmaker[Session], component: str, *, now: dt.datetime | None = None
) -> None:
    """`component` just worked. Never raises: a health record is not worth failing its caller."""
    now = now or utcnow()

    def update(row: ComponentHealth) -> bool:
        if row.ok and row.last_success_at is not None and now - row.last_success_at < REFRESH:
            return False
        row.ok, row.last_success_at, row.failing_since = True, now, None
        return True

    _write(sessions, component, update)


def record_failure(
    sessions: sessionmaker[Session],
    component: str,
    error: str | BaseException,
    *,
    now: dt.datetime | None = None,
) -> None:
    """`component` just failed with `error`. Never raises (see record_success)."""
    now = now or utcnow()
    text = describe(error)

    def update(row: ComponentHealth) -> bool:
        if (
            row.ok is False
            and row.last_error == text
            and row.last_failure_at is not None
            and now - row.last_failure_at < REFRESH
        ):
            return False
        row.ok, row.last_failure_at, row.last_error = False, now, text
        row.failing_since = row.failing_since or now
        return True

    _write(sessions, component, update)


def describe(error: str | BaseException) -> str:
    """One line of error text, as short as a log line and the records keep."""
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    line = " ".join(str(error).split())
    return line if len(line) <= MAX_ERROR else line[: MAX_ERROR - 1] + "…"


def _write(sessions: sessionmaker[Session], component: str, update) -> None:
    try:
        with sessions() as session:
            # Read first: an unchanged state costs no write (and no SQLite writers' lock).
            row = session.get(ComponentHealth, component)
            if row is None:
                row = ComponentHealth(component=component, ok=True)
                session.add(row)
            if update(row):
                session.commit()
    except SQLAlchemyError as exc:
        log.warning("cannot record the health of %s: %s", component, exc)


def components(session: Session) -> list[ComponentHealth]:
    return list(session.scalars(select(ComponentHealth).order_by(ComponentHealth.component)))


# --- alerts ------------------------------------------------------------------------------------
def component_label(component: str) -> str:
    """How people name a component (French)."""
    kind, _, name = component.partition(":")
    if kind == SOURCE:
        return f"la veille « {name} »"
    if kind == JOB:
        return f"la tâche planifiée « {name} »"
    if component == DELIVERY:
        return "la distribution des notifications"
    return f"« {component} »"


def _iso(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).isoformat()


def send_alerts(
    session: Session,
    *,
    admin_room: str,
    alert_after: dt.timedelta,
    now: dt.datetime | None = None,
) -> int:
    """Post in `admin_room` one alert for each component failing for `alert_after` or longer,
    and one notice for each one alerted about that works again; how many rows were written.

    The outbox row and the mark that it was written are in the caller's transaction: a
    component is alerted about once per run of failures, however many failures it counts.
    """
    now = now or utcnow()
    due = session.scalars(
        select(ComponentHealth).where(
            or_(
                and_(
                    ComponentHealth.ok.is_(False),
                    ComponentHealth.alerted_for.is_(None),
                    ComponentHealth.failing_since <= now - alert_after,
                ),
                and_(
                    ComponentHealth.alerted_for.is_not(None),
                    or_(
                        ComponentHealth.ok.is_(True),
                        ComponentHealth.failing_since.is_(None),
                        ComponentHealth.failing_since != ComponentHealth.alerted_for,
                    ),
                ),
            )
        )
    ).all()
    written = 0
    for row in due:
        payload = {"component": row.component, "label": component_label(row.component)}
        if row.alerted_for is not None:
            # Back to normal (or failing again after a success: the old run is over).
            since = row.alerted_for
            payload |= {"since": _iso(since), "until": _iso(row.last_success_at or now)}
            kind, row.alerted_for = UP_KIND, None
            log.info("%s works again: notice posted in %s", row.component, admin_room)
        else:
            since = row.failing_since
            payload |= {
                "since": _iso(since),
                "at": _iso(now),
                "error": row.last_error or "",
            }
            kind, row.alerted_for = DOWN_KIND, since
            log.warning("%s failing since %s: alert posted in %s", row.component, since, admin_room)
        source_id = f"health:{row.component}:{kind}:{_iso(since)}"[:255]
        if outbox.enqueue(
            session, kind=kind, room_key=admin_room, payload=payload, source_id=source_id
        ):
            written += 1
    return written


def send_due_alerts(sessions: sessionmaker[Session], settings: Settings) -> int:
    """The scheduler's job: `send_alerts` in one transaction, with the [bridges] settings."""
    with sessions.begin() as session:
        return send_alerts(
            session,
            admin_room=settings.get("bridges", "admin_room"),
            alert_after=dt.timedelta(seconds=settings.get("bridges", "alert_after_seconds")),
        )


def alert_check_seconds(settings: Settings) -> float:
    """How often the alerts are looked for: a fifth of the delay, between 1 s and a minute."""
    return max(1.0, min(60.0, settings.get("bridges", "alert_after_seconds") / 5))


# --- figures -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Backlog:
    """Rows waiting to go (never tried), waiting after failed tries, and given up (dead)."""

    pending: int = 0
    failed: int = 0
    dead: int = 0


def outbox_backlog(session: Session) -> Backlog:
    """The outbox rows not delivered: pending (never tried), failed (pending, tried), dead."""
    tried = OutboxMessage.attempts > 0
    counts = {
        (status, bool(was_tried)): count
        for status, was_tried, count in session.execute(
            select(OutboxMessage.status, tried, func.count())
            .where(OutboxMessage.status.in_((PENDING, DEAD)))
            .group_by(OutboxMessage.status, tried)
        )
    }
    return Backlog(
        pending=counts.get((PENDING, False), 0),
        failed=counts.get((PENDING, True), 0),
        dead=counts.get((DEAD, False), 0) + counts.get((DEAD, True), 0),
    )


@dataclass(frozen=True)
class ServiceState:
    name: str
    up: bool
    detail: str  # what was checked and what it answered, in English
    last_seen_at: dt.datetime | None = None


def check_service(settings: Settings, name: str, timeout: float = 2.0) -> ServiceState:
    """Up when the service's health address answers below 500 (a DAV server's 401 is up)."""
    section, path = HTTP_SERVICES[name]
    url = settings.url(section) + path
    try:
        response = httpx.get(url, timeout=timeout)
    except httpx.HTTPError as exc:
        return ServiceState(name, False, f"GET {url}: {describe(exc)}")
    return ServiceState(name, response.status_code < 500, f"GET {url}: HTTP {response.status_code}")


def check_services(
    settings: Settings, names: Iterable[str] = SERVICES, *, known_up: Iterable[str] = ()
) -> list[ServiceState]:
    """Every service of `names`, checked at once; those of `known_up` are not asked (the
    portal answering this very request is up, and a request to itself could wait for a
    worker that is busy answering it)."""
    names, known_up = list(names), set(known_up)
    asked = [name for name in names if name not in known_up]
    with ThreadPoolExecutor(max_workers=max(1, len(asked))) as pool:
        states = pool.map(lambda name: check_service(settings, name), asked)
        checked = dict(zip(asked, states, strict=True))
    here = "answering this request"
    return [checked.get(name) or ServiceState(name, True, here) for name in names]


def bots_state(records: Iterable[ComponentHealth], now: dt.datetime | None = None) -> ServiceState:
    """The bots process, judged by the freshest record its watchers and jobs wrote."""
    now = now or utcnow()
    seen = max(
        (r.last_seen_at for r in records if r.kind in (SOURCE, JOB) and r.last_seen_at),
        default=None,
    )
    if seen is None:
        return ServiceState(BOTS, False, "no watcher or job has run yet")
    silent = now - seen
    detail = f"last job or watcher run {int(silent.total_seconds())} s ago"
    return ServiceState(BOTS, silent <= BOTS_SILENT_AFTER, detail, seen)
