"""Records of the Annuaire de l'administration (service-public.fr) read into checked mairie data."""

# A record has `nom`, `pivot`, `code_insee_commune`, `adresse[]`, `telephone[]`,
# `adresse_courriel[]`, `site_internet[]` and `plage_ouverture[]`; the list fields arrive
# either as JSON lists or as JSON-encoded strings. Reading is pure: a bad record raises
# RecordError, naming the field, and nothing is written.

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collab.addresses import is_email
from collab.french import WEEKDAYS, fold
from collab.territory import INSEE_RE

_TIME_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9])?")
_PHONE_RE = re.compile(r"\+?[0-9 .()\-/]{4,30}")
_DOMAIN_RE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?", re.IGNORECASE)
_POSTAL_RE = re.compile(r"[0-9]{5}")
MAX_TEXT = 500


class RecordError(ValueError):
    """A record that cannot be imported; str() names the field: 'telephone[0]: …'."""


class AnnuaireFileError(ValueError):
    """The file itself is unusable (unreadable, not JSON, not a list of records)."""


@dataclass(frozen=True)
class MairieData:
    """One mairie, checked and normalized, ready to store."""

    insee: str
    name: str
    record_id: str
    addresses: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[dict[str, str]] = field(default_factory=list)
    hours: list[dict[str, Any]] = field(default_factory=list)
    modified: str = ""


