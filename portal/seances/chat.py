"""Answers from chat: reactions to one's convocation (👍 présent, 💻 à distance, 👎 absent) and
commands in the instance's room (!présent, !distance, !absent, !pouvoir Nom, !suppléant,
!quorum), each confirmed back in the room."""

from __future__ import annotations

from collab import outbox
from collab.chat import Command, Context, Refusal, UsageError
from collab.feature import Feature
from portal.seances import service
from portal.seances.models import ABSENT, PRESENT, PROXY, REMOTE, SUBSTITUTE, VIA_CHAT, Seance

REACTIONS = {
    "👍": PRESENT,
    "✅": PRESENT,
    "💻": REMOTE,
    "👎": ABSENT,
    "❌": ABSENT,
}


def _room_seance(ctx: Context) -> Seance:
    key = ctx.instance_key
    seance = service.next_seance(ctx.db, key) if key else None
    if seance is None:
        raise Refusal("Aucune séance convoquée pour l’instance de ce salon.")
    return seance


def _localpart(ctx: Context) -> str:
    person = ctx.person
    if person is None:
        raise Refusal("Seuls les membres de l’instance peuvent répondre à la convocation.")
    return person.localpart


def _answer(ctx: Context, seance: Seance, choice: str, proxy_to: str | None = None) -> None:
    confirmation = service.answer(
        ctx.db, ctx.territory, seance, _localpart(ctx), choice, via=VIA_CHAT, proxy_to=proxy_to
    )
    quorum = service.quorum_of(ctx.territory, seance)
    ctx.reply(f"✅ {confirmation.text} {quorum.describe()}.", mention_sender=True)


def _simple(choice: str):
    def handler(ctx: Context, args: list[str]) -> None:
        if args:
            raise UsageError("Cette commande ne prend pas d’argument.")
        _answer(ctx, _room_seance(ctx), choice)

    return handler


def give_proxy(ctx: Context, args: list[str]) -> None:
    if not args:
        raise UsageError("Indiquez à quel membre vous donnez pouvoir.")
    seance = _room_seance(ctx)
    holder = service.find_member(ctx.territory, seance, " ".join(args))
    _answer(ctx, seance, PROXY, holder)


def show_quorum(ctx: Context, args: list[str]) -> None:
    seance = _room_seance(ctx)
    quorum = service.quorum_of(ctx.territory, seance)
    names = {p.localpart: p.name for p in ctx.territory.people}
    waiting = [names.get(lp, lp) for lp in service.unanswered(ctx.territory, seance)]
    text = f"Séance n° {seance.id} : {quorum.describe()}."
    if waiting:
        text += " Sans réponse : " + ", ".join(waiting) + "."
    ctx.reply(text)


def on_reaction(ctx: Context, message: outbox.OutboxMessage, key: str) -> None:
    choice = REACTIONS.get(key)
    if choice is None:
        return  # another emoji: conversation
    payload = message.payload
    person = ctx.person
    if person is None or person.localpart != payload.get("member"):
        raise Refusal(
            f"Cette convocation est adressée à {payload.get('name')} : répondez sur la vôtre."
        )
    seance = service.get_seance(ctx.db, int(payload["seance_id"]))
    _answer(ctx, seance, choice)


def _command(name: str, usage: str, summary: str, handler) -> Command:
    return Command(name=name, usage=usage, summary=summary, handler=handler)


COMMANDS = (
    _command("présent", "!présent", "Je serai présent à la prochaine séance", _simple(PRESENT)),
    _command("present", "!present", "Comme !présent", _simple(PRESENT)),
    _command("distance", "!distance", "Je participerai à distance (si ouvert)", _simple(REMOTE)),
    _command("absent", "!absent", "Je serai absent à la prochaine séance", _simple(ABSENT)),
    _command("pouvoir", "!pouvoir Prénom Nom", "Je donne pouvoir à un autre membre", give_proxy),
    _command("suppléant", "!suppléant", "Mon suppléant siégera à ma place", _simple(SUBSTITUTE)),
    _command("suppleant", "!suppleant", "Comme !suppléant", _simple(SUBSTITUTE)),
    _command("quorum", "!quorum", "Le décompte des réponses à la prochaine séance", show_quorum),
)

CHAT = Feature(
    commands=COMMANDS,
    reactions={service.CONVOCATION_KIND: on_reaction},
    reaction_keys=frozenset(REACTIONS),
)
