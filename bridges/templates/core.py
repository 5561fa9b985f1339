"""Templates of the delivery itself: bot replies, webhooks, `girou notify`, digests, alerts."""

from __future__ import annotations

from bridges.templates import Message, escape

# How a digest names the notifications it gathers; other kinds are named by their key.
KIND_LABELS = {
    "hook": "webhook",
    "notice": "annonce",
    "agenda.created": "nouvel événement",
    "agenda.changed": "événement modifié",
    "agenda.cancelled": "événement annulé",
    "agenda.reminder": "rappel",
    "docs.created": "nouveau document",
    "docs.changed": "document modifié",
}


def text_as_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _text(payload: dict) -> Message:
    """A message whose author wrote the text (and maybe the HTML) themselves."""
    text = str(payload.get("text") or "")
    html = payload.get("html") or text_as_html(text)
    return Message(text, html, tuple(payload.get("mentions") or ()))


def digest(payload: dict) -> Message:
    count = int(payload["count"])
    label = KIND_LABELS.get(payload["kind"], payload["kind"])
    items = [str(item) for item in payload.get("items", [])]
    rest = count - len(items)
    intro = f"{count} notifications « {label} » en moins d'une minute, regroupées ici"
    lines = [intro + (" ; les premières :" if rest > 0 else " :")]
    lines += [f"• {item}" for item in items]
    html = [f"<p><strong>{escape(intro)}</strong>{' ; les premières :' if rest > 0 else ' :'}</p>"]
    html.append("<ul>" + "".join(f"<li>{text_as_html(item)}</li>" for item in items) + "</ul>")
    if rest > 0:
        more = f"… et {rest} autre{'s' if rest > 1 else ''}."
        lines.append(more)
        html.append(f"<p>{escape(more)}</p>")
    return Message("\n".join(lines), "".join(html))


def dead_letter(payload: dict) -> Message:
    number = payload["outbox_id"]
    head = (
        f"⚠️ Notification non distribuée après {payload.get('attempts', '?')} tentatives : "
        f"n° {number}, type « {payload['kind']} », salon « {payload['room_key']} »."
    )
    error = f"Dernière erreur : {payload.get('last_error') or 'inconnue'}"
    action = f"Pour la relancer : girou outbox retry {number}"
    body = "\n".join([head, error, action])
    html = (
        f"<p><strong>{escape(head)}</strong></p><p>{escape(error)}</p>"
        f"<p>Pour la relancer : <code>girou outbox retry {escape(number)}</code></p>"
    )
    return Message(body, html)


TEMPLATES = {
    "reply": _text,
    "hook": _text,
    "notice": _text,
    "digest": digest,
    "dead_letter": dead_letter,
}
