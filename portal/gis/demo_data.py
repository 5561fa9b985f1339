"""Synthetic DEMO layers for the communes of a territory (not the real cadastre, PLU or BAN).

    python -m portal.gis.demo_data OUTDIR [--territory territory.toml] [--parcel-size 200]

writes communes, PLU zones, prescriptions and informations (and one modification of the
Garidech PLU: its three tables, to import as second versions), parcels, BAN addresses and
points of interest, with the real field names (CNIG, Etalab, BAN) and fictitious content.
Communes are Voronoi cells around an approximate centre of each commune; the output is the same
for the same input.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.affinity
import shapely.geometry

from collab.territory import Territory, load_territory

DEMO_NOTICE = (
    "DONNÉES DE DÉMONSTRATION — fictives, générées par portal.gis.demo_data : ce ne sont ni le "
    "cadastre, ni les PLU, ni les adresses réels des communes."
)
CENTRES_FILE = Path(__file__).with_name("demo_centres.csv")
# A local metric frame around the territory (equirectangular: good enough at this scale).
ORIGIN = (1.6, 43.7)
M_PER_DEG_LAT = 111_132.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(ORIGIN[1]))
# The Girou valley, roughly, from Verfeil down to Villariès (longitude, latitude).
RIVER = [(1.735, 43.64), (1.66, 43.652), (1.583, 43.676), (1.55, 43.705), (1.51, 43.733),
         (1.46, 43.77)]  # fmt: skip
MODIFIED_COMMUNE = "31212"  # Garidech: its PLU is modified in the second version
MODIFICATION_IDURBA_DATE = "20260301"
STREETS = (
    "Rue de l'Église", "Chemin des Écoliers", "Allée des Érables", "Route de Toulouse",
    "Impasse du Château d'Eau", "Avenue de la Résistance", "Chemin de Saint-Jean",
    "Rue des Prés", "Chemin de la Côte", "Rue du Moulin",
)  # fmt: skip
SECTIONS = [f"0{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [
    f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
]
ZONES = {  # libelle: (typezone, libelong, destdomi)
    "UA": ("U", "Zone urbaine du centre ancien", "03"),
    "UB": ("U", "Zone urbaine d'extension pavillonnaire", "01"),
    "1AU": ("AUc", "Zone à urbaniser ouverte, à vocation d'habitat", "01"),
    "2AU": ("AUs", "Zone à urbaniser fermée (réserve foncière)", "01"),
    "A": ("A", "Zone agricole", "07"),
    "N": ("N", "Zone naturelle : vallée et coteaux boisés", "08"),
}


def to_metres(lon: float, lat: float) -> tuple[float, float]:
    return (lon - ORIGIN[0]) * M_PER_DEG_LON, (lat - ORIGIN[1]) * M_PER_DEG_LAT


def to_degrees(geometry: Any) -> Any:
    """A geometry of the metric frame in longitude/latitude, on a 1e-7° grid (about 1 cm)."""
    moved = shapely.transform(
        geometry,
        lambda xy: np.column_stack(
            (xy[:, 0] / M_PER_DEG_LON + ORIGIN[0], xy[:, 1] / M_PER_DEG_LAT + ORIGIN[1])
        ),
    )
    return shapely.make_valid(shapely.set_precision(moved, 1e-7))


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    """Lambert-93 (EPSG:2154) x, y of a WGS 84 point, as the BAN's x and y columns."""
    e, n, c, xs, ys = (
        0.0818191910428158,
        0.7256077650532670,
        11754255.426096,
        700000.0,
        12655612.049876,
    )
    phi, lam = math.radians(lat), math.radians(lon - 3.0)
    lat_iso = math.log(math.tan(math.pi / 4 + phi / 2)) - e / 2 * math.log(
        (1 + e * math.sin(phi)) / (1 - e * math.sin(phi))
    )
    r, gamma = c * math.exp(-n * lat_iso), n * lam
    return round(xs + r * math.sin(gamma), 2), round(ys - r * math.cos(gamma), 2)


