"""The séances' manifest."""

from __future__ import annotations

from collab.feature import Feature
from portal.seances import hold_publish, models  # noqa: F401  (its tables)

FEATURE = Feature(name="seances", web=hold_publish.init_app, demo=hold_publish.load_demo)
