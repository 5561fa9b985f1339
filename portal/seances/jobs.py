"""The séances' jobs in the bots process: the calendar events of each version (the instance's
calendar and each recipient's own), the proof of delivery read back from the outbox and the
mail queue, and the reminders (J-2 to members who have not answered, H-2 to all)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from collab import credentials, dav_access, outbox
from collab.caldav import DavAgenda, DavError
from collab.db import utcnow
from collab.feature import Jobs
from collab.outbox import OutboxMessage
from collab.territory import Territory, load_territory
from portal.mail import QueuedMail
from portal.seances import documents, service
from portal.seances.models import CANCELLED, SENT, Recipient, Seance

log = logging.getLogger("girou.seances")

CALENDAR_SECONDS = 2.0
PROOF_SECONDS = 2.0
REMINDER_SECONDS = 60.0
REMINDER_KIND = "seances.reminder"
REMINDERS = (("J-2", dt.timedelta(days=2)), ("H-2", dt.timedelta(hours=2)))


def write_calendars(
    sessions: sessionmaker, settings, territory: Territory, agenda: DavAgenda
) -> int:
    """Write the events of the séances whose recipients lack this version's; how many."""
    with sessions() as db:
        pending = db.execute(
            select(Seance.id, Recipient.id, Recipient.localpart)
            .join(Recipient, Recipient.seance_id == Seance.id)
            .where(Seance.status.in_((SENT, CANCELLED)), Recipient.calendar_at.is_(None))
            .order_by(Seance.id, Recipient.id)
        ).all()
        if not pending:
            return 0
        objects: dict[int, tuple[str, bytes]] = {}
        for seance_id in {row[0] for row in pending}:
            seance = db.get(Seance, seance_id)
            objects[seance_id] = (
                seance.instance,
                documents.calendar_object(
                    settings, territory, seance, cancel=seance.status == CANCELLED
                ),
                documents.event_uid(settings, seance),
            )
    written = 0
    done_instances: set[int] = set()
    for seance_id, recipient_id, localpart in pending:
        instance, calendar, uid = objects[seance_id]
        try:
            if seance_id not in done_instances:
                agenda.put_event(dav_access.group_collection_path(instance), uid, calendar)
                done_instances.add(seance_id)
            agenda.ensure_calendar(dav_access.personal_calendar_path(localpart), "Agenda personnel")
            agenda.put_event(dav_access.personal_calendar_path(localpart), uid, calendar)
        except (DavError, OSError) as exc:
            log.warning("séance %d: calendar of %s not written yet: %s", seance_id, localpart, exc)
            continue
        with sessions.begin() as db:
            db.execute(
                update(Recipient).where(Recipient.id == recipient_id).values(calendar_at=utcnow())
            )
        written += 1
    return written


def record_delivery(sessions: sessionmaker) -> int:
    """Copy when the homeserver accepted each convocation and the SMTP server each mail."""
    with sessions.begin() as db:
        rows = db.execute(
            select(Recipient.id, OutboxMessage.sent_at)
            .join(OutboxMessage, OutboxMessage.source_id == Recipient.matrix_source_id)
            .where(Recipient.matrix_delivered_at.is_(None), OutboxMessage.status == outbox.SENT)
        ).all()
        for recipient_id, at in rows:
            db.execute(
                update(Recipient).where(Recipient.id == recipient_id).values(matrix_delivered_at=at)
            )
        mails = db.execute(
            select(Recipient.id, QueuedMail.sent_at)
            .join(QueuedMail, QueuedMail.id == Recipient.mail_id)
            .where(Recipient.mail_delivered_at.is_(None), QueuedMail.sent_at.is_not(None))
        ).all()
        for recipient_id, at in mails:
            db.execute(
                update(Recipient).where(Recipient.id == recipient_id).values(mail_delivered_at=at)
            )
        return len(rows) + len(mails)


def send_reminders(
    sessions: sessionmaker, settings, territory: Territory, now: dt.datetime | None = None
) -> int:
    """J-2 to the members who have not answered, H-2 to all: once each (the outbox's source
    id), recorded in the proof log."""
    now = now or utcnow()
    sent = 0
    with sessions.begin() as db:
        soon = db.scalars(
            select(Seance).where(
                Seance.status == SENT,
                Seance.starts_at > now,
                Seance.starts_at <= now + REMINDERS[0][1],
            )
        ).all()
        for seance in soon:
            instance = service.instance_of(territory, seance)
            for which, before in REMINDERS:
                if seance.starts_at - before > now:
                    continue
                if which == "J-2":
                    to = service.unanswered(territory, seance)
                    if seance.starts_at - REMINDERS[1][1] <= now:
                        continue  # H-2 already due: one reminder is enough
                else:
                    to = sorted(service.members_in_office(territory, seance))
                if not to:
                    continue
                names = {p.localpart: p.name for p in territory.people}
                if outbox.enqueue(
                    db,
                    kind=REMINDER_KIND,
                    room_key=instance.room_key,
                    payload={
                        "which": which,
                        "instance": instance.name,
                        "when": service.when_fr(seance, settings.timezone),
                        "place": seance.place,
                        "names": [names.get(lp, lp) for lp in to],
                        "member_ids": [f"@{lp}:{settings.server_name}" for lp in to],
                    },
                    source_id=f"seance:{seance.id}:v{seance.version}:{which}",
                ):
                    service.record_reminder(db, seance, which, to)
                    sent += 1
    return sent


def schedule(jobs: Jobs) -> None:
    settings = jobs.settings
    # As the bots' runner reads them (the scheduler's Jobs carry settings and sessions only).
    territory = load_territory(settings.territory_path(Path.cwd()))
    secrets = credentials.load_secrets(settings.home)
    agenda = DavAgenda(
        settings.url("caldav"), settings.get("matrix", "bot_localpart"), secrets.bot_password
    )
    jobs.on_shutdown(agenda.close)
    jobs.every("seances-proof", PROOF_SECONDS, record_delivery, args=(jobs.sessions,))
    jobs.every(
        "seances-reminders",
        REMINDER_SECONDS,
        send_reminders,
        args=(jobs.sessions, settings, territory),
    )
    jobs.every(
        "seances-calendars",
        CALENDAR_SECONDS,
        write_calendars,
        args=(jobs.sessions, jobs.settings, territory, agenda),
    )


def record_receipts(db, receipts: list) -> int:
    """A member's read receipt on their convocation, or on a later message of the bot in the
    same room (receipts only move forward), proves it read; how many recipients it proved."""
    proved = 0
    for receipt in receipts:
        localpart = receipt.user_id[1:].split(":", 1)[0]
        read = db.scalar(
            select(OutboxMessage).where(
                OutboxMessage.event_id == receipt.event_id,
                OutboxMessage.room_id == receipt.room_id,
            )
        )
        if read is None or read.sent_at is None:
            continue  # a member's own message: where it stands is not known here
        pending = db.execute(
            select(Recipient.id)
            .join(OutboxMessage, OutboxMessage.source_id == Recipient.matrix_source_id)
            .where(
                Recipient.localpart == localpart,
                Recipient.matrix_read_at.is_(None),
                OutboxMessage.room_id == receipt.room_id,
                OutboxMessage.sent_at <= read.sent_at,
            )
        ).all()
        at = dt.datetime.fromtimestamp(receipt.timestamp_ms / 1000, dt.UTC).replace(tzinfo=None)
        for (recipient_id,) in pending:
            db.execute(
                update(Recipient).where(Recipient.id == recipient_id).values(matrix_read_at=at)
            )
            proved += 1
    return proved