def read_records(path: Path) -> list[Any]:
    """The records of a file: a JSON list, an API answer {"results": [...]}, or JSON Lines."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnuaireFileError(f"{path}: cannot read: {exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        try:
            data = [json.loads(line) for line in lines]
        except ValueError:
            raise AnnuaireFileError(f"{path}: not JSON: {exc}") from exc
        if len(lines) < 2:
            raise AnnuaireFileError(f"{path}: not JSON: {exc}") from exc
    if isinstance(data, dict):
        for key in ("results", "records", "service"):
            if isinstance(data.get(key), list):
                return data[key]
        raise AnnuaireFileError(f'{path}: expected a list of records or {{"results": [...]}}')
    if not isinstance(data, list):
        raise AnnuaireFileError(f"{path}: expected a list of records, got {type(data).__name__}")
    return data


def record_label(index: int, record: Any) -> str:
    name = record.get("nom") if isinstance(record, dict) else None
    if isinstance(name, str) and name.strip():
        return f"record {index} ({name.strip()})"
    return f"record {index}"


# --- fields ------------------------------------------------------------------------------------


def _text(value: Any, where: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"{where}: expected text, got {type(value).__name__}")
    value = " ".join(value.replace("\x00", "").split())
    if required and not value:
        raise RecordError(f"{where}: missing or empty")
    if len(value) > MAX_TEXT:
        raise RecordError(f"{where}: longer than {MAX_TEXT} characters")
    return value


def _list(record: dict[str, Any], name: str) -> list[Any]:
    """A list field, given as a list, a JSON-encoded string, a single value, or nothing."""
    value = record.get(name)
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return []
        if stripped[0] in '[{"' or stripped == "null":
            try:
                value = json.loads(stripped)
            except ValueError as exc:
                raise RecordError(f"{name}: JSON-encoded string that is not JSON ({exc})") from exc
        else:
            value = [stripped]  # a bare value: one phone number, one address, one site
    if value is None:
        return []
    if isinstance(value, dict | str):
        return [value]
    if not isinstance(value, list):
        raise RecordError(f"{name}: expected a list, got {type(value).__name__}")
    return value


def _weekday(value: Any, where: str, *, required: bool) -> str:
    text = _text(value, where, required=required)
    if not text:
        return ""
    day = fold(text)
    if day not in WEEKDAYS:
        raise RecordError(f"{where}: {text!r} is not a day of the week")
    return day


def _time(value: Any, where: str) -> str:
    text = _text(value, where)
    if not text:
        return ""
    match = _TIME_RE.fullmatch(text)
    if match is None:
        raise RecordError(f"{where}: {text!r} is not a time (HH:MM:SS)")
    return f"{int(match[1]):02d}:{match[2]}"


def _opening(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RecordError(f"{where}: expected an object, got {type(item).__name__}")
    start_day = _weekday(item.get("nom_jour_debut"), f"{where}.nom_jour_debut", required=True)
    end_day = _weekday(item.get("nom_jour_fin"), f"{where}.nom_jour_fin", required=False)
    if end_day and WEEKDAYS.index(end_day) < WEEKDAYS.index(start_day):
        raise RecordError(f"{where}.nom_jour_fin: {end_day} comes before {start_day}")
    slots = []
    for n in (1, 2):
        start = _time(item.get(f"valeur_heure_debut_{n}"), f"{where}.valeur_heure_debut_{n}")
        end = _time(item.get(f"valeur_heure_fin_{n}"), f"{where}.valeur_heure_fin_{n}")
        if bool(start) != bool(end):
            raise RecordError(f"{where}.valeur_heure_fin_{n}: a start without an end, or reverse")
        if start and dt.time.fromisoformat(end) <= dt.time.fromisoformat(start):
            raise RecordError(f"{where}.valeur_heure_fin_{n}: {end} is not after {start}")
        if start:
            slots.append([start, end])
    comment = _text(item.get("commentaire"), f"{where}.commentaire")
    if not slots and not comment:
        raise RecordError(f"{where}: no opening time and no comment")
    return {
        "day_start": start_day,
        "day_end": end_day if end_day != start_day else "",
        "slots": slots,
        "comment": comment,
    }


def _coordinate(value: Any, where: str, limit: float) -> float | None:
    text = _text(value, where)
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise RecordError(f"{where}: {text!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RecordError(f"{where}: {number} is out of range")
    return number


def _address(item: Any, where: str) -> dict[str, Any]:
    if isinstance(item, str):
        item = {"numero_voie": item}
    if not isinstance(item, dict):
        raise RecordError(f"{where}: expected an object, got {type(item).__name__}")
    postal_code = _text(item.get("code_postal"), f"{where}.code_postal")
    if postal_code and not _POSTAL_RE.fullmatch(postal_code):
        raise RecordError(f"{where}.code_postal: {postal_code!r} is not a postal code")
    city = _text(item.get("nom_commune"), f"{where}.nom_commune")
    lines = [
        _text(item.get(key), f"{where}.{key}")
        for key in ("complement1", "complement2", "numero_voie", "service_distribution")
    ]
    lines = [line for line in lines if line]
    if postal_code or city:
        lines.append(f"{postal_code} {city}".strip())
    if not lines:
        raise RecordError(f"{where}: empty address")
    return {
        "kind": _text(item.get("type_adresse"), f"{where}.type_adresse") or "Adresse",
        "lines": lines,
        "latitude": _coordinate(item.get("latitude"), f"{where}.latitude", 90),
        "longitude": _coordinate(item.get("longitude"), f"{where}.longitude", 180),
        "accessibility": _text(item.get("note_accessibilite"), f"{where}.note_accessibilite"),
    }


def _phone(item: Any, where: str) -> dict[str, str]:
    if isinstance(item, dict):
        number = _text(item.get("valeur"), f"{where}.valeur", required=True)
        description = _text(item.get("description"), f"{where}.description")
    else:
        number, description = _text(item, where, required=True), ""
    digits = re.sub(r"[^0-9+]", "", number)
    if not _PHONE_RE.fullmatch(number) or sum(c.isdigit() for c in digits) < 4:
        raise RecordError(f"{where}: {number!r} is not a phone number")
    if digits.startswith("0") and len(digits) == 10:
        digits = "+33" + digits[1:]
    return {"number": number, "uri": f"tel:{digits}", "description": description}


def _email(item: Any, where: str) -> str:
    if isinstance(item, dict):
        item = item.get("valeur")
    email = _text(item, where, required=True)
    if not is_email(email):
        raise RecordError(f"{where}: {email!r} is not an e-mail address")
    return email


def _website(item: Any, where: str) -> dict[str, str]:
    if isinstance(item, dict):
        url = _text(item.get("valeur"), f"{where}.valeur", required=True)
        label = _text(item.get("libelle"), f"{where}.libelle")
    else:
        url, label = _text(item, where, required=True), ""
    if not url.lower().startswith(("https://", "http://")):
        if not _DOMAIN_RE.fullmatch(url):
            raise RecordError(f"{where}: {url!r} is not a web address")
        url = "https://" + url  # the Annuaire often gives 'www.commune.fr'
    if any(char in url for char in "<>\"' "):
        raise RecordError(f"{where}: {url!r} is not a web address")
    return {"url": url, "label": label}


def _items(record: dict[str, Any], name: str, read) -> list:
    return [read(item, f"{name}[{i}]") for i, item in enumerate(_list(record, name))]


def _service_types(record: dict[str, Any]) -> tuple[set[str], list[str]]:
    """Types of local service the pivot gives, and the INSEE codes it lists."""
    types, codes = set(), []
    for i, item in enumerate(_list(record, "pivot")):
        if not isinstance(item, dict):
            raise RecordError(f"pivot[{i}]: expected an object, got {type(item).__name__}")
        types.add(_text(item.get("type_service_local"), f"pivot[{i}].type_service_local"))
        listed = item.get("code_insee_commune") or []
        codes += [listed] if isinstance(listed, str) else [c for c in listed if isinstance(c, str)]
    return types, codes


def is_mairie(record: dict[str, Any]) -> bool:
    """The pivot says 'mairie'; without a pivot, the name does ('Mairie - Verfeil')."""
    types, _codes = _service_types(record)
    if types:
        return "mairie" in types
    return fold(str(record.get("nom") or "")).startswith("mairie")


def read_mairie(record: Any) -> MairieData:
    """Check and normalize one record; RecordError names the first bad field."""
    if not isinstance(record, dict):
        raise RecordError(f"expected an object, got {type(record).__name__}")
    name = _text(record.get("nom"), "nom", required=True)
    _types, pivot_codes = _service_types(record)
    insee = _text(record.get("code_insee_commune"), "code_insee_commune")
    insee = insee or (pivot_codes[0] if pivot_codes else "")
    if not insee:
        raise RecordError("code_insee_commune: missing or empty")
    if not INSEE_RE.fullmatch(insee):
        raise RecordError(f"code_insee_commune: {insee!r} is not an INSEE code")
    return MairieData(
        insee=insee,
        name=name,
        record_id=_text(record.get("id"), "id"),
        addresses=_items(record, "adresse", _address),
        phones=_items(record, "telephone", _phone),
        emails=_items(record, "adresse_courriel", _email),
        websites=_items(record, "site_internet", _website),
        hours=_items(record, "plage_ouverture", _opening),
        modified=_text(record.get("date_modification"), "date_modification"),
    )
