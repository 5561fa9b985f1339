"""Templates of the delivery itself: bot replies, webhooks, `girou notify`, digests, alerts
(a notification or a mail that could not be delivered).

It also says how a burst of one kind in one room (more than `bridges.digest_threshold`
within a minute) reaches the room: a template declares it with `gathered(...)`, next to it.
"""

from __future__ import annotations

from collab.messages import (
    FULL,
    NEVER,
    DigestRule,
    Message,
    escape,
    gathered,
    text_as_html,
)

# How a digest names the kinds of the templates that do not (the other modules').
KIND_LABELS = {
    "agenda.created": "nouvel événement",
    "agenda.changed": "événement modifié",
    "agenda.cancelled": "événement annulé",
    "agenda.reminder": "rappel",
    "docs.created": "nouveau document",
    "docs.changed": "document modifié",
}


def kind_label(payload: dict) -> str:
    """How a digest names its kind: the label its template declares (put in the digest's payload
    by the delivery), else the one here, else the kind itself."""
    return payload.get("label") or KIND_LABELS.get(payload["kind"], payload["kind"])


def _text(payload: dict) -> Message:
    """A message whose author wrote the text (and maybe the HTML) themselves."""
    text = str(payload.get("text") or "")
    html = payload.get("html") or text_as_html(text)
    return Message(text, html, tuple(payload.get("mentions") or ()))


@gathered(NEVER)
def reply(payload: dict) -> Message:
    """The bot's answer to a command or a reaction: it answers one person."""
    return _text(payload)


@gathered(FULL, label="webhook")
def hook(payload: dict) -> Message:
    return _text(payload)


@gathered(FULL, label="annonce")
def notice(payload: dict) -> Message:
    """`girou notify`."""
    return _text(payload)


def _bullet(text: str) -> str:
    """A list item of a plain-text digest: continuation lines indented under the bullet."""
    return "• " + text.replace("\n", "\n  ")


@gathered(NEVER)
def digest(payload: dict) -> Message:
    """A burst of one kind: every notification (FULL) or the first few and a link (SUMMARY).

    Payloads written by bridges.delivery: `kind`, `count` (in this message), `items`, and for
    a burst split in several messages `total`, `part`, `parts`. A FULL item is the rendered
    notification (`body`, `html`); a SUMMARY item, one shortened line, with `link`.
    """
    count = int(payload["count"])
    label = kind_label(payload)
    items = payload.get("items", [])
    full = payload.get("mode") == FULL
    parts = int(payload.get("parts") or 1)
    total = int(payload.get("total") or count)
    intro = f"{total} notifications « {label} » en moins d'une minute, regroupées ici"
    if parts > 1:
        part = payload["part"]
        intro += f" en {parts} messages ; message {part} sur {parts}, {count} d'entre elles"
    rest = 0 if full else count - len(items)
    tail = " ; les premières :" if rest > 0 else " :"
    lines = [intro + tail]
    html = [f"<p><strong>{escape(intro)}</strong>{escape(tail)}</p>"]
    if full:
        lines += [_bullet(item["body"]) for item in items]
        html.append("<ul>" + "".join(f"<li>{item['html']}</li>" for item in items) + "</ul>")
    else:
        lines += [_bullet(str(item)) for item in items]
        html.append("<ul>" + "".join(f"<li>{text_as_html(item)}</li>" for item in items) + "</ul>")
    if rest > 0:
        more = f"… et {rest} autre{'s' if rest > 1 else ''}."
        lines.append(more)
        html.append(f"<p>{escape(more)}</p>")
    if payload.get("link"):
        link, words = payload["link"], payload.get("link_text") or DigestRule.link_text
        lines.append(f"{words} : {link}")
        html.append(f'<p><a href="{escape(link)}">{escape(words)}</a></p>')
    mentions = tuple(payload.get("mentions") or ())
    return Message("\n".join(lines), "".join(html), mentions)


@gathered(NEVER)
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


@gathered(FULL, label="courriel abandonné")
def mail_dead(payload: dict) -> Message:
    """A mail given up by portal.mail: no subject, which may name a child (the room is not
    the secretariat's)."""
    number, attempts = payload["mail_id"], payload.get("attempts", "?")
    if payload.get("permanent"):
        why = "le serveur de messagerie l’a refusé définitivement"
    else:
        since = str(payload.get("refused_since") or "?").replace("T", " à ")
        why = f"le serveur de messagerie le refuse depuis le {since} (UTC)"
    head = (
        f"⚠️ Courriel non distribué : n° {number}, à {payload['recipient']}, après {attempts} "
        f"essai{'s' if attempts != 1 else ''} ; {why}."
    )
    error = f"Dernière réponse : {payload.get('last_error') or 'inconnue'}"
    action = "Il ne sera plus envoyé, sauf s’il est relancé par l’équipe technique."
    body = "\n".join([head, error, action])
    html = f"<p><strong>{escape(head)}</strong></p><p>{escape(error)}</p><p>{escape(action)}</p>"
    return Message(body, html)


TEMPLATES = {
    "reply": reply,
    "hook": hook,
    "notice": notice,
    "digest": digest,
    "dead_letter": dead_letter,
    "mail.dead": mail_dead,
}
