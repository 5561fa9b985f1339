"""Scheduled retention of childcare data: children's data anonymised after its period, and the
sent mails and delivered notifications as old deleted (portal.childcare.privacy)."""

from __future__ import annotations

from collab.feature import Feature, Jobs
from portal.childcare.privacy import run_retention

RETENTION_HOUR = 3  # local time, when nobody registers


def schedule(jobs: Jobs) -> None:
    jobs.cron(
        "childcare-retention",
        run_retention,
        args=(jobs.settings,),
        hour=RETENTION_HOUR,
        minute=30,
    )


FEATURE = Feature(schedule=schedule)
