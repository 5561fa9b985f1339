"""The public lookup API (apicarto-shaped GeoJSON) and the description of a layer version."""

from __future__ import annotations

import json
import math

import shapely
from flask import Blueprint, abort, current_app, request
from sqlalchemy import select

from portal.gis.access import hidden_layers, visible_layers
from portal.gis.lookup import (
    Lookup,
    LookupError_,
    dumps,
    feature_collection,
    lookup_address,
    lookup_parcel,
    lookup_point,
)
from portal.gis.messages import changes_text, title_text
from portal.gis.models import LayerFeature, LayerVersion
from portal.gis.source import version_payload
from portal.state import state

bp = Blueprint("api", __name__, url_prefix="/api/gis")

MAX_QUERY = 200


def _coordinate(name: str, low: float, high: float) -> float:
    try:
        value = float(request.args[name].replace(",", "."))
    except (KeyError, ValueError):
        abort(400, description=f"Paramètre « {name} » manquant ou non numérique.")
    if not math.isfinite(value) or not low <= value <= high:
        abort(400, description=f"« {name} » doit être compris entre {low:g} et {high:g} (WGS 84).")
    return value


def lookup_from_args(args) -> Lookup:
    """The lookup asked by ?lon=&lat=, ?parcelle= or ?adresse=.

    Bad parameters abort with 400; a parcel or an address not found raises LookupError_ (its
    French message is for the resident).
    """
    layers = visible_layers()
    if args.get("parcelle", "").strip():
        return lookup_parcel(layers, args["parcelle"].strip()[:MAX_QUERY])
    if args.get("adresse", "").strip():
        return lookup_address(layers, args["adresse"].strip()[:MAX_QUERY])
    if "lon" in args or "lat" in args:
        return lookup_point(layers, _coordinate("lon", -180, 180), _coordinate("lat", -90, 90))
    abort(400, description="Indiquez lon et lat, ou parcelle, ou adresse.")


@bp.get("/lookup")
def lookup():
    try:
        result = lookup_from_args(request.args)
    except LookupError_ as exc:
        return {"error": "introuvable", "message": str(exc)}, 404
    response = current_app.response_class(
        dumps(feature_collection(result)), mimetype="application/geo+json"
    )
    if not hidden_layers() and not request.headers.get("Authorization"):
        response.headers["Access-Control-Allow-Origin"] = "*"  # public data, like apicarto
    return response


@bp.get("/versions/<int:version_id>")
def version(version_id: int):
    """A version's manifest, diff and the features it added, changed (new shape) or removed."""
    sessions = state().sessions
    with sessions() as db:
        found = db.get(LayerVersion, version_id)
        if found is None or found.layer in hidden_layers():
            abort(404, description="Cette version de couche n'existe pas.")
        payload = version_payload(db, found, state().settings,
                                  state().territory)  # fmt: skip
        diff = found.diff
        features = []
        wanted = {"added": diff.get("added_ids", []), "changed": diff.get("changed_ids", [])}
        for change, fids in wanted.items():
            features += _features(db, found.id, fids, change)
        previous = db.scalars(
            select(LayerVersion).where(
                LayerVersion.layer == found.layer, LayerVersion.number == found.number - 1
            )
        ).first()
        if previous is not None:
            features += _features(db, previous.id, diff.get("removed_ids", []), "removed")
    document = {
        "type": "FeatureCollection",
        "features": features,
        "version": {
            "id": found.id,
            "layer": found.layer,
            "number": found.number,
            "title": title_text(payload),
            "changes": changes_text(payload),
            "manifest": found.manifest,
            "diff": {k: v for k, v in diff.items() if not k.endswith("_ids")},
        },
        "bbox": diff.get("bbox"),
    }
    return current_app.response_class(dumps(document), mimetype="application/geo+json")


def _features(db, version_id: int, fids: list[str], change: str) -> list[dict]:
    if not fids:
        return []
    rows = db.execute(
        select(LayerFeature.fid, LayerFeature.properties, LayerFeature.geometry).where(
            LayerFeature.version_id == version_id, LayerFeature.fid.in_(fids)
        )
    )
    return [
        {
            "type": "Feature",
            "id": fid,
            "geometry": json.loads(shapely.to_geojson(shapely.from_wkb(wkb))),
            "properties": {**properties, "girou_change": change},
        }
        for fid, properties, wkb in rows
    ]
