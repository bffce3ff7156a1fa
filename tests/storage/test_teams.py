"""Team queries on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from storage import teams
from storage.engine import session_scope
from tests.conftest import LINKED_SINCE


def test_a_linked_channel_has_its_team_and_first_teamleider(engine: Engine) -> None:
    with session_scope(engine) as session:
        teams.create_team(
            session=session,
            channel_id="C0NOORD",
            name="Wijkteam Noord",
            leader_id="U0LEIDER",
            now=LINKED_SINCE,
        )
    with session_scope(engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None
        assert team.name == "Wijkteam Noord"
        assert team.created_at.tzinfo is UTC
        assert teams.list_teamleiders(session=session, team=team) == ["U0LEIDER"]
        assert teams.is_teamleider(session=session, team=team, user_id="U0LEIDER")
        assert not teams.is_teamleider(session=session, team=team, user_id="U0LID")
        assert teams.get_team_by_channel(session=session, channel_id="C0ZUID") is None


def test_one_channel_cannot_hold_two_teams(engine: Engine) -> None:
    with session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0NOORD", name="Noord", leader_id="U1", now=LINKED_SINCE
        )
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        teams.create_team(
            session=session, channel_id="C0NOORD", name="Noord 2", leader_id="U2", now=LINKED_SINCE
        )


def test_adding_a_teamleider_twice_keeps_one(engine: Engine) -> None:
    with session_scope(engine) as session:
        team = teams.create_team(
            session=session, channel_id="C0NOORD", name="N", leader_id="U1", now=LINKED_SINCE
        )
        assert (
            teams.add_teamleider(session=session, team=team, user_id="U2", now=LINKED_SINCE) is True
        )
        assert (
            teams.add_teamleider(session=session, team=team, user_id="U2", now=LINKED_SINCE)
            is False
        )
    with session_scope(engine) as session:
        found = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert found is not None
        assert teams.list_teamleiders(session=session, team=found) == ["U1", "U2"]
