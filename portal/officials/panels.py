"""The panels of an official's home page and digest: every feature's `officials_home`, and
this feature's own (my rooms and their unread messages, my agenda, my instances' recent
documents, the latest announcements of my rooms)."""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from collections.abc import Iterable
from urllib.parse import quote

import httpx
from sqlalchemy.orm import Session

from collab import dav_access, matrix
from collab.caldav import DavError
from collab.feature import HomePanels, HomeRequest, Panel, PanelItem
from collab.french import date_fr, describe_when
from collab.models import room_id_of
from collab.territory import Instance
from collab.webdav import SHARE_ERRORS, Document, is_noise

log = logging.getLogger("girou.portal.officials")

AGENDA_DAYS = 14  # the home page: the next two weeks
DIGEST_AGENDA_DAYS = 7  # the digest: the week's events
RECENT_DOCUMENTS = 8
ANNOUNCEMENTS = 5
UNAVAILABLE = "Momentanément indisponible : réessayez dans quelques minutes."


def collect(db: Session, request: HomeRequest, hooks: Iterable[HomePanels]) -> list[Panel]:
    """Every feature's panels for the person, in their order; a feature whose panel fails is
    left out (and logged): the rest of the page still shows."""
    panels: list[Panel] = []
    for hook in hooks:
        try:
            panels.extend(hook(db, request))
        except Exception:
            log.exception("officials' home: panel %r failed", getattr(hook, "__qualname__", hook))
    if request.digest:
        panels = [panel for panel in panels if panel.items]
    return sorted(panels, key=lambda panel: panel.order)


def _utc(moment: dt.datetime) -> dt.datetime:
    """The database's naive UTC moments and the servers' aware ones, comparable."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def my_instances(request: HomeRequest) -> list[Instance]:
    return [request.territory.instance(key) for key in request.person.instances]


def room_url(request: HomeRequest, room_id: str) -> str:
    return f"{request.settings.get('matrix', 'element_url').rstrip('/')}/#/room/{room_id}"


def document_url(request: HomeRequest, instance: str, path: str) -> str:
    return f"{request.base_url}/espace-elus/documents/{quote(instance)}/{quote(path)}"


def unread_fr(count: int) -> str:
    if not count:
        return "Tout est lu"
    return f"{count} message{'s' if count > 1 else ''} non lu{'s' if count > 1 else ''}"


def home_panels(db: Session, request: HomeRequest) -> list[Panel]:
    """This feature's own panels."""
    return [
        *_rooms_and_announcements(db, request),
        _agenda(request),
        _documents(request),
    ]


# --- rooms ------------------------------------------------------------------------------------
def _rooms_and_announcements(db: Session, request: HomeRequest) -> list[Panel]:
    rooms = [
        (instance, room_id)
        for instance in my_instances(request)
        if (room_id := room_id_of(db, instance.room_key))
    ]
    uid = matrix.user_id(request.person.localpart, request.settings.server_name)
    bot = request.settings.bot_user_id
    try:
        seen = request.services.matrix().rooms_seen_by(uid, [room_id for _i, room_id in rooms])
    except (matrix.MatrixError, httpx.HTTPError) as exc:
        log.warning("rooms of %s not read: %s", uid, exc)
        return [
            Panel("salons", "Mes instances et leurs salons", empty=UNAVAILABLE, order=20),
            Panel("annonces", "Dernières annonces", empty=UNAVAILABLE, order=50),
        ]
    items, announcements = [], []
    for instance, room_id in rooms:
        room = seen.get(room_id)
        unread = room.unread if room else 0
        if request.digest and not unread:
            continue
        detail = unread_fr(unread)
        if room is None:
            detail = "Invitation à accepter dans Element"
        items.append(PanelItem(instance.name, room_url(request, room_id), detail, unread))
        for message in room.messages if room else ():
            if message.sender != bot or message.msgtype != "m.notice" or message.encrypted:
                continue
            if request.since is not None and message.at <= _utc(request.since):
                continue
            announcements.append((message.at, instance, room_id, message.body))
    announcements.sort(key=lambda entry: entry[0], reverse=True)
    tz = request.settings.timezone
    return [
        Panel(
            "salons",
            "Mes instances et leurs salons",
            tuple(items),
            empty="Aucun salon pour vos instances pour l’instant.",
            order=20,
        ),
        Panel(
            "annonces",
            "Dernières annonces",
            tuple(
                PanelItem(
                    body.split("\n", 1)[0][:200],
                    room_url(request, room_id),
                    f"{instance.name}, {date_fr(at.astimezone(tz).date())}",
                )
                for at, instance, room_id, body in announcements[:ANNOUNCEMENTS]
            ),
            empty="Aucune annonce récente dans vos salons.",
            order=50,
        ),
    ]


