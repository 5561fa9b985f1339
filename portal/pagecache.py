"""Rendered parts of pages kept by each worker while the data they show is unchanged.

A part is stored with the version of its data (e.g. the last import time of the sheets) and
used only while that version is current. The version is one cheap indexed query, asked at
most once per `[portal] page_cache_check_seconds` (default 1 s) by each worker: a change is
on every page within that delay. Parts hold nothing personal (no form, no CSRF token); whole
pages are kept only for visitors without a session (no one logged in, nothing to flash).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request

from collab.config import Settings
from portal.state import state

DEFAULT_SIZE = 256
DEFAULT_CHECK_SECONDS = 1.0


def check_seconds(settings: Settings) -> float:
    return settings.get("portal", "page_cache_check_seconds")


class FragmentCache:
    """A small LRU of (key -> (version, value)) for one worker, and the versions last seen."""

    def __init__(self, size: int = DEFAULT_SIZE, check_seconds: float = DEFAULT_CHECK_SECONDS):
        self.size = size
        self.check_seconds = check_seconds
        self._items: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
        self._versions: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def version(self, name: Any, read: Callable[[], Any]) -> Any:
        """The data's version, read again only when the last reading is older than the delay."""
        now = time.monotonic()
        with self._lock:
            seen = self._versions.get(name)
        if seen is not None and now - seen[0] < self.check_seconds:
            return seen[1]
        value = read()
        with self._lock:
            self._versions[name] = (now, value)
            if len(self._versions) > self.size:
                self._versions.pop(next(iter(self._versions)))
        return value

    def get(self, key: Any, version: Any) -> Any | None:
        with self._lock:
            found = self._items.get(key)
            if found is None or found[0] != version:
                return None
            self._items.move_to_end(key)
            return found[1]

    def put(self, key: Any, version: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def cache_of(app: Flask, name: str) -> FragmentCache:
    """The app's cache named `name` (one per app, so tests never share one)."""
    key = f"girou.cache.{name}"
    cache = app.extensions.get(key)
    if cache is None:
        settings = state(app).settings
        cache = app.extensions.setdefault(key, FragmentCache(check_seconds=check_seconds(settings)))
    return cache


def anonymous_page(name: str, key: Any, read_version: Callable[[], Any], render: Callable[[], str]):
    """A page that is the same for every visitor without a session: rendered once per data
    version for them (`render()`), rendered every time for the others (their header differs)."""
    if not is_anonymous():
        return render()
    cache = cache_of(current_app, name)
    version = cache.version(name, read_version)
    page = cache.get(key, version)
    if page is None:
        page = render()
        cache.put(key, version, page)
    return page


def is_anonymous() -> bool:
    """A request without a session: no one logged in, no message to flash, so the whole page
    (header included) is the same for every such visitor."""
    return current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
