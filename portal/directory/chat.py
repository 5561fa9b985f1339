"""Moderation of the directory in the `moderation` room: ✅ / ❌ on a proposal, !valider N,
!refuser N motif."""

from __future__ import annotations

from collab.chat import REFUSE, VALIDATE, Context, Permission, Refusal, decision_commands
from collab.feature import Feature
from collab.outbox import OutboxMessage
from collab.territory import MODERATOR_ROLES
from portal.directory import moderation

ROOMS = frozenset({moderation.ROOM})
MODERATORS = Permission(
    min_power=50,
    roles=MODERATOR_ROLES,
    instances=frozenset({moderation.ROOM}),
    description="aux modérateurs du portail",
)


def _approve(ctx: Context, number: int) -> None:
    try:
        entry = moderation.approve(
            ctx.db,
            number,
            decided_by=ctx.sender_name,
            settings=ctx.settings,
            territory=ctx.territory,
        )
    except moderation.ModerationError as exc:
        raise Refusal(str(exc)) from exc
    url = moderation.portal_url(ctx.settings, f"/annuaire/{entry.id}")
    ctx.reply(
        f"Proposition n° {number} validée : « {entry.name} » est publiée — {url}. "
        "La personne qui l’a proposée est prévenue par courriel."
    )


def _refuse(ctx: Context, number: int, reason: str) -> None:
    try:
        submission = moderation.refuse(
            ctx.db,
            number,
            decided_by=ctx.sender_name,
            reason=reason,
            settings=ctx.settings,
            territory=ctx.territory,
        )
    except moderation.ModerationError as exc:
        raise Refusal(str(exc)) from exc
    why = f" Motif : {reason}." if reason else " Sans motif (pour en donner un : !refuser N motif)."
    ctx.reply(
        f"Proposition n° {number} (« {submission.name} ») refusée.{why} "
        "La personne qui l’a proposée est prévenue par courriel."
    )


def on_reaction(ctx: Context, message: OutboxMessage, key: str) -> None:
    number = int(message.payload["id"])
    if key == VALIDATE:
        _approve(ctx, number)
    elif key == REFUSE:
        _refuse(ctx, number, "")


# The chat part of the feature's manifest (feature.py).
CHAT = Feature(
    commands=decision_commands(
        "proposition",
        _approve,
        _refuse,
        summaries=(
            "publie la proposition n° N de l’annuaire",
            "refuse la proposition n° N de l’annuaire (le motif est envoyé à son auteur)",
        ),
        permission=MODERATORS,
        rooms=ROOMS,
    ),
    reactions={moderation.SUBMISSION_KIND: on_reaction},
    reaction_permission=MODERATORS,
)
