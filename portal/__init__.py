"""The public portal (Flask): pages for residents and the staff back-office."""

from __future__ import annotations

from flask import Flask

from collab import db
from collab.config import Settings
from collab.identity import MatrixIdentity
from collab.territory import Territory


def create_app(settings: Settings, territory: Territory, secret_key: str) -> Flask:
    """Build the portal for these settings; tests pass their own."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secret_key, SESSION_COOKIE_SAMESITE="Lax")
    engine = db.make_engine(settings.database_url)
    app.extensions["girou"] = {
        "settings": settings,
        "territory": territory,
        "sessions": db.make_sessionmaker(engine),
        "identity": MatrixIdentity(
            settings.url("matrix"), settings.server_name, settings.get("identity", "cache_seconds")
        ),
    }

    from portal import auth, errors, hooks, pages, security

    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(hooks.bp)
    from portal.childcare import web as childcare_web

    childcare_web.init_app(app)
    from portal import backoffice, communes, content, news, publications, search  # site pages

    for module in (backoffice, communes, content, news, publications, search):
        app.register_blueprint(module.bp)
    from portal import contact  # procedures, directory of associations, contact form
    from portal.directory import views as directory_views
    from portal.procedures import views as procedures_views

    for module in (procedures_views, directory_views, contact):
        app.register_blueprint(module.bp)
    from portal import gis  # /carte, /api/gis, /ogc/

    app.register_blueprint(gis.bp)
    from portal import status  # the platform's health: /gestion/etat, /metrics

    app.register_blueprint(status.bp)

    @app.context_processor
    def common_context():
        return {"territory": territory, "settings": settings, "person": auth.current_person()}

    return app
