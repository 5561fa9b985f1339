"""The directory's public form: each field checked, French messages, logos re-encoded."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from collab.addresses import is_email
from collab.territory import Territory
from portal.directory.models import KINDS
from portal.forms import FormErrors, clean

CATEGORIES = {
    "association": (
        "Sport",
        "Culture",
        "Loisirs",
        "Solidarité",
        "Enfance et jeunesse",
        "Environnement",
        "Patrimoine et mémoire",
        "Comité des fêtes",
    ),
    "entreprise": (
        "Alimentation",
        "Restauration",
        "Artisanat et bâtiment",
        "Santé et bien-être",
        "Commerce",
        "Services",
        "Producteurs et agriculture",
        "Hébergement",
    ),
}
ALL_CATEGORIES = frozenset(c for names in CATEGORIES.values() for c in names)
HONEYPOT = "site_web_2"  # hidden from people; robots fill every field they find
LOGO_MAX_BYTES = 1_000_000
LOGO_MAX_PIXELS = 4000 * 4000
LOGO_SIDE = 400
LOGO_FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF"})
PHONE_RE = re.compile(r"\+?[0-9][0-9 .()-]{5,19}")
URL_RE = re.compile(r"https?://[^\s<>\"']+\.[^\s<>\"']+", re.IGNORECASE)


@dataclass
class Submitted:
    """A form read and checked: the entry's fields, who proposes, and the errors."""

    fields: dict[str, Any]
    submitter_name: str
    submitter_email: str
    note: str
    errors: FormErrors
    is_robot: bool = False


def read_form(form: Mapping[str, str], files: Mapping[str, Any], territory: Territory) -> Submitted:
    errors = FormErrors()  # in the order of the fields on the page (the error summary's order)
    fields: dict[str, Any] = {"name": errors.text(form, "nom", "Nom", max_length=150)}
    kind = clean(form.get("type", ""))
    if kind not in KINDS:
        errors["type"] = "Choisissez « association » ou « entreprise »."
    fields["kind"] = kind
    category = clean(form.get("categorie", ""))
    if category not in CATEGORIES.get(kind, ALL_CATEGORIES):
        errors["categorie"] = "Choisissez une catégorie dans la liste."
    fields["category"] = category
    commune = clean(form.get("commune", ""))
    if commune not in {c.insee for c in territory.communes}:
        errors["commune"] = "Choisissez une commune de l’intercommunalité."
    fields["commune"] = commune
    fields["description"] = errors.text(
        form, "description", "Présentation", max_length=2000, multiline=True
    )
    logo = files.get("logo")
    fields["logo"], fields["logo_type"] = None, None
    if logo is not None and getattr(logo, "filename", ""):
        fields["logo"], fields["logo_type"] = _logo(logo, errors)
    fields["address"] = errors.text(form, "adresse", "Adresse", max_length=300, required=False)
    phone = clean(form.get("telephone", ""))
    if phone and not PHONE_RE.fullmatch(phone):
        errors["telephone"] = "Le téléphone ne peut contenir que des chiffres, espaces et « + »."
    fields["phone"] = phone
    fields["email"] = _email(form, "courriel", "Courriel", errors, required=False)
    fields["website"] = _website(form, errors)
    fields["lat"], fields["lon"] = _location(form, errors)
    submitter_name = errors.text(form, "votre_nom", "Votre nom", max_length=200)
    submitter_email = _email(form, "votre_courriel", "Votre courriel", errors, required=True)
    note = errors.text(
        form, "message", "Message aux modérateurs", max_length=2000, required=False, multiline=True
    )
    return Submitted(
        fields=fields,
        submitter_name=submitter_name,
        submitter_email=submitter_email,
        note=note,
        errors=errors,
        is_robot=bool(form.get(HONEYPOT, "").strip()),
    )


def _email(
    form: Mapping[str, str], name: str, label: str, errors: FormErrors, *, required: bool
) -> str:
    value = clean(form.get(name, ""))
    if not value:
        if required:
            errors[name] = f"Le champ « {label} » est obligatoire."
        return ""
    if not is_email(value):
        errors[name] = f"Le champ « {label} » doit être une adresse comme nom@exemple.fr."
    return value


def _website(form: Mapping[str, str], errors: FormErrors) -> str:
    value = clean(form.get("site", ""))
    if not value:
        return ""
    if not value.lower().startswith(("http://", "https://")):
        value = "https://" + value
    if len(value) > 300 or not URL_RE.fullmatch(value):
        errors["site"] = "Le site doit être une adresse comme https://www.exemple.fr."
    return value


def _number(form: Mapping[str, str], name: str) -> float | None:
    value = clean(form.get(name, "")).replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return float("nan")
    return number


def _location(form: Mapping[str, str], errors: FormErrors) -> tuple[float | None, float | None]:
    lat, lon = _number(form, "latitude"), _number(form, "longitude")
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        errors["latitude"] = "Indiquez la latitude et la longitude, ou aucune des deux."
        return None, None
    if not (-90 <= lat <= 90):  # also refuses NaN
        errors["latitude"] = "La latitude est un nombre entre -90 et 90 (ex. : 43,66)."
    if not (-180 <= lon <= 180):
        errors["longitude"] = "La longitude est un nombre entre -180 et 180 (ex. : 1,58)."
    if "latitude" in errors or "longitude" in errors:
        return None, None
    return round(lat, 6), round(lon, 6)


def _logo(upload: Any, errors: FormErrors) -> tuple[bytes | None, str | None]:
    """The logo as a PNG of at most LOGO_SIDE pixels, or an error: re-encoding keeps nothing
    of the uploaded file but its pixels (no script, no metadata)."""
    data = upload.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        errors["logo"] = "Le logo dépasse 1 Mo."
        return None, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                probe.verify()
            if image_format not in LOGO_FORMATS:
                raise ValueError(image_format)
            if width * height > LOGO_MAX_PIXELS:
                raise ValueError("too many pixels")
            with Image.open(io.BytesIO(data)) as image:
                image.seek(0)
                converted = image.convert("RGBA")
                converted.thumbnail((LOGO_SIDE, LOGO_SIDE))
                out = io.BytesIO()
                converted.save(out, format="PNG", optimize=True)
    except (
        UnidentifiedImageError,
        ValueError,
        OSError,
        SyntaxError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        errors["logo"] = (
            "Le logo doit être une image PNG, JPEG, WebP ou GIF d’au plus 4000 × 4000 pixels."
        )
        return None, None
    return out.getvalue(), "image/png"


def form_values(source: Any | None) -> dict[str, str]:
    """The form's fields prefilled from an entry (for a change proposal) or empty."""
    if source is None:
        return {}
    return {
        "nom": source.name,
        "type": source.kind,
        "categorie": source.category,
        "commune": source.commune,
        "adresse": source.address,
        "courriel": source.email,
        "telephone": source.phone,
        "site": source.website,
        "description": source.description,
        "latitude": "" if source.lat is None else str(source.lat).replace(".", ","),
        "longitude": "" if source.lon is None else str(source.lon).replace(".", ","),
    }
