"""`!annuaire nom`: the matching cards of the officials' directory, in the room it was asked."""

from __future__ import annotations

from collab.chat import Command, Context, Permission, Refusal, UsageError
from collab.territory import ROLES
from portal.officials import cards

MAX_CARDS = 5
PEOPLE_OF_THE_TERRITORY = Permission(roles=frozenset(ROLES), description="aux élus et agents")


def directory_command(ctx: Context, args: list[str]) -> None:
    name = " ".join(args).strip()
    if len(name) < 2:
        raise UsageError("Indiquez au moins deux lettres du nom cherché.")
    found = cards.find_cards(cards.all_cards(ctx.db, ctx.territory), name=name)
    if not found:
        raise Refusal(f"Personne ne correspond à « {name} » dans l’annuaire.")
    lines = [f"Annuaire — {len(found)} résultat{'s' if len(found) > 1 else ''} pour « {name} » :"]
    for item in found[:MAX_CARDS]:
        lines += ["", *item.lines()]
    if len(found) > MAX_CARDS:
        lines += ["", f"… et {len(found) - MAX_CARDS} autres : précisez le nom."]
    ctx.reply("\n".join(lines))


COMMANDS = (
    Command(
        name="annuaire",
        usage="!annuaire nom",
        summary="les coordonnées partagées d’un élu ou d’un agent",
        handler=directory_command,
        permission=PEOPLE_OF_THE_TERRITORY,
    ),
)
