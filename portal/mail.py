"""Mail to residents: queued in the same transaction as the change, sent by the bots process."""

from __future__ import annotations

import datetime as dt
import email.utils
import smtplib
from email.message import EmailMessage

from sqlalchemy import DateTime, Integer, String, Text, insert, select
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


def _message(settings: Settings, mail: QueuedMail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.get("mail", "sender")
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(idstring=f"girou-{mail.id}")
    message.set_content(mail.body)
    return message


def deliver_pending_mail(sessions: sessionmaker, settings: Settings, limit: int = 100) -> int:
    """Send queued mails (SMTP, or files in GIROU_HOME/mail/ when no SMTP host is set)."""
    sent = 0
    with sessions() as db:
        pending = db.scalars(
            select(QueuedMail)
            .where(QueuedMail.sent_at.is_(None))
            .order_by(QueuedMail.id)
            .limit(limit)
        ).all()
        for mail in pending:
            try:
                _send(settings, _message(settings, mail), mail.id)
            except (OSError, smtplib.SMTPException) as exc:
                mail.attempts += 1
                mail.last_error = str(exc)[:500]
            else:
                mail.sent_at = _now()
                sent += 1
            db.commit()
    return sent


def _send(settings: Settings, message: EmailMessage, mail_id: int) -> None:
    host = settings.get("mail", "smtp_host")
    if not host:
        folder = settings.home / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        (folder / f"{stamp}-{mail_id:06d}.eml").write_bytes(bytes(message))
        return
    with smtplib.SMTP(host, settings.get("mail", "smtp_port"), timeout=30) as smtp:
        if settings.get("mail", "smtp_starttls"):
            smtp.starttls()
        if settings.get("mail", "smtp_user"):
            smtp.login(settings.get("mail", "smtp_user"), settings.get("mail", "smtp_password"))
        smtp.send_message(message)
