"""Browsing and full-text search of the published directory entries (both databases)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from portal.directory.models import KINDS, DirectoryEntry
from portal.procedures import fulltext
from portal.textsearch import SearchHit

EXCERPT_LENGTH = 200
LIST_COLUMNS = (
    DirectoryEntry.id,
    DirectoryEntry.name,
    DirectoryEntry.kind,
    DirectoryEntry.category,
    DirectoryEntry.commune,
    DirectoryEntry.address,
    DirectoryEntry.description,
    DirectoryEntry.lon,
    DirectoryEntry.lat,
    DirectoryEntry.logo_type,
)


@dataclass(frozen=True)
class Filters:
    """What a visitor asked for; every part is optional."""

    query: str = ""
    category: str = ""
    commune: str = ""
    kind: str = ""

    @property
    def words(self) -> list[str]:
        return fulltext.words(self.query)

    @property
    def active(self) -> bool:
        return bool(self.words or self.category or self.commune or self.kind)


@dataclass(frozen=True)
class EntryRow:
    id: int
    name: str
    kind: str
    category: str
    commune: str
    address: str
    description: str
    lon: float | None
    lat: float | None
    logo_type: str | None

    @property
    def url(self) -> str:
        return f"/annuaire/{self.id}"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def excerpt(self) -> str:
        return excerpt(self.description)


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def _restrict(db: Session, statement: Select, filters: Filters, *, facets: bool = False) -> Select:
    """Apply the filters; for facet counts the category and commune filters are left out."""
    if filters.kind in KINDS:
        statement = statement.where(DirectoryEntry.kind == filters.kind)
    if not facets:
        if filters.category:
            statement = statement.where(DirectoryEntry.category == filters.category)
        if filters.commune:
            statement = statement.where(DirectoryEntry.commune == filters.commune)
    return statement


def search_entries(
    db: Session, filters: Filters, *, limit: int = 20, offset: int = 0
) -> tuple[int, list[EntryRow]]:
    """(number of matching entries, one page of them): best match first, else by name."""
    words = filters.words
    table = DirectoryEntry.__table__
    rows_statement = _restrict(db, select(*LIST_COLUMNS), filters)
    count_statement = _restrict(db, select(func.count()).select_from(DirectoryEntry), filters)
    if words:
        rows_statement = fulltext.matching(db, rows_statement, table, DirectoryEntry.id, words)
        count_statement = count_statement.where(
            fulltext.match_condition(db, table, DirectoryEntry.id, words)
        )
    else:
        rows_statement = rows_statement.order_by(DirectoryEntry.name, DirectoryEntry.id)
    rows = db.execute(rows_statement.limit(limit).offset(offset)).all()
    if offset == 0 and len(rows) < limit:
        total = len(rows)
    else:
        total = int(db.scalar(count_statement) or 0)
    return total, [EntryRow(*row) for row in rows]


def facets(db: Session, filters: Filters) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Entries per category and per commune, for the query and kind asked (to refine)."""
    results = []
    for column in (DirectoryEntry.category, DirectoryEntry.commune):
        statement = _restrict(db, select(column, func.count()), filters, facets=True)
        if filters.words:
            statement = statement.where(
                fulltext.match_condition(
                    db, DirectoryEntry.__table__, DirectoryEntry.id, filters.words
                )
            )
        results.append([(value, count) for value, count in db.execute(statement.group_by(column))])
    return results[0], results[1]


def search_hits(db: Session, query: str, limit: int) -> list[SearchHit]:
    """The site search's provider: published entries matching every word of the query."""
    if not fulltext.words(query):
        return []
    _total, rows = search_entries(db, Filters(query=query), limit=limit)
    return [
        SearchHit(
            title=row.name,
            url=row.url,
            excerpt=f"{row.kind_label} · {row.category} — {row.excerpt}",
            kind="directory",
        )
        for row in rows
    ]
