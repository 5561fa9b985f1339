"""Settings of the childcare service ([childcare] in the settings schema)."""

from __future__ import annotations

from typing import Any

from collab.config import Settings


def childcare_setting(settings: Settings, key: str) -> Any:
    return settings.get("childcare", key)


def require_email_verification(settings: Settings) -> bool:
    value = childcare_setting(settings, "require_email_verification")
    if value == "auto":
        return not settings.get("girou", "demo")
    return value == "true"


def timezone_name(settings: Settings) -> str:
    """Local time of the territory (opening hours, digests): the bots' timezone."""
    return settings.get("bots", "timezone")
