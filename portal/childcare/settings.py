"""Settings of the childcare service, with their defaults until [childcare] is in the schema.

Proposed for collab.config.SCHEMA (section "childcare"); until then these read
`settings.values["childcare"][key]` when present and fall back to the defaults below.
"""

from __future__ import annotations

from typing import Any

from collab.config import Settings

DEFAULTS: dict[str, Any] = {
    # Family accounts must confirm their e-mail before using the API and registering.
    # None: follow the demo switch (off in the demo, on otherwise).
    "require_email_verification": None,
    # scrypt cost (N) of family passwords; only tests and benchmarks lower it.
    "password_scrypt_n": 32768,
    # Lifetime of a JSON API bearer token, in days.
    "api_token_days": 30,
}


def childcare_setting(settings: Settings, key: str) -> Any:
    section = settings.values.get("childcare", {})
    return section[key] if key in section else DEFAULTS[key]


def require_email_verification(settings: Settings) -> bool:
    value = childcare_setting(settings, "require_email_verification")
    if value is None:
        return not settings.get("girou", "demo")
    return bool(value)


def timezone_name(settings: Settings) -> str:
    """Local time of the territory (opening hours, digests): the bots' timezone."""
    return settings.get("bots", "timezone")
