"""OGC API – Features at /ogc/, read by OWSLib (the client library QGIS users script with)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import httpx
import pytest
import shapely
from conftest import ROOT, make_settings, secrets_for
from jsonschema import Draft202012Validator
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
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
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
PART3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"


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


def features_of(path: Path) -> list[dict]:
    return json.loads(path.read_text())["features"]


def test_landing_page_and_conformance(ogc):
    api = Features(ogc)
    rels = {link["rel"]: link for link in api.links}
    assert rels["self"]["href"] == ogc
    assert rels["data"]["href"] == ogc + "collections"
    assert rels["conformance"]["href"] == ogc + "conformance"
    assert rels["service-desc"]["type"] == OPENAPI
    assert rels["service-doc"]["type"] == "text/html"
    conforms = api.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30" in conforms
    assert PART3 + "queryables" in conforms
    assert PART3 + "queryables-query-parameters" in conforms
    assert PART3 + "filter" not in conforms  # no CQL2

    documentation = httpx.get(rels["service-doc"]["href"])
    assert documentation.status_code == 200
    assert documentation.headers["Content-Type"].startswith("text/html")
    assert "GET /collections/plu_zones/items" in documentation.text
    assert "<code>typezone</code>" in documentation.text


def schema_of(definition: dict, path: str, status: str = "200") -> tuple[str, dict]:
    """The media type and schema of a response in the definition, resolvable on its own."""
    response = definition["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        response = definition["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    ((mimetype, content),) = response["content"].items()
    return mimetype, content["schema"] | {"components": definition["components"]}


def test_the_openapi_definition_describes_what_the_server_answers(ogc, files):
    api = Features(ogc)
    definition = api.api()  # through the landing page's service-desc link
    validate(definition)  # a valid OpenAPI 3.0 document
    assert definition["openapi"].startswith("3.0.")
    assert definition["servers"] == [{"url": ogc.rstrip("/")}]
    zones = definition["paths"]["/collections/plu_zones/items"]["get"]
    names = {p["name"] if "name" in p else p["$ref"].rsplit("/", 1)[1] for p in zones["parameters"]}
    assert {"bbox", "bbox-crs", "limit", "offset"} <= names
    assert {"idurba", "libelle", "typezone", "libelong", "datappro"} <= names

    # Every answer matches its schema in the definition, and has its media type.
    parcel = features_of(files["parcels"])[0]["id"]
    with httpx.Client() as http:
        for path, url in (
            ("/", ogc),
            ("/conformance", ogc + "conformance"),
            ("/collections", ogc + "collections"),
            ("/collections/parcels", ogc + "collections/parcels"),
            ("/collections/parcels/queryables", ogc + "collections/parcels/queryables"),
            ("/collections/parcels/items", ogc + "collections/parcels/items?limit=3"),
            ("/collections/parcels/items/{featureId}", ogc + f"collections/parcels/items/{parcel}"),
            ("/api", ogc + "api"),
        ):
            response = http.get(url)
            mimetype, schema = schema_of(definition, path)
            assert response.headers["Content-Type"].split("; charset")[0] == mimetype, path
            OAS30Validator(schema).validate(response.json())
        response = http.get(ogc + "collections/parcels/items?limit=0")
        _, schema = schema_of(definition, "/collections/parcels/items", "400")
        OAS30Validator(schema).validate(response.json())


def test_queryables_describe_the_properties_and_filter_the_items(ogc, files):
    api = Features(ogc)
    zones = api.collection("plu_zones")
    link = next(link for link in zones["links"] if link["rel"] == QUERYABLES)
    assert link["href"] == ogc + "collections/plu_zones/queryables"
    assert link["type"] == "application/schema+json"

    queryables = api.collection_queryables("plu_zones")
    Draft202012Validator.check_schema(queryables)  # a JSON Schema
    assert queryables["$id"] == link["href"]
    assert queryables["type"] == "object"
    properties = queryables["properties"]
    assert {"idurba", "libelle", "typezone", "libelong"} <= set(properties)
    parcels = api.collection_queryables("parcels")["properties"]
    assert parcels["contenance"]["type"] == "integer"
    assert parcels["section"]["type"] == "string"
    # Every simple property of the file is a queryable, of the type of all its values.
    python = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    for layer, described in (("plu_zones", properties), ("parcels", parcels)):
        for feature in features_of(files[layer]):
            for name, value in feature["properties"].items():
                if isinstance(value, str | int | float | bool):
                    assert isinstance(value, python[described[name]["type"]]), (layer, name)

    # property=value: the features whose property equals the value, with bbox and paging.
    zones_a = [
        z["id"] for z in features_of(files["plu_zones"]) if z["properties"]["typezone"] == "A"
    ]
    assert zones_a
    found = api.collection_items("plu_zones", typezone="A")
    assert sorted(f["id"] for f in found["features"]) == sorted(zones_a)
    assert found["numberMatched"] == len(zones_a)

    all_parcels = features_of(files["parcels"])
    section = all_parcels[0]["properties"]["section"]
    box = (1.55, 43.70, 1.565, 43.715)
    expected = [
        p["id"]
        for p in all_parcels
        if p["properties"]["section"] == section
        and shapely.geometry.shape(p["geometry"]).intersects(shapely.box(*box))
    ]
    first = api.collection_items("parcels", section=section, bbox=list(box), limit=2)
    assert first["numberMatched"] == len(expected)
    seen = [f["id"] for f in first["features"]]
    url = next((link["href"] for link in first["links"] if link["rel"] == "next"), None)
    while url:  # the next links keep the filter
        page = httpx.get(url).json()
        seen += [f["id"] for f in page["features"]]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    assert seen == expected

    area = all_parcels[5]["properties"]["contenance"]
    by_area = api.collection_items("parcels", contenance=area, limit=1000)
    assert {f["id"] for f in by_area["features"]} == {
        p["id"] for p in all_parcels if p["properties"].get("contenance") == area
    }
    assert api.collection_items("plu_zones", typezone="Z")["numberMatched"] == 0

    with httpx.Client(base_url=ogc) as http:
        for query, message in (
            ("contenance=grand", "contenance : un nombre entier est attendu."),
            ("typezon=A", "Paramètre inconnu : typezon"),
            ("section=A&section=B", "section : une seule valeur est attendue."),
        ):
            layer = "plu_zones" if query.startswith("typezon=") else "parcels"
            response = http.get(f"collections/{layer}/items?{query}")
            assert response.status_code == 400, query
            assert response.json()["message"].startswith(message), query


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


def ogrinfo(*args: str) -> str:
    done = subprocess.run(
        ["ogrinfo", "-ro", *args], capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("ogrinfo") is None,
    reason="GDAL's ogrinfo is not installed (Debian: apt-get install gdal-bin)",
)
def test_gdal_reads_the_layers_and_filters_on_the_server(ogc, files):
    """GDAL's OAPIF driver (QGIS's): the layers, and a -where sent as property=value."""
    listing = ogrinfo(f"OAPIF:{ogc}")
    for layer in LAYERS:
        assert re.search(rf"^\d+: {layer} \(title: ", listing, re.MULTILINE), layer
    summary = ogrinfo("-so", f"OAPIF:{ogc}", "parcels")
    assert f"Feature Count: {len(features_of(files['parcels']))}" in summary

    zones_a = [
        z["id"] for z in features_of(files["plu_zones"]) if z["properties"]["typezone"] == "A"
    ]
    answer = ogrinfo("-q", f"OAPIF:{ogc}", "plu_zones", "-where", "typezone = 'A'", "--debug", "on")
    # GDAL read the parameter in the OpenAPI definition and let the server filter.
    assert re.search(r"Fetch\(\S*/collections/plu_zones/items\?\S*typezone=A", answer)
    assert sorted(re.findall(r"^  id \(String\) = (\S+)$", answer, re.MULTILINE)) == sorted(zones_a)


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
        # The definition describes what each may read, and says when the login is needed.
        assert "/collections/parcels/items" not in api.api()["paths"]
        paths = official.api()["paths"]
        assert "401" in paths["/collections/parcels/items"]["get"]["responses"]
        assert "401" not in paths["/collections/communes/items"]["get"]["responses"]
        assert (
            official.collection_queryables("parcels")["properties"]["commune"]["type"] == "string"
        )
        assert httpx.get(url + "collections/parcels/queryables").status_code == 401
        assert official.collection_items("parcels", limit=3)["numberReturned"] == 3
        # The full Matrix ID works too, although it has a colon.
        full = f"@{login}:{settings.server_name}"
        response = httpx.get(
            url + "collections/parcels/items?limit=1", auth=(full, passwords[login])
        )
        assert response.status_code == 200
    finally:
        server.shutdown()
