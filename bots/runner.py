"""The bot's life: log in once (device kept), then sync, deliver and schedule until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal

from collab import db
from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix import BotClient

log = logging.getLogger("girou.bots")


async def run(settings: Settings, secrets: Secrets) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    engine = db.make_engine(settings.database_url)
    sessions = db.make_sessionmaker(engine)  # noqa: F841 (used by the delivery and sync slots)
    client = await BotClient.connect(settings, secrets)
    log.info("bot %s connected as device %s", client.user_id, client.device_id)
    tasks = [
        # The sync loop (commands, reactions): bots/sync.py.
        asyncio.create_task(client.sync_forever_until(stop), name="sync"),
        # The outbox delivery worker: bridges/delivery.py.
    ]
    await stop.wait()
    await asyncio.gather(*tasks)
    await client.close()
    engine.dispose()
    log.info("bot stopped")
