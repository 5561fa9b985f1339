"""!agenda and !docs: the next events and the latest documents of the room's instance."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from bridges.sources.caldav import bot_agenda, iso
from bridges.sources.webdav import watched_shares
from collab.caldav import DavAgenda
from collab.chat import Command, Context
from collab.config import Settings
from collab.credentials import Secrets, load_secrets
from collab.dav_access import group_collection_path
from collab.feature import Feature
from collab.french import day_fr, describe_when, time_fr
from collab.messages import escape
from collab.territory import Instance
from collab.webdav import DavShares, bot_shares, document_url, is_noise

log = logging.getLogger(__name__)

AGENDA_DAYS = 60
AGENDA_COUNT = 5
DOCS_COUNT = 5
NOT_AN_INSTANCE = (
    "Cette commande s'utilise dans le salon d'une instance (conseil, bureau, commission ou "
    "service) : ce salon n'a ni agenda ni partage de documents."
)
UNAVAILABLE = "{what} est momentanément indisponible ; réessayez dans quelques minutes."


def make_services(settings: Settings, secrets: Secrets) -> dict[str, Any]:
    """The DAV clients these commands use, as the runner puts them in `Context.services`."""
    return {"agenda": bot_agenda(settings, secrets), "shares": bot_shares(settings, secrets)}


def room_instance(ctx: Context) -> Instance | None:
    for instance in ctx.territory.instances:
        if instance.room_key == ctx.room_key:
            return instance
    return None


@contextmanager
def _client(
    ctx: Context, name: str, build: Callable[[Settings, Secrets], DavAgenda | DavShares]
) -> Iterator[Any]:
    """The runner's client `name`, or else one of the bot's own for this command only."""
    given = ctx.services.get(name)
    if given is not None:
        yield given
        return
    client = build(ctx.settings, load_secrets(ctx.settings.home))
    try:
        yield client
    finally:
        client.close()


def show_agenda(ctx: Context, args: list[str]) -> None:
    """The next events of the room's instance (the next 5 within 60 days)."""
    instance = room_instance(ctx)
    if instance is None:
        ctx.reply(NOT_AN_INSTANCE)
        return
    tz = ctx.settings.timezone
    now = datetime.now(UTC)
    try:
        with _client(ctx, "agenda", bot_agenda) as agenda:
            events = agenda.upcoming_events(
                group_collection_path(instance.key), now, now + timedelta(days=AGENDA_DAYS)
            )
    except Exception:
        log.exception("!agenda: cannot read the calendar of %s", instance.key)
        ctx.reply(UNAVAILABLE.format(what="L'agenda"))
        return
    events = [event for event in events if event.status != "CANCELLED"][:AGENDA_COUNT]
    if not events:
        ctx.reply(f"Aucun événement prévu dans les {AGENDA_DAYS} prochains jours.")
        return
    title = f"Prochains événements — {instance.name}"
    lines, items = [], []
    for event in events:
        when = describe_when(iso(event.start, tz), iso(event.end, tz), tz)
        what = event.summary or "(sans titre)"
        where = f" — {event.location}" if event.location else ""
        lines.append(f"• {when[0].upper()}{when[1:]} : {what}{where}")
        items.append(
            f"<li>{escape(when[0].upper() + when[1:])} : <b>{escape(what)}</b>{escape(where)}</li>"
        )
    ctx.reply("\n".join([title, *lines]), f"<p>{escape(title)}</p><ul>{''.join(items)}</ul>")


def show_documents(ctx: Context, args: list[str]) -> None:
    """The latest documents of the room's instance share (5, the most recently modified first)."""
    instance = room_instance(ctx)
    if instance is None:
        ctx.reply(NOT_AN_INSTANCE)
        return
    shares = [share for share, owner in watched_shares(ctx.territory) if owner == instance]
    found = []
    try:
        with _client(ctx, "shares", bot_shares) as client:
            for share in shares:
                found += [(share, document) for document in client.list_documents(share)]
    except Exception:
        log.exception("!docs: cannot list the shares of %s", instance.key)
        ctx.reply(UNAVAILABLE.format(what="Le partage de documents"))
        return
    found = [(share, document) for share, document in found if not is_noise(document.path)]
    oldest = datetime.min.replace(tzinfo=UTC)
    found.sort(key=lambda item: item[1].modified or oldest, reverse=True)
    if not found:
        ctx.reply(f"Aucun document dans le partage {', '.join(f'/{s}/' for s in shares)}.")
        return
    tz = ctx.settings.timezone
    title = f"Derniers documents — {instance.name}"
    lines, items = [], []
    for share, document in found[:DOCS_COUNT]:
        url = document_url(ctx.settings, share, document.path)
        when = ""
        if document.modified:
            local = document.modified.astimezone(tz)
            when = f" — modifié le {day_fr(local.date())} à {time_fr(local)}"
        lines.append(f"• {document.path}{when}\n  {url}")
        items.append(f'<li><a href="{escape(url)}">{escape(document.path)}</a>{escape(when)}</li>')
    ctx.reply("\n".join([title, *lines]), f"<p>{escape(title)}</p><ul>{''.join(items)}</ul>")


FEATURE = Feature(
    commands=(
        Command(
            name="agenda",
            usage="!agenda",
            summary="Les prochains événements de l'agenda de cette instance",
            handler=show_agenda,
        ),
        Command(
            name="docs",
            usage="!docs",
            summary="Les derniers documents du partage de cette instance",
            handler=show_documents,
        ),
    ),
    services=make_services,
)
