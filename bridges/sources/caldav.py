"""New, changed and cancelled events of each instance's calendar, announced in its room."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from collab import outbox
from collab.caldav import CalendarChanges, DavAgenda, Event
from collab.config import Settings
from collab.credentials import Secrets
from collab.dav_access import group_collection_path
from collab.sources import BaseSource, raise_if_unavailable, read_state, source_id, write_state
from collab.territory import Instance, Territory

log = logging.getLogger(__name__)

CREATED, CHANGED, CANCELLED = "agenda.created", "agenda.changed", "agenda.cancelled"
# caldav's made-up token when the server forgot ours (RFC 6578 section 3.2) or cannot sync.
FAKE_TOKEN = "fake-"


def bot_agenda(settings: Settings, secrets: Secrets) -> DavAgenda:
    """The CalDAV session of the bot (service) account, which may read every calendar."""
    return DavAgenda(
        settings.url("caldav"), settings.get("matrix", "bot_localpart"), secrets.bot_password
    )


def moment(value: date | datetime, tz: ZoneInfo) -> datetime:
    """An aware datetime: a day is its local midnight, a floating time is local time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time.min, tzinfo=tz)
    return value if value.tzinfo else value.replace(tzinfo=tz)


def iso(value: date | datetime | None, tz: ZoneInfo) -> str | None:
    """JSON form of an event time: "2027-03-29" for a day, UTC ISO 8601 for a moment."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return value.isoformat()
    return moment(value, tz).astimezone(UTC).isoformat()


def event_payload(event: Event, instance: Instance, tz: ZoneInfo) -> dict[str, Any]:
    """What the templates need to describe an event, JSON-ready."""
    return {
        "instance": instance.key,
        "instance_name": instance.name,
        "uid": event.uid,
        "summary": event.summary,
        "start": iso(event.start, tz),
        "end": iso(event.end, tz),
        "all_day": not isinstance(event.start, datetime),
        "location": event.location,
        "timezone": tz.key,
    }


def fingerprint(events: list[Event], tz: ZoneInfo) -> str:
    """What people see of an event (all its components): a DTSTAMP-only rewrite is no change."""
    parts = sorted(
        json.dumps(
            [e.summary, iso(e.start, tz), iso(e.end, tz), e.location, e.description, e.status]
        )
        for e in events
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _guessed_href(path: str, uid: str) -> str:
    # Where DavAgenda.add_event and the usual clients (Thunderbird, DAVx5, Apple) put an event;
    # a deletion elsewhere is resolved by listing the calendar again.
    return unquote(path + quote(uid, safe="@.-_") + ".ics")


class CalendarSource(BaseSource):
    """A source that reads the instance calendars as the bot, in the bots' timezone."""

    def __init__(self, settings: Settings, secrets: Secrets, territory: Territory) -> None:
        super().__init__(settings, secrets, territory)
        self.timezone = settings.timezone
        self._agenda: DavAgenda | None = None

    @property
    def agenda(self) -> DavAgenda:
        if self._agenda is None:
            self._agenda = bot_agenda(self.settings, self.secrets)
        return self._agenda

    def close(self) -> None:
        if self._agenda is not None:
            self._agenda.close()
            self._agenda = None


