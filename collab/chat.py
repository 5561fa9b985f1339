"""What a chat command, a reaction and a reply in a thread are, for the features that declare
them and the bots' router that runs them (bots.router): the context of one incoming event, who
may act (Permission), the `!valider N` / `!refuser N motif` pair every decision uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.territory import Person, Territory

VALIDATE, REFUSE = "\u2705", "\u274c"  # ✅ ❌
REPLY_KIND = "reply"


class Refusal(Exception):
    """A domain refusal (already validated, unknown number…): its French message is the
    answer, as is; whatever the handler wrote is rolled back."""


class UsageError(Refusal):
    """Bad arguments: the French message is sent back with the command's usage line."""


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
    thread_root: str | None = None  # written in a thread: replies go to the same thread

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
    def sender_name(self) -> str:
        """Who acted, as replies and records name them: their name, else their Matrix id."""
        person = self.person
        return person.name if person is not None else self.sender

    @property
    def instance_key(self) -> str | None:
        """The instance whose room this is (`instance:urbanisme` -> `urbanisme`)."""
        if self.room_key is None:
            return None
        return self.room_key.removeprefix("instance:")

    def reply(self, text: str, html: str | None = None, *, mention_sender: bool = False) -> None:
        """Answer in the same room (and thread), through the outbox, in the same transaction."""
        payload = {
            "text": text,
            "html": html,
            "in_reply_to": self.event_id,
            "mentions": [self.sender] if mention_sender else [],
        }
        if self.thread_root:
            payload["thread_root"] = self.thread_root
        outbox.enqueue(
            self.db,
            kind=REPLY_KIND,
            room_key=self.room_key or self.room_id,
            payload=payload,
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
    # Room keys where the command applies (empty: everywhere). Two features may register the
    # same name for different rooms: !valider N means a directory entry in `moderation` and a
    # registration in `secretariat`.
    rooms: frozenset[str] = frozenset()

    def applies_in(self, room_key: str | None) -> bool:
        return not self.rooms or room_key in self.rooms


# A reaction (✅ / ❌) on a message the bot sent: handler(ctx, message, key).
ReactionHandler = Callable[[Context, "outbox.OutboxMessage", str], None]
# A plain message in the thread of a message the bot sent (or replying to it):
# handler(ctx, message, text).
ThreadHandler = Callable[[Context, "outbox.OutboxMessage", str], None]


def parse_number(text: str, noun: str) -> int:
    """`12`, `n°12` or `#12`; `noun` names what it numbers in the French error."""
    digits = text.removeprefix("n°").removeprefix("#").strip()
    if not (digits.isascii() and digits.isdigit()) or not 0 < int(digits) < 2**31:
        raise UsageError(f"« {text} » n’est pas un numéro de {noun}.")
    return int(digits)


def decision_commands(
    noun: str,
    validate: Callable[[Context, int], None],
    refuse: Callable[[Context, int, str], None],
    *,
    summaries: tuple[str, str],
    permission: Permission,
    rooms: frozenset[str],
) -> tuple[Command, ...]:
    """`!valider N` running `validate(ctx, N)` and `!refuser N motif` running
    `refuse(ctx, N, motif)`; `noun` (feminine: "demande", "proposition") is what N numbers."""

    def validate_command(ctx: Context, args: list[str]) -> None:
        if len(args) != 1:
            raise UsageError(f"Indiquez le numéro de la {noun}.")
        validate(ctx, parse_number(args[0], noun))

    def refuse_command(ctx: Context, args: list[str]) -> None:
        reason = " ".join(args[1:]).strip()
        if not reason:
            raise UsageError(f"Indiquez le numéro de la {noun} et le motif du refus.")
        refuse(ctx, parse_number(args[0], noun), reason)

    validate_summary, refuse_summary = summaries
    return tuple(
        Command(
            name=name,
            usage=usage,
            summary=summary,
            handler=handler,
            permission=permission,
            rooms=rooms,
        )
        for name, usage, summary, handler in (
            ("valider", "!valider N", validate_summary, validate_command),
            ("refuser", "!refuser N motif", refuse_summary, refuse_command),
        )
    )
