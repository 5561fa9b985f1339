"""The childcare blueprints, registered together by `init_app` (one line in the manifest)."""

from __future__ import annotations

from flask import Flask

from portal.childcare import api, attributions, family_pages, pages, programme_admin, staff


def init_app(app: Flask) -> None:
    # Family pages, back-office pages and iCalendar feeds register here too.
    for module in (api, attributions, pages, family_pages, staff, programme_admin):
        app.register_blueprint(module.bp)
