"""The urbanism lookup: by point, parcel reference or address -> parcel, zones, rules, commune."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import shapely

from collab.french import fold
from portal.gis.index import LayerIndex, plain_words
from portal.gis.layers import PARCEL_ID_RE, geometry_kind, zone_type_words

CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}
# "AB 12", "0A0012", "000 AB 12": sections have a letter, which tells them from a number.
SECTION_NUMBER_RE = re.compile(
    r"^(?:(?P<prefixe>\d{3}) )?(?P<section>[0-9]?[A-Z]{1,2}) ?(?P<numero>\d{1,4})$"
)


class LookupError_(LookupError):
    """Nothing or too much found; the message is French, for the resident."""


@dataclass
class Lookup:
    """What is known at one place: indexes into each layer's current version."""

    lon: float
    lat: float
    layers: dict[str, LayerIndex]
    parcel: int | None = None
    address: int | None = None
    zones: list[int] = field(default_factory=list)
    prescriptions: list[int] = field(default_factory=list)
    informations: list[int] = field(default_factory=list)
    commune: int | None = None
    query: dict[str, Any] = field(default_factory=dict)

    def props(self, layer: str, i: int | None) -> dict[str, Any]:
        return {} if i is None else self.layers[layer].properties[i]


def _first(found: list[int]) -> int | None:
    return found[0] if found else None


def lookup_point(layers: dict[str, LayerIndex], lon: float, lat: float) -> Lookup:
    """The parcel at the point, and what touches that parcel (or the point, off the cadastre)."""
    result = Lookup(lon, lat, layers, query={"lon": lon, "lat": lat})
    if "parcels" in layers:
        result.parcel = _first(layers["parcels"].at_point(lon, lat))
    return _around(result)


def _around(result: Lookup) -> Lookup:
    layers = result.layers
    if result.parcel is not None:
        shape = layers["parcels"].geometries[result.parcel]
    else:
        shape = shapely.Point(result.lon, result.lat)
    if "plu_zones" in layers:
        zones = layers["plu_zones"]
        result.zones = zones.overlapping(shape)
        if len(result.zones) > 1 and result.parcel is not None:
            # A parcel across a zone border: the zone that holds most of it first.
            areas = shapely.area(shapely.intersection(zones.geometries[result.zones], shape))
            result.zones = [i for _, i in sorted(zip(-areas, result.zones, strict=True))]
    if "plu_prescriptions" in layers:
        result.prescriptions = layers["plu_prescriptions"].overlapping(shape)
    if "plu_informations" in layers:
        result.informations = layers["plu_informations"].overlapping(shape)
    if "communes" in layers:
        result.commune = _first(layers["communes"].at_point(result.lon, result.lat))
    return result


def _at_parcel(layers: dict[str, LayerIndex], i: int, query: dict[str, Any]) -> Lookup:
    point = shapely.point_on_surface(layers["parcels"].geometries[i])
    result = Lookup(point.x, point.y, layers, parcel=i, query=query)
    return _around(result)


def find_commune(layers: dict[str, LayerIndex], text: str) -> list[str]:
    """INSEE codes of the communes named (accents and case ignored) or coded by `text`."""
    wanted = plain_words(text)
    if not wanted or "communes" not in layers:
        return []
    codes = []
    for props in layers["communes"].properties:
        code, name = str(props.get("code")), plain_words(str(props.get("nom", "")))
        if wanted in (code, name):
            codes.append(code)
    if not codes:  # a prefix is enough when it names one commune: "montastruc"
        codes = [
            str(p.get("code"))
            for p in layers["communes"].properties
            if plain_words(str(p.get("nom", ""))).startswith(wanted)
        ]
    return codes


def parse_parcel_reference(text: str) -> tuple[str, str | None, str, str]:
    """(commune words, prefix, section, number) from "Garidech AB 12", "0A 12 Verfeil"…"""
    words = text.replace(",", " ").split()
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        for part, rest in ((words[-n:], words[:-n]), (words[:n], words[n:])):
            match = SECTION_NUMBER_RE.match(" ".join(part).upper())
            if match and len(match["section"]) <= 2:
                section, numero = match["section"].rjust(2, "0"), match["numero"].rjust(4, "0")
                return " ".join(rest), match["prefixe"], section, numero
    raise LookupError_(
        "Référence de parcelle non comprise : indiquez la commune, la section et le numéro "
        "(par exemple « Garidech AB 12 ») ou l'identifiant à 14 caractères."
    )