class Source(CalendarSource):
    """Sync-collection (RFC 6578) on each instance calendar: the cost follows the changes."""

    name = "caldav"

    def __init__(self, settings: Settings, secrets: Secrets, territory: Territory) -> None:
        super().__init__(settings, secrets, territory)
        self.interval_seconds = settings.get("bridges", "watch_interval")

    def poll(self, db: Session, now: datetime | None = None) -> int:
        now = now or datetime.now(UTC)
        written = 0
        for instance in self.territory.instances:
            key = self.state_key(instance.key)
            state = read_state(db, key)
            try:
                changes, full = self._fetch(group_collection_path(instance.key), state)
            except Exception as exc:
                # The server away: no calendar can be read, the poll stops (and rolls back).
                raise_if_unavailable(exc, f"CalDAV, calendar of {instance.key}")
                # One calendar out of reach must not hold back the others; its token is kept,
                # so its changes are announced at the next poll that reaches it.
                log.warning("cannot read the calendar of %s: %r", instance.key, exc)
                continue
            written += self._apply(db, key, instance, state, changes, full, now)
        return written

    def _fetch(self, path: str, state: dict | None) -> tuple[CalendarChanges, bool]:
        """The changes since the remembered token, and whether they list the whole calendar."""
        token = state["token"] if state else None
        changes = self.agenda.calendar_changes(path, token)
        if token and changes.sync_token.startswith(FAKE_TOKEN) and not token.startswith(FAKE_TOKEN):
            # The server forgot our token: caldav listed everything under a made-up token. A
            # listing without token gives the same events and a real token to go on with.
            changes = self.agenda.calendar_changes(path, None)
        full = token is None or changes.sync_token.startswith(FAKE_TOKEN)
        if not full and state:
            known = {record["href"] for record in state["events"].values()}
            if any(unquote(href) not in known for href in changes.deleted):
                changes, full = self.agenda.calendar_changes(path, None), True
        return changes, full

    def _apply(
        self,
        db: Session,
        key: str,
        instance: Instance,
        state: dict | None,
        changes: CalendarChanges,
        full: bool,
        now: datetime,
    ) -> int:
        if state is not None and changes.sync_token == state["token"]:
            return 0
        path = group_collection_path(instance.key)
        by_uid: dict[str, list[Event]] = {}
        for event in changes.changed:
            by_uid.setdefault(event.uid, []).append(event)
        records = {uid: self._record(events, path, instance) for uid, events in by_uid.items()}
        if state is None:
            # First look at this calendar: remember what is there, announce nothing. The change
            # counter starts at the baseline's time, so a forgotten state never reuses an id.
            write_state(
                db,
                key,
                {
                    "token": changes.sync_token,
                    "version": int(now.timestamp() * 1000),
                    "events": records,
                },
            )
            return 0

        known: dict[str, dict] = state["events"]
        version = state["version"] + 1
        announcements: list[tuple[str, dict, dict | None]] = []  # kind, record, previous
        for uid, record in records.items():
            previous = known.get(uid)
            known[uid] = record
            if previous is None:
                if record["status"] != "CANCELLED":
                    announcements.append((CREATED, record, None))
            elif previous["fp"] != record["fp"]:
                if record["status"] == "CANCELLED":
                    if previous["status"] != "CANCELLED":
                        announcements.append((CANCELLED, record, None))
                else:
                    announcements.append((CHANGED, record, previous))
        if full:
            gone = [uid for uid in known if uid not in records]
        else:
            by_href = {record["href"]: uid for uid, record in known.items()}
            gone = [by_href[unquote(h)] for h in changes.deleted if unquote(h) in by_href]
            gone = [uid for uid in gone if uid not in records]
        for uid in gone:
            previous = known.pop(uid)
            if previous["status"] != "CANCELLED":
                announcements.append((CANCELLED, previous, None))

        written = 0
        for kind, record, previous in announcements:
            if _is_over(record, self.timezone, now):
                # Tidying up past meetings is not news.
                continue
            payload = dict(record["payload"])
            if previous is not None:
                payload["previous"] = {
                    field: previous["payload"][field]
                    for field in ("summary", "start", "end", "all_day", "location")
                }
            sid = source_id("caldav", instance.key, record["payload"]["uid"], version)
            if outbox.enqueue(
                db, kind=kind, room_key=instance.room_key, payload=payload, source_id=sid
            ):
                written += 1
        write_state(db, key, {"token": changes.sync_token, "version": version, "events": known})
        return written

    def _record(self, events: list[Event], path: str, instance: Instance) -> dict[str, Any]:
        # The first component is the series (or the event); overrides only count in the print.
        main = events[0]
        return {
            "fp": fingerprint(events, self.timezone),
            "href": _guessed_href(path, main.uid),
            "status": main.status,
            "payload": event_payload(main, instance, self.timezone),
        }


def _is_over(record: dict, tz: ZoneInfo, now: datetime) -> bool:
    payload = record["payload"]
    if payload["all_day"]:
        # DTEND of a day is exclusive; without one the event lasts its day.
        last = date.fromisoformat(payload["end"] or payload["start"])
        if not payload["end"]:
            last += timedelta(days=1)
        return moment(last, tz) <= now
    return datetime.fromisoformat(payload["end"] or payload["start"]) <= now