def _unit(*parts: object) -> float:
    """A deterministic number in [0, 1) from `parts` (the same demo every time)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _polygons(geometry: Any, min_area: float = 1.0) -> Any | None:
    """Only the polygonal part of a result, None when nothing worth a feature is left."""
    parts = [
        g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon" and g.area >= min_area
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _feature(properties: dict[str, Any], geometry: Any, fid: str | None = None) -> dict:
    """A feature whose geometry is still a shapely object (write_collection encodes them)."""
    feature: dict[str, Any] = {"type": "Feature"}
    if fid is not None:
        feature["id"] = fid
    feature["geometry"] = geometry
    feature["properties"] = properties
    return feature


def collection(name: str, features: list[dict]) -> dict:
    return {
        "type": "FeatureCollection",
        "name": name,
        "description": DEMO_NOTICE,
        "demo": True,
        "features": features,
    }


def write_collection(path: Path, document: dict) -> Path:
    """Write a collection of `_feature`s as GeoJSON (geometries encoded by shapely at once)."""
    features = document["features"]
    shapes = np.array([f["geometry"] for f in features], dtype=object)
    texts = shapely.to_geojson(shapes) if len(features) else []
    parts = []
    for feature, geometry in zip(features, texts, strict=True):
        head = {k: v for k, v in feature.items() if k not in ("geometry", "properties")}
        properties = json.dumps(feature["properties"], ensure_ascii=False)
        parts.append(
            f'{json.dumps(head, ensure_ascii=False)[:-1]},"geometry":{geometry},'
            f'"properties":{properties}}}'
        )
    meta = json.dumps({k: v for k, v in document.items() if k != "features"}, ensure_ascii=False)
    path.write_text(f'{meta[:-1]},"features":[{",".join(parts)}]}}', encoding="utf-8")
    return path


@dataclass
class DemoCommune:
    insee: str
    name: str
    postal_code: str
    population: int
    centre: tuple[float, float]  # metric frame
    cell: Any = None  # metric polygon
    zones: dict[str, Any] | None = None  # libelle -> metric geometry
    datappro: str = ""

    @property
    def idurba(self) -> str:
        return f"{self.insee}_PLU_{self.datappro}"

    def plan(self, modified: bool) -> tuple[str, str]:
        """The plan's IDURBA and approval date: the first one, or the modification's."""
        datappro = MODIFICATION_IDURBA_DATE if modified else self.datappro
        return f"{self.insee}_PLU_{datappro}", datappro


def read_centres(path: Path = CENTRES_FILE) -> dict[str, tuple[float, float]]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["insee"]: (float(row["lon"]), float(row["lat"]))
            for row in csv.DictReader(handle, delimiter=";")
        }


def demo_communes(territory: Territory, only: Iterable[str] | None = None) -> list[DemoCommune]:
    known = read_centres()
    communes = []
    for k, commune in enumerate(territory.communes):
        if commune.insee in known:
            lon, lat = known[commune.insee]
        else:  # another territory: a spiral around the origin, 3 km apart
            angle, radius = k * 2.4, 3000 * math.sqrt(k + 1)
            lon = ORIGIN[0] + radius * math.cos(angle) / M_PER_DEG_LON
            lat = ORIGIN[1] + radius * math.sin(angle) / M_PER_DEG_LAT
        year = 2012 + int(_unit("plu", commune.insee) * 11)
        communes.append(
            DemoCommune(
                commune.insee,
                commune.name,
                commune.postal_codes[0] if commune.postal_codes else "",
                commune.population,
                to_metres(lon, lat),
                datappro=f"{year}{1 + int(_unit('m', commune.insee) * 12):02d}15",
            )
        )
    points = shapely.MultiPoint([c.centre for c in communes])
    outline = shapely.convex_hull(points).buffer(2500)
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=outline))
    for commune in communes:
        centre = shapely.Point(commune.centre)
        cell = next(c for c in cells if c.contains(centre))
        commune.cell = cell.intersection(outline)
    if only is not None:
        wanted = set(only)
        communes = [c for c in communes if c.insee in wanted]
    return communes


def _sector(centre: Any, r_in: float, r_out: float, start: float, end: float) -> Any:
    steps = np.radians(np.linspace(start, end, 24))
    cx, cy = centre.x, centre.y
    outer = [(cx + r_out * math.cos(a), cy + r_out * math.sin(a)) for a in steps]
    inner = [(cx + r_in * math.cos(a), cy + r_in * math.sin(a)) for a in steps[::-1]]
    return shapely.Polygon(outer + inner)


def plan_zones(commune: DemoCommune, river: Any) -> dict[str, Any]:
    """UA in the centre, UB around it, 1AU and 2AU sectors, N along the river, A elsewhere."""
    centre = shapely.Point(commune.centre)
    r1 = 140 + 3.2 * math.sqrt(commune.population)
    r2 = r1 * 2.1
    turn = _unit("turn", commune.insee) * 360
    zones = {
        "UA": centre.buffer(r1, 24),
        "UB": centre.buffer(r2, 32).difference(centre.buffer(r1, 24)),
        "1AU": _sector(centre, r2, r2 + 320, turn - 35, turn + 35),
        "2AU": _sector(centre, r2, r2 + 280, turn + 140, turn + 190),
    }
    taken = shapely.union_all(list(zones.values()))
    woods = shapely.Point(
        commune.centre[0] + 1400 * math.cos(math.radians(turn + 90)),
        commune.centre[1] + 1400 * math.sin(math.radians(turn + 90)),
    ).buffer(450, 16)
    zones["N"] = shapely.union(river.buffer(220), woods).difference(taken)
    zones["A"] = commune.cell.difference(shapely.union(taken, zones["N"]))
    clipped = {}
    for libelle, geometry in zones.items():
        part = _polygons(geometry.intersection(commune.cell), min_area=500)
        if part is not None:
            clipped[libelle] = part
    return clipped


def zone_features(commune: DemoCommune, *, modified: bool = False) -> list[dict]:
    """The CNIG zones of one commune; `modified`: 1AU opened as UC, 2AU opened as 1AU."""
    features = []
    idurba, datappro = commune.plan(modified)
    nomfic = f"{commune.insee}_reglement_{datappro}.pdf"
    for libelle, geometry in (commune.zones or {}).items():
        typezone, libelong, destdomi = ZONES[libelle]
        shown = libelle
        if modified and libelle == "1AU":
            shown, typezone, libelong = "UC", "U", "Zone urbaine d'extension récente"
        elif modified and libelle == "2AU":
            shown, typezone, libelong = "1AUb", "AUc", ZONES["1AU"][1]
        properties = {
            "idurba": idurba,
            "libelle": shown,
            "libelong": libelong,
            "typezone": typezone,
            "destdomi": destdomi,
            "nomfic": nomfic,
            "urlfic": f"https://plu.exemple.invalid/{commune.insee}/{nomfic}",
            "datappro": datappro,
            "datvalid": datappro,
        }
        features.append(_feature(properties, to_degrees(geometry), f"{commune.insee}-{libelle}"))
    return features


def prescription_features(commune: DemoCommune, *, modified: bool = False) -> list[dict]:
    """The prescriptions of one commune's plan (`modified`: the same, in the modified plan)."""
    centre = shapely.Point(commune.centre)
    turn = _unit("turn", commune.insee) * 360
    base = {"idurba": commune.plan(modified)[0], "nomfic": "", "urlfic": ""}
    woods = shapely.Point(
        commune.centre[0] + 1400 * math.cos(math.radians(turn + 90)),
        commune.centre[1] + 1400 * math.sin(math.radians(turn + 90)),
    ).buffer(300, 16)
    reserved = shapely.box(-60, -15, 60, 15)
    reserved = shapely.affinity.translate(
        shapely.affinity.rotate(reserved, turn), centre.x + 80, centre.y - 60
    )
    hedge = shapely.LineString(
        [
            (
                centre.x + r * math.cos(math.radians(turn + a)),
                centre.y + r * math.sin(math.radians(turn + a)),
            )
            for r, a in ((500, 200), (1100, 215))
        ]
    )
    items = [
        ("EBC", "Espace boisé classé", "01", "", _polygons(woods.intersection(commune.cell), 100)),
        ("ER1", "Emplacement réservé n° 1", "05", "Élargissement de la voie communale au profit "
         "de la commune", _polygons(reserved.intersection(commune.cell), 10)),
        ("HAIE", "Haie à préserver", "07", "Élément de paysage à protéger (art. L151-23)",
         hedge.intersection(commune.cell)),
        ("EGLISE", "Église", "07", "Patrimoine bâti à protéger (art. L151-19)",
         shapely.Point(centre.x - 30, centre.y + 25)),
    ]  # fmt: skip
    features = []
    for key, libelle, typepsc, txt, geometry in items:
        if geometry is None or geometry.is_empty:
            continue
        properties = {**base, "libelle": libelle, "txt": txt, "typepsc": typepsc,
                      "stypepsc": "00"}  # fmt: skip
        features.append(_feature(properties, to_degrees(geometry), f"{commune.insee}-{key}"))
    return features