# --- agenda -----------------------------------------------------------------------------------
def _agenda(request: HomeRequest) -> Panel:
    days = DIGEST_AGENDA_DAYS if request.digest else AGENDA_DAYS
    title = "Mon agenda de la semaine" if request.digest else "Mon agenda des deux semaines"
    start = _utc(request.now)
    end = start + dt.timedelta(days=days)
    calendars = [
        (instance.name, dav_access.group_collection_path(instance.key))
        for instance in my_instances(request)
    ]
    calendars.append(
        ("Agenda personnel", dav_access.personal_calendar_path(request.person.localpart))
    )
    events = []
    try:
        agenda = request.services.agenda()
        for label, path in calendars:
            for event in agenda.upcoming_events(path, start, end):
                if event.status != "CANCELLED":
                    events.append((event, label))
    except (DavError, httpx.HTTPError, OSError) as exc:
        log.warning("agenda of %s not read: %s", request.person.localpart, exc)
        return Panel("agenda", title, empty=UNAVAILABLE, order=30)
    tz = request.settings.timezone

    def moment(event) -> dt.datetime:
        value = event.start
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        return dt.datetime.combine(value, dt.time(), tz)

    events.sort(key=lambda pair: moment(pair[0]))
    items = tuple(
        PanelItem(
            event.summary or "(sans titre)",
            None,
            f"{_when(event, tz)} — {label}" + (f", {event.location}" if event.location else ""),
        )
        for event, label in events
    )
    return Panel("agenda", title, items, empty="Rien à l’agenda.", order=30)


def _when(event, tz) -> str:
    def iso(value) -> str:
        return value.isoformat() if value is not None else None

    return describe_when(iso(event.start), iso(event.end), tz)


# --- documents --------------------------------------------------------------------------------
def recent_documents(request: HomeRequest) -> list[tuple[Instance, Document]] | None:
    """The documents of the person's instances' shares, newest first; None when the file
    server could not be read."""
    found = []
    shares = request.services.shares()
    try:
        for instance in my_instances(request):
            try:
                documents = shares.list_documents(instance.key)
            except FileNotFoundError:
                continue  # a share without a folder yet: nothing in it
            found += [(instance, d) for d in documents if not is_noise(d.path)]
    except SHARE_ERRORS as exc:
        log.warning("shares of %s not read: %s", request.person.localpart, exc)
        return None
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    found.sort(key=lambda pair: pair[1].modified or oldest, reverse=True)
    return found


def _documents(request: HomeRequest) -> Panel:
    found = recent_documents(request)
    title = "Documents récents de mes instances"
    if found is None:
        return Panel("documents", title, empty=UNAVAILABLE, order=40)
    if request.since is not None:
        since = _utc(request.since)
        found = [(i, d) for i, d in found if d.modified and d.modified > since]
        title = "Nouveaux documents de mes instances"
    tz = request.settings.timezone
    items = tuple(
        PanelItem(
            posixpath.basename(document.path),
            document_url(request, instance.key, document.path),
            f"{instance.name}"
            + (
                f", {date_fr(document.modified.astimezone(tz).date())}" if document.modified else ""
            ),
        )
        for instance, document in found[:RECENT_DOCUMENTS]
    )
    return Panel("documents", title, items, empty="Aucun document partagé.", order=40)
