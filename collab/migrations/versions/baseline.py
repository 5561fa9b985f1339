"""Baseline: the schema of the last release before migrations (create_all of 3ce4b78).

On an empty database it creates every table. On a database that release created (tables, no
alembic_version) it adds what the release's start-up added in place, the missing tables and
nullable columns, and refuses a missing NOT NULL column; Alembic then records the revision.
The tables are a copy frozen here, never the models: later revisions change them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from collab.migrations import SchemaError

revision = "baseline"
down_revision = None
branch_labels = None
depends_on = None

BASELINE = sa.MetaData()


def _table(name: str, *elements: sa.SchemaItem) -> sa.Table:
    return sa.Table(name, BASELINE, *elements)


def _index(table: str, name: str, columns: list[str], **options) -> sa.Index:
    return sa.Index(name, *(BASELINE.tables[table].c[c] for c in columns), **options)


_table(
    "bot_processed_events",
    sa.Column("event_id", sa.String(length=255), nullable=False),
    sa.Column("room_id", sa.String(length=255), nullable=False),
    sa.Column("processed_at", sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint("event_id"),
)
_table(
    "bot_state",
    sa.Column("key", sa.String(length=64), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)
_table(
    "childcare_centres",
    sa.Column("key", sa.String(length=64), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("commune_insee", sa.String(length=5), nullable=False),
    sa.Column("address", sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)
_table(
    "childcare_families",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("email", sa.String(length=320), nullable=False),
    sa.Column("password_hash", sa.String(length=255), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("commune_insee", sa.String(length=5), nullable=False),
    sa.Column("resident", sa.Boolean(), nullable=False),
    sa.Column("email_verified", sa.Boolean(), nullable=False),
    sa.Column("email_verification_hash", sa.String(length=64), nullable=True),
    sa.Column("quotient", sa.Integer(), nullable=True),
    sa.Column("single_parent", sa.Boolean(), nullable=False),
    sa.Column("parent1_works", sa.Boolean(), nullable=False),
    sa.Column("parent2_works", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("email"),
)
_table(
    "childcare_periods",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("slug", sa.String(length=100), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("school_year", sa.String(length=9), nullable=False),
    sa.Column("starts_on", sa.Date(), nullable=False),
    sa.Column("ends_on", sa.Date(), nullable=False),
    sa.Column("opens_at", sa.DateTime(), nullable=False),
    sa.Column("residents_open_at", sa.DateTime(), nullable=True),
    sa.Column("closes_at", sa.DateTime(), nullable=False),
    sa.Column("allocation_mode", sa.String(length=16), nullable=False),
    sa.Column("priority_rules", sa.JSON(), nullable=False),
    sa.Column("lottery_seed", sa.String(length=64), nullable=True),
    sa.Column("allocated_at", sa.DateTime(), nullable=True),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.CheckConstraint("opens_at < closes_at", name="ck_childcare_period_opening"),
    sa.CheckConstraint("starts_on <= ends_on", name="ck_childcare_period_dates"),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("slug"),
)
_table(
    "component_health",
    sa.Column("component", sa.String(length=120), nullable=False),
    sa.Column("ok", sa.Boolean(), nullable=False),
    sa.Column("last_success_at", sa.DateTime(), nullable=True),
    sa.Column("last_failure_at", sa.DateTime(), nullable=True),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("failing_since", sa.DateTime(), nullable=True),
    sa.Column("alerted_for", sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint("component"),
)
_table(
    "content_pages",
    sa.Column("slug", sa.String(length=64), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("search_text", sa.Text(), nullable=False),
    sa.Column("updated_at", sa.DateTime(), nullable=False),
    sa.Column("updated_by", sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint("slug"),
)
_table(
    "dila_sheets",
    sa.Column("pk", sa.Integer(), nullable=False),
    sa.Column("id", sa.String(length=20), nullable=False),
    sa.Column("type", sa.Text(), nullable=False),
    sa.Column("sp_url", sa.Text(), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("modified", sa.Date(), nullable=True),
    sa.Column("audience", sa.String(length=20), nullable=False),
    sa.Column("audiences", sa.JSON(), nullable=False),
    sa.Column("theme_id", sa.String(length=20), nullable=True),
    sa.Column("theme_title", sa.Text(), nullable=True),
    sa.Column("themes", sa.JSON(), nullable=False),
    sa.Column("folder_id", sa.String(length=20), nullable=True),
    sa.Column("folder_title", sa.Text(), nullable=True),
    sa.Column("siblings", sa.JSON(), nullable=False),
    sa.Column("breadcrumb", sa.JSON(), nullable=False),
    sa.Column("links", sa.JSON(), nullable=False),
    sa.Column("body_html", sa.Text(), nullable=False),
    sa.Column("xml", sa.Text(), nullable=False),
    sa.Column("content_hash", sa.String(length=64), nullable=False),
    sa.Column("renderer_version", sa.Integer(), nullable=False),
    sa.Column("imported_at", sa.DateTime(), nullable=False),
    sa.Column("search_title", sa.Text(), nullable=False),
    sa.Column("search_body", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("pk"),
    sa.UniqueConstraint("id"),
)
_index("dila_sheets", "ix_dila_sheets_browse", ["audience", "theme_id", "folder_id"], unique=False)
_index("dila_sheets", "ix_dila_sheets_imported_at", ["imported_at"], unique=False)

_table(
    "dila_sources",
    sa.Column("source", sa.String(length=1000), nullable=False),
    sa.Column("etag", sa.Text(), nullable=True),
    sa.Column("last_modified", sa.String(length=100), nullable=True),
    sa.Column("fingerprint", sa.String(length=64), nullable=True),
    sa.Column("checked_at", sa.DateTime(), nullable=True),
    sa.Column("imported_at", sa.DateTime(), nullable=True),
    sa.Column("last_result", sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint("source"),
)
_table(
    "directory_entries",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("updated_at", sa.DateTime(), nullable=False),
    sa.Column("search_title", sa.Text(), nullable=False),
    sa.Column("search_body", sa.Text(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("category", sa.String(length=100), nullable=False),
    sa.Column("commune", sa.String(length=5), nullable=False),
    sa.Column("address", sa.String(length=300), nullable=False),
    sa.Column("email", sa.String(length=320), nullable=False),
    sa.Column("phone", sa.String(length=30), nullable=False),
    sa.Column("website", sa.String(length=300), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("logo_type", sa.String(length=30), nullable=True),
    sa.Column("logo", sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
)
_index("directory_entries", "ix_directory_entries_category", ["category", "name"], unique=False)
_index("directory_entries", "ix_directory_entries_commune", ["commune", "name"], unique=False)
_index(
    "directory_entries",
    "ix_directory_entries_facets",
    ["category", "commune", "kind"],
    unique=False,
)
_index("directory_entries", "ix_directory_entries_name", ["name"], unique=False)
_index("directory_entries", "ix_directory_entries_updated_at", ["updated_at"], unique=False)

_table(
    "gis_layer_versions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("layer", sa.String(length=32), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("sha256", sa.String(length=64), nullable=False),
    sa.Column("filename", sa.String(length=255), nullable=False),
    sa.Column("feature_count", sa.Integer(), nullable=False),
    sa.Column("imported_by", sa.String(length=255), nullable=False),
    sa.Column("imported_at", sa.DateTime(), nullable=False),
    sa.Column("demo", sa.Boolean(), nullable=False),
    sa.Column("manifest", sa.JSON(), nullable=False),
    sa.Column("diff", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("layer", "number", name="uq_gis_layer_number"),
)
_index("gis_layer_versions", "ix_gis_layer_versions_layer", ["layer"], unique=False)

_table(
    "hook_tokens",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("room_key", sa.String(length=255), nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("label", sa.String(length=200), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("revoked_at", sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("token_hash"),
)
_table(
    "mail_queue",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("recipient", sa.String(length=320), nullable=False),
    sa.Column("subject", sa.String(length=255), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("sent_at", sa.DateTime(), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("refused_since", sa.DateTime(), nullable=True),
    sa.Column("dead_at", sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
)
_table(
    "mairies",
    sa.Column("insee", sa.String(length=5), nullable=False),
    sa.Column("name", sa.String(length=500), nullable=False),
    sa.Column("record_id", sa.String(length=500), nullable=False),
    sa.Column("addresses", sa.JSON(), nullable=False),
    sa.Column("phones", sa.JSON(), nullable=False),
    sa.Column("emails", sa.JSON(), nullable=False),
    sa.Column("websites", sa.JSON(), nullable=False),
    sa.Column("hours", sa.JSON(), nullable=False),
    sa.Column("modified", sa.String(length=500), nullable=False),
    sa.Column("imported_at", sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint("insee"),
)
_table(
    "matrix_rooms",
    sa.Column("key", sa.String(length=100), nullable=False),
    sa.Column("room_id", sa.String(length=255), nullable=False),
    sa.Column("name", sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint("key"),
    sa.UniqueConstraint("room_id"),
)
_table(
    "news",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("summary", sa.String(length=500), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("search_text", sa.Text(), nullable=False),
    sa.Column("published_at", sa.DateTime(), nullable=False),
    sa.Column("updated_at", sa.DateTime(), nullable=False),
    sa.Column("author", sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint("id"),
)
_index("news", "ix_news_published_at", ["published_at"], unique=False)

_table(
    "outbox",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=64), nullable=False),
    sa.Column("room_key", sa.String(length=100), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("source_id", sa.String(length=255), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("room_id", sa.String(length=255), nullable=True),
    sa.Column("event_id", sa.String(length=255), nullable=True),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("sent_at", sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("source_id"),
)
_index("outbox", "ix_outbox_due", ["status", "room_key", "id"], unique=False)
_index("outbox", "ix_outbox_event_id", ["event_id"], unique=False)

_table(
    "rate_windows",
    sa.Column("key", sa.String(length=255), nullable=False),
    sa.Column("window_start", sa.DateTime(), nullable=False),
    sa.Column("hits", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)
_table(
    "source_state",
    sa.Column("key", sa.String(length=255), nullable=False),
    sa.Column("value", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)
_table(
    "childcare_activities",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("centre_key", sa.String(length=64), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("age_min", sa.Integer(), nullable=False),
    sa.Column("age_max", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.CheckConstraint("age_min <= age_max", name="ck_childcare_activity_ages"),
    sa.ForeignKeyConstraint(
        ["centre_key"],
        ["childcare_centres.key"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
_index("childcare_activities", "ix_childcare_activities_centre_key", ["centre_key"], unique=False)

_table(
    "childcare_allocations",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("period_id", sa.Integer(), nullable=False),
    sa.Column("seed", sa.String(length=64), nullable=False),
    sa.Column("rules", sa.JSON(), nullable=False),
    sa.Column("decisions", sa.JSON(), nullable=False),
    sa.Column("requests", sa.Integer(), nullable=False),
    sa.Column("places_given", sa.Integer(), nullable=False),
    sa.Column("waitlisted", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(
        ["period_id"],
        ["childcare_periods.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("period_id"),
)
_table(
    "childcare_api_tokens",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("family_id", sa.Integer(), nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("expires_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["family_id"], ["childcare_families.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("token_hash"),
)
_index("childcare_api_tokens", "ix_childcare_api_tokens_family_id", ["family_id"], unique=False)

_table(
    "childcare_children",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("family_id", sa.Integer(), nullable=False),
    sa.Column("first_name", sa.String(length=100), nullable=False),
    sa.Column("last_name", sa.String(length=100), nullable=False),
    sa.Column("birth_date", sa.Date(), nullable=False),
    sa.Column("school_level", sa.String(length=20), nullable=True),
    sa.Column("pai_flag", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["family_id"], ["childcare_families.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
)
_index("childcare_children", "ix_childcare_children_family_id", ["family_id"], unique=False)

_table(
    "childcare_documents",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("family_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("path", sa.String(length=300), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("uploaded_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["family_id"], ["childcare_families.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
)
_index("childcare_documents", "ix_childcare_documents_family_id", ["family_id"], unique=False)

_table(
    "childcare_prices",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("period_id", sa.Integer(), nullable=True),
    sa.Column("quotient_max", sa.Integer(), nullable=True),
    sa.Column("duration", sa.String(length=10), nullable=False),
    sa.Column("amount_cents", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["period_id"],
        ["childcare_periods.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
_index("childcare_prices", "ix_childcare_prices_period_id", ["period_id"], unique=False)

_table(
    "directory_submissions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("entry_id", sa.Integer(), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("submitter_name", sa.String(length=200), nullable=False),
    sa.Column("submitter_email", sa.String(length=320), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("decided_at", sa.DateTime(), nullable=True),
    sa.Column("decided_by", sa.String(length=255), nullable=True),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("published_entry_id", sa.Integer(), nullable=True),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("category", sa.String(length=100), nullable=False),
    sa.Column("commune", sa.String(length=5), nullable=False),
    sa.Column("address", sa.String(length=300), nullable=False),
    sa.Column("email", sa.String(length=320), nullable=False),
    sa.Column("phone", sa.String(length=30), nullable=False),
    sa.Column("website", sa.String(length=300), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("logo_type", sa.String(length=30), nullable=True),
    sa.Column("logo", sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(["entry_id"], ["directory_entries.id"], ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id"),
)
_index("directory_submissions", "ix_directory_submissions_status", ["status", "id"], unique=False)

_table(
    "gis_features",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("version_id", sa.Integer(), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("fid", sa.String(length=255), nullable=False),
    sa.Column("partition", sa.String(length=64), nullable=True),
    sa.Column("properties", sa.JSON(), nullable=False),
    sa.Column("geometry", sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(["version_id"], ["gis_layer_versions.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
)
_index("gis_features", "ix_gis_features_version_fid", ["version_id", "fid"], unique=False)

_table(
    "childcare_registrations",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("family_id", sa.Integer(), nullable=False),
    sa.Column("child_id", sa.Integer(), nullable=False),
    sa.Column("period_id", sa.Integer(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("idempotency_key", sa.String(length=255), nullable=False),
    sa.Column("fingerprint", sa.String(length=64), nullable=False),
    sa.Column("public_code", sa.String(length=16), nullable=False),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("decided_by", sa.String(length=255), nullable=True),
    sa.Column("decided_at", sa.DateTime(), nullable=True),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("updated_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(
        ["child_id"],
        ["childcare_children.id"],
    ),
    sa.ForeignKeyConstraint(
        ["family_id"],
        ["childcare_families.id"],
    ),
    sa.ForeignKeyConstraint(
        ["period_id"],
        ["childcare_periods.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("family_id", "idempotency_key", name="uq_childcare_registration_key"),
    sa.UniqueConstraint("public_code"),
)
_index("childcare_registrations", "ix_childcare_registrations_child_id", ["child_id"], unique=False)
_index(
    "childcare_registrations", "ix_childcare_registrations_family_id", ["family_id"], unique=False
)
_index(
    "childcare_registrations",
    "ix_childcare_registrations_period_status",
    ["period_id", "status"],
    unique=False,
)

_table(
    "childcare_sessions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("activity_id", sa.Integer(), nullable=False),
    sa.Column("period_id", sa.Integer(), nullable=False),
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("slot", sa.String(length=10), nullable=False),
    sa.Column("capacity", sa.Integer(), nullable=False),
    sa.Column("places_taken", sa.Integer(), nullable=False),
    sa.Column("waitlist_length", sa.Integer(), nullable=False),
    sa.CheckConstraint(
        "places_taken >= 0 AND places_taken <= capacity", name="ck_childcare_session_places"
    ),
    sa.CheckConstraint("waitlist_length >= 0", name="ck_childcare_session_waitlist"),
    sa.ForeignKeyConstraint(
        ["activity_id"],
        ["childcare_activities.id"],
    ),
    sa.ForeignKeyConstraint(
        ["period_id"],
        ["childcare_periods.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
_index("childcare_sessions", "ix_childcare_sessions_activity_id", ["activity_id"], unique=False)
_index(
    "childcare_sessions", "ix_childcare_sessions_period_date", ["period_id", "date"], unique=False
)

_table(
    "childcare_refusal_prompts",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("registration_id", sa.Integer(), nullable=False),
    sa.Column("secretary", sa.String(length=255), nullable=False),
    sa.Column("alert_event_id", sa.String(length=255), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("closed_at", sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(
        ["registration_id"], ["childcare_registrations.id"], ondelete="CASCADE"
    ),
    sa.PrimaryKeyConstraint("id"),
)
_index(
    "childcare_refusal_prompts",
    "ix_childcare_prompts_open",
    ["alert_event_id", "secretary"],
    unique=False,
)
_index(
    "childcare_refusal_prompts",
    "ix_childcare_refusal_prompts_registration_id",
    ["registration_id"],
    unique=False,
)

_table(
    "childcare_registration_sessions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("registration_id", sa.Integer(), nullable=False),
    sa.Column("session_id", sa.Integer(), nullable=False),
    sa.Column("child_id", sa.Integer(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("waitlist_rank", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(
        ["registration_id"], ["childcare_registrations.id"], ondelete="CASCADE"
    ),
    sa.ForeignKeyConstraint(
        ["session_id"],
        ["childcare_sessions.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("registration_id", "session_id", name="uq_childcare_line"),
)
_index(
    "childcare_registration_sessions",
    "ix_childcare_lines_waitlist",
    ["session_id", "status", "waitlist_rank"],
    unique=False,
)
_index(
    "childcare_registration_sessions",
    "uq_childcare_child_session_active",
    ["child_id", "session_id"],
    unique=True,
    sqlite_where=sa.text("status != 'released'"),
    postgresql_where=sa.text("status != 'released'"),
)


# portal.fulltext's indexes as that release made them: the table and its primary key.
FULLTEXT = {"directory_entries": "id", "dila_sheets": "pk"}


def _fulltext_statements(dialect: str, name: str, pk: str) -> list[str]:
    fts, cols = f"{name}_fts", "search_title, search_body"
    new, old = "new.search_title, new.search_body", "old.search_title, old.search_body"
    if dialect == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{name}', "
            f"content_rowid='{pk}', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
            f"INSERT INTO {fts}({fts}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
            f"CREATE TRIGGER IF NOT EXISTS {name}_fts_ai AFTER INSERT ON {name} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_fts_ad AFTER DELETE ON {name} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{pk}, {old}); END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_fts_au AFTER UPDATE OF search_title, "
            f"search_body ON {name} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{pk}, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{pk}, {new}); END",
            # Rows already in the table (a database that had them before its index).
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]
    vector = (
        "setweight(to_tsvector('simple', coalesce(search_title, '')), 'A') || "
        "setweight(to_tsvector('simple', coalesce(search_body, '')), 'B')"
    )
    return [
        f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{name}_search ON {name} USING gin (search_vector) "
        "WITH (fastupdate = off)",
    ]


def _has_fulltext(bind: sa.Connection, name: str) -> bool:
    found = sa.inspect(bind)
    if bind.dialect.name == "sqlite":
        return found.has_table(f"{name}_fts")
    return "search_vector" in {c["name"] for c in found.get_columns(name)}


def _add_missing_columns(bind: sa.Connection, table: sa.Table) -> None:
    have = {column["name"] for column in sa.inspect(bind).get_columns(table.name)}
    for column in table.columns:
        if column.name in have:
            continue
        if not column.nullable:
            raise SchemaError(
                f"table {table.name}: column {column.name} is missing and NOT NULL; this "
                "database is older than the last release before migrations: upgrade it with "
                "that release first"
            )
        op.add_column(table.name, sa.Column(column.name, column.type, nullable=True))


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    for table in BASELINE.sorted_tables:
        if table.name in existing:
            _add_missing_columns(bind, table)
            for index in table.indexes:
                index.create(bind, checkfirst=True)
        else:
            table.create(bind)
    for name, pk in FULLTEXT.items():
        if not _has_fulltext(bind, name):
            for statement in _fulltext_statements(bind.dialect.name, name, pk):
                bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in FULLTEXT:
            bind.exec_driver_sql(f"DROP TABLE IF EXISTS {name}_fts")
    for table in reversed(BASELINE.sorted_tables):
        table.drop(bind, checkfirst=True)
