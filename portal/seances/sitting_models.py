"""Tables of a séance's day and of what is published after it: the sitting (opening, quorum,
secrétaire de séance, a re-convocation without quorum, the procès-verbal's adoption), the
sign-in sheet (émargement), each item's outcome and named votes, and the published acts.

Built on portal.seances.models (the core's séances and agenda items). A published act is
stored as the PDF bytes put online and is never changed nor deleted by the application
(CGCT R2131-1: at least two months online, integrity guaranteed): the listeners below refuse
it, and a correction is a new act that says which one it replaces.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collab.db import Base, utcnow

# --- vocabularies (stored values are English; labels are French) ------------------------------
# How an item was voted (CGCT L2121-21): a public ballot names each voter and their vote in the
# procès-verbal; a secret ballot gives the figures only. An item "for information" is not voted.
PUBLIC, SECRET, NOT_VOTED = "public", "secret", "none"
BALLOTS = (PUBLIC, SECRET, NOT_VOTED)
BALLOT_LABELS = {PUBLIC: "scrutin public", SECRET: "scrutin secret", NOT_VOTED: "sans vote"}

# The outcome of an item.
ADOPTED, REJECTED, NOTED, POSTPONED, WITHDRAWN = (
    "adopted",
    "rejected",
    "noted",
    "postponed",
    "withdrawn",
)
OUTCOME_LABELS = {
    ADOPTED: "adoptée",
    REJECTED: "rejetée",
    NOTED: "le conseil en prend acte",
    POSTPONED: "reportée",
    WITHDRAWN: "retirée de l’ordre du jour",
}
DELIBERATED = frozenset({ADOPTED, REJECTED})  # a deliberation with a number

# A voter's vote.
FOR, AGAINST, ABSTENTION, NOT_VOTING = "for", "against", "abstention", "not_voting"
VOTES = (FOR, AGAINST, ABSTENTION, NOT_VOTING)
VOTE_LABELS = {
    FOR: "pour",
    AGAINST: "contre",
    ABSTENTION: "abstention",
    NOT_VOTING: "ne prend pas part au vote",
}

# What is published for a séance.
AGENDA, DELIBERATIONS, DELIBERATION, MINUTES = "agenda", "deliberations", "deliberation", "minutes"
ACT_KINDS = (AGENDA, DELIBERATIONS, DELIBERATION, MINUTES)
ACT_LABELS = {
    AGENDA: "Ordre du jour",
    DELIBERATIONS: "Liste des délibérations",
    DELIBERATION: "Délibération",
    MINUTES: "Procès-verbal",
}


class Sitting(Base):
    """The day of a séance: made when the sheet is first filled, opened, then closed."""

    __tablename__ = "seance_sittings"

    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id"), primary_key=True)
    # A séance convened again after one without quorum (CGCT L2121-17): it deliberates without
    # quorum on the items carried over from that one's agenda.
    reconvened_from: Mapped[int | None] = mapped_column(ForeignKey("seances.id"), nullable=True)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # UTC
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    secretary: Mapped[str | None] = mapped_column(String(255), nullable=True)  # L2121-15
    # The quorum as counted at the opening.
    in_office: Mapped[int | None] = mapped_column(Integer, nullable=True)
    present_at_opening: Mapped[int | None] = mapped_column(Integer, nullable=True)
    represented_at_opening: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quorum_required: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quorum_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # The procès-verbal: drafted by the secretary, arrêté at the start of the next séance
    # (L2121-15), then published within the week.
    minutes_summary: Mapped[str] = mapped_column(Text, default="")  # opening, remarks, closing
    minutes_adopted_at: Mapped[int | None] = mapped_column(ForeignKey("seances.id"), nullable=True)
    minutes_adopted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    minutes_remarks: Mapped[str] = mapped_column(Text, default="")  # made at its adoption
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(255), nullable=True)

    @property
    def opened(self) -> bool:
        return self.opened_at is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class Attendance(Base):
    """One member's line of the sign-in sheet.

    Present (in the room, at a distance, or their suppléant sitting) from item `arrival_item`
    (None: from the opening) until before item `departure_item` (None: to the end); whenever
    not present, represented by `proxy_to` if they gave a proxy and its holder is present.
    """

    __tablename__ = "seance_attendance"
    __table_args__ = (UniqueConstraint("seance_id", "localpart"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id"), index=True)
    localpart: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))  # models.CHOICES
    proxy_to: Mapped[str | None] = mapped_column(String(255), nullable=True)
    substitute: Mapped[str | None] = mapped_column(String(255), nullable=True)  # who sits
    arrival_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    departure_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)  # signed the paper sheet
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(255), nullable=True)


class ItemOutcome(Base):
    """What became of one agenda item: its ballot, figures, decision and debate."""

    __tablename__ = "seance_item_outcomes"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("seance_items.id", ondelete="CASCADE"), primary_key=True
    )
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id"), index=True)
    # An item of a séance without quorum, carried over to the séance convened again.
    carried_over_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[str | None] = mapped_column(String(32), nullable=True)  # "2026-014"
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ballot: Mapped[str] = mapped_column(String(8), default=PUBLIC)
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    abstentions: Mapped[int] = mapped_column(Integer, default=0)
    not_voting: Mapped[int] = mapped_column(Integer, default=0)  # incl. blank in a secret one
    casting_vote: Mapped[bool] = mapped_column(Boolean, default=False)  # the president's
    # The attendance when it was voted.
    present: Mapped[int] = mapped_column(Integer, default=0)
    represented: Mapped[int] = mapped_column(Integer, default=0)
    quorum_required: Mapped[int] = mapped_column(Integer, default=0)
    without_quorum: Mapped[bool] = mapped_column(Boolean, default=False)  # re-convened séance
    decision: Mapped[str] = mapped_column(Text, default="")  # what the council decided
    debate: Mapped[str] = mapped_column(Text, default="")  # the substance of the discussion
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    recorded_by: Mapped[str | None] = mapped_column(String(255), nullable=True)

    votes: Mapped[list[NamedVote]] = relationship(
        order_by="NamedVote.id", cascade="all, delete-orphan"
    )


class NamedVote(Base):
    """A voter's vote in a public ballot; `cast_by` the proxy holder who voted for them."""

    __tablename__ = "seance_named_votes"
    __table_args__ = (UniqueConstraint("item_id", "localpart"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("seance_item_outcomes.item_id", ondelete="CASCADE")
    )
    localpart: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    vote: Mapped[str] = mapped_column(String(16))
    cast_by: Mapped[str | None] = mapped_column(String(255), nullable=True)


class PublishedAct(Base):
    """A document put online: the PDF as published, with the date and the author it states."""

    __tablename__ = "seance_published_acts"
    __table_args__ = (Index("ix_seance_published_acts_seance", "seance_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seances.id"))
    instance: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a deliberation's item
    title: Mapped[str] = mapped_column(String(500))
    filename: Mapped[str] = mapped_column(String(255))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # UTC
    published_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    author: Mapped[str] = mapped_column(String(255))  # "Prénom Nom, président" (R2131-1)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the legal one
    replaces: Mapped[int | None] = mapped_column(
        ForeignKey("seance_published_acts.id"), nullable=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


@event.listens_for(PublishedAct, "before_update")
@event.listens_for(PublishedAct, "before_delete")
def _kept_as_published(_mapper: Any, _connection: Any, target: PublishedAct) -> None:
    raise ValueError(f"a published act is never changed nor deleted (act {target.id})")
