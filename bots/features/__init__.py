"""What the bot loads: its own commands (help: !aide; collab: !agenda, !docs in the instance
rooms), then the chat part of every feature's manifest (portal.features)."""

from __future__ import annotations

import logging
from typing import Any

from bots.features import collab, help
from collab.config import Settings
from collab.credentials import Secrets
from collab.feature import Feature
from portal.features import FEATURES

BUILTIN: tuple[Feature, ...] = (help.FEATURE, collab.FEATURE)

log = logging.getLogger("girou.bots.features")


def load() -> list[Feature]:
    """The bot's own features, then every feature of the platform, in that order."""
    return [*BUILTIN, *FEATURES]


def make_services(settings: Settings, secrets: Secrets) -> dict[str, Any]:
    """The clients the features' handlers share (Context.services), from each feature's
    `services(settings, secrets)`."""
    services: dict[str, Any] = {}
    for feature in load():
        if feature.services is not None:
            services.update(feature.services(settings, secrets))
    return services


def close_services(services: dict[str, Any]) -> None:
    for name, service in services.items():
        close = getattr(service, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                log.exception("closing service %s failed", name)
