"""Security of the portal's forms and pages: CSRF tokens, security headers, rate limits."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, request, session
from sqlalchemy import DateTime, Integer, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from collab.db import Base
from portal.state import state

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def csrf_token() -> str:
    token = session.get(CSRF_FIELD)
    if not token:
        token = session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def csrf_exempt(view: Callable) -> Callable:
    """For endpoints that take no cookies: webhooks and the bearer-token JSON API."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def _check_csrf() -> None:
    if request.method not in UNSAFE_METHODS or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    blueprint = current_app.blueprints.get(request.blueprint or "")
    if getattr(view, "csrf_exempt", False) or getattr(blueprint, "csrf_exempt", False):
        return
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    expected = session.get(CSRF_FIELD) or ""
    if not expected or not hmac.compare_digest(sent, expected):
        abort(400, description="Le formulaire a expiré. Rechargez la page et recommencez.")


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    return response


def init_app(app: Flask) -> None:
    app.before_request(_check_csrf)
    app.after_request(_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token


class RateWindow(Base):
    """Hits of one key (form + client address) in the current fixed window."""

    __tablename__ = "rate_windows"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime)
    hits: Mapped[int] = mapped_column(Integer, default=0)


def rate_limited(name: str, limit: int, per_seconds: int) -> Callable:
    """Refuse (429) more than `limit` unsafe requests per client address in `per_seconds`.

    Counted in the database, so that every gunicorn worker and replica shares the count.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.method in UNSAFE_METHODS and _over_limit(name, limit, per_seconds):
                abort(429, description="Trop de demandes. Merci de réessayer dans un moment.")
            return view(*args, **kwargs)

        return wrapper

    return decorate


def _over_limit(name: str, limit: int, per_seconds: int) -> bool:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    key = f"{name}:{request.remote_addr}"
    sessions = state().sessions
    with sessions.begin() as db:
        window = db.scalars(select(RateWindow).where(RateWindow.key == key)).first()
        if window is None or (now - window.window_start).total_seconds() >= per_seconds:
            if window is None:
                window = RateWindow(key=key, window_start=now, hits=0)
                db.add(window)
            window.window_start, window.hits = now, 0
            db.execute(
                delete(RateWindow).where(
                    RateWindow.window_start < now - dt.timedelta(seconds=per_seconds * 10)
                )
            )
        window.hits += 1
        return window.hits > limit
