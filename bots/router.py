"""Commands, reactions and thread replies: what a feature registers, who may run it, and the
router."""

from __future__ import annotations

import logging
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bots.models import claim_event
from collab import outbox
from collab.chat import (
    ANYONE,
    REFUSE,
    VALIDATE,
    Command,
    Context,
    Permission,
    ReactionHandler,
    Refusal,
    ThreadHandler,
    UsageError,
)
from collab.config import Settings
from collab.feature import Feature
from collab.models import room_key_of
from collab.territory import Territory

# --- The router -------------------------------------------------------------------------------
REACTION_KEYS = frozenset({VALIDATE, REFUSE})
# Clients send ✅ with or without the emoji variation selector; both mean the same.
VARIATION_SELECTOR = "\ufe0f"
COMMAND_RE = re.compile(r"!([^\s!]\S*)(?:\s+(.*))?\Z", re.DOTALL)
FAILURE = (
    "Désolé, une erreur est survenue en traitant votre demande ; rien n’a été modifié. "
    "L’équipe technique en est informée."
)

log = logging.getLogger("girou.bots.router")


@dataclass(frozen=True)
class Incoming:
    """A command, a reaction or a plain message in a thread (or replying to an event), as the
    sync loop hands it to the router."""

    room_id: str
    event_id: str
    sender: str
    power_level: int = 0
    body: str | None = None  # a command: "!name args…"
    reacts_to: str | None = None  # a reaction: the event reacted to, and its key
    key: str = ""
    text: str | None = None  # a plain message, in a thread or replying to an event
    thread_root: str | None = None  # a command or a message: the thread it was written in
    reply_to: str | None = None  # a message: the event it replies to

    @property
    def about(self) -> str | None:
        """The event a plain message answers: its thread's root, else the event replied to."""
        return self.thread_root or self.reply_to


def normalise_key(key: str) -> str:
    return key.replace(VARIATION_SELECTOR, "").strip()


def is_command(body: str) -> bool:
    return COMMAND_RE.match(body.strip()) is not None


def split_arguments(text: str) -> list[str]:
    """Words of a command line; "double quotes" group words, apostrophes are plain text.

    Not plain `shlex.split`: French is full of apostrophes (« !docs l'urbanisme »).
    """
    lexer = shlex.shlex(text.replace("“", '"').replace("”", '"'), posix=True)
    lexer.whitespace_split = True
    lexer.quotes = '"'
    lexer.escape = ""
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError as exc:
        raise UsageError("Guillemet non fermé.") from exc


def describe(permission: Permission) -> str:
    """Who may: the permission's own French description, or one made from its rules."""
    if permission.description != ANYONE.description:
        return permission.description
    parts = []
    if permission.min_power is not None:
        parts.append(f"aux membres de niveau {permission.min_power} ou plus dans ce salon")
    if permission.roles:
        parts.append("aux rôles " + ", ".join(sorted(permission.roles)))
    if permission.instances:
        parts.append("aux membres des instances " + ", ".join(sorted(permission.instances)))
    return " ou ".join(parts) or ANYONE.description


