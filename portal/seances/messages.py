"""Séances messages in an instance's room: the convocation addressed to one member (with a
mention, so their client notifies them), the notice to the room, the reminders."""

from __future__ import annotations

from collab.messages import NEVER, Message, escape, gathered

HOW_TO_ANSWER = (
    "Répondez par une réaction : 👍 présent, 💻 à distance, 👎 absent — ou !présent, "
    "!distance, !absent, !pouvoir Prénom Nom, !suppléant"
)


def _agenda(payload: dict) -> tuple[list[str], str]:
    lines = list(payload.get("agenda") or [])
    html = "".join(f"<li>{escape(line.strip())}</li>" for line in lines)
    return lines, f"<ol>{html}</ol>" if html else ""


@gathered(NEVER)
def convocation(payload: dict) -> Message:
    head = f"Convocation — {payload['instance']}, séance du {payload['when']}, {payload['place']}"
    if payload.get("changes"):
        head = (
            f"Convocation modifiée (version {payload['version']}) — {payload['instance']}, "
            f"séance du {payload['when']}, {payload['place']}"
        )
    lines, agenda_html = _agenda(payload)
    text = [f"{payload['name']} : {head}"]
    html = [
        f'<p><a href="https://matrix.to/#/{escape(payload["member_id"])}">'
        f"{escape(payload['name'])}</a> : <b>{escape(head)}</b></p>"
    ]
    if payload.get("changes"):
        text.append("Ce qui change : " + " ; ".join(payload["changes"]))
        html.append(f"<p>Ce qui change : {escape(' ; '.join(payload['changes']))}</p>")
    if payload.get("urgency"):
        text.append(f"Convocation en urgence : {payload['urgency']}")
        html.append(f"<p>Convocation en urgence : {escape(payload['urgency'])}</p>")
    text += ["Ordre du jour :", *lines, HOW_TO_ANSWER, f"Ou sur le portail : {payload['link']}"]
    html += [
        "<p>Ordre du jour :</p>",
        agenda_html,
        f"<p>{escape(HOW_TO_ANSWER)}</p>",
        f'<p><a href="{escape(payload["link"])}">Répondre sur le portail</a></p>',
    ]
    return Message("\n".join(text), "".join(html), mentions=(payload["member_id"],))


@gathered(NEVER)
def notice(payload: dict) -> Message:
    if payload.get("cancelled"):
        text = (
            f"Séance annulée — {payload['instance']} du {payload['when']} : {payload['cancelled']}"
        )
        return Message(text, f"<p><b>{escape(text)}</b></p>")
    title = f"{payload['instance']} : séance du {payload['when']}, {payload['place']}"
    if payload.get("changes"):
        title = f"Nouvelle version ({payload['version']}) — {title}"
    lines, agenda_html = _agenda(payload)
    text = [
        title,
        "Chaque membre reçoit sa convocation ci-dessous et par e-mail.",
        *lines,
        f"Documents : {payload['folder']}",
        "!quorum pour le décompte des réponses",
    ]
    html = [
        f"<p><b>{escape(title)}</b></p>",
        "<p>Chaque membre reçoit sa convocation ci-dessous et par e-mail.</p>",
        agenda_html,
        f'<p><a href="{escape(payload["folder"])}">Documents de la séance</a></p>',
        "<p><code>!quorum</code> pour le décompte des réponses</p>",
    ]
    if payload.get("changes"):
        text.insert(1, "Ce qui change : " + " ; ".join(payload["changes"]))
        html.insert(1, f"<p>Ce qui change : {escape(' ; '.join(payload['changes']))}</p>")
    return Message("\n".join(text), "".join(html))


@gathered(NEVER)
def reminder(payload: dict) -> Message:
    ids = tuple(payload.get("member_ids") or ())
    who = ", ".join(payload.get("names") or [])
    text = f"Rappel — {payload['instance']}, séance du {payload['when']}, {payload['place']}"
    if payload.get("which") == "J-2":
        text += f". Réponse attendue de : {who}. {HOW_TO_ANSWER}"
    else:
        text += ". La séance commence dans deux heures."
    return Message(text, f"<p>{escape(text)}</p>", mentions=ids)


TEMPLATES = {
    "seances.convocation": convocation,
    "seances.notice": notice,
    "seances.reminder": reminder,
}
