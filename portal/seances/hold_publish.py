"""The "hold" and "publish" parts of the séances feature, as the manifest takes them: their
pages (back-office of the day, public pages, acts and feed) and their demo."""

from __future__ import annotations

from collab import french
from portal.seances import public_views, sitting_models, sitting_views  # noqa: F401  (tables)
from portal.seances.publish_demo import load_demo  # noqa: F401  (the manifest's demo part)


def init_app(app) -> None:
    public_views.init_app(app)
    sitting_views.init_app(app)
    for name in ("day_fr", "time_fr"):
        app.jinja_env.filters.setdefault(name, getattr(french, name))
