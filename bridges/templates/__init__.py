"""Message templates, one module per family of kinds; this package is the one place for them.

Each module of this package defines `TEMPLATES = {kind: function(payload) -> Message}`; they
are collected here, so that adding a family never touches delivery code.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from collab.messages import Message, Template, escape, sanitize  # noqa: F401


@cache
def registry() -> dict[str, Template]:
    templates: dict[str, Template] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for kind, template in getattr(module, "TEMPLATES", {}).items():
            if kind in templates:
                raise ValueError(f"template for kind {kind!r} defined twice ({info.name})")
            templates[kind] = template
    return templates


def render(kind: str, payload: dict) -> Message:
    """The message for an outbox row; an unknown kind is a programming error (KeyError)."""
    return registry()[kind](payload)