def information_features(commune: DemoCommune, *, modified: bool = False) -> list[dict]:
    """The urban pre-emption right over the U and AU zones (the modification keeps them U or
    AU), in the commune's plan or its modification."""
    zones = commune.zones or {}
    urban = shapely.union_all([zones[k] for k in ("UA", "UB", "1AU", "2AU") if k in zones])
    properties = {
        "idurba": commune.plan(modified)[0],
        "libelle": "Droit de préemption urbain",
        "txt": "Périmètre du droit de préemption urbain (zones U et AU)",
        "typeinf": "04",
        "stypeinf": "00",
        "nomfic": "",
        "urlfic": "",
    }
    return [_feature(properties, to_degrees(urban), f"{commune.insee}-DPU")]


def _split(quad: tuple, n: int) -> list[tuple]:
    """n x n quadrilaterals of a quadrilateral (bilinear), sharing the edges of their neighbours."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad

    def at(u: float, v: float) -> tuple[float, float]:
        return (
            (1 - u) * (1 - v) * x0 + u * (1 - v) * x1 + u * v * x2 + (1 - u) * v * x3,
            (1 - u) * (1 - v) * y0 + u * (1 - v) * y1 + u * v * y2 + (1 - u) * v * y3,
        )

    steps = [k / n for k in range(n + 1)]
    return [
        (at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1))
        for v0, v1 in zip(steps, steps[1:], strict=False)
        for u0, u1 in zip(steps, steps[1:], strict=False)
    ]


def parcel_geometries(commune: DemoCommune, size: float) -> list[Any]:
    """A jittered grid clipped to the commune: small plots in the village, larger around it."""
    minx, miny, maxx, maxy = commune.cell.bounds
    xs = np.arange(minx - size, maxx + size, size)
    ys = np.arange(miny - size, maxy + size, size)
    gx, gy = np.meshgrid(xs, ys)
    rng = np.random.default_rng(int(commune.insee.replace("A", "0").replace("B", "1")))
    gx = gx + rng.uniform(-0.22, 0.22, gx.shape) * size
    gy = gy + rng.uniform(-0.22, 0.22, gy.shape) * size
    village = (140 + 3.2 * math.sqrt(commune.population)) * 2.1
    cx0, cy0 = commune.centre
    quads = []
    for j in range(len(ys) - 1):
        for i in range(len(xs) - 1):
            quad = (
                (gx[j, i], gy[j, i]),
                (gx[j, i + 1], gy[j, i + 1]),
                (gx[j + 1, i + 1], gy[j + 1, i + 1]),
                (gx[j + 1, i], gy[j + 1, i]),
            )
            distance = math.hypot(
                sum(p[0] for p in quad) / 4 - cx0, sum(p[1] for p in quad) / 4 - cy0
            )
            n = 4 if distance < village + 50 else 2 if distance < village + 400 else 1
            quads += _split(quad, n) if n > 1 else [quad]
    polygons = shapely.polygons([list(q) + [q[0]] for q in quads])
    clipped = shapely.intersection(polygons, commune.cell)
    keep = []
    for polygon, quad in zip(clipped, polygons, strict=True):
        part = _polygons(polygon, min_area=quad.area * 0.15)
        if part is not None:
            keep.append(part)
    return keep


def parcel_features(commune: DemoCommune, size: float) -> list[dict]:
    """Etalab cadastre parcels: id = INSEE 5 + prefix 000 + section 2 + number 4."""
    geometries = parcel_geometries(commune, size)
    # Sections are blocks of the grid, numbered from the north-west like a cadastral plan.
    points = shapely.point_on_surface(np.array(geometries, dtype=object))
    block = size * 14
    minx, _, _, maxy = commune.cell.bounds
    columns = int((commune.cell.bounds[2] - minx) // block) + 1
    keys = [int((maxy - p.y) // block) * columns + int((p.x - minx) // block) for p in points]
    order = sorted(range(len(geometries)), key=lambda i: (keys[i], -points[i].y, points[i].x))
    numbers: dict[int, int] = {}
    section_of: dict[int, str] = {}
    features = []
    degrees = to_degrees(np.array(geometries, dtype=object))
    for i in order:
        section = section_of.setdefault(keys[i], SECTIONS[len(section_of) % len(SECTIONS)])
        numero = numbers[keys[i]] = numbers.get(keys[i], 0) + 1
        geometry = degrees[i]
        properties = {
            "id": f"{commune.insee}000{section}{numero:04d}",
            "commune": commune.insee,
            "prefixe": "000",
            "section": section,
            "numero": f"{numero:04d}",
            "contenance": int(round(geometries[i].area)),
            "arpente": False,
            "created": "2008-03-14",
            "updated": "2024-01-09",
        }
        features.append(_feature(properties, geometry, properties["id"]))
    return features


BAN_COLUMNS = (
    "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
    "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
    "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;"
    "cad_parcelles"
).split(";")


def address_rows(commune: DemoCommune, parcels: list[dict]) -> list[dict[str, Any]]:
    """One BAN address per built parcel (in a U zone), numbered along a street per sector."""
    urban = shapely.union_all([g for k, g in (commune.zones or {}).items() if k in ("UA", "UB")])
    urban = to_degrees(urban)
    shapely.prepare(urban)
    centre_lon = commune.centre[0] / M_PER_DEG_LON + ORIGIN[0]
    centre_lat = commune.centre[1] / M_PER_DEG_LAT + ORIGIN[1]
    streets: dict[int, list[tuple[float, dict, Any]]] = {}
    for feature in parcels:
        point = shapely.point_on_surface(feature["geometry"])
        if not urban.contains(point):
            continue
        dx, dy = (point.x - centre_lon) * M_PER_DEG_LON, (point.y - centre_lat) * M_PER_DEG_LAT
        sector = int(((math.degrees(math.atan2(dy, dx)) + 360) % 360) // 45)
        streets.setdefault(sector, []).append((math.hypot(dx, dy), feature, point))
    offset = int(_unit("streets", commune.insee) * len(STREETS))
    rows = [_mairie_address(commune, centre_lon, centre_lat)]
    for sector, items in sorted(streets.items()):
        street = STREETS[(sector + offset) % len(STREETS)]
        code = f"{(sector + 1) * 10:04d}"
        for k, (_distance, feature, point) in enumerate(sorted(items, key=lambda t: t[0])):
            numero = 2 * k + 1 if sector % 2 else 2 * k + 2
            rep = "bis" if k % 17 == 16 else ""
            x, y = lambert93(point.x, point.y)
            rows.append(
                {
                    "id": f"{commune.insee}_{code}_{numero:05d}" + (f"_{rep}" if rep else ""),
                    "id_fantoir": f"{commune.insee}_{code}",
                    "numero": numero,
                    "rep": rep,
                    "nom_voie": street,
                    "code_postal": commune.postal_code,
                    "code_insee": commune.insee,
                    "nom_commune": commune.name,
                    "x": x,
                    "y": y,
                    "lon": round(point.x, 6),
                    "lat": round(point.y, 6),
                    "type_position": "parcelle",
                    "libelle_acheminement": commune.name.upper(),
                    "nom_afnor": street.upper(),
                    "source_position": "commune",
                    "source_nom_voie": "commune",
                    "certification_commune": 1,
                    "cad_parcelles": feature["properties"]["id"],
                }
            )
    return rows


def _mairie_address(commune: DemoCommune, lon: float, lat: float) -> dict[str, Any]:
    x, y = lambert93(lon, lat)
    return {
        "id": f"{commune.insee}_0001_00001",
        "id_fantoir": f"{commune.insee}_0001",
        "numero": 1,
        "rep": "",
        "nom_voie": "Place de la Mairie",
        "code_postal": commune.postal_code,
        "code_insee": commune.insee,
        "nom_commune": commune.name,
        "x": x,
        "y": y,
        "lon": round(lon, 6),
        "lat": round(lat, 6),
        "type_position": "entrée",
        "libelle_acheminement": commune.name.upper(),
        "nom_afnor": "PLACE DE LA MAIRIE",
        "source_position": "commune",
        "source_nom_voie": "commune",
        "certification_commune": 1,
        "cad_parcelles": "",
    }


def poi_features(communes: list[DemoCommune], territory: Territory) -> list[dict]:
    features = []
    by_insee = {c.insee: c for c in communes}
    for commune in communes:
        lon = commune.centre[0] / M_PER_DEG_LON + ORIGIN[0]
        lat = commune.centre[1] / M_PER_DEG_LAT + ORIGIN[1]
        properties = {
            "nom": f"Mairie de {commune.name}",
            "categorie": "mairie",
            "commune": commune.insee,
            "adresse": f"1 place de la Mairie, {commune.postal_code} {commune.name}",
        }
        features.append(
            _feature(
                properties, shapely.Point(round(lon, 6), round(lat, 6)), f"mairie-{commune.insee}"
            )
        )
    for centre in territory.centres:
        commune = by_insee.get(centre.commune)
        if commune is None:
            continue
        x, y = commune.centre[0] + 260, commune.centre[1] - 120
        point = shapely.Point(
            round(x / M_PER_DEG_LON + ORIGIN[0], 6), round(y / M_PER_DEG_LAT + ORIGIN[1], 6)
        )
        properties = {
            "nom": centre.name,
            "categorie": "centre-de-loisirs",
            "commune": centre.commune,
            "adresse": centre.address,
        }
        features.append(_feature(properties, point, f"centre-{centre.key}"))
    return features


def generate(
    outdir: Path,
    territory: Territory,
    *,
    parcel_size: float = 200.0,
    only: Iterable[str] | None = None,
) -> dict[str, Path]:
    """Write every demo layer into `outdir`; {name: path}, with the three tables of the
    Garidech modification as "plu_zones_modification", "plu_prescriptions_modification" and
    "plu_informations_modification"."""
    outdir.mkdir(parents=True, exist_ok=True)
    communes = demo_communes(territory, only)
    river = shapely.LineString([to_metres(*p) for p in RIVER])
    for commune in communes:
        commune.zones = plan_zones(commune, river)
    paths = {}
    paths["communes"] = write_collection(
        outdir / "communes.geojson",
        collection(
            "communes",
            [
                _feature(
                    {"code": c.insee, "nom": c.name, "population": c.population},
                    to_degrees(c.cell),
                    c.insee,
                )
                for c in communes
            ],
        ),
    )
    paths["plu_zones"] = write_collection(
        outdir / "plu_zones.geojson",
        collection("zone_urba", [f for c in communes for f in zone_features(c)]),
    )
    modified = [c for c in communes if c.insee == MODIFIED_COMMUNE]
    if modified:  # the three tables of the modified plan, all with its new IDURBA
        for layer, name, features in (
            ("plu_zones", "zone_urba", zone_features),
            ("plu_prescriptions", "prescription", prescription_features),
            ("plu_informations", "info", information_features),
        ):
            paths[f"{layer}_modification"] = write_collection(
                outdir / f"{layer}_{MODIFIED_COMMUNE}_modification.geojson",
                collection(name, features(modified[0], modified=True)),
            )
    paths["plu_prescriptions"] = write_collection(
        outdir / "plu_prescriptions.geojson",
        collection("prescription", [f for c in communes for f in prescription_features(c)]),
    )
    paths["plu_informations"] = write_collection(
        outdir / "plu_informations.geojson",
        collection("info", [f for c in communes for f in information_features(c)]),
    )
    parcels_by_commune = {c.insee: parcel_features(c, parcel_size) for c in communes}
    paths["parcels"] = write_collection(
        outdir / "parcels.geojson",
        collection("parcelles", [f for fs in parcels_by_commune.values() for f in fs]),
    )
    paths["addresses"] = outdir / "addresses.csv"
    with paths["addresses"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, BAN_COLUMNS, delimiter=";", restval="")
        writer.writeheader()
        for commune in communes:
            writer.writerows(address_rows(commune, parcels_by_commune[commune.insee]))
    paths["poi"] = write_collection(
        outdir / "poi.geojson", collection("poi", poi_features(communes, territory))
    )
    (outdir / "LISEZMOI.txt").write_text(DEMO_NOTICE + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic DEMO GIS layers.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--territory", type=Path, default=Path("territory.toml"))
    parser.add_argument("--parcel-size", type=float, default=200.0, help="grid step in metres")
    args = parser.parse_args(argv)
    paths = generate(args.outdir, load_territory(args.territory), parcel_size=args.parcel_size)
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
