"""The public urbanism lookup: by point, parcel and address; apicarto-shaped answer; the PDF."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import shapely
from conftest import ROOT, make_settings, secrets_for

from collab import db
from collab.territory import load_territory
from portal.app import create_app
from portal.gis.demo_data import generate
from portal.gis.versions import import_layer

COMMUNES = ("31212", "31228")
LAYERS = ("communes", "plu_zones", "plu_prescriptions", "plu_informations", "parcels",
          "addresses", "poi")  # fmt: skip
CNIG_ZONE_FIELDS = {"idurba", "libelle", "libelong", "typezone", "destdomi", "nomfic", "urlfic",
                    "datappro", "datvalid"}  # fmt: skip


def make_portal(tmp_path: Path, files: dict[str, Path], layers=LAYERS, **gis):
    territory = load_territory(ROOT / "territory.toml")
    settings = make_settings(tmp_path).with_overrides(
        database__url=f"sqlite:///{tmp_path / 'portal.db'}"
    )
    settings = settings.with_overrides(
        **{f"gis__{key}": value for key, value in {"basemap": "none", **gis}.items()}
    )
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    for layer in layers:
        with sessions.begin() as session:
            import_layer(session, layer, files[layer], "test", settings=settings)
    app = create_app(settings, territory, secrets_for(settings))
    return app, sessions, settings


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    territory = load_territory(ROOT / "territory.toml")
    return generate(tmp_path_factory.mktemp("gis"), territory, parcel_size=300, only=COMMUNES)


@pytest.fixture(scope="module")
def client(tmp_path_factory, files):
    app, sessions, _ = make_portal(tmp_path_factory.mktemp("portal"), files)
    with sessions.begin() as session:
        import_layer(
            session,
            "plu_zones",
            files["plu_zones_modification"],
            "test",
            settings=app.extensions["girou"].settings,
        )
    return app.test_client()


def features(path: Path) -> list[dict]:
    return json.loads(path.read_text())["features"]


def inner_point(feature: dict) -> shapely.Point:
    return shapely.point_on_surface(shapely.geometry.shape(feature["geometry"]))


def by_kind(answer: dict) -> dict[str, list[dict]]:
    kinds: dict[str, list[dict]] = {}
    for feature in answer["features"]:
        kinds.setdefault(feature["id"].split(".", 1)[0], []).append(feature)
    return kinds


def a_parcel_in(files, libelle: str, commune: str = "31228") -> dict:
    """A parcel whose inner point lies in the zone `libelle` of `commune` (version 1 zones)."""
    zone = next(z for z in features(files["plu_zones"]) if z["id"] == f"{commune}-{libelle}")
    shape = shapely.geometry.shape(zone["geometry"])
    return next(p for p in features(files["parcels"]) if shape.contains(inner_point(p)))


def test_point_lookup_answers_like_apicarto(client, files):
    parcel = a_parcel_in(files, "UB")
    point = inner_point(parcel)
    response = client.get(f"/api/gis/lookup?lon={point.x}&lat={point.y}")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    answer = response.get_json()
    assert answer["type"] == "FeatureCollection"
    assert answer["totalFeatures"] == answer["numberMatched"] == answer["numberReturned"]
    assert answer["numberReturned"] == len(answer["features"])
    assert answer["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4326"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", answer["timeStamp"])
    kinds = by_kind(answer)
    assert kinds["parcelle"][0]["properties"]["id"] == parcel["id"]
    assert kinds["municipality"][0]["properties"] == {"insee": "31228", "name": "Gragnague"}
    zone = kinds["zone_urba"][0]
    assert zone["id"] == "zone_urba.31228-UB"
    assert zone["geometry_name"] == "the_geom"
    assert CNIG_ZONE_FIELDS <= set(zone["properties"])
    assert zone["properties"]["typezone"] == "U"
    assert zone["properties"]["partition"] == "DU_31228"
    for feature in answer["features"]:
        assert all(key == key.lower() for key in feature["properties"])
        assert feature["geometry"]["type"]
    # The DPU information covers the U zones: it touches this parcel.
    assert kinds["info_surf"][0]["properties"]["typeinf"] == "04"


def test_point_off_the_map_is_an_empty_collection(client):
    answer = client.get("/api/gis/lookup?lon=2.35&lat=48.85").get_json()
    assert answer["features"] == []
    assert answer["totalFeatures"] == 0


def test_parcel_lookup_by_id_and_by_commune_section_number(client, files):
    parcel = a_parcel_in(files, "A")
    props = parcel["properties"]
    section, numero = props["section"], str(int(props["numero"]))
    for reference in (
        props["id"],
        f"Gragnague {section} {numero}",
        f"{section} {props['numero']} gragnague",
        f"31228 {section}{numero}",
    ):
        answer = client.get("/api/gis/lookup", query_string={"parcelle": reference}).get_json()
        assert by_kind(answer)["parcelle"][0]["properties"]["id"] == props["id"], reference
        assert by_kind(answer)["zone_urba"][0]["properties"]["typezone"] == "A"


def test_parcel_lookup_asks_for_the_commune_when_ambiguous(client):
    response = client.get("/api/gis/lookup", query_string={"parcelle": "0A 1"})
    assert response.status_code == 404
    assert response.get_json()["message"] == (
        "Plusieurs parcelles A 1 (Garidech, Gragnague) : précisez la commune."
    )
    response = client.get("/api/gis/lookup", query_string={"parcelle": "31212000ZZ9999"})
    assert response.status_code == 404
    assert "Aucune parcelle 31212000ZZ9999" in response.get_json()["message"]


def test_address_lookup_ignores_accents_and_case(client, files):
    with files["addresses"].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    row = next(r for r in rows if "É" in r["nom_voie"] and r["cad_parcelles"])
    plain = row["nom_voie"].replace("É", "E").upper()
    for text in (
        f"{row['numero']} {plain} {row['nom_commune'].lower()}",
        f"{row['numero']} {row['nom_voie']}, {row['code_postal']} {row['nom_commune']}",
    ):
        answer = client.get("/api/gis/lookup", query_string={"adresse": text}).get_json()
        kinds = by_kind(answer)
        assert kinds["adresse"][0]["properties"]["id"] == row["id"], text
        assert kinds["parcelle"][0]["properties"]["id"] == row["cad_parcelles"]
        assert kinds["zone_urba"]
    response = client.get("/api/gis/lookup", query_string={"adresse": "rue qui n existe pas"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Indiquez lon et lat, ou parcelle, ou adresse."),
        ("lon=1.5", "Paramètre « lat » manquant ou non numérique."),
        ("lon=abc&lat=43.7", "Paramètre « lon » manquant ou non numérique."),
        ("lon=1.5&lat=143.7", "« lat » doit être compris entre -90 et 90 (WGS 84)."),
    ],
)
def test_bad_lookup_parameters_get_a_french_json_error(client, query, message):
    response = client.get(f"/api/gis/lookup?{query}")
    assert response.status_code == 400
    assert response.get_json()["message"] == message


def test_the_pdf_fiche_is_information_not_a_certificate(client, files):
    parcel = a_parcel_in(files, "UA")
    response = client.get("/carte/fiche.pdf", query_string={"parcelle": parcel["id"]})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = response.data
    assert pdf.startswith(b"%PDF-")
    text = pdf.decode("latin-1")  # uncompressed core-font text
    assert "DOCUMENT D'INFORMATION : CE N'EST PAS UN CERTIFICAT D'URBANISME" in text
    assert "ne remplace pas un certificat d'urbanisme" in text
    assert "DONNÉES DE DÉMONSTRATION" in text
    assert parcel["id"] in text
    assert "UA - Zone urbaine" in text
    assert "Gragnague" in text
    assert client.get("/carte/fiche.pdf?lon=2.35&lat=48.85").status_code == 404


def test_the_index_follows_a_new_version_without_restart(tmp_path, files):
    app, sessions, settings = make_portal(tmp_path, files, layers=("parcels", "plu_zones"))
    client = app.test_client()
    parcel = a_parcel_in(files, "1AU", commune="31212")
    query = {"parcelle": parcel["id"]}

    def zones() -> dict[str, str]:
        answer = client.get("/api/gis/lookup", query_string=query).get_json()
        return {z["properties"]["libelle"]: z["properties"]["typezone"] for z in answer["features"]
                if z["id"].startswith("zone_urba.")}  # fmt: skip

    assert zones()["1AU"] == "AUc"
    # The CLI's transaction, as from another process.
    with sessions.begin() as session:
        import_layer(session, "plu_zones", files["plu_zones_modification"], "t", settings=settings)
    after = zones()
    assert after["UC"] == "U"
    assert "1AU" not in after


def test_the_map_page_has_the_search_the_legend_and_a_text_alternative(client, files):
    response = client.get("/carte")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Données de démonstration" in html
    assert '<table class="gis-table">' in html
    assert '<th scope="row">Garidech</th>' in html
    assert "31212_PLU_20260301" in html  # the modified document
    assert 'role="search"' in html
    assert "Zones à urbaniser (AU)" in html  # legend
    # CSP: no inline script or style; the basemap is "none", so no image host either.
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert " style=" not in html
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:;" in csp
    assert "unsafe-inline" not in csp
    leaflet = client.get("/static-npm/leaflet/leaflet.js")
    assert leaflet.status_code == 200
    assert b"Leaflet" in leaflet.data[:400]


def test_the_map_search_shows_the_answer_in_words(client, files):
    parcel = a_parcel_in(files, "N")
    props = parcel["properties"]
    reference = f"Gragnague {props['section']} {int(props['numero'])}"
    html = client.get("/carte", query_string={"type": "parcelle", "q": reference}).get_data(
        as_text=True
    )
    assert 'id="gis-resultat"' in html
    # The long label follows the zone type when it says more ...
    assert "Zone naturelle et forestière : Zone naturelle : vallée et coteaux boisés" in html
    assert f"/carte/fiche.pdf?parcelle={props['id']}" in html
    # ... and is not repeated when it is the type's own words (zone A: "Zone agricole").
    farm = a_parcel_in(files, "A")["properties"]
    reference = f"Gragnague {farm['section']} {int(farm['numero'])}"
    html = client.get("/carte", query_string={"type": "parcelle", "q": reference}).get_data(
        as_text=True
    )
    assert re.search(r"<strong>A</strong> — Zone agricole\s*<br>", html)
    html = client.get("/carte", query_string={"type": "parcelle", "q": "Nulle-part ZZ 1"}).get_data(
        as_text=True
    )
    assert "Commune inconnue : « Nulle-part »." in html


def test_the_change_link_of_an_announcement_shows_the_modification(client):
    answer = client.get("/api/gis/versions/999").get_json()
    assert answer["error"]
    page = client.get("/carte?version=1").get_data(as_text=True)  # communes, version 1
    assert "Communes — nouvelle version n° 1 : 2 communes ajoutées" in page


def test_the_ign_basemap_is_allowed_by_the_page_csp_only(tmp_path, files):
    app, _, _ = make_portal(tmp_path, files, layers=("communes",), basemap="ign")
    client = app.test_client()
    response = client.get("/carte")
    assert (
        "img-src 'self' data: https://data.geopf.fr;" in response.headers["Content-Security-Policy"]
    )
    assert "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in response.get_data(as_text=True)
    assert "data.geopf.fr" not in client.get("/").headers["Content-Security-Policy"]
