"""Knelpunt links keep how sure the recogniser was; items say whether their author chose them.

`probability` is the recogniser's calibrated probability (NULL when a person chose the knelpunt
or only the lexicon knows it), `confident` whether it counts in the weekspiegel (existing links
were counted, so they stay confident). `knelpunten_confirmed` marks an answer, case or signal
whose knelpunten its author chose or corrected: a labelled example in the team's own words.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LINKS = ("answer_knelpunt", "casus_knelpunt", "signal_knelpunt")
ITEMS = ("answer", "casus", "knelpunt_signal")


def upgrade() -> None:
    for table in LINKS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("probability", sa.Float(), nullable=True))
            batch.add_column(
                sa.Column("confident", sa.Boolean(), nullable=False, server_default=sa.true())
            )
    for table in ITEMS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column(
                    "knelpunten_confirmed", sa.Boolean(), nullable=False, server_default=sa.false()
                )
            )


def downgrade() -> None:
    for table in ITEMS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("knelpunten_confirmed")
    for table in LINKS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("confident")
            batch.drop_column("probability")
