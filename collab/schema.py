"""Every table of the platform, for the entrypoints (CLI, servers, the bots' main, tests): the
kernel's, the runtime's and each feature's (a feature's package imports its models). Importing
this module registers them all on collab.db.Base, so that collab.db.create_schema creates them.
"""

from __future__ import annotations

# Imported for their tables: the modules outside the features that own some, then the
# features (each package imports its models).
import bots.models  # noqa: F401
import bridges.health  # noqa: F401
import collab.models  # noqa: F401
import collab.outbox  # noqa: F401
import collab.sources  # noqa: F401
import portal.features  # noqa: F401
import portal.security  # noqa: F401
from collab import db

metadata = db.Base.metadata


def create_schema(engine: db.Engine) -> None:
    """Every table of the platform, created where missing (collab.db.create_schema)."""
    db.create_schema(engine)