def lookup_parcel(layers: dict[str, LayerIndex], reference: str) -> Lookup:
    """A parcel by its Etalab id (14 characters) or "commune section numéro"."""
    if "parcels" not in layers:
        raise LookupError_("Le cadastre n'est pas encore chargé.")
    parcels = layers["parcels"]
    compact = re.sub(r"\s+", "", reference).upper()
    query = {"parcelle": reference}
    if PARCEL_ID_RE.match(compact):
        i = parcels.position.get(compact)
        if i is None:
            raise LookupError_(f"Aucune parcelle {compact} dans le cadastre.")
        return _at_parcel(layers, i, query)
    commune_text, prefixe, section, numero = parse_parcel_reference(reference)
    found = parcels.parcels_by_section(section, numero)
    if prefixe:
        found = [i for i in found if parcels.properties[i].get("prefixe", "000") == prefixe]
    if commune_text:
        codes = set(find_commune(layers, commune_text))
        if not codes:
            raise LookupError_(f"Commune inconnue : « {commune_text} ».")
        found = [i for i in found if parcels.properties[i].get("commune") in codes]
    label = f"{section.lstrip('0') or section} {int(numero)}"
    if not found:
        raise LookupError_(
            f"Aucune parcelle {label}" + (f" à {commune_text}." if commune_text else ".")
        )
    if len(found) > 1:
        communes = sorted({str(parcels.properties[i].get("commune")) for i in found})
        names = _commune_names(layers, communes)
        raise LookupError_(
            f"Plusieurs parcelles {label} ({', '.join(names)}) : précisez la commune."
        )
    return _at_parcel(layers, found[0], query)


def _commune_names(layers: dict[str, LayerIndex], codes: list[str]) -> list[str]:
    names = {}
    if "communes" in layers:
        names = {str(p.get("code")): str(p.get("nom")) for p in layers["communes"].properties}
    return [names.get(code, code) for code in codes]


def search_addresses(index: LayerIndex, text: str, limit: int = 10) -> list[int]:
    """Addresses whose label has every word of `text`, accents and case ignored; best first."""
    words = plain_words(text).split()
    if not words:
        return []
    labels = index.folded_labels()
    scored = []
    for i, label in enumerate(labels):
        tokens = label.split()
        if all(any(t == w or (len(w) > 2 and t.startswith(w)) for t in tokens) for w in words):
            exact = sum(w in tokens for w in words)
            number_first = tokens[0] == words[0] if tokens else False
            scored.append((-number_first, -exact, len(tokens), i))
    scored.sort()
    return [i for *_, i in scored[:limit]]


def lookup_address(layers: dict[str, LayerIndex], text: str) -> Lookup:
    if "addresses" not in layers:
        raise LookupError_("Les adresses ne sont pas encore chargées.")
    addresses = layers["addresses"]
    found = search_addresses(addresses, text, limit=1)
    if not found:
        raise LookupError_(f"Aucune adresse ne correspond à « {text} ».")
    i = found[0]
    props = addresses.properties[i]
    point = addresses.geometries[i]
    query = {"adresse": text}
    refs = [r for r in str(props.get("cad_parcelles") or "").split("|") if r]
    parcels = layers.get("parcels")
    for ref in refs:
        if parcels is not None and ref in parcels.position:
            result = _at_parcel(layers, parcels.position[ref], query)
            break
    else:
        result = lookup_point(layers, point.x, point.y)
        result.query = query
    result.address = i
    return result


# --- the answer, shaped like the IGN's apicarto GPU API -----------------------------------------


def _feature(index: LayerIndex, i: int, typename: str, extra: dict | None = None) -> dict:
    feature = index.feature(i)
    feature["id"] = f"{typename}.{index.fids[i]}"
    feature["geometry_name"] = "the_geom"
    if extra:
        feature["properties"].update(extra)
    return feature


