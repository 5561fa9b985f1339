"""Every table of the platform, for the entrypoints (CLI, servers, the bots' main, tests): the
kernel's, the runtime's and each feature's (a feature's package imports its models). Importing
this module registers them all on collab.db.Base, so that collab.db.create_schema creates them.
"""

from __future__ import annotations

from bots import models as bots_models
from bridges import health
from collab import db, models, outbox, sources
from portal import security
from portal.features import FEATURES

# The modules outside the features that own tables; the features' come with FEATURES.
TABLE_MODULES = (models, outbox, sources, health, bots_models, security)
REGISTERED = (TABLE_MODULES, FEATURES)


def create_schema(engine: db.Engine) -> None:
    """Every table of the platform, created where missing (collab.db.create_schema)."""
    db.create_schema(engine)
