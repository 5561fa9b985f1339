"""The directory of associations and businesses: published entries and proposals awaiting a
moderator."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from collab.db import Base, utcnow
from portal import fulltext

KINDS = {"association": "Association", "entreprise": "Entreprise"}
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"


class EntryFields:
    """The fields an entry and a proposal share (what a resident fills in)."""

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # association / entreprise
    category: Mapped[str] = mapped_column(String(100))
    commune: Mapped[str] = mapped_column(String(5))  # INSEE code of a commune of the territory
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    logo_type: Mapped[str | None] = mapped_column(String(30), nullable=True)
    # The logo is loaded only when served: lists never carry the images.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)


class DirectoryEntry(EntryFields, Base):
    """A published entry."""

    __tablename__ = "directory_entries"
    __table_args__ = (
        Index("ix_directory_entries_name", "name"),
        Index("ix_directory_entries_category", "category", "name"),
        Index("ix_directory_entries_commune", "commune", "name"),
        # Counts per category and commune (the facets) read this index only.
        Index("ix_directory_entries_facets", "category", "commune", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_body: Mapped[str] = mapped_column(Text, default="")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


fulltext.install(DirectoryEntry.__table__, pk="id")


class DirectorySubmission(EntryFields, Base):
    """A new entry or a change proposed by anyone; pending until a moderator decides.

    Its id is the number moderators use: `!valider 12`, `!refuser 12 motif`.
    """

    __tablename__ = "directory_submissions"
    __table_args__ = (Index("ix_directory_submissions_status", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The entry this proposal changes (None: a new entry).
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_entries.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    submitter_name: Mapped[str] = mapped_column(String(200))
    submitter_email: Mapped[str] = mapped_column(String(320))
    note: Mapped[str] = mapped_column(Text, default="")  # what the submitter tells moderators
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_entry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)
