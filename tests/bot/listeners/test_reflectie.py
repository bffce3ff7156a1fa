"""/reflectie and the prompt settings of /wijkteam, over signed HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot import ids
from bot.posting import PromptPoster
from storage import teams
from storage.engine import session_scope
from tests.conftest import Workspace, make_team

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=AMS).astimezone(UTC)


def buttons(reply: dict) -> list[dict]:
    return [e for b in reply.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def test_reflectie_shows_the_current_prompt_privately_with_the_answer_button(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    poster.post_due_prompts(TUESDAY_9)
    reply = workspace.command("/reflectie", "", user="U0LID", channel="C0NOORD")
    assert reply["response_type"] == "ephemeral"
    [button] = buttons(reply)
    assert button["action_id"] == ids.ANSWER_PRIVATELY_ACTION


def test_reflectie_outside_the_team_channel_finds_the_users_team(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD")
    poster.post_due_prompts(TUESDAY_9)
    workspace.fake.add_channel("C0NOORD", name="wijkteam-noord", is_member=True, members=["U0LID"])
    reply = workspace.command("/reflectie", "", user="U0LID", channel="D0PRIVE")
    assert len(buttons(reply)) == 1


def test_reflectie_for_someone_in_no_team_explains_how_to_get_one(workspace: Workspace) -> None:
    reply = workspace.command("/reflectie", "", user="U0NIEUW", channel="D0PRIVE")
    assert "nog niet in het kanaal van een wijkteam" in reply["text"]


def test_reflectie_nu_posts_for_a_teamleider_and_refuses_others(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    make_team(sqlite_engine, channel_id="C0NOORD", leaders=("U0LEIDER",))
    refused = workspace.command("/reflectie", "nu", user="U0LID")
    assert "Alleen teamleiders" in refused["text"]
    assert workspace.fake.messages("C0NOORD") == []
    posted = workspace.command("/reflectie", "nu", user="U0LEIDER")
    assert "staat in het kanaal" in posted["text"]
    assert len(workspace.fake.messages("C0NOORD")) == 1
    again = workspace.command("/reflectie", "nu", user="U0LEIDER")
    assert "al een extra vraag" in again["text"]
    assert len(workspace.fake.messages("C0NOORD")) == 1


def test_teamleider_sets_schedule_themes_reminder_and_holidays(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    workspace.command("/wijkteam", "koppel Wijkteam Noord")
    assert "donderdag 13:15" in workspace.command("/wijkteam", "schema do 13.15")["text"]
    bad = workspace.command("/wijkteam", "schema dinsdag 25:00")
    assert "bestaat niet" in bad["text"]
    themes = workspace.command("/wijkteam", "themas doorverwijzing, casuïstiek")
    assert "doorverwijzing en casuïstiek" in themes["text"]
    assert "aan" in workspace.command("/wijkteam", "herinnering aan")["text"]
    workspace.command("/wijkteam", "feestdagen uit")
    with session_scope(sqlite_engine) as session:
        team = teams.get_team_by_channel(session=session, channel_id="C0NOORD")
        assert team is not None
        assert (team.prompt_weekday, team.prompt_minute) == (3, 13 * 60 + 15)
        assert team.themes == "doorverwijzing,casuistiek"
        assert team.reminder_enabled and not team.skip_holidays
    status = workspace.command("/wijkteam", "status", user="U0LID")
    assert "elke donderdag 13:15" in status["text"]
    assert "De volgende reflectievraag komt op donderdag" in status["text"]


def test_pause_and_resume_are_for_teamleiders_only(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    workspace.command("/wijkteam", "koppel Wijkteam Noord", user="U0LEIDER")
    assert "Alleen teamleiders" in workspace.command("/wijkteam", "pauze", user="U0LID")["text"]
    assert "op pauze" in workspace.command("/wijkteam", "pauze", user="U0LEIDER")["text"]
    assert "op pauze" in workspace.command("/wijkteam", "status", user="U0LID")["text"]
    assert "weer aan" in workspace.command("/wijkteam", "hervat", user="U0LEIDER")["text"]
