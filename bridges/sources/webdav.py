"""New and changed documents of the WebDAV shares, announced with a link in the right room."""

from __future__ import annotations

import logging
import posixpath
from typing import Any

from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.credentials import Secrets
from collab.sources import BaseSource, raise_if_unavailable, read_state, source_id, write_state
from collab.territory import Instance, Territory
from collab.webdav import PUBLICATIONS, DavShares, Document, bot_shares, document_url, is_noise

log = logging.getLogger(__name__)

CREATED, CHANGED = "docs.created", "docs.changed"


# Published for every official (written by staff): announced in the council's room.
def watched_shares(territory: Territory) -> list[tuple[str, Instance]]:
    """Each share with the instance in whose room its documents are announced."""
    shares = [(instance.key, instance) for instance in territory.instances]
    council = next((i for i in territory.instances if i.kind == "conseil"), None)
    if council is not None:
        shares.append((PUBLICATIONS, council))
    return shares


def document_payload(
    settings: Settings, share: str, instance: Instance, document: Document
) -> dict[str, Any]:
    return {
        "share": share,
        "instance": instance.key,
        "instance_name": instance.name,
        "path": document.path,
        "name": posixpath.basename(document.path),
        "url": document_url(settings, share, document.path),
        "size": document.size,
        "modified": document.modified.isoformat() if document.modified else None,
        "etag": document.etag,
    }


def _version(document: Document) -> str:
    # Every WsgiDAV file has an ETag; a server without them still gives a date and a size.
    return document.etag or f"{document.modified}/{document.size}"


class Source(BaseSource):
    """PROPFIND with ETags on each share, compared with the remembered {path: etag} map."""

    name = "webdav"

    def __init__(self, settings: Settings, secrets: Secrets, territory: Territory) -> None:
        super().__init__(settings, secrets, territory)
        self.interval_seconds = settings.get("bridges", "watch_interval")
        self._shares: DavShares | None = None

    @property
    def shares(self) -> DavShares:
        if self._shares is None:
            self._shares = bot_shares(self.settings, self.secrets)
        return self._shares

    def close(self) -> None:
        if self._shares is not None:
            self._shares.close()
            self._shares = None

    def poll(self, db: Session) -> int:
        written = 0
        for share, instance in watched_shares(self.territory):
            try:
                documents = self.shares.list_documents(share)
            except Exception as exc:
                raise_if_unavailable(exc, f"WebDAV, share {share}")
                # One share out of reach must not hold back the others; it is compared with
                # the same remembered map at the next poll that reaches it.
                log.warning("cannot list the share %s: %r", share, exc)
                continue
            written += self._apply(db, share, instance, documents)
        return written

    def _apply(self, db: Session, share: str, instance: Instance, documents: list[Document]) -> int:
        key = self.state_key(share)
        known: dict[str, str] | None = read_state(db, key)
        current = {d.path: _version(d) for d in documents}
        if known == current:
            return 0
        written = 0
        if known is not None:  # None: first look at this share, remembered silently
            for document in documents:
                previous = known.get(document.path)
                if previous == current[document.path] or is_noise(document.path):
                    continue
                # Deleted documents are not announced: a move would read as two messages,
                # and the link of a deleted one leads nowhere.
                kind = CREATED if previous is None else CHANGED
                if outbox.enqueue(
                    db,
                    kind=kind,
                    room_key=instance.room_key,
                    payload=document_payload(self.settings, share, instance, document),
                    source_id=source_id("webdav", share, current[document.path], document.path),
                ):
                    written += 1
        write_state(db, key, current)
        return written
