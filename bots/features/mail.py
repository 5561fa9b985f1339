"""Sends the mails the portal queued (receipts, moderation answers) every few seconds."""

from __future__ import annotations

from bots.router import Feature
from bots.scheduler import Jobs
from portal.mail import deliver_pending_mail

MAIL_INTERVAL_SECONDS = 5


def schedule(jobs: Jobs) -> None:
    jobs.every(
        "mail-delivery",
        MAIL_INTERVAL_SECONDS,
        deliver_pending_mail,
        args=(jobs.sessions, jobs.settings),
    )


FEATURE = Feature(schedule=schedule)
