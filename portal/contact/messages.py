"""Template of the contact form: a resident's message, posted in the room of its topic."""

from __future__ import annotations

from collab.messages import Message, escape, text_as_html


def message(payload: dict) -> Message:
    details = [payload["email"]]
    if payload.get("phone"):
        details.append(payload["phone"])
    if payload.get("commune_name"):
        details.append(payload["commune_name"])
    who = f"{payload['name']} ({', '.join(details)})"
    head = f"Message de contact — {payload['topic_label']} : de {who}"
    body = f"{head}\n\n{payload['message']}\n\nRépondre par courriel : {payload['email']}"
    html = (
        f"<p><strong>{escape(head)}</strong></p>"
        f"<blockquote>{text_as_html(payload['message'])}</blockquote>"
        f'<p>Répondre par courriel : <a href="mailto:{escape(payload["email"])}">'
        f"{escape(payload['email'])}</a></p>"
    )
    return Message(body, html)


TEMPLATES = {"contact.message": message}
