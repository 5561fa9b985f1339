"""Templates of the health alerts: a watcher or job failing for a while, and back to normal."""

from __future__ import annotations

import datetime as dt

from collab.messages import Message, escape


def _duration(since: str, until: str) -> str:
    """ "12 min", "2 h 05", "moins d'une minute" between two ISO 8601 moments."""
    minutes = int(
        (dt.datetime.fromisoformat(until) - dt.datetime.fromisoformat(since)).total_seconds() // 60
    )
    if minutes < 1:
        return "moins d'une minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def down(payload: dict) -> Message:
    since = _duration(payload["since"], payload["at"])
    head = f"⚠️ {_capitalized(payload['label'])} échoue depuis {since}."
    error = f"Dernière erreur : {payload.get('error') or 'inconnue'}"
    action = "État détaillé : girou status, ou la page Gestion → État du service."
    body = "\n".join([head, error, action])
    html = (
        f"<p><strong>{escape(head)}</strong></p><p>{escape(error)}</p>"
        "<p>État détaillé : <code>girou status</code>, ou la page Gestion → État du service.</p>"
    )
    return Message(body, html)


def up(payload: dict) -> Message:
    text = (
        f"✅ {_capitalized(payload['label'])} fonctionne de nouveau, après "
        f"{_duration(payload['since'], payload['until'])} d'échecs."
    )
    return Message(text, f"<p>{escape(text)}</p>")


TEMPLATES = {"health.down": down, "health.up": up}
