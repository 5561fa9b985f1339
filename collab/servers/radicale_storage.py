"""Radicale storage plugin: the group collections listed in a person's home, and only there."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from contextlib import AbstractContextManager

from radicale import pathutils, types
from radicale.storage import multifilesystem

ChildContext = Callable[[str, str | None], AbstractContextManager[None]]


class Storage(multifilesystem.Storage):
    """multifilesystem, listing the group collections (/GROUPS/<group in base64>/) of the person
    only in the Depth 1 listing of a home (/<user>/, the calendar-home-set and the
    addressbook-home-set of its principal).

    Radicale adds them to the Depth 1 listing of every collection. At / that made the root look
    like a calendar home: vdirsyncer, which tries the URL it is given before the principal's
    home, took it for one and never saw the personal agenda in /<user>/; and in a calendar's
    own listing they showed up among its events. There is still one copy of each group
    collection, and the rights file decides who reads and writes it.
    """

    def discover(
        self,
        path: str,
        depth: str = "0",
        child_context_manager: ChildContext | None = None,
        user_groups: Set[str] = frozenset(),
    ) -> Iterable[types.CollectionOrItem]:
        segments = pathutils.strip_path(path).split("/")
        is_home = len(segments) == 1 and segments[0] not in ("", self._group_collections_folder)
        return super().discover(
            path, depth, child_context_manager, user_groups if is_home else set()
        )
