"""`!valider N` and `!refuser N motif`: the decisions staff type about what a feature submits
to them (childcare requests, directory proposals), parsed the same way for every feature."""

from __future__ import annotations

from collections.abc import Callable

from bots.router import Command, Context, Permission, UsageError


def parse_number(text: str, noun: str) -> int:
    """`12`, `n°12` or `#12`; `noun` names what it numbers in the French error."""
    digits = text.removeprefix("n°").removeprefix("#").strip()
    if not (digits.isascii() and digits.isdigit()) or not 0 < int(digits) < 2**31:
        raise UsageError(f"« {text} » n’est pas un numéro de {noun}.")
    return int(digits)


def decision_commands(
    noun: str,
    validate: Callable[[Context, int], None],
    refuse: Callable[[Context, int, str], None],
    *,
    summaries: tuple[str, str],
    permission: Permission,
    rooms: frozenset[str],
) -> tuple[Command, ...]:
    """`!valider N` running `validate(ctx, N)` and `!refuser N motif` running
    `refuse(ctx, N, motif)`; `noun` (feminine: "demande", "proposition") is what N numbers."""

    def validate_command(ctx: Context, args: list[str]) -> None:
        if len(args) != 1:
            raise UsageError(f"Indiquez le numéro de la {noun}.")
        validate(ctx, parse_number(args[0], noun))

    def refuse_command(ctx: Context, args: list[str]) -> None:
        reason = " ".join(args[1:]).strip()
        if not reason:
            raise UsageError(f"Indiquez le numéro de la {noun} et le motif du refus.")
        refuse(ctx, parse_number(args[0], noun), reason)

    validate_summary, refuse_summary = summaries
    return tuple(
        Command(
            name=name,
            usage=usage,
            summary=summary,
            handler=handler,
            permission=permission,
            rooms=rooms,
        )
        for name, usage, summary, handler in (
            ("valider", "!valider N", validate_summary, validate_command),
            ("refuser", "!refuser N motif", refuse_summary, refuse_command),
        )
    )
