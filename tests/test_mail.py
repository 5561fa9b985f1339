"""Queued mails: sent by the bots process, oldest first, written back a few at a time; given
up, and announced in the moderation room, when the SMTP server refuses them for good."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy

from conftest import free_port, make_settings
from sqlalchemy import select, update
from test_childcare_digest import bot  # noqa: F401
from test_delivery import deliver_until, room_events

from bridges.templates import render
from collab import db, outbox, schema
from collab.matrix import KIND_KEY
from collab.models import MatrixRoom
from collab.outbox import OutboxMessage
from portal import mail
from portal.mail import (
    QueuedMail,
    delete_sent_mail,
    deliver_pending_mail,
    queue_mail,
    retry_dead_mail,
)


class SmtpServer(socketserver.ThreadingTCPServer):
    """A small real SMTP server (RFC 5321, no extensions): counts its connections, keeps the
    recipients it was asked for and the messages it accepted. Refuses for good recipients whose
    address starts with "inconnu" (550) and messages to "rejet…" (554 after the data); for now
    those to "plein…" (452, a full mailbox)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.connections = 0
        self.asked: list[str] = []
        self.received: list[email.message.Message] = []


class SmtpSession(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.server.connections += 1
        self.reply("220 test ESMTP")
        recipients = []
        while line := self.rfile.readline():
            verb = line.decode("utf-8", "replace").strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = line.decode().split(":", 1)[1].strip().strip("<>")
                self.server.asked.append(address)
                if address.startswith("inconnu"):
                    self.reply("550 No such user")
                elif address.startswith("plein"):
                    self.reply("452 Mailbox full, try again later")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA" and recipients:
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b"".join(iter(self.rfile.readline, b".\r\n"))
                if any(address.startswith("rejet") for address in recipients):
                    self.reply("554 Message refused as spam")
                    continue
                self.server.received.append(email.message_from_bytes(data, policy=policy.default))
                self.reply("250 OK")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("503 Bad sequence of commands")


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def setup(tmp_path, recipients: int | list[str], **overrides):
    """Settings and a database with mails queued to `recipients` (a count: famille0, 1…)."""
    if isinstance(recipients, int):
        recipients = [f"famille{n}@exemple.fr" for n in range(recipients)]
    settings = make_settings(tmp_path).with_overrides(**overrides)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'mail.db'}")
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    with sessions.begin() as s:
        for n, address in enumerate(recipients):
            queue_mail(s, address, f"Reçu n° {n}", f"Bonjour,\n\nreçu {n}\n")
    return settings, sessions, engine


def through(server: SmtpServer) -> dict:
    """The settings that send mails to `server`."""
    return {
        "mail__smtp_host": "127.0.0.1",
        "mail__smtp_port": server.server_address[1],
        "mail__smtp_starttls": False,
    }


def rows(sessions) -> list[QueuedMail]:
    with sessions() as s:
        return s.scalars(select(QueuedMail).order_by(QueuedMail.id)).all()


def test_mails_go_oldest_first_up_to_the_limit_and_are_marked_sent(tmp_path, monkeypatch):
    settings, sessions, engine = setup(tmp_path, 25)
    commits = []
    monkeypatch.setattr(mail, "BATCH", 4)
    original = sessions.begin

    def counting_begin():
        commits.append(1)
        return original()

    monkeypatch.setattr(sessions, "begin", counting_begin)
    assert deliver_pending_mail(sessions, settings, limit=10) == 10
    assert len(commits) == 3  # 4 + 4 + 2: one write per batch, not per mail
    files = sorted((settings.home / "mail").glob("*.eml"))
    assert len(files) == 10
    first = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert first["To"] == "famille0@exemple.fr"
    assert first["Subject"] == "Reçu n° 0"
    assert "reçu 0" in first.get_content()
    queued = rows(sessions)
    assert [m.sent_at is not None for m in queued] == [True] * 10 + [False] * 15
    assert deliver_pending_mail(sessions, settings, limit=100) == 15
    assert all(m.sent_at is not None for m in rows(sessions))
    assert deliver_pending_mail(sessions, settings) == 0  # nothing sent twice
    assert len(list((settings.home / "mail").glob("*.eml"))) == 25
    engine.dispose()


def test_a_mail_that_fails_stays_queued_with_its_error_and_goes_at_a_later_round(
    tmp_path, monkeypatch
):
    port = free_port()  # nothing listens there: the SMTP connection is refused
    settings, sessions, engine = setup(
        tmp_path, 3, mail__smtp_host="127.0.0.1", mail__smtp_port=port
    )
    tries = []
    connect = mail.smtplib.SMTP.connect

    def counted(smtp, *args, **kwargs):
        tries.append(args)
        return connect(smtp, *args, **kwargs)

    monkeypatch.setattr(mail.smtplib.SMTP, "connect", counted)
    # However long it lasts, a server away gives no mail up.
    settings = settings.with_overrides(mail__max_attempts=1, mail__give_up_after_hours=0)
    assert deliver_pending_mail(sessions, settings) == 0
    assert deliver_pending_mail(sessions, settings) == 0
    assert len(tries) == 2  # once a round, not once a mail
    for queued in rows(sessions):
        assert queued.sent_at is None
        assert queued.attempts == 2
        assert queued.last_error
        assert (queued.dead_at, queued.refused_since) == (None, None)
    assert alerts(sessions) == []
    # The server is back (here: no SMTP host, mails written as files): all of them go.
    assert deliver_pending_mail(sessions, settings.with_overrides(mail__smtp_host="")) == 3
    assert all(m.sent_at is not None and m.attempts == 2 for m in rows(sessions))
    engine.dispose()


