"""Commands and reactions: what a feature registers, and who may run it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bridges import outbox
from collab.config import Settings
from collab.territory import Person, Territory

REPLY_KIND = "reply"


class UsageError(Exception):
    """Bad arguments: the French message is sent back to the sender, nothing else happens."""


@dataclass
class Context:
    """One incoming event, processed inside `db`'s transaction (its effect and its record)."""

    db: Session
    settings: Settings
    territory: Territory
    room_id: str
    room_key: str | None  # the provisioned room it came from (None: a room we do not manage)
    sender: str  # Matrix user id
    event_id: str
    power_level: int = 0
    services: dict[str, Any] = field(default_factory=dict)  # e.g. DAV clients, set by the runner

    @property
    def person(self) -> Person | None:
        local, _, server = self.sender[1:].partition(":")
        if server != self.settings.server_name:
            return None
        try:
            return self.territory.person(local)
        except KeyError:
            return None

    @property
    def instance_key(self) -> str | None:
        """The instance whose room this is (`instance:urbanisme` -> `urbanisme`)."""
        if self.room_key is None:
            return None
        return self.room_key.removeprefix("instance:")

    def reply(self, text: str, html: str | None = None, *, mention_sender: bool = False) -> None:
        """Answer in the same room, through the outbox, in the same transaction."""
        outbox.enqueue(
            self.db,
            kind=REPLY_KIND,
            room_key=self.room_key or self.room_id,
            payload={
                "text": text,
                "html": html,
                "in_reply_to": self.event_id,
                "mentions": [self.sender] if mention_sender else [],
            },
            source_id=f"reply:{self.event_id}",
        )


@dataclass(frozen=True)
class Permission:
    """Who may run a handler: any of a minimum room power level, a role, an instance."""

    min_power: int | None = None
    roles: frozenset[str] = frozenset()
    instances: frozenset[str] = frozenset()
    description: str = "tout le monde"

    def allows(self, ctx: Context) -> bool:
        if self.min_power is None and not self.roles and not self.instances:
            return True
        if self.min_power is not None and ctx.power_level >= self.min_power:
            return True
        person = ctx.person
        if person is None:
            return False
        return person.role in self.roles or bool(self.instances & set(person.instances))


ANYONE = Permission()


@dataclass(frozen=True)
class Command:
    """`!name args`: parsed by the router, run by `handler(ctx, args)` if `permission` allows."""

    name: str
    usage: str  # French, e.g. "!valider N"
    summary: str  # French, one line, for !aide
    handler: Callable[[Context, list[str]], None]
    permission: Permission = ANYONE


# A reaction (✅ / ❌) on a message the bot sent: handler(ctx, message, key).
ReactionHandler = Callable[[Context, "outbox.OutboxMessage", str], None]


@dataclass(frozen=True)
class Feature:
    """What a feature module contributes: commands, and reaction handlers by outbox kind."""

    commands: tuple[Command, ...] = ()
    reactions: dict[str, ReactionHandler] = field(default_factory=dict)
    reaction_permission: Permission = ANYONE
