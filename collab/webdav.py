"""The one module that talks WebDAV as a client (webdav4): list, upload, fetch share documents."""

from __future__ import annotations

import io
import posixpath
from datetime import datetime
from typing import NamedTuple
from urllib.parse import quote

import httpx
from webdav4.client import Client, ClientError, ResourceNotFound
from webdav4.http import Client as HTTPClient
from webdav4.multistatus import MultiStatusResponseError

from collab import credentials
from collab.config import Settings
from collab.credentials import Secrets

# What can go wrong when a share is down, misconfigured or not provisioned yet.
SHARE_ERRORS = (ClientError, MultiStatusResponseError, httpx.HTTPError, OSError, KeyError)


# The share of the council's published acts (read by the portal's /publications).
PUBLICATIONS = "publications"
# Lock and metadata files that office suites and file managers leave in a mounted share.
NOISE_PREFIXES = (".", "~$")
NOISE_NAMES = frozenset({"thumbs.db", "desktop.ini"})


def document_url(settings: Settings, share: str, path: str) -> str:
    return f"{settings.public_url('webdav')}/{quote(f'{share}/{path}')}"


def is_noise(path: str) -> bool:
    name = posixpath.basename(path)
    return name.startswith(NOISE_PREFIXES) or name.lower() in NOISE_NAMES


class Document(NamedTuple):
    path: str  # inside the share, e.g. "plu/reglement.pdf"
    size: int
    modified: datetime | None
    etag: str


class DavShares:
    """The WebDAV shares as one account (the bot for watchers, or a person)."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        http: HTTPClient | None = None,
        timeout: float = 30,
    ) -> None:
        self.client = Client(
            base_url.rstrip("/") + "/",
            auth=(username, password),
            http_client=http,
            timeout=timeout,
        )

    def close(self) -> None:
        self.client.http.close()

    def __enter__(self) -> DavShares:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def list_documents(self, share: str) -> list[Document]:
        """Every file of the share, sub-folders included, sorted by path; FileNotFoundError
        when the share has no folder (not provisioned yet)."""
        documents: list[Document] = []
        folders = [share.strip("/")]
        while folders:
            folder = folders.pop()
            try:
                entries = self.client.ls(folder + "/", detail=True)
            except ResourceNotFound as exc:
                raise FileNotFoundError(folder) from exc
            for entry in entries:
                if entry["type"] == "directory":
                    folders.append(entry["name"].strip("/"))
                    continue
                documents.append(
                    Document(
                        path=entry["name"].removeprefix(share.strip("/") + "/"),
                        size=entry.get("content_length") or 0,
                        modified=entry.get("modified"),
                        etag=(entry.get("etag") or "").strip('"'),
                    )
                )
        return sorted(documents, key=lambda d: d.path)

    def upload(self, share: str, name: str, data: bytes) -> None:
        """Write (or replace) the document `name` of the share."""
        self.client.upload_fileobj(io.BytesIO(data), f"{share.strip('/')}/{name}", overwrite=True)

    def ensure_folder(self, share: str, path: str) -> None:
        """Create the folder `path` of the share (and its missing parents) unless it exists."""
        parts = [part for part in path.strip("/").split("/") if part]
        for depth in range(1, len(parts) + 1):
            folder = f"{share.strip('/')}/{'/'.join(parts[:depth])}"
            if not self.client.exists(folder):
                self.client.mkdir(folder)

    def download(self, share: str, path: str) -> bytes:
        """The document's bytes; FileNotFoundError when the share has no such document."""
        buffer = io.BytesIO()
        try:
            self.client.download_fileobj(f"{share.strip('/')}/{path}", buffer)
        except ResourceNotFound as exc:
            raise FileNotFoundError(f"{share}/{path}") from exc
        return buffer.getvalue()


def bot_shares(
    settings: Settings, secrets: Secrets | None = None, *, timeout: float = 30
) -> DavShares:
    """The WebDAV session of the bot (service) account, which may read every share."""
    password = (secrets or credentials.load_secrets(settings.home)).bot_password
    return DavShares(
        settings.url("webdav"),
        settings.get("matrix", "bot_localpart"),
        password,
        timeout=timeout,
    )
