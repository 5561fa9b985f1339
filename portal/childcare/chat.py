"""Childcare chat-ops in the secretariat room: ✅/❌ on request alerts, !valider, !refuser,
!inscriptions, !places; the 08:00 digest and the window-mode allocation job.

❌ asks for the reason in the alert's thread: the next message of that secretary in the thread
(`on_thread_reply`, routed by the thread root's outbox row) or `!refuser N motif` gives it.
The open question is a RefusalPrompt row, closed in the same transaction as the refusal, and
the router records each event with its effect: a reason is used exactly once.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from collab import outbox
from collab.chat import (
    REFUSE,
    VALIDATE,
    Command,
    Context,
    Permission,
    Refusal,
    UsageError,
    decision_commands,
)
from collab.config import Settings
from collab.db import job_transaction, utcnow
from collab.feature import Feature, Jobs
from collab.messages import escape
from portal.childcare import booking
from portal.childcare.allocation import allocate_due_periods
from portal.childcare.completeness import file_completeness
from portal.childcare.digest import enqueue_digest
from portal.childcare.errors import ChildcareError
from portal.childcare.models import (
    PENDING,
    Activity,
    ActivitySession,
    Centre,
    RefusalPrompt,
    Registration,
)
from portal.childcare.notify import ROOM
from portal.childcare.programme import age_on, describe_session, find_centre, french_moment

ROOMS = frozenset({ROOM})
STAFF = Permission(
    roles=frozenset({"secretaire"}),
    instances=frozenset({"petite-enfance"}),
    description="au secrétariat et à la commission petite enfance",
)
ALERT_KINDS = ("childcare.request", "childcare.promoted")
PROMPT_KIND = "childcare.reason_prompt"
MAX_LINES = 20
ALLOCATION_CHECK_SECONDS = 60
DIGEST_HOUR = 8


def _tz(ctx: Context) -> ZoneInfo:
    return ctx.settings.timezone


def _close_prompts(ctx: Context, registration_id: int) -> None:
    ctx.db.execute(
        update(RefusalPrompt)
        .where(RefusalPrompt.registration_id == registration_id, RefusalPrompt.closed_at.is_(None))
        .values(closed_at=utcnow())
    )


# --- validate / refuse -----------------------------------------------------------------------
def validate(ctx: Context, registration_id: int) -> None:
    try:
        registration = booking.confirm(ctx.db, registration_id, ctx.sender_name, tz=_tz(ctx))
    except ChildcareError as exc:
        raise Refusal(exc.message) from exc
    _close_prompts(ctx, registration_id)
    ctx.reply(
        f"✅ Demande n° {registration.id} validée (famille {registration.family.name}) par "
        f"{ctx.sender_name}. La famille est prévenue par e-mail."
    )


def refuse(ctx: Context, registration_id: int, reason: str) -> None:
    try:
        registration = booking.refuse(ctx.db, registration_id, reason, ctx.sender_name, tz=_tz(ctx))
    except ChildcareError as exc:
        raise Refusal(exc.message) from exc
    _close_prompts(ctx, registration_id)
    ctx.reply(
        f"❌ Demande n° {registration.id} refusée (famille {registration.family.name}) par "
        f"{ctx.sender_name}. Motif transmis à la famille : « {registration.reason} ». Les places "
        "libérées passent aux demandes en liste d’attente."
    )


def on_reaction(ctx: Context, message: outbox.OutboxMessage, key: str) -> None:
    """✅ validates the request of the alert; ❌ asks its author for the reason, in the thread."""
    registration_id = int(message.payload["id"])
    if key == VALIDATE:
        validate(ctx, registration_id)
        return
    if key != REFUSE:
        return
    registration = ctx.db.get(Registration, registration_id)
    if registration is None:
        ctx.reply(f"Aucune demande n° {registration_id}.")
        return
    if registration.status not in (PENDING, "waitlisted"):
        ctx.reply(booking.state_error(registration, "refuser").message)
        return
    already = ctx.db.scalars(
        select(RefusalPrompt.id).where(
            RefusalPrompt.registration_id == registration_id,
            RefusalPrompt.secretary == ctx.sender,
            RefusalPrompt.closed_at.is_(None),
        )
    ).first()
    if already is not None:
        return  # the question is already asked in the thread
    ctx.db.add(
        RefusalPrompt(
            registration_id=registration_id,
            secretary=ctx.sender,
            alert_event_id=message.event_id or "",
        )
    )
    outbox.enqueue(
        ctx.db,
        kind=PROMPT_KIND,
        room_key=ctx.room_key or ctx.room_id,
        payload={
            "id": registration_id,
            "family": registration.family.name,
            "in_reply_to": message.event_id,
            "thread_root": message.event_id,
            "mentions": [ctx.sender],
        },
        source_id=f"{PROMPT_KIND}:{ctx.event_id}",
    )


def on_thread_reply(ctx: Context, message: outbox.OutboxMessage, text: str) -> None:
    """A message in the thread of a request alert (or of the bot's question): if its sender
    was asked for a refusal reason there, it is the reason. Other messages are conversation."""
    registration_id = int(message.payload["id"])
    root = message.payload.get("thread_root") if message.kind == PROMPT_KIND else message.event_id
    prompt = ctx.db.scalars(
        select(RefusalPrompt)
        .where(
            RefusalPrompt.registration_id == registration_id,
            RefusalPrompt.secretary == ctx.sender,
            RefusalPrompt.closed_at.is_(None),
            RefusalPrompt.alert_event_id == (root or ""),
        )
        .with_for_update()
    ).first()
    if prompt is None or not text.strip():
        return
    refuse(ctx, registration_id, text.strip())


# What each alert kind does with a message in its thread (see on_thread_reply).
THREAD_REPLIES = {kind: on_thread_reply for kind in (*ALERT_KINDS, PROMPT_KIND)}


# --- lists -----------------------------------------------------------------------------------
def _centre_argument(ctx: Context, args: list[str]) -> Centre | None:
    if not args:
        return None
    centre = find_centre(ctx.db, " ".join(args))
    if centre is None:
        known = ", ".join(
            f"{c.key} ({c.name})" for c in ctx.db.scalars(select(Centre).order_by(Centre.key))
        )
        raise UsageError(f"Centre inconnu : « {' '.join(args)} ». Centres : {known}.")
    return centre


def list_pending(ctx: Context, args: list[str]) -> None:
    """!inscriptions [centre]: requests to validate and on waiting lists, oldest first."""
    centre = _centre_argument(ctx, args)
    registrations = booking.pending_validation(ctx.db, centre.key if centre else None)
    where = f" — {centre.name}" if centre else ""
    if not registrations:
        text = f"Aucune demande en attente{where}."
        ctx.reply(text + _window_note(ctx))
        return
    title = f"{len(registrations)} demande(s) en attente{where} :"
    lines, items = [], []
    for registration in registrations[:MAX_LINES]:
        sessions = [line.session for line in registration.lines]
        first = min(session.date for session in sessions)
        state = (
            "places réservées, à valider"
            if registration.status == PENDING
            else f"liste d’attente, rang {registration.waitlist_rank}"
        )
        missing = file_completeness(ctx.db, registration.family)
        file_state = "dossier complet" if not missing else f"dossier incomplet ({len(missing)})"
        text = (
            f"n° {registration.id} — famille {registration.family.name}, enfant de "
            f"{age_on(registration.child.birth_date, first)} ans — {registration.period.name}, "
            f"{len(sessions)} séance(s) dès le {describe_session(sessions[0])} — {state} — "
            f"{file_state}"
        )
        lines.append(f"• {text}")
        items.append(f"<li>{escape(text)}</li>")
    rest = len(registrations) - MAX_LINES
    tail = f"… et {rest} autre(s)." if rest > 0 else ""
    footer = "!valider N pour valider, !refuser N motif pour refuser."
    ctx.reply(
        "\n".join([title, *lines, tail, footer]).replace("\n\n", "\n") + _window_note(ctx),
        f"<p><b>{escape(title)}</b></p><ul>{''.join(items)}</ul>"
        + (f"<p>{escape(tail)}</p>" if tail else "")
        + f"<p><i>{escape(footer)}</i></p>",
    )


def _window_note(ctx: Context) -> str:
    return "".join(
        f"\n{period.name} : {count} demande(s) recueillie(s), attribution automatique le "
        f"{french_moment(period.closes_at, _tz(ctx))}."
        for period, count in booking.awaiting_allocation(ctx.db)
    )


def list_places(ctx: Context, args: list[str]) -> None:
    """!places [centre]: remaining places of the coming sessions."""
    centre = _centre_argument(ctx, args)
    today = dt.datetime.now(_tz(ctx)).date()
    query = (
        select(ActivitySession)
        .join(Activity, Activity.id == ActivitySession.activity_id)
        .where(ActivitySession.date >= today)
        .order_by(Activity.centre_key, ActivitySession.date, ActivitySession.slot)
    )
    if centre:
        query = query.where(Activity.centre_key == centre.key)
    sessions = list(ctx.db.scalars(query.limit(MAX_LINES + 1)).unique())
    where = f" — {centre.name}" if centre else ""
    if not sessions:
        ctx.reply(f"Aucune séance à venir{where}.")
        return
    title = f"Places restantes des prochaines séances{where} :"
    lines, items, current = [], [], None
    for session in sessions[:MAX_LINES]:
        activity = session.activity
        if activity.centre_key != current:
            current = activity.centre_key
            lines.append(activity.centre.name)
            items.append(f"</ul><p><b>{escape(activity.centre.name)}</b></p><ul>")
        waiting = (
            f", {session.waitlist_length} en liste d’attente" if session.waitlist_length else ""
        )
        text = (
            f"{describe_session(session)} — {activity.title} ({activity.age_min}-"
            f"{activity.age_max} ans) : {session.remaining}/{session.capacity} places{waiting}"
        )
        lines.append(f"• {text}")
        items.append(f"<li>{escape(text)}</li>")
    more = " (liste tronquée : précisez un centre)" if len(sessions) > MAX_LINES else ""
    ctx.reply(
        "\n".join([title + more, *lines]),
        f"<p>{escape(title + more)}</p><ul>{''.join(items)}</ul>".replace("<ul></ul>", ""),
    )


# --- scheduled jobs --------------------------------------------------------------------------
def send_daily_digest(settings: Settings) -> bool:
    """The 08:00 digest (persistent job: opens its own transaction)."""
    with job_transaction(settings) as db:
        return enqueue_digest(db, tz=settings.timezone)


def schedule(jobs: Jobs) -> None:
    jobs.cron(
        "childcare-digest", send_daily_digest, args=(jobs.settings,), hour=DIGEST_HOUR, minute=0
    )
    jobs.every(
        "childcare-allocation",
        ALLOCATION_CHECK_SECONDS,
        allocate_due_periods,
        args=(jobs.sessions,),
        kwargs={
            "public_url": jobs.settings.public_url("portal"),
            "tz": jobs.settings.timezone,
        },
    )


# The chat part of the feature's manifest (feature.py).
CHAT = Feature(
    commands=(
        *decision_commands(
            "demande",
            validate,
            refuse,
            summaries=(
                "Valider la demande d’inscription n° N",
                "Refuser la demande n° N (le motif est envoyé à la famille)",
            ),
            permission=STAFF,
            rooms=ROOMS,
        ),
        Command(
            name="inscriptions",
            usage="!inscriptions [centre]",
            summary="Les demandes en attente (de validation ou en liste d’attente)",
            handler=list_pending,
            permission=STAFF,
            rooms=ROOMS,
        ),
        Command(
            name="places",
            usage="!places [centre]",
            summary="Les places restantes des prochaines séances",
            handler=list_places,
            permission=STAFF,
            rooms=ROOMS,
        ),
    ),
    reactions={kind: on_reaction for kind in ALERT_KINDS},
    thread_replies=THREAD_REPLIES,
    reaction_permission=STAFF,
)
