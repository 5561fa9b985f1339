"""Agenda messages: new, changed and cancelled events, reminders; French dates in local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from collab.french import day_fr, describe_when, local, time_fr
from collab.messages import Message, escape

DEFAULT_TIMEZONE = "Europe/Paris"


def timezone(payload: dict) -> ZoneInfo:
    return ZoneInfo(payload.get("timezone") or DEFAULT_TIMEZONE)


def _summary(payload: dict) -> str:
    return payload.get("summary") or "(sans titre)"


def _event_message(title: str, payload: dict, extra: str = "") -> Message:
    tz = timezone(payload)
    when = describe_when(payload["start"], payload.get("end"), tz)
    location = payload.get("location") or ""
    summary = _summary(payload)
    body = f"{title} : {summary} — {when}" + (f" — {location}" if location else "")
    html = f"<b>{escape(title)}</b> : {escape(summary)}<br>{escape(when)}"
    html += f" — {escape(location)}" if location else ""
    if extra:
        body += f"\n{extra}"
        html += f"<br><i>{escape(extra)}</i>"
    return Message(body=body, html=html)


def created(payload: dict) -> Message:
    return _event_message("Nouvel événement", payload)


def changed(payload: dict) -> Message:
    previous = payload.get("previous") or {}
    before: list[str] = []
    if previous.get("summary") and previous["summary"] != payload.get("summary"):
        before.append(f"« {previous['summary']} »")
    if previous.get("start") and (previous["start"], previous.get("end")) != (
        payload["start"],
        payload.get("end"),
    ):
        before.append(describe_when(previous["start"], previous.get("end"), timezone(payload)))
    if previous and (previous.get("location") or "") != (payload.get("location") or ""):
        before.append(previous.get("location") or "sans lieu")
    extra = f"Auparavant : {', '.join(before)}" if before else ""
    return _event_message("Événement modifié", payload, extra)


def cancelled(payload: dict) -> Message:
    return _event_message("Événement annulé", payload)


def reminder(payload: dict) -> Message:
    """J-1: "Rappel : X demain à 10 h"; H-1: "Rappel : X dans une heure, à 10 h"."""
    tz = timezone(payload)
    start = local(payload["start"], tz)
    sent = local(payload.get("notified_at") or payload["start"], tz)
    summary = _summary(payload)
    if not isinstance(start, datetime):
        days = (start - sent.date()).days if isinstance(sent, datetime) else 1
        day = {0: "aujourd'hui", 1: "demain"}.get(days, f"le {day_fr(start)}")
        when = f"{day} (toute la journée)"
    elif payload.get("reminder") == "H-1":
        minutes = max(1, round((start - sent).total_seconds() / 60))
        soon = "dans une heure" if minutes >= 55 else f"dans {minutes} minutes"
        when = f"{soon}, à {time_fr(start)}"
    else:
        days = (start.date() - sent.date()).days
        day = {0: "aujourd'hui", 1: "demain"}.get(days, f"le {day_fr(start.date())}")
        when = f"{day} à {time_fr(start)}"
    location = payload.get("location") or ""
    body = f"Rappel : {summary} {when}" + (f" — {location}" if location else "")
    html = f"<b>Rappel</b> : {escape(summary)} {escape(when)}"
    html += f" — {escape(location)}" if location else ""
    return Message(body=body, html=html)


TEMPLATES = {
    "agenda.created": created,
    "agenda.changed": changed,
    "agenda.cancelled": cancelled,
    "agenda.reminder": reminder,
}
