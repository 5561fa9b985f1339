"""Séances held and published: sitting, sign-in sheet, item outcomes, named votes, acts

Revision 05e09f47b17f, after a1658689d9d3; created 2026-12-04 19:06:10.806029.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "05e09f47b17f"
down_revision = "a1658689d9d3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seance_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("localpart", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proxy_to", sa.String(length=255), nullable=True),
        sa.Column("substitute", sa.String(length=255), nullable=True),
        sa.Column("arrival_item", sa.Integer(), nullable=True),
        sa.Column("departure_item", sa.Integer(), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seances.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seance_id", "localpart"),
    )
    with op.batch_alter_table("seance_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seance_attendance_seance_id"), ["seance_id"], unique=False
        )

    op.create_table(
        "seance_published_acts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("instance", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=255), nullable=True),
        sa.Column("author", sa.String(length=255), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("replaces", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["replaces"],
            ["seance_published_acts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seances.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("seance_published_acts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seance_published_acts_published_at"), ["published_at"], unique=False
        )
        batch_op.create_index(
            "ix_seance_published_acts_seance", ["seance_id", "kind"], unique=False
        )

    op.create_table(
        "seance_sittings",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("reconvened_from", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("secretary", sa.String(length=255), nullable=True),
        sa.Column("in_office", sa.Integer(), nullable=True),
        sa.Column("present_at_opening", sa.Integer(), nullable=True),
        sa.Column("represented_at_opening", sa.Integer(), nullable=True),
        sa.Column("quorum_required", sa.Integer(), nullable=True),
        sa.Column("quorum_met", sa.Boolean(), nullable=True),
        sa.Column("minutes_summary", sa.Text(), nullable=False),
        sa.Column("minutes_adopted_at", sa.Integer(), nullable=True),
        sa.Column("minutes_adopted_on", sa.Date(), nullable=True),
        sa.Column("minutes_remarks", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["minutes_adopted_at"],
            ["seances.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reconvened_from"],
            ["seances.id"],
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seances.id"],
        ),
        sa.PrimaryKeyConstraint("seance_id"),
    )
    op.create_table(
        "seance_item_outcomes",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("carried_over_from", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=32), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("ballot", sa.String(length=8), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("abstentions", sa.Integer(), nullable=False),
        sa.Column("not_voting", sa.Integer(), nullable=False),
        sa.Column("casting_vote", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("represented", sa.Integer(), nullable=False),
        sa.Column("quorum_required", sa.Integer(), nullable=False),
        sa.Column("without_quorum", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("debate", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("recorded_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["seance_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seances.id"],
        ),
        sa.PrimaryKeyConstraint("item_id"),
    )
    with op.batch_alter_table("seance_item_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_seance_item_outcomes_seance_id"), ["seance_id"], unique=False
        )

    op.create_table(
        "seance_named_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("localpart", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("vote", sa.String(length=16), nullable=False),
        sa.Column("cast_by", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["seance_item_outcomes.item_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "localpart"),
    )


def downgrade() -> None:
    op.drop_table("seance_named_votes")
    with op.batch_alter_table("seance_item_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seance_item_outcomes_seance_id"))

    op.drop_table("seance_item_outcomes")
    op.drop_table("seance_sittings")
    with op.batch_alter_table("seance_published_acts", schema=None) as batch_op:
        batch_op.drop_index("ix_seance_published_acts_seance")
        batch_op.drop_index(batch_op.f("ix_seance_published_acts_published_at"))

    op.drop_table("seance_published_acts")
    with op.batch_alter_table("seance_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seance_attendance_seance_id"))

    op.drop_table("seance_attendance")
