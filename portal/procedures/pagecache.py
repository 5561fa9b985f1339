"""Rendered parts of pages kept by each worker while the data they show is unchanged.

A part is stored with the version of its data (e.g. the last import time of the sheets) and
used only while that version is current, so a change is visible on the next request; the
version is one cheap indexed query. Parts hold nothing personal (no form, no CSRF token).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, current_app, request

DEFAULT_SIZE = 256


class FragmentCache:
    """A small LRU of (key -> (version, value)) for one worker."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

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
    return app.extensions.setdefault(f"girou.cache.{name}", FragmentCache())


def is_anonymous() -> bool:
    """A request without a session: no one logged in, no message to flash, so the whole page
    (header included) is the same for every such visitor."""
    return current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
