"""Import a GeoJSON FeatureCollection in EPSG:4326 (CNIG, Etalab cadastre, geo.api.gouv.fr)."""

from __future__ import annotations

import json
from typing import Any

import shapely.geometry

from portal.gis.checks import (
    GisImportError,
    ParsedFeature,
    Progress,
    assign_ids,
    check_geometries,
    check_properties,
    label,
    no_progress,
)
from portal.gis.layers import Layer

# The names GeoJSON files give to longitude/latitude on WGS 84 (RFC 7946 and GDAL's output).
WGS84_NAMES = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:4326",
        "EPSG:4326",
        "CRS84",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326",
    }
)


def check_crs(document: dict[str, Any]) -> None:
    crs = document.get("crs")
    if crs is None:
        return  # RFC 7946: no member means WGS 84 longitude/latitude
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in WGS84_NAMES:
        raise GisImportError(
            f'file: field "crs": {name or crs!r} is not EPSG:4326 (reproject the file to WGS 84 '
            "longitude/latitude, e.g. ogr2ogr -t_srs EPSG:4326)"
        )


def read_geojson(
    layer: Layer, data: bytes, progress: Progress = no_progress
) -> tuple[list[ParsedFeature], dict[str, Any]]:
    """The checked features of the file and its top-level members (name, demo flag)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise GisImportError(f"file: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GisImportError(
            f"file: invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GisImportError('file: field "type": expected a GeoJSON "FeatureCollection"')
    check_crs(document)
    raw_features = document.get("features")
    if not isinstance(raw_features, list):
        raise GisImportError('file: field "features": expected a list of features')
    total = len(raw_features)
    step = max(total // 10, 1)
    parsed: list[ParsedFeature] = []
    for i, raw in enumerate(raw_features):
        where = f"features[{i}]"
        if not isinstance(raw, dict) or raw.get("type") != "Feature":
            raise GisImportError(f'{where}: field "type": expected "Feature"')
        properties = raw.get("properties")
        if not isinstance(properties, dict):
            raise GisImportError(f'{where}: field "properties": expected an object')
        properties = check_properties(layer, where, properties)
        geometry = raw.get("geometry")
        if not isinstance(geometry, dict):
            raise GisImportError(f'{label(where, properties, layer)}: field "geometry": missing')
        try:
            shape = shapely.geometry.shape(geometry)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
            raise GisImportError(
                f'{label(where, properties, layer)}: field "geometry": malformed '
                f"{geometry.get('type')!r} ({exc})"
            ) from None
        except shapely.errors.GEOSException as exc:
            raise GisImportError(
                f'{label(where, properties, layer)}: field "geometry": {exc}'
            ) from None
        fid = raw.get("id")
        if fid is None and layer.natural_key:
            fid = properties[layer.natural_key]
        partition = layer.partition(properties) if layer.partition else None
        parsed.append(
            ParsedFeature(where, str(fid) if fid is not None else "", partition, properties, shape)
        )
        if (i + 1) % step == 0:
            progress("reading", i + 1, total)
    check_geometries(layer, parsed, progress)
    assign_ids(layer, parsed)
    members = {k: v for k, v in document.items() if k not in ("features", "type")}
    return parsed, members
