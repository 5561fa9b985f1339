"""Checks shared by the importers; every error names the feature and the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from portal.gis.layers import FieldError, Layer

# A function told how far a long import is: (stage, done, total).
Progress = Callable[[str, int, int], None]


class GisImportError(Exception):
    """A file that cannot be imported; the message names the feature and the field (English)."""


@dataclass
class ParsedFeature:
    where: str  # how the file names it: "features[12]" or "line 14"
    fid: str
    partition: str | None
    properties: dict[str, Any]
    geometry: Any  # shapely geometry


def no_progress(stage: str, done: int, total: int) -> None:
    pass


def label(where: str, properties: dict[str, Any] | None, layer: Layer) -> str:
    """ "features[12] (id 31212000AB0012)": where the feature is, and its id when it has one."""
    key = layer.natural_key or "libelle"
    value = (properties or {}).get(key)
    return f"{where} ({key} {value})" if value not in (None, "") else where


def check_properties(layer: Layer, where: str, properties: dict[str, Any]) -> dict[str, Any]:
    """Lower-case keys (GPU shapefiles have upper-case ones), required fields present and valid."""
    clean = {str(key).lower(): value for key, value in properties.items()}
    checks = [(name, check, True) for name, check in layer.required.items()]
    checks += [(name, check, False) for name, check in (layer.optional or {}).items()]
    for name, check, required in checks:
        value = clean.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise GisImportError(
                    f'{label(where, clean, layer)}: field "{name}": missing (required in layer '
                    f"{layer.name})"
                )
            continue
        try:
            clean[name] = check(value)
        except FieldError as exc:
            raise GisImportError(f'{label(where, clean, layer)}: field "{name}": {exc}') from None
    return clean


def check_geometries(layer: Layer, features: list[ParsedFeature], progress: Progress) -> None:
    """Allowed types, longitude/latitude ranges (EPSG:4326) and OGC validity, all at once."""
    if not features:
        return
    geometries = np.array([f.geometry for f in features], dtype=object)
    for f in features:
        if f.geometry.geom_type not in layer.geometry_types:
            raise GisImportError(
                f'{label(f.where, f.properties, layer)}: field "geometry": type '
                f"{f.geometry.geom_type} is not allowed in layer {layer.name} "
                f"({', '.join(layer.geometry_types)})"
            )
    empty = shapely.is_empty(geometries)
    for i in np.flatnonzero(empty):
        f = features[i]
        raise GisImportError(f'{label(f.where, f.properties, layer)}: field "geometry": empty')
    bounds = shapely.bounds(geometries)
    outside = (
        (bounds[:, 0] < -180) | (bounds[:, 2] > 180) | (bounds[:, 1] < -90) | (bounds[:, 3] > 90)
    )
    outside |= ~np.isfinite(bounds).all(axis=1)
    for i in np.flatnonzero(outside):
        f = features[i]
        x, y = bounds[i, 0], bounds[i, 1]
        raise GisImportError(
            f'{label(f.where, f.properties, layer)}: field "geometry": coordinates ({x:g}, {y:g}) '
            "are not longitude/latitude in EPSG:4326 (projected coordinates such as Lambert-93? "
            "reproject the file to WGS 84 first)"
        )
    progress("checking geometries", 0, len(features))
    valid = shapely.is_valid(geometries)
    for i in np.flatnonzero(~valid):
        f = features[i]
        reason = shapely.is_valid_reason(f.geometry)
        raise GisImportError(
            f'{label(f.where, f.properties, layer)}: field "geometry": invalid ({reason})'
        )
    progress("checking geometries", len(features), len(features))


def assign_ids(layer: Layer, features: list[ParsedFeature]) -> None:
    """Stable ids: the file's own (feature id or natural key) or "partition:libelle:n"; unique."""
    counts: dict[tuple[str | None, str], int] = {}
    seen: dict[str, str] = {}
    for f in features:
        if not f.fid:
            name = str(f.properties.get("libelle") or f.properties.get("nom") or "")
            n = counts[(f.partition, name)] = counts.get((f.partition, name), 0) + 1
            f.fid = f"{f.partition or layer.name}:{name}:{n}"
        if f.fid in seen:
            raise GisImportError(
                f'{label(f.where, f.properties, layer)}: field "id": {f.fid!r} appears twice '
                f"(first at {seen[f.fid]})"
            )
        seen[f.fid] = f.where
