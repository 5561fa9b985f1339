"""GIS: versioned layers, the urbanism lookup, the map, OGC API – Features, forum announcements.

`bp` gathers the map page (/carte), the lookup API (/api/gis) and OGC API – Features (/ogc/);
registering it gives the app its in-memory spatial indexes (app.extensions["gis"]).
"""

from __future__ import annotations

from flask import Blueprint

from portal.gis.cli import import_gis_command

__all__ = ["bp", "import_gis_command"]

bp = Blueprint("gis", __name__)


def _attach_store(state) -> None:
    from portal.gis.index import GisStore

    app = state.app
    app.extensions.setdefault("gis", GisStore(app.extensions["girou"]["sessions"]))


def _register_children() -> None:
    from portal.gis import api, map, ogc

    bp.register_blueprint(map.bp)
    bp.register_blueprint(api.bp)
    bp.register_blueprint(ogc.bp)


bp.record_once(_attach_store)
_register_children()
