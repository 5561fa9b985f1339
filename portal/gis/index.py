"""In-memory spatial index of each layer's current version (shapely STRtree), rebuilt on import."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from collab import french
from portal.gis.layers import LAYERS, POLYGONS
from portal.gis.models import LayerFeature, LayerVersion, current_version_ids

# The JSON Schema type of a property value, by its Python type (json.loads gives these).
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def plain_words(text: str) -> str:
    """Folded (collab.french.fold), punctuation as spaces: "Rue de l'Église" -> "rue de l
    eglise", so that an address typed with or without its apostrophe matches."""
    return " ".join("".join(c if c.isalnum() else " " for c in french.fold(text)).split())


class LayerIndex:
    """One version of one layer, in memory: ids, properties, prepared geometries, an STRtree."""

    def __init__(
        self,
        layer: str,
        version: LayerVersion | None,
        fids: Sequence[str],
        properties: Sequence[dict[str, Any]],
        geometries: Iterable[Any],
    ) -> None:
        self.layer = LAYERS[layer]
        self.version = version
        self.fids = list(fids)
        self.properties = list(properties)
        self.geometries = np.asarray(list(geometries), dtype=object)
        shapely.prepare(self.geometries)
        self.tree = shapely.STRtree(self.geometries)
        self._point_predicate = "within" if self.layer.geometry_types == POLYGONS else "intersects"
        self.position = {fid: i for i, fid in enumerate(self.fids)}
        self._json: list[str | None] = [None] * len(self.fids)
        self.extent = (
            tuple(float(v) for v in shapely.total_bounds(self.geometries))
            if len(self.fids)
            else None
        )
        self._by_section: dict[tuple[str, str], list[int]] | None = None
        self._labels: list[str] | None = None
        self._types: dict[str, str] | None = None
        self._by_value: dict[str, dict[Any, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.fids)

    @classmethod
    def load(cls, db: Session, version: LayerVersion) -> LayerIndex:
        rows = db.execute(
            select(LayerFeature.fid, LayerFeature.properties, LayerFeature.geometry)
            .where(LayerFeature.version_id == version.id)
            .order_by(LayerFeature.position)
        ).all()
        geometries = shapely.from_wkb([row[2] for row in rows])
        return cls(version.layer, version, [r[0] for r in rows], [r[1] for r in rows], geometries)

    # --- spatial queries -------------------------------------------------------------------

    def at_point(self, lon: float, lat: float) -> list[int]:
        """The features that contain (or, for lines and points, touch) the point, in file order.

        For polygons "within" is both the meaning (a point on a border belongs to neither
        side) and the fastest predicate of the tree.
        """
        found = self.tree.query(shapely.Point(lon, lat), predicate=self._point_predicate)
        return found.tolist() if len(found) < 2 else sorted(found.tolist())

    def overlapping(self, geometry: Any) -> list[int]:
        """Features sharing more than a border with `geometry` (a zone next to a parcel is not)."""
        found = self.tree.query(geometry, predicate="intersects")
        if not len(found):
            return []
        if geometry.geom_type.endswith("Polygon"):
            candidates = self.geometries[found]
            touching = shapely.touches(candidates, geometry)
            found = found[~touching]
        return sorted(int(i) for i in found)

    def in_bbox(self, minx: float, miny: float, maxx: float, maxy: float) -> np.ndarray:
        """Indexes of the features that intersect the box, in file order."""
        found = self.tree.query(shapely.box(minx, miny, maxx, maxy), predicate="intersects")
        return np.sort(found)

    # --- records -----------------------------------------------------------------------------

    def feature_json(self, i: int) -> str:
        """The GeoJSON text of feature i (computed once, then reused by every request)."""
        text = self._json[i]
        if text is None:
            fid = json.dumps(self.fids[i], ensure_ascii=False)
            geometry = shapely.to_geojson(self.geometries[i])
            properties = json.dumps(self.properties[i], ensure_ascii=False)
            text = self._json[i] = (
                f'{{"type":"Feature","id":{fid},"geometry":{geometry},"properties":{properties}}}'
            )
        return text

    def feature(self, i: int) -> dict[str, Any]:
        return json.loads(self.feature_json(i))

    def property_types(self) -> dict[str, str]:
        """The JSON type of each property whose values are all of one simple type (integers
        with decimals: "number"), in the order first met; objects, lists and mixtures are left
        out. Nulls and missing values do not count."""
        if self._types is None:
            seen: dict[str, set[str]] = {}
            for props in self.properties:
                for name, value in props.items():
                    if value is not None:
                        seen.setdefault(name, set()).add(JSON_TYPES.get(type(value), "other"))
            types = {}
            for name, kinds in seen.items():
                if kinds == {"integer", "number"}:
                    kinds = {"number"}
                if len(kinds) == 1 and "other" not in kinds:
                    types[name] = next(iter(kinds))
            self._types = types
        return self._types

    def with_value(self, name: str, value: Any) -> np.ndarray:
        """Indexes of the features whose property `name` equals `value`, in file order."""
        by_value = self._by_value.get(name)
        if by_value is None:
            positions: dict[Any, list[int]] = {}
            for i, props in enumerate(self.properties):
                found = props.get(name)
                if found is not None:
                    positions.setdefault(found, []).append(i)
            by_value = {k: np.asarray(v, dtype=np.intp) for k, v in positions.items()}
            self._by_value[name] = by_value
        return by_value.get(value, np.empty(0, dtype=np.intp))

    def parcels_by_section(self, section: str, numero: str) -> list[int]:
        """Parcels "section numero" of any commune (the parcel layer only)."""
        if self._by_section is None:
            index: dict[tuple[str, str], list[int]] = {}
            for i, props in enumerate(self.properties):
                key = (str(props.get("section", "")), str(props.get("numero", "")))
                index.setdefault(key, []).append(i)
            self._by_section = index
        return self._by_section.get((section, numero), [])

    def folded_labels(self) -> list[str]:
        """Address labels without accents: "12 bis chemin des ecoliers 31380 garidech"."""
        if self._labels is None:
            self._labels = [
                plain_words(
                    " ".join(
                        str(p.get(k) or "")
                        for k in ("numero", "rep", "nom_voie", "code_postal", "nom_commune")
                    )
                )
                for p in self.properties
            ]
        return self._labels


class GisStore:
    """The indexes of the current versions, shared by a portal process's threads.

    Every request compares the current version ids (one small query) with those indexed, so an
    import made by the CLI in another process is served by the next request, without restart.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._indexes: dict[str, LayerIndex] = {}
        self._lock = threading.Lock()

    def current(self) -> dict[str, LayerIndex]:
        with self.sessions() as db:
            wanted = current_version_ids(db)
            indexes = self._indexes
            if all(
                layer in indexes and indexes[layer].version.id == version_id
                for layer, version_id in wanted.items()
            ) and len(indexes) == len(wanted):
                return indexes
            with self._lock:
                indexes = dict(self._indexes)
                for layer, version_id in wanted.items():
                    if layer not in indexes or indexes[layer].version.id != version_id:
                        version = db.get(LayerVersion, version_id)
                        indexes[layer] = LayerIndex.load(db, version)
                for layer in set(indexes) - set(wanted):
                    del indexes[layer]
                self._indexes = indexes
            return indexes
