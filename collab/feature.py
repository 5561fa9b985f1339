"""The manifest of a feature: everything one feature package contributes, declared in one
object (`FEATURE = Feature(...)` in the package), read by the runtime from the one list of
features (portal.features.FEATURES).

The runtime holds no feature-specific code: the portal registers each feature's `web`, the
delivery renders with its `templates`, the bots' router runs its `commands`, `reactions` and
`thread_replies` (and hands it the members' read `receipts`), the scheduler asks it to
`schedule` its jobs and watches its `sources`, the demo runs its `demo` loader, `girou
import KIND` its `importers`, the site search its `search`, the officials' home page
(`/espace-elus`) and their weekly digest its `officials_home` panels.
Its tables are its models' modules, imported by the package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from collab.chat import ANYONE, Command, Permission, ReactionHandler, ThreadHandler
from collab.messages import Template


@dataclass(frozen=True)
class PanelItem:
    """One line of a panel: French text, where it leads, a second line (a date, what is
    asked of the person), and a count shown beside it (unread messages)."""

    text: str
    url: str | None = None
    detail: str = ""
    count: int | None = None


@dataclass(frozen=True)
class Panel:
    """A part of an official's home page and of their weekly digest, from one feature."""

    key: str  # stable, e.g. "seances": the page's anchor
    title: str  # French, e.g. "Mes prochaines séances"
    items: tuple[PanelItem, ...] = ()
    empty: str = ""  # French, shown on the page when there are no items
    more_url: str | None = None  # "see all"
    order: int = 50  # lower first; séances 10, rooms 20, agenda 30, documents 40


@dataclass(frozen=True)
class HomeRequest:
    """What a feature's `officials_home` builds its panels for: one person, now (UTC); for
    the weekly digest `since` (UTC) is its last one, and a panel holds only what is new or
    coming (an empty panel is left out; a digest with no item is not sent)."""

    person: Any  # collab.territory.Person
    territory: Any
    settings: Any
    now: dt.datetime
    since: dt.datetime | None = None
    base_url: str = ""  # the portal's public URL, for the links of an e-mail
    services: Any = None  # the officials' space's clients (Matrix, CalDAV, WebDAV), lazy

    @property
    def digest(self) -> bool:
        return self.since is not None


# officials_home(db, request) -> the feature's panels for that person (usually one, or none).
HomePanels = Callable[[Any, HomeRequest], Sequence[Panel]]


class Jobs(Protocol):
    """What a feature's `schedule` gets (bots.scheduler.Jobs): stable ids, stored triggers."""

    settings: Any
    sessions: Any
    officials_home: tuple[HomePanels, ...]  # every feature's, in the order of the features

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
    # officials_home(db, HomeRequest) -> [Panel]: its part of each official's home page
    # (/espace-elus) and weekly digest, e.g. "my next séances and what they ask of me".
    # A module-level function: the digest job stores it by reference.
    officials_home: HomePanels | None = None
