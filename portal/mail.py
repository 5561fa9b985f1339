"""Mail to residents: queued in the same transaction as the change, sent by the bots process.

A mail the SMTP server refuses for good (a 5xx answer to its recipient or to the message) is
given up at once; one it keeps refusing for a while (4xx: mailbox full, greylisting…) after
`[mail] max_attempts` tries and `give_up_after_hours`. A mail given up (`dead_at`) is
announced in the moderation room (bridges.admin_room) in the same transaction, and never
tried again unless `retry_dead_mail` (`girou mail retry ID`) says so. A server that cannot
be reached gives up no mail: its mails wait, tried at every round as before.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Row,
    String,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from collab import outbox
from collab.config import Settings
from collab.db import Base, utcnow
from collab.feature import Feature, Jobs

log = logging.getLogger("girou.portal.mail")

DEAD_MAIL_KIND = "mail.dead"  # the alert in the moderation room (bridges.templates.core)


class QueuedMail(Base):
    __tablename__ = "mail_queue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # When the server first refused it (since it was queued or retried): see `_outcome`.
    refused_since: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Given up: never tried again (see retry_dead_mail).
    dead_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class MailAttachment(Base):
    """A file sent with a queued mail (a convocation's PDF, an .ics invitation)."""

    __tablename__ = "mail_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mail_id: Mapped[int] = mapped_column(
        ForeignKey("mail_queue.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))  # "application/pdf"
    data: Mapped[bytes] = mapped_column(LargeBinary)


QUEUE_MAIL = insert(QueuedMail.__table__)
ATTACHMENTS = MailAttachment.__table__


def queue_mail(db: Session, recipient: str, subject: str, body: str) -> None:
    """Add a mail to the caller's transaction: it leaves only if the change is committed.
    (A plain INSERT: cheaper than the unit of work's flush at commit.)"""
    db.execute(
        QUEUE_MAIL,
        {"recipient": recipient, "subject": subject, "body": body, "created_at": utcnow()},
    )


def queue_mail_with_attachments(
    db: Session,
    recipient: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, str, bytes]],
) -> int:
    """`queue_mail` with (filename, content type, data) attachments; the mail's id (its
    delivery is `QueuedMail.sent_at`)."""
    mail_id = db.execute(
        QUEUE_MAIL.returning(MAILS.c.id),
        {"recipient": recipient, "subject": subject, "body": body, "created_at": utcnow()},
    ).scalar_one()
    if attachments:
        db.execute(
            insert(ATTACHMENTS),
            [
                {"mail_id": mail_id, "filename": name, "content_type": kind, "data": data}
                for name, kind, data in attachments
            ],
        )
    return mail_id


def delete_sent_mail(
    db: Session, *, sent_before: dt.datetime | None = None, recipient: str | None = None
) -> int:
    """Delete mails already sent or given up (before `sent_before`, to `recipient`); how
    many. A sent mail is only a copy of what its recipient received, a dead one will never
    leave: the retention job and an account's deletion remove them. Mails not sent yet stay,
    to be sent."""
    over = func.coalesce(QueuedMail.sent_at, QueuedMail.dead_at)
    statement = delete(QueuedMail).where(over.is_not(None))
    if sent_before is not None:
        statement = statement.where(over < sent_before)
    if recipient is not None:
        statement = statement.where(QueuedMail.recipient == recipient)
    return db.execute(statement).rowcount


def _message(
    settings: Settings, mail: QueuedMail | Row, attachments: list[Row] | tuple = ()
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.get("mail", "sender")
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(idstring=f"girou-{mail.id}")
    message.set_content(mail.body)
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        options = {"params": {"method": "REQUEST"}} if subtype == "calendar" else {}
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            **options,
        )
    return message


def _attachments_of(db: Session, mails: list[Row]) -> dict[int, list[Row]]:
    """The attachments of these mails, in one query."""
    found: dict[int, list[Row]] = {}
    if mails:
        rows = db.execute(
            select(ATTACHMENTS)
            .where(ATTACHMENTS.c.mail_id.in_([mail.id for mail in mails]))
            .order_by(ATTACHMENTS.c.id)
        ).all()
        for row in rows:
            found.setdefault(row.mail_id, []).append(row)
    return found


# Outcomes are written for this many mails at a time (see deliver_pending_mail).
BATCH = 10
MAILS = QueuedMail.__table__
# Fewest attempts first, then oldest: mails an SMTP server keeps refusing (a full mailbox) go
# after the others instead of taking every round's places. Mails given up are not tried.
PENDING_MAIL = (
    select(MAILS)
    .where(MAILS.c.sent_at.is_(None), MAILS.c.dead_at.is_(None))
    .order_by(MAILS.c.attempts, MAILS.c.id)
)
MARK_SENT = update(MAILS).where(MAILS.c.id == bindparam("mail_id")).values(sent_at=bindparam("at"))
MARK_FAILED = (
    update(MAILS)
    .where(MAILS.c.id == bindparam("mail_id"))
    .values(
        attempts=MAILS.c.attempts + 1,
        last_error=bindparam("error"),
        refused_since=bindparam("refused_since"),
        dead_at=bindparam("dead_at"),
    )
)


@dataclass(frozen=True)
class Failure:
    """Why a mail did not leave. `refused`: the server answered this mail with a refusal
    (else it could not be asked: unreachable, connection lost, login refused); `permanent`:
    a 5xx refusal of its recipient or of the message."""

    error: str
    refused: bool
    permanent: bool


def _answer(code: int, text: bytes | str) -> str:
    """An SMTP answer as the server wrote it: "550 No such user"."""
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"


