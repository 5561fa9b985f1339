"""The bot's life: take the bots lock, log in once (device kept), then sync, deliver and schedule
until stopped, or until the lock is lost (then wait to take it again)."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

from bots import features, leader
from bots.router import Router
from bots.scheduler import start_jobs
from bots.sync import SyncLoop
from bridges.delivery import Delivery
from collab import db
from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix.bot import BotClient
from collab.territory import load_territory

log = logging.getLogger("girou.bots")


async def run(settings: Settings, secrets: Secrets) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # Taken before anything else: a second process must not even log in (bots/leader.py).
    lock = leader.for_database(settings.database_url)
    try:
        while await leader.take(lock, stop):
            ending = asyncio.Event()  # set on stop, or when the lock is lost
            watcher = asyncio.create_task(leader.watch(lock, stop, ending), name="bots lock")
            try:
                await _serve(settings, secrets, ending)
            finally:
                ending.set()
                lost = await watcher
            if not lost:
                break
            log.error("stopped syncing and delivering; waiting to take the bots lock again")
            await asyncio.to_thread(lock.release)
    finally:
        await asyncio.to_thread(lock.release)
    log.info("bot stopped")


async def _serve(settings: Settings, secrets: Secrets, ending: asyncio.Event) -> None:
    """Sync, deliver and schedule until `ending` is set."""
    engine = db.make_engine(settings.database_url)
    try:
        sessions = db.make_sessionmaker(engine)
        territory = load_territory(settings.territory_path(Path.cwd()))
        services = features.make_services(settings, secrets)
        try:
            router = Router(
                features.load(), settings=settings, territory=territory, services=services
            )
            client = await BotClient.connect(settings, secrets)
            log.info("bot %s connected as device %s", client.user_id, client.device_id)
            try:
                jobs = start_jobs(
                    settings,
                    sessions,
                    secrets=secrets,
                    territory=territory,
                    features=router.features,
                )
                tasks = [
                    # The sync loop (commands, reactions): bots/sync.py.
                    asyncio.create_task(
                        SyncLoop(client, sessions, router, settings).run(ending), name="sync"
                    ),
                    # The outbox delivery worker: bridges/delivery.py.
                    asyncio.create_task(
                        Delivery(client, sessions, settings).run(ending), name="delivery"
                    ),
                ]
                await ending.wait()
                jobs.shutdown()
                await asyncio.gather(*tasks)
            finally:
                await client.close()
        finally:
            features.close_services(services)
    finally:
        engine.dispose()
