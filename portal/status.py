"""The health of the platform for its administrators: the back-office page and /metrics.

One report (`build_report`) gathers the services' checks, the records of the watchers and
jobs (bridges.health) and the backlogs of the outbox and the mail queue; `girou status`
prints the same report. /metrics exposes it to Prometheus, built from the database at each
request (one fresh registry), so that every gunicorn worker gives the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Blueprint, Response, abort, render_template, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Boolean, func, select
from sqlalchemy.orm import Session, sessionmaker

from bridges import health
from bridges.health import Backlog, ComponentHealth, ServiceState
from collab import french
from collab.config import Settings
from collab.db import utcnow
from collab.territory import Person
from portal.auth import current_person, login_required
from portal.mail import QueuedMail
from portal.state import state

bp = Blueprint("status", __name__)

# The column that marks a mail given up, once portal.mail has one ("dead_at": a time, "dead":
# a flag, "status": "dead"); until then no mail is counted dead.
MAIL_DEAD_COLUMNS = ("dead_at", "dead", "status")
LOOPBACK = frozenset({"127.0.0.1", "::1"})
# A request that came through a reverse proxy (Caddy adds X-Forwarded-For) is not local,
# whatever address it arrives from.
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


# --- the report ----------------------------------------------------------------------------
def _mail_dead_condition(table):
    for name in MAIL_DEAD_COLUMNS:
        column = table.c.get(name)
        if column is None:
            continue
        if name == "status":
            return column == "dead"
        return column.is_(True) if isinstance(column.type, Boolean) else column.is_not(None)
    return None


def mail_backlog(session: Session) -> Backlog:
    """Mails not sent: pending (never tried), failed (tried, tried again later), dead."""
    table = QueuedMail.__table__
    dead = _mail_dead_condition(table)
    unsent = table.c.sent_at.is_(None)
    alive = unsent if dead is None else unsent & ~dead
    tried = table.c.attempts > 0
    pending = session.scalar(select(func.count()).select_from(table).where(alive & ~tried))
    failed = session.scalar(select(func.count()).select_from(table).where(alive & tried))
    given_up = 0
    if dead is not None:
        given_up = session.scalar(select(func.count()).select_from(table).where(unsent & dead))
    return Backlog(pending=pending or 0, failed=failed or 0, dead=given_up or 0)


@dataclass
class Report:
    at: dt.datetime  # naive UTC, like the records
    services: list[ServiceState]
    components: list[ComponentHealth]
    outbox: Backlog
    mail: Backlog
    mail_dead_known: bool = field(default=False)

    @property
    def problems(self) -> list[str]:
        """What is down or failing, one English line each (empty: all is well)."""
        lines = [f"service {s.name} is down ({s.detail})" for s in self.services if not s.up]
        lines += [
            f"{c.component} is failing since {c.failing_since:%Y-%m-%d %H:%M:%S} UTC"
            for c in self.components
            if not c.ok
        ]
        return lines


def build_report(
    sessions: sessionmaker[Session], settings: Settings, *, known_up: tuple[str, ...] = ()
) -> Report:
    """The whole picture now; the services in `known_up` are not asked (see check_services)."""
    with sessions() as session:
        records = health.components(session)
        outbox = health.outbox_backlog(session)
        mail = mail_backlog(session)
    now = utcnow()
    services = health.check_services(settings, known_up=known_up)
    services.append(health.bots_state(records, now))
    return Report(
        at=now,
        services=services,
        components=records,
        outbox=outbox,
        mail=mail,
        mail_dead_known=_mail_dead_condition(QueuedMail.__table__) is not None,
    )


# --- Prometheus -----------------------------------------------------------------------------
def _timestamp(moment: dt.datetime) -> float:
    return moment.replace(tzinfo=dt.UTC).timestamp()


class ReportCollector:
    """The report as Prometheus gauges (a custom collector: read once, at the scrape)."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def collect(self):
        report = self.report
        service_up = GaugeMetricFamily(
            "girou_service_up", "1 when the service answers its health check.", labels=["service"]
        )
        for service in report.services:
            service_up.add_metric([service.name], 1 if service.up else 0)
        yield service_up

        labels = ["component", "kind"]
        component_up = GaugeMetricFamily(
            "girou_component_up", "1 when the watcher, job or worker last worked.", labels=labels
        )
        failing = GaugeMetricFamily(
            "girou_component_failing_seconds",
            "How long the component has been failing (0 when it works).",
            labels=labels,
        )
        last_success = GaugeMetricFamily(
            "girou_component_last_success_timestamp_seconds",
            "When the component last worked (Unix time).",
            labels=labels,
        )
        last_failure = GaugeMetricFamily(
            "girou_component_last_failure_timestamp_seconds",
            "When the component last failed (Unix time).",
            labels=labels,
        )
        for record in report.components:
            key = [record.component, record.kind]
            component_up.add_metric(key, 1 if record.ok else 0)
            since = record.failing_since
            failing.add_metric(key, 0 if since is None else (report.at - since).total_seconds())
            if record.last_success_at is not None:
                last_success.add_metric(key, _timestamp(record.last_success_at))
            if record.last_failure_at is not None:
                last_failure.add_metric(key, _timestamp(record.last_failure_at))
        yield from (component_up, failing, last_success, last_failure)

        for name, backlog, what in (
            ("girou_outbox_messages", report.outbox, "Notifications"),
            ("girou_mail_messages", report.mail, "Mails"),
        ):
            gauge = GaugeMetricFamily(
                name,
                f"{what} not delivered: pending, failed (to be tried again), dead (given up).",
                labels=["state"],
            )
            for kind in ("pending", "failed", "dead"):
                gauge.add_metric([kind], getattr(backlog, kind))
            yield gauge


def metrics_text(report: Report) -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ReportCollector(report))
    return generate_latest(registry)


# --- views ------------------------------------------------------------------------------------
def is_staff(person: Person) -> bool:
    return person.is_staff


def from_loopback() -> bool:
    """A request from this machine itself, not relayed by a proxy."""
    if any(name in request.headers for name in PROXY_HEADERS):
        return False
    return request.remote_addr in LOOPBACK


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _report() -> Report:
    girou = state()
    return build_report(girou.sessions, girou.settings, known_up=("portal",))


@bp.get("/metrics")
def metrics():
    """Prometheus figures: for a scraper on this machine, or for logged-in staff."""
    person = current_person()
    if not from_loopback() and (person is None or not person.is_staff):
        abort(403)
    response = Response(metrics_text(_report()), content_type=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/gestion/etat")
@login_required(allowed=is_staff)
def page():
    report = _report()
    tz = state().settings.timezone

    def local(moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        at = moment.replace(tzinfo=dt.UTC).astimezone(tz)
        return f"{french.date_fr(at)} à {french.time_fr(at.time())}"

    response = Response(
        render_template(
            "backoffice/status.html",
            report=report,
            local=local,
            label=lambda component: _capitalized(health.component_label(component)),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response
