"""gunicorn entrypoint: reads GIROU_HOME and the settings once, builds the app."""

from __future__ import annotations

import os
from pathlib import Path

from collab import config, credentials
from collab.territory import load_territory
from portal.app import create_app

_settings = config.load(Path(os.environ.get("GIROU_HOME", "var")))
app = create_app(
    _settings,
    load_territory(_settings.territory_path(Path.cwd())),
    credentials.load_secrets(_settings.home),
)
