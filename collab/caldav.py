"""The one module that talks CalDAV and CardDAV: collections, events, the directory's vCards."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import caldav
import httpx
import icalendar
from caldav.lib import error as caldav_error

from collab.vtimezone import add_timezones

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CARDDAV = "urn:ietf:params:xml:ns:carddav"

_MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>{name}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>"""

# Extended MKCOL (RFC 5689) is how an address book is created (RFC 6352 section 6.3.1).
_MKADDRESSBOOK = """<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:set><D:prop>
    <D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype>
    <D:displayname>{name}</D:displayname>
  </D:prop></D:set>
</D:mkcol>"""

_PROPFIND_TYPE = """<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>"""

_ALL_CARDS = """<?xml version="1.0" encoding="utf-8"?>
<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:prop><D:getetag/><CR:address-data/></D:prop>
</CR:addressbook-query>"""


class DavError(Exception):
    """A CalDAV/CardDAV answer we cannot go on with; carries the method, path and status."""

    def __init__(self, method: str, path: str, status: int, text: str = "") -> None:
        super().__init__(f"{method} {path}: HTTP {status} {text[:200]}".rstrip())
        self.status = status


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None
    location: str = ""
    description: str = ""
    status: str = ""  # STATUS, upper case (CANCELLED, CONFIRMED, TENTATIVE or empty)


@dataclass
class CalendarChanges:
    """What changed in a calendar since a sync token (RFC 6578); keep `sync_token` for next time."""

    sync_token: str
    changed: list[Event] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # URL paths (quoted) of removed objects


@dataclass
class CardSync:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collection_path(path: str) -> str:
    return "/" + path.strip("/") + "/"


