"""How far a long command is: a bar with counts and an ETA on a terminal, plain log lines
anywhere else (CI, log files, systemd), and a final summary line.

    with progress.task("Importing parcels", total=len(parcels)) as advance:
        for parcel in parcels:
            ...
            advance()

The total may be unknown (None). One task at a time: tasks follow each other, they do not
nest. rich is imported only when a bar is drawn, so `girou --help` and the servers never load it.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

log = logging.getLogger("girou.progress")

# Off a terminal: a line at each tenth of a known total, and one at least every LOG_EVERY
# seconds between them (the only lines when the total is unknown).
LOG_STEPS = 10
LOG_EVERY = 10.0

# advance(n=1): n more items done; thread-safe.
Advance = Callable[..., None]
T = TypeVar("T")


def silent(n: int = 1) -> None:
    """The advance of work nobody watches (a nightly job, the demo, a test)."""


def counted(items: Iterable[T], advance: Advance) -> Iterator[T]:
    """The items, each counted once its turn in the loop is over (a `continue` counts too)."""
    for item in items:
        yield item
        advance()


@contextmanager
def task(description: str, total: int | None = None, *, console: Any = None) -> Iterator[Advance]:
    """Show the progress of one piece of work; `console` (a rich Console) forces the bar."""
    if console is not None or _is_terminal(sys.stderr):
        with _bar(description, total, console) as advance:
            yield advance
    else:
        with _log_lines(description, total) as advance:
            yield advance


def _is_terminal(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# --- on a terminal: rich's bar ----------------------------------------------------------------
@contextmanager
def _bar(description: str, total: int | None, console: Any) -> Iterator[Advance]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console or Console(stderr=True)) as bar, _logs_above_bar():
        task_id = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task_id, n)
        if total is None:  # done: the bar ends full, at the count reached
            bar.update(task_id, total=bar.tasks[0].completed)


@contextmanager
def _logs_above_bar() -> Iterator[None]:
    """Log records go through rich's redirected stdout/stderr meanwhile: printed above the bar
    instead of across it."""
    proxies = {
        id(stream.rich_proxied_file): stream
        for stream in (sys.stdout, sys.stderr)
        if hasattr(stream, "rich_proxied_file")
    }
    swapped = []
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and id(handler.stream) in proxies:
            swapped.append((handler, handler.setStream(proxies[id(handler.stream)])))
    try:
        yield
    finally:
        for handler, stream in swapped:
            handler.setStream(stream)


# --- anywhere else: log lines -------------------------------------------------------------------
@contextmanager
def _log_lines(description: str, total: int | None) -> Iterator[Advance]:
    started = time.monotonic()
    lock = threading.Lock()
    step = max(total // LOG_STEPS, 1) if total else 0
    state = {"done": 0, "last_line": started}

    def advance(n: int = 1) -> None:
        with lock:
            before = state["done"]
            done = state["done"] = before + n
            now = time.monotonic()
            crossed_step = bool(step) and done // step > before // step
            if total is not None and done >= total:
                return  # the summary says it
            if crossed_step or now - state["last_line"] >= LOG_EVERY:
                state["last_line"] = now
                log.info("%s: %s", description, _status(done, total, now - started))

    try:
        yield advance
    except BaseException:
        log.warning(
            "%s: stopped after %s (%s)",
            description,
            _count(state["done"], total),
            _clock(time.monotonic() - started),
        )
        raise
    seconds = time.monotonic() - started
    rate = f", {state['done'] / seconds:.0f}/s" if seconds >= 1 else ""
    log.info(
        "%s: %s done in %s%s", description, _count(state["done"], total), _clock(seconds), rate
    )


def _status(done: int, total: int | None, seconds: float) -> str:
    if not total:
        return f"{done} so far, {_clock(seconds)} elapsed"
    left = seconds / done * (total - done) if done else None
    eta = f", about {_clock(left)} left" if left is not None else ""
    return f"{done}/{total} ({100 * done // total}%), {_clock(seconds)} elapsed{eta}"


def _count(done: int, total: int | None) -> str:
    return str(done) if total is None or done == total else f"{done}/{total}"


def _clock(seconds: float) -> str:
    """0:01:05, as rich's bar shows times."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
