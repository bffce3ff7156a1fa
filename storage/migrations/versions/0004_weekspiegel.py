"""The weekspiegel: when each team gets it, and who got which week.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(
            sa.Column("digest_weekday", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("digest_minute", sa.Integer(), nullable=False, server_default="510")
        )
    op.create_table(
        "digest_delivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id", sa.Integer(), sa.ForeignKey("team.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("team_id", "week", "user_id", name="uq_digest_delivery"),
    )
    op.create_index("ix_digest_delivery_user_id", "digest_delivery", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_digest_delivery_user_id", table_name="digest_delivery")
    op.drop_table("digest_delivery")
    with op.batch_alter_table("team") as batch:
        batch.drop_column("digest_minute")
        batch.drop_column("digest_weekday")
