"""The one module that owns the database: engine, sessions, schema (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from collab.config import Settings


def utcnow() -> dt.datetime:
    """Now in UTC, naive: how every DateTime column of the database is written."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


# Statements that make a SQLite connection a writer (pysqlite opens the transaction then).
_WRITE_RE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def _take_lock(path: str, wait_seconds: float) -> int:
    """The writers' lock (a descriptor: closing it releases the lock), polled every
    millisecond; "database is locked" after `wait_seconds`, as SQLite would say (a blocking
    wait would hang a thread whose other connection holds the lock, where SQLite errs)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise sqlite3.OperationalError("database is locked") from None
            time.sleep(0.001)


class _QueuedWriterCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=()):
        self.connection.before(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters):
        self.connection.before(sql)
        return super().executemany(sql, parameters)


class QueuedWriterConnection(sqlite3.Connection):
    """A SQLite connection whose writes wait their turn on a file lock.

    SQLite lets one writer at a time; a blocked writer polls with growing sleeps (up to
    100 ms), so the gunicorn workers of an opening day took turns with idle gaps, no faster
    than one worker (105 requests/s with one or two). Here a connection takes the lock at its
    first write and gives it back at commit or rollback: the next writer goes on within a
    millisecond, and reads never wait (131 requests/s, measured in bench/childcare_opening.py).
    """

    lock_path: str = ""
    wait_seconds: float = 30.0  # as SQLite's own busy timeout
    # Commits between two checkpoints, counted per database file and process (every engine).
    checkpoint_every: int = 64
    commits: int = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lock_fd: int | None = None

    def cursor(self, factory=_QueuedWriterCursor):
        return super().cursor(factory)

    def before(self, sql: str) -> None:
        if self._lock_fd is None and _WRITE_RE.match(sql):
            self._lock_fd = _take_lock(self.lock_path, self.wait_seconds)

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases its lock
            self._lock_fd = None

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            wrote = self._lock_fd is not None
            self._release()
        if wrote:
            self._checkpoint_when_due()

    def _checkpoint_when_due(self) -> None:
        """Copy the write-ahead log back into the database, once the writers' lock is free.

        SQLite's automatic checkpoint (off, see make_engine) runs inside the commit that
        crosses 1,000 pages of log, with two fsyncs, while that writer still holds the lock:
        every other writer waited for it. A passive checkpoint here waits for no reader and
        no writer; concurrent commits go on appending to the log meanwhile (the opening
        load of bench/childcare_opening.py on a running stack: about 190 → 250 requests/s).
        """
        cls = type(self)
        cls.commits += 1
        if cls.commits % cls.checkpoint_every:
            return
        try:
            super().execute("PRAGMA wal_checkpoint(PASSIVE)").close()
        except sqlite3.OperationalError:  # another checkpoint is running: it does the work
            pass

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._release()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release()


@functools.cache
def _connection_class(database: str) -> type[QueuedWriterConnection]:
    """One class per database file and process: its commits are counted together (for the
    checkpoints) whichever engine of the process made them."""
    return type("QueuedWriter", (QueuedWriterConnection,), {"lock_path": f"{database}-writers"})


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        connect_args: dict = {"timeout": 30}
        if database and database != ":memory:":
            connect_args["factory"] = _connection_class(os.path.abspath(database))
        engine = create_engine(url, connect_args=connect_args)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # WAL lets the portal's workers read while the bots write; foreign keys are off
            # by default in SQLite.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Pages read through a memory map rather than copied by read calls into each
            # connection's small cache (bench/childcare_opening.py: about 10% more requests/s).
            cursor.execute("PRAGMA mmap_size=268435456")
            if isinstance(dbapi_connection, QueuedWriterConnection):
                # Checkpoints run after the commit, outside the writers' lock (see there).
                cursor.execute("PRAGMA wal_autocheckpoint=0")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url)
    _ping_when_idle(engine)
    return engine


# A pooled connection left unused this long is checked before use (PostgreSQL restarted, a
# proxy closed it); one in steady use is not.
PING_AFTER_IDLE_SECONDS = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's pool_pre_ping, for idle connections only.

    pre_ping costs one more round trip to the server at every checkout, on top of the ten or
    so of a registration on an opening day. A connection back in the pool a moment ago is
    taken as it is (if the server lost it meanwhile, that one call fails, as any call in
    flight when the server goes); one that waited is pinged first, and replaced if the ping
    fails (the pool retries the checkout).
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or time.monotonic() - returned_at < PING_AFTER_IDLE_SECONDS:
            return  # a new connection, or one in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
            dbapi_connection.rollback()  # the ping began a transaction
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(f"pooled connection lost while idle: {exc}") from exc


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def create_schema(engine: Engine) -> None:
    """Create the tables of every model imported so far, for a new database that no release
    will upgrade (tests, benchmarks). A real database follows the migrations instead
    (collab.migrations: `girou db upgrade`), which the entrypoints run or ask for first."""
    Base.metadata.create_all(engine)


@contextmanager
def job_transaction(settings: Settings) -> Iterator[Session]:
    """One transaction on the application's database, for a scheduled job's function (a
    stored job keeps its arguments: the settings, never a session)."""
    engine = make_engine(settings.database_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            yield session
    finally:
        engine.dispose()
