"""New versions of the GIS layers, announced in the urbanism room with a link to the map.

An import writes its announcement itself, in the transaction that creates the version
(`announce`). The watcher is the safety net of that rule: a version that another tool wrote
without an announcement (a loader writing straight into the database of a national PostGIS
deployment, say) is announced at the next poll. The source id makes announcing twice harmless.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from collab import outbox
from collab.config import Settings
from collab.credentials import Secrets
from collab.sources import BaseSource, read_state, source_id, write_state
from collab.territory import Territory
from portal.gis.layers import LAYERS
from portal.gis.models import LayerVersion, commune_names

log = logging.getLogger(__name__)

KIND = "gis.version"


def version_url(settings: Settings, version_id: int) -> str:
    return f"{settings.public_url('portal')}/carte?version={version_id}"


def _document_name(idurba: str, names: dict[str, str], territory: Territory | None) -> str:
    """ "PLU de Garidech" from 31212_PLU_20260301; "PLUi de <EPCI>" from a SIREN."""
    code, _, rest = idurba.partition("_")
    kind = rest.split("_", 1)[0] or "Document d'urbanisme"
    if territory is not None and code == territory.siren:
        place = territory.short_name
    else:
        place = names.get(code, code)
    return f"{kind} de {place}"


def version_payload(
    db: Session, version: Any, settings: Settings, territory: Territory | None
) -> dict[str, Any]:
    layer = LAYERS[version.layer]
    names = commune_names(db, territory)
    manifest, diff = version.manifest, version.diff
    partitions = [p.removeprefix("DU_") for p in manifest.get("partitions", [])]
    return {
        "layer": layer.name,
        "layer_title": layer.title,
        "item_words": list(layer.item_words),
        "version_id": version.id,
        "number": version.number,
        "idurba": manifest.get("idurba", []),
        "documents": [
            _document_name(idurba, names, territory) for idurba in manifest.get("idurba", [])
        ],
        "communes": [names.get(code, code) for code in partitions],
        "added": diff.get("added", 0),
        "removed": diff.get("removed", 0),
        "changed": diff.get("changed", 0),
        "parcels_changing_zone": diff.get("parcels_changing_zone", 0),
        "zone_transitions": diff.get("zone_transitions", {}),
        "by": version.imported_by,
        "demo": bool(version.demo),
        "url": version_url(settings, version.id),
    }


def announce(
    db: Session,
    version: Any,
    *,
    settings: Settings,
    territory: Territory | None = None,
) -> bool:
    """Write the announcement of `version` in the caller's transaction (False: already there)."""

    return outbox.enqueue(
        db,
        kind=KIND,
        room_key=settings.get("gis", "room"),
        payload=version_payload(db, version, settings, territory),
        source_id=source_id("gis", "version", version.id),
    )


class Source(BaseSource):
    """Announces the versions that were written without their announcement (normally none)."""

    name = "gis"

    def __init__(self, settings: Settings, secrets: Secrets, territory: Territory) -> None:
        super().__init__(settings, secrets, territory)
        self.interval_seconds = settings.get("bridges", "watch_interval")

    def poll(self, db: Session) -> int:
        key = self.state_key("last_version")
        last = read_state(db, key) or 0
        versions = db.scalars(
            select(LayerVersion).where(LayerVersion.id > last).order_by(LayerVersion.id)
        ).all()
        written = 0
        for version in versions:
            if announce(db, version, settings=self.settings, territory=self.territory):
                log.info("announced GIS version %s of %s late", version.number, version.layer)
                written += 1
        if versions:
            write_state(db, key, versions[-1].id)
        return written
