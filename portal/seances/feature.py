"""The séances' manifest."""

from __future__ import annotations

from collab.feature import Feature
from portal.seances import models  # noqa: F401  (its tables)

FEATURE = Feature(name="seances")
