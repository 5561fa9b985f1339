"""Queued mails: sent by the bots process, oldest first, written back a few at a time."""

from __future__ import annotations

import email
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy

from conftest import free_port, make_settings
from sqlalchemy import select

from collab import db
from portal import mail
from portal.mail import QueuedMail, deliver_pending_mail, queue_mail


class SmtpServer(socketserver.ThreadingTCPServer):
    """A small real SMTP server (RFC 5321, no extensions): counts its connections, keeps the
    messages it accepted, refuses recipients whose address starts with "inconnu"."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.connections = 0
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
                if address.startswith("inconnu"):
                    self.reply("550 No such user")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA" and recipients:
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b"".join(iter(self.rfile.readline, b".\r\n"))
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
    assert deliver_pending_mail(sessions, settings) == 0
    assert deliver_pending_mail(sessions, settings) == 0
    assert len(tries) == 2  # once a round, not once a mail
    for queued in rows(sessions):
        assert queued.sent_at is None
        assert queued.attempts == 2
        assert queued.last_error
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
        assert "No such user" in refused.last_error
        # The next round opens its own connection.
        with sessions.begin() as s:
            queue_mail(s, "famille12@exemple.fr", "Reçu n° 12", "Bonjour")
        assert deliver_pending_mail(sessions, settings) == 1  # the refused one fails again
        assert server.connections == 2
    engine.dispose()


def test_mails_that_keep_failing_do_not_hold_up_the_others(tmp_path):
    # The oldest two are refused by the server.
    addresses = [f"inconnu{n}@exemple.fr" if n < 2 else f"famille{n}@exemple.fr" for n in range(6)]
    with smtp_server() as server:
        settings, sessions, engine = setup(tmp_path, addresses, **through(server))
        assert deliver_pending_mail(sessions, settings, limit=2) == 0  # both refused
        assert deliver_pending_mail(sessions, settings, limit=2) == 2  # the next two go first
        assert deliver_pending_mail(sessions, settings, limit=2) == 2
    queued = rows(sessions)
    assert [m.sent_at is not None for m in queued] == [False, False, True, True, True, True]
    assert [m.attempts for m in queued[:2]] == [1, 1]
    assert "No such user" in queued[0].last_error
    engine.dispose()
