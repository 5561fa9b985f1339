"""One bots process at a time: the one holding the bots lock syncs, delivers and schedules.

Two bots processes on one database would both answer the homeserver's events, both send the
outbox (two lanes can read the same pending row before either records its attempt) and both
run the stored jobs; sharing a GIROU_HOME, they would also write one device's crypto store at
once. So a bots process first takes a lock that outlives no process: on PostgreSQL a
session-level advisory lock on a connection kept for it alone, on SQLite an flock on a file
beside the database file. The server or the operating system releases it when its holder
dies, however it dies (kill -9 included). Another bots process waits, trying again every few
seconds, and takes over then.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os

from sqlalchemy import Connection, make_url, text

from collab import db

log = logging.getLogger("girou.bots.leader")

# A waiting process tries again this often.
POLL_SECONDS = 2.0
# The holder checks this often that its PostgreSQL connection, hence its lock, is still there.
CHECK_SECONDS = 5.0
# The advisory lock's key: the bytes of "girobots" as a big-endian bigint. Advisory locks are
# per database, so two Girou databases on one server do not share it.
ADVISORY_KEY = int.from_bytes(b"girobots", "big")
LOCK_FILE_SUFFIX = ".bots-lock"


class BotsLock:
    """The lock a bots process holds while it leads; `where` names it in logs."""

    where = "the bots lock"

    def try_take(self) -> bool:
        """Take the lock if it is free (never blocks); True when this process holds it."""
        raise NotImplementedError

    def still_held(self) -> bool:
        """False when the lock was lost while held (e.g. its database connection was cut)."""
        return True

    def holder(self) -> str:
        """Who holds the lock, as far as it tells (for the waiting process's log)."""
        return "another bots process"

    def release(self) -> None:
        """Give the lock back (nothing happens when it is not held)."""


class NoLock(BotsLock):
    """An in-memory SQLite database belongs to one process: there is nobody to wait for."""

    where = "no lock (in-memory database)"

    def try_take(self) -> bool:
        return True


class FileLock(BotsLock):
    """An exclusive flock on a file beside the SQLite database file; it holds the holder's pid."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.where = f"the lock file {path}"
        self._fd: int | None = None

    def try_take(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        try:
            with open(self.path, encoding="ascii") as file:
                pid = file.read().strip()
        except (OSError, ValueError):
            pid = ""
        return f"another bots process (pid {pid})" if pid.isdigit() else super().holder()

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases its flock
            self._fd = None


class AdvisoryLock(BotsLock):
    """A PostgreSQL session-level advisory lock, on a connection that does nothing else."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = (
            f"PostgreSQL advisory lock {ADVISORY_KEY} on "
            f"{make_url(url).render_as_string(hide_password=True)}"
        )
        self._engine = None
        self._connection: Connection | None = None

    def try_take(self) -> bool:
        if self._connection is not None:
            return True
        if self._engine is None:
            self._engine = db.make_engine(self.url)
        # Autocommit: the lock belongs to the session, and no transaction stays open on it.
        connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}
            )
        except BaseException:
            connection.close()
            raise
        if not taken:
            connection.close()
            return False
        self._connection = connection
        return True

    def still_held(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.scalar(text("SELECT 1"))
        except Exception:
            log.exception("the connection holding %s is gone", self.where)
            self._drop()
            return False
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.scalar(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY}
                )
            except Exception:  # noqa: BLE001 - a connection that is gone holds no lock either
                log.warning("could not unlock %s; closing its connection", self.where)
        self._drop()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail; it is closed
                pass
            self._connection = None


def for_database(url: str) -> BotsLock:
    """The bots lock that fits the database at `url` (the portal's and bots' database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return NoLock()
        return FileLock(os.path.abspath(parsed.database) + LOCK_FILE_SUFFIX)
    if parsed.get_backend_name() == "postgresql":
        return AdvisoryLock(url)
    raise ValueError(f"no bots lock for the database {parsed.get_backend_name()!r}")


async def take(lock: BotsLock, stop: asyncio.Event, poll: float = POLL_SECONDS) -> bool:
    """Wait until this process holds `lock` (True), or until `stop` is set (False).

    Blocking calls run in a worker thread; between tries the wait is on `stop`, so that a
    stop signal is obeyed at once.
    """
    waited = False
    while not stop.is_set():
        try:
            taken = await asyncio.to_thread(lock.try_take)
        except Exception:
            log.exception("cannot try %s; trying again in %.0f s", lock.where, poll)
            taken = False
        else:
            if taken:
                log.info(
                    "bots process %d holds %s%s: it syncs, delivers and runs the jobs",
                    os.getpid(),
                    lock.where,
                    " (taken over)" if waited else "",
                )
                return True
            if not waited:
                holder = await asyncio.to_thread(lock.holder)
                log.warning(
                    "%s holds %s: bots process %d waits (trying again every %.0f s) and takes "
                    "over when it stops",
                    holder,
                    lock.where,
                    os.getpid(),
                    poll,
                )
                waited = True
        try:
            await asyncio.wait_for(stop.wait(), poll)
        except TimeoutError:
            pass
    return False


async def watch(
    lock: BotsLock, stop: asyncio.Event, ending: asyncio.Event, every: float = CHECK_SECONDS
) -> bool:
    """Check every `every` seconds that `lock` is still held, until `ending` is set.

    Sets `ending` itself when `stop` is set or the lock is lost; True when it was lost.
    """
    stopped = asyncio.ensure_future(stop.wait())
    ended = asyncio.ensure_future(ending.wait())
    try:
        while True:
            await asyncio.wait({stopped, ended}, timeout=every, return_when=asyncio.FIRST_COMPLETED)
            if stopped.done() or ended.done():
                ending.set()
                return False
            if not await asyncio.to_thread(lock.still_held):
                log.error("bots process %d lost %s", os.getpid(), lock.where)
                ending.set()
                return True
    finally:
        stopped.cancel()
        ended.cancel()
