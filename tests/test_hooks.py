"""The generic webhook and the outbox commands: `POST /hooks/<token>`, `girou hook|notify|outbox`.

The portal runs under Flask's test client; what reaches the room is delivered by the real
bots process and read back from the room by another login.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from conftest import ROOT, secrets_for
from sqlalchemy import func, select

from collab import outbox, provision
from collab.matrix import KIND_KEY, SOURCE_KEY
from collab.models import MatrixRoom, remember_room
from collab.outbox import OutboxMessage
from collab.supervisor import Supervisor, settings_environment
from portal.app import create_app
from portal.webhooks.tokens import HookToken, create_hook, revoke_hook, token_hash

ROOM_KEY = "instance:numerique"


@pytest.fixture(scope="module")
def client(stack, provisioned, sessions):
    territory, _passwords = provisioned
    app = create_app(stack.settings, territory, secrets_for(stack.settings))
    return app.test_client()


@pytest.fixture
def token(sessions) -> str:
    with sessions.begin() as s:
        return create_hook(s, ROOM_KEY, "tests")


def girou(stack, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collab.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **settings_environment(stack.settings)},
    )


def outbox_rows(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(OutboxMessage))


def row(sessions, source_id: str) -> OutboxMessage | None:
    with sessions() as s:
        return s.scalars(select(OutboxMessage).where(OutboxMessage.source_id == source_id)).first()


def wait_for(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "not delivered in time"
        time.sleep(0.05)


def room_events(stack, sessions, sources: list[str]) -> list[dict]:
    """The room's events carrying these source ids, oldest first, read by another login."""
    with sessions() as s:
        room_id = s.get(MatrixRoom, ROOM_KEY).room_id
    reader = provision.bot_session(stack.settings, stack.secrets)
    try:
        page = reader._call(
            "GET",
            f"/_matrix/client/v3/rooms/{quote(room_id)}/messages",
            params={"dir": "b", "limit": 200, "filter": json.dumps({"types": ["m.room.message"]})},
        )
    finally:
        reader.close()
    wanted = set(sources)
    return [e for e in reversed(page["chunk"]) if e["content"].get(SOURCE_KEY) in wanted]


# --- the endpoint ------------------------------------------------------------------------------
def test_an_accepted_call_is_committed_before_the_202(client, sessions, token):
    response = client.post(f"/hooks/{token}", json={"text": "Réunion reportée à jeudi."})
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "accepted"
    # Read through another connection after the answer: the row is already committed.
    message = row(sessions, body["source_id"])
    assert message is not None
    assert (message.kind, message.room_key, message.status) == ("hook", ROOM_KEY, "pending")
    assert message.payload["text"] == "Réunion reportée à jeudi."


def test_unknown_and_revoked_tokens_get_404(client, sessions, token):
    before = outbox_rows(sessions)
    response = client.post("/hooks/not-a-token", json={"text": "x"})
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
    with sessions.begin() as s:
        assert revoke_hook(s, token)
        assert not revoke_hook(s, token)  # already revoked
    assert client.post(f"/hooks/{token}", json={"text": "x"}).status_code == 404
    assert outbox_rows(sessions) == before


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "must be a JSON object"),
        (b"{}", '"text" is missing'),
        (b'{"text": "   "}', '"text" must be a non-empty string'),
        (b'{"text": 42}', '"text" must be a non-empty string'),
        (b'{"text": "x", "html": 1}', '"html" must be a string'),
        (b'{"text": "x", "source_id": ""}', '"source_id" must be a non-empty string'),
        (b'{"text": "x", "txt": "y"}', "unknown field(s): txt"),
        (json.dumps({"text": "x" * 10_001}).encode(), '"text" is too long'),
    ],
)
def test_a_malformed_body_gets_400_with_the_reason_and_changes_nothing(
    client, sessions, token, body, reason
):
    before = outbox_rows(sessions)
    response = client.post(f"/hooks/{token}", data=body, content_type="application/json")
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["error"] == "bad_request"
    assert reason in answer["message"]
    assert outbox_rows(sessions) == before


def test_a_given_source_id_makes_a_retried_call_idempotent(client, sessions, token):
    first = client.post(f"/hooks/{token}", json={"text": "Build 42 ok", "source_id": "b42"})
    again = client.post(f"/hooks/{token}", json={"text": "Build 42 ok", "source_id": "b42"})
    assert first.status_code == again.status_code == 202
    assert first.get_json()["source_id"] == again.get_json()["source_id"]
    assert (first.get_json()["duplicate"], again.get_json()["duplicate"]) == (False, True)
    with sessions() as s:
        count = select(func.count()).where(OutboxMessage.source_id == first.get_json()["source_id"])
        assert s.scalar(count) == 1


def test_tokens_are_stored_hashed_and_bound_to_a_known_room(sessions, token):
    with sessions() as s:
        hook = s.scalars(select(HookToken).where(HookToken.token_hash == token_hash(token))).one()
        assert token not in (hook.token_hash, hook.label, hook.room_key)
        with pytest.raises(ValueError, match="unknown room key 'instance:nowhere'"):
            create_hook(s, "instance:nowhere")
    with sessions.begin() as s:  # a person's private chat with the bot is no hook's room
        remember_room(s, "direct:alice.exemple", "!prive:girou.localhost", "Alice Exemple")
    with sessions() as s:
        with pytest.raises(ValueError, match="unknown room key 'direct:alice.exemple'"):
            create_hook(s, "direct:alice.exemple")
    with sessions.begin() as s:
        s.delete(s.get(MatrixRoom, "direct:alice.exemple"))


