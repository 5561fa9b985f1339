"""The GIS' manifest: the map, the urbanism lookup and OGC API – Features (`bp`), layer versions
imported with `girou import gis` and announced in the urbanism room, the demo layers."""

from __future__ import annotations

from flask import Blueprint, Flask

from collab.feature import Feature, Importer
from portal.gis import api, cli, demo, map, messages, ogc, source
from portal.gis.index import GisStore
from portal.gis.layers import LAYERS
from portal.state import state

# The map (/carte), the lookup API (/api/gis) and OGC API – Features (/ogc/).
bp = Blueprint("gis", __name__)
for child in (map.bp, api.bp, ogc.bp):
    bp.register_blueprint(child)


def init_app(app: Flask) -> None:
    """The GIS pages, and the app's in-memory spatial indexes (app.extensions["gis"])."""
    app.extensions.setdefault("gis", GisStore(state(app).sessions))
    app.register_blueprint(bp)


def arguments(parser) -> None:
    parser.add_argument("layer", choices=list(LAYERS))
    parser.add_argument("file", help="GeoJSON (EPSG:4326), or BAN CSV for addresses")
    parser.add_argument("--by", default="cli", help="who imports (recorded in the manifest)")


FEATURE = Feature(
    name="gis",
    web=init_app,
    templates=messages.TEMPLATES,
    sources=(source.Source,),
    demo=demo.load_demo,
    importers={"gis": Importer("a new version of a GIS layer", arguments, cli.import_gis_command)},
)
