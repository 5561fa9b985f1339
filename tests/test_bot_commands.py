"""Commands and reactions, exactly once: the router on a database, the bot on real Synapse."""

from __future__ import annotations

import asyncio
import itertools
import signal
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import quote

import pytest
from botutil import BotsProcess, Member, bot_loop, eventually, posted, processed, replies
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from bots.features import help as help_feature
from bots.models import SYNC_TOKEN, BotState, ProcessedEvent, load_state, save_state
from bots.router import FAILURE, Incoming, Router, split_arguments
from collab import config, db, matrix, outbox, provision, schema
from collab.chat import Command, Permission, UsageError
from collab.feature import Feature
from collab.matrix.bot import message_fields
from collab.models import MatrixRoom
from collab.territory import load_territory

ROOT = Path(__file__).resolve().parent.parent
SERVER = "girou.localhost"
_ids = itertools.count(1)


# --- the router alone (a real SQLite database, no Matrix) -----------------------------------
def effect(ctx, label: str) -> None:
    """What a handler changes, in the event's transaction: a row anyone can count."""
    outbox.enqueue(
        ctx.db,
        kind="notice",
        room_key="moderation",
        payload={"text": label},
        source_id=f"effect:{ctx.event_id}",
    )


def moderate(ctx, args):
    effect(ctx, "moderated")


def need_one_number(ctx, args):
    effect(ctx, f"numéro {' '.join(args)}")  # written before the check: rolled back on refusal
    if len(args) != 1 or not args[0].isdigit():
        raise UsageError("Il faut un numéro.")


def break_down(ctx, args):
    effect(ctx, "half done")
    raise RuntimeError("boom")


TEST_FEATURE = Feature(
    commands=(
        Command(
            "moderer",
            "!moderer",
            "réservée",
            moderate,
            Permission(min_power=50, description="aux modérateurs du salon"),
        ),
        Command(
            "inscrire",
            "!inscrire",
            "secrétariat",
            moderate,
            Permission(roles=frozenset({"secretaire"}), description="au secrétariat"),
        ),
        Command("numero", "!numero N", "un numéro", need_one_number),
        Command("panne", "!panne", "échoue", break_down),
    )
)


@pytest.fixture
def local(tmp_path) -> Iterator[tuple[Router, sessionmaker[Session]]]:
    settings = config.load(tmp_path, environ={})
    engine = db.make_engine(settings.database_url)
    schema.create_schema(engine)
    territory = load_territory(ROOT / "territory.toml")
    router = Router([help_feature.FEATURE, TEST_FEATURE], settings=settings, territory=territory)
    yield router, db.make_sessionmaker(engine)
    engine.dispose()


def command(router_and_sessions, body: str, sender: str = "emma.fictive", power: int = 0):
    """Dispatch `body` once; (handled, reply text, effect texts) as the database shows them."""
    router, sessions = router_and_sessions
    event_id = f"$unit-{next(_ids)}"
    incoming = Incoming("!room", event_id, f"@{sender}:{SERVER}", power, body=body)
    handled = router.dispatch(sessions, incoming)
    with sessions() as session:
        replies = session.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"reply:{event_id}"
            )
        ).all()
        effects = session.scalars(
            select(outbox.OutboxMessage).where(
                outbox.OutboxMessage.source_id == f"effect:{event_id}"
            )
        ).all()
        assert session.get(ProcessedEvent, event_id) is not None
    assert len(replies) <= 1
    return (
        handled,
        (replies[0].payload["text"] if replies else None),
        [e.payload["text"] for e in effects],
    )


def test_permission_by_power_level_is_refused_politely(local):
    handled, reply, effects = command(local, "!moderer", power=0)
    assert handled
    assert reply == "Désolé, cette commande est réservée aux modérateurs du salon."
    assert effects == []
    assert command(local, "!moderer", power=50) == (True, None, ["moderated"])


def test_permission_by_role_comes_from_the_territory(local):
    assert command(local, "!inscrire", sender="lucas.demo")[2] == ["moderated"]  # secretaire
    _handled, reply, effects = command(local, "!inscrire", sender="emma.fictive")
    assert reply == "Désolé, cette commande est réservée au secrétariat."
    assert effects == []


