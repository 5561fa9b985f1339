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
# The tables of the Garidech PLU modification, imported as the second version of each.
MODIFIED = ("plu_zones", "plu_prescriptions", "plu_informations")


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    """Import each demo layer that has no version yet, then the PLU modification as version 2
    of its zones, prescriptions and informations (all three name the modified plan).

    A layer that already has a version (demo or real data) is left alone, and only a demo's
    first version gets the modification, so running this again changes nothing and never
    overwrites an import made by hand.
    """
    with sessions() as db:
        missing = [layer for layer in ORDER if latest_version(db, layer) is None]
        modify = [layer for layer in MODIFIED if _first_demo_version(db, layer)]
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
    for layer in modify:
        if f"{layer}_modification" in paths:
            load(layer, f"{layer}_modification")
    return "gis demo (synthetic data): " + (", ".join(done) or "nothing to load")


def _first_demo_version(db: Session, layer: str) -> bool:
    """No version yet (the demo loads one), or only the demo's first one."""
    version = latest_version(db, layer)
    return version is None or (version.number == 1 and version.imported_by == DEMO_BY)