def feature_collection(result: Lookup) -> dict[str, Any]:
    """A GeoJSON FeatureCollection like apicarto's: "zone_urba.<id>" features, CNIG lower case."""
    layers = result.layers
    features = []
    if result.commune is not None:
        props = result.props("communes", result.commune)
        feature = _feature(layers["communes"], result.commune, "municipality")
        feature["properties"] = {"insee": props.get("code"), "name": props.get("nom")}
        features.append(feature)
    if result.parcel is not None:
        features.append(_feature(layers["parcels"], result.parcel, "parcelle"))
    if result.address is not None:
        features.append(_feature(layers["addresses"], result.address, "adresse"))
    for i in result.zones:
        props = layers["plu_zones"].properties[i]
        features.append(
            _feature(
                layers["plu_zones"],
                i,
                "zone_urba",
                {"partition": "DU_" + str(props.get("idurba", "")).split("_", 1)[0]},
            )
        )
    for layer, prefix, indexes in (
        ("plu_prescriptions", "prescription", result.prescriptions),
        ("plu_informations", "info", result.informations),
    ):
        for i in indexes:
            kind = geometry_kind(layers[layer].geometries[i].geom_type)
            features.append(_feature(layers[layer], i, f"{prefix}_{kind}"))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {
        "type": "FeatureCollection",
        "features": features,
        "totalFeatures": len(features),
        "numberMatched": len(features),
        "numberReturned": len(features),
        "timeStamp": now,
        "crs": CRS84,
        "query": {**result.query, "point": [round(result.lon, 7), round(result.lat, 7)]},
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


# --- the same answer in words, for the page and the PDF -----------------------------------------


def french_day(yyyymmdd: object) -> str:
    text = str(yyyymmdd or "")
    if len(text) == 8 and text.isascii() and text.isdigit():
        return f"{text[6:8]}/{text[4:6]}/{text[0:4]}"
    return text


def french_number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def parcel_label(props: dict[str, Any]) -> str:
    """ "AB 12" (sections are written without their padding zero, numbers without zeros)."""
    section = str(props.get("section", "")).lstrip("0") or str(props.get("section", ""))
    numero = str(props.get("numero", "")).lstrip("0") or "0"
    prefixe = str(props.get("prefixe") or "000")
    return f"{prefixe} {section} {numero}" if prefixe != "000" else f"{section} {numero}"


def zone_description(props: dict[str, Any]) -> str:
    """The zone's long label when it says more than its type ("Zone agricole" is not repeated)."""
    long = str(props.get("libelong") or "")
    return long if fold(long) != fold(zone_type_words(props.get("typezone"))) else ""


def summary(result: Lookup) -> dict[str, Any]:
    """What the resident reads: commune, parcel, address, zones, prescriptions, informations."""
    layers = result.layers
    out: dict[str, Any] = {"lon": result.lon, "lat": result.lat}
    if result.commune is not None:
        props = result.props("communes", result.commune)
        out["commune"] = {"insee": props.get("code"), "nom": props.get("nom")}
    if result.parcel is not None:
        props = result.props("parcels", result.parcel)
        area = props.get("contenance")
        out["parcel"] = {
            "id": props.get("id"),
            "reference": parcel_label(props),
            "contenance": area,
            "contenance_text": f"{french_number(int(area))} m²" if area is not None else "",
        }
    if result.address is not None:
        props = result.props("addresses", result.address)
        words = [str(props.get(k) or "") for k in ("numero", "rep", "nom_voie")]
        out["address"] = (
            " ".join(w for w in words if w)
            + f", {props.get('code_postal', '')} {props.get('nom_commune', '')}"
        )
    out["zones"] = [
        {
            "libelle": p.get("libelle"),
            "typezone": p.get("typezone"),
            "type_words": zone_type_words(p.get("typezone")),
            "libelong": p.get("libelong") or "",
            "description": zone_description(p),
            "idurba": p.get("idurba"),
            "nomfic": p.get("nomfic") or "",
            "urlfic": p.get("urlfic") or "",
            "datappro": french_day(p.get("datappro")),
        }
        for p in (layers["plu_zones"].properties[i] for i in result.zones)
    ]
    for key, layer, code in (
        ("prescriptions", "plu_prescriptions", "typepsc"),
        ("informations", "plu_informations", "typeinf"),
    ):
        out[key] = [
            {
                "libelle": p.get("libelle"),
                "txt": p.get("txt") or "",
                "type": p.get(code),
                "urlfic": p.get("urlfic") or "",
            }
            for p in (layers[layer].properties[i] for i in getattr(result, key))
        ]
    out["versions"] = {
        name: {"number": index.version.number, "date": f"{index.version.imported_at:%d/%m/%Y}",
               "demo": bool(index.version.demo)}
        for name, index in layers.items() if index.version is not None
    }  # fmt: skip
    out["demo"] = any(v["demo"] for v in out["versions"].values())
    return out
