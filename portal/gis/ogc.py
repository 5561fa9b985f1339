"""OGC API – Features at /ogc/, so that QGIS reads the layers directly: Part 1 (Core, GeoJSON,
OpenAPI 3.0) and Part 3's queryables, each usable as a property=value parameter of /items."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
from flask import Blueprint, abort, current_app, render_template, request, url_for

from portal.gis import openapi
from portal.gis.access import hidden_layers, store, unauthorized, visible_layers
from portal.gis.index import LayerIndex
from portal.gis.layers import LAYERS
from portal.gis.openapi import GEOJSON, ITEMS_PARAMETERS, JSON, OPENAPI, SCHEMA_JSON
from portal.state import state

bp = Blueprint("ogc", __name__, url_prefix="/ogc")

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    # Part 3: the queryables, and each as a parameter of /items (equality); no CQL2 filter.
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


def _json(document: dict | str, mimetype: str = JSON, status: int = 200):
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    response = current_app.response_class(text, status=status, mimetype=mimetype)
    if not state().settings.get("gis", "restricted_layers"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _link(href: str, rel: str, mimetype: str = JSON, title: str | None = None) -> dict:
    link = {"href": href, "rel": rel, "type": mimetype}
    if title:
        link["title"] = title
    return link


def _title() -> str:
    return f"Données géographiques — {state().territory.name}"


DESCRIPTION = (
    "Couches du SIG (communes, PLU au standard CNIG, cadastre, adresses, points "
    "d'intérêt) en OGC API – Features, par exemple pour QGIS."
)


@bp.get("/")
def landing():
    return _json(
        {
            "title": _title(),
            "description": DESCRIPTION,
            "links": [
                _link(url_for(".landing", _external=True), "self", title="Cette page"),
                _link(
                    url_for(".api", _external=True),
                    "service-desc",
                    OPENAPI,
                    "La définition de l'API (OpenAPI 3.0)",
                ),
                _link(
                    url_for(".api_html", _external=True),
                    "service-doc",
                    "text/html",
                    "La documentation de l'API",
                ),
                _link(
                    url_for(".conformance", _external=True),
                    "conformance",
                    title="Classes de conformité",
                ),
                _link(url_for(".collections", _external=True), "data", title="Couches"),
            ],
        }
    )


@bp.get("/conformance")
def conformance():
    return _json({"conformsTo": CONFORMANCE})


def _queryables(index: LayerIndex) -> dict[str, str]:
    """The properties that filter /items, with their JSON type (one named like a parameter of
    /items is none)."""
    return {n: t for n, t in index.property_types().items() if n not in ITEMS_PARAMETERS}


def _definition() -> dict:
    restricted = state().settings.get("gis", "restricted_layers") or frozenset()
    described = [
        openapi.Collection(
            index.layer.name,
            index.layer.title,
            _queryables(index),
            index.layer.name in restricted,
        )
        for index in _visible()
    ]
    return openapi.definition(
        url_for(".landing", _external=True).rstrip("/"),
        _title(),
        DESCRIPTION,
        described,
        crs=CRS84,
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
    )


@bp.get("/api")
def api():
    return _json(_definition(), OPENAPI)


@bp.get("/api.html")
def api_html():
    """The definition for people: each path, what it answers and its parameters."""
    return render_template("gis/ogc_api.html", api=_definition(), conformance=CONFORMANCE)


def _collection(index: LayerIndex) -> dict:
    layer, version = index.layer, index.version
    cid = layer.name
    description = (
        f"Version {version.number} du {version.imported_at:%d/%m/%Y}, {len(index)} objets"
        + (" — DONNÉES DE DÉMONSTRATION (fictives)" if version.demo else "")
    )
    document = {
        "id": cid,
        "title": layer.title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "links": [
            _link(url_for(".collection", cid=cid, _external=True), "self"),
            _link(url_for(".items", cid=cid, _external=True), "items", GEOJSON, layer.title),
            _link(
                url_for(".queryables", cid=cid, _external=True),
                QUERYABLES_REL,
                SCHEMA_JSON,
                "Les propriétés qui filtrent les objets",
            ),
        ],
        "girou:version": {
            "number": version.number,
            "imported_at": version.imported_at.replace(tzinfo=dt.UTC).isoformat(),
            "sha256": version.sha256,
            "idurba": version.manifest.get("idurba", []),
            "demo": bool(version.demo),
        },
    }
    if index.extent:
        document["extent"] = {"spatial": {"bbox": [list(index.extent)], "crs": CRS84}}
    return document


def _layer(cid: str) -> LayerIndex:
    if cid not in LAYERS:
        abort(404, description=f"Couche inconnue : {cid}.")
    if cid in hidden_layers():
        abort(unauthorized("Couche réservée aux élus et agents : connectez-vous."))
    index = store().current().get(cid)
    if index is None:
        abort(404, description=f"La couche {cid} n'a pas encore été importée.")
    return index


def _visible() -> list[LayerIndex]:
    """The current layers this request may read, in the order of LAYERS."""
    visible = visible_layers()
    return [visible[name] for name in LAYERS if name in visible]


@bp.get("/collections")
def collections():
    return _json(
        {
            "links": [_link(url_for(".collections", _external=True), "self")],
            "collections": [_collection(index) for index in _visible()],
        }
    )


@bp.get("/collections/<cid>")
def collection(cid: str):
    return _json(_collection(_layer(cid)))


@bp.get("/collections/<cid>/queryables")
def queryables(cid: str):
    """A JSON Schema of the properties that filter /items (OGC API – Features Part 3)."""
    index = _layer(cid)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url_for(".queryables", cid=cid, _external=True),
        "type": "object",
        "title": index.layer.title,
        "properties": {
            name: {"title": name, "type": kind} for name, kind in _queryables(index).items()
        },
        "additionalProperties": False,
    }
    return _json(schema, SCHEMA_JSON)


def _bbox() -> tuple[float, float, float, float] | None:
    text = request.args.get("bbox")
    if not text:
        return None
    crs = request.args.get("bbox-crs")
    if crs and crs != CRS84:
        abort(400, description="bbox-crs : seul CRS84 (longitude, latitude) est disponible.")
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        abort(400, description="bbox : quatre nombres séparés par des virgules.")
    if len(values) == 6:  # with heights: keep the 2D box
        values = [values[0], values[1], values[3], values[4]]
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        abort(400, description="bbox : quatre nombres séparés par des virgules.")
    minx, miny, maxx, maxy = values
    if minx > maxx or miny > maxy:
        abort(400, description="bbox : le minimum doit précéder le maximum.")
    return minx, miny, maxx, maxy


def _int_arg(name: str, default: int, low: int) -> int:
    text = request.args.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        abort(400, description=f"{name} : un nombre entier est attendu.")
    if value < low:
        abort(400, description=f"{name} : la valeur doit être au moins {low}.")
    return value


def _filter_value(name: str, kind: str, text: str):
    """The value of a property=value parameter, as the property's type; 400 otherwise."""
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            value = float(text)
            if math.isfinite(value):
                return value
        elif kind == "boolean":
            if text in ("true", "false"):
                return text == "true"
        else:
            return text
    except ValueError:
        pass
    words = {"integer": "un nombre entier", "number": "un nombre", "boolean": "true ou false"}
    abort(400, description=f"{name} : {words[kind]} est attendu.")


