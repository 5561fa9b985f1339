"""Moderation of the directory in the `moderation` room: ✅ / ❌ on a proposal, !valider N,
!refuser N motif."""

from __future__ import annotations

from bots.router import REFUSE, VALIDATE, Command, Context, Feature, Permission, UsageError
from bridges.outbox import OutboxMessage
from collab.territory import MODERATOR_ROLES
from portal.directory import moderation

ROOMS = frozenset({moderation.ROOM})
MODERATORS = Permission(
    min_power=50,
    roles=MODERATOR_ROLES,
    instances=frozenset({moderation.ROOM}),
    description="aux modérateurs du portail",
)


def _who(ctx: Context) -> str:
    person = ctx.person
    return person.name if person is not None else ctx.sender


def _number(text: str) -> int:
    number = text.removeprefix("n°").removeprefix("#").strip()
    if not number.isdigit() or len(number) > 9:
        raise UsageError(f"« {text} » n’est pas un numéro de proposition.")
    return int(number)


def _approve(ctx: Context, number: int) -> None:
    try:
        entry = moderation.approve(
            ctx.db, number, decided_by=_who(ctx), settings=ctx.settings, territory=ctx.territory
        )
    except moderation.ModerationError as exc:
        raise UsageError(str(exc)) from exc
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
            decided_by=_who(ctx),
            reason=reason,
            settings=ctx.settings,
            territory=ctx.territory,
        )
    except moderation.ModerationError as exc:
        raise UsageError(str(exc)) from exc
    why = f" Motif : {reason}." if reason else " Sans motif (pour en donner un : !refuser N motif)."
    ctx.reply(
        f"Proposition n° {number} (« {submission.name} ») refusée.{why} "
        "La personne qui l’a proposée est prévenue par courriel."
    )


def validate_command(ctx: Context, args: list[str]) -> None:
    if len(args) != 1:
        raise UsageError("Indiquez le numéro de la proposition.")
    _approve(ctx, _number(args[0]))


def refuse_command(ctx: Context, args: list[str]) -> None:
    if len(args) < 2:
        raise UsageError("Indiquez le numéro de la proposition et le motif du refus.")
    _refuse(ctx, _number(args[0]), " ".join(args[1:]))


def on_reaction(ctx: Context, message: OutboxMessage, key: str) -> None:
    number = int(message.payload["id"])
    if key == VALIDATE:
        _approve(ctx, number)
    elif key == REFUSE:
        _refuse(ctx, number, "")


FEATURE = Feature(
    commands=(
        Command(
            name="valider",
            usage="!valider N",
            summary="publie la proposition n° N de l’annuaire",
            handler=validate_command,
            permission=MODERATORS,
            rooms=ROOMS,
        ),
        Command(
            name="refuser",
            usage="!refuser N motif",
            summary="refuse la proposition n° N de l’annuaire (le motif est envoyé à son auteur)",
            handler=refuse_command,
            permission=MODERATORS,
            rooms=ROOMS,
        ),
    ),
    reactions={moderation.SUBMISSION_KIND: on_reaction},
    reaction_permission=MODERATORS,
)
