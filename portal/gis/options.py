"""The [gis] settings, read with their defaults until collab.config's schema has the section."""

from __future__ import annotations

from typing import Any

from collab.config import Settings

# key -> (default, help): to be moved into collab.config.SCHEMA["gis"].
DEFAULTS: dict[str, tuple[Any, str]] = {
    "basemap": ("ign", "Basemap of the public map: ign (IGN Plan), osm (OpenStreetMap) or none."),
    "room": ("instance:urbanisme", "Room key where new versions of the GIS layers are announced."),
    "restricted_layers": (
        "",
        "Comma-separated layers served only to logged-in officials and staff (e.g. parcels).",
    ),
}
BASEMAPS = ("ign", "osm", "none")


def gis_setting(settings: Settings | None, key: str) -> Any:
    if settings is not None and key in settings.values.get("gis", {}):
        return settings.values["gis"][key]
    return DEFAULTS[key][0]


def restricted_layers(settings: Settings | None) -> frozenset[str]:
    text = str(gis_setting(settings, "restricted_layers") or "")
    return frozenset(name.strip() for name in text.split(",") if name.strip())


def basemap(settings: Settings | None) -> str:
    value = str(gis_setting(settings, "basemap")).strip().lower()
    return value if value in BASEMAPS else "ign"


def with_gis(settings: Settings, **values: Any) -> Settings:
    """A copy of `settings` with [gis] values (tests; with_overrides needs the schema entry)."""
    merged = {section: dict(keys) for section, keys in settings.values.items()}
    merged.setdefault("gis", {}).update(values)
    return Settings(settings.home, merged)
