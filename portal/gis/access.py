"""Who sees which layer: every layer is public unless [gis] restricted_layers names it."""

from __future__ import annotations

import base64
import binascii
import json

from flask import Response, current_app, g, request

from collab.identity import split_basic_credentials
from portal.auth import current_person
from portal.gis.index import GisStore, LayerIndex
from portal.state import state


def store() -> GisStore:
    return current_app.extensions["gis"]


def _basic_localpart() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        text = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    ext = state()
    login, password = split_basic_credentials(text, ext.settings.server_name)
    return ext.identity.authenticate(login, password)


def is_official() -> bool:
    """A logged-in person of the territory (portal session or HTTP Basic with the Matrix login)."""
    if "gis_official" not in g:
        allowed = current_person() is not None
        if not allowed:
            localpart = _basic_localpart()
            if localpart:
                try:
                    state().territory.person(localpart)
                    allowed = True
                except KeyError:
                    allowed = False
        g.gis_official = allowed
    return g.gis_official


def hidden_layers() -> frozenset[str]:
    restricted = state().settings.get("gis", "restricted_layers")
    if not restricted or is_official():
        return frozenset()
    return restricted


def visible_layers() -> dict[str, LayerIndex]:
    """The current versions this request may read."""
    layers = store().current()
    hidden = hidden_layers()
    return {name: index for name, index in layers.items() if name not in hidden}


def unauthorized(message: str) -> Response:
    response = current_app.response_class(
        json.dumps({"error": "connexion nécessaire", "message": message}, ensure_ascii=False),
        status=401,
        mimetype="application/json",
    )
    response.headers["WWW-Authenticate"] = 'Basic realm="Girou", charset="UTF-8"'
    return response
