"""Childcare messages in the secretariat room (payloads built by portal.childcare.notify).

A burst of alerts about requests (an opening day) is summarised: the summary links to the
back-office list of exactly the requests it gathers, where each can be read and decided.
"""

from __future__ import annotations

from collections.abc import Iterable

from collab.messages import NEVER, SUMMARY, Message, escape, gathered

STATES = {
    "held": "place réservée",
    "waiting": "liste d’attente",
    "requested": "demandée",
    "released": "libérée",
}
HOW_TO = "✅ pour valider, ❌ pour refuser (ou !valider {n}, !refuser {n} motif)"


def _state(session: dict) -> str:
    if session.get("state") == "waiting":
        return f"liste d’attente, rang {session.get('rank')}"
    return STATES.get(session.get("state"), str(session.get("state")))


def _age(payload: dict) -> str:
    age = payload.get("child_age")
    return f"enfant de {age} an{'s' if age != 1 else ''}"


def _where(payload: dict) -> str:
    return ", ".join(payload.get("centres") or []) or "centre non précisé"


def _headline(payload: dict) -> str:
    """The situation in a few words: it is also the line of a digest."""
    sessions = payload.get("sessions") or []
    if payload.get("status") in ("cancelled", "refused"):
        return "places libérées"
    held = sum(1 for s in sessions if s.get("state") == "held")
    waiting = [s for s in sessions if s.get("state") == "waiting"]
    if payload.get("status") in ("pending", "waitlisted") and any(
        s.get("state") == "requested" for s in sessions
    ):
        return f"attribution le {payload.get('allocation_at')}"
    if waiting and held:
        worst = max(s.get("rank") or 0 for s in waiting)
        return f"{held} place(s) réservée(s), {len(waiting)} en liste d’attente (rang {worst})"
    if waiting:
        worst = max(s.get("rank") or 0 for s in waiting)
        return f"liste d’attente, rang {worst}"
    return "place réservée" if held == 1 else f"{held} places réservées"


def _file(payload: dict) -> tuple[str, str]:
    missing = payload.get("missing") or []
    if not missing:
        return "Dossier : complet", "<p>Dossier : <b>complet</b></p>"
    text = "Dossier incomplet : " + " ; ".join(missing)
    return text, f"<p>Dossier <b>incomplet</b> : {escape(' ; '.join(missing))}</p>"


def _sessions(payload: dict) -> tuple[list[str], str]:
    lines, items = [], []
    for s in payload.get("sessions") or []:
        lines.append(f"• {s['when']} — {s['activity']} ({s['centre']}) : {_state(s)}")
        items.append(
            f"<li>{escape(s['when'])} — {escape(s['activity'])} ({escape(s['centre'])}) : "
            f"<b>{escape(_state(s))}</b></li>"
        )
    return lines, "<ul>" + "".join(items) + "</ul>"


def _request_message(title: str, payload: dict, footer: str = "") -> Message:
    n = payload["id"]
    head = (
        f"{title} n° {n} — famille {payload['family']}, {_age(payload)}, "
        f"{_where(payload)} : {_headline(payload)}"
    )
    detail = f"{payload['period']}" + ("" if payload.get("resident") else " (hors territoire)")
    session_lines, session_html = _sessions(payload)
    file_text, file_html = _file(payload)
    if not footer and payload.get("status") == "pending":
        footer = HOW_TO.format(n=n)
    elif not footer and payload.get("status") == "waitlisted":
        footer = f"❌ pour refuser (ou !refuser {n} motif) ; à valider quand une place se libérera"
    if any(s.get("state") == "requested" for s in payload.get("sessions") or []):
        footer = "Attribution automatique à la clôture (critères de priorité puis tirage au sort)."
    body = "\n".join([head, detail, *session_lines, file_text] + ([footer] if footer else []))
    html = f"<p><b>{escape(head)}</b></p><p>{escape(detail)}</p>{session_html}{file_html}" + (
        f"<p><i>{escape(footer)}</i></p>" if footer else ""
    )
    return Message(body, html)


def id_ranges(ids: Iterable[int]) -> str:
    """Request numbers as the back-office's `ids` filter reads them: "12-40,45,50-52"."""
    numbers = sorted(set(ids))
    ranges: list[str] = []
    start = previous = None
    for n in [*numbers, None]:
        if n is not None and previous is not None and n == previous + 1:
            previous = n
            continue
        if start is not None:
            ranges.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = n
    return ",".join(ranges)


def the_requests(payloads: list[dict]) -> str:
    """The back-office list of the requests the gathered alerts are about."""
    return "/gestion/enfance?ids=" + id_ranges(int(p["id"]) for p in payloads)


# The back-office page of a summary lists this many requests at most per message.
REQUESTS_PER_SUMMARY = 500


