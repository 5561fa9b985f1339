"""The weekly digest: each official who wants it (and has an address) gets, on Monday at 7:00
territory time, what every feature's panel holds that is new or coming; nothing when nothing is.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from collab import credentials
from collab.config import Settings
from collab.db import job_transaction, utcnow
from collab.feature import HomePanels, HomeRequest, Jobs, Panel
from collab.territory import Person, Territory, load_territory
from portal.mail import queue_mail
from portal.officials import panels
from portal.officials.models import profile_of
from portal.officials.services import HomeServices

log = logging.getLogger("girou.portal.officials")

DIGEST_JOB = "officials-weekly-digest"
# A digest sent less than this long ago is not sent again (a job run again by hand, a catch-up
# after a restart on the same Monday).
MIN_INTERVAL = dt.timedelta(days=6)
FIRST_LOOK_BACK = dt.timedelta(days=7)


def schedule(jobs: Jobs) -> None:
    # Persistent cron job: a Monday missed while the bots were down runs once when they are
    # back (within [bots] misfire_grace_seconds), as the other jobs.
    jobs.cron(
        DIGEST_JOB,
        send_weekly_digests,
        args=(jobs.settings, jobs.officials_home),
        day_of_week="mon",
        hour=7,
        minute=0,
    )


def send_weekly_digests(settings: Settings, hooks: Iterable[HomePanels]) -> int:
    """The scheduled job: one transaction per official (their mail and its record); how many
    mails were queued."""
    hooks = tuple(hooks)
    territory = load_territory(settings.territory_path(Path.cwd()))
    secrets = credentials.load_secrets(settings.home)
    sent = 0
    with HomeServices(settings, secrets) as services:
        for person in territory.people:
            if not person.is_official:
                continue
            with job_transaction(settings) as db:
                sent += send_digest(db, person, territory, settings, services, hooks)
    log.info("weekly digest: %d mails queued", sent)
    return sent


def send_digest(
    db: Session,
    person: Person,
    territory: Territory,
    settings: Settings,
    services: HomeServices,
    hooks: Iterable[HomePanels],
    *,
    now: dt.datetime | None = None,
) -> bool:
    """Queue the person's digest in `db`'s transaction when there is something for them."""
    now = now or utcnow()
    profile = profile_of(db, person.localpart)
    address = profile.email or person.email
    if not profile.digest or not address:
        return False
    if profile.digest_sent_at is not None and now - profile.digest_sent_at < MIN_INTERVAL:
        return False
    since = profile.digest_sent_at or now - FIRST_LOOK_BACK
    request = HomeRequest(
        person=person,
        territory=territory,
        settings=settings,
        now=now,
        since=since,
        base_url=settings.public_url("portal"),
        services=services,
    )
    found = panels.collect(db, request, hooks)
    profile.digest_sent_at = now  # this week is looked at, sent or not
    db.add(profile)
    if not found:
        return False
    queue_mail(
        db,
        address,
        f"Votre semaine — {territory.short_name}",
        digest_text(person, territory, found, request.base_url),
    )
    return True


def digest_text(person: Person, territory: Territory, found: list[Panel], base_url: str) -> str:
    lines = [
        f"Bonjour {person.name},",
        "",
        f"Voici ce qui vous attend cette semaine dans l’espace des élus — {territory.short_name}.",
    ]
    for panel in found:
        lines += ["", panel.title, "-" * len(panel.title)]
        for item in panel.items:
            line = f"- {item.text}"
            if item.detail:
                line += f" ({item.detail})"
            if item.url:
                line += f" : {item.url}"
            lines.append(line)
    lines += [
        "",
        f"Votre espace : {base_url}/espace-elus",
        f"Ne plus recevoir cette lettre : {base_url}/espace-elus/coordonnees",
    ]
    return "\n".join(lines) + "\n"
