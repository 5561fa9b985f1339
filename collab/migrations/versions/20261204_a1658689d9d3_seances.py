"""Séances: meetings, agenda, annexes, recipients, answers, proof log; mail attachments

Revision a1658689d9d3, after 276daf04df10; created 2026-12-04 18:59:59.027030.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a1658689d9d3"
down_revision = "276daf04df10"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance", sa.String(length=50), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("remote_allowed", sa.Boolean(), nullable=False),
        sa.Column("proxies_allowed", sa.Boolean(), nullable=False),
        sa.Column("urgency", sa.Boolean(), nullable=False),
        sa.Column("urgency_reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("seances", schema=None) as batch_op:
        batch_op.create_index("ix_seances_instance_start", ["instance", "starts_at"], unique=False)

    op.create_table(
        "mail_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["mail_id"], ["mail_queue.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_attachments_mail_id"), ["mail_id"], unique=False)

    op.create_table(
        "seance_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("localpart", sa.String(length=255), nullable=False),
        sa.Column("choice", sa.String(length=16), nullable=False),
        sa.Column("proxy_to", sa.String(length=255), nullable=True),
        sa.Column("illness", sa.Boolean(), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["seance_id"], ["seances.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seance_id", "localpart"),
    )
    op.create_table(
        "seance_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("rapporteur", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("remote_excluded", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["seance_id"], ["seances.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("seance_items", schema=None) as batch_op:
        batch_op.create_index("ix_seance_items_seance", ["seance_id", "position"], unique=False)

    op.create_table(
        "seance_proof_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=255), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("documents_hash", sa.String(length=64), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["seance_id"], ["seances.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seance_id", "sequence"),
    )
    op.create_table(
        "seance_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("localpart", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matrix_source_id", sa.String(length=255), nullable=True),
        sa.Column("mail_id", sa.Integer(), nullable=True),
        sa.Column("matrix_sent_at", sa.DateTime(), nullable=True),
        sa.Column("matrix_delivered_at", sa.DateTime(), nullable=True),
        sa.Column("matrix_read_at", sa.DateTime(), nullable=True),
        sa.Column("mail_sent_at", sa.DateTime(), nullable=True),
        sa.Column("mail_delivered_at", sa.DateTime(), nullable=True),
        sa.Column("mail_opened_at", sa.DateTime(), nullable=True),
        sa.Column("calendar_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["seance_id"], ["seances.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seance_id", "localpart"),
        sa.UniqueConstraint("token"),
    )
    op.create_table(
        "seance_annexes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["seance_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("seance_annexes")
    op.drop_table("seance_recipients")
    op.drop_table("seance_proof_log")
    with op.batch_alter_table("seance_items", schema=None) as batch_op:
        batch_op.drop_index("ix_seance_items_seance")

    op.drop_table("seance_items")
    op.drop_table("seance_answers")
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_attachments_mail_id"))

    op.drop_table("mail_attachments")
    with op.batch_alter_table("seances", schema=None) as batch_op:
        batch_op.drop_index("ix_seances_instance_start")

    op.drop_table("seances")
