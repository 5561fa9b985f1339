"""The portal's Flask application: the site's own pages, then every feature's (portal.features)."""

from __future__ import annotations

from flask import Flask

from collab import db
from collab.config import Settings
from collab.credentials import Secrets
from collab.identity import service_identity
from collab.territory import Territory
from portal import auth, backoffice, errors, pages, security, site_search, status
from portal.features import FEATURES
from portal.state import PortalState, attach


def create_app(settings: Settings, territory: Territory, secrets: Secrets) -> Flask:
    """Build the portal for these settings, territory and secrets; tests pass their own."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.flask_secret_key, SESSION_COOKIE_SAMESITE="Lax")
    engine = db.make_engine(settings.database_url)
    identity = service_identity(settings, secrets)
    panels = tuple(f.officials_home for f in FEATURES if f.officials_home is not None)
    attach(
        app,
        PortalState(settings, territory, db.make_sessionmaker(engine), identity, secrets, panels),
    )

    security.init_app(app)
    errors.init_app(app)
    # The site's own pages: home, login, back-office index, site search, the platform's health.
    for module in (pages, auth, backoffice, site_search, status):
        app.register_blueprint(module.bp)
    for feature in FEATURES:
        if feature.web is not None:
            feature.web(app)

    @app.context_processor
    def common_context():
        return {"territory": territory, "settings": settings, "person": auth.current_person()}

    return app
