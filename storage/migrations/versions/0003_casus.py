"""Cases (/casus) and knelpunt signals (/knelpunt), each with their knelpunten.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _team_id() -> sa.Column[int]:
    return sa.Column(
        "team_id", sa.Integer(), sa.ForeignKey("team.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "casus",
        sa.Column("id", sa.Integer(), primary_key=True),
        _team_id(),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("description", sa.String(length=1500), nullable=False),
        sa.Column("domains", sa.String(length=400), nullable=False),
        sa.Column("intake", sa.String(length=32), nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("destinations", sa.String(length=400), nullable=False),
        sa.Column("reasons", sa.String(length=400), nullable=False),
        sa.Column("reason_note", sa.String(length=300), nullable=False),
        sa.Column("bring_up", sa.Boolean(), nullable=False),
        sa.Column(
            "discussed_slot_id",
            sa.Integer(),
            sa.ForeignKey("prompt_slot.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_casus_team_created", "casus", ["team_id", "created_at"])
    op.create_index("ix_casus_user_created", "casus", ["user_id", "created_at"])
    op.create_table(
        "casus_knelpunt",
        sa.Column(
            "casus_id",
            sa.Integer(),
            sa.ForeignKey("casus.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("knelpunt_id", sa.String(length=64), primary_key=True),
    )
    op.create_table(
        "knelpunt_signal",
        sa.Column("id", sa.Integer(), primary_key=True),
        _team_id(),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_knelpunt_signal_team_created", "knelpunt_signal", ["team_id", "created_at"])
    op.create_index("ix_knelpunt_signal_user_created", "knelpunt_signal", ["user_id", "created_at"])
    op.create_table(
        "signal_knelpunt",
        sa.Column(
            "signal_id",
            sa.Integer(),
            sa.ForeignKey("knelpunt_signal.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("knelpunt_id", sa.String(length=64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("signal_knelpunt")
    op.drop_index("ix_knelpunt_signal_user_created", table_name="knelpunt_signal")
    op.drop_index("ix_knelpunt_signal_team_created", table_name="knelpunt_signal")
    op.drop_table("knelpunt_signal")
    op.drop_table("casus_knelpunt")
    op.drop_index("ix_casus_user_created", table_name="casus")
    op.drop_index("ix_casus_team_created", table_name="casus")
    op.drop_table("casus")
