"""The database module: SQLite writers queue on a file lock and checkpoint outside it; reads
never wait for it. PostgreSQL connections are pinged only after waiting in the pool."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading

import pytest
from conftest import PG_ADMIN_URL
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from collab import db


def test_sqlite_writers_take_turns_and_readers_do_not_wait(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    first = engine.connect()
    first.execute(text("INSERT INTO t VALUES (1)"))  # a writer now, until it commits
    with engine.connect() as reader:
        assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 0

    finished = threading.Event()

    def second_writer() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (2)"))
        finished.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    assert not finished.wait(0.3)  # its turn has not come
    first.commit()
    thread.join(10)
    assert finished.is_set()
    with engine.connect() as reader:
        assert reader.execute(text("SELECT n FROM t ORDER BY n")).scalars().all() == [1, 2]
    first.close()
    engine.dispose()


def test_a_writer_that_waits_too_long_gets_database_is_locked(tmp_path, monkeypatch):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER)"))
    holder = engine.connect()
    holder.execute(text("INSERT INTO t VALUES (1)"))
    monkeypatch.setattr(db.QueuedWriterConnection, "wait_seconds", 0.2)
    with (
        engine.connect() as other,
        pytest.raises(OperationalError, match="database is locked") as raised,
    ):
        other.execute(text("INSERT INTO t VALUES (2)"))
    assert isinstance(raised.value.orig, sqlite3.OperationalError)
    holder.rollback()  # the lock is given back with the transaction
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (3)"))
    holder.close()
    engine.dispose()


def test_sqlite_checkpoints_after_commits_with_the_writers_lock_free(tmp_path):
    path = tmp_path / "log.db"
    engine = db.make_engine(f"sqlite:///{path}")
    checkpoints: list[int] = []

    @event.listens_for(engine, "connect")
    def _watch(dbapi_connection, _record):
        def on_statement(sql: str) -> None:
            if "wal_checkpoint" in sql:
                fd = os.open(f"{path}-writers", os.O_RDWR)
                try:  # raises BlockingIOError if a writer still held the lock
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    checkpoints.append(len(checkpoints))
                finally:
                    os.close(fd)

        dbapi_connection.set_trace_callback(on_statement)

    every = db.QueuedWriterConnection.checkpoint_every
    with engine.begin() as connection:  # commit 1
        connection.execute(text("CREATE TABLE t (payload TEXT)"))
    empty = path.stat().st_size
    # 80 kB a commit: past SQLite's own 1,000-page threshold long before the last commit.
    for _ in range(every - 2):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:p)"), {"p": "x" * 80_000})
    with engine.connect() as reader:  # reads only: no commit counted, no checkpoint
        assert reader.execute(text("SELECT count(*) FROM t")).scalar() == every - 2
    assert checkpoints == []
    assert path.stat().st_size == empty  # all of it still in the log
    with engine.begin() as connection:  # commit `every`
        connection.execute(text("INSERT INTO t VALUES ('last')"))
    assert checkpoints == [0]
    assert path.stat().st_size > (every - 2) * 80_000  # copied back into the database
    engine.dispose()


def _backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_postgresql_connections_are_pinged_only_after_waiting_in_the_pool(pg_url, monkeypatch):
    psycopg = pytest.importorskip("psycopg")
    engine = db.make_engine(pg_url)

    def kill(pid: int) -> None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    # Back in the pool a moment ago: used as it is, no round trip first; a lost one fails.
    kill(_backend_pid(engine))
    with pytest.raises(OperationalError), engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    # One that waited is checked first and replaced when the server lost it.
    pid = _backend_pid(engine)
    kill(pid)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    assert _backend_pid(engine) != pid
    engine.dispose()
