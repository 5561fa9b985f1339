"""The bots' scheduler: Paris time across the clock changes, missed jobs made up at restart."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bots.scheduler import MEMORY, PERSISTENT, Jobs, poll_source, start_jobs
from collab import config, db, outbox

PARIS = ZoneInfo("Europe/Paris")


def record(path: str, label: str) -> None:
    """A persistent job's function: module-level, picklable arguments."""
    with open(path, "a", encoding="utf-8") as log:
        log.write(label + "\n")


def runs(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines() if path.exists() else []


@pytest.fixture
def settings(tmp_path):
    settings = config.load(tmp_path, environ={})
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    engine.dispose()
    return settings


def started(settings) -> Jobs:
    engine = db.make_engine(settings.database_url)
    return start_jobs(
        settings, db.make_sessionmaker(engine), secrets=None, territory=None, with_sources=False
    )


async def stopped(jobs: Jobs) -> None:
    jobs.shutdown()
    await asyncio.sleep(0.05)  # AsyncIOScheduler shuts down on the loop's next turn


async def eventually(condition, seconds: float = 10) -> None:
    """Wait (bounded) for something the scheduler does on its own time."""
    for _step in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)


def fire_times(trigger, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every fire time in [start, end), as the scheduler computes them one after the other."""
    times: list[dt.datetime] = []
    previous, now = None, start
    while True:
        fire = trigger.get_next_fire_time(previous, now)
        if fire is None or fire >= end:
            return times
        assert not times or fire > times[-1], f"{fire} does not come after {times[-1]}"
        times.append(fire)
        previous, now = fire, fire
        assert len(times) < 100


def daily_trigger(settings, job_id: str, **fields):
    async def build():
        jobs = started(settings)
        try:
            return jobs.cron(job_id, record, args=("unused", job_id), **fields).trigger
        finally:
            await stopped(jobs)

    return asyncio.run(build())


@pytest.mark.parametrize(
    ("first_day", "change_day", "utc_before", "utc_after"),
    [
        (dt.date(2027, 3, 25), dt.date(2027, 3, 28), 7, 6),  # winter -> summer time
        (dt.date(2027, 10, 28), dt.date(2027, 10, 31), 6, 7),  # summer -> winter time
    ],
)
def test_a_daily_0800_job_follows_paris_time_across_the_clock_change(
    settings, first_day, change_day, utc_before, utc_after
):
    trigger = daily_trigger(settings, "test:daily-0800", hour=8, minute=0)
    start = dt.datetime.combine(first_day, dt.time(0), PARIS)
    times = fire_times(trigger, start, start + dt.timedelta(days=7))
    local_days = [t.astimezone(PARIS).date() for t in times]
    assert local_days == [first_day + dt.timedelta(days=n) for n in range(7)]  # once a day
    assert all(t.astimezone(PARIS).time() == dt.time(8, 0) for t in times)
    for fire in times:
        expected = utc_before if fire.astimezone(PARIS).date() < change_day else utc_after
        assert fire.astimezone(dt.UTC).hour == expected, fire


def test_a_job_in_the_changing_hour_fires_once_a_day(settings):
    # 02:30 happens twice on 31 October (APScheduler 3.11 alone then returns it forever) and
    # not at all on 28 March.
    trigger = daily_trigger(settings, "test:daily-0230", hour=2, minute=30)
    for first_day in (dt.date(2027, 3, 26), dt.date(2027, 10, 29)):
        start = dt.datetime.combine(first_day, dt.time(0), PARIS)
        times = fire_times(trigger, start, start + dt.timedelta(days=5))
        local_days = [t.astimezone(PARIS).date() for t in times]
        assert local_days == [first_day + dt.timedelta(days=n) for n in range(5)]
    october = dt.datetime(2027, 10, 31, 0, 0, tzinfo=PARIS)
    (repeated_day,) = fire_times(trigger, october, october + dt.timedelta(days=1))
    assert repeated_day.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    march = dt.datetime(2027, 3, 28, 0, 0, tzinfo=PARIS)
    (missing_day,) = fire_times(trigger, march, march + dt.timedelta(days=1))
    assert missing_day.astimezone(PARIS).time() == dt.time(3, 30)  # an hour later that day


def test_jobs_missed_while_stopped_run_once_at_the_next_start(settings, tmp_path):
    log_path = tmp_path / "runs.log"

    def register(jobs: Jobs, when: dt.datetime) -> None:
        # What a restart does: the same jobs registered again under the same ids.
        jobs.at("test:date", when, record, args=(str(log_path), "date"))
        jobs.cron(
            "test:cron",
            record,
            args=(str(log_path), "cron"),
            minute=when.minute,
            second=when.second,
        )

    async def scenario() -> None:
        when = (dt.datetime.now(PARIS) + dt.timedelta(seconds=2)).replace(microsecond=0)
        first = started(settings)
        register(first, when)
        await stopped(first)  # the bots stop before the jobs are due
        await asyncio.sleep((when - dt.datetime.now(PARIS)).total_seconds() + 0.5)
        assert runs(log_path) == []  # nothing ran while stopped

        second = started(settings)
        register(second, when)
        await eventually(lambda: len(runs(log_path)) >= 2)
        await asyncio.sleep(0.5)  # room for a wrong second run
        assert sorted(runs(log_path)) == ["cron", "date"]  # each once, not dropped, not twice
        assert second.scheduler.get_job("test:date") is None  # a date job is done once run
        cron = second.scheduler.get_job("test:cron", jobstore=PERSISTENT)
        assert cron.next_run_time > dt.datetime.now(PARIS) + dt.timedelta(minutes=50)
        await stopped(second)

        third = started(settings)  # and a later start runs neither again
        register(third, when)
        await asyncio.sleep(0.5)
        assert sorted(runs(log_path)) == ["cron", "date"]
        await stopped(third)

    asyncio.run(scenario())


class CountingSource:
    """A stand-in watcher (pure wiring check): writes one outbox row per poll."""

    name = "counting"
    interval_seconds = 3600

    def __init__(self) -> None:
        self.polls = 0

    def poll(self, session) -> int:
        self.polls += 1
        outbox.enqueue(
            session,
            kind="notice",
            room_key="moderation",
            payload={"text": "poll"},
            source_id=f"test-poll:{self.polls}",
        )
        return 1


def test_interval_polls_run_at_start_in_a_transaction_in_memory(settings):
    source = CountingSource()

    async def scenario() -> None:
        jobs = started(settings)
        job = jobs.every(
            "source:counting", source.interval_seconds, poll_source, args=(jobs.sessions, source)
        )
        assert job._jobstore_alias == MEMORY
        await eventually(lambda: source.polls > 0)
        await asyncio.sleep(0.2)
        await stopped(jobs)

    asyncio.run(scenario())
    assert source.polls == 1
    engine = db.make_engine(settings.database_url)
    with db.make_sessionmaker(engine)() as session:
        ids = session.scalars(select(outbox.OutboxMessage.source_id)).all()
    engine.dispose()
    assert ids == ["test-poll:1"]
