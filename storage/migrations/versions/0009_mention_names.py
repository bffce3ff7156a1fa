"""Texts keep a user mention as its Slack id only: <@U123|sanne> becomes <@U123>.

With should_escape (the manifest's setting) Slack writes the user's name beside the id in slash
command text, and /knelpunt and /casus stored it as typed: a colleague's name in the database.
The bot now leaves it out before storing (bot.views.mrkdwn.command_text); this removes it from
what was stored before. No schema change.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MENTION_NAME = re.compile(r"<@([UW][A-Z0-9]{2,30})\|[^<>]*>")
COLUMNS = (("knelpunt_signal", "text"), ("casus", "description"))


def upgrade() -> None:
    connection = op.get_bind()
    for table, column in COLUMNS:
        rows = connection.execute(
            sa.text(f"SELECT id, {column} FROM {table} WHERE {column} LIKE '%<@%|%'")
        ).all()
        for row_id, value in rows:
            cleaned = MENTION_NAME.sub(r"<@\1>", value)
            if cleaned != value:
                connection.execute(
                    sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
                    {"value": cleaned, "id": row_id},
                )


def downgrade() -> None:
    """The names are gone; nothing to restore."""
