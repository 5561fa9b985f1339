"""The bot's life: log in once (device kept), then sync, deliver and schedule until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

from bots import features
from bots.router import Router
from bots.scheduler import start_jobs
from bots.sync import SyncLoop
from bridges.delivery import Delivery
from collab import db
from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix import BotClient
from collab.territory import load_territory

log = logging.getLogger("girou.bots")


async def run(settings: Settings, secrets: Secrets) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)
    db.create_schema(engine)  # idempotent: tables added since the last provisioning
    territory = load_territory(settings.territory_path(Path.cwd()))
    services = features.make_services(settings, secrets)
    router = Router(features.load(), settings=settings, territory=territory, services=services)
    client = await BotClient.connect(settings, secrets)
    log.info("bot %s connected as device %s", client.user_id, client.device_id)
    jobs = start_jobs(
        settings, sessions, secrets=secrets, territory=territory, features=router.features
    )
    tasks = [
        # The sync loop (commands, reactions): bots/sync.py.
        asyncio.create_task(SyncLoop(client, sessions, router, settings).run(stop), name="sync"),
        # The outbox delivery worker: bridges/delivery.py.
        asyncio.create_task(Delivery(client, sessions, settings).run(stop), name="delivery"),
    ]
    await stop.wait()
    jobs.shutdown()
    await asyncio.gather(*tasks)
    features.close_services(services)
    await client.close()
    engine.dispose()
    log.info("bot stopped")
