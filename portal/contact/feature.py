"""The contact form's manifest: the page and the message it posts in the moderation room."""

from __future__ import annotations

from collab.feature import Feature
from portal.contact import messages, views


def init_app(app) -> None:
    app.register_blueprint(views.bp)


FEATURE = Feature(name="contact", web=init_app, templates=messages.TEMPLATES)
