"""The OpenAPI 3.0 definition of /ogc/ (the `service-desc` of its landing page): one path per
collection this request may read, with the parameters the server takes, and its queryables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA_JSON = "application/schema+json"
JSON = "application/json"
GEOJSON = "application/geo+json"
# The parameters of /items besides the queryables: a property of the same name is not one.
ITEMS_PARAMETERS = ("bbox", "bbox-crs", "limit", "offset")


@dataclass(frozen=True)
class Collection:
    """What the definition says of one collection: its id, title, properties' JSON types and
    whether it needs the Matrix login ([gis] restricted_layers)."""

    id: str
    title: str
    queryables: dict[str, str]
    restricted: bool = False


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _content(mimetype: str, schema: str | dict) -> dict:
    return {mimetype: {"schema": _ref("schemas", schema) if isinstance(schema, str) else schema}}


def _answer(description: str, mimetype: str, schema: str | dict, *errors: str) -> dict:
    responses = {"200": {"description": description, "content": _content(mimetype, schema)}}
    for code in errors:
        responses[code] = _ref("responses", code)
    responses["500"] = _ref("responses", "500")
    return responses


def _get(operation_id: str, tag: str, summary: str, responses: dict, parameters=()) -> dict:
    operation = {"operationId": operation_id, "tags": [tag], "summary": summary}
    if parameters:
        operation["parameters"] = list(parameters)
    operation["responses"] = responses
    return {"get": operation}


def queryable_parameter(name: str, json_type: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"Seulement les objets dont la propriété « {name} » vaut cette valeur.",
        "schema": {"type": json_type},
        "style": "form",
        "explode": False,
    }


def _collection_paths(c: Collection) -> dict[str, dict]:
    base = f"/collections/{c.id}"
    denied = ("401",) if c.restricted else ()
    filters = [queryable_parameter(name, kind) for name, kind in c.queryables.items()]
    items_parameters = [_ref("parameters", p) for p in ITEMS_PARAMETERS] + filters
    return {
        base: _get(f"{c.id}.collection", c.id, f"La couche « {c.title} »",
                   _answer("La description de la couche", JSON, "collection", *denied, "404")),
        f"{base}/queryables": _get(
            f"{c.id}.queryables", c.id, f"Les propriétés de « {c.title} » qui filtrent /items",
            _answer("Un schéma JSON (type object) dont chaque propriété est filtrable",
                    SCHEMA_JSON, "queryables", *denied, "404"),
        ),
        f"{base}/items": _get(
            f"{c.id}.items", c.id, f"Les objets de « {c.title} », par pages",
            _answer("Une page d'objets (lien next vers la suivante)", GEOJSON,
                    "featureCollectionGeoJSON", "400", *denied, "404"),
            items_parameters,
        ),
        f"{base}/items/{{featureId}}": _get(
            f"{c.id}.item", c.id, f"Un objet de « {c.title} »",
            _answer("L'objet", GEOJSON, "featureGeoJSON", *denied, "404"),
            [_ref("parameters", "featureId")],
        ),
    }  # fmt: skip


def definition(
    server: str,
    title: str,
    description: str,
    collections: list[Collection],
    *,
    crs: str,
    default_limit: int,
    max_limit: int,
) -> dict[str, Any]:
    """The OpenAPI 3.0 document; `server` is the landing page's address without its final "/"."""
    paths = {
        "/": _get("landing", "Capacités", "La page d'accueil de l'API",
                  _answer("Les liens vers la définition, la conformité et les couches", JSON,
                          "landingPage")),
        "/conformance": _get("conformance", "Capacités", "Les classes de conformité",
                             _answer("Les classes de conformité", JSON, "confClasses")),
        "/api": _get("api", "Capacités", "Cette définition (OpenAPI 3.0)",
                     _answer("La définition de l'API", OPENAPI, {"type": "object"})),
        "/api.html": _get("api.html", "Capacités", "La documentation de l'API",
                          _answer("La documentation", "text/html", {"type": "string"})),
        "/collections": _get("collections", "Capacités", "Les couches",
                             _answer("Les couches", JSON, "collections")),
    }  # fmt: skip
    for c in collections:
        paths |= _collection_paths(c)
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "description": description, "version": "1.0.0"},
        "servers": [{"url": server}],
        "tags": [{"name": "Capacités", "description": "Ce que l'API offre"}]
        + [{"name": c.id, "description": c.title} for c in collections],
        "paths": paths,
        "components": _components(crs, default_limit, max_limit),
    }


