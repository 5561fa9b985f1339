"""The GIS layers: their names, required fields, geometry kinds, identifiers and French words."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

POLYGONS = ("Polygon", "MultiPolygon")
ANY_GEOMETRY = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
)
POINTS = ("Point",)

# CNIG zone types; Ah, Nh, Nd only appear in older files.
ZONE_TYPES = ("U", "AUc", "AUs", "A", "N", "Ah", "Nh", "Nd")
ZONE_TYPE_WORDS = {
    "U": "Zone urbaine",
    "AUc": "Zone à urbaniser (constructible)",
    "AUs": "Zone à urbaniser (fermée, constructible après modification du PLU)",
    "A": "Zone agricole",
    "N": "Zone naturelle et forestière",
    "Ah": "Zone agricole, secteur de hameau",
    "Nh": "Zone naturelle, secteur de hameau",
    "Nd": "Zone naturelle, secteur particulier",
}
# The legend's groups: one colour per family of zone types.
ZONE_FAMILIES = {
    "U": "U",
    "AUc": "AU",
    "AUs": "AU",
    "A": "A",
    "Ah": "A",
    "N": "N",
    "Nh": "N",
    "Nd": "N",
}
FAMILY_WORDS = {
    "U": "Zones urbaines (U)",
    "AU": "Zones à urbaniser (AU)",
    "A": "Zones agricoles (A)",
    "N": "Zones naturelles (N)",
}

IDURBA_RE = re.compile(r"^((?:[0-9]{2}|2[AB])[0-9]{3}|[0-9]{9})_[A-Za-z]+_[0-9]{8}(?:_\w+)?$")
PARCEL_ID_RE = re.compile(r"^((?:[0-9]{2}|2[AB])[0-9]{3})([0-9]{3})([0-9A-Z]{2})([0-9]{4})$")
INSEE_RE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{3}$")


class FieldError(ValueError):
    """A property value that does not fit its field (the message is the reason, in English)."""


def _idurba(value: Any) -> str:
    text = str(value)
    if not IDURBA_RE.match(text):
        raise FieldError(f"{text!r} is not an IDURBA such as 31212_PLU_20260301")
    return text


def _typezone(value: Any) -> str:
    text = str(value)
    if text not in ZONE_TYPES:
        raise FieldError(f"{text!r} is not a CNIG zone type ({', '.join(ZONE_TYPES)})")
    return text


def _parcel_id(value: Any) -> str:
    text = str(value)
    if not PARCEL_ID_RE.match(text):
        raise FieldError(
            f"{text!r} is not a 14-character parcel id (INSEE 5 + prefix 3 + section 2 + number 4)"
        )
    return text


def _insee(value: Any) -> str:
    text = str(value)
    if not INSEE_RE.match(text):
        raise FieldError(f"{text!r} is not an INSEE code of 5 characters")
    return text


def _text(value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise FieldError("empty")
    return text


def _area(value: Any) -> int:
    try:
        area = int(value)
    except (TypeError, ValueError):
        raise FieldError(f"{value!r} is not an area in square metres") from None
    if area < 0:
        raise FieldError(f"{area} is negative")
    return area


def du_partition(idurba: str) -> str:
    """The GPU partition of an urbanism document: "DU_" + the INSEE code or SIREN of its IDURBA."""
    return "DU_" + idurba.split("_", 1)[0]


@dataclass(frozen=True)
class Layer:
    """One layer: what a feature must carry and how it is named and grouped.

    `partition` tells which part of the layer a file replaces: a PLU file replaces the
    documents (IDURBA territories) it contains, a cadastre or BAN file the communes it
    contains, as the GPU, Etalab and the BAN publish them; None: the file is the whole layer.
    """

    name: str
    title: str  # French, for people
    geometry_types: tuple[str, ...]
    required: dict[str, Callable[[Any], Any]]
    natural_key: str | None
    partition: Callable[[dict[str, Any]], str] | None
    typename: str  # the apicarto / WFS type name used in feature ids
    item_words: tuple[str, str]  # French singular, plural ("zone", "zones")
    ignored_in_diff: frozenset[str] = frozenset()
    optional: dict[str, Callable[[Any], Any]] | None = None  # checked when present


# Document-level fields change with every approval; a zone whose other fields and geometry are
# the same is not "changed" by a new IDURBA.
DOCUMENT_FIELDS = frozenset({"idurba", "datappro", "datvalid", "nomfic", "urlfic", "gid"})

LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (
        Layer(
            "communes",
            "Communes",
            POLYGONS,
            {"code": _insee, "nom": _text},
            "code",
            None,
            "municipality",
            ("commune", "communes"),
        ),
        Layer(
            "plu_zones",
            "PLU – zones",
            POLYGONS,
            {"idurba": _idurba, "libelle": _text, "typezone": _typezone},
            None,
            lambda p: du_partition(p["idurba"]),
            "zone_urba",
            ("zone", "zones"),
            DOCUMENT_FIELDS,
        ),
        Layer(
            "plu_prescriptions",
            "PLU – prescriptions",
            ANY_GEOMETRY,
            {"idurba": _idurba, "libelle": _text, "typepsc": _text},
            None,
            lambda p: du_partition(p["idurba"]),
            "prescription",
            ("prescription", "prescriptions"),
            DOCUMENT_FIELDS,
        ),
        Layer(
            "plu_informations",
            "PLU – informations",
            ANY_GEOMETRY,
            {"idurba": _idurba, "libelle": _text, "typeinf": _text},
            None,
            lambda p: du_partition(p["idurba"]),
            "info",
            ("information", "informations"),
            DOCUMENT_FIELDS,
        ),
        Layer(
            "parcels",
            "Parcelles cadastrales",
            POLYGONS,
            {
                "id": _parcel_id,
                "commune": _insee,
                "section": _text,
                "numero": _text,
            },
            "id",
            lambda p: p["commune"],
            "parcelle",
            ("parcelle", "parcelles"),
            frozenset({"created", "updated"}),
            {"contenance": _area},
        ),
        Layer(
            "addresses",
            "Adresses (BAN)",
            POINTS,
            {
                "id": _text,
                "numero": _text,
                "nom_voie": _text,
                "code_postal": _text,
                "code_insee": _insee,
                "nom_commune": _text,
            },
            "id",
            lambda p: p["code_insee"],
            "adresse",
            ("adresse", "adresses"),
        ),
        Layer(
            "poi",
            "Points d'intérêt",
            POINTS,
            {"nom": _text, "categorie": _text},
            None,
            None,
            "poi",
            ("point d'intérêt", "points d'intérêt"),
        ),
    )
}


def geometry_kind(geometry_type: str) -> str:
    """The CNIG suffix of a prescription or information: surf, lin or pct."""
    if geometry_type.endswith("Polygon"):
        return "surf"
    if geometry_type.endswith("LineString"):
        return "lin"
    return "pct"


def zone_type_words(typezone: str | None) -> str:
    return ZONE_TYPE_WORDS.get(typezone or "", typezone or "")
