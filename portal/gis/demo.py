"""Demo GIS layers for `girou up`: generated, imported, then the Garidech PLU modification."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.territory import Territory
from portal.gis.demo_data import generate
from portal.gis.models import latest_version
from portal.gis.versions import import_layer

ORDER = (
    "communes",
    "plu_zones",
    "plu_prescriptions",
    "plu_informations",
    "parcels",
    "addresses",
    "poi",
)
DEMO_BY = "démo"


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    """Import each demo layer that has no version yet, then the PLU modification as version 2.

    A layer that already has a version (demo or real data) is left alone, so running this
    again changes nothing and never overwrites an import made by hand.
    """
    with sessions() as db:
        missing = [layer for layer in ORDER if latest_version(db, layer) is None]
        zones = latest_version(db, "plu_zones")
        modify = zones is None or (zones.number == 1 and zones.imported_by == DEMO_BY)
    if not missing and not modify:
        return "gis: layers already loaded, demo data left alone"
    paths = generate(settings.home / "gis-demo", territory)
    done = []

    def load(layer: str, path_key: str) -> None:
        with sessions.begin() as db:
            result = import_layer(
                db, layer, paths[path_key], DEMO_BY, settings=settings, territory=territory,
                demo=True,
            )  # fmt: skip
        if result.version is not None:
            done.append(f"{layer} v{result.version.number} ({result.version.feature_count})")

    for layer in missing:
        load(layer, layer)
    if modify and "plu_zones_modification" in paths:
        load("plu_zones", "plu_zones_modification")
    return "gis demo (synthetic data): " + (", ".join(done) or "nothing to load")