def test_unknown_command_and_bad_arguments_get_french_messages(local):
    assert command(local, "!inconnue 3")[1] == "Commande inconnue : !inconnue — tapez !aide"
    _handled, reply, effects = command(local, "!numero deux")
    assert reply == "Il faut un numéro.\nUsage : !numero N"
    assert effects == []  # the half-done change went with the refusal
    assert command(local, "!NUMERO 42")[2] == ["numéro 42"]


def test_a_failing_handler_changes_nothing_but_is_answered_once(local):
    handled, reply, effects = command(local, "!panne")
    assert handled
    assert reply == FAILURE
    assert effects == []


def test_an_event_is_handled_once(local):
    router, sessions = local
    incoming = Incoming("!room", "$twice", f"@emma.fictive:{SERVER}", 50, body="!moderer")
    assert router.dispatch(sessions, incoming) is True
    assert router.dispatch(sessions, incoming) is False
    with sessions() as session:
        count = session.scalar(
            select(func.count()).where(outbox.OutboxMessage.source_id == "effect:$twice")
        )
    assert count == 1


def test_a_thread_message_is_recorded_only_when_a_handler_wants_it(local):
    router, sessions = local
    answers = []

    def answer(ctx, message, text) -> None:
        answers.append((ctx.event_id, message.kind, text))
        effect(ctx, text)

    secretariat = Permission(roles=frozenset({"secretaire"}))
    threads = Router(
        [Feature(thread_replies={"test.question": answer}, reaction_permission=secretariat)],
        settings=router.settings,
        territory=router.territory,
    )
    posted(sessions, "test.question", "moderation", "$question")
    posted(sessions, "notice", "moderation", "$notice")

    def message(router=threads, sender="lucas.demo", **relation) -> tuple[str, bool]:
        event_id = f"$unit-{next(_ids)}"
        incoming = Incoming("!room", event_id, f"@{sender}:{SERVER}", text="Le motif", **relation)
        return event_id, router.dispatch(sessions, incoming)

    # A kind without a handler, an event the bot never sent, a sender the feature does not
    # listen to, a router without thread handlers: conversation, not even recorded.
    for relation in (
        {"thread_root": "$notice"},
        {"reply_to": "$notice"},
        {"thread_root": "$elsewhere"},
        {"thread_root": "$question", "sender": "emma.fictive"},
        {"thread_root": "$question", "router": router},
    ):
        event_id, handled = message(**relation)
        assert not handled, relation
        assert not processed(sessions, event_id), relation
    assert answers == []

    in_thread, handled = message(thread_root="$question")
    assert handled
    assert processed(sessions, in_thread)
    again = Incoming(
        "!room", in_thread, f"@lucas.demo:{SERVER}", text="Le motif", thread_root="$question"
    )
    assert not threads.dispatch(sessions, again)  # exactly once
    a_reply, handled = message(reply_to="$question")
    assert handled
    assert answers == [
        (in_thread, "test.question", "Le motif"),
        (a_reply, "test.question", "Le motif"),
    ]
    with pytest.raises(ValueError, match="thread reply handler for kind 'test.question'"):
        Router(
            [Feature(thread_replies={"test.question": answer})] * 2,
            settings=router.settings,
            territory=router.territory,
        )


def test_a_message_knows_its_thread_and_what_it_replies_to():
    text = {"msgtype": "m.text", "body": "> cité\n\ntexte"}
    assert message_fields(text, {}) == {
        "body": "> cité\n\ntexte",  # not a reply: a quote is the text
        "msgtype": "m.text",
        "thread_root": None,
        "reply_to": None,
    }
    quoted = {"msgtype": "m.text", "body": "> <@bot:x> Alerte\n> suite\n\nMa réponse"}
    reply = message_fields(quoted, {"m.in_reply_to": {"event_id": "$alert"}})
    assert (reply["body"], reply["thread_root"], reply["reply_to"]) == (
        "Ma réponse",  # without the quote older clients put before a reply
        None,
        "$alert",
    )
    thread = {"rel_type": "m.thread", "event_id": "$alert", "is_falling_back": True}
    fields = message_fields({"msgtype": "m.text", "body": "Motif"}, thread)
    assert (fields["body"], fields["thread_root"], fields["reply_to"]) == ("Motif", "$alert", None)
    odd = {"rel_type": "m.thread", "event_id": 42, "m.in_reply_to": "$x"}
    assert message_fields({"body": None}, odd) == {
        "body": "",
        "msgtype": "",
        "thread_root": None,
        "reply_to": None,
    }


