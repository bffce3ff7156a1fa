"""The signalenrapport: teams that share their monthly figures, signals to the gemeente, and
which beleidsadviseur got which month.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _team_id(*, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        "team_id",
        sa.Integer(),
        sa.ForeignKey("team.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "team_sharing",
        _team_id(primary_key=True),
        sa.Column("since", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "gemeente_signal",
        sa.Column("id", sa.Integer(), primary_key=True),
        _team_id(),
        sa.Column("sender_id", sa.String(length=32), nullable=True),
        sa.Column("knelpunt_id", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("weeks_raised", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=True),
        sa.Column("people", sa.Integer(), nullable=True),
        sa.Column("cases", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_gemeente_signal_team_id", "gemeente_signal", ["team_id"])
    op.create_index("ix_gemeente_signal_sender_id", "gemeente_signal", ["sender_id"])
    op.create_index("ix_gemeente_signal_created", "gemeente_signal", ["created_at"])
    op.create_table(
        "rapport_delivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("month", "user_id", name="uq_rapport_delivery"),
    )
    op.create_index("ix_rapport_delivery_user_id", "rapport_delivery", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_rapport_delivery_user_id", table_name="rapport_delivery")
    op.drop_table("rapport_delivery")
    op.drop_index("ix_gemeente_signal_created", table_name="gemeente_signal")
    op.drop_index("ix_gemeente_signal_sender_id", table_name="gemeente_signal")
    op.drop_index("ix_gemeente_signal_team_id", table_name="gemeente_signal")
    op.drop_table("gemeente_signal")
    op.drop_table("team_sharing")
