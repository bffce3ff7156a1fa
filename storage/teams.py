"""Queries about teams and their teamleiders. Every function takes a keyword-only session."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Team, Teamleider


def get_team_by_channel(*, session: Session, channel_id: str) -> Team | None:
    """The team linked to a channel, if any."""
    return session.exec(select(Team).where(Team.channel_id == channel_id)).first()


def create_team(*, session: Session, channel_id: str, name: str, leader_id: str) -> Team:
    """Link a channel to a new team with its first teamleider."""
    team = Team(channel_id=channel_id, name=name)
    session.add(team)
    session.flush()
    assert team.id is not None
    session.add(Teamleider(team_id=team.id, user_id=leader_id))
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


def add_teamleider(*, session: Session, team: Team, user_id: str) -> bool:
    """Make a user teamleider; False when they already were."""
    if is_teamleider(session=session, team=team, user_id=user_id):
        return False
    assert team.id is not None
    session.add(Teamleider(team_id=team.id, user_id=user_id))
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
