"""Finding 6: only members of the installing workspace (or its Enterprise Grid org) count.

Payloads from another workspace (a Slack Connect channel's other side) are acknowledged and
ignored; PARTNER_WORKSPACES may name partner workspaces whose members do count.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text

from bot import ids
from bot.posting import PromptPoster
from bot.workspace import Actor, Home, actor_of
from tests.conftest import SIGNING_SECRET, Workspace, make_team
from tests.fakes.slack_api import FakeSlack
from tests.helpers import payloads, signing
from tests.helpers.modal import answer_values

TUESDAY_9 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)


def posted_prompt(poster: PromptPoster, engine: Engine) -> tuple[int, str]:
    make_team(engine, channel_id="C0NOORD")
    [result] = poster.post_due_prompts(TUESDAY_9)
    assert result.outcome == "posted"
    with engine.connect() as connection:
        slot_id, ts = connection.execute(text("SELECT id, message_ts FROM prompt_slot")).one()
    return int(slot_id), str(ts)


def answer_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM answer")).scalar() or 0)


def reply_in_thread(workspace: Workspace, parent: str, *, user: str, team: str, n: int) -> None:
    event = payloads.message_event(
        channel="C0NOORD", user=user, text="Goed punt, dank je.", ts=f"1763974800.{n:06d}",
        thread_ts=parent, team_id=team,
    )  # fmt: skip
    body = payloads.shared_channel_event(event, actor_team=team, event_id=f"EvCONNECT{n}")
    status, _, _ = signing.post_event(workspace.url, SIGNING_SECRET, body)
    assert status == 200


def test_a_reply_from_the_other_side_of_a_shared_channel_is_not_the_teams_answer(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    reply_in_thread(workspace, parent, user="U0EXTERN", team="T0ANDER", n=1)
    reply_in_thread(workspace, parent, user="U0LID", team="T0TEST", n=2)  # our own member
    workspace.fake.wait_for("reactions.add", count=1)
    workspace.settle()
    assert answer_count(sqlite_engine) == 1
    [reaction] = workspace.fake.calls("reactions.add")
    assert reaction.args["timestamp"] == "1763974800.000002"


def test_an_edit_from_the_other_side_does_not_touch_the_teams_answers(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    edited = payloads.message_changed_event(channel="C0NOORD", user="U0EXTERN", text="Nieuw",
                                            ts="1763974800.000009", thread_ts=parent,
                                            team_id="T0ANDER")  # fmt: skip
    body = payloads.shared_channel_event(edited, actor_team="T0ANDER", event_id="EvEDIT")
    assert signing.post_event(workspace.url, SIGNING_SECRET, body)[0] == 200
    workspace.settle()
    assert answer_count(sqlite_engine) == 0


def test_a_modal_answer_from_another_workspace_is_refused_and_the_text_stays(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    slot_id, _ = posted_prompt(poster, sqlite_engine)
    workspace.fake.add_channel("C0NOORD", members=["U0LEIDER", "W0EXTERN"])
    payload = payloads.connect_view_submission(
        ids.ANSWER_MODAL_CALLBACK, answer_values("Van de andere kant"), user_id="W0EXTERN",
        actor_team="T0ANDER", actor_enterprise="E0ANDER", private_metadata=str(slot_id),
    )  # fmt: skip
    status, body = workspace.submit_view(payload)
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"  # the modal stays open, nothing is lost
    assert "alleen voor de medewerkers" in answer["errors"][ids.ANSWER_BLOCK]
    assert answer_count(sqlite_engine) == 0


def test_koppel_from_another_workspace_links_nothing(
    workspace: Workspace, sqlite_engine: Engine
) -> None:
    fields = payloads.slash_command(command="/wijkteam", text="koppel Wijkteam Extern",
                                    user_id="U0EXTERN", team_id="T0ANDER",
                                    response_url=workspace.fake.response_url())  # fmt: skip
    status, _headers, body = signing.post_command(workspace.url, SIGNING_SECRET, **fields)
    assert status == 200 and "alleen voor de medewerkers" in json.loads(body)["text"]
    workspace.settle()
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM team")).scalar() == 0
    assert workspace.fake.calls("response_url") == []


@pytest.mark.parametrize("extra_env", [{"PARTNER_WORKSPACES": "T0KETEN"}])
def test_a_named_partner_workspace_counts(
    workspace: Workspace, poster: PromptPoster, sqlite_engine: Engine
) -> None:
    _, parent = posted_prompt(poster, sqlite_engine)
    reply_in_thread(workspace, parent, user="U0KETEN", team="T0KETEN", n=3)
    reply_in_thread(workspace, parent, user="U0EXTERN", team="T0ANDER", n=4)
    workspace.fake.wait_for("reactions.add", count=1)
    workspace.settle()
    assert answer_count(sqlite_engine) == 1


@pytest.fixture
def grid_org(fake_slack: FakeSlack) -> str:
    """The installing workspace is part of an Enterprise Grid org (auth.test says so)."""
    fake_slack.enterprise_id = "E0GEMEENTE"
    return fake_slack.enterprise_id


def test_another_workspace_of_our_own_grid_org_counts(
    grid_org: str, workspace: Workspace, sqlite_engine: Engine
) -> None:
    fields = payloads.slash_command(command="/wijkteam", text="koppel Wijkteam Oost",
                                    user_id="W0COLLEGA", team_id="T0ZUSTER",
                                    response_url=workspace.fake.response_url())  # fmt: skip
    fields["enterprise_id"] = grid_org
    assert signing.post_command(workspace.url, SIGNING_SECRET, **fields)[0] == 200
    [answer] = workspace.fake.wait_for("response_url")
    assert "is nu het kanaal van *Wijkteam Oost*" in answer.args["text"]


def test_where_the_actor_sits_in_each_payload_shape() -> None:
    """bolt-python's own Slack Connect examples (tests/slack_bolt/request/test_internals.py)."""
    installed = Home(team_id="INSTALLED_TEAM_ID", enterprise_id="INSTALLED_ENTERPRISE_ID")
    from_actor = {
        "team_id": "TEAM_ID_ACTOR", "enterprise_id": "ENTERPRISE_ID_ACTOR",
        "context_team_id": "INSTALLED_TEAM_ID", "type": "event_callback",
        "event": {"type": "message", "user": "USER_ID_ACTOR", "team": "TEAM_ID_ACTOR",
                  "channel": "C111"},
        "is_ext_shared_channel": True,
    }  # fmt: skip
    assert actor_of(from_actor) == Actor("TEAM_ID_ACTOR", "ENTERPRISE_ID_ACTOR")
    assert not installed.includes(Actor("TEAM_ID_ACTOR", "ENTERPRISE_ID_ACTOR"))
    grid_mention = {
        "team_id": "INSTALLED_TEAM_ID", "type": "event_callback", "is_ext_shared_channel": True,
        "event": {"type": "app_mention", "user": "USER_ID_ACTOR", "team": "INSTALLED_TEAM_ID",
                  "user_team": "ENTERPRISE_ID_ACTOR", "source_team": "ENTERPRISE_ID_ACTOR"},
    }  # fmt: skip
    assert actor_of(grid_mention) == Actor(None, "ENTERPRISE_ID_ACTOR")
    not_shared = {"type": "event_callback", "event": {"type": "message", "team": "T0OTHER"}}
    assert actor_of(not_shared) is None  # a channel of our own: every member counts
    unknown = {"type": "event_callback", "is_ext_shared_channel": True,
               "event": {"type": "reaction_added", "user": "U1"}}  # fmt: skip
    assert not installed.includes(actor_of(unknown) or Actor("x", "y"))  # unknown: not trusted
    assert installed.includes(Actor("T0OTHER", "INSTALLED_ENTERPRISE_ID"))  # same Grid org
    assert Home("T1", None, frozenset({"T2"})).includes(Actor("T2", None))
