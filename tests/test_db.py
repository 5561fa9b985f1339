"""The database module: SQLite writers queue on a file lock; reads never wait for it."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text
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
