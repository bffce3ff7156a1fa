"""Anonymity and erasure: anonymous answers in no order, and the bot's Slack copies findable.

- Anonymous answers already stored get random ids (new answers get them from storage.answers)
  and their time rounded to Wednesday 12:00 of their ISO week (in REFLECTIEBOT_TIMEZONE from
  the environment, default Europe/Amsterdam), so nothing orders them between named answers.
- On SQLite, answer_knelpunt becomes a table WITHOUT ROWID: no hidden rowid keeps the order
  in which answers arrived.
- digest_delivery remembers the DM it posted (channel, ts) and its agenda; digest_quote which
  answers it quoted; slack_cleanup which of the bot's messages still show an erased text.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import os
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ANSWER_COLUMNS = (
    "slot_id, team_id, user_id, anonymous, quotable, source, text, channel_id, message_ts, "
    "updated_at"
)
_ID_SPACE = 2**31 - 1  # PostgreSQL's integer


def _week_middle(stored: datetime, timezone: ZoneInfo, sqlite: bool) -> datetime | str:
    local = stored.replace(tzinfo=UTC).astimezone(timezone)
    wednesday = local.date() - timedelta(days=local.weekday()) + timedelta(days=2)
    moment = datetime.combine(wednesday, time(12), tzinfo=timezone).astimezone(UTC)
    naive = moment.replace(tzinfo=None)
    # SQLite keeps times as text in SQLAlchemy's own format; write exactly that.
    return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else naive


def _renumber_anonymous_answers() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    timezone = ZoneInfo(os.environ.get("REFLECTIEBOT_TIMEZONE") or "Europe/Amsterdam")
    rows = bind.execute(
        sa.text("SELECT id, created_at FROM answer WHERE anonymous = :yes"), {"yes": True}
    ).all()
    for old_id, created_at in rows:
        if isinstance(created_at, str):  # SQLite hands back text
            created_at = datetime.fromisoformat(created_at)
        while True:
            new_id = secrets.randbelow(_ID_SPACE) + 1
            taken = bind.execute(sa.text("SELECT 1 FROM answer WHERE id = :id"), {"id": new_id})
            if taken.first() is None:
                break
        bind.execute(
            sa.text(
                f"INSERT INTO answer (id, {_ANSWER_COLUMNS}, created_at) "
                f"SELECT :new, {_ANSWER_COLUMNS}, :moment FROM answer WHERE id = :old"
            ),
            {"new": new_id, "old": old_id, "moment": _week_middle(created_at, timezone, sqlite)},
        )
        bind.execute(
            sa.text("UPDATE answer_knelpunt SET answer_id = :new WHERE answer_id = :old"),
            {"new": new_id, "old": old_id},
        )
        bind.execute(sa.text("DELETE FROM answer WHERE id = :old"), {"old": old_id})


def _answer_knelpunt_without_rowid() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE answer_knelpunt_new ("
        " answer_id INTEGER NOT NULL,"
        " knelpunt_id VARCHAR(64) NOT NULL,"
        " PRIMARY KEY (answer_id, knelpunt_id),"
        " FOREIGN KEY(answer_id) REFERENCES answer (id) ON DELETE CASCADE"
        ") WITHOUT ROWID"
    )
    op.execute(
        "INSERT INTO answer_knelpunt_new (answer_id, knelpunt_id) "
        "SELECT answer_id, knelpunt_id FROM answer_knelpunt"
    )
    op.execute("DROP TABLE answer_knelpunt")
    op.execute("ALTER TABLE answer_knelpunt_new RENAME TO answer_knelpunt")


def upgrade() -> None:
    _renumber_anonymous_answers()
    _answer_knelpunt_without_rowid()
    with op.batch_alter_table("digest_delivery") as batch:
        batch.add_column(sa.Column("channel_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("message_ts", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("agenda", sa.String(length=160), nullable=True))
    op.create_table(
        "digest_quote",
        sa.Column(
            "delivery_id",
            sa.Integer(),
            sa.ForeignKey("digest_delivery.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "answer_id",
            sa.Integer(),
            sa.ForeignKey("answer.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_digest_quote_answer_id", "digest_quote", ["answer_id"])
    op.create_table(
        "slack_cleanup",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.UniqueConstraint("kind", "ref_id", name="uq_slack_cleanup_target"),
    )
    op.create_index("ix_slack_cleanup_next_attempt_at", "slack_cleanup", ["next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_cleanup_next_attempt_at", table_name="slack_cleanup")
    op.drop_table("slack_cleanup")
    op.drop_index("ix_digest_quote_answer_id", table_name="digest_quote")
    op.drop_table("digest_quote")
    with op.batch_alter_table("digest_delivery") as batch:
        batch.drop_column("agenda")
        batch.drop_column("message_ts")
        batch.drop_column("channel_id")
    # Random ids and rounded times stay: the order they came in is gone for good.
