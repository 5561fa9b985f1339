"""The bot's life: log in once (device kept), then sync until told to stop."""

from __future__ import annotations

import asyncio
import logging
import signal

from collab.config import Settings
from collab.credentials import Secrets
from collab.matrix import BotClient

log = logging.getLogger("girou.bots")


async def run(settings: Settings, secrets: Secrets) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    client = await BotClient.connect(settings, secrets)
    log.info("bot %s connected as device %s", client.user_id, client.device_id)
    sync = asyncio.create_task(client.sync_forever_until(stop))
    await stop.wait()
    await sync
    await client.close()
    log.info("bot stopped")
