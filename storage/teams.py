"""Queries about teams and their teamleiders. Every function takes a keyword-only session."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import ALL_THEMES, Team, Teamleider


def get_team_by_channel(*, session: Session, channel_id: str) -> Team | None:
    """The team linked to a channel, if any."""
    return session.exec(select(Team).where(Team.channel_id == channel_id)).first()


class TeamRef(NamedTuple):
    """What a request needs of a team (its id and name), read without the ORM."""

    id: int
    name: str


@cache
def _team_by_channel_statement() -> Any:
    teams = Team.__table__.c  # type: ignore[attr-defined]
    return sa_select(teams.id, teams.name).where(teams.channel_id == bindparam("channel_id"))


def team_ref_by_channel(*, connection: Connection, channel_id: str) -> TeamRef | None:
    """The team linked to a channel, as a TeamRef (a Core statement built once: every
    /casus and /knelpunt asks)."""
    row = connection.execute(_team_by_channel_statement(), {"channel_id": channel_id}).first()
    return None if row is None else TeamRef(row[0], row[1])


def create_team(
    *, session: Session, channel_id: str, name: str, leader_id: str | None, now: datetime
) -> Team:
    """Link a channel to a new team, with its first teamleider (since `now`) when given."""
    team = Team(channel_id=channel_id, name=name, created_at=now)
    session.add(team)
    session.flush()
    assert team.id is not None
    if leader_id is not None:
        session.add(Teamleider(team_id=team.id, user_id=leader_id, added_at=now))
        session.flush()
    return team


def rename_team(*, session: Session, team: Team, name: str) -> Team:
    """Give a team a new name."""
    team.name = name
    session.add(team)
    session.flush()
    return team


def is_teamleider(*, session: Session, team: Team, user_id: str) -> bool:
    """Whether the user leads this team."""
    return session.get(Teamleider, (team.id, user_id)) is not None


def add_teamleider(*, session: Session, team: Team, user_id: str, now: datetime) -> bool:
    """Make a user teamleider since `now`; False when they already were."""
    if is_teamleider(session=session, team=team, user_id=user_id):
        return False
    assert team.id is not None
    session.add(Teamleider(team_id=team.id, user_id=user_id, added_at=now))
    session.flush()
    return True


def list_teamleiders(*, session: Session, team: Team) -> list[str]:
    """Slack ids of the team's teamleiders, in the order they were added."""
    rows = session.exec(
        select(Teamleider.user_id)
        .where(Teamleider.team_id == team.id)
        .order_by(col(Teamleider.added_at), col(Teamleider.user_id))
    )
    return list(rows)


def team_themes(team: Team) -> list[str]:
    """The themes the team gets, in order."""
    return [theme for theme in team.themes.split(",") if theme] or ALL_THEMES.split(",")


def list_active_teams(*, session: Session, team_id: int | None = None) -> list[Team]:
    """Teams that are not paused (optionally just one)."""
    query = select(Team).where(col(Team.paused).is_(False)).order_by(col(Team.id))
    if team_id is not None:
        query = query.where(Team.id == team_id)
    return list(session.exec(query))


def list_teams(*, session: Session) -> list[Team]:
    """Every linked team."""
    query = select(Team).where(col(Team.unlinked_at).is_(None)).order_by(col(Team.id))
    return list(session.exec(query))


def find_team_for_export(*, session: Session, channel_id: str) -> Team | None:
    """A team by its channel, also one that was unlinked (and kept) since."""
    query = select(Team).where(
        (col(Team.channel_id) == channel_id) | (col(Team.former_channel_id) == channel_id)
    )
    return session.exec(query.order_by(col(Team.id).desc())).first()


def remove_teamleider(*, session: Session, team: Team, user_id: str) -> bool:
    """Remove a teamleider; False when they were not one."""
    leader = session.get(Teamleider, (team.id, user_id))
    if leader is None:
        return False
    session.delete(leader)
    session.flush()
    return True


def unlink_team(*, session: Session, team: Team, keep_data: bool, now: datetime) -> None:
    """Unlink a team from its channel: keep its data (for export) or erase all of it."""
    if not keep_data:
        session.delete(team)
        session.flush()
        return
    session.execute(delete(Teamleider).where(col(Teamleider.team_id) == team.id))
    team.former_channel_id = team.channel_id
    team.channel_id = f"-{team.id}"  # frees the channel for a new link
    team.unlinked_at = now
    team.paused = True
    session.add(team)
    session.flush()


def get_led_team(*, session: Session, team_ref: str, user_id: str) -> Team | None:
    """The team whose id is `team_ref` (a button's value) if `user_id` leads it, else None."""
    team = session.get(Team, int(team_ref)) if team_ref.isdigit() else None
    if team is None or not is_teamleider(session=session, team=team, user_id=user_id):
        return None
    return team


def get_team(*, session: Session, team_id: int) -> Team | None:
    """A team by id."""
    return session.get(Team, team_id)


def flag_attention(*, session: Session, team_id: int, reason: str, now: datetime) -> bool:
    """Mark the team as needing attention; True only the first time (so leaders hear it once)."""
    result = session.execute(
        update(Team)
        .where(col(Team.id) == team_id)
        .where(col(Team.attention_reason).is_(None))
        .values(attention_reason=reason[:64], attention_since=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def clear_attention(*, session: Session, team_id: int) -> None:
    """The team's channel works again."""
    session.execute(
        update(Team)
        .where(col(Team.id) == team_id)
        .where(col(Team.attention_reason).is_not(None))
        .values(attention_reason=None, attention_since=None)
    )


def teams_led_by(*, session: Session, user_id: str) -> list[Team]:
    """Teams the user leads."""
    query = (
        select(Team)
        .join(Teamleider, col(Teamleider.team_id) == col(Team.id))
        .where(Teamleider.user_id == user_id)
        .order_by(col(Team.id))
    )
    return list(session.exec(query))


def teams_for_channels(*, session: Session, channel_ids: list[str]) -> list[Team]:
    """The teams linked to any of these channels."""
    if not channel_ids:
        return []
    query = select(Team).where(col(Team.channel_id).in_(channel_ids)).order_by(col(Team.id))
    return list(session.exec(query))


TEAM_SETTINGS = frozenset(
    {
        "prompt_weekday",
        "prompt_minute",
        "paused",
        "skip_holidays",
        "themes",
        "reminder_enabled",
        "digest_weekday",
        "digest_minute",
    }
)


def update_team(*, session: Session, team: Team, **changes: object) -> Team:
    """Change a team's settings (only the fields a teamleider may set)."""
    unknown = changes.keys() - TEAM_SETTINGS
    if unknown:
        raise ValueError(f"not a team setting: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(team, field, value)
    session.add(team)
    session.flush()
    return team
