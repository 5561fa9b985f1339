"""Mail to residents: queued in the same transaction as the change, sent by the bots process."""

from __future__ import annotations

import datetime as dt
import email.utils
import smtplib
from email.message import EmailMessage

from sqlalchemy import (
    DateTime,
    Integer,
    Row,
    String,
    Text,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab.config import Settings
from collab.db import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class QueuedMail(Base):
    __tablename__ = "mail_queue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


QUEUE_MAIL = insert(QueuedMail.__table__)


def queue_mail(db: Session, recipient: str, subject: str, body: str) -> None:
    """Add a mail to the caller's transaction: it leaves only if the change is committed.
    (A plain INSERT: cheaper than the unit of work's flush at commit.)"""
    db.execute(
        QUEUE_MAIL, {"recipient": recipient, "subject": subject, "body": body, "created_at": _now()}
    )


def delete_sent_mail(
    db: Session, *, sent_before: dt.datetime | None = None, recipient: str | None = None
) -> int:
    """Delete mails already sent (before `sent_before`, to `recipient`); how many. A sent
    mail is only a copy of what its recipient received: the retention job and an account's
    deletion remove it. Mails not sent yet stay, to be sent."""
    statement = delete(QueuedMail).where(QueuedMail.sent_at.is_not(None))
    if sent_before is not None:
        statement = statement.where(QueuedMail.sent_at < sent_before)
    if recipient is not None:
        statement = statement.where(QueuedMail.recipient == recipient)
    return db.execute(statement).rowcount


def _message(settings: Settings, mail: QueuedMail | Row) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.get("mail", "sender")
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(idstring=f"girou-{mail.id}")
    message.set_content(mail.body)
    return message


# Outcomes are written for this many mails at a time (see deliver_pending_mail).
BATCH = 10
MAILS = QueuedMail.__table__
# Fewest attempts first, then oldest: mails an SMTP server keeps refusing (a bad address) go
# after the others instead of taking every round's places.
PENDING_MAIL = select(MAILS).where(MAILS.c.sent_at.is_(None)).order_by(MAILS.c.attempts, MAILS.c.id)
MARK_SENT = update(MAILS).where(MAILS.c.id == bindparam("mail_id")).values(sent_at=bindparam("at"))
MARK_FAILED = (
    update(MAILS)
    .where(MAILS.c.id == bindparam("mail_id"))
    .values(attempts=MAILS.c.attempts + 1, last_error=bindparam("error"))
)


def deliver_pending_mail(sessions: sessionmaker, settings: Settings, limit: int = 20) -> int:
    """Send up to `limit` queued mails, oldest first, through one SMTP connection (`Postbox`:
    or files in GIROU_HOME/mail/ when no SMTP host is set); a mail that fails is tried again at
    a later round, after the mails tried fewer times.

    What became of the mails is written BATCH at a time, each batch in one short transaction:
    on SQLite every write waits its turn on the writers' lock, which the portal's workers need
    most on an opening day (one commit per mail cost them a tenth of their throughput for a
    second at each round). Should the process die between a send and that write, those mails
    (BATCH at most) go again at the next round: never lost, at worst sent twice.
    """
    with sessions() as db:
        pending = db.execute(PENDING_MAIL.limit(limit)).all()
    sent = 0
    with Postbox(settings) as postbox:
        for start in range(0, len(pending), BATCH):
            done, failed = [], []
            for mail in pending[start : start + BATCH]:
                try:
                    postbox.send(_message(settings, mail), mail.id)
                except (OSError, smtplib.SMTPException) as exc:
                    failed.append({"mail_id": mail.id, "error": str(exc)[:500]})
                else:
                    done.append({"mail_id": mail.id, "at": _now()})
            with sessions.begin() as db:
                if done:
                    db.execute(MARK_SENT, done)
                if failed:
                    db.execute(MARK_FAILED, failed)
            sent += len(done)
    return sent


class Postbox:
    """Where one round's mails go: one SMTP connection for all of them, opened at the first
    (or files in GIROU_HOME/mail/ when no SMTP host is set).

    A mail the server refuses (a bad address) fails alone; the connection goes on. A
    connection that breaks fails its mail and is dropped: the next mail opens another. A
    server that cannot be reached fails the round's other mails without being tried again.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.unreachable: str | None = None

    def __enter__(self) -> Postbox:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, message: EmailMessage, mail_id: int) -> None:
        if not self.settings.get("mail", "smtp_host"):
            self._write(message, mail_id)
            return
        if self.unreachable is not None:
            raise ConnectionError(f"SMTP server unreachable this round: {self.unreachable}")
        if self.smtp is None:
            try:
                self.smtp = self._connect()
            except (OSError, smtplib.SMTPException) as exc:
                self.unreachable = str(exc)
                raise
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError):
            raise  # this mail is refused; smtplib has reset the transaction
        except (OSError, smtplib.SMTPException):
            self.close()
            raise

    def close(self) -> None:
        if self.smtp is None:
            return
        smtp, self.smtp = self.smtp, None
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def _connect(self) -> smtplib.SMTP:
        get = self.settings.get
        smtp = smtplib.SMTP(get("mail", "smtp_host"), get("mail", "smtp_port"), timeout=30)
        try:
            if get("mail", "smtp_starttls"):
                smtp.starttls()
            if get("mail", "smtp_user"):
                smtp.login(get("mail", "smtp_user"), get("mail", "smtp_password"))
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _write(self, message: EmailMessage, mail_id: int) -> None:
        folder = self.settings.home / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        (folder / f"{stamp}-{mail_id:06d}.eml").write_bytes(bytes(message))
