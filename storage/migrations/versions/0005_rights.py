"""Data rights: the audit log, teams unlinked but kept, and authors that can be erased.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("unlinked_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("former_channel_id", sa.String(length=32), nullable=True))
    for table in ("casus", "knelpunt_signal"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("user_id", existing_type=sa.String(length=32), nullable=True)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_team_id", "audit_log", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_team_id", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    for table in ("casus", "knelpunt_signal"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("user_id", existing_type=sa.String(length=32), nullable=False)
    with op.batch_alter_table("team") as batch:
        batch.drop_column("former_channel_id")
        batch.drop_column("unlinked_at")
