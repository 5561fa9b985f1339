"""Demo content: a few dozen fictitious associations and businesses across the communes."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.territory import Territory
from portal.directory.models import DirectoryEntry
from portal.directory.moderation import ENTRY_FIELDS, create_entry

DEMO_FILE = Path(__file__).parent / "data" / "demo-entries.json"


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    """Add the demo entries of this territory's communes that are not there yet (by name)."""
    communes = {c.insee for c in territory.communes}
    entries = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["entries"]
    added = 0
    with sessions.begin() as db:
        existing = set(db.scalars(select(DirectoryEntry.name)))
        for data in entries:
            if data["commune"] in communes and data["name"] not in existing:
                create_entry(db, {key: data[key] for key in ENTRY_FIELDS}, territory)
                added += 1
        total = db.scalar(select(func.count()).select_from(DirectoryEntry))
    return f"directory: {added} demo entries added, {total} in all"
