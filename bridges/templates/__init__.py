"""The delivery's templates: its own (core: replies, webhooks, notify, digests, alerts; agenda
and docs: the watchers' messages; health), then every feature's (portal.features); one kind,
one template. The kit they are written with is collab.messages."""

from __future__ import annotations

from functools import cache

from bridges.templates import agenda, core, docs, health
from collab.messages import DEFAULT_RULE, DigestRule, Message, Template
from portal.features import FEATURES


@cache
def registry() -> dict[str, Template]:
    templates: dict[str, Template] = {}
    owners = [(module.__name__, module.TEMPLATES) for module in (core, agenda, docs, health)]
    owners += [(f"feature {feature.name}", feature.templates) for feature in FEATURES]
    for owner, table in owners:
        for kind, template in table.items():
            if kind in templates:
                raise ValueError(f"template for kind {kind!r} defined twice ({owner})")
            templates[kind] = template
    return templates


def render(kind: str, payload: dict) -> Message:
    """The message for an outbox row; an unknown kind is a programming error (KeyError)."""
    return registry()[kind](payload)


def digest_rule(kind: str) -> DigestRule:
    """The rule of `kind`'s template (DEFAULT_RULE when it declares none or is unknown)."""
    return getattr(registry().get(kind), "digest_rule", DEFAULT_RULE)
