"""The clients the officials' home page and digest use, opened at first use and closed after:
the service account's Matrix admin session (what each person sees of their rooms), CalDAV
(the agendas) and WebDAV (the instances' shares)."""

from __future__ import annotations

from collab.caldav import DavAgenda
from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix.admin import AdminSession, service_token_path
from collab.webdav import DavShares, bot_shares

TIMEOUT = 15  # a person waits for the page, not for a stuck server


class HomeServices:
    def __init__(self, settings: Settings, secrets: Secrets) -> None:
        self.settings = settings
        self.secrets = secrets
        self._matrix: AdminSession | None = None
        self._agenda: DavAgenda | None = None
        self._shares: DavShares | None = None

    def matrix(self) -> AdminSession:
        if self._matrix is None:
            self._matrix = AdminSession.resume(
                self.settings.url("matrix"),
                self.settings.get("matrix", "bot_localpart"),
                self.secrets.bot_password,
                self.settings.server_name,
                service_token_path(self.settings.home),
            )
            self._matrix.http.timeout = TIMEOUT
        return self._matrix

    def agenda(self) -> DavAgenda:
        if self._agenda is None:
            self._agenda = DavAgenda(
                self.settings.url("caldav"),
                self.settings.get("matrix", "bot_localpart"),
                self.secrets.bot_password,
                timeout=TIMEOUT,
            )
        return self._agenda

    def shares(self) -> DavShares:
        if self._shares is None:
            self._shares = bot_shares(self.settings, self.secrets, timeout=TIMEOUT)
        return self._shares

    def close(self) -> None:
        for client in (self._matrix, self._agenda, self._shares):
            if client is not None:
                client.close()
        self._matrix = self._agenda = self._shares = None

    def __enter__(self) -> HomeServices:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
