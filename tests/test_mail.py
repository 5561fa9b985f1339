"""Queued mails: sent by the bots process, oldest first, written back a few at a time."""

from __future__ import annotations

import email
import smtplib
from email import policy

from conftest import free_port, make_settings
from sqlalchemy import select

from collab import db
from portal import mail
from portal.mail import QueuedMail, deliver_pending_mail, queue_mail


def setup(tmp_path, count: int, **overrides):
    settings = make_settings(tmp_path).with_overrides(**overrides)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'mail.db'}")
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    with sessions.begin() as s:
        for n in range(count):
            queue_mail(s, f"famille{n}@exemple.fr", f"Reçu n° {n}", f"Bonjour,\n\nreçu {n}\n")
    return settings, sessions, engine


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


def test_a_mail_that_fails_stays_queued_with_its_error_and_goes_at_a_later_round(tmp_path):
    port = free_port()  # nothing listens there: the SMTP connection is refused
    settings, sessions, engine = setup(
        tmp_path, 3, mail__smtp_host="127.0.0.1", mail__smtp_port=port
    )
    assert deliver_pending_mail(sessions, settings) == 0
    assert deliver_pending_mail(sessions, settings) == 0
    for queued in rows(sessions):
        assert queued.sent_at is None
        assert queued.attempts == 2
        assert queued.last_error
    # The server is back (here: no SMTP host, mails written as files): all of them go.
    assert deliver_pending_mail(sessions, settings.with_overrides(mail__smtp_host="")) == 3
    assert all(m.sent_at is not None and m.attempts == 2 for m in rows(sessions))
    engine.dispose()


def test_mails_that_keep_failing_do_not_hold_up_the_others(tmp_path, monkeypatch):
    settings, sessions, engine = setup(tmp_path, 6)
    refused = {"famille0@exemple.fr", "famille1@exemple.fr"}  # the oldest two
    send = mail._send

    def refusing(settings, message, mail_id):
        if message["To"] in refused:
            raise smtplib.SMTPRecipientsRefused({message["To"]: (550, b"No such user")})
        send(settings, message, mail_id)

    monkeypatch.setattr(mail, "_send", refusing)
    assert deliver_pending_mail(sessions, settings, limit=2) == 0  # both refused
    assert deliver_pending_mail(sessions, settings, limit=2) == 2  # the next two go first
    assert deliver_pending_mail(sessions, settings, limit=2) == 2
    queued = rows(sessions)
    assert [m.sent_at is not None for m in queued] == [False, False, True, True, True, True]
    assert [m.attempts for m in queued[:2]] == [1, 1]
    assert "No such user" in queued[0].last_error
    engine.dispose()
