"""Reminders J-1 and H-1: the clock arithmetic (DST changes) and the rows against real Radicale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bridges.sources import reminders
from bridges.sources.reminders import DAY_BEFORE, HOUR_BEFORE, due_reminder, reminder_times
from bridges.templates import render
from collab import outbox
from collab.caldav import DavAgenda
from collab.dav_access import group_collection_path

PARIS = ZoneInfo("Europe/Paris")
INSTANCE = "finances"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def paris(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


# --- the arithmetic -----------------------------------------------------------------------------


def test_ordinary_day_is_24_hours_before_and_one_hour_before():
    times = reminder_times(paris(2027, 6, 15, 10, 0), PARIS)
    assert times == {DAY_BEFORE: utc(2027, 6, 14, 8, 0), HOUR_BEFORE: utc(2027, 6, 15, 7, 0)}


def test_march_change_day_before_is_23_hours_earlier():
    # Sunday 2027-03-28 02:00 CET -> 03:00 CEST. An event at 10:00 on that Sunday is reminded at
    # 10:00 on Saturday (still CET): 23 real hours earlier.
    start = paris(2027, 3, 28, 10, 0)
    times = reminder_times(start, PARIS)
    assert times[DAY_BEFORE] == utc(2027, 3, 27, 9, 0)
    assert times[DAY_BEFORE].astimezone(PARIS).strftime("%d %H:%M") == "27 10:00"
    assert start - times[DAY_BEFORE] == timedelta(hours=23)
    # The Monday after: both days are CEST, 24 hours again.
    monday = paris(2027, 3, 29, 10, 0)
    assert monday - reminder_times(monday, PARIS)[DAY_BEFORE] == timedelta(hours=24)
    assert reminder_times(monday, PARIS)[DAY_BEFORE] == utc(2027, 3, 28, 8, 0)


def test_october_change_day_before_is_25_hours_earlier():
    # Sunday 2027-10-31 03:00 CEST -> 02:00 CET: Saturday 10:00 CEST is 25 hours before.
    start = paris(2027, 10, 31, 10, 0)
    times = reminder_times(start, PARIS)
    assert times[DAY_BEFORE] == utc(2027, 10, 30, 8, 0)
    assert times[DAY_BEFORE].astimezone(PARIS).strftime("%d %H:%M") == "30 10:00"
    assert start - times[DAY_BEFORE] == timedelta(hours=25)
    assert times[HOUR_BEFORE] == utc(2027, 10, 31, 8, 0)


def test_hour_before_across_the_march_gap_is_one_real_hour():
    # 03:30 CEST is 01:30 UTC; one hour before is 00:30 UTC, 01:30 CET on the wall clock.
    start = paris(2027, 3, 28, 3, 30)
    before = reminder_times(start, PARIS)[HOUR_BEFORE]
    assert before == utc(2027, 3, 28, 0, 30)
    assert before.astimezone(PARIS).strftime("%H:%M %Z") == "01:30 CET"


def test_hour_before_across_the_october_overlap_is_one_real_hour():
    # 03:00 CET (02:00 UTC): one hour before is the second 02:00 of the night (CET).
    start = utc(2027, 10, 31, 2, 0)
    before = reminder_times(start, PARIS)[HOUR_BEFORE]
    assert before == utc(2027, 10, 31, 1, 0)
    assert before.astimezone(PARIS).strftime("%H:%M %Z") == "02:00 CET"
    # 02:30 CEST, the first 02:30 (fold=0): 01:30 CEST.
    first = reminder_times(paris(2027, 10, 31, 2, 30), PARIS)[HOUR_BEFORE]
    assert first == utc(2027, 10, 30, 23, 30)


def test_day_before_falling_in_the_march_gap_takes_the_offset_before_the_change():
    # 02:30 on Monday 29 (CEST, 00:30 UTC): 02:30 does not exist on Sunday 28; read as CET,
    # it is 01:30 UTC, 03:30 CEST on the wall clock.
    times = reminder_times(paris(2027, 3, 29, 2, 30), PARIS)
    assert times[DAY_BEFORE] == utc(2027, 3, 28, 1, 30)


def test_floating_and_utc_starts_are_the_same_moment_in_paris():
    floating = datetime(2027, 3, 28, 10, 0)  # no TZID in the event: local time
    assert reminder_times(floating, PARIS) == reminder_times(utc(2027, 3, 28, 8, 0), PARIS)


def test_all_day_event_is_reminded_once_the_morning_before():
    assert reminder_times(date(2027, 3, 28), PARIS) == {DAY_BEFORE: utc(2027, 3, 27, 8, 0)}
    assert reminder_times(date(2027, 10, 31), PARIS) == {DAY_BEFORE: utc(2027, 10, 30, 7, 0)}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2027, 3, 27, 8, 59), None),  # before J-1
        (utc(2027, 3, 27, 9, 0), DAY_BEFORE),  # J-1, 23 hours before (March change)
        (utc(2027, 3, 28, 6, 0), DAY_BEFORE),  # J-1 missed while down: still sent
        (utc(2027, 3, 28, 7, 0), HOUR_BEFORE),  # H-1: J-1 is no longer due ("demain" is wrong)
        (utc(2027, 3, 28, 7, 59), HOUR_BEFORE),
        (utc(2027, 3, 28, 8, 0), None),  # started: never after the start
        (utc(2027, 3, 29, 8, 0), None),
    ],
)
def test_due_reminder(now, expected):
    assert due_reminder(paris(2027, 3, 28, 10, 0), PARIS, now) == expected


# --- against Radicale ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def member_agenda(stack, provisioned) -> Iterator[DavAgenda]:
    territory, passwords = provisioned
    member = territory.members(INSTANCE)[0].localpart
    with DavAgenda(stack.settings.url("caldav"), member, passwords[member]) as agenda:
        yield agenda


@pytest.fixture
def source(stack, provisioned) -> Iterator[reminders.Source]:
    territory, _passwords = provisioned
    source = reminders.Source(stack.settings, stack.secrets, territory)
    yield source
    source.close()


def poll(sessions, source, now: datetime) -> int:
    with sessions.begin() as session:
        return source.poll(session, now=now)


def reminder_rows(sessions, uid: str) -> list[outbox.OutboxMessage]:
    with sessions() as session:
        rows = session.scalars(
            select(outbox.OutboxMessage)
            .where(outbox.OutboxMessage.kind == reminders.KIND)
            .order_by(outbox.OutboxMessage.id)
        )
        return [row for row in rows if row.payload["uid"] == uid]


def test_reminders_across_the_march_change_are_sent_once_at_their_time(
    sessions, source, member_agenda
):
    start = paris(2027, 3, 28, 10, 0)
    uid = member_agenda.add_event(
        group_collection_path(INSTANCE),
        "Commission des finances",
        start,
        start + timedelta(hours=2),
        location="Salle du conseil",
    )
    poll(sessions, source, utc(2027, 3, 27, 8, 59))
    assert reminder_rows(sessions, uid) == []

    # J-1 at 10:00 on Saturday, 23 hours before; polling again in the same minute adds nothing.
    assert poll(sessions, source, utc(2027, 3, 27, 9, 0)) >= 1
    poll(sessions, source, utc(2027, 3, 27, 9, 0, 30))
    rows = reminder_rows(sessions, uid)
    assert [(r.payload["reminder"], r.room_key) for r in rows] == [
        (DAY_BEFORE, "instance:finances")
    ]
    assert rows[0].source_id == f"reminder:J-1:{INSTANCE}:{uid}:2027-03-28T08:00:00+00:00"
    assert render(rows[0].kind, rows[0].payload).body == (
        "Rappel : Commission des finances demain à 10 h — Salle du conseil"
    )

    poll(sessions, source, utc(2027, 3, 27, 20, 0))
    assert len(reminder_rows(sessions, uid)) == 1
    poll(sessions, source, utc(2027, 3, 28, 7, 0))
    poll(sessions, source, utc(2027, 3, 28, 7, 30))
    rows = reminder_rows(sessions, uid)
    assert [r.payload["reminder"] for r in rows] == [DAY_BEFORE, HOUR_BEFORE]
    assert render(rows[1].kind, rows[1].payload).body == (
        "Rappel : Commission des finances dans une heure, à 10 h — Salle du conseil"
    )
    poll(sessions, source, utc(2027, 3, 28, 8, 1))
    assert len(reminder_rows(sessions, uid)) == 2


def test_missed_reminder_is_sent_on_restart_but_never_after_the_start(
    sessions, source, member_agenda
):
    path = group_collection_path(INSTANCE)
    first = paris(2027, 10, 31, 10, 0)  # 09:00 UTC, the October change's Sunday
    uid_first = member_agenda.add_event(path, "Bureau élargi", first, first + timedelta(hours=1))
    second = paris(2027, 10, 31, 11, 0)  # 10:00 UTC
    uid_second = member_agenda.add_event(path, "Visite", second, second + timedelta(hours=1))

    # The bots were down from Friday to Sunday 07:00 local: the J-1 reminders (Saturday 10:00
    # and 11:00 CEST) were missed; the events have not started, so they are sent now.
    poll(sessions, source, utc(2027, 10, 31, 6, 0))
    rows = reminder_rows(sessions, uid_first)
    assert [r.payload["reminder"] for r in rows] == [DAY_BEFORE]
    assert render(rows[0].kind, rows[0].payload).body == "Rappel : Bureau élargi aujourd'hui à 10 h"
    assert [r.payload["reminder"] for r in reminder_rows(sessions, uid_second)] == [DAY_BEFORE]

    # Down again until 10:30 local: the first event has started, its H-1 is never sent; the
    # second one's H-1 (10:00 local) is, late.
    poll(sessions, source, utc(2027, 10, 31, 9, 30))
    assert len(reminder_rows(sessions, uid_first)) == 1
    rows = reminder_rows(sessions, uid_second)
    assert [r.payload["reminder"] for r in rows] == [DAY_BEFORE, HOUR_BEFORE]
    assert render(rows[1].kind, rows[1].payload).body == "Rappel : Visite dans 30 minutes, à 11 h"


def test_weekly_event_is_reminded_per_occurrence_at_local_time_after_the_change(
    sessions, source, member_agenda
):
    # Every Sunday at 10:00 Paris time from 24 October: the occurrence of 31 October (CET) starts
    # at 09:00 UTC, one hour later in UTC than the week before.
    uid = "hebdo-octobre-2027@girou.test"
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Girou tests//FR",
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Permanence",
            "DTSTART;TZID=Europe/Paris:20271024T100000",
            "DTEND;TZID=Europe/Paris:20271024T110000",
            "RRULE:FREQ=WEEKLY;COUNT=3",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    href = group_collection_path(INSTANCE) + "hebdo-octobre-2027.ics"
    response = member_agenda.http.put(
        href, content=body.encode(), headers={"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert response.status_code == 201
    poll(sessions, source, utc(2027, 10, 23, 8, 0))  # J-1 of the 24th (CEST)
    poll(sessions, source, utc(2027, 10, 30, 7, 59))
    poll(sessions, source, utc(2027, 10, 30, 8, 0))  # J-1 of the 31st: Saturday 10:00 CEST
    rows = reminder_rows(sessions, uid)
    assert [(r.payload["reminder"], r.payload["start"]) for r in rows] == [
        (DAY_BEFORE, "2027-10-24T08:00:00+00:00"),
        (DAY_BEFORE, "2027-10-31T09:00:00+00:00"),
    ]
    assert render(rows[1].kind, rows[1].payload).body == "Rappel : Permanence demain à 10 h"
