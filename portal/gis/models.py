"""GIS tables: one row per layer version (manifest and diff) and the features of each version."""

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
    LargeBinary,
    String,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from collab.db import Base, utcnow
from collab.territory import Territory


class LayerVersion(Base):
    """A version of a layer, created by one import; the highest number is the current one."""

    __tablename__ = "gis_layer_versions"
    __table_args__ = (UniqueConstraint("layer", "number", name="uq_gis_layer_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    layer: Mapped[str] = mapped_column(String(32), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    feature_count: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    diff: Mapped[dict[str, Any]] = mapped_column(JSON)


class LayerFeature(Base):
    """A feature of one version: its stable id in the layer, CNIG properties and WKB geometry."""

    __tablename__ = "gis_features"
    __table_args__ = (Index("ix_gis_features_version_fid", "version_id", "fid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("gis_layer_versions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    fid: Mapped[str] = mapped_column(String(255))
    partition: Mapped[str | None] = mapped_column(String(64), nullable=True)
    properties: Mapped[dict[str, Any]] = mapped_column(JSON)
    geometry: Mapped[bytes] = mapped_column(LargeBinary)


def latest_version(db: Session, layer: str) -> LayerVersion | None:
    return db.scalars(
        select(LayerVersion)
        .where(LayerVersion.layer == layer)
        .order_by(LayerVersion.number.desc())
        .limit(1)
    ).first()


def current_version_ids(db: Session) -> dict[str, int]:
    """{layer: id of its current version}: what the in-memory indexes are compared with."""
    rows = db.execute(
        select(LayerVersion.layer, func.max(LayerVersion.id)).group_by(LayerVersion.layer)
    )
    return {layer: version_id for layer, version_id in rows}


def commune_names(db: Session, territory: Territory | None = None) -> dict[str, str]:
    """{INSEE code: name} from the communes layer, else from the territory file."""
    names = {c.insee: c.name for c in territory.communes} if territory else {}
    version = latest_version(db, "communes")
    if version is not None:
        for (properties,) in db.execute(
            select(LayerFeature.properties).where(LayerFeature.version_id == version.id)
        ):
            names[str(properties.get("code"))] = str(properties.get("nom"))
    return names
