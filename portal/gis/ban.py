"""Import addresses from a Base Adresse Nationale CSV (`;`-separated, lon/lat in WGS 84)."""

from __future__ import annotations

import csv
import io

import shapely

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

REQUIRED_COLUMNS = ("id", "numero", "nom_voie", "code_postal", "code_insee", "nom_commune")
POSITION_COLUMNS = ("lon", "lat")


def read_ban_csv(
    layer: Layer, data: bytes, progress: Progress = no_progress
) -> tuple[list[ParsedFeature], dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GisImportError(f"file: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    lines = text.splitlines()
    total = max(len(lines) - 1, 0)
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    header = [name.strip().lower() for name in reader.fieldnames or []]
    for column in REQUIRED_COLUMNS + POSITION_COLUMNS:
        if column not in header:
            raise GisImportError(
                f'line 1: field "{column}": missing column (a BAN CSV is ;-separated with '
                "id;numero;rep;nom_voie;code_postal;code_insee;nom_commune;…;lon;lat;…)"
            )
    reader.fieldnames = header
    step = max(total // 10, 1)
    parsed: list[ParsedFeature] = []
    for n, row in enumerate(reader, start=2):
        where = f"line {n}"
        if None in row:
            raise GisImportError(f"{where}: more fields than the header has columns")
        properties = check_properties(layer, where, {k: (v or "").strip() for k, v in row.items()})
        position = []
        for column in POSITION_COLUMNS:
            try:
                position.append(float(properties[column].replace(",", ".")))
            except (ValueError, AttributeError):
                raise GisImportError(
                    f'{label(where, properties, layer)}: field "{column}": '
                    f"{properties.get(column)!r} is not a number"
                ) from None
        parsed.append(
            ParsedFeature(
                where,
                properties["id"],
                layer.partition(properties) if layer.partition else None,
                properties,
                shapely.Point(*position),
            )
        )
        if (n - 1) % step == 0:
            progress("reading", n - 1, total)
    check_geometries(layer, parsed, progress)
    assign_ids(layer, parsed)
    return parsed, {}
