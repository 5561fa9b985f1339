"""What each official or staff member chose to share, and whether they get the weekly digest."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base, utcnow


class OfficialProfile(Base):
    """One person of the territory file (by localpart); no row: nothing shared, digest on."""

    __tablename__ = "official_profiles"

    localpart: Mapped[str] = mapped_column(String(255), primary_key=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    share_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    share_email: Mapped[bool] = mapped_column(Boolean, default=False)
    digest: Mapped[bool] = mapped_column(Boolean, default=True)
    digest_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @property
    def shared_phone(self) -> str:
        return self.phone if self.share_phone else ""

    @property
    def shared_email(self) -> str:
        return self.email if self.share_email else ""


def profiles(db: Session) -> dict[str, OfficialProfile]:
    return {row.localpart: row for row in db.scalars(select(OfficialProfile))}


def profile_of(db: Session, localpart: str) -> OfficialProfile:
    """The person's row, a new one (not added) when they never saved theirs."""
    row = db.get(OfficialProfile, localpart)
    if row is None:
        row = OfficialProfile(
            localpart=localpart, phone="", email="", share_phone=False, share_email=False
        )
        row.digest = True
    return row
