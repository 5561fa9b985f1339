"""What the portal holds for its life: built once by `create_app`, read through `state()`."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.credentials import Secrets
from collab.identity import MatrixIdentity
from collab.territory import Territory
from collab.webdav import DavShares, bot_shares

# A resident waits for the page, not for a stuck file server (publications, family documents).
SHARES_TIMEOUT = 15


@dataclass
class PortalState:
    """The settings, territory, database sessions, login checks and secrets of one portal."""

    settings: Settings
    territory: Territory
    sessions: sessionmaker[Session]
    identity: MatrixIdentity
    secrets: Secrets
    # Every feature's officials_home (collab.feature), in the order of the features.
    officials_home: tuple = ()
    _shares: DavShares | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def timezone(self) -> ZoneInfo:
        return self.settings.timezone

    def shares(self) -> DavShares:
        """The bot account's WebDAV session: one per process, opened at first use (after
        gunicorn forks its workers, so that no connection is shared across processes)."""
        with self._lock:
            if self._shares is None:
                self._shares = bot_shares(self.settings, self.secrets, timeout=SHARES_TIMEOUT)
            return self._shares

    def close(self) -> None:
        with self._lock:
            if self._shares is not None:
                self._shares.close()
                self._shares = None


def attach(app: Flask, portal: PortalState) -> None:
    app.extensions["girou"] = portal


def state(app: Flask | None = None) -> PortalState:
    """The state of `app`, or of the application handling the current request."""
    return (app or current_app).extensions["girou"]
