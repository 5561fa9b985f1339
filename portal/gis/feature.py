"""The GIS' manifest: the map, the urbanism lookup and OGC API – Features (`bp`), layer versions
imported with `girou import gis` and announced in the urbanism room, the demo layers."""

from __future__ import annotations

from collab.feature import Feature, Importer
from portal.gis import bp, cli, demo, messages, source
from portal.gis.layers import LAYERS


def init_app(app) -> None:
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
