"""One unit of work in one transaction, retried when PostgreSQL asks for it.

Used by the API and the family pages: a deadlock or serialization failure (SQLSTATE 40P01,
40001) is retried a few times; a database that stays busy (SQLite's busy timeout) becomes
`Busy`, for a "try again" answer rather than an error page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("girou.childcare.transactions")
T = TypeVar("T")
RETRIES = 3
RETRYABLE = frozenset({"40P01", "40001"})


class Busy(Exception):
    """The database did not answer in time: nothing was done, the caller may try again."""


def in_transaction(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """`work(db)` in a transaction committed when it returns, rolled back if it raises."""
    for attempt in range(RETRIES):
        try:
            with sessions.begin() as db:
                return work(db)
        except OperationalError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            if code in RETRYABLE and attempt < RETRIES - 1:
                log.warning("transaction retried after SQLSTATE %s", code)
                time.sleep(0.01 * (attempt + 1))
                continue
            log.exception("database busy or unavailable")
            raise Busy() from exc
    raise AssertionError("unreachable")
