"""GIS imports: versions, manifests, diffs, all-or-nothing on bad files, the announcement's row."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from pathlib import Path

import pytest
import shapely
from conftest import ROOT, make_settings
from sqlalchemy import delete, func, select

from bridges.templates import render
from collab import db
from collab.outbox import OutboxMessage
from collab.territory import load_territory
from portal.gis import source as gis_source
from portal.gis.checks import GisImportError
from portal.gis.cli import import_gis_command
from portal.gis.demo_data import generate
from portal.gis.models import LayerFeature, LayerVersion
from portal.gis.versions import import_layer

COMMUNES = ("31212", "31228")  # Garidech (its PLU is modified) and Gragnague


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> dict[str, Path]:
    """Synthetic demo layers for two communes, with coarse parcels to stay quick."""
    territory = load_territory(ROOT / "territory.toml")
    return generate(tmp_path_factory.mktemp("gis-demo"), territory, parcel_size=300, only=COMMUNES)


@pytest.fixture
def env(tmp_path, database_url):
    """(settings, sessionmaker) on an empty database (SQLite, then PostgreSQL)."""
    settings = make_settings(tmp_path).with_overrides(database__url=database_url)
    engine = db.make_engine(database_url)
    db.create_schema(engine)
    yield settings, db.make_sessionmaker(engine)
    engine.dispose()


def load(env, layer: str, path: Path, by: str = "test"):
    settings, sessions = env
    with sessions.begin() as session:
        return import_layer(session, layer, path, by, settings=settings)


def counts(sessions) -> tuple[int, int, int]:
    with sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(LayerVersion)),
            session.scalar(select(func.count()).select_from(LayerFeature)),
            session.scalar(select(func.count()).select_from(OutboxMessage)),
        )


def test_first_import_is_version_one_with_its_manifest(env, demo_files):
    path = demo_files["plu_zones"]
    result = load(env, "plu_zones", path, by="alice.exemple")
    version = result.version
    features = json.loads(path.read_text())["features"]
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert version.manifest["sha256"] == version.sha256
    assert version.manifest["file_features"] == version.feature_count == len(features)
    assert version.manifest["idurba"] == sorted({f["properties"]["idurba"] for f in features})
    assert version.manifest["by"] == "alice.exemple"
    assert version.manifest["at"].endswith("+00:00")
    assert version.manifest["demo"] is True  # the demo files say so
    assert version.diff["added"] == len(features)
    assert version.diff["removed"] == version.diff["changed"] == 0
    assert counts(env[1])[:2] == (1, len(features))


def test_the_same_file_again_makes_no_new_version(env, demo_files):
    load(env, "communes", demo_files["communes"])
    again = load(env, "communes", demo_files["communes"])
    assert again.unchanged
    assert again.previous.number == 1
    assert counts(env[1])[0] == 1


def test_plu_modification_is_version_two_with_its_diff(env, demo_files):
    load(env, "communes", demo_files["communes"])
    load(env, "parcels", demo_files["parcels"])
    first = load(env, "plu_zones", demo_files["plu_zones"]).version
    second = load(env, "plu_zones", demo_files["plu_zones_modification"], by="chloe.demo").version

    assert second.number == 2
    assert second.manifest["idurba"] == ["31212_PLU_20260301"]
    assert second.manifest["partitions"] == ["DU_31212"]
    # The file holds Garidech alone: Gragnague's zones are kept as they were.
    assert second.feature_count == first.feature_count
    diff = second.diff
    assert (diff["added"], diff["removed"], diff["changed"]) == (0, 0, 2)
    assert sorted(diff["changed_ids"]) == ["31212-1AU", "31212-2AU"]
    assert set(diff["zone_transitions"]) == {"AUc → U", "AUs → AUc"}
    assert diff["parcels_changing_zone"] == sum(diff["zone_transitions"].values()) > 0

    # Cross-check the parcels with shapely: exactly those whose inner point lies in the two
    # zones that were opened.
    zones = json.loads(demo_files["plu_zones"].read_text())["features"]
    opened = shapely.union_all(
        [shapely.geometry.shape(z["geometry"]) for z in zones if z["id"] in diff["changed_ids"]]
    )
    parcels = json.loads(demo_files["parcels"].read_text())["features"]
    expected = sorted(
        p["id"]
        for p in parcels
        if opened.contains(shapely.point_on_surface(shapely.geometry.shape(p["geometry"])))
    )
    assert sorted(diff["parcel_ids"]) == expected


def test_a_new_version_writes_its_announcement_in_the_same_transaction(env, demo_files):
    settings, sessions = env
    load(env, "communes", demo_files["communes"])
    load(env, "parcels", demo_files["parcels"])
    load(env, "plu_zones", demo_files["plu_zones"])
    before = counts(sessions)

    # Rolled back: neither the version nor its announcement remain.
    with sessions() as session:
        result = import_layer(
            session, "plu_zones", demo_files["plu_zones_modification"], "t", settings=settings
        )
        row = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.source_id == f"gis:version:{result.version.id}"
            )
        ).one()
        assert row.room_key == "instance:urbanisme"
        session.rollback()
    assert counts(sessions) == before

    # Committed: both.
    version = load(env, "plu_zones", demo_files["plu_zones_modification"]).version
    with sessions() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.source_id == f"gis:version:{version.id}")
        ).one()
    assert row.kind == "gis.version"
    assert row.payload["url"] == f"{settings.public_url('portal')}/carte?version={version.id}"
    moved = version.diff["parcels_changing_zone"]
    message = render(row.kind, row.payload)
    assert message.body.startswith(
        "PLU de Garidech — nouvelle version 31212_PLU_20260301 : 2 zones modifiées, "
        f"{moved} parcelles changent de zone (AUc → U, AUs → AUc)"
    )
    assert f'href="{row.payload["url"]}"' in message.html


def test_the_gis_source_announces_a_version_written_without_its_row(env, demo_files):
    settings, sessions = env
    version = load(env, "communes", demo_files["communes"]).version
    with sessions.begin() as session:
        session.execute(delete(OutboxMessage))
    source = gis_source.Source(settings, None, load_territory(ROOT / "territory.toml"))
    with sessions.begin() as session:
        assert source.poll(session) == 1
    with sessions.begin() as session:
        assert source.poll(session) == 0
        row = session.scalars(select(OutboxMessage)).one()
    assert row.source_id == f"gis:version:{version.id}"
    assert render(row.kind, row.payload).body.startswith(
        "Communes — nouvelle version n° 1 : 2 communes ajoutées"
    )


def test_a_cadastre_file_replaces_only_its_communes(env, demo_files):
    load(env, "parcels", demo_files["parcels"])
    parcels = json.loads(demo_files["parcels"].read_text())
    garidech = [f for f in parcels["features"] if f["properties"]["commune"] == "31212"]
    removed, changed = garidech[0]["id"], garidech[1]["id"]
    garidech[1]["properties"]["contenance"] += 10
    update = {**parcels, "features": garidech[1:]}
    path = demo_files["parcels"].with_name("parcels-31212.geojson")
    path.write_text(json.dumps(update))
    version = load(env, "parcels", path).version
    assert version.feature_count == len(parcels["features"]) - 1
    assert version.diff["removed_ids"] == [removed]
    assert version.diff["changed_ids"] == [changed]
    assert version.diff["added"] == 0


def test_ban_addresses_import_from_csv(env, demo_files):
    version = load(env, "addresses", demo_files["addresses"]).version
    lines = demo_files["addresses"].read_text(encoding="utf-8").splitlines()
    assert version.feature_count == len(lines) - 1
    assert version.manifest["partitions"] == list(COMMUNES)


# --- bad files: the error names the feature and the field, and nothing changes ----------------


def _zones(demo_files) -> dict:
    return json.loads(demo_files["plu_zones"].read_text())


def _last(document: dict) -> dict:
    # Always spoil the LAST feature: everything before it was fine, and still nothing lands.
    return document["features"][-1]


def bad_json(files):
    return files["plu_zones"].read_text()[:-40], "file: invalid JSON"


def missing_field(files):
    doc = _zones(files)
    del _last(doc)["properties"]["typezone"]
    n = len(doc["features"]) - 1
    return (
        doc,
        f'features[{n}] (libelle {_last(doc)["properties"]["libelle"]}): field "typezone": missing',
    )


def wrong_value(files):
    doc = _zones(files)
    _last(doc)["properties"]["typezone"] = "Q"
    return doc, "field \"typezone\": 'Q' is not a CNIG zone type"


def wrong_geometry_type(files):
    doc = _zones(files)
    _last(doc)["geometry"] = {"type": "LineString", "coordinates": [[1.55, 43.7], [1.56, 43.71]]}
    n, libelle = len(doc["features"]) - 1, _last(doc)["properties"]["libelle"]
    return doc, f'features[{n}] (libelle {libelle}): field "geometry": type LineString'


def invalid_geometry(files):
    doc = _zones(files)
    bowtie = [[1.55, 43.70], [1.56, 43.71], [1.56, 43.70], [1.55, 43.71], [1.55, 43.70]]
    _last(doc)["geometry"] = {"type": "Polygon", "coordinates": [bowtie]}
    return doc, 'field "geometry": invalid (Self-intersection'


def wrong_crs(files):
    doc = _zones(files)
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
    return doc, "file: field \"crs\": 'urn:ogc:def:crs:EPSG::2154' is not EPSG:4326"


def projected_coordinates(files):
    doc = _zones(files)
    square = [[575000, 6290000], [575100, 6290000], [575100, 6290100], [575000, 6290000]]
    _last(doc)["geometry"] = {"type": "Polygon", "coordinates": [square]}
    return doc, 'field "geometry": coordinates (575000, 6.29e+06) are not longitude/latitude'


def malformed_geometry(files):
    doc = _zones(files)
    _last(doc)["geometry"] = {"type": "Polygon", "coordinates": [[1.55, 43.7]]}
    return doc, 'field "geometry": malformed'


def bad_idurba(files):
    doc = _zones(files)
    _last(doc)["properties"]["idurba"] = "PLU Garidech"
    return doc, "field \"idurba\": 'PLU Garidech' is not an IDURBA"


BAD_FILES = [
    bad_json,
    missing_field,
    wrong_value,
    wrong_geometry_type,
    invalid_geometry,
    wrong_crs,
    projected_coordinates,
    malformed_geometry,
    bad_idurba,
]


@pytest.mark.parametrize("spoil", BAD_FILES, ids=[f.__name__ for f in BAD_FILES])
def test_a_bad_file_changes_nothing_and_names_feature_and_field(env, demo_files, tmp_path, spoil):
    load(env, "parcels", demo_files["parcels"])
    load(env, "plu_zones", demo_files["plu_zones"])
    before = counts(env[1])
    document, expected = spoil(demo_files)
    path = tmp_path / "bad.geojson"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    with pytest.raises(GisImportError) as caught:
        load(env, "plu_zones", path)
    assert expected in str(caught.value)
    assert counts(env[1]) == before


def test_bad_ban_rows_name_the_line_and_field(env, demo_files, tmp_path):
    lines = demo_files["addresses"].read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    row = lines[5].split(";")
    row[header.index("lon")] = "un-et-demi"
    lines[5] = ";".join(row)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(GisImportError, match=r'^line 6 \(id [0-9_]+\): field "lon": '):
        load(env, "addresses", path)
    path.write_text("\n".join([lines[0].replace(";lat;", ";latitude;")] + lines[1:]))
    with pytest.raises(GisImportError, match='line 1: field "lat": missing column'):
        load(env, "addresses", path)
    assert counts(env[1]) == (0, 0, 0)


def test_the_cli_reports_errors_and_success(env, demo_files, tmp_path, capsys, caplog, monkeypatch):
    settings, sessions = env
    monkeypatch.setattr("portal.gis.cli.PROGRESS_FROM", 10)  # show progress on a small file
    caplog.set_level(logging.INFO, logger="girou.progress")
    args = argparse.Namespace(layer="plu_zones", file=str(demo_files["plu_zones"]), by="cli-test")
    assert import_gis_command(settings, args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("plu_zones: version 1 (")
    zones = len(json.loads(demo_files["plu_zones"].read_text(encoding="utf-8"))["features"])
    summaries = [r.getMessage() for r in caplog.records if " done in " in r.getMessage()]
    # One task per stage, one after the other (not a terminal: log lines).
    assert [s.split(" done in ")[0] for s in summaries] == [
        f"plu_zones: reading: {zones}",
        f"plu_zones: checking geometries: {zones}",
        f"plu_zones: writing: {zones}",
    ]

    document, expected = missing_field(demo_files)
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(document))
    args = argparse.Namespace(layer="plu_zones", file=str(bad), by="cli-test")
    assert import_gis_command(settings, args) == 1
    out, err = capsys.readouterr()
    assert expected in err
    assert "nothing was imported" in err
    assert counts(sessions)[0] == 1


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        ({"item_words": ["zone", "zones"]}, "aucun changement"),
        (
            {"item_words": ["parcelle", "parcelles"], "added": 16540, "changed": 1, "removed": 2},
            "16\u202f540 parcelles ajoutées, 1 parcelle modifiée, 2 parcelles supprimées",
        ),
        (
            {"item_words": ["point d'intérêt", "points d'intérêt"], "added": 2},
            "2 points d'intérêt ajoutés",
        ),
        (
            {"item_words": ["zone", "zones"], "changed": 1, "parcels_changing_zone": 1,
             "zone_transitions": {"AUc → U": 1}},
            "1 zone modifiée, 1 parcelle change de zone (AUc → U)",
        ),
    ],
)  # fmt: skip
def test_french_wording_of_the_changes(payload, text):
    from portal.gis.messages import changes_text

    assert changes_text(payload) == text
