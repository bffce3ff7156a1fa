"""Prompt schedules, prompt slots, answers, processed events and the scheduler lease.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(
            sa.Column("prompt_weekday", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(
            sa.Column("prompt_minute", sa.Integer(), nullable=False, server_default="540")
        )
        batch.add_column(
            sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("skip_holidays", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column(
                "themes",
                sa.String(length=64),
                nullable=False,
                server_default="leercultuur,casuistiek,doorverwijzing",
            )
        )
        batch.add_column(
            sa.Column("reminder_enabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("attention_reason", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("attention_since", UTCDateTime(), nullable=True))

    op.create_table(
        "prompt_slot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id", sa.Integer(), sa.ForeignKey("team.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("slot_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("slot_date", sa.Date(), nullable=False),
        sa.Column("prompt_id", sa.String(length=64), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("reminder_due_at", UTCDateTime(), nullable=True),
        sa.Column("reminder_sent_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("team_id", "slot_key", name="uq_prompt_slot_team_key"),
    )
    op.create_index("ix_prompt_slot_team_id", "prompt_slot", ["team_id"])
    op.create_index("ix_prompt_slot_message", "prompt_slot", ["channel_id", "message_ts"])
    op.create_index("ix_prompt_slot_status", "prompt_slot", ["status"])

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "slot_id",
            sa.Integer(),
            sa.ForeignKey("prompt_slot.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "team_id", sa.Integer(), sa.ForeignKey("team.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("quotable", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("text", sa.String(length=4000), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("channel_id", "message_ts", name="uq_answer_message"),
    )
    op.create_index("ix_answer_slot_id", "answer", ["slot_id"])
    op.create_index("ix_answer_user_id", "answer", ["user_id"])
    op.create_index("ix_answer_team_created", "answer", ["team_id", "created_at"])

    op.create_table(
        "answer_knelpunt",
        sa.Column(
            "answer_id",
            sa.Integer(),
            sa.ForeignKey("answer.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("knelpunt_id", sa.String(length=64), primary_key=True),
    )
    op.create_table(
        "processed_event",
        sa.Column("event_id", sa.String(length=64), primary_key=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_processed_event_received_at", "processed_event", ["received_at"])
    op.create_table(
        "scheduler_lease",
        sa.Column("name", sa.String(length=32), primary_key=True),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scheduler_lease")
    op.drop_index("ix_processed_event_received_at", table_name="processed_event")
    op.drop_table("processed_event")
    op.drop_table("answer_knelpunt")
    op.drop_index("ix_answer_team_created", table_name="answer")
    op.drop_index("ix_answer_user_id", table_name="answer")
    op.drop_index("ix_answer_slot_id", table_name="answer")
    op.drop_table("answer")
    op.drop_index("ix_prompt_slot_status", table_name="prompt_slot")
    op.drop_index("ix_prompt_slot_message", table_name="prompt_slot")
    op.drop_index("ix_prompt_slot_team_id", table_name="prompt_slot")
    op.drop_table("prompt_slot")
    with op.batch_alter_table("team") as batch:
        for column in (
            "attention_since",
            "attention_reason",
            "reminder_enabled",
            "themes",
            "skip_holidays",
            "paused",
            "prompt_minute",
            "prompt_weekday",
        ):
            batch.drop_column(column)
