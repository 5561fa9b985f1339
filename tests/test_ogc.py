"""OGC API – Features at /ogc/, read by OWSLib (the client library QGIS users script with)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest
import shapely
from conftest import ROOT, make_settings, secrets_for
from owslib.ogcapi.features import Features
from owslib.util import Authentication
from werkzeug.serving import make_server

from collab import db
from collab.config import Settings
from collab.territory import load_territory
from portal.app import create_app
from portal.gis.demo_data import generate
from portal.gis.versions import import_layer

LAYERS = ("communes", "plu_zones", "plu_prescriptions", "parcels", "poi")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    territory = load_territory(ROOT / "territory.toml")
    return generate(
        tmp_path_factory.mktemp("gis"), territory, parcel_size=300, only=("31212", "31228")
    )


def serve(settings: Settings, files: dict[str, Path], territory):
    """The portal over real HTTP (werkzeug in a thread) with the layers imported."""
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    for layer in LAYERS:
        with sessions.begin() as session:
            import_layer(session, layer, files[layer], "test", settings=settings)
    engine.dispose()
    app = create_app(settings, territory, secrets_for(settings))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}/ogc/"


@pytest.fixture(scope="module")
def ogc(tmp_path_factory, files):
    home = tmp_path_factory.mktemp("portal")
    settings = make_settings(home).with_overrides(
        database__url=f"sqlite:///{home / 'portal.db'}", gis__basemap="none"
    )
    server, url = serve(settings, files, load_territory(ROOT / "territory.toml"))
    yield url
    server.shutdown()


def test_landing_page_and_conformance(ogc):
    api = Features(ogc)
    rels = {link["rel"]: link["href"] for link in api.links}
    assert rels["self"] == ogc
    assert rels["data"] == ogc + "collections"
    assert rels["conformance"] == ogc + "conformance"
    conforms = api.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_collections_describe_each_layer(ogc, files):
    api = Features(ogc)
    assert api.feature_collections() == list(LAYERS)
    zones = api.collection("plu_zones")
    assert zones["title"] == "PLU – zones"
    assert zones["itemType"] == "feature"
    assert "DONNÉES DE DÉMONSTRATION" in zones["description"]
    expected = shapely.total_bounds(
        [
            shapely.geometry.shape(f["geometry"])
            for f in json.loads(files["plu_zones"].read_text())["features"]
        ]
    )
    assert zones["extent"]["spatial"]["bbox"][0] == pytest.approx(list(expected), abs=1e-7)
    assert zones["girou:version"]["number"] == 1
    items = next(link for link in zones["links"] if link["rel"] == "items")
    assert items["href"] == ogc + "collections/plu_zones/items"


def test_items_with_bbox_limit_offset_and_paging_links(ogc, files):
    api = Features(ogc)
    parcels = json.loads(files["parcels"].read_text())["features"]
    box = (1.55, 43.70, 1.565, 43.715)
    area = shapely.box(*box)
    expected = [p["id"] for p in parcels if shapely.geometry.shape(p["geometry"]).intersects(area)]
    assert len(expected) > 25

    first = api.collection_items("parcels", bbox=list(box), limit=10)
    assert first["numberMatched"] == len(expected)
    assert first["numberReturned"] == 10
    links = {link["rel"]: link["href"] for link in first["links"]}
    assert "prev" not in links
    assert "offset=10" in links["next"]
    assert "limit=10" in links["next"]

    # Follow the next links to the end, as QGIS does: every matching parcel once, in order.
    seen = [f["id"] for f in first["features"]]
    url = links["next"]
    with httpx.Client() as http:
        while url:
            page = http.get(url, headers={"Accept": "application/geo+json"}).json()
            seen += [f["id"] for f in page["features"]]
            links = {link["rel"]: link["href"] for link in page["links"]}
            assert "prev" in links
            url = links.get("next")
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))

    middle = api.collection_items("parcels", bbox=list(box), limit=5, offset=10)
    assert [f["id"] for f in middle["features"]] == seen[10:15]
    everything = api.collection_items("parcels", limit=100000)
    assert everything["numberReturned"] == len(parcels)  # within the maximum: all


def test_single_item_and_errors(ogc, files):
    api = Features(ogc)
    parcel = json.loads(files["parcels"].read_text())["features"][3]
    item = api.collection_item("parcels", parcel["id"])
    assert item["id"] == parcel["id"]
    assert item["properties"] == parcel["properties"]
    assert shapely.geometry.shape(item["geometry"]).equals(
        shapely.geometry.shape(parcel["geometry"])
    )
    with httpx.Client(base_url=ogc) as http:
        for path, status in (
            ("collections/parcels/items/31212000ZZ9999", 404),
            ("collections/routes", 404),
            ("collections/parcels/items?bbox=1,2,3", 400),
            ("collections/parcels/items?limit=0", 400),
            ("collections/parcels/items?bbox-crs=EPSG:2154&bbox=1,2,3,4", 400),
        ):
            response = http.get(path)
            assert response.status_code == status, path
            assert response.json()["message"], path


def test_restricted_layers_need_the_one_identity(stack, provisioned, tmp_path, files):
    """A layer named in [gis] restricted_layers opens with the Matrix login, over Basic auth."""
    territory, passwords = provisioned
    settings = stack.settings.with_overrides(
        database__url=f"sqlite:///{tmp_path / 'portal.db'}",
        gis__basemap="none",
        gis__restricted_layers="parcels",
    )
    server, url = serve(settings, files, territory)
    try:
        api = Features(url)
        assert "parcels" not in api.feature_collections()
        response = httpx.get(url + "collections/parcels/items")
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic")
        assert httpx.get(url + "collections/communes/items").status_code == 200

        login = "chloe.demo"
        wrong = Features(url, auth=Authentication(login, "not-the-password"))
        assert "parcels" not in wrong.feature_collections()
        official = Features(url, auth=Authentication(login, passwords[login]))
        assert "parcels" in official.feature_collections()
        assert official.collection_items("parcels", limit=3)["numberReturned"] == 3
        # The full Matrix ID works too, although it has a colon.
        full = f"@{login}:{settings.server_name}"
        response = httpx.get(
            url + "collections/parcels/items?limit=1", auth=(full, passwords[login])
        )
        assert response.status_code == 200
    finally:
        server.shutdown()
