"""The daily re-import of the service-public.fr sheets from the configured sources."""

from __future__ import annotations

from collab.feature import Jobs
from portal.procedures.refresh import configured_sources, refresh_sources

JOB_ID = "dila-refresh"


def schedule(jobs: Jobs) -> None:
    if not configured_sources(jobs.settings):
        # No source any more: a job stored by an earlier configuration must not run again.
        jobs.forget(JOB_ID)
        return
    jobs.cron(
        JOB_ID,
        refresh_sources,
        args=(jobs.settings,),
        hour=jobs.settings.get("procedures", "refresh_hour"),
        minute=jobs.settings.get("procedures", "refresh_minute"),
    )