def test_help_lists_what_the_sender_may_run(local):
    reply = command(local, "!aide")[1]
    assert "!aide [commande] — liste les commandes" in reply
    assert "!numero N — un numéro" in reply
    assert "!moderer" not in reply
    assert "!inscrire" not in reply
    assert "2 autre(s) commande(s), réservée(s)" in reply
    assert "!moderer" in command(local, "!aide", power=50)[1]


def test_arguments_split_like_a_shell_but_keep_apostrophes():
    assert split_arguments('l\'urbanisme "conseil du 3" 42') == [
        "l'urbanisme",
        "conseil du 3",
        "42",
    ]
    assert split_arguments("“deux mots”") == ["deux mots"]
    with pytest.raises(UsageError):
        split_arguments('"ouvert')


# --- the bot on real Synapse ------------------------------------------------------------------
@pytest.fixture(scope="module")
def bots(stack, provisioned) -> Iterator[BotsProcess]:
    bots = BotsProcess(stack)
    yield bots
    bots.stop()


@pytest.fixture(scope="module")
def room(sessions) -> str:
    with sessions() as session:
        return session.get(MatrixRoom, "instance:urbanisme").room_id


@pytest.fixture(scope="module")
def emma(stack, provisioned, room) -> Iterator[Member]:
    """A conseillère of the urbanisme commission (power level 0 there), joined to its room."""
    member = Member(stack, "emma.fictive", provisioned[1]["emma.fictive"])
    member.join(room)
    yield member
    member.close()


def answered_once(sessions, event_id: str) -> str:
    """Wait for the event's record; its one reply row's text."""
    eventually(lambda: processed(sessions, event_id), what=f"{event_id} processed")
    (reply,) = replies(sessions, event_id)
    assert reply.kind == "reply"
    return reply.payload["text"]


def saved_token(sessions) -> str | None:
    with sessions() as session:
        return load_state(session, SYNC_TOKEN)


def set_token(sessions, token: str | None) -> None:
    with sessions.begin() as session:
        if token is None:
            session.execute(delete(BotState).where(BotState.key == SYNC_TOKEN))
        else:
            save_state(session, SYNC_TOKEN, token)


def test_first_start_ignores_the_past_then_answers_each_command_once(
    stack, sessions, bots, emma, room
):
    bots.stop()
    set_token(sessions, None)  # as if the bot had never run
    before = emma.send(room, "!aide")
    bot = provision.bot_session(stack.settings, stack.secrets)
    bots.start()
    eventually(lambda: saved_token(sessions), what="first sync saved")
    try:
        # The bot's own account typing a command, from another of its devices.
        path = f"{matrix.CLIENT}/rooms/{quote(room)}/send/m.room.message/{uuid.uuid4().hex}"
        own = bot._call("PUT", path, json={"msgtype": "m.text", "body": "!aide"})["event_id"]
    finally:
        bot.close()
    after = emma.send(room, "!aide")
    text = answered_once(sessions, after)
    assert "!aide [commande]" in text
    assert "!agenda" in text
    assert not processed(sessions, before)  # sent before the bot's first start
    assert not processed(sessions, own)  # its own message, seen before `after`
    unknown = emma.send(room, "!inconnue")
    assert answered_once(sessions, unknown) == "Commande inconnue : !inconnue — tapez !aide"


