"""Benchmark: the GIS with 50,000 synthetic parcels (issue 6).

Measures, in one run:
- import time of the 50k parcel layer (a new version, diff, outbox row; SQLite, and
  PostgreSQL when one answers on 127.0.0.1:5432);
- point lookups per second in-process with the STRtree index (target >= 50,000/s), against a
  naive loop over all parcels (bounding box test, then point-in-polygon) measured in the same
  run, and the full lookup (parcel, zones, prescriptions, commune);
- HTTP lookup latency through gunicorn (target p95 < 20 ms), with /healthz as the floor;
- OGC API bbox items queries (1 km boxes, limit 1000) through gunicorn (target p95 < 100 ms),
  against a naive scan of all parcels for the same boxes in-process.

Prints one JSON document.  Run: .venv/bin/python bench/gis.py
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import PG_ADMIN_URL  # noqa: E402

from collab import config, credentials, db  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.gis import demo_data  # noqa: E402
from portal.gis.index import LayerIndex  # noqa: E402
from portal.gis.lookup import lookup_point  # noqa: E402
from portal.gis.models import latest_version  # noqa: E402
from portal.gis.versions import import_layer  # noqa: E402

PARCELS = 50_000
SEED = 6


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def write_layers(work: Path) -> dict[str, Path]:
    """The demo layers of the 18 communes, with parcels cut finer until there are 50,000."""
    territory = load_territory(ROOT / "territory.toml")
    paths = demo_data.generate(work, territory, parcel_size=400)  # zones, communes…
    communes = demo_data.demo_communes(territory)
    river = shapely.LineString([demo_data.to_metres(*p) for p in demo_data.RIVER])
    for commune in communes:
        commune.zones = demo_data.plan_zones(commune, river)
    size, parcels = 110.0, []
    while len(parcels) < PARCELS:
        parcels = [f for c in communes for f in demo_data.parcel_features(c, size)]
        size *= (len(parcels) / PARCELS) ** 0.5 * 0.97
    random.Random(SEED).shuffle(parcels)  # a sample of every commune, not the first ones
    paths["parcels"] = work / "parcels-50k.geojson"
    demo_data.write_collection(
        paths["parcels"], demo_data.collection("parcelles", parcels[:PARCELS])
    )
    return paths


def timed_import(url: str, paths: dict[str, Path]) -> dict[str, float]:
    settings = config.load(Path(tempfile.mkdtemp()), environ={}).with_overrides(database__url=url)
    engine = db.make_engine(url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    for layer in ("communes", "plu_zones", "plu_prescriptions", "plu_informations"):
        with sessions.begin() as session:
            import_layer(session, layer, paths[layer], "bench", settings=settings)
    started = time.perf_counter()
    with sessions.begin() as session:
        import_layer(session, "parcels", paths["parcels"], "bench", settings=settings)
    first = time.perf_counter() - started
    # A second version (a new file with one parcel changed): the diff against 50,000.
    document = json.loads(paths["parcels"].read_text(encoding="utf-8"))
    document["features"][0]["properties"]["contenance"] += 1
    changed = paths["parcels"].with_name("parcels-50k-v2.geojson")
    changed.write_text(json.dumps(document), encoding="utf-8")
    started = time.perf_counter()
    with sessions.begin() as session:
        result = import_layer(session, "parcels", changed, "bench", settings=settings)
    second = time.perf_counter() - started
    assert result.version.diff["changed"] == 1, result.version.diff
    engine.dispose()
    return {"first_version_s": round(first, 2), "second_version_with_diff_s": round(second, 2)}


def postgres_url() -> str | None:
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except Exception:
        return None
    name = f"girou_bench_gis_{os.getpid()}"
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def in_process(url: str) -> dict:
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    rss = psutil.Process().memory_info().rss
    started = time.perf_counter()
    layers = {}
    with sessions() as session:
        for layer in ("communes", "plu_zones", "plu_prescriptions", "plu_informations", "parcels"):
            layers[layer] = LayerIndex.load(session, latest_version(session, layer))
    build = time.perf_counter() - started
    index_mb = (psutil.Process().memory_info().rss - rss) / 2**20
    engine.dispose()
    parcels = layers["parcels"]
    minx, miny, maxx, maxy = parcels.extent
    rng = random.Random(SEED)
    points = [(rng.uniform(minx, maxx), rng.uniform(miny, maxy)) for _ in range(100_000)]

    started = time.perf_counter()
    hits = sum(1 for x, y in points if parcels.at_point(x, y))
    strtree_rate = len(points) / (time.perf_counter() - started)

    # The same points in one call (what a batch job, e.g. geocoding a file, would use).
    started = time.perf_counter()
    parcels.tree.query(shapely.points(points), predicate="within")
    bulk_rate = len(points) / (time.perf_counter() - started)

    started = time.perf_counter()
    for x, y in points[:20_000]:
        lookup_point(layers, x, y)
    full_rate = 20_000 / (time.perf_counter() - started)

    # Baseline: a loop over every parcel, bounding box first, then the polygon test.
    geometries = list(parcels.geometries)
    bounds = [tuple(b) for b in shapely.bounds(parcels.geometries).tolist()]
    sample = points[:60]
    started = time.perf_counter()
    for x, y in sample:
        for (a, b, c, d), geometry in zip(bounds, geometries, strict=True):
            if a <= x <= c and b <= y <= d and shapely.contains_xy(geometry, x, y):
                break
    naive_rate = len(sample) / (time.perf_counter() - started)

    boxes = one_km_boxes(parcels.extent, 200)
    started = time.perf_counter()
    for box in boxes:
        parcels.in_bbox(*box)
    strtree_bbox_ms = (time.perf_counter() - started) / len(boxes) * 1000
    started = time.perf_counter()
    for box in boxes[:20]:
        shape = shapely.box(*box)
        [i for i, g in enumerate(geometries) if shape.intersects(g)]
    naive_bbox_ms = (time.perf_counter() - started) / 20 * 1000
    return {
        "index_build_s": round(build, 2),
        "index_memory_mb": round(index_mb),
        "points_hitting_a_parcel": round(hits / len(points), 3),
        "point_lookups_per_s": round(strtree_rate),
        "naive_point_lookups_per_s": round(naive_rate, 1),
        "point_lookup_ratio": round(strtree_rate / naive_rate),
        "bulk_point_lookups_per_s": round(bulk_rate),
        "full_lookups_per_s": round(full_rate),
        "bbox_query_ms_in_process": round(strtree_bbox_ms, 3),
        "naive_bbox_query_ms": round(naive_bbox_ms, 1),
        "bbox_query_ratio": round(naive_bbox_ms / strtree_bbox_ms),
    }


def one_km_boxes(extent, n: int) -> list[tuple[float, float, float, float]]:
    minx, miny, maxx, maxy = extent
    dx, dy = 1000 / demo_data.M_PER_DEG_LON, 1000 / demo_data.M_PER_DEG_LAT
    rng = random.Random(SEED + 1)
    boxes = []
    for _ in range(n):
        x, y = rng.uniform(minx, maxx - dx), rng.uniform(miny, maxy - dy)
        boxes.append((x, y, x + dx, y + dy))
    return boxes


def over_http(home: Path, url: str, extent) -> dict:
    """gunicorn (1 sync worker, as in production) serving the portal on this database."""
    port = free_port()
    (home / "girou.toml").write_text(
        f'[database]\nurl = "{url}"\n[portal]\nport = {port}\n', encoding="utf-8"
    )
    credentials.ensure_secrets(home)
    env = {**os.environ, "GIROU_HOME": str(home)}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}",
         "portal.wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if http.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start")
                time.sleep(0.1)
            started = time.perf_counter()
            http.get("/api/gis/lookup?lon=1.6&lat=43.7").raise_for_status()  # builds the indexes
            warmup = time.perf_counter() - started

            def latencies(paths: list[str]) -> list[float]:
                out = []
                for path in paths:
                    started = time.perf_counter()
                    http.get(path).raise_for_status()
                    out.append((time.perf_counter() - started) * 1000)
                return out

            minx, miny, maxx, maxy = extent
            rng = random.Random(SEED + 2)
            points = [(rng.uniform(minx, maxx), rng.uniform(miny, maxy)) for _ in range(1000)]
            lookups = [f"/api/gis/lookup?lon={x:.6f}&lat={y:.6f}" for x, y in points]
            health = latencies(["/healthz"] * 500)
            lookup = latencies(lookups)
            boxes = [
                "/ogc/collections/parcels/items?limit=1000&bbox=" + ",".join(f"{v:.6f}" for v in b)
                for b in one_km_boxes(extent, 300)
            ]
            cold = latencies(boxes)
            warm = latencies(boxes)
            sizes = [http.get(path).json()["numberReturned"] for path in boxes[:50]]
    finally:
        server.terminate()
        server.wait()
    return {
        "first_request_with_index_build_s": round(warmup, 2),
        "healthz_p95_ms": round(percentile(health, 95), 2),
        "lookup_p50_ms": round(percentile(lookup, 50), 2),
        "lookup_p95_ms": round(percentile(lookup, 95), 2),
        "lookup_p95_target_ms": 20,
        "bbox_items_p50_ms": round(percentile(cold, 50), 2),
        "bbox_items_p95_ms": round(percentile(cold, 95), 2),
        "bbox_items_p95_ms_cached_json": round(percentile(warm, 95), 2),
        "bbox_items_p95_target_ms": 100,
        "bbox_items_mean_features": round(statistics.mean(sizes)),
    }


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="girou-bench-gis-"))
    started = time.perf_counter()
    paths = write_layers(work / "layers")
    generation = time.perf_counter() - started
    sqlite_url = f"sqlite:///{work / 'portal.db'}"
    result: dict = {"parcels": PARCELS, "generation_s": round(generation, 1)}
    result["import_sqlite"] = timed_import(sqlite_url, paths)
    pg = postgres_url()
    if pg is not None:
        try:
            result["import_postgresql"] = timed_import(pg, paths)
        finally:
            drop_postgres(pg)
    else:
        result["import_postgresql"] = "skipped: no PostgreSQL on 127.0.0.1:5432"
    result["in_process"] = in_process(sqlite_url)
    engine = db.make_engine(sqlite_url)
    with db.make_sessionmaker(engine)() as session:
        version = latest_version(session, "parcels")
        extent = shapely.total_bounds(LayerIndex.load(session, version).geometries).tolist()
    engine.dispose()
    result["http"] = over_http(work, sqlite_url, extent)
    http, mem = result["http"], result["in_process"]
    result["targets"] = {
        "point_lookups_per_s>=50000": mem["point_lookups_per_s"] >= 50_000,
        "lookup_p95<20ms": http["lookup_p95_ms"] < 20,
        "bbox_items_p95<100ms": http["bbox_items_p95_ms"] < 100,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