def _components(crs: str, default_limit: int, max_limit: int) -> dict[str, Any]:
    link = {
        "type": "object",
        "required": ["href", "rel"],
        "properties": {p: {"type": "string"} for p in ("href", "rel", "type", "title")},
    }
    links = {"type": "array", "items": _ref("schemas", "link")}
    geometry = {
        "type": "object",
        "required": ["type"],
        "properties": {
            "type": {
                "type": "string",
                "enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                         "MultiPolygon", "GeometryCollection"],
            },
            "coordinates": {"type": "array"},
            "geometries": {"type": "array", "items": {"type": "object"}},
        },
    }  # fmt: skip
    count = {"type": "integer", "minimum": 0}
    error = {"description": "", "content": _content(JSON, "exception")}
    return {
        "schemas": {
            "link": link,
            "landingPage": {
                "type": "object",
                "required": ["links"],
                "properties": {
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "links": links,
                },
            },
            "confClasses": {
                "type": "object",
                "required": ["conformsTo"],
                "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
            },
            "collection": {
                "type": "object",
                "required": ["id", "links"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "links": links,
                    "itemType": {"type": "string"},
                    "crs": {"type": "array", "items": {"type": "string"}},
                    "storageCrs": {"type": "string"},
                    "extent": {
                        "type": "object",
                        "properties": {
                            "spatial": {
                                "type": "object",
                                "properties": {
                                    "bbox": {
                                        "type": "array",
                                        "minItems": 1,
                                        "items": {
                                            "type": "array",
                                            "minItems": 4,
                                            "maxItems": 6,
                                            "items": {"type": "number"},
                                        },
                                    },
                                    "crs": {"type": "string", "enum": [crs]},
                                },
                            }
                        },
                    },
                    "girou:version": {
                        "type": "object",
                        "description": "La version importée que l'API sert (girou import gis)",
                        "properties": {
                            "number": {"type": "integer"},
                            "imported_at": {"type": "string", "format": "date-time"},
                            "sha256": {"type": "string"},
                            "idurba": {"type": "array", "items": {"type": "string"}},
                            "demo": {"type": "boolean"},
                        },
                    },
                },
            },
            "collections": {
                "type": "object",
                "required": ["links", "collections"],
                "properties": {
                    "links": links,
                    "collections": {"type": "array", "items": _ref("schemas", "collection")},
                },
            },
            "geometryGeoJSON": geometry,
            "featureGeoJSON": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                    "geometry": {"allOf": [_ref("schemas", "geometryGeoJSON")], "nullable": True},
                    "properties": {"type": "object", "nullable": True},
                    "links": links,
                },
            },
            "featureCollectionGeoJSON": {
                "type": "object",
                "required": ["type", "features"],
                "properties": {
                    "type": {"type": "string", "enum": ["FeatureCollection"]},
                    "features": {"type": "array", "items": _ref("schemas", "featureGeoJSON")},
                    "links": links,
                    "timeStamp": {"type": "string", "format": "date-time"},
                    "numberMatched": count,
                    "numberReturned": count,
                },
            },
            "queryables": {
                "type": "object",
                "description": "Un schéma JSON (2020-12)",
                "required": ["$id", "type", "properties"],
                "properties": {
                    "$schema": {"type": "string"},
                    "$id": {"type": "string"},
                    "type": {"type": "string", "enum": ["object"]},
                    "title": {"type": "string"},
                    "properties": {"type": "object"},
                    "additionalProperties": {"type": "boolean"},
                },
            },
            "exception": {
                "type": "object",
                "required": ["message"],
                "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
            },
        },
        "parameters": {
            "bbox": {
                "name": "bbox",
                "in": "query",
                "required": False,
                "description": "Seulement les objets qui touchent ce rectangle : longitude et "
                "latitude minimales, puis maximales (CRS84 ; six nombres avec les hauteurs).",
                "schema": {
                    "type": "array",
                    "minItems": 4,
                    "maxItems": 6,
                    "items": {"type": "number"},
                },
                "style": "form",
                "explode": False,
            },
            "bbox-crs": {
                "name": "bbox-crs",
                "in": "query",
                "required": False,
                "description": "Le système de coordonnées de bbox : seul CRS84.",
                "schema": {"type": "string", "format": "uri", "enum": [crs]},
            },
            "limit": {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": f"Le nombre d'objets par page (au plus {max_limit} : une "
                "valeur plus grande donne ce maximum).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": max_limit,
                    "default": default_limit,
                },
                "style": "form",
                "explode": False,
            },
            "offset": {
                "name": "offset",
                "in": "query",
                "required": False,
                "description": "Le nombre d'objets sautés : les liens next et prev de chaque "
                "page le donnent.",
                "schema": {"type": "integer", "minimum": 0, "default": 0},
                "style": "form",
                "explode": False,
            },
            "featureId": {
                "name": "featureId",
                "in": "path",
                "required": True,
                "description": "L'identifiant de l'objet",
                "schema": {"type": "string"},
            },
        },
        "responses": {
            "400": error | {"description": "Un paramètre incorrect (le message dit lequel)"},
            "401": error
            | {
                "description": "Couche réservée aux élus et agents : l'identifiant Matrix et "
                "son mot de passe, en HTTP Basic",
            },
            "404": error | {"description": "Couche ou objet inconnu"},
            "500": error | {"description": "Erreur du serveur"},
        },
    }
