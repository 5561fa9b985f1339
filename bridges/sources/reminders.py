"""Reminders the day before (J-1) and one hour before (H-1) each event of an instance calendar."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bridges.sources.caldav import CalendarSource, event_payload, moment
from collab import outbox
from collab.dav_access import group_collection_path
from collab.sources import raise_if_unavailable, source_id

log = logging.getLogger(__name__)

KIND = "agenda.reminder"
DAY_BEFORE, HOUR_BEFORE = "J-1", "H-1"
# Far enough to see an event whose J-1 is due now, even when the October change makes the day
# before 25 hours long.
LOOK_AHEAD = timedelta(hours=26)
# An all-day event is reminded once, the morning before: midnight or 23:00 would wake people.
ALL_DAY_REMINDER = time(9, 0)


def reminder_times(start: date | datetime, tz: ZoneInfo) -> dict[str, datetime]:
    """When to remind of an event starting at `start`, as UTC datetimes.

    J-1 is the same local wall-clock time the day before (23 or 25 hours earlier across a clock
    change); H-1 is one real hour before. A floating (naive) start is local time. A wall-clock
    time missing on the day before (the March gap) is read with the offset before the change.
    An all-day event gets only J-1, at 09:00 local the day before.
    """
    if not isinstance(start, datetime):
        day_before = datetime.combine(start - timedelta(days=1), ALL_DAY_REMINDER, tzinfo=tz)
        return {DAY_BEFORE: day_before.astimezone(UTC)}
    begins = moment(start, tz).astimezone(tz)
    day_before = datetime.combine(begins.date() - timedelta(days=1), begins.time(), tzinfo=tz)
    return {
        DAY_BEFORE: day_before.astimezone(UTC),
        # In UTC: aware arithmetic within one zone is wall-clock arithmetic in Python.
        HOUR_BEFORE: begins.astimezone(UTC) - timedelta(hours=1),
    }


def due_reminder(start: date | datetime, tz: ZoneInfo, now: datetime) -> str | None:
    """The reminder to send at `now`: the latest one whose time has come, never after the start.

    One whose time passed while the bots were down is still due until the event starts; when
    both are due (an event added an hour before it starts), only H-1 is, as "demain" would be
    wrong.
    """
    if now >= moment(start, tz):
        return None
    due = [(at, label) for label, at in reminder_times(start, tz).items() if at <= now]
    return max(due)[1] if due else None


class Source(CalendarSource):
    """Looks every minute at the next 26 hours of each instance calendar."""

    name = "reminders"
    interval_seconds = 60

    def poll(self, db: Session, now: datetime | None = None) -> int:
        # Nothing to remember: the source id of each reminder makes it unique in the outbox.
        now = now or datetime.now(UTC)
        written = 0
        for instance in self.territory.instances:
            path = group_collection_path(instance.key)
            try:
                events = self.agenda.upcoming_events(path, now, now + LOOK_AHEAD)
            except Exception as exc:
                raise_if_unavailable(exc, f"CalDAV, calendar of {instance.key}")
                log.warning("cannot read the calendar of %s: %r", instance.key, exc)
                continue
            for event in events:
                label = due_reminder(event.start, self.timezone, now)
                if label is None or event.status == "CANCELLED":
                    continue
                payload = event_payload(event, instance, self.timezone)
                payload |= {"reminder": label, "notified_at": now.astimezone(UTC).isoformat()}
                # The start is part of the id: a moved event is reminded of again.
                sid = source_id("reminder", label, instance.key, event.uid, payload["start"])
                if outbox.enqueue(
                    db, kind=KIND, room_key=instance.room_key, payload=payload, source_id=sid
                ):
                    written += 1
        return written