def test_a_command_sent_while_down_is_processed_once_on_return(stack, sessions, bots, emma, room):
    bots.start()
    eventually(lambda: saved_token(sessions), what="a saved token")
    bots.stop()
    command = emma.send(room, "!aide")
    # More than one sync's timeline (50 events): the command is only reachable by catch-up.
    # The filler comes from the service account (exempt from the message limit), since 60
    # messages of a person would wait out Synapse's limit for minutes.
    filler = provision.bot_session(stack.settings, stack.secrets)
    try:
        for n in range(60):
            path = f"{matrix.CLIENT}/rooms/{quote(room)}/send/m.room.message/{uuid.uuid4().hex}"
            filler._call("PUT", path, json={"msgtype": "m.text", "body": f"message {n}"})
    finally:
        filler.close()
    bots.start()
    answered_once(sessions, command)
    later = emma.send(room, "!aide")
    answered_once(sessions, later)
    assert len(replies(sessions, command)) == 1


def test_a_command_processed_just_before_a_crash_is_not_processed_again(sessions, bots, emma, room):
    bots.start()
    probe = emma.send(room, "!aide")
    answered_once(sessions, probe)
    token_before = saved_token(sessions)
    command = emma.send(room, "!aide")
    eventually(lambda: replies(sessions, command), what="the reply row")
    bots.stop(signal.SIGKILL)
    # Whether or not the token after `command` was saved before the kill, make sure the bot
    # reads `command` again: the older token comes back.
    set_token(sessions, token_before)
    log_size = len(bots.log())
    bots.start()
    probe = emma.send(room, "!aide")
    answered_once(sessions, probe)
    assert len(replies(sessions, command)) == 1
    assert f"command {command} " in bots.log()[log_size:]  # seen again after the restart…
    assert f"{command} from {emma.user_id} in {room}: skipped" in bots.log()[log_size:]  # …skipped


def test_events_before_the_bot_joined_a_direct_room_are_ignored(stack, sessions, bots, emma):
    bots.start()
    dm = emma.private_room()
    before = emma.send(dm, "!aide")
    emma.invite(dm, stack.settings.bot_user_id)
    eventually(
        lambda: emma.membership(dm, stack.settings.bot_user_id) == "join",
        what="the bot joins the direct room it was invited to",
    )
    after = emma.send(dm, "!aide")
    answered_once(sessions, after)
    assert not processed(sessions, before)
    (reply,) = replies(sessions, after)
    assert reply.room_key == dm  # an unmanaged room: the reply goes to its id


# --- reactions and power levels, the sync loop in this process with a test feature ----------
VALIDATIONS: list[tuple[str, str, str]] = []


def validate(ctx, message, key) -> None:
    VALIDATIONS.append((ctx.event_id, message.source_id, key))
    effect(ctx, f"{key} {message.source_id}")


ANSWERS: list[tuple[str, str, str]] = []


def answer(ctx, message, text) -> None:
    ANSWERS.append((ctx.event_id, message.source_id, text))
    effect(ctx, f"réponse {text}")


REACTION_FEATURE = Feature(
    commands=TEST_FEATURE.commands[:1],  # !moderer: power level 50 in the room
    reactions={"test.alert": validate},
    thread_replies={"test.alert": answer},
)


def in_thread(root: str) -> dict:
    """A message's relation in the thread of `root`, as Element writes it."""
    return {
        "m.relates_to": {
            "rel_type": "m.thread",
            "event_id": root,
            "is_falling_back": True,
            "m.in_reply_to": {"event_id": root},
        }
    }


def replying_to(event_id: str) -> dict:
    return {"m.relates_to": {"m.in_reply_to": {"event_id": event_id}}}