def failure_of(exc: OSError | smtplib.SMTPException) -> Failure:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):  # one recipient per mail
        answers = exc.recipients.values()
        error = "; ".join(_answer(code, text) for code, text in answers)
        return Failure(error[:500], True, any(500 <= code < 600 for code, _ in answers))
    if isinstance(exc, smtplib.SMTPDataError):  # the message itself
        error = _answer(exc.smtp_code, exc.smtp_error)
        return Failure(error[:500], True, 500 <= exc.smtp_code < 600)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # Our own sender address refused is the configuration's fault, not this mail's:
        # never a reason to give up every mail of the round at once.
        return Failure(_answer(exc.smtp_code, exc.smtp_error)[:500], True, False)
    return Failure(str(exc)[:500], False, False)


def _outcome(mail: Row, failure: Failure, now: dt.datetime, settings: Settings) -> dict:
    """The MARK_FAILED parameters of a failed try, `dead_at` set when it is given up now.

    A 4xx refusal gives the mail up once it has failed `[mail] max_attempts` times AND been
    refused for `give_up_after_hours`: rounds come every second, so the time is what counts."""
    give_up_after = dt.timedelta(hours=settings.get("mail", "give_up_after_hours"))
    refused_since = mail.refused_since
    if failure.refused and refused_since is None:
        refused_since = now
    dead = failure.permanent or (
        failure.refused
        and mail.attempts + 1 >= settings.get("mail", "max_attempts")
        and now - refused_since >= give_up_after
    )
    return {
        "mail_id": mail.id,
        "error": failure.error,
        "refused_since": refused_since,
        "dead_at": now if dead else None,
    }


def _announce_dead(
    db: Session, settings: Settings, mail: Row, failure: Failure, outcome: dict
) -> None:
    """The alert in the moderation room, in the transaction that gives the mail up."""
    payload = {
        "mail_id": mail.id,
        "recipient": mail.recipient,
        "attempts": mail.attempts + 1,
        "last_error": failure.error,
        "permanent": failure.permanent,
        "refused_since": outcome["refused_since"].isoformat(timespec="seconds"),
        "dead_at": outcome["dead_at"].isoformat(timespec="seconds"),
    }
    room_key = settings.get("bridges", "admin_room")
    source_id = f"{DEAD_MAIL_KIND}:{mail.id}"
    if not outbox.enqueue(
        db, kind=DEAD_MAIL_KIND, room_key=room_key, payload=payload, source_id=source_id
    ):
        # Given up again after a retry: a new alert, not a silent duplicate.
        source_id = f"{source_id}:{outcome['dead_at'].isoformat()}"
        outbox.enqueue(
            db, kind=DEAD_MAIL_KIND, room_key=room_key, payload=payload, source_id=source_id
        )


def deliver_pending_mail(sessions: sessionmaker, settings: Settings, limit: int = 20) -> int:
    """Send up to `limit` queued mails, oldest first, through one SMTP connection (`Postbox`:
    or files in GIROU_HOME/mail/ when no SMTP host is set); a mail that fails is tried again at
    a later round, after the mails tried fewer times, unless it is given up (module docstring).

    What became of the mails is written BATCH at a time, each batch in one short transaction:
    on SQLite every write waits its turn on the writers' lock, which the portal's workers need
    most on an opening day (one commit per mail cost them a tenth of their throughput for a
    second at each round). Should the process die between a send and that write, those mails
    (BATCH at most) go again at the next round: never lost, at worst sent twice.
    """
    with sessions() as db:
        pending = db.execute(PENDING_MAIL.limit(limit)).all()
        attached = _attachments_of(db, pending)
    sent = 0
    with Postbox(settings) as postbox:
        for start in range(0, len(pending), BATCH):
            done, failed, dead = [], [], []
            for mail in pending[start : start + BATCH]:
                try:
                    postbox.send(_message(settings, mail, attached.get(mail.id, ())), mail.id)
                except (OSError, smtplib.SMTPException) as exc:
                    failure = failure_of(exc)
                    outcome = _outcome(mail, failure, utcnow(), settings)
                    failed.append(outcome)
                    if outcome["dead_at"] is not None:
                        dead.append((mail, failure, outcome))
                else:
                    done.append({"mail_id": mail.id, "at": utcnow()})
            with sessions.begin() as db:
                if done:
                    db.execute(MARK_SENT, done)
                if failed:
                    db.execute(MARK_FAILED, failed)
                for mail, failure, outcome in dead:
                    _announce_dead(db, settings, mail, failure, outcome)
            for mail, failure, _ in dead:
                log.warning(
                    "mail %d to %s given up after %d attempt(s): %s",
                    mail.id,
                    mail.recipient,
                    mail.attempts + 1,
                    failure.error,
                )
            sent += len(done)
    return sent


def retry_dead_mail(sessions: sessionmaker, mail_id: int) -> bool:
    """Queue a mail given up again, for a full new series of tries (a staff action, e.g.
    once the address is corrected); False when there is no such mail or it is not dead."""
    with sessions.begin() as db:
        mail = db.get(QueuedMail, mail_id)
        if mail is None or mail.dead_at is None:
            return False
        mail.dead_at = None
        mail.refused_since = None
        mail.attempts = 0
        return True


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
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        (folder / f"{stamp}-{mail_id:06d}.eml").write_bytes(bytes(message))


MAIL_INTERVAL_SECONDS = 1  # with deliver_pending_mail's limit: 20 mails a second at most


def schedule(jobs: Jobs) -> None:
    # A few mails every second rather than many at once every few seconds: the portal's
    # workers share the CPU and the database.
    jobs.every(
        "mail-delivery",
        MAIL_INTERVAL_SECONDS,
        deliver_pending_mail,
        args=(jobs.sessions, jobs.settings),
    )


# Mail to residents (receipts, moderation answers), sent by the bots process.
FEATURE = Feature(name="mail", schedule=schedule)
