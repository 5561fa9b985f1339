"""Scheduled jobs of the bots: APScheduler in local time, persistent, missed runs made up.

Two job stores: "default" is persistent (SQLAlchemy, the application's database) for timed
jobs that must survive a restart (a cron job or a date job missed while the bots were down runs
once when they return, within the misfire grace time); "memory" holds the watchers' interval
polls, rebuilt at every start. The persistent store pickles its jobs: their functions are
module-level and their arguments picklable (e.g. the Settings); such a function opens what it
needs itself (`job_transaction(settings)`), so that no module global holds clients or config.

Every run is recorded in bridges.health, here and nowhere else: a job's outcome by a listener
of the scheduler, a watcher's by `poll_source`, which also makes a failing watcher wait
before it looks again (`Backoff`) instead of asking a server that is away at every interval.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import obj_to_ref
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bridges import health, sources
from collab import db
from collab.config import Settings
from collab.credentials import Secrets
from collab.territory import Territory

log = logging.getLogger("girou.bots.scheduler")

PERSISTENT, MEMORY = "default", "memory"
JOBS_TABLE = "bot_jobs"
SOURCE_JOB_PREFIX = "source:"
ALERTS_JOB = "health-alerts"


class LocalCronTrigger(CronTrigger):
    """A cron trigger that fires at most once per local wall-clock time.

    APScheduler 3.11's CronTrigger returns, after the second occurrence of a time in the hour
    repeated when clocks go back (Europe/Paris: the last Sunday of October, 02:00-03:00), that
    same time again and again, and the scheduler then loops forever (agronholm/apscheduler
    issue 1021). Here a wall-clock time fires once, at its first (summer time) occurrence; a
    time missing in March (02:30) fires an hour later on that day, as APScheduler does.
    """

    def get_next_fire_time(
        self, previous_fire_time: dt.datetime | None, now: dt.datetime
    ) -> dt.datetime | None:
        candidate = _normal(super().get_next_fire_time(previous_fire_time, now), self.timezone)
        if previous_fire_time is None:
            return candidate
        last = _wall(previous_fire_time, self.timezone)
        for _attempt in range(3):
            if candidate is None or _wall(candidate, self.timezone) > last:
                return candidate
            # The repeated hour: look on from the end of it.
            later = candidate.astimezone(dt.UTC) + dt.timedelta(hours=1)
            candidate = _normal(
                super().get_next_fire_time(None, later.astimezone(self.timezone)), self.timezone
            )
        return candidate


def _normal(moment: dt.datetime | None, tz: Any) -> dt.datetime | None:
    """The same instant with its real local time (02:30 in the March gap reads 03:30)."""
    return None if moment is None else moment.astimezone(dt.UTC).astimezone(tz)


def _wall(moment: dt.datetime, tz: Any) -> dt.datetime:
    return moment.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)


def build_scheduler(settings: Settings, *, engine: Engine | None = None) -> AsyncIOScheduler:
    """A scheduler (not started) with both job stores, in [bots] timezone."""
    engine = engine or db.make_engine(settings.database_url)
    return AsyncIOScheduler(
        jobstores={
            PERSISTENT: SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE),
            MEMORY: MemoryJobStore(),
        },
        job_defaults={
            "coalesce": True,  # many missed runs of one job: run it once
            "misfire_grace_time": settings.get("bots", "misfire_grace_seconds"),
            "max_instances": 1,
        },
        timezone=settings.timezone,
    )


class Jobs:
    """Where features and sources add their jobs, by stable id, on a started scheduler.

    Registering again at each start with the same id, function, arguments and trigger keeps
    the stored job as it is, so a run missed while the bots were down is not forgotten (plain
    `replace_existing` would compute its next run from now); a changed job replaces it.
    """

    def __init__(
        self, scheduler: AsyncIOScheduler, settings: Settings, sessions: sessionmaker[Session]
    ) -> None:
        self.scheduler = scheduler
        self.settings = settings
        self.sessions = sessions
        self.timezone = settings.timezone
        self._on_shutdown: list[Callable[[], None]] = []
        self.officials_home: tuple[Callable[..., Any], ...] = ()

    def cron(
        self,
        job_id: str,
        func: Callable[..., Any],
        *,
        args: Iterable[Any] = (),
        kwargs: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Job:
        """A persistent job at local times given as cron fields (hour=8, minute=0…)."""
        trigger = LocalCronTrigger(timezone=self.timezone, **fields)
        return self._persistent(job_id, func, trigger, tuple(args), kwargs or {})

    def at(
        self,
        job_id: str,
        when: dt.datetime,
        func: Callable[..., Any],
        *,
        args: Iterable[Any] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Job | None:
        """A persistent job run once at `when` (naive: local time); None if `when` is past.

        A date job leaves the store once run, so registering it again after its time (as a
        restart does) must not run it again: a past `when` is added only while its job is
        still stored, i.e. when it was missed.
        """
        trigger = DateTrigger(run_date=when, timezone=self.timezone)
        stored = self.scheduler.get_job(job_id, jobstore=PERSISTENT)
        if stored is None and trigger.run_date <= dt.datetime.now(self.timezone):
            return None
        return self._persistent(job_id, func, trigger, tuple(args), kwargs or {})

    def every(
        self,
        job_id: str,
        seconds: float,
        func: Callable[..., Any],
        *,
        args: Iterable[Any] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Job:
        """An in-memory job every `seconds`, first run now (any callable: not pickled)."""
        return self.scheduler.add_job(
            func,
            IntervalTrigger(seconds=seconds, timezone=self.timezone),
            id=job_id,
            args=tuple(args),
            kwargs=kwargs or {},
            jobstore=MEMORY,
            replace_existing=True,
            next_run_time=dt.datetime.now(self.timezone),
        )

    def forget(self, job_id: str) -> None:
        """Remove a stored job an earlier configuration added (nothing if there is none)."""
        if self.scheduler.get_job(job_id, jobstore=PERSISTENT) is not None:
            self.scheduler.remove_job(job_id, jobstore=PERSISTENT)

    def on_shutdown(self, callback: Callable[[], None]) -> None:
        self._on_shutdown.append(callback)

    def shutdown(self) -> None:
        """Stop scheduling (running jobs finish on their own) and release the jobs' clients."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for callback in self._on_shutdown:
            try:
                callback()
            except Exception:
                log.exception("closing a job's resources failed")

    def _persistent(
        self,
        job_id: str,
        func: Callable[..., Any],
        trigger: Any,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Job:
        existing = self.scheduler.get_job(job_id, jobstore=PERSISTENT)
        if (
            existing is not None
            and existing.func_ref == obj_to_ref(func)
            and tuple(existing.args) == args
            and existing.kwargs == kwargs
            and repr(existing.trigger) == repr(trigger)
        ):
            return existing
        return self.scheduler.add_job(
            func,
            trigger,
            id=job_id,
            args=args,
            kwargs=kwargs,
            jobstore=PERSISTENT,
            replace_existing=True,
        )


class Backoff:
    """When a failing watcher looks again: after the server's Retry-After when it gave one,
    else after its interval doubled at each failure in a row; never sooner than its interval
    nor later than `cap` seconds. A success starts again from the interval.

    `postpone(seconds)` moves the watcher's next poll (the scheduler's job) that far ahead.
    """

    def __init__(
        self, interval: float, cap: float, postpone: Callable[[float], None] | None = None
    ) -> None:
        self.interval = interval
        self.cap = max(cap, interval)
        self.postpone = postpone
        self.failures = 0

    def failed(self, exc: BaseException) -> float:
        """Count a failure; the seconds until the next poll (already postponed)."""
        self.failures += 1
        retry_after = getattr(exc, "retry_after", None)
        wait = retry_after if retry_after is not None else self.interval * 2**self.failures
        wait = min(max(wait, self.interval), self.cap)
        if self.postpone is not None:
            self.postpone(wait)
        return wait

    def succeeded(self) -> None:
        self.failures = 0


def poll_source(
    sessions: sessionmaker[Session], source: Any, backoff: Backoff | None = None
) -> int:
    """One look of a watcher, in one transaction with the outbox rows it writes.

    Its outcome is recorded in bridges.health in a transaction of its own: a failed look
    rolls back everything it wrote, not the record of its failure. With a `backoff`, a
    failure is logged and postpones the next look; without, it is raised.
    """
    component = health.source_component(source.name)
    try:
        with sessions.begin() as session:
            count = source.poll(session)
    except Exception as exc:
        health.record_failure(sessions, component, exc)
        if backoff is None:
            raise
        wait = backoff.failed(exc)
        if hasattr(exc, "retry_after"):  # bridges.sources.Unavailable: a server away
            log.warning("source %s: %s; next look in %.0f s", source.name, exc, wait)
        else:
            log.exception("source %s failed; next look in %.0f s", source.name, wait)
        return 0
    health.record_success(sessions, component)
    if backoff is not None:
        if backoff.failures:
            log.info("source %s works again after %d failure(s)", source.name, backoff.failures)
        backoff.succeeded()
    if count:
        log.info("source %s: %d notification(s)", source.name, count)
    return count


def _postpone(scheduler: AsyncIOScheduler, job_id: str, seconds: float) -> None:
    """Move an in-memory job's next run `seconds` ahead (safe from the job's own thread)."""
    when = dt.datetime.now(scheduler.timezone) + dt.timedelta(seconds=seconds)
    try:
        scheduler.modify_job(job_id, jobstore=MEMORY, next_run_time=when)
    except JobLookupError:
        pass  # the scheduler stopped meanwhile


def watch_source(jobs: Jobs, source: Any) -> Job:
    """Poll `source` every `source.interval_seconds`, backing off while it fails."""
    job_id = f"{SOURCE_JOB_PREFIX}{source.name}"
    backoff = Backoff(
        source.interval_seconds,
        jobs.settings.get("bridges", "watch_max_backoff"),
        postpone=lambda seconds: _postpone(jobs.scheduler, job_id, seconds),
    )
    job = jobs.every(
        job_id, source.interval_seconds, poll_source, args=(jobs.sessions, source, backoff)
    )
    jobs.on_shutdown(source.close)
    return job


def record_job_outcome(sessions: sessionmaker[Session], event: JobExecutionEvent) -> None:
    """A job's run in bridges.health (watchers record theirs in poll_source)."""
    if event.job_id.startswith(SOURCE_JOB_PREFIX):
        return
    component = health.job_component(event.job_id)
    if event.exception is None:
        health.record_success(sessions, component)
    else:
        health.record_failure(sessions, component, event.exception)


def _listen_to_jobs(scheduler: AsyncIOScheduler, sessions: sessionmaker[Session]) -> None:
    def listener(event: JobExecutionEvent) -> None:
        # The asyncio executor reports in the event loop: the write goes to a worker thread.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            record_job_outcome(sessions, event)
        else:
            loop.run_in_executor(None, record_job_outcome, sessions, event)

    scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)


