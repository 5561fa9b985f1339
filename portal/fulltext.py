"""Full-text indexes, accent-insensitive: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.

A model declares two plain text columns holding its folded text (`search_title`,
`search_body`, written by the application with `fold`), and `install(table)` attaches the
index to the table's creation: on SQLite an external-content FTS5 table kept in step by
triggers, on PostgreSQL a generated `search_vector` column with a GIN index. Queries are
built from folded words only, so nothing a visitor types reaches the query syntax.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import DDL, Select, Table, event, func, literal_column, table
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Session

from collab.french import fold

MAX_QUERY = 200
MAX_WORDS = 8
# 'simple' on PostgreSQL: no stemming and no stop words, as FTS5's unicode61 on SQLite, so that
# both databases find the same things.
PG_CONFIG = "simple"
_WORD_RE = re.compile(r"[0-9a-z]+")


def words(query: str | None) -> list[str]:
    """The searchable words of what a visitor typed (folded, de-duplicated, bounded)."""
    found: list[str] = []
    for word in _WORD_RE.findall(fold((query or "")[:MAX_QUERY])):
        if word not in found:
            found.append(word)
    # One-letter words (the l of l'école) would match nearly everything as prefixes.
    longer = [w for w in found if len(w) > 1]
    return (longer or found)[:MAX_WORDS]


def fts_name(table_name: str) -> str:
    return f"{table_name}_fts"


def install(target: Table, pk: str = "id") -> None:
    """Create the full-text index together with `target` (both dialects; idempotent DDL)."""
    name, fts = target.name, fts_name(target.name)
    cols = "search_title, search_body"
    new = "new.search_title, new.search_body"
    old = "old.search_title, old.search_body"
    sqlite_ddl = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{name}', "
        f"content_rowid='{pk}', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        # Titles weigh ten times the text in the ranking.
        f"INSERT INTO {fts}({fts}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
        f"CREATE TRIGGER IF NOT EXISTS {name}_fts_ai AFTER INSERT ON {name} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {name}_fts_ad AFTER DELETE ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{pk}, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {name}_fts_au AFTER UPDATE OF search_title, search_body "
        f"ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{pk}, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
    ]
    vector = (
        f"setweight(to_tsvector('{PG_CONFIG}', coalesce(search_title, '')), 'A') || "
        f"setweight(to_tsvector('{PG_CONFIG}', coalesce(search_body, '')), 'B')"
    )
    pg_ddl = [
        f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        # Without fastupdate: new rows go straight into the index instead of a pending list
        # that every search reads in full until a vacuum (10,000 freshly added directory
        # entries made a search 5 times slower). Our tables are read far more than written.
        f"CREATE INDEX IF NOT EXISTS ix_{name}_search ON {name} USING gin (search_vector) "
        "WITH (fastupdate = off)",
    ]
    for statement in sqlite_ddl:
        event.listen(target, "after_create", DDL(statement).execute_if(dialect="sqlite"))
    for statement in pg_ddl:
        event.listen(target, "after_create", DDL(statement).execute_if(dialect="postgresql"))
    event.listen(
        target,
        "before_drop",
        DDL(f"DROP TABLE IF EXISTS {fts}").execute_if(dialect="sqlite"),
    )


def matching(
    db: Session, statement: Select[Any], target: Table, pk_column: Any, query_words: list[str]
) -> Select[Any]:
    """`statement` restricted to rows containing every word (as a prefix), best first."""
    if db.get_bind().dialect.name == "postgresql":
        tsquery = _tsquery(query_words)
        vector = literal_column(f"{target.name}.search_vector")
        return statement.where(vector.op("@@")(tsquery)).order_by(
            func.ts_rank(vector, tsquery).desc(), pk_column
        )
    fts = table(fts_name(target.name), sql_column("rowid"), sql_column("rank"))
    return (
        statement.join(fts, fts.c.rowid == pk_column)
        .where(literal_column(fts.name).op("MATCH")(_match_expression(query_words)))
        .order_by(fts.c.rank, pk_column)
    )


def matching_rows(
    db: Session, statement: Select[Any], target: Table, pk_column: Any, query_words: list[str]
) -> Select[Any]:
    """`statement` restricted to rows containing every word, in no particular order (for
    counts and groupings: a join with the index rather than a subquery)."""
    if db.get_bind().dialect.name == "postgresql":
        return statement.where(
            literal_column(f"{target.name}.search_vector").op("@@")(_tsquery(query_words))
        )
    fts = table(fts_name(target.name), sql_column("rowid"))
    return statement.join(fts, fts.c.rowid == pk_column).where(
        literal_column(fts.name).op("MATCH")(_match_expression(query_words))
    )


def _tsquery(query_words: list[str]):
    return func.to_tsquery(PG_CONFIG, " & ".join(f"{w}:*" for w in query_words))


def _match_expression(query_words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in query_words)