# --- the command line --------------------------------------------------------------------------
def test_hook_create_prints_the_url_last_and_revoke_closes_it(stack, client, sessions):
    result = girou(stack, "hook", "create", ROOM_KEY, "--label", "supervision")
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip().splitlines()[-1]
    prefix = stack.settings.public_url("portal") + "/hooks/"
    assert url.startswith(prefix)
    token = url.removeprefix(prefix)
    assert client.post(f"/hooks/{token}", json={"text": "ok"}).status_code == 202

    listing = girou(stack, "hook", "list")
    assert "supervision" in listing.stdout
    assert token not in listing.stdout  # the token is shown once, at creation
    with sessions() as s:
        hook_id = s.scalar(select(HookToken.id).where(HookToken.token_hash == token_hash(token)))
    assert girou(stack, "hook", "revoke", str(hook_id)).returncode == 0
    assert client.post(f"/hooks/{token}", json={"text": "ok"}).status_code == 404
    again = girou(stack, "hook", "revoke", str(hook_id))
    assert again.returncode == 2
    assert "no active hook" in again.stderr


def test_bad_cli_input_is_refused_with_exit_2_and_changes_nothing(stack, sessions):
    before = outbox_rows(sessions)
    with sessions() as s:
        hooks = s.scalar(select(func.count()).select_from(HookToken))
    refused = [
        (("hook", "create", "instance:nowhere"), "unknown room key 'instance:nowhere'"),
        (("notify", "instance:nowhere", "Bonjour"), "known room keys: "),
        (("notify", ROOM_KEY, "   "), "the text is empty"),
        (("outbox", "retry", "999999"), "no outbox row 999999"),
        (("outbox", "--status", "lost"), "invalid choice"),
    ]
    for args, message in refused:
        result = girou(stack, *args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
    assert outbox_rows(sessions) == before
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(HookToken)) == hooks


# --- all the way to the room -------------------------------------------------------------------
def test_webhook_notify_and_retry_reach_the_room_once_each(stack, client, sessions, token):
    tag = uuid.uuid4().hex[:8]
    # A webhook call, retried once with the same source id.
    payload = {
        "text": f"Sauvegarde {tag} terminée",
        "html": f"<p>Sauvegarde <b>{tag}</b> terminée</p><script>x()</script><table></table>",
        "source_id": f"backup-{tag}",
    }
    hook_source = client.post(f"/hooks/{token}", json=payload).get_json()["source_id"]
    assert client.post(f"/hooks/{token}", json=payload).get_json()["duplicate"] is True
    # `girou notify`, also retried with the same source id.
    notified = girou(stack, "notify", ROOM_KEY, f"Avis {tag}", "--source-id", f"n-{tag}")
    assert notified.returncode == 0, notified.stderr
    girou(stack, "notify", ROOM_KEY, f"Avis {tag}", "--source-id", f"n-{tag}")
    # A row that died (as if the room had been unreachable), listed, then retried.
    dead_source = f"dead-row-{tag}"
    with sessions.begin() as s:
        outbox.enqueue(
            s, kind="notice", room_key=ROOM_KEY, payload={"text": "relancé"}, source_id=dead_source
        )
        dead = s.scalars(select(OutboxMessage).where(OutboxMessage.source_id == dead_source)).one()
        dead.status, dead.attempts, dead.last_error = outbox.DEAD, 10, "503 M_UNAVAILABLE: test"
        dead_id = dead.id
    listing = girou(stack, "outbox", "--status", "dead")
    line = next(x for x in listing.stdout.splitlines() if x.split()[:1] == [str(dead_id)])
    assert "dead" in line
    assert "503 M_UNAVAILABLE" in line
    retried = girou(stack, "outbox", "retry", str(dead_id))
    assert retried.returncode == 0, retried.stderr
    assert row(sessions, dead_source).status == outbox.PENDING

    sources = [hook_source, f"notify:n-{tag}", dead_source]
    bots = Supervisor(stack.settings)
    bots.start("bots")
    try:
        wait_for(lambda: all(row(sessions, s).status == outbox.SENT for s in sources), 60)
    finally:
        bots.stop()
    events = room_events(stack, sessions, sources)
    assert [e["content"][SOURCE_KEY] for e in events] == sources  # once each, in order
    hook_event, notice_event, retried_event = (e["content"] for e in events)
    assert hook_event["msgtype"] == "m.notice"
    assert hook_event[KIND_KEY] == "hook"
    assert hook_event["body"] == payload["text"]
    assert hook_event["format"] == "org.matrix.custom.html"
    # Sanitized: no script element, no table (some clients do not render them).
    assert "<b>" in hook_event["formatted_body"]
    assert "<script" not in hook_event["formatted_body"]
    assert "<table" not in hook_event["formatted_body"]
    assert hook_event["m.mentions"] == {"user_ids": []}
    assert notice_event[KIND_KEY] == "notice"
    assert notice_event["body"] == f"Avis {tag}"
    assert retried_event["body"] == "relancé"
    assert row(sessions, dead_source).attempts == 2  # the retry kept "tried before": checked
