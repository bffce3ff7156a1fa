"""/wijkteam over real, signed HTTP against the real Bolt app and a fake Slack."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from storage import teams
from storage.engine import session_scope
from tests.conftest import LINKED_SINCE, Workspace


def test_first_koppel_links_the_channel_and_makes_the_caller_teamleider(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    reply = workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0LEIDER")
    assert "Wijkteam Noord" in reply["text"]
    assert "eerste teamleider" in reply["text"]
    assert reply["response_type"] == "ephemeral"
    with session_scope(sqlite_engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None and team.name == "Wijkteam Noord"
        assert teams.list_teamleiders(session=session, team=team) == ["U0LEIDER"]


def test_teamleider_adds_a_colleague_with_either_mention_form(workspace: Workspace) -> None:
    workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0LEIDER")
    first = workspace.command("/wijkteam", "leider <@U0FATIMA|fatima>", user="U0LEIDER")
    assert "<@U0FATIMA>" in first["text"] and "teamleider" in first["text"]
    second = workspace.command("/wijkteam", "leider <@U0JOOST>", user="U0FATIMA")
    assert "<@U0JOOST>" in second["text"]
    status = workspace.command("/wijkteam", "status", user="U0LID")
    for leader in ("U0LEIDER", "U0FATIMA", "U0JOOST"):
        assert f"<@{leader}>" in status["text"]


def test_a_member_who_is_not_teamleider_gets_a_friendly_refusal(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0LEIDER")
    reply = workspace.command("/wijkteam", "leider <@U0LID>", user="U0LID")
    assert "Alleen teamleiders" in reply["text"]
    assert "<@U0LEIDER>" in reply["text"]
    renamed = workspace.command("/wijkteam", "koppel Wijkteam Zuid", user="U0LID")
    assert "Alleen teamleiders" in renamed["text"]
    with session_scope(sqlite_engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None and team.name == "Wijkteam Noord"
        assert not teams.is_teamleider(session=session, team=team, user_id="U0LID")


def test_bot_not_in_channel_explains_how_to_invite_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    workspace.fake.add_channel("C0ZUID", name="wijkteam-zuid", is_member=False)
    reply = workspace.command("/wijkteam", "koppel Wijkteam Zuid", channel="C0ZUID")
    assert "/invite @Reflectiebot" in reply["text"]
    with session_scope(sqlite_engine) as session:
        assert teams.get_team_by_channel(session=session, channel_id="C0ZUID") is None


def test_private_channel_the_bot_cannot_see_is_treated_as_not_invited(
    workspace: Workspace,
) -> None:
    reply = workspace.command("/wijkteam", "koppel Geheim Team", channel="C0ONZICHTBAAR")
    assert "/invite @Reflectiebot" in reply["text"]


def test_status_help_and_unknown_subcommands(workspace: Workspace) -> None:
    not_linked = workspace.command("/wijkteam", "status")
    assert "nog niet gekoppeld" in not_linked["text"]
    help_reply = workspace.command("/wijkteam", "help")
    for sub in ("koppel", "leider", "status", "schema", "pauze", "hervat", "themas"):
        assert f"/wijkteam {sub}" in help_reply["text"]
    unknown = workspace.command("/wijkteam", "verwijder alles")
    assert "Ik ken `verwijder` niet" in unknown["text"]
    assert "/wijkteam koppel" in unknown["text"]


def test_team_name_is_escaped_so_it_cannot_ping_the_channel(workspace: Workspace) -> None:
    reply = workspace.command("/wijkteam", "koppel &lt;!channel&gt; Noord")
    assert "<!channel>" not in reply["text"]
    assert "&lt;!channel&gt; Noord" in reply["text"]


def test_koppel_in_a_direct_message_is_refused(workspace: Workspace) -> None:
    reply = workspace.command("/wijkteam", "koppel Noord", channel="D0PRIVE")
    assert "kanaal van je wijkteam" in reply["text"]


def test_slack_error_while_checking_the_channel_is_answered_politely(
    workspace: Workspace,
) -> None:
    workspace.fake.fail("conversations.info", error="internal_error")
    reply = workspace.command("/wijkteam", "koppel Wijkteam Noord")
    assert "probeer het zo opnieuw" in reply["text"].lower()


BEHEER = {"FUNCTIONEEL_BEHEERDERS": "U0BEHEER"}


@pytest.mark.parametrize("extra_env", [BEHEER])
def test_with_functioneel_beheerders_only_they_link_and_appoint_the_first_teamleider(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    """Finding 10: a municipality decides who links teams (FUNCTIONEEL_BEHEERDERS)."""
    refused = workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0LEIDER")
    assert "functioneel beheerders" in refused["text"] and "<@U0BEHEER>" in refused["text"]
    with session_scope(sqlite_engine) as session:
        assert teams.get_team_by_channel(session=session, channel_id="C0NOORD") is None

    linked = workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0BEHEER")
    assert "nog geen teamleider" in linked["text"]
    grab = workspace.command("/wijkteam", "leider <@U0LEIDER>", user="U0LEIDER")
    assert "functioneel beheerder" in grab["text"]
    appointed = workspace.command("/wijkteam", "leider <@U0LEIDER>", user="U0BEHEER")
    assert "<@U0LEIDER> is nu teamleider" in appointed["text"]
    added = workspace.command("/wijkteam", "leider <@U0LID>", user="U0LEIDER")  # then as ever
    assert "<@U0LID> is nu teamleider" in added["text"]
    with session_scope(sqlite_engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None
        assert teams.list_teamleiders(session=session, team=team) == ["U0LEIDER", "U0LID"]


def test_without_functioneel_beheerders_a_leaderless_team_gets_one_from_anyone_in_it(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    with session_scope(sqlite_engine) as session:  # e.g. after its last teamleider was erased
        teams.create_team(session=session, channel_id="C0NOORD", name="Noord", leader_id=None,
                          now=LINKED_SINCE)  # fmt: skip
    reply = workspace.command("/wijkteam", "leider <@U0LID>", user="U0LID")
    assert "<@U0LID> is nu teamleider" in reply["text"]
