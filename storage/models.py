"""The tables: what Reflectiebot remembers. Slack ids only, never names of people."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

SLACK_ID_LENGTH = 32
TEAM_NAME_LENGTH = 80


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (portable across SQLite and PostgreSQL), returns aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Team(SQLModel, table=True):
    """A wijkteam, bound to one Slack channel."""

    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=SLACK_ID_LENGTH, unique=True)
    name: str = Field(max_length=TEAM_NAME_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Teamleider(SQLModel, table=True):
    """A Slack user who leads a team: may change its settings and receives its weekspiegel."""

    __tablename__ = "teamleider"

    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    user_id: str = Field(max_length=SLACK_ID_LENGTH, primary_key=True, index=True)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
