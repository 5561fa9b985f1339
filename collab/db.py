"""The one module that owns the database: engine, sessions, schema (SQLite or PostgreSQL)."""

from __future__ import annotations

import importlib

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Modules that declare models; importing them registers their tables on Base.metadata.
MODEL_MODULES = (
    "collab.models",
    "bridges.outbox",
    "bridges.hooks",
    "bridges.sources",
    "bots.models",
    "portal.security",
    "portal.mail",
    "portal.childcare.models",
    "portal.childcare.documents",
    "portal.content",
    "portal.news",
    "portal.communes",
    "portal.procedures.models",
    "portal.directory.models",
    "portal.gis.models",
)


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # WAL lets the portal's workers read while the bots write; foreign keys are off
            # by default in SQLite.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    for module in MODEL_MODULES:
        importlib.import_module(module)
    Base.metadata.create_all(engine)
