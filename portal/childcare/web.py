"""The childcare blueprints, registered together by `init_app` (one line in create_app)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.childcare import api, attributions, family, pages, programme_admin, staff

    # Family pages, back-office pages and iCalendar feeds register here too.
    for module in (api, attributions, pages, family, staff, programme_admin):
        app.register_blueprint(module.bp)
