"""Sends the mails the portal queued (receipts, moderation answers): a few every second, rather
than many at once every few seconds (the portal's workers share the CPU and the database). A
mail the SMTP server refuses for good, or for too long, is given up and announced in the
moderation room (portal.mail)."""

from __future__ import annotations

from collab.feature import Feature, Jobs
from portal.mail import deliver_pending_mail

MAIL_INTERVAL_SECONDS = 1  # with deliver_pending_mail's limit: 20 mails a second at most


def schedule(jobs: Jobs) -> None:
    jobs.every(
        "mail-delivery",
        MAIL_INTERVAL_SECONDS,
        deliver_pending_mail,
        args=(jobs.sessions, jobs.settings),
    )


FEATURE = Feature(schedule=schedule)
