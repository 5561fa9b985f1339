"""The bots lock: a second bots process waits, never doubles a message, and takes over.

The locks themselves are tried on the real file system and the real PostgreSQL; then two real
bots processes (`python -m bots`, each its own GIROU_HOME, hence its own device) share one
database, on SQLite and on PostgreSQL, against the session's Synapse.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import shutil
import signal
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from botutil import eventually
from conftest import fresh_pg_database
from sqlalchemy import func, select, text

from bots import leader
from collab import credentials, db, matrix, outbox, schema
from collab.matrix import SOURCE_KEY
from collab.models import MatrixRoom
from collab.outbox import OutboxMessage
from collab.supervisor import Supervisor

ROOMS = ("instance:urbanisme", "instance:finances")
PER_ROUND = 6  # notices per round, over ROOMS: below the digest threshold of a room
TAKEN = "bots process {pid} holds"
WAITING = "holds {where}: bots process {pid} waits"
CONNECTED = "connected as device"


# --- the locks --------------------------------------------------------------------------------
def test_the_lock_fits_the_database(tmp_path):
    assert isinstance(leader.for_database("sqlite://"), leader.NoLock)
    assert isinstance(leader.for_database("sqlite:///:memory:"), leader.NoLock)
    lock = leader.for_database(f"sqlite:///{tmp_path / 'portal.db'}")
    assert isinstance(lock, leader.FileLock)
    assert lock.path == str(tmp_path / "portal.db.bots-lock")
    pg = leader.for_database("postgresql://girou:secret@db:5432/girou")
    assert isinstance(pg, leader.AdvisoryLock)
    assert "secret" not in pg.where
    with pytest.raises(ValueError, match="mysql"):
        leader.for_database("mysql://x/y")


def test_a_file_lock_is_held_by_one_holder_at_a_time(tmp_path):
    first = leader.FileLock(str(tmp_path / "portal.db.bots-lock"))
    second = leader.FileLock(first.path)  # another open file: flock treats it as another holder
    assert first.try_take()
    assert not second.try_take()
    assert second.holder() == f"another bots process (pid {os.getpid()})"
    first.release()
    assert second.try_take()
    assert not first.try_take()
    second.release()


def test_an_advisory_lock_is_held_by_one_session_and_lost_with_it():
    with fresh_pg_database() as url:
        first, second = leader.AdvisoryLock(url), leader.AdvisoryLock(url)
        try:
            assert first.try_take()
            assert not second.try_take()
            assert first.still_held()
            # The server ends the holder's session (a restart, an administrator): lock lost.
            engine = db.make_engine(url)
            with engine.connect() as connection:
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_locks "
                        "WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()"
                    )
                )
                connection.commit()
            engine.dispose()
            assert not first.still_held()
            assert eventually(second.try_take, "the lock is free once its session is gone", 10)
            first.release()  # nothing held: nothing happens
            assert not first.try_take()
        finally:
            first.release()
            second.release()


def test_waiting_for_the_lock_leaves_the_event_loop_free(tmp_path):
    holder = leader.FileLock(str(tmp_path / "portal.db.bots-lock"))
    assert holder.try_take()

    async def scenario() -> None:
        stop = asyncio.Event()
        waiter = leader.FileLock(holder.path)
        task = asyncio.create_task(leader.take(waiter, stop, poll=1.0))
        started = time.monotonic()
        await asyncio.sleep(0.2)  # a waiter blocking the loop would hold this up for a poll
        assert time.monotonic() - started < 0.6
        assert not task.done()
        holder.release()
        assert await asyncio.wait_for(task, 5) is True
        waiter.release()
        # Stopped while waiting: it gives up at once.
        assert holder.try_take()
        stop.set()
        started = time.monotonic()
        assert await leader.take(leader.FileLock(holder.path), stop, poll=30) is False
        assert time.monotonic() - started < 1

    asyncio.run(scenario())
    holder.release()


# --- two bots processes -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def homes(stack, tmp_path_factory) -> dict[str, Path]:
    """Two GIROU_HOMEs for two bots processes (each logs in once, as its own device)."""
    made = {}
    for name in ("first", "second"):
        home = tmp_path_factory.mktemp(f"bots-{name}")
        shutil.copy2(credentials.secrets_path(stack.settings.home), credentials.secrets_path(home))
        made[name] = home
    return made


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request, sessions, tmp_path) -> Iterator[str]:
    """An empty database of either kind, with the session's rooms: the two processes' one."""
    with sessions() as s:
        rooms = [(r.key, r.room_id, r.name) for r in s.scalars(select(MatrixRoom))]

    @contextmanager
    def sqlite() -> Iterator[str]:
        yield f"sqlite:///{tmp_path / 'portal.db'}"

    with sqlite() if request.param == "sqlite" else fresh_pg_database() as url:
        engine = db.make_engine(url)
        schema.create_schema(engine)
        with db.make_sessionmaker(engine).begin() as s:
            s.add_all(MatrixRoom(key=k, room_id=i, name=n) for k, i, n in rooms)
        engine.dispose()
        yield url


class Bots:
    """One `python -m bots` with its own home, on the shared database."""

    def __init__(self, stack, home: Path, database_url: str) -> None:
        settings = stack.settings.with_overrides(
            database__url=database_url, bridges__digest_threshold=100_000
        )
        self.home = home
        self.supervisor = Supervisor(dataclasses.replace(settings, home=home))
        self.log_path = home / "log" / "bots.log"
        self.offset = self.log_path.stat().st_size if self.log_path.exists() else 0

    def start(self) -> int:
        return self.supervisor.start("bots").process.pid

    @property
    def pid(self) -> int:
        return self.supervisor.children["bots"].process.pid

    def log(self) -> str:
        """What this run wrote (the home's log is kept across runs)."""
        with self.log_path.open("rb") as file:
            file.seek(self.offset)
            return file.read().decode("utf-8", errors="replace")

    def says(self, text: str, seconds: float = 60) -> None:
        eventually(
            lambda: text in self.log() or self._died(),
            f"bots {self.pid} logs {text!r}",
            seconds,
        )
        assert text in self.log(), f"bots {self.pid} exited:\n{self.log()[-3000:]}"

    def _died(self) -> bool:
        return self.supervisor.children["bots"].process.poll() is not None

    def kill(self) -> None:
        process = self.supervisor.children["bots"].process
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        self.supervisor.stop()

    def access_token(self) -> str:
        return json.loads((self.home / "bots" / "session.json").read_text("utf-8"))["access_token"]


def enqueue_round(url: str, tag: str) -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {key: [] for key in ROOMS}
    engine = db.make_engine(url)
    with db.make_sessionmaker(engine).begin() as s:
        for number in range(PER_ROUND):
            key = ROOMS[number % len(ROOMS)]
            source_id = f"{tag}:{number}"
            payload = {"text": f"Avis n° {number} ({tag})"}
            outbox.enqueue(s, kind="notice", room_key=key, payload=payload, source_id=source_id)
            expected[key].append(source_id)
    engine.dispose()
    return expected


def all_sent(url: str, tag: str) -> bool:
    engine = db.make_engine(url)
    with db.make_sessionmaker(engine)() as s:
        sent = s.scalar(
            select(func.count()).where(
                OutboxMessage.source_id.like(f"{tag}:%"), OutboxMessage.status == outbox.SENT
            )
        )
    engine.dispose()
    return sent == PER_ROUND


def sources_in_room(stack, token: str, room_id: str, tag: str) -> list[str]:
    """The source ids of `tag` on the bot's messages in the room (any of its devices)."""
    wanted = json.dumps({"types": ["m.room.message"], "senders": [stack.settings.bot_user_id]})
    found: list[str] = []
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=stack.settings.url("matrix"), headers=auth, timeout=30) as http:
        page = http.get(
            f"{matrix.CLIENT}/rooms/{quote(room_id)}/messages",
            params={"dir": "b", "limit": 200, "filter": wanted},
        )
        page.raise_for_status()
    for event in page.json()["chunk"]:
        source = event["content"].get(SOURCE_KEY, "")
        if source.startswith(f"{tag}:"):
            found.append(source)
    return found[::-1]


