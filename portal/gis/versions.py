"""A new version of a layer: compose it, compare it with the previous one, store it, announce it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from collab.config import Settings
from collab.db import utcnow
from collab.territory import Territory
from portal.gis.ban import read_ban_csv
from portal.gis.checks import GisImportError, ParsedFeature, Progress, no_progress
from portal.gis.geojson import read_geojson
from portal.gis.layers import LAYERS, Layer
from portal.gis.models import LayerFeature, LayerVersion, latest_version
from portal.gis.source import announce

# Lists of ids kept in a diff (the counts are always exact).
MAX_IDS = 500
INSERT_BATCH = 5000


@dataclass
class ImportResult:
    version: LayerVersion | None  # None: the file is the current version already
    previous: LayerVersion | None

    @property
    def unchanged(self) -> bool:
        return self.version is None


@dataclass
class Row:
    fid: str
    partition: str | None
    properties: dict[str, Any]
    wkb: bytes


def parse_file(
    layer: Layer, data: bytes, progress: Progress = no_progress
) -> tuple[list[ParsedFeature], dict[str, Any]]:
    """GeoJSON for every layer; a BAN CSV too for addresses (told apart by the first character)."""
    if layer.name == "addresses" and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return read_ban_csv(layer, data, progress)
    return read_geojson(layer, data, progress)


def _previous_rows(db: Session, version: LayerVersion | None) -> list[Row]:
    if version is None:
        return []
    rows = db.execute(
        select(
            LayerFeature.fid, LayerFeature.partition, LayerFeature.properties, LayerFeature.geometry
        )
        .where(LayerFeature.version_id == version.id)
        .order_by(LayerFeature.position)
    )
    return [Row(*row) for row in rows]


def compose(layer: Layer, previous: list[Row], parsed: list[ParsedFeature]) -> list[Row]:
    """The new version: the file, plus the previous features of the parts the file leaves alone."""
    wkbs = shapely.to_wkb(np.array([f.geometry for f in parsed], dtype=object)) if parsed else []
    new = [
        Row(f.fid, f.partition, f.properties, bytes(w)) for f, w in zip(parsed, wkbs, strict=True)
    ]
    if layer.partition is None:
        return new
    replaced = {f.partition for f in parsed}
    kept = [row for row in previous if row.partition not in replaced]
    fids = {row.fid for row in new}
    for row in kept:
        if row.fid in fids:
            raise GisImportError(
                f'file: field "id": {row.fid!r} already belongs to {row.partition}, which this '
                "file does not replace"
            )
    return kept + new


def _same(layer: Layer, a: Row, b: Row) -> bool:
    if {k: v for k, v in a.properties.items() if k not in layer.ignored_in_diff} != {
        k: v for k, v in b.properties.items() if k not in layer.ignored_in_diff
    }:
        return False
    if a.wkb == b.wkb:
        return True
    return bool(shapely.equals(shapely.from_wkb(a.wkb), shapely.from_wkb(b.wkb)))


def zone_types_at(zones: list[Row], points: np.ndarray) -> list[str | None]:
    """The zone type at each point (the first zone of the file when zones overlap)."""
    result: list[str | None] = [None] * len(points)
    if not zones or not len(points):
        return result
    tree = shapely.STRtree(shapely.from_wkb([z.wkb for z in zones]))
    point_idx, zone_idx = tree.query(points, predicate="intersects")
    for p, z in sorted(zip(point_idx.tolist(), zone_idx.tolist(), strict=True), reverse=True):
        result[p] = zones[z].properties.get("typezone")
    return result


def parcel_zone_changes(db: Session, before: list[Row], after: list[Row]) -> dict[str, Any]:
    """Parcels of the current cadastre whose zone type differs between two zone versions.

    Parcels that had no zone before (or have none after) are counted apart. A parcel's zone
    is the one at a point inside it (shapely's point_on_surface), as for a parcel lying in
    one zone, which is the common case.
    """
    parcels = _previous_rows(db, latest_version(db, "parcels"))
    if not parcels:
        return {"parcels_changing_zone": 0, "zone_transitions": {}, "parcel_ids": []}
    points = shapely.point_on_surface(shapely.from_wkb([p.wkb for p in parcels]))
    old = zone_types_at(before, points)
    new = zone_types_at(after, points)
    transitions: Counter[str] = Counter()
    ids = []
    newly_zoned = unzoned = 0
    for parcel, a, b in zip(parcels, old, new, strict=True):
        if a == b:
            continue
        if a is None:  # a commune's first PLU: zoned, not "changing zone"
            newly_zoned += 1
        elif b is None:
            unzoned += 1
        else:
            transitions[f"{a} → {b}"] += 1
            ids.append(parcel.fid)
    return {
        "parcels_changing_zone": len(ids),
        "zone_transitions": dict(transitions.most_common()),
        "parcel_ids": ids[:MAX_IDS],
        "parcels_newly_zoned": newly_zoned,
        "parcels_no_longer_zoned": unzoned,
    }


def compute_diff(db: Session, layer: Layer, previous: list[Row], new: list[Row]) -> dict[str, Any]:
    old = {row.fid: row for row in previous}
    current = {row.fid: row for row in new}
    added = [fid for fid in current if fid not in old]
    removed = [fid for fid in old if fid not in current]
    changed = [fid for fid in current if fid in old and not _same(layer, old[fid], current[fid])]
    touched = [current[f].wkb for f in added + changed] + [old[f].wkb for f in removed]
    bbox = (
        [round(float(v), 7) for v in shapely.total_bounds(shapely.from_wkb(touched))]
        if touched
        else None
    )
    diff: dict[str, Any] = {
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "added_ids": added[:MAX_IDS],
        "removed_ids": removed[:MAX_IDS],
        "changed_ids": changed[:MAX_IDS],
        "bbox": bbox,
    }
    if layer.name == "plu_zones" and previous and (added or removed or changed):
        diff.update(parcel_zone_changes(db, previous, new))
    return diff


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_layer(
    db: Session,
    layer_name: str,
    path: Path,
    by: str,
    *,
    settings: Settings,
    territory: Territory | None = None,
    demo: bool | None = None,
    progress: Progress = no_progress,
) -> ImportResult:
    """Check `path` and add it as the new version of the layer, in the caller's transaction.

    Nothing is written when the file is bad (GisImportError names the feature and the field)
    or when it is the current version's file already. The announcement for the forums (an
    outbox row) is written in the same transaction, so a version is never silently lost.
    """
    layer = LAYERS[layer_name]
    data = path.read_bytes()
    digest = sha256_hex(data)
    parsed, members = parse_file(layer, data, progress)
    previous_version = latest_version(db, layer.name)
    if previous_version is not None and previous_version.sha256 == digest:
        return ImportResult(None, previous_version)
    previous = _previous_rows(db, previous_version)
    new = compose(layer, previous, parsed)
    progress("comparing with the previous version", 0, 1)
    diff = compute_diff(db, layer, previous, new)
    progress("comparing with the previous version", 1, 1)
    now = utcnow()
    is_demo = bool(members.get("demo")) if demo is None else demo
    manifest = {
        "layer": layer.name,
        "number": (previous_version.number + 1) if previous_version else 1,
        "file": path.name,
        "sha256": digest,
        "file_features": len(parsed),
        "features": len(new),
        "idurba": sorted({f.properties["idurba"] for f in parsed if f.properties.get("idurba")}),
        "partitions": sorted({f.partition for f in parsed if f.partition}),
        "by": by,
        "at": now.replace(tzinfo=dt.UTC).isoformat(timespec="seconds"),
        "previous": previous_version.number if previous_version else None,
        "demo": is_demo,
    }
    if members.get("name") or members.get("description"):
        manifest["source"] = str(members.get("description") or members.get("name"))
    version = LayerVersion(
        layer=layer.name,
        number=manifest["number"],
        sha256=digest,
        filename=path.name[:255],
        feature_count=len(new),
        imported_by=by[:255],
        imported_at=now,
        demo=is_demo,
        manifest=manifest,
        diff=diff,
    )
    db.add(version)
    db.flush()
    for start in range(0, len(new), INSERT_BATCH):
        db.execute(
            insert(LayerFeature),
            [
                {
                    "version_id": version.id,
                    "position": start + i,
                    "fid": row.fid,
                    "partition": row.partition,
                    "properties": row.properties,
                    "geometry": row.wkb,
                }
                for i, row in enumerate(new[start : start + INSERT_BATCH])
            ],
        )
        progress("writing", min(start + INSERT_BATCH, len(new)), len(new))
    announce(db, version, settings=settings, territory=territory)
    return ImportResult(version, previous_version)
