"""Full-text search over the imported sheets (accent-insensitive, both databases)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import fulltext
from portal.procedures.models import Sheet
from portal.procedures.render import AUDIENCES
from portal.search_terms import SearchHit

EXCERPT_LENGTH = 220


@dataclass(frozen=True)
class SheetResult:
    id: str
    title: str
    description: str
    audience: str
    theme_title: str | None

    @property
    def url(self) -> str:
        return f"/demarches/{self.id}"

    @property
    def audience_label(self) -> str:
        return AUDIENCES.get(self.audience, AUDIENCES["particuliers"])[0]


def search_sheets(
    db: Session,
    query: str,
    *,
    audience: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[SheetResult]]:
    """(number of matching sheets, one page of them, best first); nothing without words."""
    words = fulltext.words(query)
    if not words:
        return 0, []
    table = Sheet.__table__
    columns = select(Sheet.id, Sheet.title, Sheet.description, Sheet.audience, Sheet.theme_title)
    count = fulltext.matching_rows(
        db, select(func.count()).select_from(Sheet), table, Sheet.pk, words
    )
    if audience in AUDIENCES:
        columns = columns.where(Sheet.audience == audience)
        count = count.where(Sheet.audience == audience)
    statement = fulltext.matching(db, columns, table, Sheet.pk, words)
    rows = db.execute(statement.limit(limit).offset(offset)).all()
    total = db.scalar(count) if len(rows) == limit or offset else len(rows)
    return int(total or 0), [SheetResult(*row) for row in rows]


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def search_hits(db: Session, query: str, limit: int) -> list[SearchHit]:
    """The site search's provider: sheets matching every word of the query."""
    _total, results = search_sheets(db, query, limit=limit)
    return [
        SearchHit(
            title=result.title,
            url=result.url,
            excerpt=excerpt(result.description),
            kind="procedure",
        )
        for result in results
    ]