def test_one_smtp_connection_carries_a_round_and_a_refused_address_fails_alone(tmp_path):
    addresses = ["inconnu@exemple.fr" if n == 4 else f"famille{n}@exemple.fr" for n in range(12)]
    with smtp_server() as server:
        settings, sessions, engine = setup(tmp_path, addresses, **through(server))
        assert deliver_pending_mail(sessions, settings) == 11
        assert server.connections == 1  # not one per mail
        assert [m["Subject"] for m in server.received] == [
            f"Reçu n° {n}" for n in range(12) if n != 4
        ]
        assert "reçu 0" in server.received[0].get_content()
        refused = rows(sessions)[4]
        assert (refused.sent_at, refused.attempts) == (None, 1)
        assert refused.last_error == "550 No such user"
        # The next round opens its own connection.
        with sessions.begin() as s:
            queue_mail(s, "famille12@exemple.fr", "Reçu n° 12", "Bonjour")
        assert deliver_pending_mail(sessions, settings) == 1
        assert server.connections == 2
    engine.dispose()


def test_mails_that_keep_failing_do_not_hold_up_the_others(tmp_path):
    # The oldest two are refused by the server, for now (full mailboxes).
    addresses = [f"plein{n}@exemple.fr" if n < 2 else f"famille{n}@exemple.fr" for n in range(6)]
    with smtp_server() as server:
        settings, sessions, engine = setup(tmp_path, addresses, **through(server))
        assert deliver_pending_mail(sessions, settings, limit=2) == 0  # both refused
        assert deliver_pending_mail(sessions, settings, limit=2) == 2  # the next two go first
        assert deliver_pending_mail(sessions, settings, limit=2) == 2
    queued = rows(sessions)
    assert [m.sent_at is not None for m in queued] == [False, False, True, True, True, True]
    assert [m.attempts for m in queued[:2]] == [1, 1]
    assert "452 Mailbox full" in queued[0].last_error
    assert [m.dead_at for m in queued[:2]] == [None, None]  # tried again later
    engine.dispose()


# --- mails given up ----------------------------------------------------------------------------
def alerts(sessions) -> list[OutboxMessage]:
    with sessions() as s:
        return s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == mail.DEAD_MAIL_KIND)
            .order_by(OutboxMessage.id)
        ).all()


