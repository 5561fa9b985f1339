"""What the portal keeps of the service-public.fr sheets it imported, and of their sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collab.db import Base, utcnow
from portal import fulltext


class Sheet(Base):
    """One DILA sheet (F…, N… or R…), its metadata, its XML and its rendered body.

    `body_html` is rendered once at import; links to other sheets stay `dila:ID` and the
    local offices `<girou-local>` markers, resolved when the page is served (the set of
    imported sheets and the visitor's commune change after the import).
    """

    __tablename__ = "dila_sheets"
    __table_args__ = (Index("ix_dila_sheets_browse", "audience", "theme_id", "folder_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(20), unique=True)  # F2594
    type: Mapped[str] = mapped_column(Text, default="")
    sp_url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    modified: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # particuliers, professionnels or associations
    audience: Mapped[str] = mapped_column(String(20))
    audiences: Mapped[list[str]] = mapped_column(JSON, default=list)
    theme_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    theme_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    themes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[id, title], …]
    folder_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    folder_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    siblings: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the folder's sheets
    breadcrumb: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[id, title, type], …]
    links: Mapped[list[str]] = mapped_column(JSON, default=list)  # sheet ids linked to
    body_html: Mapped[str] = mapped_column(Text)
    xml: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    renderer_version: Mapped[int] = mapped_column(Integer, default=1)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_body: Mapped[str] = mapped_column(Text, default="")


fulltext.install(Sheet.__table__, pk="pk")


class SourceState(Base):
    """What the scheduled re-import saw of a source last time (to skip unchanged data)."""

    __tablename__ = "dila_sources"

    source: Mapped[str] = mapped_column(String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(100), nullable=True)
    fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_result: Mapped[str | None] = mapped_column(Text, nullable=True)
