"""Demo content: the sample sheets written for Girou, imported like a DILA directory."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from collab.config import Settings
from collab.territory import Territory
from portal.procedures.importer import import_path

SAMPLES = Path(__file__).parent / "samples"


def load_demo(settings: Settings, sessions: sessionmaker[Session], territory: Territory) -> str:
    report = import_path(sessions, SAMPLES)
    return f"dila: sample sheets: {report.summary()}"
