"""The webhooks' manifest: the endpoint that stores a post in the outbox (202 once stored)."""

from __future__ import annotations

from collab.feature import Feature
from portal.webhooks import views


def init_app(app) -> None:
    app.register_blueprint(views.bp)


FEATURE = Feature(name="webhooks", web=init_app)
