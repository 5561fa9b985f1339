"""The features the bot loads: each module named in `MODULES` exposes `FEATURE = Feature(...)`."""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any

from collab.config import Settings
from collab.credentials import Secrets
from collab.feature import Feature

MODULES = ("help", "collab", "mail", "childcare", "childcare_privacy", "procedures", "directory")

log = logging.getLogger("girou.bots.features")


class FeatureError(Exception):
    """A feature module cannot be loaded or does not expose FEATURE."""


def _modules(modules: tuple[str, ...]) -> list[ModuleType]:
    found = []
    for name in modules:
        qualified = f"{__name__}.{name}"
        try:
            found.append(importlib.import_module(qualified))
        except ModuleNotFoundError as exc:
            if exc.name != qualified:
                raise  # the module exists but one of its imports is missing: a real error
            raise FeatureError(f"feature {name!r}: no module {qualified}") from exc
    return found


def load(modules: tuple[str, ...] = MODULES) -> list[Feature]:
    """The Feature of each module of this package named in `modules`, in that order."""
    features = []
    for module in _modules(modules):
        name = module.__name__.rpartition(".")[2]
        qualified = module.__name__
        feature = getattr(module, "FEATURE", None)
        if not isinstance(feature, Feature):
            raise FeatureError(f"feature {name!r}: {qualified}.FEATURE is not a Feature")
        features.append(feature)
    return features


def make_services(
    settings: Settings, secrets: Secrets, modules: tuple[str, ...] = MODULES
) -> dict[str, Any]:
    """The clients the features' handlers share (Context.services), from each module's
    optional `make_services(settings, secrets)`."""
    services: dict[str, Any] = {}
    for module in _modules(modules):
        build = getattr(module, "make_services", None)
        if build is not None:
            services.update(build(settings, secrets))
    return services


def close_services(services: dict[str, Any]) -> None:
    for name, service in services.items():
        close = getattr(service, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                log.exception("closing service %s failed", name)
