"""The childcare tele-service's manifest: pages and API, secretariat messages and chat-ops, the
08:00 digest, the window-mode allocation and the retention jobs, the demo programme, the
families' residency kept in line with the territory file."""

from __future__ import annotations

from dataclasses import replace

from collab.feature import Jobs
from portal.childcare import chat, demo, families, messages, web
from portal.childcare.privacy import run_retention

RETENTION_HOUR = 3  # local time, when nobody registers


def schedule(jobs: Jobs) -> None:
    chat.schedule(jobs)
    # Children's data anonymised after its period; old sent mails and notifications deleted.
    jobs.cron(
        "childcare-retention", run_retention, args=(jobs.settings,), hour=RETENTION_HOUR, minute=30
    )


FEATURE = replace(
    chat.CHAT,
    name="childcare",
    web=web.init_app,
    templates=messages.TEMPLATES,
    schedule=schedule,
    demo=demo.load_demo,
    territory_applied=families.refresh_residency,
)