def schedule_sources(
    jobs: Jobs, settings: Settings, secrets: Secrets, territory: Territory
) -> list[Any]:
    """Poll each watcher of bridges.sources at its interval."""
    loaded = sources.load(settings, secrets, territory)
    for source in loaded:
        watch_source(jobs, source)
    return loaded


def start_jobs(
    settings: Settings,
    sessions: sessionmaker[Session],
    *,
    secrets: Secrets,
    territory: Territory,
    features: Iterable[Any] = (),
    with_sources: bool = True,
) -> Jobs:
    """Start the scheduler with every feature's and watcher's jobs (call it in the event loop).

    Started paused while jobs are registered, so that a stored job is compared with its new
    registration before the scheduler may decide it was missed.
    """
    scheduler = build_scheduler(settings)
    scheduler.start(paused=True)
    _listen_to_jobs(scheduler, sessions)
    jobs = Jobs(scheduler, settings, sessions)
    features = tuple(features)
    jobs.officials_home = tuple(
        f.officials_home for f in features if getattr(f, "officials_home", None) is not None
    )
    try:
        jobs.every(
            ALERTS_JOB,
            health.alert_check_seconds(settings),
            health.send_due_alerts,
            args=(sessions, settings),
        )
        for feature in features:
            if getattr(feature, "schedule", None) is not None:
                feature.schedule(jobs)
        if with_sources:
            schedule_sources(jobs, settings, secrets, territory)
    except BaseException:
        jobs.shutdown()
        raise
    scheduler.resume()
    return jobs
