"""Entrypoint of the bots process: reads GIROU_HOME and the settings, then runs the bot."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

from bots.runner import run
from collab import config, credentials


def main() -> int:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    settings = config.load(Path(os.environ.get("GIROU_HOME", "var")))
    asyncio.run(run(settings, credentials.load_secrets(settings.home)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
