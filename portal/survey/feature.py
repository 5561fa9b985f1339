"""The survey of the mairies' manifest: its pages, its messages (a submission in the Numérique
instance's room, the invitation and reminders to the secrétaires de mairie), the daily
reminders job, the demo campaigns."""

from __future__ import annotations

from pathlib import Path

from collab.config import Settings
from collab.db import job_transaction
from collab.feature import Feature, Jobs
from collab.territory import load_territory
from portal.survey import campaigns, demo, messages, views

REMINDER_HOUR = 9


def init_app(app) -> None:
    app.register_blueprint(views.bp)


def send_reminders(settings: Settings, territory_path: str) -> int:
    """The daily job (persistent: opens its own transaction and reads the territory file)."""
    territory = load_territory(Path(territory_path))
    with job_transaction(settings) as db:
        return campaigns.send_reminders(
            db, on=campaigns.today(settings), settings=settings, territory=territory
        )


def schedule(jobs: Jobs) -> None:
    jobs.cron(
        "survey-reminders",
        send_reminders,
        args=(jobs.settings, str(jobs.settings.territory_path(Path.cwd()))),
        hour=REMINDER_HOUR,
        minute=0,
    )


FEATURE = Feature(
    name="survey",
    web=init_app,
    templates=messages.TEMPLATES,
    schedule=schedule,
    demo=demo.load_demo,
)
