"""Demo content for `girou up` with [girou] demo on: each feature loads its own, idempotently.

A loader is "module:function", called as function(settings, sessions, territory) -> str (a
one-line summary printed at start-up). Running it again must change nothing.
"""

from __future__ import annotations

import importlib
import logging

from collab import db
from collab.config import Settings
from collab.territory import Territory

log = logging.getLogger("girou.demo")

LOADERS: tuple[str, ...] = (
    "portal.content:load_demo",
    "portal.news:load_demo",
    "portal.childcare.demo:load_demo",
    "portal.communes:load_demo",
    "portal.gis.demo:load_demo",
    "portal.procedures.demo:load_demo",
    "portal.directory.demo:load_demo",
)


def load_all(settings: Settings, territory: Territory) -> list[str]:
    engine = db.make_engine(settings.database_url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    summaries = []
    try:
        for path in LOADERS:
            module_name, _, function = path.partition(":")
            loader = getattr(importlib.import_module(module_name), function)
            summaries.append(loader(settings, sessions, territory))
            log.info("demo: %s", summaries[-1])
    finally:
        engine.dispose()
    return summaries
