"""The manifest of a feature: everything one feature package contributes, declared in one
object (`FEATURE = Feature(...)` in the package), read by the runtime from the one list of
features (portal.features.FEATURES).

The runtime holds no feature-specific code: the portal registers each feature's `web`, the
delivery renders with its `templates`, the bots' router runs its `commands`, `reactions` and
`thread_replies`, the scheduler asks it to `schedule` its jobs and watches its `sources`, the
demo runs its `demo` loader, `girou import KIND` its `importers`, the site search its `search`.
Its tables are its models' modules, imported by the package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from collab.chat import ANYONE, Command, Permission, ReactionHandler, ThreadHandler
from collab.messages import Template


class Jobs(Protocol):
    """What a feature's `schedule` gets (bots.scheduler.Jobs): stable ids, stored triggers."""

    settings: Any
    sessions: Any

    def cron(self, job_id: str, func: Callable, *, args: tuple = (), **trigger: Any) -> Any: ...

    def every(self, job_id: str, seconds: float, func: Callable, **options: Any) -> Any: ...

    def at(self, job_id: str, when: Any, func: Callable, *, args: tuple = ()) -> Any: ...

    def forget(self, job_id: str) -> None: ...

    def on_shutdown(self, callback: Callable[[], None]) -> None: ...


@dataclass(frozen=True)
class Importer:
    """`girou import KIND ...`: `arguments(parser)` declares its arguments, `run(settings, args)`
    imports all or nothing and returns the exit code (0, or 2 with a message on stderr)."""

    help: str
    arguments: Callable[[Any], None]
    run: Callable[[Any, Any], int]


@dataclass(frozen=True)
class Feature:
    """What one feature contributes; every part is optional."""

    name: str = ""
    # init_app(app): registers the feature's blueprints, filters and error handlers.
    web: Callable[[Any], None] | None = None
    # Message templates by outbox kind (collab.messages.Template).
    templates: Mapping[str, Template] = field(default_factory=dict)
    # Chat: commands, and handlers by outbox kind of the reactions to its messages and of the
    # messages in their threads; who may react or answer (anyone else's message is conversation).
    commands: tuple[Command, ...] = ()
    reactions: Mapping[str, ReactionHandler] = field(default_factory=dict)
    thread_replies: Mapping[str, ThreadHandler] = field(default_factory=dict)
    reaction_permission: Permission = ANYONE
    # The reaction keys its handlers answer besides ✅ and ❌ (the router looks no further
    # into any other emoji: conversation).
    reaction_keys: frozenset[str] = frozenset()
    # receipts(db, [collab.matrix.bot.ReadReceipt]): the members' read receipts of one sync,
    # in one transaction (the séances' proof that a convocation was read).
    receipts: Callable[[Any, list], None] | None = None
    # Called once at the bots' start with their Jobs, to add the feature's timed jobs.
    schedule: Callable[[Jobs], None] | None = None
    # make_services(settings, secrets) -> {name: client}: what its handlers share (ctx.services).
    services: Callable[[Any, Any], dict[str, Any]] | None = None
    # Watchers: classes built as Source(settings, secrets, territory) (bridges.sources).
    sources: tuple[type, ...] = ()
    # load_demo(settings, sessions, territory) -> one line saying what it loaded.
    demo: Callable[[Any, Any, Any], str] | None = None
    # `girou import KIND ...`: {kind: Importer}.
    importers: Mapping[str, Importer] = field(default_factory=dict)
    # search_hits(db, query, limit) -> [SearchHit]: its part of the site search.
    search: Callable[[Any, str, int], list] | None = None
    # territory_applied(db, territory) -> a line or None: `girou provision` (and so every
    # `girou up`) brings the feature's own data in line with the territory file, in one
    # transaction (the childcare families' residency when a commune joins or leaves).
    territory_applied: Callable[[Any, Any], str | None] | None = None