def test_a_mail_refused_for_good_is_given_up_at_once_announced_once_and_not_tried_again(
    tmp_path,
):
    """A 550 for its recipient, a 554 for the message: given up at the first round, each
    announced once in the moderation room; the others go; a staff retry tries it again."""
    addresses = [f"famille{n}@exemple.fr" for n in range(6)]
    addresses[2], addresses[4] = "inconnu@exemple.fr", "rejet@exemple.fr"
    with smtp_server() as server:
        settings, sessions, engine = setup(tmp_path, addresses, **through(server))
        assert deliver_pending_mail(sessions, settings) == 4
        queued = rows(sessions)
        unknown, spam = queued[2], queued[4]
        for dead in (unknown, spam):
            assert (dead.sent_at, dead.attempts) == (None, 1)
            assert dead.dead_at is not None
        assert [m.sent_at is not None for m in queued] == [True, True, False, True, False, True]
        assert spam.last_error == "554 Message refused as spam"
        [first, second] = alerts(sessions)
        room = settings.get("bridges", "admin_room")
        assert (first.room_key, first.source_id) == (room, f"mail.dead:{unknown.id}")
        assert (second.room_key, second.source_id) == (room, f"mail.dead:{spam.id}")
        text = render(first.kind, first.payload).body
        assert f"n° {unknown.id}, à inconnu@exemple.fr, après 1 essai" in text
        assert "refusé définitivement" in text
        assert "550 No such user" in text
        assert "Reçu" not in text  # a subject may name a child: not in that room

        # Never tried again, never announced again: the next rounds leave them alone.
        with sessions.begin() as s:
            queue_mail(s, "famille6@exemple.fr", "Reçu n° 6", "Bonjour")
        assert deliver_pending_mail(sessions, settings) == 1
        assert deliver_pending_mail(sessions, settings) == 0
        assert server.asked.count("inconnu@exemple.fr") == 1
        assert server.asked.count("rejet@exemple.fr") == 1
        assert len(alerts(sessions)) == 2

        # A staff action (`girou mail retry ID`) queues one again; refused again, it is given
        # up with a new alert.
        schema.create_schema(
            engine
        )  # at head, as `girou up` leaves it: the command finds it current
        command = [sys.executable, "-m", "collab.cli", "mail", "retry"]
        env = {
            "GIROU_HOME": str(tmp_path),
            "GIROU_DATABASE_URL": f"sqlite:///{tmp_path / 'mail.db'}",
            "PATH": "/usr/bin:/bin",
        }
        run = subprocess.run([*command, "10000"], capture_output=True, text=True, env=env)
        assert (run.returncode, run.stderr) == (
            2,
            "girou mail retry: no given-up mail 10000 (see `girou status`)\n",
        )
        run = subprocess.run([*command, str(unknown.id)], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        assert f"mail {unknown.id} is queued again" in run.stdout
        assert not retry_dead_mail(sessions, unknown.id)  # not dead any more
        assert not retry_dead_mail(sessions, queued[0].id)  # sent
        assert not retry_dead_mail(sessions, 10_000)  # no such mail
        assert deliver_pending_mail(sessions, settings) == 0
        assert server.asked.count("inconnu@exemple.fr") == 2
        assert rows(sessions)[2].dead_at is not None
        again = alerts(sessions)[2]
        assert again.source_id.startswith(f"mail.dead:{unknown.id}:")
    engine.dispose()


def test_a_mail_refused_for_a_while_is_given_up_after_n_tries(tmp_path):
    """A full mailbox (452): tried at every round; given up once it has failed
    `[mail] max_attempts` times and been refused for `give_up_after_hours`, not before (greylisting
    refuses for minutes: fast rounds alone never give a mail up)."""
    with smtp_server() as server:
        settings, sessions, engine = setup(
            tmp_path, ["plein@exemple.fr", "famille1@exemple.fr"], **through(server)
        )
        n = settings.get("mail", "max_attempts")
        give_up_after = dt.timedelta(hours=settings.get("mail", "give_up_after_hours"))
        assert deliver_pending_mail(sessions, settings) == 1  # the other one goes
        for _round in range(n + 2):
            assert deliver_pending_mail(sessions, settings) == 0
        full = rows(sessions)[0]
        assert full.attempts == n + 3
        assert full.dead_at is None  # refused for seconds only
        assert alerts(sessions) == []

        # Refused since yesterday, and again from now on: given up at its n-th failure.
        with sessions.begin() as s:
            s.execute(
                update(QueuedMail)
                .where(QueuedMail.id == full.id)
                .values(attempts=0, refused_since=mail.utcnow() - give_up_after)
            )
        for _round in range(n - 1):
            deliver_pending_mail(sessions, settings)
        assert rows(sessions)[0].dead_at is None
        deliver_pending_mail(sessions, settings)
        full = rows(sessions)[0]
        assert (full.attempts, full.sent_at) == (n, None)
        assert full.dead_at is not None
        deliver_pending_mail(sessions, settings)
        assert server.asked.count("plein@exemple.fr") == 1 + (n + 2) + n  # not after
        [alert] = alerts(sessions)
        text = render(alert.kind, alert.payload).body
        assert f"après {n} essais" in text
        assert "le refuse depuis le" in text
        assert "452 Mailbox full" in text
    assert [m["To"] for m in server.received] == ["famille1@exemple.fr"]
    engine.dispose()


def test_the_alert_of_a_mail_given_up_reaches_the_moderation_room_once(
    tmp_path,
    stack,
    sessions,
    bot,  # noqa: F811
):
    """The outbox row of a refused mail, delivered by the real worker to the real room."""
    with sessions() as s:
        room_key = stack.settings.get("bridges", "admin_room")
        room_id = s.scalars(select(MatrixRoom.room_id).where(MatrixRoom.key == room_key)).one()
    with smtp_server() as server:
        settings, mails, engine = setup(
            tmp_path, ["inconnu.moderation@exemple.fr"], **through(server)
        )
        with mails.begin() as s:
            s.add(MatrixRoom(key=room_key, room_id=room_id, name="Portail – modération"))
        deliver_pending_mail(mails, settings)
        deliver_pending_mail(mails, settings)
    [alert] = alerts(mails)

    def sent() -> bool:
        with mails() as s:
            return s.get(OutboxMessage, alert.id).status == outbox.SENT

    asyncio.run(deliver_until(stack.settings, stack.secrets, mails, sent, 60))
    [event] = room_events(bot, room_id, alert.source_id)
    assert event[KIND_KEY] == mail.DEAD_MAIL_KIND
    assert "inconnu.moderation@exemple.fr" in event["body"]
    assert "refusé définitivement" in event["formatted_body"]
    engine.dispose()


def test_sent_and_given_up_mails_go_at_the_retention_age(tmp_path):
    settings, sessions, engine = setup(tmp_path, ["a@exemple.fr", "b@exemple.fr", "c@exemple.fr"])
    long_ago = mail.utcnow() - dt.timedelta(days=400)
    with sessions.begin() as s:
        a, b, _c = s.scalars(select(QueuedMail).order_by(QueuedMail.id)).all()
        a.sent_at, b.dead_at = long_ago, long_ago
    with sessions.begin() as s:
        assert delete_sent_mail(s, sent_before=mail.utcnow() - dt.timedelta(days=30)) == 2
    assert [m.recipient for m in rows(sessions)] == ["c@exemple.fr"]  # still to be sent
    engine.dispose()
