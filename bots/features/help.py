"""!aide: the commands the sender may run here, with their usage."""

from __future__ import annotations

from collab.chat import Command, Context, UsageError
from collab.feature import Feature
from collab.messages import escape


def show_help(ctx: Context, args: list[str]) -> None:
    router = ctx.services["router"]
    allowed = router.commands_for(ctx)
    if args:
        name = args[0].removeprefix("!").lower()
        command = router.command(name, ctx.room_key)
        if command is None:
            raise UsageError(f"Commande inconnue : !{name}")
        ctx.reply(f"{command.usage} — {command.summary}")
        return
    lines = [f"{c.usage} — {c.summary}" for c in allowed]
    hidden = len(router.available_in(ctx.room_key)) - len(allowed)
    text = "Commandes disponibles ici :\n" + "\n".join(f"• {line}" for line in lines)
    items = "".join(
        f"<li><code>{escape(c.usage)}</code> — {escape(c.summary)}</li>" for c in allowed
    )
    html = f"<p>Commandes disponibles ici :</p><ul>{items}</ul>"
    if hidden:
        note = (
            f"{hidden} autre(s) commande(s), réservée(s), ne sont pas listées "
            "(vos droits ne les permettent pas ici)."
        )
        text += "\n" + note
        html += f"<p><em>{escape(note)}</em></p>"
    ctx.reply(text, html)


FEATURE = Feature(
    commands=(
        Command(
            name="aide",
            usage="!aide [commande]",
            summary="liste les commandes que vous pouvez utiliser dans ce salon",
            handler=show_help,
        ),
    )
)
