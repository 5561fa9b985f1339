"""Every table of the platform, for the entrypoints (the migrations, tests): the kernel's, the
runtime's and each feature's (a feature's package imports its models). Importing this module
registers them all on collab.db.Base: `metadata` is what collab.migrations compares with the
database (`girou db revision`), and what tests create on a new database.
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
from collab import db, migrations

metadata = db.Base.metadata


def create_schema(engine: db.Engine) -> None:
    """Every table of the platform, created where missing, for a new database that no release
    will upgrade (tests), recorded at the migrations' head (the models are head: `girou serve`
    on it upgrades nothing); a real one follows collab.migrations."""
    db.create_schema(engine)
    if migrations.where(engine).current is None:
        migrations.stamp_head(engine)