def assert_each_once(stack, token, rooms, expected: dict[str, list[str]], tag: str) -> None:
    for key, sources in expected.items():
        got = sources_in_room(stack, token, rooms[key], tag)
        doubled = sorted(s for s, n in Counter(got).items() if n > 1)
        assert not doubled, f"{key}: posted more than once: {doubled}"
        assert got == sources, f"{key}: expected {sources}, the room has {got}"


def test_a_second_bots_process_waits_and_takes_over_exactly_once(
    stack, sessions, homes, shared_database
):
    with sessions() as s:
        rooms = {r.key: r.room_id for r in s.scalars(select(MatrixRoom))}
    first = Bots(stack, homes["first"], shared_database)
    second = Bots(stack, homes["second"], shared_database)
    where = leader.for_database(shared_database).where
    try:
        first.start()
        first.says(TAKEN.format(pid=first.pid))
        first.says(CONNECTED)
        second.start()
        second.says(WAITING.format(where=where, pid=second.pid))

        # Both running: the first delivers, once; the second has not even logged in.
        tag = f"leader-{uuid.uuid4().hex[:8]}"
        expected = enqueue_round(shared_database, tag)
        eventually(lambda: all_sent(shared_database, tag), "the first round sent")
        time.sleep(1)  # a second deliverer, if there were one, would post meanwhile
        assert_each_once(stack, first.access_token(), rooms, expected, tag)
        assert CONNECTED not in second.log()

        # The first dies without a word: the second takes over and delivers the next round.
        first.kill()
        started = time.monotonic()
        second.says(TAKEN.format(pid=second.pid) + f" {where} (taken over)", 30)
        second.says(CONNECTED)
        assert time.monotonic() - started < 20
        tag2 = f"leader-{uuid.uuid4().hex[:8]}"
        expected2 = enqueue_round(shared_database, tag2)
        eventually(lambda: all_sent(shared_database, tag2), "the second round sent")
        time.sleep(1)
        assert_each_once(stack, second.access_token(), rooms, expected2, tag2)
        assert_each_once(stack, second.access_token(), rooms, expected, tag)
    finally:
        first.stop()
        second.stop()
    assert "bot stopped" in second.log()