class Router:
    """Dispatches commands, reactions and thread replies to the features' handlers, each event
    exactly once."""

    def __init__(
        self,
        features: Sequence[Feature],
        *,
        settings: Settings,
        territory: Territory,
        services: dict[str, Any] | None = None,
    ) -> None:
        self.features = tuple(features)
        self.settings = settings
        self.territory = territory
        self.services = {**(services or {}), "router": self}
        self.commands: dict[str, list[Command]] = {}
        self.reactions: dict[str, tuple[ReactionHandler, Permission]] = {}
        self.thread_replies: dict[str, tuple[ThreadHandler, Permission]] = {}
        self.reaction_keys = REACTION_KEYS.union(*(f.reaction_keys for f in self.features))
        for feature in self.features:
            for command in feature.commands:
                same_name = self.commands.setdefault(command.name, [])
                for other in same_name:
                    if not other.rooms or not command.rooms or other.rooms & command.rooms:
                        raise ValueError(f"command !{command.name} registered twice for a room")
                same_name.append(command)
            for table, handlers, what in (
                (self.reactions, feature.reactions, "reaction"),
                (self.thread_replies, feature.thread_replies, "thread reply"),
            ):
                for kind, handler in handlers.items():
                    if kind in table:
                        raise ValueError(f"{what} handler for kind {kind!r} registered twice")
                    table[kind] = (handler, feature.reaction_permission)

    def read_receipts(self, sessions: sessionmaker, receipts: list) -> None:
        """Give the members' read receipts of one sync to the features that follow them, each
        in its transaction (a receipt said again is harmless: it only moves forward)."""
        for feature in self.features:
            if feature.receipts is None:
                continue
            try:
                with sessions.begin() as db:
                    feature.receipts(db, receipts)
            except Exception:
                log.exception("read receipts: %s failed", feature.name or "a feature")

    # --- what !aide shows ----------------------------------------------------------------------
    def command(self, name: str, room_key: str | None) -> Command | None:
        """The command `!name` means in this room (a room-specific one before a general one)."""
        candidates = [c for c in self.commands.get(name, []) if c.applies_in(room_key)]
        return min(candidates, key=lambda c: not c.rooms, default=None)

    def available_in(self, room_key: str | None) -> list[Command]:
        """Every command usable in this room, by name."""
        return [c for name in sorted(self.commands) if (c := self.command(name, room_key))]

    def commands_for(self, ctx: Context) -> list[Command]:
        """The commands `ctx.sender` may run here, by name."""
        return [c for c in self.available_in(ctx.room_key) if c.permission.allows(ctx)]

    # --- exactly once --------------------------------------------------------------------------
    def dispatch(self, sessions: sessionmaker[Session], incoming: Incoming) -> bool:
        """Handle one event in one transaction together with its record; False if not handled.

        False means: already processed (its record exists), or a reaction or a thread message
        that no handler wants. That one is not recorded at all: conversation costs nothing.
        Blocking (database, handler): the sync loop runs it in a worker thread.
        """
        if not self._may_concern_us(incoming):
            return False
        with sessions.begin() as db:
            ctx = self._context(db, incoming)
            # Looked up before the claim (the transaction's first write): an event no handler
            # wants writes nothing.
            run = self._handler(ctx, incoming)
            if run is None or not claim_event(db, incoming.event_id, incoming.room_id):
                return False
            try:
                # A savepoint: a refused or failed handler leaves no half-done effect,
                # while its answer and the record of the event are still committed.
                with db.begin_nested():
                    run()
            except Refusal as exc:
                ctx.reply(str(exc))
            except OperationalError:
                raise  # the database itself failed: nothing is recorded, retried later
            except Exception:
                log.exception("handler failed on event %s", incoming.event_id)
                ctx.reply(FAILURE, mention_sender=True)
        return True

    def _may_concern_us(self, incoming: Incoming) -> bool:
        """What can be told without the database: a ✅ / ❌, a thread some handler may follow."""
        if incoming.body is not None:
            return True
        if incoming.text is not None:
            return bool(self.thread_replies) and incoming.about is not None
        return incoming.reacts_to is not None and normalise_key(incoming.key) in self.reaction_keys

    def _context(self, db: Session, incoming: Incoming) -> Context:
        room_key = room_key_of(db, incoming.room_id)
        return Context(
            db=db,
            settings=self.settings,
            territory=self.territory,
            room_id=incoming.room_id,
            room_key=room_key,
            sender=incoming.sender,
            event_id=incoming.event_id,
            power_level=incoming.power_level,
            services=self.services,
            thread_root=incoming.thread_root,
        )

    def _handler(self, ctx: Context, incoming: Incoming) -> Callable[[], None] | None:
        """What the event runs, or None when it concerns no handler."""
        if incoming.body is not None:
            return partial(self._run_command, ctx, incoming.body)
        if incoming.text is not None:
            found = _about(ctx, incoming.about, self.thread_replies)
            if found is None:
                return None
            message, handler, permission = found
            if not permission.allows(ctx):
                return None  # conversation among members, not an answer to the bot
            return partial(handler, ctx, message, incoming.text)
        found = _about(ctx, incoming.reacts_to, self.reactions)
        if found is None:
            return None
        return partial(self._run_reaction, ctx, *found, normalise_key(incoming.key))

    def _run_command(self, ctx: Context, body: str) -> None:
        match = COMMAND_RE.match(body.strip())
        if match is None:
            raise UsageError("Commande illisible — tapez !aide")
        name = match.group(1).lower()
        command = self.command(name, ctx.room_key)
        if command is None and name in self.commands:
            raise UsageError(f"La commande !{name} ne s’utilise pas dans ce salon — tapez !aide")
        if command is None:
            raise UsageError(f"Commande inconnue : !{name} — tapez !aide")
        if not command.permission.allows(ctx):
            ctx.reply(f"Désolé, cette commande est réservée {_to(describe(command.permission))}.")
            return
        try:
            args = split_arguments(match.group(2) or "")
            command.handler(ctx, args)
        except UsageError as exc:
            message = str(exc).strip() or "Arguments incorrects."
            raise UsageError(f"{message}\nUsage : {command.usage}") from exc

    @staticmethod
    def _run_reaction(
        ctx: Context,
        message: outbox.OutboxMessage,
        handler: ReactionHandler,
        permission: Permission,
        key: str,
    ) -> None:
        if not permission.allows(ctx):
            ctx.reply(
                f"Désolé, cette action est réservée {_to(describe(permission))}.",
                mention_sender=True,
            )
            return
        handler(ctx, message, key)


def _about(
    ctx: Context, event_id: str | None, handlers: dict[str, tuple[Any, Permission]]
) -> tuple[outbox.OutboxMessage, Any, Permission] | None:
    """The bot's message `event_id` and its kind's handler and permission, if it has one."""
    message = outbox.find_by_event(ctx.db, event_id) if event_id else None
    if message is None or message.kind not in handlers:
        return None
    return (message, *handlers[message.kind])


def _to(who: str) -> str:
    """« réservée aux modérateurs » and « réservée à tout le monde »: keep the description's own
    preposition when it has one."""
    return who if who.startswith(("à ", "aux ", "au ")) else f"à {who}"
