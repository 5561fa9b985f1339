"""The outbox delivery worker: pending rows to Matrix, in order per room, never lost nor doubled.

One lane (a task) per room sends that room's rows one after the other; rooms go in parallel.
Every attempt is written to the database before the request leaves, so that after a crash
the worker knows which rows may already be in the room; for those it looks for the row's
source id among the room's recent events before sending again. That check, not Synapse's
transaction ids (remembered per access token, in memory, for a while), is what keeps a
homeserver restart, a long outage, a killed bots process or a new bot login from doubling a
message. The transaction id derived from the source id still covers the common case of a
retried request to a homeserver that did not restart.

A burst (more than `bridges.digest_threshold` rows of one kind for one room within a minute)
becomes digests, as its kind's template declares (bridges.templates.core.gathered): every
row's whole text in as many messages as its size needs, or for a few kinds one summary that
links to the page listing them all. Each message of a digest is the first row it gathers,
turned into a digest: it keeps that row's place in the room's order, its source id and so
its transaction id, and is sent and checked as any other row; the rows it gathers become
`digested` in the same transaction.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, sessionmaker

from bridges import health
from bridges.templates import digest_rule, render
from collab import matrix, outbox
from collab.config import Settings
from collab.db import utcnow
from collab.matrix import KIND_KEY, SOURCE_KEY, MatrixSendError
from collab.matrix.bot import BotClient, as_event_id
from collab.messages import FULL, NEVER, SUMMARY, DigestRule
from collab.models import direct_localpart, remember_room, room_id_of
from collab.outbox import DEAD, DIGESTED, PENDING, SENT, OutboxMessage

log = logging.getLogger("girou.bridges.delivery")

DIGEST_KIND = "digest"
DEAD_LETTER_KIND = "dead_letter"
DIGEST_WINDOW = dt.timedelta(minutes=1)
# Once a kind is over the threshold in a room, its rows wait until no new one has come for
# this long (at most until the end of the minute), so that a burst written in many small
# transactions still becomes one digest.
DIGEST_SETTLE = dt.timedelta(seconds=1)
DIGEST_SAMPLE = 5  # lines of a summary
DIGEST_MAX_ROWS = 10_000
# The most a digest message's content may weigh, as UTF-8 JSON: Synapse refuses an event
# over 65,536 bytes of canonical JSON, and adds its own fields (ids, signatures, hashes).
DIGEST_MAX_BYTES = 40_000
# What a digest message weighs besides its items (its intro, fields, room for the rest).
DIGEST_OVERHEAD_BYTES = 2_000
# A lane waiting for its first row to be due looks again this often (`girou outbox retry`).
HEAD_RECHECK_S = 1.0
# Answers meaning "the homeserver is not there" rather than "this message is refused".
UNAVAILABLE = frozenset({0, 502, 503, 504})
UNAVAILABLE_RETRY_CAP_S = 5.0


# Settings not (yet) in collab.config.SCHEMA, with the defaults used until they are.
def transaction_id(source_id: str) -> str:
    """The Matrix transaction id of a notification: the same for every try of the same row."""
    return "girou-" + hashlib.sha256(source_id.encode()).hexdigest()


def event_content(kind: str, payload: dict[str, Any], source_id: str) -> dict[str, Any]:
    """The m.room.message content of an outbox row: m.notice, plain + HTML, mentions, stamps."""
    message = render(kind, payload)
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": message.body,
        "format": "org.matrix.custom.html",
        "formatted_body": message.html,
        # Always present: an empty list tells clients not to guess mentions from the text.
        "m.mentions": {"user_ids": list(message.mentions)},
        SOURCE_KEY: source_id,
        KIND_KEY: kind,
    }
    relation = _relation(payload)
    if relation:
        content["m.relates_to"] = relation
    return content


def _relation(payload: dict[str, Any]) -> dict[str, Any] | None:
    """A reply to the payload's `in_reply_to`, inside the thread of its `thread_root` if set.

    In a thread, a reply to the root itself is only the fallback for clients without
    threads (`is_falling_back`); a reply to another message of the thread is a real one.
    """
    reply_to = as_event_id(payload.get("in_reply_to"))
    root = as_event_id(payload.get("thread_root"))
    if root is None:
        return {"m.in_reply_to": {"event_id": reply_to}} if reply_to else None
    return {
        "rel_type": "m.thread",
        "event_id": root,
        "is_falling_back": reply_to in (None, root),
        "m.in_reply_to": {"event_id": reply_to or root},
    }


@dataclass(frozen=True)
class Row:
    """What a lane needs of an outbox row, read in one transaction."""

    id: int
    kind: str
    room_key: str
    payload: dict[str, Any]
    source_id: str
    attempts: int  # before this turn: > 0 means it may be in the room already
    room_id: str | None
    content: dict[str, Any] | None = None  # set when this turn's attempt is recorded


@dataclass(frozen=True)
class Sent:
    row: Row
    event_id: str
    already_there: bool  # found in the room, not sent again


# Built once: the lanes run them for every message.
HEAD = (
    select(OutboxMessage)
    .where(OutboxMessage.status == PENDING, OutboxMessage.room_key == bindparam("room_key"))
    .order_by(OutboxMessage.id)
    .limit(1)
)
ROOMS_WITH_PENDING = (
    select(OutboxMessage.room_key).where(OutboxMessage.status == PENDING).distinct()
)
# A burst: rows of one kind for one room, waiting (never tried) and created before the end of
# the window, plus those of the window already sent or digested.
_SAME = (OutboxMessage.room_key == bindparam("room_key"), OutboxMessage.kind == bindparam("kind"))
_WAITING = (
    *_SAME,
    OutboxMessage.status == PENDING,
    OutboxMessage.attempts == 0,
    OutboxMessage.created_at < bindparam("window_end"),
)
_DONE = (
    *_SAME,
    OutboxMessage.status.in_((SENT, DIGESTED)),
    OutboxMessage.created_at >= bindparam("window_start"),
)


def _capped_count(conditions: tuple) -> Select:
    capped = select(OutboxMessage.id).where(*conditions).limit(bindparam("cap")).subquery()
    return select(func.count()).select_from(capped)


BURST_WAITING_COUNT = _capped_count(_WAITING)
BURST_DONE_COUNT = _capped_count(_DONE)
BURST_NEWEST = select(func.max(OutboxMessage.created_at)).where(*_WAITING)
# The rest of a huge burst makes the next digest.
BURST_ROWS = (
    select(OutboxMessage).where(*_WAITING).order_by(OutboxMessage.id).limit(DIGEST_MAX_ROWS)
)


class Delivery:
    """Sends the outbox to Matrix until `stop` is set. See the module docstring."""

    def __init__(
        self, client: BotClient, sessions: sessionmaker[Session], settings: Settings
    ) -> None:
        self.client = client
        self.sessions = sessions
        self.settings = settings
        self.stats: Counter[str] = Counter()
        self._lanes: dict[str, asyncio.Task] = {}

    async def run(self, stop: asyncio.Event) -> None:
        poll = self.settings.get("bridges", "poll_interval_ms") / 1000
        log.info("delivery started (poll every %.0f ms)", poll * 1000)
        while not stop.is_set():
            try:
                rooms = await asyncio.to_thread(self._rooms_with_pending)
            except Exception as exc:
                log.exception("cannot read the outbox; trying again")
                await asyncio.to_thread(health.record_failure, self.sessions, health.DELIVERY, exc)
                rooms = []
            for room_key in rooms:
                lane = self._lanes.get(room_key)
                if lane is None or lane.done():
                    self._lanes[room_key] = asyncio.create_task(
                        self._lane(room_key, stop), name=f"delivery {room_key}"
                    )
            await self._pause(poll, stop)
        # Each lane ends after the row it is sending: nothing is left half-recorded.
        await asyncio.gather(*self._lanes.values(), return_exceptions=True)
        log.info("delivery stopped (%s)", dict(self.stats))

    @staticmethod
    async def _pause(seconds: float, stop: asyncio.Event) -> None:
        try:
            await asyncio.wait_for(stop.wait(), timeout=max(seconds, 0))
        except TimeoutError:
            pass

    # --- one room ---------------------------------------------------------------------------
    async def _lane(self, room_key: str, stop: asyncio.Event) -> None:
        # A sent row is recorded in the same transaction that picks the next one (and records
        # its attempt): one commit per message. Until then it counts as "maybe sent".
        done: Sent | None = None
        try:
            while not stop.is_set():
                try:
                    step = await asyncio.to_thread(self._next_step, room_key, done)
                    done = None
                    if step is None:
                        return
                    if isinstance(step, float):
                        await self._pause(step, stop)
                        continue
                    done = await self._deliver(step)
                except Exception:
                    log.exception("delivery to %s failed unexpectedly; trying again", room_key)
                    await self._pause(HEAD_RECHECK_S, stop)
        finally:
            if done is not None:
                await asyncio.to_thread(self._finish, done)

    async def _deliver(self, row: Row) -> Sent | None:
        if row.room_id is None and (localpart := direct_localpart(row.room_key)):
            # The first notice to a person: the private chat is created, then remembered.
            try:
                room_id = await self.client.create_direct_room(
                    matrix.user_id(localpart, self.settings.server_name), "Girou"
                )
            except MatrixSendError as exc:
                if exc.retry_after_ms is not None or exc.status == 429:
                    await asyncio.to_thread(self._send_failed, row, exc)
                else:
                    error = f"cannot open a direct chat with {localpart}: {exc}"
                    await asyncio.to_thread(self._failed_before_send, row, error)
                return None
            await asyncio.to_thread(self._remember_direct, row.room_key, room_id)
            row = dataclasses.replace(row, room_id=room_id)
        if row.room_id is None:
            await asyncio.to_thread(
                self._failed_before_send, row, f"unknown room key {row.room_key!r}"
            )
            return None
        content = row.content
        if content is None:
            # Tried before: it may be in the room already (crash, restart, lost answer).
            try:
                found = await self.client.find_source_event(
                    row.room_id,
                    row.source_id,
                    self.settings.get("bridges", "resend_check_events"),
                )
            except MatrixSendError as exc:
                await asyncio.to_thread(self._check_failed, row, exc)
                return None
            if found:
                return Sent(row, found, already_there=True)
            try:
                content = event_content(row.kind, row.payload, row.source_id)
            except Exception as exc:
                await asyncio.to_thread(self._failed_before_send, row, f"cannot render: {exc!r}")
                return None
            await asyncio.to_thread(self._record_attempt, row)
        try:
            event_id = await self.client.send_event(
                row.room_id, content, transaction_id(row.source_id)
            )
        except MatrixSendError as exc:
            await asyncio.to_thread(self._send_failed, row, exc)
            return None
        except Exception as exc:
            error = MatrixSendError(0, "M_CLIENT", repr(exc))
            await asyncio.to_thread(self._send_failed, row, error)
            return None
        return Sent(row, event_id, already_there=False)

    # --- database steps (worker threads) ----------------------------------------------------
    def _rooms_with_pending(self) -> list[str]:
        with self.sessions() as s:
            return list(s.scalars(ROOMS_WITH_PENDING))

    def _next_step(self, room_key: str, done: Sent | None) -> Row | float | None:
        """Record `done`; the room's next row, seconds to wait before looking again, or None.

        A row never tried before comes with its content and its attempt already recorded.
        """
        now = utcnow()
        with self.sessions.begin() as s:
            if done is not None:
                self._record_sent(s, done, now)
            head = s.scalars(HEAD, {"room_key": room_key}).first()
            if head is None:
                return None
            if head.next_attempt_at and head.next_attempt_at > now:
                return min((head.next_attempt_at - now).total_seconds(), HEAD_RECHECK_S)
            # Whether a kind is gathered, its template says (replies, alerts and digests never
            # are). Nor is a message that answers an event (its payload's in_reply_to /
            # thread_root, e.g. the question a ❌ asks in a thread): it would lose its place.
            answers = _relation(head.payload) is not None
            if digest_rule(head.kind).mode != NEVER and not answers and head.attempts == 0:
                wait = self._gather_burst(s, head, now)
                if wait is not None:
                    return wait
            room_id = room_id_of(s, head.room_key)
            row = Row(
                head.id,
                head.kind,
                head.room_key,
                head.payload,
                head.source_id,
                head.attempts,
                room_id,
            )
            if head.attempts or room_id is None:
                return row
            try:
                content = event_content(head.kind, head.payload, head.source_id)
            except Exception as exc:
                head.attempts += 1
                head.last_error = f"cannot render: {exc!r}"
                self._retry_or_bury(s, head, now, unavailable=False)
                return 0.0
            head.attempts = 1
            head.room_id = room_id
            head.next_attempt_at = now + dt.timedelta(seconds=self._backoff(1))
            return dataclasses.replace(row, content=content)

    def _gather_burst(self, s: Session, head: OutboxMessage, now: dt.datetime) -> float | None:
        """Turn `head`'s burst into digests when there is one; seconds to wait, or None.

        A burst: more than the threshold of rows of head's kind for head's room within the
        minute around head. It is cut into runs of consecutive rows, one per digest message
        (see `_digest_runs`); the first row of each run becomes that message, the others
        `digested`. A run of one row stays as it is, sent on its own.
        """
        threshold = self.settings.get("bridges", "digest_threshold")
        window_end = head.created_at + DIGEST_WINDOW
        params = {
            "room_key": head.room_key,
            "kind": head.kind,
            "window_start": head.created_at - DIGEST_WINDOW,
            "window_end": window_end,
            # Counts stop at threshold + 1: the usual case (no burst) stays cheap.
            "cap": threshold + 1,
        }
        if s.scalar(BURST_WAITING_COUNT, params) + s.scalar(BURST_DONE_COUNT, params) <= threshold:
            return None
        newest = s.scalar(BURST_NEWEST, params)
        if newest and now - newest < DIGEST_SETTLE and now < window_end:
            return (newest + DIGEST_SETTLE - now).total_seconds()
        rows = [row for row in s.scalars(BURST_ROWS, params) if _relation(row.payload) is None]
        if len(rows) < 2:
            return None
        kind, rule = head.kind, digest_rule(head.kind)
        runs = self._digest_runs(rows, rule)
        for number, run in enumerate(runs, 1):
            if len(run.rows) < 2:
                continue
            first = run.rows[0]
            first.kind, first.payload = DIGEST_KIND, run.payload(number, len(runs), len(rows))
            for row in run.rows[1:]:
                row.status = DIGESTED
                row.next_attempt_at = None
        self.stats["digests"] += sum(1 for run in runs if len(run.rows) > 1)
        log.info(
            "%d notifications %r for %s within a minute: %d digest message(s) (rows %s)",
            len(rows),
            kind,
            head.room_key,
            sum(1 for run in runs if len(run.rows) > 1),
            ", ".join(str(run.rows[0].id) for run in runs),
        )
        return None

    def _digest_runs(self, rows: list[OutboxMessage], rule: DigestRule) -> list[_Run]:
        """The burst `rows` cut into consecutive runs, each one digest message under
        DIGEST_MAX_BYTES: FULL runs as long as their rendered items fit, SUMMARY runs of at
        most `rule.most` rows. A row that cannot be rendered, or weighs too much to share a
        message, is a run of its own (sent, or failing, as it would without a burst)."""
        kind = rows[0].kind
        if rule.mode == SUMMARY and rule.listed_at is not None:
            try:
                rule.listed_at([row.payload for row in rows])
            except Exception:
                # Better every text in the room than a summary linking nowhere.
                log.exception("no list of the %r rows %d…: listed in full", kind, rows[0].id)
                rule = dataclasses.replace(rule, mode=FULL)
        if rule.mode == SUMMARY:
            link_base = self.settings.public_url("portal")
            most = rule.most or len(rows)
            runs = [
                _Run(kind, rule, rows[start : start + most], link_base=link_base)
                for start in range(0, len(rows), most)
            ]
        else:
            budget = DIGEST_MAX_BYTES - DIGEST_OVERHEAD_BYTES
            runs, current, weight = [], _Run(kind, rule, []), 0
            for row in rows:
                item = _full_item(row)
                size = budget + 1 if item is None else _item_bytes(item)
                if current.rows and weight + size > budget:
                    runs.append(current)
                    current, weight = _Run(kind, rule, []), 0
                current.rows.append(row)
                current.items.append(item)
                weight += size
            if current.rows:
                runs.append(current)
        # The estimate above leaves room to spare; what is sent is measured all the same.
        checked: list[_Run] = []
        while runs:
            run = runs.pop(0)
            if len(run.rows) < 2 or run.weight() <= DIGEST_MAX_BYTES:
                checked.append(run)
            else:
                runs[:0] = run.halves()
        return checked

    def _record_attempt(self, row: Row) -> None:
        """Written before the request leaves: after a crash, `attempts > 0` means 'maybe sent'."""
        with self.sessions.begin() as s:
            message = s.get(OutboxMessage, row.id)
            message.attempts += 1
            message.room_id = row.room_id
            message.next_attempt_at = utcnow() + dt.timedelta(
                seconds=self._backoff(message.attempts)
            )

    def _finish(self, done: Sent) -> None:
        with self.sessions.begin() as s:
            self._record_sent(s, done, utcnow())
        # After the transaction: on SQLite the health write needs the writers' lock too.
        health.record_success(self.sessions, health.DELIVERY)

    def _record_sent(self, s: Session, done: Sent, now: dt.datetime) -> None:
        message = s.get(OutboxMessage, done.row.id)
        message.status = SENT
        message.event_id = done.event_id
        message.room_id = done.row.room_id
        message.sent_at = now
        message.next_attempt_at = None
        if done.already_there:
            self.stats["found_in_room"] += 1
            log.info(
                "row %d was already in %s as %s: not sent again",
                done.row.id,
                done.row.room_id,
                done.event_id,
            )
        else:
            self.stats["sent"] += 1

    def _send_failed(self, row: Row, exc: MatrixSendError) -> None:
        now = utcnow()
        with self.sessions.begin() as s:
            message = s.get(OutboxMessage, row.id)
            if exc.retry_after_ms is not None or exc.status == 429:
                # Refused before anything was stored: the try does not count, and the
                # homeserver says when to come back.
                self.stats["rate_limited"] += 1
                message.attempts = max(message.attempts - 1, 0)
                message.next_attempt_at = now + dt.timedelta(
                    milliseconds=exc.retry_after_ms or 1000
                )
                message.last_error = f"rate limited: {exc}"
                return
            message.last_error = str(exc)
            self._retry_or_bury(s, message, now, unavailable=exc.status in UNAVAILABLE)
        if exc.status in UNAVAILABLE:
            health.record_failure(self.sessions, health.DELIVERY, exc)

    def _check_failed(self, row: Row, exc: MatrixSendError) -> None:
        now = utcnow()
        with self.sessions.begin() as s:
            message = s.get(OutboxMessage, row.id)
            message.last_error = f"checking the room: {exc}"
            if exc.retry_after_ms is not None or exc.status == 429:
                self.stats["rate_limited"] += 1
                message.next_attempt_at = now + dt.timedelta(
                    milliseconds=exc.retry_after_ms or 1000
                )
            elif exc.status in UNAVAILABLE:
                # Nothing was sent and the homeserver is away: waiting costs no attempt, so
                # a long outage does not dead-letter the queue.
                wait = min(self._backoff(message.attempts), UNAVAILABLE_RETRY_CAP_S)
                message.next_attempt_at = now + dt.timedelta(seconds=wait)
            else:
                message.attempts += 1
                self._retry_or_bury(s, message, now, unavailable=False)
        if exc.status in UNAVAILABLE:
            health.record_failure(self.sessions, health.DELIVERY, exc)

    def _remember_direct(self, room_key: str, room_id: str) -> None:
        with self.sessions.begin() as s:
            remember_room(s, room_key, room_id, f"Girou – {room_key}")

    def _failed_before_send(self, row: Row, error: str) -> None:
        now = utcnow()
        with self.sessions.begin() as s:
            message = s.get(OutboxMessage, row.id)
            message.attempts += 1
            message.last_error = error
            self._retry_or_bury(s, message, now, unavailable=False)

    def _retry_or_bury(
        self, s: Session, message: OutboxMessage, now: dt.datetime, *, unavailable: bool
    ) -> None:
        self.stats["failed"] += 1
        if message.attempts < self.settings.get("bridges", "max_attempts"):
            wait = self._backoff(message.attempts)
            if unavailable:
                wait = min(wait, UNAVAILABLE_RETRY_CAP_S)
            message.next_attempt_at = now + dt.timedelta(seconds=wait)
            log.warning(
                "row %d (%s for %s), attempt %d failed: %s; next try in %.1f s",
                message.id,
                message.kind,
                message.room_key,
                message.attempts,
                message.last_error,
                wait,
            )
            return
        message.status = DEAD
        message.next_attempt_at = None
        self.stats["dead"] += 1
        log.error(
            "row %d (%s for %s) dead after %d attempts: %s",
            message.id,
            message.kind,
            message.room_key,
            message.attempts,
            message.last_error,
        )
        if message.kind == DEAD_LETTER_KIND:
            return  # no alert about an alert: the log line above is the last resort
        alert = {
            "outbox_id": message.id,
            "kind": message.kind,
            "room_key": message.room_key,
            "attempts": message.attempts,
            "last_error": message.last_error,
        }
        admin_room = self.settings.get("bridges", "admin_room")
        source_id = f"dead:{message.id}"
        if not outbox.enqueue(
            s, kind=DEAD_LETTER_KIND, room_key=admin_room, payload=alert, source_id=source_id
        ):
            # Dead again after a `girou outbox retry`: a new alert, not a silent duplicate.
            source_id = f"{source_id}:{now.isoformat()}"
            outbox.enqueue(
                s, kind=DEAD_LETTER_KIND, room_key=admin_room, payload=alert, source_id=source_id
            )

    def _backoff(self, attempts: int) -> float:
        base = self.settings.get("bridges", "retry_base_ms") / 1000
        most = self.settings.get("bridges", "retry_max_ms") / 1000
        return min(base * 2 ** max(attempts - 1, 0), most)


@dataclass
class _Run:
    """Consecutive rows of a burst that go out as one digest message."""

    kind: str
    rule: DigestRule
    rows: list[OutboxMessage]
    # FULL: the rendered rows (None: one that cannot be, alone in its run)
    items: list[dict[str, Any] | None] = dataclasses.field(default_factory=list)
    link_base: str = ""  # SUMMARY: the portal's public URL

    def payload(self, part: int, parts: int, total: int) -> dict[str, Any]:
        """The digest row's payload (rendered by bridges.templates.core.digest)."""
        payload: dict[str, Any] = {
            "kind": self.kind,
            "mode": self.rule.mode,
            "count": len(self.rows),
            "outbox_ids": [row.id for row in self.rows],
        }
        if self.rule.label:
            payload["label"] = self.rule.label
        if parts > 1:
            payload.update(total=total, part=part, parts=parts)
        if self.rule.mode == SUMMARY:
            payload["items"] = [_summary(r.kind, r.payload) for r in self.rows[:DIGEST_SAMPLE]]
            if self.rule.listed_at is not None:
                path = self.rule.listed_at([row.payload for row in self.rows])
                payload["link"] = self.link_base + path
                payload["link_text"] = self.rule.link_text
        else:
            payload["items"] = [{"body": i["body"], "html": i["html"]} for i in self.items]
            mentions = (user for item in self.items for user in item["mentions"])
            payload["mentions"] = list(dict.fromkeys(mentions))
        return payload

    def weight(self) -> int:
        """Bytes of the message's content as UTF-8 JSON, at worst (longest intro and source
        id): what the homeserver counts, less its own fields."""
        most = DIGEST_MAX_ROWS
        content = event_content(DIGEST_KIND, self.payload(most, most, most), "x" * 255)
        return len(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode())

    def halves(self) -> list[_Run]:
        middle = len(self.rows) // 2
        return [
            dataclasses.replace(self, rows=self.rows[:middle], items=self.items[:middle]),
            dataclasses.replace(self, rows=self.rows[middle:], items=self.items[middle:]),
        ]


def _full_item(row: OutboxMessage) -> dict[str, Any] | None:
    """A row's whole message, as a FULL digest lists it; None when it cannot be rendered."""
    try:
        message = render(row.kind, row.payload)
    except Exception:
        return None
    return {"body": message.body, "html": message.html, "mentions": list(message.mentions)}


def _item_bytes(item: dict[str, Any]) -> int:
    """What an item adds to a digest's content: its line and its list item, JSON-escaped."""
    text = json.dumps(
        ["• " + item["body"], f"<li>{item['html']}</li>", item["mentions"]], ensure_ascii=False
    )
    return len(text.encode())


def _summary(kind: str, payload: dict[str, Any]) -> str:
    """One line of a digest: the row's own text, shortened."""
    try:
        text = render(kind, payload).body
    except Exception:
        return kind
    line = " ".join(text.split())
    return line if len(line) <= 160 else line[:159] + "…"
