"""Schema migrations (collab.migrations), on SQLite and PostgreSQL: a database of the last release
before migrations is upgraded with every row; each revision goes up and down; a model never
changes without a revision; `girou up` and `girou serve` refuse a database that is behind."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from conftest import ROOT
from sqlalchemy import Column, MetaData, String, inspect, make_url, select, text

from collab import db, migrations, schema

DATA = ROOT / "tests" / "data"


def load_dump(url: str) -> None:
    """Fill the empty database `url` with the dump of the last release before migrations."""
    dialect = make_url(url).get_backend_name()
    sql = (DATA / f"schema_before_migrations.{dialect}.sql").read_text(encoding="utf-8")
    if dialect == "sqlite":
        connection = sqlite3.connect(make_url(url).database)
        connection.executescript(sql)
        connection.close()
        return
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(sql)


def platform_tables(engine) -> list[str]:
    names = inspect(engine).get_table_names()
    return sorted(
        n for n in names if n != "alembic_version" and migrations.include_name(n, "table", {})
    )


def every_row(engine) -> dict[str, list[str]]:
    """Each table's rows (as text, sorted), read through reflection: what the database holds,
    whatever the models say."""
    found = MetaData()
    found.reflect(engine, only=platform_tables(engine))
    with engine.connect() as connection:
        return {
            name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
            for name, table in found.tables.items()
        }


@pytest.fixture
def engine(database_url):
    engine = db.make_engine(database_url)
    yield engine
    engine.dispose()


def test_a_database_of_the_last_release_before_migrations_keeps_every_row(engine, database_url):
    load_dump(database_url)
    found = migrations.where(engine)
    assert (found.current, found.has_tables, found.up_to_date) == (None, True, False)
    before = every_row(engine)
    assert sum(len(rows) for rows in before.values()) > 500  # the demo's rows, in most tables

    with pytest.raises(migrations.SchemaError, match="girou db upgrade"):
        migrations.ensure_current(engine, auto_upgrade=False)
    assert every_row(engine) == before  # refused: nothing changed
    migrations.ensure_current(engine, auto_upgrade=True)

    assert migrations.where(engine).up_to_date
    after = every_row(engine)  # every row kept; the tables of later revisions come empty
    assert {name: after[name] for name in before} == before
    assert not any(rows for name, rows in after.items() if name not in before)
    assert migrations.differences(engine, schema.metadata) == []
    with engine.connect() as connection:  # the full-text index still finds the demo's sheets
        if engine.dialect.name == "sqlite":
            query = "SELECT count(*) FROM dila_sheets_fts WHERE dila_sheets_fts MATCH 'carte'"
        else:
            query = (
                "SELECT count(*) FROM dila_sheets"
                " WHERE search_vector @@ to_tsquery('simple', 'carte')"
            )
        assert connection.execute(text(query)).scalar() > 0


def release_before_migrations(engine) -> None:
    """The tables the last release before migrations created (the baseline's frozen copy;
    the models have moved on since)."""
    migrations._script().get_revision("baseline").module.BASELINE.create_all(engine)


def test_the_upgrade_adds_the_tables_and_nullable_columns_a_release_added(engine):
    release_before_migrations(engine)  # as the release before migrations did, then older: less
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE mail_queue DROP COLUMN dead_at"))
        connection.execute(text("DROP TABLE news"))
        connection.execute(
            text(
                "INSERT INTO mail_queue (recipient, subject, body, attempts, created_at)"
                " VALUES ('a@example.org', 's', 'b', 0, CURRENT_TIMESTAMP)"
            )
        )
    migrations.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT recipient, dead_at FROM mail_queue")).all()
        assert connection.execute(text("SELECT count(*) FROM news")).scalar() == 0
    assert [tuple(row) for row in rows] == [("a@example.org", None)]
    assert migrations.differences(engine, schema.metadata) == []


def test_a_missing_not_null_column_is_refused_and_nothing_recorded(engine):
    release_before_migrations(engine)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE news DROP COLUMN title"))
    with pytest.raises(migrations.SchemaError, match="news: column title"):
        migrations.upgrade(engine)
    assert migrations.where(engine).current is None
    assert "title" not in {c["name"] for c in inspect(engine).get_columns("news")}


def test_every_revision_goes_up_and_down(engine):
    script = migrations._script()
    revisions = list(reversed(list(script.walk_revisions())))  # base first
    assert revisions[-1].revision == migrations.head()
    for revision in revisions:
        migrations.upgrade(engine, revision.revision)
        assert migrations.where(engine).current == revision.revision
        migrations.downgrade(engine, revision.down_revision or "base")
        assert migrations.where(engine).current == revision.down_revision
        migrations.upgrade(engine, revision.revision)
    assert migrations.differences(engine, schema.metadata) == []
    migrations.downgrade(engine, "base")
    assert platform_tables(engine) == []


def test_a_model_changed_without_a_revision_is_caught(engine):
    migrations.upgrade(engine)
    assert migrations.differences(engine, schema.metadata) == []
    changed = MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["news"].append_column(Column("subtitle", String(100), nullable=True))
    [difference] = migrations.differences(engine, changed)
    assert difference[0] == "add_column"
    assert difference[3].name == "subtitle"


def test_a_table_rebuilt_on_sqlite_keeps_the_rows_that_point_to_it(tmp_path):
    """SQLite alters a table by copying it (batch mode): the rows that point to it with ON
    DELETE CASCADE (a family's children) stay, foreign keys being off meanwhile."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    load_dump(url)
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    before = every_row(engine)
    assert before["childcare_children"]
    with migrations._migrating(engine) as connection:
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("childcare_families", recreate="always") as batch:
            batch.alter_column("name", existing_type=String(200), type_=String(300))
    assert every_row(engine) == before
    with engine.connect() as connection:  # and the keys are on again
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_processes_upgrading_at_once_take_turns(database_url):
    engines = [db.make_engine(database_url) for _ in range(3)]
    results, errors = [], []

    def upgrade(engine) -> None:
        try:
            results.append(migrations.upgrade(engine)[0].up_to_date)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=upgrade, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert sorted(results) == [False, True, True]  # one migrated, the others found it done


# --- the command line -------------------------------------------------------------------------


def girou(home, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collab.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "GIROU_HOME": str(home),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
            **env,
        },
    )


def test_up_and_serve_refuse_a_database_that_is_behind_until_girou_db_upgrade(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    url = f"sqlite:///{home / 'portal.db'}"
    load_dump(url)
    engine = db.make_engine(url)
    before = every_row(engine)
    off = {"GIROU_DATABASE_AUTO_UPGRADE": "false"}

    up = girou(home, "up", "--no-demo", **off)
    assert up.returncode == 1, up.stderr
    assert "created before migrations" in up.stderr
    assert "`girou db upgrade`" in up.stderr
    assert not (home / "log" / "synapse.log").exists()  # refused before starting anything

    serve = girou(home, "serve", "portal", **off)
    assert serve.returncode == 2
    assert serve.stderr.startswith("girou serve: the database was created before migrations")
    assert "`girou db upgrade`" in serve.stderr
    assert girou(home, "db", "check").returncode == 1
    assert every_row(engine) == before

    upgrade = girou(home, "db", "upgrade", **off)
    assert upgrade.returncode == 0, upgrade.stderr
    head = migrations._script().get_current_head()
    assert f"upgraded from no revision to revision {head} (head)" in upgrade.stdout
    current = girou(home, "db", "current")
    assert "up to date" in current.stdout
    assert girou(home, "db", "check", **off).returncode == 0
    after = every_row(engine)
    assert {name: after[name] for name in before} == before
    engine.dispose()
