"""Message templates, one module per family of kinds; this package is the one place for them.

Each module of this package defines `TEMPLATES = {kind: function(payload) -> Message}`; they
are collected here, so that adding a family never touches delivery code.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import bleach

# The HTML Matrix clients render, without tables (some clients do not render them).
ALLOWED_TAGS = frozenset(
    "a b blockquote br code del details div em h1 h2 h3 h4 h5 h6 hr i li ol p pre s span "
    "strike strong sub summary sup u ul".split()
)
ALLOWED_ATTRIBUTES = {"a": ["href"], "code": ["class"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "matrix"})


@dataclass(frozen=True)
class Message:
    """What a notification looks like in a room: plain text, sanitized HTML, who is addressed."""

    body: str
    html: str
    mentions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "html", sanitize(self.html))


def sanitize(markup: str) -> str:
    return bleach.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


Template = Callable[[dict], Message]


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