def test_reactions_thread_replies_and_power_levels_through_the_sync_loop(
    stack, provisioned, sessions, bots, emma, room
):
    bots.stop()  # one client per device: the loop runs here, with the test feature
    territory, passwords = provisioned
    chloe = Member(stack, "chloe.demo", passwords["chloe.demo"])  # vice-présidente: power 50
    chloe.join(room)
    router = Router(
        [help_feature.FEATURE, REACTION_FEATURE], settings=stack.settings, territory=territory
    )

    async def scenario() -> dict[str, str]:
        async with bot_loop(stack, sessions, router) as client:
            sent = await client.nio.room_send(
                room, "m.room.message", {"msgtype": "m.notice", "body": "Alerte de test"}
            )
            alert = sent.event_id
            source_id = posted(sessions, "test.alert", "instance:urbanisme", alert)
            say = partial(asyncio.to_thread, emma.send, room)
            # ✅ with the emoji variation selector, as many clients send it.
            tick = await asyncio.to_thread(emma.react, room, alert, "\u2705\ufe0f")
            other = await say("sans rapport")
            ignored = await asyncio.to_thread(emma.react, room, other, "\u2705")
            chat = await say("Une discussion", **in_thread(other))
            threaded = await say("Réponse dans le fil", **in_thread(alert))
            command = await say("!aide", **in_thread(alert))
            fallback = f"> <{client.user_id}> Alerte de test\n\nRéponse directe"
            replied = await say(fallback, **replying_to(alert))
            refused = await say("!moderer")
            allowed = await asyncio.to_thread(chloe.send, room, "!moderer")
            await asyncio.to_thread(answered_once, sessions, refused)
            await asyncio.to_thread(
                eventually, lambda: processed(sessions, allowed), "chloe's !moderer", 30
            )
        return {
            "alert": alert,
            "source_id": source_id,
            "tick": tick,
            "ignored": ignored,
            "chat": chat,
            "threaded": threaded,
            "command": command,
            "replied": replied,
            "refused": refused,
            "allowed": allowed,
        }

    try:
        ids = asyncio.run(scenario())
    finally:
        chloe.close()
    # Routed once, the key normalised.
    assert VALIDATIONS == [(ids["tick"], ids["source_id"], "\u2705")]
    assert processed(sessions, ids["tick"])
    assert not processed(sessions, ids["ignored"])  # a reaction to a member's message: nobody's
    # In the alert's thread or replying to it, the text without the quoted fallback; a thread
    # about a member's message is conversation, and a command in a thread is a command whose
    # answer goes to that thread.
    assert ANSWERS == [
        (ids["threaded"], ids["source_id"], "Réponse dans le fil"),
        (ids["replied"], ids["source_id"], "Réponse directe"),
    ]
    assert not processed(sessions, ids["chat"])
    (help_reply,) = replies(sessions, ids["command"])
    assert help_reply.payload["thread_root"] == ids["alert"]
    refused, allowed = ids["refused"], ids["allowed"]
    (reply,) = replies(sessions, refused)
    assert reply.payload["text"] == "Désolé, cette commande est réservée aux modérateurs du salon."
    assert not replies(sessions, allowed)  # chloe is a moderator of the room: it just ran
    with sessions() as session:
        assert (
            session.scalar(
                select(func.count()).where(outbox.OutboxMessage.source_id == f"effect:{allowed}")
            )
            == 1
        )


def test_same_command_name_in_different_rooms(stack, provisioned):
    from bots.router import Router
    from collab.chat import Command
    from collab.feature import Feature

    calls = []

    def directory(ctx, args):
        calls.append(("directory", args))

    def childcare(ctx, args):
        calls.append(("childcare", args))

    territory, _ = provisioned
    router = Router(
        [
            Feature(
                commands=(
                    Command(
                        "valider", "!valider N", "x", directory, rooms=frozenset({"moderation"})
                    ),
                )
            ),
            Feature(
                commands=(
                    Command(
                        "valider", "!valider N", "x", childcare, rooms=frozenset({"secretariat"})
                    ),
                )
            ),
        ],
        settings=stack.settings,
        territory=territory,
    )
    assert router.command("valider", "moderation").handler is directory
    assert router.command("valider", "secretariat").handler is childcare
    assert router.command("valider", "instance:urbanisme") is None
    with pytest.raises(ValueError, match="registered twice"):
        Router(
            [
                Feature(commands=(Command("valider", "u", "s", directory),)),
                Feature(
                    commands=(
                        Command("valider", "u", "s", childcare, rooms=frozenset({"secretariat"})),
                    )
                ),
            ],
            settings=stack.settings,
            territory=territory,
        )