def _unfold(text: str) -> list[str]:
    """The content lines of a vCard/iCalendar text, unfolded, without blank lines."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw.rstrip())
    return lines


def _card_uid(text: str) -> str | None:
    for line in _unfold(text):
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].upper() == "UID":
            return value.strip()
    return None


def _sort_key(moment: date | datetime) -> datetime:
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time.min, tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _zoned(moment: date | datetime) -> date | datetime:
    """A moment to write: in its named zone, or in UTC when it has only an offset (no TZID)."""
    if isinstance(moment, datetime) and moment.tzinfo and not isinstance(moment.tzinfo, ZoneInfo):
        return moment.astimezone(UTC)
    return moment


def _event(component: icalendar.Event) -> Event:
    start = component.decoded("DTSTART")
    end = component.decoded("DTEND") if "DTEND" in component else None
    if end is None and "DURATION" in component:
        end = start + component.decoded("DURATION")
    return Event(
        uid=str(component.get("UID", "")),
        summary=str(component.get("SUMMARY", "")),
        start=start,
        end=end,
        location=str(component.get("LOCATION", "")),
        description=str(component.get("DESCRIPTION", "")),
        status=str(component.get("STATUS", "")).upper(),
    )


class DavAgenda:
    """A CalDAV/CardDAV session on Radicale as one account (the bot for provisioning).

    Paths are URL paths from the server root, quoted as in Radicale's hrefs (what
    `collab.dav_access.group_collection_path` returns). A given `http` client must carry
    the base URL and credentials itself.
    """

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 30,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = (username, password)
        # Collections and vCards are plain WebDAV verbs: httpx, with XML written here.
        self.http = http or httpx.Client(base_url=self.base_url, auth=self._auth, timeout=timeout)
        self._timeout = timeout
        self._caldav: caldav.DAVClient | None = None

    def close(self) -> None:
        self.http.close()
        if self._caldav is not None:
            self._caldav.close()

    def __enter__(self) -> DavAgenda:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------
    def _request(
        self, method: str, path: str, ok: tuple[int, ...], **kwargs: object
    ) -> httpx.Response:
        response = self.http.request(method, path, **kwargs)
        if response.status_code not in ok:
            raise DavError(method, path, response.status_code, response.text)
        return response

    def _exists(self, path: str) -> bool:
        response = self._request(
            "PROPFIND",
            path,
            (207, 404),
            content=_PROPFIND_TYPE,
            headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
        )
        return response.status_code == 207

    def _ensure(self, path: str, method: str, body: str) -> bool:
        """Create the collection unless it exists (and its missing parents); True if created."""
        path = _collection_path(path)
        if self._exists(path):
            return False
        parent = path.rstrip("/").rpartition("/")[0]
        if parent:
            self._ensure(parent, "MKCOL", "")
        headers = {"Content-Type": "application/xml; charset=utf-8"} if body else {}
        self._request(method, path, (201,), content=body.encode(), headers=headers)
        return True

    def _calendar(self, path: str) -> caldav.Calendar:
        if self._caldav is None:
            username, password = self._auth
            self._caldav = caldav.DAVClient(
                url=self.base_url + "/",
                username=username,
                password=password,
                # Credentials with the first request: without auth_type the client first asks
                # without them, and Radicale answers that 401 after its failed-login delay (1 s).
                auth_type="basic",
                timeout=int(self._timeout),
                features="radicale",
                enable_rfc6764=False,
            )
        return self._caldav.calendar(url=self.base_url + _collection_path(path))

    # --- collections ------------------------------------------------------------------------
    def ensure_principal(self, localpart: str) -> bool:
        """Create /<localpart>/ so that calendars can be made before the person ever logs in."""
        return self._ensure(f"/{localpart}/", "MKCOL", "")

    def ensure_calendar(self, path: str, display_name: str) -> bool:
        """Create the calendar at `path` unless it exists; True if it was created."""
        return self._ensure(path, "MKCALENDAR", _MKCALENDAR.format(name=_escape(display_name)))

    def ensure_addressbook(self, path: str, display_name: str) -> bool:
        """Create the address book at `path` unless it exists; True if it was created."""
        return self._ensure(path, "MKCOL", _MKADDRESSBOOK.format(name=_escape(display_name)))

    # --- vCards -----------------------------------------------------------------------------
    def _cards(self, path: str) -> dict[str, tuple[str, str, str]]:
        """uid -> (href path, etag, vCard text) of the address book's cards."""
        response = self._request(
            "REPORT",
            path,
            (207,),
            content=_ALL_CARDS,
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        cards: dict[str, tuple[str, str, str]] = {}
        for item in ET.fromstring(response.content).iter(f"{{{DAV}}}response"):
            # Kept quoted, as sent: it is used as is in the PUT or DELETE that may follow.
            href = urlsplit(item.findtext(f"{{{DAV}}}href", "")).path
            etag = item.findtext(f".//{{{DAV}}}getetag", "")
            text = item.findtext(f".//{{{CARDDAV}}}address-data", "")
            uid = _card_uid(text)
            # A card without a UID cannot be matched: keyed by its href, so it is removed.
            cards[uid or href] = (href, etag, text)
        return cards

    def sync_vcards(self, path: str, cards: dict[str, str]) -> CardSync:
        """Make the address book hold exactly `cards` (uid -> vCard text); unchanged ones stay."""
        path = _collection_path(path)
        result = CardSync()
        existing = self._cards(path)
        for uid, text in cards.items():
            if _card_uid(text) != uid:
                raise ValueError(f"vCard for {uid!r} carries UID {_card_uid(text)!r}")
            body = text.encode()
            headers = {"Content-Type": "text/vcard; charset=utf-8"}
            if uid in existing:
                href, etag, current = existing[uid]
                if _unfold(current) == _unfold(text):
                    result.unchanged += 1
                    continue
                # If-Match: someone else's change in between is refused, not overwritten.
                self._request(
                    "PUT", href, (201, 204), content=body, headers={**headers, "If-Match": etag}
                )
                result.updated += 1
            else:
                href = path + quote(uid, safe="@.-_") + ".vcf"
                self._request(
                    "PUT", href, (201,), content=body, headers={**headers, "If-None-Match": "*"}
                )
                result.created += 1
        for uid, (href, etag, _text) in existing.items():
            if uid not in cards:
                self._request("DELETE", href, (200, 204), headers={"If-Match": etag})
                result.deleted += 1
        return result

    # --- events -----------------------------------------------------------------------------
    def add_event(
        self,
        path: str,
        summary: str,
        start: date | datetime,
        end: date | datetime,
        *,
        location: str = "",
        description: str = "",
        uid: str | None = None,
    ) -> str:
        """Create an event in the calendar at `path`; returns its UID."""
        uid = uid or f"{uuid.uuid4()}@girou"
        event = icalendar.Event()
        event.add("UID", uid)
        event.add("DTSTAMP", datetime.now(UTC))
        event.add("SUMMARY", summary)
        event.add("DTSTART", _zoned(start))
        event.add("DTEND", _zoned(end))
        if location:
            event.add("LOCATION", location)
        if description:
            event.add("DESCRIPTION", description)
        calendar = icalendar.Calendar()
        calendar.add("PRODID", "-//Girou//collab.caldav//FR")
        calendar.add("VERSION", "2.0")
        calendar.add_component(event)
        add_timezones(calendar)
        href = _collection_path(path) + quote(uid, safe="@.-_") + ".ics"
        self._request(
            "PUT",
            href,
            (201,),
            content=calendar.to_ical(),
            headers={"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
        )
        return uid

    def put_event(self, path: str, uid: str, calendar: bytes) -> None:
        """Write (create or replace) the calendar object `uid` of the calendar at `path`."""
        href = _collection_path(path) + quote(uid, safe="@.-_") + ".ics"
        self._request(
            "PUT",
            href,
            (201, 204),
            content=calendar,
            headers={"Content-Type": "text/calendar; charset=utf-8"},
        )

    def upcoming_events(self, path: str, start: datetime, end: datetime) -> list[Event]:
        """Events of the calendar at `path` overlapping [start, end), recurrences expanded."""
        try:
            found = self._calendar(path).search(start=start, end=end, event=True, expand=True)
        except caldav_error.DAVError as exc:
            raise DavError("REPORT", path, 0, str(exc)) from exc
        events = [
            _event(component)
            for item in found
            for component in item.icalendar_instance.walk("VEVENT")
        ]
        return sorted(events, key=lambda e: _sort_key(e.start))

    def calendar_changes(self, path: str, sync_token: str | None = None) -> CalendarChanges:
        """Events added or changed, and objects removed, since `sync_token` (None: everything)."""
        try:
            found = self._calendar(path).get_objects_by_sync_token(sync_token, load_objects=True)
        except caldav_error.DAVError as exc:
            raise DavError("REPORT", path, 0, str(exc)) from exc
        deleted = {url.canonical() for url in found.deleted_urls}
        changes = CalendarChanges(sync_token=str(found.sync_token))
        for item in found:
            if item.url.canonical() in deleted or not item.data:
                continue
            changes.changed += [_event(c) for c in item.icalendar_instance.walk("VEVENT")]
        changes.deleted = sorted(urlsplit(str(url)).path for url in deleted)
        return changes
