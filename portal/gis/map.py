"""The public map page (/carte), its PDF fiche, and Leaflet served from node_modules (no CDN)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_from_directory

from portal.gis.access import hidden_layers, visible_layers
from portal.gis.api import lookup_from_args
from portal.gis.fiche import DISCLAIMER, DISCLAIMER_TITLE, build_fiche
from portal.gis.layers import FAMILY_WORDS, LAYERS, ZONE_FAMILIES, ZONE_TYPE_WORDS
from portal.gis.lookup import LookupError_, french_day, lookup_address, lookup_parcel, summary
from portal.gis.messages import changes_text, title_text
from portal.gis.models import LayerVersion
from portal.gis.source import version_payload
from portal.security import CSP
from portal.state import state

bp = Blueprint("carte", __name__)

LEAFLET_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "leaflet" / "dist"
IGN_PLAN = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
    "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
BASEMAPS = {
    "ign": {
        "url": IGN_PLAN,
        "origin": "https://data.geopf.fr",
        "attribution": '<a href="https://www.ign.fr/">IGN</a> – Géoplateforme, Plan IGN',
        "name": "Plan IGN (Géoplateforme)",
    },
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "origin": "https://tile.openstreetmap.org",
        "attribution": '© <a href="https://www.openstreetmap.org/copyright">'
        "contributeurs OpenStreetMap</a>",
        "name": "OpenStreetMap",
    },
    "none": {"url": "", "origin": "", "attribution": "", "name": "aucun fond de plan"},
}
# Layers the map draws (addresses are searched, not drawn), in drawing order.
MAP_LAYERS = ("communes", "plu_zones", "plu_informations", "plu_prescriptions", "parcels", "poi")
MIN_ZOOM = {"parcels": 16}


@bp.get("/static-npm/leaflet/<path:filename>")
def leaflet(filename: str):
    return send_from_directory(LEAFLET_DIR, filename, max_age=7 * 86400)


def _text_alternative(layers) -> dict:
    """What the map shows, in words: the zoning of each commune and the points of interest."""
    names = {}
    if "communes" in layers:
        names = {str(p.get("code")): str(p.get("nom")) for p in layers["communes"].properties}
    documents: dict[str, dict] = {}
    if "plu_zones" in layers:
        for props in layers["plu_zones"].properties:
            idurba = str(props.get("idurba", ""))
            code = idurba.split("_", 1)[0]
            doc = documents.setdefault(
                idurba,
                {
                    "commune": names.get(code, code),
                    "idurba": idurba,
                    "datappro": french_day(props.get("datappro")),
                    "families": defaultdict(list),
                },
            )
            family = ZONE_FAMILIES.get(str(props.get("typezone")), "")
            if props.get("libelle") not in doc["families"][family]:
                doc["families"][family].append(props.get("libelle"))
    poi = []
    if "poi" in layers:
        poi = sorted(
            (str(p.get("nom")), str(p.get("adresse") or "")) for p in layers["poi"].properties
        )
    return {
        "documents": sorted(documents.values(), key=lambda d: d["commune"]),
        "poi": poi,
    }


def _search(layers) -> tuple[dict | None, str | None, str, str]:
    kind = request.args.get("type", "adresse")
    query = request.args.get("q", "").strip()[:200]
    if not query:
        return None, None, kind, query
    try:
        if kind == "parcelle":
            result = lookup_parcel(layers, query)
        else:
            result = lookup_address(layers, query)
    except LookupError_ as exc:
        return None, str(exc), kind, query
    return summary(result), None, kind, query


def _version_banner(version_id: str | None) -> dict | None:
    if not version_id or not (version_id.isascii() and version_id.isdigit()):
        return None
    ext = state()
    with ext.sessions() as db:
        version = db.get(LayerVersion, int(version_id))
        if version is None or version.layer not in LAYERS or version.layer in hidden_layers():
            return None
        payload = version_payload(db, version, ext.settings, ext.territory)
    return {
        "id": version.id,
        "title": title_text(payload),
        "changes": changes_text(payload),
        "date": f"{version.imported_at:%d/%m/%Y}",
        "transitions": payload["zone_transitions"],
    }


@bp.get("/carte")
def page():
    layers = visible_layers()
    choice = state().settings.get("gis", "basemap")
    found, error, kind, query = _search(layers)
    extent = None
    for name in ("communes", "plu_zones", "parcels"):
        if name in layers and layers[name].extent:
            extent = layers[name].extent
            break
    html = render_template(
        "gis/map.html",
        layers=layers,
        map_layers=[name for name in MAP_LAYERS if name in layers],
        layer_defs=LAYERS,
        min_zoom=MIN_ZOOM,
        basemap=BASEMAPS[choice],
        basemap_key=choice,
        extent=extent,
        zone_words=ZONE_TYPE_WORDS,
        zone_families=ZONE_FAMILIES,
        family_words=FAMILY_WORDS,
        alternative=_text_alternative(layers),
        demo=any(index.version.demo for index in layers.values()),
        found=found,
        error=error,
        kind=kind,
        query=query,
        change=_version_banner(request.args.get("version")),
        disclaimer_title=DISCLAIMER_TITLE,
        disclaimer=DISCLAIMER,
    )
    response = current_app.make_response(html)
    origin = BASEMAPS[choice]["origin"]
    if origin:  # the tiles come from the basemap's server: allow those images, nothing else
        response.headers["Content-Security-Policy"] = CSP.replace(
            "img-src 'self' data:", f"img-src 'self' data: {origin}"
        )
    return response


@bp.get("/carte/fiche.pdf")
def fiche():
    try:
        result = lookup_from_args(request.args)
    except LookupError_:
        abort(404)
    if result.parcel is None and not result.zones:
        abort(404, description="Aucune parcelle ni zone de PLU à cet endroit.")
    info = summary(result)
    territory = state().territory
    pdf = build_fiche(info, territory.name, dt.datetime.now())
    name = (info.get("parcel") or {}).get("id") or "point"
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="fiche-urbanisme-{name}.pdf"'
    return response
