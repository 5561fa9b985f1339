"""GIS messages: a new version of a layer (PLU, cadastre, addresses…), its changes, a map link."""

from __future__ import annotations

from collab.messages import Message, escape


def _count(n: int, singular: str, plural: str) -> str:
    # French digit groups: "16 540 parcelles" (narrow no-break space).
    return f"{n:,}".replace(",", "\u202f") + f" {singular if n == 1 else plural}"


def _feminine(words: list[str]) -> bool:
    # Every item word of the layers is feminine except "point d'intérêt"; this decides the
    # agreement of "ajouté(e)s".
    return not words[0].startswith("point")


def changes_text(payload: dict) -> str:
    """ "2 zones modifiées, 37 parcelles changent de zone (AUc → U)"; "aucun changement"."""
    singular, plural = payload.get("item_words") or ["élément", "éléments"]
    e = "e" if _feminine([singular]) else ""
    parts = []
    for key, verb in (("added", "ajouté"), ("changed", "modifié"), ("removed", "supprimé")):
        n = payload.get(key, 0)
        if n:
            parts.append(f"{_count(n, singular, plural)} {verb}{e}{'s' if n > 1 else ''}")
    moved = payload.get("parcels_changing_zone", 0)
    if moved:
        transitions = ", ".join(list(payload.get("zone_transitions", {}))[:3])
        verb = "change" if moved == 1 else "changent"
        parts.append(
            f"{_count(moved, 'parcelle', 'parcelles')} {verb} de zone"
            + (f" ({transitions})" if transitions else "")
        )
    return ", ".join(parts) or "aucun changement"


def title_text(payload: dict) -> str:
    """ "PLU de Garidech — nouvelle version 31212_PLU_20260301"."""
    documents, idurba = payload.get("documents") or [], payload.get("idurba") or []
    if documents and len(documents) <= 3:
        return f"{', '.join(documents)} — nouvelle version {', '.join(idurba)}"
    if documents:
        return (
            f"{payload['layer_title']} — nouvelle version n° {payload['number']} "
            f"({len(documents)} documents d'urbanisme)"
        )
    communes = payload.get("communes") or []
    where = f" ({', '.join(communes)})" if communes and len(communes) <= 3 else ""
    return f"{payload['layer_title']}{where} — nouvelle version n° {payload['number']}"


def new_version(payload: dict) -> Message:
    title, changes, url = title_text(payload), changes_text(payload), payload["url"]
    demo = " [données de démonstration]" if payload.get("demo") else ""
    return Message(
        body=f"{title} : {changes}{demo}\nVoir les changements sur la carte : {url}",
        html=(
            f"<b>{escape(title)}</b> : {escape(changes)}{escape(demo)}<br>"
            f'<a href="{escape(url)}">Voir les changements sur la carte</a>'
        ),
    )


TEMPLATES = {"gis.version": new_version}
