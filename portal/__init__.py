"""The public portal (Flask): pages for residents and the staff back-office."""

from __future__ import annotations

from flask import Flask

from collab import db
from collab.config import Settings
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
    }

    from portal import pages

    app.register_blueprint(pages.bp)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app
