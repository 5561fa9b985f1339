"""Site search: one query asked of every provider (pages, communes, news, procedures, directory).

A provider is `provider(db, query, limit) -> list[SearchHit]`, accent-insensitive, called in a
request (it may use url_for). Each feature writes its own; this module only lists them.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template, request
from sqlalchemy.orm import Session

from portal.features import FEATURES
from portal.search_terms import MAX_QUERY, SearchHit, terms
from portal.state import state

bp = Blueprint("search", __name__)

Provider = Callable[[Session, str, int], list[SearchHit]]

# In the order of the groups on the results page (portal.features).
PROVIDERS: tuple[Provider, ...] = tuple(f.search for f in FEATURES if f.search is not None)
KIND_LABELS = {
    "page": "Pages du site",
    "commune": "Communes",
    "procedure": "Démarches",
    "directory": "Annuaire des associations et entreprises",
    "news": "Actualités",
}
PER_PROVIDER = 10


def search(db: Session, query: str, limit: int = PER_PROVIDER) -> list[SearchHit]:
    """Every provider's hits, in provider order; nothing for a query without words."""
    if not terms(query):
        return []
    hits: list[SearchHit] = []
    for provider in PROVIDERS:
        hits += provider(db, query, limit)
    return hits


def grouped(hits: list[SearchHit]) -> list[tuple[str, list[SearchHit]]]:
    groups: dict[str, list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault(hit.kind, []).append(hit)
    return [(KIND_LABELS.get(kind, kind.capitalize()), items) for kind, items in groups.items()]


@bp.get("/recherche")
def results():
    query = " ".join(request.args.get("q", "").replace("\x00", "").split())[:MAX_QUERY]
    hits: list[SearchHit] = []
    if query:
        with state().sessions() as db:
            hits = search(db, query)
    return render_template(
        "search/results.html",
        query=query,
        searched=bool(query),
        usable=bool(terms(query)),
        total=len(hits),
        groups=grouped(hits),
    )
