"""The history of the database schema (Alembic), one for SQLite and PostgreSQL: where a database
stands, its upgrade (one process at a time) and, for developers, new revisions."""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, MetaData, inspect, text

log = logging.getLogger("girou.migrations")

HERE = Path(__file__).resolve().parent
UPGRADE = "girou db upgrade"
# The migration lock's key on PostgreSQL: the bytes of "giroudb!" as a big-endian bigint
# (bots.leader holds another key, for as long as the bots run).
ADVISORY_KEY = int.from_bytes(b"giroudb!", "big")

# What the database holds beside the models' tables, created by others: APScheduler's job store
# (bots.scheduler), the FTS5 tables of portal.fulltext on SQLite, and its generated column and
# GIN index on PostgreSQL. Autogenerate leaves them alone.
FOREIGN_TABLES = frozenset({"bot_jobs"})
_FTS_TABLE = re.compile(r".+_fts(_config|_data|_docsize|_idx)?")


class SchemaError(Exception):
    """The database is not at this release's schema; the message says which command to run."""


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Whether autogenerate compares this table, column or index (see FOREIGN_TABLES)."""
    if type_ == "table":
        return name not in FOREIGN_TABLES and not _FTS_TABLE.fullmatch(name or "")
    if type_ == "column":
        return name != "search_vector"
    if type_ == "index":
        return name != f"ix_{parent_names.get('table_name')}_search"
    return True


@dataclass(frozen=True)
class Standing:
    """Where a database stands against this release's migrations."""

    current: str | None  # the revision the database records; None: no alembic_version
    head: str
    has_tables: bool
    known: bool  # this release has the revision `current`

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    def describe(self) -> str:
        if self.up_to_date:
            return f"the database is at revision {self.head} (head): up to date"
        if self.current is None and not self.has_tables:
            where = "the database is empty"
        elif self.current is None:
            where = "the database was created before migrations (no revision recorded)"
        elif not self.known:
            return (
                f"the database is at revision {self.current}, which this release does not know "
                f"(written by a newer release?); this release's head is {self.head}"
            )
        else:
            where = f"the database is at revision {self.current}"
        return f"{where}; this release needs revision {self.head}: run `{UPGRADE}`"


def _script() -> ScriptDirectory:
    return ScriptDirectory(str(HERE))


def head() -> str:
    return _script().get_current_head()


def standing(connection: Connection) -> Standing:
    current = MigrationContext.configure(connection).get_current_revision()
    names = inspect(connection).get_table_names()
    has_tables = any(include_name(n, "table", {}) for n in names if n != "alembic_version")
    script = _script()
    try:
        known = current is None or script.get_revision(current) is not None
    except CommandError:
        known = False
    return Standing(current, script.get_current_head(), has_tables, known)


def where(engine: Engine) -> Standing:
    with engine.connect() as connection:
        return standing(connection)


def ensure_current(engine: Engine, *, auto_upgrade: bool) -> None:
    """What every process on the database does first: nothing when it is at this release's
    schema; else the upgrade when [database] auto_upgrade is on, or SchemaError."""
    found = where(engine)
    if found.up_to_date:
        return
    if not found.known or not auto_upgrade:
        raise SchemaError(found.describe())
    log.info("[database] auto_upgrade: %s", found.describe().split(": run")[0])
    log.info("the database is at revision %s (head)", upgrade(engine)[1])


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    # New revisions sort by date in versions/.
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection that runs migrations, held by one process at a time (the portal's workers,
    the bots, a command): a PostgreSQL advisory lock, or a file lock beside the SQLite file.

    On SQLite, foreign keys are off meanwhile: a batch migration rebuilds a table (copy, drop,
    rename), and dropping it with the keys on would delete the rows that point to it (ON
    DELETE CASCADE). They are checked before the keys go back on.
    """
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
            connection.commit()
            try:
                yield connection
                connection.commit()
            finally:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                connection.commit()
            return
        database = engine.url.database
        lock = None
        if database and database != ":memory:":
            lock = os.open(f"{os.path.abspath(database)}-migrations", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            yield connection
            connection.commit()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise SchemaError(f"the migration left rows whose foreign key is broken: {broken}")
        finally:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            if lock is not None:
                os.close(lock)  # closing the descriptor releases its lock


def upgrade(engine: Engine, revision: str = "head") -> tuple[Standing, str]:
    """Run the migrations up to `revision`; (where the database stood, its revision now)."""
    with _migrating(engine) as connection:
        before = standing(connection)
        if not before.known:
            raise SchemaError(before.describe())
        command.upgrade(_config(connection), revision)
        connection.commit()
        return before, MigrationContext.configure(connection).get_current_revision()


def stamp_head(engine: Engine) -> None:
    """Record a database made from the models (create_all: tests) as being at head, so that a
    process on it finds it current instead of upgrading tables that are already there."""
    with _migrating(engine) as connection:
        command.stamp(_config(connection), "head")
        connection.commit()


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to `revision` ("base": no table left). Developers and tests."""
    with _migrating(engine) as connection:
        command.downgrade(_config(connection), revision)
        connection.commit()


def differences(engine: Engine, metadata: MetaData) -> list:
    """What autogenerate would write between the database and `metadata` ([]: nothing)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        return compare_metadata(context, metadata)


def revision(engine: Engine, message: str) -> list[Path]:
    """Write a new revision with what the models changed since head (autogenerate; the
    database must be at head). Read it before committing: renames come out as drop and add."""
    with _migrating(engine) as connection:
        config = _config(connection)
        _format_with_ruff(config)
        scripts = command.revision(config, message=message, autogenerate=True)
    scripts = scripts if isinstance(scripts, list) else [scripts]
    return [Path(script.path) for script in scripts if script is not None]


def _format_with_ruff(config: Config) -> None:
    """New revisions come out formatted and with sorted imports, where ruff is installed."""
    if importlib.util.find_spec("ruff") is None:
        return
    config.set_section_option("post_write_hooks", "hooks", "ruff_fix, ruff_format")
    for name, options in (("ruff_fix", "check --fix"), ("ruff_format", "format")):
        config.set_section_option("post_write_hooks", f"{name}.type", "module")
        config.set_section_option("post_write_hooks", f"{name}.module", "ruff")
        config.set_section_option(
            "post_write_hooks", f"{name}.options", f"{options} REVISION_SCRIPT_FILENAME"
        )
