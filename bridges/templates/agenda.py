"""Agenda messages: new, changed and cancelled events, reminders; French dates in local time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bridges.templates import Message, escape

DEFAULT_TIMEZONE = "Europe/Paris"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(day: date) -> str:
    """A day in French: "mardi 30 mars 2027", "jeudi 1er avril 2027"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def french_time(moment: datetime) -> str:
    """A time of day in French: "10 h", "9 h 05"."""
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def local(value: str, tz: ZoneInfo) -> date | datetime:
    """A payload time ("2027-03-29" or an ISO moment) as a day or a local datetime."""
    if len(value) == 10:
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(tz)


def timezone(payload: dict) -> ZoneInfo:
    return ZoneInfo(payload.get("timezone") or DEFAULT_TIMEZONE)


def describe_when(start: str, end: str | None, tz: ZoneInfo) -> str:
    """When an event takes place: "le mardi 30 mars 2027 de 10 h à 12 h", "du … au …"."""
    first = local(start, tz)
    last = local(end, tz) if end else None
    if not isinstance(first, datetime):
        # DTEND of a day is exclusive.
        final = last - timedelta(days=1) if isinstance(last, date) else first
        if not isinstance(final, datetime) and final > first:
            return f"du {french_date(first)} au {french_date(final)}"
        return f"le {french_date(first)}"
    if not isinstance(last, datetime) or last <= first:
        return f"le {french_date(first.date())} à {french_time(first)}"
    if last.date() == first.date():
        return f"le {french_date(first.date())} de {french_time(first)} à {french_time(last)}"
    return (
        f"du {french_date(first.date())} à {french_time(first)} "
        f"au {french_date(last.date())} à {french_time(last)}"
    )


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
        day = {0: "aujourd'hui", 1: "demain"}.get(days, f"le {french_date(start)}")
        when = f"{day} (toute la journée)"
    elif payload.get("reminder") == "H-1":
        minutes = max(1, round((start - sent).total_seconds() / 60))
        soon = "dans une heure" if minutes >= 55 else f"dans {minutes} minutes"
        when = f"{soon}, à {french_time(start)}"
    else:
        days = (start.date() - sent.date()).days
        day = {0: "aujourd'hui", 1: "demain"}.get(days, f"le {french_date(start.date())}")
        when = f"{day} à {french_time(start)}"
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
