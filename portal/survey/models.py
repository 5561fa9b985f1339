"""The survey's tables: questionnaire versions, campaigns, each mairie's secret link, answers
and the reminders sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from collab.db import Base, utcnow

IN_PROGRESS, SUBMITTED = "in_progress", "submitted"


class SurveyQuestionnaire(Base):
    """One version of the questionnaire: its TOML text. A draft is edited in the back-office;
    the first campaign that uses it freezes it (`frozen_at`), and its text never changes again:
    editing then starts the next version's draft."""

    __tablename__ = "survey_questionnaires"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(255), default="")
    frozen_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class SurveyCampaign(Base):
    """A campaign: one questionnaire version sent to every mairie, open from `opens_on` to
    `closes_on` included (local dates)."""

    __tablename__ = "survey_campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("survey_questionnaires.id"))
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(255), default="")


class SurveyLink(Base):
    """A mairie's secret link to a campaign. Revoked when reissued; every link of a campaign
    stops working after its close. The token is kept as it is (not hashed): the reminders
    send it again, and it opens nothing the database does not hold already."""

    __tablename__ = "survey_links"
    __table_args__ = (Index("ix_survey_links_campaign", "campaign_id", "insee"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    insee: Mapped[str] = mapped_column(String(5))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    sent_to: Mapped[str] = mapped_column(String(320), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class SurveyResponse(Base):
    """A mairie's answers to a campaign, saved section by section, submitted once (staff may
    reopen it)."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("campaign_id", "insee", name="uq_survey_responses_mairie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    insee: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sections_done: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reopened_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(String(255), nullable=True)


class SurveyReminder(Base):
    """A reminder sent to a mairie (kind: 'J-7', 'J-1'): sent once."""

    __tablename__ = "survey_reminders"
    __table_args__ = (
        UniqueConstraint("campaign_id", "insee", "kind", name="uq_survey_reminders_once"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    insee: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(8))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
