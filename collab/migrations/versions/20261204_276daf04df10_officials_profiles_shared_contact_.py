"""The officials' space: what each person shares in the directory, and their weekly digest

Revision 276daf04df10, after baseline; created 2026-12-04 19:04:47.336562.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "276daf04df10"
down_revision = "baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "official_profiles",
        sa.Column("localpart", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("share_phone", sa.Boolean(), nullable=False),
        sa.Column("share_email", sa.Boolean(), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("digest_sent_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("localpart"),
    )


def downgrade() -> None:
    op.drop_table("official_profiles")