def about_requests(label: str):
    """How bursts of an alert about one request are gathered: summarised, with the link."""
    return gathered(
        SUMMARY,
        label=label,
        listed_at=the_requests,
        link_text="Ces demandes dans la gestion des inscriptions",
        most=REQUESTS_PER_SUMMARY,
    )


@about_requests("nouvelle demande")
def request(payload: dict) -> Message:
    return _request_message("Nouvelle demande", payload)


@about_requests("place libérée")
def promoted(payload: dict) -> Message:
    return _request_message("Place libérée pour la demande", payload)


@about_requests("demande annulée")
def cancelled(payload: dict) -> Message:
    return _request_message(
        "Demande annulée par la famille", payload, "Les places libérées sont réattribuées."
    )


@about_requests("décision")
def decision(payload: dict) -> Message:
    n, by = payload["id"], payload.get("by") or "le secrétariat"
    if payload.get("status") == "confirmed":
        text = f"✅ Demande n° {n} (famille {payload['family']}) validée par {by}."
    else:
        text = (
            f"❌ Demande n° {n} (famille {payload['family']}) refusée par {by} — motif : "
            f"{payload.get('reason') or 'non précisé'}."
        )
    return Message(text, f"<p>{escape(text)}</p>")


def allocation(payload: dict) -> Message:
    head = (
        f"Attribution des places — {payload['period']} : {payload['requests']} demande(s), "
        f"{payload['places_given']} place(s) attribuée(s), {payload['waitlisted']} séance(s) en "
        "liste d’attente."
    )
    seed = f"Graine du tirage au sort : {payload['seed']}"
    link = f"Détail public (anonymisé) : {payload['path']}"
    html = (
        f"<p><b>{escape(head)}</b></p><p>{escape(seed)}</p>"
        f'<p>Détail public (anonymisé) : <a href="{escape(payload["path"])}">'
        f"{escape(payload['path'])}</a></p>"
    )
    return Message("\n".join([head, seed, link]), html)


@gathered(NEVER)  # a question to one secretary, in the alert's thread
def reason_prompt(payload: dict) -> Message:
    n = payload["id"]
    text = (
        f"Quel est le motif du refus de la demande n° {n} (famille {payload['family']}) ? "
        f"Répondez dans ce fil : votre prochain message ici sera le motif envoyé à la famille. "
        f"Ou tapez : !refuser {n} motif"
    )
    mentions = tuple(payload.get("mentions") or ())
    return Message(text, f"<p>{escape(text)}</p>", mentions)


def digest(payload: dict) -> Message:
    title = f"Inscriptions — point du jour ({payload['date']})"
    lines, html = [title], [f"<p><b>{escape(title)}</b></p>"]

    def section(label: str, count: int, items: list[str]) -> None:
        lines.append(f"{label} : {count}")
        html.append(f"<p>{escape(label)} : <b>{count}</b></p>")
        if items:
            rest = count - len(items)
            lines.extend(f"• {item}" for item in items)
            if rest > 0:
                lines.append(f"… et {rest} autre(s)")
                items = [*items, f"… et {rest} autre(s)"]
            html.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")

    section(
        "Demandes à valider",
        payload["to_validate_count"],
        [f"n° {r['id']} — famille {r['family']}, {r['period']}" for r in payload["to_validate"]],
    )
    section(
        "Dossiers incomplets",
        payload["incomplete_count"],
        [
            f"famille {f['family']} (demandes {', '.join(f'n° {n}' for n in f['requests'])}) : "
            + " ; ".join(f["missing"])
            for f in payload["incomplete"]
        ],
    )
    section(
        "Demandes en liste d’attente",
        payload["waitlisted_count"],
        [
            f"n° {r['id']} — famille {r['family']}, {r['period']} (rang {r['rank']})"
            for r in payload["waitlisted"]
        ],
    )
    section(
        "Séances avec liste d’attente",
        payload["waiting_lists_count"],
        [
            f"{s['when']} — {s['activity']} ({s['centre']}) : {s['length']} en attente"
            for s in payload["waiting_lists"]
        ],
    )
    for window in payload.get("window") or []:
        text = (
            f"{window['period']} : {window['requests']} demande(s) recueillie(s), attribution le "
            f"{window['allocation_at']}"
        )
        lines.append(text)
        html.append(f"<p>{escape(text)}</p>")
    if not payload["to_validate_count"] and not payload["waitlisted_count"]:
        lines.append("Rien en attente : bonne journée !")
        html.append("<p>Rien en attente : bonne journée !</p>")
    return Message("\n".join(lines), "".join(html))


TEMPLATES = {
    "childcare.request": request,
    "childcare.promoted": promoted,
    "childcare.cancelled": cancelled,
    "childcare.decision": decision,
    "childcare.allocation": allocation,
    "childcare.reason_prompt": reason_prompt,
    "childcare.digest": digest,
}
