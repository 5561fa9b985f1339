"""The generic webhook: POST /hooks/<token> posts into the token's room, through the outbox."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from portal.state import state
from portal.webhooks.tokens import HookError, accept_hook

bp = Blueprint("hooks", __name__)
# Callers are programs holding a token, not browsers with a session cookie: no CSRF token
# (portal.security skips blueprints marked so).
bp.csrf_exempt = True

MAX_BODY = 256 * 1024


def _error(status: int, error: str, message: str):
    return jsonify(error=error, message=message), status


@bp.post("/hooks/<token>")
def receive(token: str):
    """202 only once the outbox row is committed: an accepted call is never lost."""
    if (request.content_length or 0) > MAX_BODY:
        return _error(413, "too_large", f"body larger than {MAX_BODY} bytes")
    body = request.get_data(cache=False)
    if len(body) > MAX_BODY:
        return _error(413, "too_large", f"body larger than {MAX_BODY} bytes")
    sessions = state().sessions
    try:
        with sessions.begin() as session:
            source_id, created = accept_hook(session, token, body)
    except HookError as exc:
        if exc.status == 404:
            return _error(404, "not_found", exc.reason)
        return _error(400, "bad_request", exc.reason)
    return jsonify(status="accepted", source_id=source_id, duplicate=not created), 202
