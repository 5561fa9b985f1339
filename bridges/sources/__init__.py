"""The runtime's watchers: instance calendars (caldav), instance shares (webdav) and the
reminders before events (reminders). Each module named in `MODULES` defines `Source`, a
`collab.sources.BaseSource`; the features' watchers come from their manifests."""

from __future__ import annotations

import importlib

from collab.config import Settings
from collab.credentials import Secrets
from collab.sources import BaseSource
from collab.territory import Territory
from portal.features import FEATURES

MODULES = ("caldav", "webdav", "reminders")


def load(
    settings: Settings,
    secrets: Secrets,
    territory: Territory,
    modules: tuple[str, ...] = MODULES,
) -> list[BaseSource]:
    """One instance of the `Source` of each module named in `modules`, then of each feature's."""
    classes = [importlib.import_module(f"{__name__}.{module}").Source for module in modules]
    classes += [source for feature in FEATURES for source in feature.sources]
    return [source(settings, secrets, territory) for source in classes]
