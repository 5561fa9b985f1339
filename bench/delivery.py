"""Benchmark: outbox delivery latency (webhook POST -> a member's /sync) and throughput.

The whole path is real: the portal (gunicorn) takes the POST and commits the outbox row, the
bots process (its delivery worker) sends it to Synapse, a member's matrix-nio client sees it
in its long-polling /sync. Baselines, measured in the same run against the same Synapse and
room: a raw matrix-nio send seen by the same member (latency), and sequential raw matrix-nio
sends (throughput). Targets (issue 3): p50 < 150 ms, p99 < 1 s, throughput ratio >= 0.8.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_settings  # noqa: E402

from collab import (  # noqa: E402
    credentials,
    db,
    outbox,  # noqa: E402
    provision,
)
from collab.matrix import SOURCE_KEY  # noqa: E402
from collab.models import MatrixRoom  # noqa: E402
from collab.outbox import OutboxMessage  # noqa: E402
from collab.supervisor import Supervisor  # noqa: E402
from collab.territory import load_territory  # noqa: E402
from portal.webhooks.tokens import HookToken, create_hook, token_hash  # noqa: E402

LATENCY_MESSAGES = 300
THROUGHPUT_MESSAGES = 1000
ROOM_KEY = "instance:urbanisme"
MARKER = "bench.marker"


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
    }


class Observer:
    """A room member's client syncing continuously; resolves a future per awaited marker."""

    def __init__(self, url: str, user_id: str, password: str) -> None:
        from nio import AsyncClient, AsyncClientConfig

        self.client = AsyncClient(url, user_id, config=AsyncClientConfig(encryption_enabled=False))
        self.password = password
        self.waiting: dict[str, asyncio.Future] = {}
        self.seen: dict[str, float] = {}

    async def start(self, room_id: str) -> None:
        await self.client.login(self.password, device_name="bench observer")
        await self.client.join(room_id)  # provisioning invites; members join themselves
        await self.client.sync(timeout=0, full_state=True)
        self.task = asyncio.create_task(self._loop())

    def expect(self, marker: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting[marker] = future
        return future

    async def _loop(self) -> None:
        room_filter = {"room": {"timeline": {"limit": 200}}, "presence": {"not_types": ["*"]}}
        while True:
            response = await self.client.sync(timeout=30_000, sync_filter=room_filter)
            now = time.perf_counter()
            rooms = getattr(getattr(response, "rooms", None), "join", {})
            for info in rooms.values():
                for event in info.timeline.events:
                    content = event.source.get("content", {})
                    marker = content.get(MARKER) or content.get(SOURCE_KEY)
                    future = self.waiting.pop(marker, None)
                    if future is not None and not future.done():
                        future.set_result(now)

    async def close(self) -> None:
        self.task.cancel()
        await self.client.logout()
        await self.client.close()


def notice(text: str) -> dict:
    return {
        "msgtype": "m.notice",
        "body": text,
        "format": "org.matrix.custom.html",
        "formatted_body": f"<p>{text}</p>",
        "m.mentions": {"user_ids": []},
    }


async def raw_latency(
    sender, observer: Observer, room_id: str, count: int, tag: str
) -> list[float]:
    samples = []
    for number in range(count):
        marker = f"{tag}-{number}"
        arrived = observer.expect(marker)
        started = time.perf_counter()
        content = {**notice(f"Brut {number}"), MARKER: marker}
        await sender.room_send(room_id, "m.room.message", content)
        samples.append(await asyncio.wait_for(arrived, 30) - started)
    return samples


async def webhook_latency(
    url: str, hook_id: int, observer: Observer, count: int, tag: str
) -> list[float]:
    samples = []
    async with httpx.AsyncClient(timeout=30) as http:
        for number in range(count):
            given = f"{tag}-{number}"
            arrived = observer.expect(f"hook:{hook_id}:{given}")
            started = time.perf_counter()
            response = await http.post(url, json={"text": f"Webhook {number}", "source_id": given})
            assert response.status_code == 202, response.text
            samples.append(await asyncio.wait_for(arrived, 30) - started)
    return samples


async def raw_throughput(sender, room_id: str, count: int) -> float:
    from nio import RoomSendResponse

    started = time.perf_counter()
    for number in range(count):
        response = await sender.room_send(room_id, "m.room.message", notice(f"Débit {number}"))
        assert isinstance(response, RoomSendResponse), response
    return time.perf_counter() - started


def outbox_throughput(sessions, count: int, tag: str) -> float:
    """Queue `count` notices in one transaction; seconds until the bots sent them all."""
    with sessions.begin() as s:
        for number in range(count):
            outbox.enqueue(
                s,
                kind="notice",
                room_key=ROOM_KEY,
                payload={"text": f"Débit {number}"},
                source_id=f"{tag}:{number}",
            )
    started = time.perf_counter()
    query = OutboxMessage.__table__.select().where(
        OutboxMessage.source_id.like(f"{tag}:%"), OutboxMessage.status == outbox.PENDING
    )
    while True:
        with sessions() as s:
            if s.execute(query.limit(1)).first() is None:
                return time.perf_counter() - started
        time.sleep(0.005)


async def measure(settings, logins, sessions, room_id: str, hook_url: str, hook_id: int) -> dict:
    from nio import AsyncClient, AsyncClientConfig

    member = next(
        login for login in logins if ROOM_KEY.removeprefix("instance:") in login.instances
    )
    observer = Observer(settings.url("matrix"), member.user_id, member.password)
    await observer.start(room_id)
    # The raw sender: another login of the bot's account (same rate-limit exemption).
    sender = AsyncClient(
        settings.url("matrix"),
        settings.bot_user_id,
        config=AsyncClientConfig(encryption_enabled=False),
    )
    await sender.login(credentials.load_secrets(settings.home).bot_password, device_name="bench")
    try:
        await raw_latency(sender, observer, room_id, 20, "warm-raw")  # warm-up, not counted
        await webhook_latency(hook_url, hook_id, observer, 20, "warm-hook")
        raw = await raw_latency(sender, observer, room_id, LATENCY_MESSAGES, "raw")
        hook = await webhook_latency(hook_url, hook_id, observer, LATENCY_MESSAGES, "hook")
        raw_before = await raw_throughput(sender, room_id, THROUGHPUT_MESSAGES)
        queued = await asyncio.to_thread(
            outbox_throughput, sessions, THROUGHPUT_MESSAGES, f"bench-{time.time_ns()}"
        )
        raw_after = await raw_throughput(sender, room_id, THROUGHPUT_MESSAGES)
    finally:
        await observer.close()
        await sender.logout()
        await sender.close()
    raw_seconds = (raw_before + raw_after) / 2
    return {
        "latency (webhook POST -> member's /sync)": {"messages": LATENCY_MESSAGES, **summary(hook)},
        "latency baseline (raw matrix-nio send -> same /sync)": {
            "messages": LATENCY_MESSAGES,
            **summary(raw),
        },
        "latency_p50_ratio_to_raw": round(statistics.median(hook) / statistics.median(raw), 2),
        "throughput (1000 queued notices, one room)": {
            "seconds": round(queued, 2),
            "per_second": round(THROUGHPUT_MESSAGES / queued, 1),
        },
        "throughput baseline (sequential raw matrix-nio sends)": {
            "seconds_before": round(raw_before, 2),
            "seconds_after": round(raw_after, 2),
            "per_second": round(THROUGHPUT_MESSAGES / raw_seconds, 1),
        },
        "throughput_ratio_to_raw": round(raw_seconds / queued, 2),
        "targets": {"p50_ms": 150, "p99_ms": 1000, "throughput_ratio": 0.8},
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        shutil.copy(ROOT / "territory.toml", home / "territory.toml")
        # 1,300 notices of one kind in one room would rightly become digests; not here.
        settings = make_settings(home, bridges__digest_threshold=1_000_000)
        secrets = credentials.ensure_secrets(home)
        supervisor = Supervisor(settings)
        try:
            servers = ["synapse", "radicale", "webdav", "portal"]
            for name in servers:
                supervisor.start(name)
            supervisor.wait_healthy(servers)
            territory = load_territory(home / "territory.toml")
            logins = provision.provision(settings, secrets, territory, demo=True)
            supervisor.start("bots")
            engine = db.make_engine(settings.database_url)
            sessions = db.make_sessionmaker(engine)
            with sessions.begin() as s:
                room_id = s.get(MatrixRoom, ROOM_KEY).room_id
                token = create_hook(s, ROOM_KEY, "bench")
                hook_id = s.scalar(
                    select(HookToken.id).where(HookToken.token_hash == token_hash(token))
                )
            hook_url = f"{settings.url('portal')}/hooks/{token}"
            results = asyncio.run(measure(settings, logins, sessions, room_id, hook_url, hook_id))
            engine.dispose()
        finally:
            supervisor.stop()
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