def _filters(index: LayerIndex) -> list[tuple[str, object]]:
    """The property=value parameters; any other unknown parameter is refused (400)."""
    types = _queryables(index)
    filters = []
    for name in request.args:
        if name in ITEMS_PARAMETERS:
            continue
        if name not in types:
            accepted = ", ".join([*ITEMS_PARAMETERS, *types])
            abort(400, description=f"Paramètre inconnu : {name} (acceptés : {accepted}).")
        values = request.args.getlist(name)
        if len(values) > 1:
            abort(400, description=f"{name} : une seule valeur est attendue.")
        filters.append((name, _filter_value(name, types[name], values[0])))
    return filters


@bp.get("/collections/<cid>/items")
def items(cid: str):
    index = _layer(cid)
    box = _bbox()
    # The standard asks to serve the maximum instead of refusing a larger limit.
    limit = min(_int_arg("limit", DEFAULT_LIMIT, 1), MAX_LIMIT)
    offset = _int_arg("offset", 0, 0)
    filters = _filters(index)
    if box is None and not filters:
        matched = len(index)
        page = range(offset, min(offset + limit, matched))
    else:
        found = index.in_bbox(*box) if box is not None else np.arange(len(index))
        for name, value in filters:
            found = np.intersect1d(found, index.with_value(name, value), assume_unique=True)
        matched = len(found)
        page = [int(i) for i in found[offset : offset + limit]]
    base = {k: v for k, v in request.args.items() if k not in ("offset", "limit")}
    links = [
        _link(url_for(".items", cid=cid, _external=True, **base, limit=limit, offset=offset),
              "self", GEOJSON),
        _link(url_for(".collection", cid=cid, _external=True), "collection"),
    ]  # fmt: skip
    if offset + limit < matched:
        links.append(
            _link(
                url_for(".items", cid=cid, _external=True, **base, limit=limit,
                        offset=offset + limit),
                "next",
                GEOJSON,
            )
        )  # fmt: skip
    if offset > 0:
        links.append(
            _link(
                url_for(".items", cid=cid, _external=True, **base, limit=limit,
                        offset=max(offset - limit, 0)),
                "prev",
                GEOJSON,
            )
        )  # fmt: skip
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    text = (
        '{"type":"FeatureCollection","features":['
        + ",".join(index.feature_json(i) for i in page)
        + f'],"numberMatched":{matched},"numberReturned":{len(page)},"timeStamp":"{stamp}",'
        + '"links":'
        + json.dumps(links)
        + "}"
    )
    return _json(text, GEOJSON)


@bp.get("/collections/<cid>/items/<path:fid>")
def item(cid: str, fid: str):
    index = _layer(cid)
    i = index.position.get(fid)
    if i is None:
        abort(404, description=f"Aucun objet « {fid} » dans la couche {cid}.")
    feature = index.feature(i)
    feature["links"] = [
        _link(url_for(".item", cid=cid, fid=fid, _external=True), "self", GEOJSON),
        _link(url_for(".collection", cid=cid, _external=True), "collection"),
    ]
    return _json(feature, GEOJSON)