def test_the_lock_is_given_back_on_a_clean_stop(stack, sessions, homes, tmp_path):
    """SIGTERM: the holder stops and unlocks; a newcomer takes the lock at once."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    engine = db.make_engine(url)
    schema.create_schema(engine)
    engine.dispose()
    bots = Bots(stack, homes["first"], url)
    bots.start()
    bots.says(CONNECTED)
    bots.stop()
    assert "bot stopped" in bots.log()
    lock = leader.for_database(url)
    assert lock.try_take()
    lock.release()


def test_a_lost_advisory_lock_stops_the_work_until_taken_again(stack, sessions, homes):
    """PostgreSQL ends the holder's session: the bots stop syncing and delivering, then lead
    again once they hold the lock anew."""
    with fresh_pg_database() as url:
        engine = db.make_engine(url)
        schema.create_schema(engine)
        bots = Bots(stack, homes["first"], url)
        try:
            bots.start()
            bots.says(CONNECTED)
            with engine.connect() as connection:
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_locks "
                        "WHERE locktype = 'advisory' AND granted"
                    )
                )
                connection.commit()
            bots.says(f"bots process {bots.pid} lost", 30)
            bots.says("waiting to take the bots lock again")
            eventually(lambda: bots.log().count(CONNECTED) == 2, "connected again", 60)
            assert bots.log().count(TAKEN.format(pid=bots.pid)) == 2
        finally:
            bots.stop()
            engine.dispose()
        assert "bot stopped" in bots.log()
