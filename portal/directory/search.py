"""Browsing and full-text search of the published directory entries (both databases)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from portal import fulltext
from portal.directory.models import KINDS, DirectoryEntry
from portal.search_terms import SearchHit

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


def _by_kind(statement: Select, filters: Filters) -> Select:
    if filters.kind in KINDS:
        statement = statement.where(DirectoryEntry.kind == filters.kind)
    return statement


def _by_place(statement: Select, filters: Filters) -> Select:
    if filters.category:
        statement = statement.where(DirectoryEntry.category == filters.category)
    if filters.commune:
        statement = statement.where(DirectoryEntry.commune == filters.commune)
    return statement


@dataclass(frozen=True)
class Results:
    """One page of entries, how many match, and the counts to refine by."""

    total: int
    rows: list[EntryRow]
    categories: list[tuple[str, int]]  # for the query and kind, whatever category or commune
    communes: list[tuple[str, int]]


def browse(db: Session, filters: Filters, *, limit: int = 20, offset: int = 0) -> Results:
    """Everything a directory page shows, in two queries: the counts per category and commune
    of the entries matching the query and kind (which give the total and both facets), and
    the page of entries, best match first (else by name)."""
    words = filters.words
    table = DirectoryEntry.__table__
    grouped = _by_kind(
        select(DirectoryEntry.category, DirectoryEntry.commune, func.count()), filters
    ).group_by(DirectoryEntry.category, DirectoryEntry.commune)
    rows_statement = _by_place(_by_kind(select(*LIST_COLUMNS), filters), filters)
    if words:
        grouped = fulltext.matching_rows(db, grouped, table, DirectoryEntry.id, words)
        rows_statement = fulltext.matching(db, rows_statement, table, DirectoryEntry.id, words)
    else:
        rows_statement = rows_statement.order_by(DirectoryEntry.name, DirectoryEntry.id)
    categories: dict[str, int] = {}
    communes: dict[str, int] = {}
    total = 0
    for category, commune, count in db.execute(grouped):
        if not filters.commune or commune == filters.commune:
            categories[category] = categories.get(category, 0) + count
        if not filters.category or category == filters.category:
            communes[commune] = communes.get(commune, 0) + count
            if not filters.commune or commune == filters.commune:
                total += count
    rows = []
    if offset < total:
        rows = [EntryRow(*row) for row in db.execute(rows_statement.limit(limit).offset(offset))]
    return Results(total, rows, list(categories.items()), list(communes.items()))


def search_entries(
    db: Session, filters: Filters, *, limit: int = 20, offset: int = 0
) -> tuple[int, list[EntryRow]]:
    """(number of matching entries, one page of them): best match first, else by name."""
    words = filters.words
    table = DirectoryEntry.__table__
    statement = _by_place(_by_kind(select(*LIST_COLUMNS), filters), filters)
    if words:
        statement = fulltext.matching(db, statement, table, DirectoryEntry.id, words)
    else:
        statement = statement.order_by(DirectoryEntry.name, DirectoryEntry.id)
    rows = [EntryRow(*row) for row in db.execute(statement.limit(limit).offset(offset))]
    if offset == 0 and len(rows) < limit:
        return len(rows), rows
    count = _by_place(_by_kind(select(func.count()).select_from(DirectoryEntry), filters), filters)
    if words:
        count = fulltext.matching_rows(db, count, table, DirectoryEntry.id, words)
    return int(db.scalar(count) or 0), rows


def facets(db: Session, filters: Filters) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Entries per category and per commune, for the query and kind asked (to refine)."""
    results = browse(db, filters, limit=0)
    return results.categories, results.communes


def version(db: Session | Connection) -> tuple:
    """Changes whenever an entry is added or changed (what cached pages depend on): the
    highest id and the latest change, each one step in an index (a count would read them all
    on PostgreSQL). Entries are never deleted by the portal."""
    return tuple(db.execute(_VERSION).one())


_VERSION = select(
    select(func.max(DirectoryEntry.id)).scalar_subquery(),
    select(func.max(DirectoryEntry.updated_at)).scalar_subquery(),
)


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
