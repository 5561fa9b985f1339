"""Templates of the survey: a submission announced in the Numérique instance's room, and the
invitation and reminder a secrétaire de mairie receives in a direct chat."""

from __future__ import annotations

import datetime as dt

from collab.french import date_fr
from collab.messages import Message, escape


def _closes(payload: dict) -> str:
    return date_fr(dt.date.fromisoformat(payload["closes_on"]))


def submitted(payload: dict) -> Message:
    again = " (après réouverture)" if payload.get("again") else ""
    text = (
        f"Enquête « {payload['campaign']} » : la mairie de {payload['commune']} a envoyé ses "
        f"réponses{again}. {payload['answered']} mairie(s) sur {payload['total']} ont répondu ; "
        f"clôture le {_closes(payload)}."
    )
    html = (
        f"<p>{escape(text)}</p>"
        f'<p><a href="{escape(payload["url"])}">Voir les résultats sur le portail</a></p>'
    )
    return Message(f"{text}\nRésultats : {payload['url']}", html)


def _to_mairie(payload: dict, opening: str) -> Message:
    text = (
        f"Bonjour {payload['name']}, {opening} Le lien de la mairie (à garder pour la mairie) : "
        f"{payload['url']}"
    )
    html = (
        f"<p>Bonjour {escape(payload['name'])}, {escape(opening)}</p>"
        f'<p><a href="{escape(payload["url"])}">Ouvrir le questionnaire de la mairie de '
        f"{escape(payload['commune'])}</a> (lien à garder pour la mairie)</p>"
    )
    return Message(text, html)


def invitation(payload: dict) -> Message:
    return _to_mairie(
        payload,
        f"le questionnaire « {payload['campaign']} » de la mairie de {payload['commune']} est "
        f"ouvert jusqu’au {_closes(payload)}.",
    )


def reminder(payload: dict) -> Message:
    return _to_mairie(
        payload,
        f"rappel : le questionnaire « {payload['campaign']} » se termine le {_closes(payload)} "
        f"et les réponses de la mairie de {payload['commune']} ne sont pas encore envoyées.",
    )


TEMPLATES = {
    "survey.submitted": submitted,
    "survey.invitation": invitation,
    "survey.reminder": reminder,
}
