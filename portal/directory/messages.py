"""Templates of the directory's moderation: a new proposal, a decision taken on the web."""

from __future__ import annotations

from collab.messages import Message, escape


def submission(payload: dict) -> Message:
    number = payload["id"]
    what = (
        f"proposition de modification n° {number} de la fiche « {payload['change_of']} »"
        if payload.get("change_of")
        else f"nouvelle proposition n° {number}"
    )
    facts = f"{payload['kind']} · {payload['category']} · {payload['commune']}"
    who = f"{payload['submitter']} <{payload['submitter_email']}>"
    action = f"Publier : ✅ ou !valider {number} — Refuser : ❌ ou !refuser {number} motif"
    lines = [
        f"Annuaire : {what} — « {payload['name']} » ({facts}), de {who}.",
        str(payload.get("description") or ""),
    ]
    if payload.get("note"):
        lines.append(f"Message : {payload['note']}")
    lines += [action, f"Détail : {payload['url']}"]
    html = (
        f"<p><strong>Annuaire : {escape(what)}</strong> — « {escape(payload['name'])} » "
        f"({escape(facts)}), de {escape(who)}.</p>"
        f"<blockquote>{escape(payload.get('description') or '')}</blockquote>"
    )
    if payload.get("note"):
        html += f"<p>Message : {escape(payload['note'])}</p>"
    html += (
        f"<p>Publier : ✅ ou <code>!valider {escape(number)}</code> — Refuser : ❌ ou "
        f"<code>!refuser {escape(number)} motif</code></p>"
        f'<p><a href="{escape(payload["url"])}">Voir la proposition sur le portail</a></p>'
    )
    return Message("\n".join(line for line in lines if line), html)


def decision(payload: dict) -> Message:
    text = (
        f"Annuaire : la proposition n° {payload['id']} (« {payload['name']} ») a été "
        f"{payload['decision']} par {payload['decided_by']} sur le portail."
    )
    html = f"<p>{escape(text)}</p>"
    if payload.get("reason"):
        text += f"\nMotif : {payload['reason']}"
        html += f"<p>Motif : {escape(payload['reason'])}</p>"
    if payload.get("url"):
        text += f"\n{payload['url']}"
        html += f'<p><a href="{escape(payload["url"])}">Voir la fiche publiée</a></p>'
    return Message(text, html)


TEMPLATES = {
    "directory.submission": submission,
    "directory.decision": decision,
}
