"""Séances tables: the meeting of an instance, its ordered agenda, the annexes (files in the
instance's WebDAV share), who is convened with the proof of each channel, their answers, and
the append-only proof log whose entries are chained by hash.

These names are stable (the publishing side, portal.seances' "hold" and "publish" parts, builds
on them): a later change adds columns or tables, never changes what one means.

Times are naive UTC (as everywhere in Girou); a séance's local date is computed in the
portal's time zone (rules.local_date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collab.db import Base, utcnow

# --- vocabularies (stored values are English; labels are French) ------------------------------
DRAFT, SENT, CANCELLED, HELD = "draft", "sent", "cancelled", "held"
STATUSES = (DRAFT, SENT, CANCELLED, HELD)
STATUS_LABELS = {
    DRAFT: "en préparation",
    SENT: "convoquée",
    CANCELLED: "annulée",
    HELD: "tenue",
}

# Who receives the convocation: a member of the instance, or a municipal councillor of a member
# commune who does not sit on it and receives it as information (CGCT L5211-40-2).
MEMBER, INFORMED = "member", "informed"
RECIPIENT_ROLES = (MEMBER, INFORMED)

# A member's answer.
PRESENT, REMOTE, ABSENT, PROXY, SUBSTITUTE = "present", "remote", "absent", "proxy", "substitute"
CHOICES = (PRESENT, REMOTE, ABSENT, PROXY, SUBSTITUTE)
CHOICE_LABELS = {
    PRESENT: "présent",
    REMOTE: "présent à distance",
    ABSENT: "absent",
    PROXY: "pouvoir donné",
    SUBSTITUTE: "remplacé par son suppléant",
}
# Where an answer came from.
VIA_CHAT, VIA_MAIL, VIA_WEB, VIA_STAFF = "chat", "mail", "web", "staff"

# An agenda item on which teleconference is excluded (CGCT L5211-11-1).
REMOTE_EXCLUSIONS = {
    "budget": "adoption du budget primitif",
    "election": "élection du président, du bureau ou des délégués",
}

# Proof log entries.
LOG_SENT, LOG_RESENT, LOG_AMENDED, LOG_CANCELLED, LOG_ANSWER, LOG_REMINDER = (
    "sent",
    "resent",
    "amended",
    "cancelled",
    "answer",
    "reminder",
)
GENESIS = "0" * 64  # the "previous hash" of a séance's first entry


class Seance(Base):
    """A meeting of an instance (its key in the territory file)."""

    __tablename__ = "seances"
    __table_args__ = (Index("ix_seances_instance_start", "instance", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance: Mapped[str] = mapped_column(String(50))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    duration_minutes: Mapped[int] = mapped_column(Integer, default=120)
    place: Mapped[str] = mapped_column(String(255))
    remote_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    proxies_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    urgency: Mapped[bool] = mapped_column(Boolean, default=False)
    urgency_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    # 0 while in preparation; 1 once sent, +1 at every amendment resent.
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="seance", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    recipients: Mapped[list[Recipient]] = relationship(
        back_populates="seance", order_by="Recipient.id", cascade="all, delete-orphan"
    )
    answers: Mapped[list[Answer]] = relationship(
        back_populates="seance", order_by="Answer.id", cascade="all, delete-orphan"
    )

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def folder(self) -> str:
        """The séance's folder in the instance's WebDAV share."""
        return f"seances/{self.id:04d}"


class AgendaItem(Base):
    """One item of the agenda, in `position` order (1, 2, …)."""

    __tablename__ = "seance_items"
    __table_args__ = (Index("ix_seance_items_seance", "seance_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    rapporteur: Mapped[str | None] = mapped_column(String(255), nullable=True)  # a localpart
    note: Mapped[str] = mapped_column(Text, default="")  # note explicative de synthèse
    # A key of REMOTE_EXCLUSIONS when teleconference may not be used for it; None otherwise.
    remote_excluded: Mapped[str | None] = mapped_column(String(16), nullable=True)

    seance: Mapped[Seance] = relationship(back_populates="items")
    annexes: Mapped[list[Annex]] = relationship(
        back_populates="item", order_by="Annex.id", cascade="all, delete-orphan"
    )


class Annex(Base):
    """A PDF attached to an item, stored at `path` in the instance's WebDAV share."""

    __tablename__ = "seance_annexes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("seance_items.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    path: Mapped[str] = mapped_column(String(500))  # inside the share
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    uploaded_by: Mapped[str | None] = mapped_column(String(255), nullable=True)

    item: Mapped[AgendaItem] = relationship(back_populates="annexes")


class Recipient(Base):
    """Someone the convocation is sent to, with the proof of each channel (UTC timestamps).

    Matrix: sent (queued in the outbox), delivered (the homeserver accepted the event), read
    (a read receipt). Mail: sent (queued), delivered (the SMTP server accepted it), read (the
    link in the mail opened). Calendar: the event written in the person's calendar.
    Acknowledged: a reaction, a click or any answer.
    """

    __tablename__ = "seance_recipients"
    __table_args__ = (UniqueConstraint("seance_id", "localpart"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id", ondelete="CASCADE"))
    localpart: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))  # as convened (the territory may change)
    role: Mapped[str] = mapped_column(String(16), default=MEMBER)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the mail's links
    version: Mapped[int] = mapped_column(Integer, default=0)  # last version sent to them
    # The outbox row and mail of the last version sent (to follow their delivery).
    matrix_source_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    mail_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    matrix_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    matrix_delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    matrix_read_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    mail_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    mail_delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    mail_opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    calendar_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    seance: Mapped[Seance] = relationship(back_populates="recipients")


class Answer(Base):
    """A member's current answer to a séance (the history is in the proof log)."""

    __tablename__ = "seance_answers"
    __table_args__ = (UniqueConstraint("seance_id", "localpart"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id", ondelete="CASCADE"))
    localpart: Mapped[str] = mapped_column(String(255))
    choice: Mapped[str] = mapped_column(String(16))
    proxy_to: Mapped[str | None] = mapped_column(String(255), nullable=True)  # a localpart
    illness: Mapped[bool] = mapped_column(Boolean, default=False)  # a proxy beyond 3 séances
    via: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    seance: Mapped[Seance] = relationship(back_populates="answers")


class ProofEntry(Base):
    """One entry of a séance's proof log: append-only, each carrying the hash of the previous
    entry, of the documents sent and of itself (portal.seances.proof)."""

    __tablename__ = "seance_proof_log"
    __table_args__ = (UniqueConstraint("seance_id", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the séance
    kind: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str | None] = mapped_column(String(255), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    documents_hash: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


@event.listens_for(ProofEntry, "before_update")
@event.listens_for(ProofEntry, "before_delete")
def _append_only(_mapper: Any, _connection: Any, target: ProofEntry) -> None:
    raise ValueError(f"the proof log is append-only (entry {target.id})")
