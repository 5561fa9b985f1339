"""Demo content for `girou up` with [girou] demo on: each feature loads its own, idempotently.

A feature's loader (`Feature.demo`) is called as loader(settings, sessions, territory) -> str (a
one-line summary printed at start-up). Running it again must change nothing.
"""

from __future__ import annotations

import logging

from collab import db
from collab.config import Settings
from collab.territory import Territory
from portal.features import FEATURES

log = logging.getLogger("girou.demo")


def load_all(settings: Settings, territory: Territory) -> list[str]:
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)
    summaries = []
    try:
        for feature in FEATURES:
            if feature.demo is None:
                continue
            summaries.append(feature.demo(settings, sessions, territory))
            log.info("demo: %s", summaries[-1])
    finally:
        engine.dispose()
    return summaries
